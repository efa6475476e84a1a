"""The indicator and sub-kegiatan listings (issue 4 item 7): scoping, filters, figures and
CSV/XLSX export. Their query counts are pinned in tests/kinerja/test_views_daftar.py."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest

from tests.factories import buat_dunia_dasbor, buat_pengguna_dasbor

pytestmark = pytest.mark.django_db

INDIKATOR = "/kinerja/indikator/"
SUB = "/kinerja/sub-kegiatan/"


@pytest.fixture
def dunia():
    d = buat_dunia_dasbor(n=2)
    d["users"] = buat_pengguna_dasbor(d)
    return d


def _records(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response, [row.record for row in response.context["table"].rows]


def test_operator_lists_only_the_indicators_of_their_unit(client, dunia):
    a = dunia["a"]
    _, records = _records(client, dunia["users"]["operator_a2"], INDIKATOR)
    expected = {sub.indikator_set.get().pk for sub in a["subs"] if sub.unit == a["units"][1]}
    assert {r.pk for r in records} == expected
    # A1 also answers for the sasaran indicators (penanggung jawab).
    _, records = _records(client, dunia["users"]["operator_a1"], INDIKATOR)
    assert {i.pk for i in a["indikator_sasaran"]} <= {r.pk for r in records}


def test_perencana_lists_their_opd_and_pimpinan_every_opd(client, dunia):
    _, records = _records(client, dunia["users"]["perencana_a"], INDIKATOR)
    assert {r.periode.opd.slug for r in records} == {"dinas-a"}
    assert len(records) == 2 + 4  # two sasaran indicators, four sub-kegiatan indicators
    _, records = _records(client, dunia["users"]["pimpinan"], INDIKATOR + "?per_page=50")
    assert {r.periode.opd.slug for r in records} == {"dinas-a", "dinas-b"}


def test_status_belum_lists_what_is_still_missing_for_the_quarter(client, dunia):
    a = dunia["a"]
    _, records = _records(client, dunia["users"]["perencana_a"], INDIKATOR + "?status=belum")
    # Sasaran indicators 0 is filled (i % 2 == 0), 1 is not; of the sub-kegiatan indicators
    # only those of unit A1 are filled.
    missing = {a["indikator_sasaran"][1].pk} | {
        sub.indikator_set.get().pk for sub in a["subs"] if sub.unit == a["units"][1]
    }
    assert {r.pk for r in records} == missing
    _, records = _records(client, dunia["users"]["perencana_a"], INDIKATOR + "?status=diajukan")
    assert {r.pk for r in records} == {a["indikator_sasaran"][0].pk}


def test_iku_and_level_filters(client, dunia):
    _, records = _records(client, dunia["users"]["perencana_a"], INDIKATOR + "?iku=ya")
    assert [r.pk for r in records] == [dunia["a"]["indikator_sasaran"][0].pk]
    _, records = _records(client, dunia["users"]["perencana_a"], INDIKATOR + "?level=sub_kegiatan")
    assert {r.level for r in records} == {"sub_kegiatan"}


def test_indicator_rows_show_targets_realisation_and_capaian(client, dunia):
    response, _ = _records(client, dunia["users"]["perencana_a"], INDIKATOR + "?iku=ya")
    html = response.content.decode()
    assert "Target 2025" in html and "Target TW I" in html
    assert "Realisasi s.d. TW I" in html
    assert "50,00%" in html and "Sangat Rendah" in html  # 40 to date against the yearly 80
    assert "200,00%" in html  # and against the TW I target 20


def test_invalid_filter_is_reported_and_lists_nothing(client, dunia):
    response, records = _records(client, dunia["users"]["perencana_a"], INDIKATOR + "?tahun=1999")
    assert records == []
    assert "Tahun paling awal 2000." in response.content.decode()


def test_indicator_xlsx_export_has_numbers(client, dunia):
    client.force_login(dunia["users"]["perencana_a"])
    response = client.get(INDIKATOR + "?_export=xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="indikator.xlsx"'
    rows = list(
        openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    )
    header = rows[0]
    assert "Indikator" in header and "Kode" in header
    targets = [row[header.index("Target 2025")] for row in rows[1:]]
    assert len(rows) - 1 == 6
    assert all(isinstance(t, (int, float)) for t in targets)
    assert set(targets) == {80, 100}
    capaian = [row[header.index("Capaian s.d. TW I")] for row in rows[1:]]
    assert 50 in capaian
    terhadap_tw = [row[header.index("Capaian thd target TW I")] for row in rows[1:]]
    assert 200 in terhadap_tw


def test_sub_kegiatan_listing_shows_pagu_realisation_and_penyerapan(client, dunia):
    response, records = _records(client, dunia["users"]["perencana_a"], SUB)
    assert len(records) == 4
    html = response.content.decode()
    assert "Rp 100.000.000" in html and "Rp 25.000.000" in html and "25,00%" in html
    _, records = _records(client, dunia["users"]["operator_a1"], SUB)
    assert {r.unit_id for r in records} == {dunia["a"]["units"][0].pk}
    _, records = _records(client, dunia["users"]["perencana_a"], SUB + "?status=belum")
    assert {r.unit_id for r in records} == {dunia["a"]["units"][1].pk}


def test_sub_kegiatan_csv_export_contains_the_rows_with_numbers(client, dunia):
    client.force_login(dunia["users"]["perencana_a"])
    response = client.get(SUB + "?_export=csv")
    data = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    header, body = data[0], data[1:]
    assert len(body) == 4
    pagu = header.index("Pagu berlaku TW I 2025")
    assert {Decimal(row[pagu]) for row in body} == {Decimal(100000000)}
    penyerapan = header.index("Penyerapan s.d. TW I")
    assert sorted(Decimal(row[penyerapan]) for row in body) == [0, 0, 25, 25]


def test_anonymous_user_is_sent_to_login(client, dunia):
    for url in (INDIKATOR, SUB):
        assert client.get(url).status_code == 302


def test_listings_sort_by_a_column_and_paginate(client, dunia):
    _, records = _records(client, dunia["users"]["perencana_a"], SUB + "?sort=-kode")
    kode = [r.kode for r in records]
    assert kode == sorted(kode, reverse=True)
    response, records = _records(
        client, dunia["users"]["pimpinan"], INDIKATOR + "?sort=-target_tahun&per_page=25"
    )
    assert response.context["table"].paginator.per_page == 25
    targets = [r.target_tahun for r in records]
    assert targets == sorted(targets, reverse=True)
    # A page size outside 25/50/100 falls back to 25.
    response, _ = _records(client, dunia["users"]["pimpinan"], INDIKATOR + "?per_page=100000")
    assert response.context["table"].paginator.per_page == 25
