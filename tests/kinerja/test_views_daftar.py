"""The realisation listing (issue 4 item 7), and the query counts of every listing at two
plan sizes (STYLE rule 8)."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sakip import roles
from sakip.alur import StatusRealisasi
from tests import builders
from tests.factories import PenggunaFactory, buat_dunia_dasbor, buat_pengguna_dasbor

pytestmark = pytest.mark.django_db

URL = "/kinerja/realisasi/"


@pytest.fixture
def dunia():
    d = buat_dunia_dasbor(n=1)
    d["users"] = buat_pengguna_dasbor(d)
    return d


def _rows(client, user, query=""):
    client.force_login(user)
    response = client.get(URL + query)
    assert response.status_code == 200
    return response, list(response.context["table"].rows)


def _indikator_ids(rows):
    return {row.record.indikator_id for row in rows}


def test_operator_sees_only_the_realisations_of_their_unit(client, dunia):
    a = dunia["a"]
    iku = a["indikator_sasaran"][0]
    sub_a1_indikator = a["subs"][0].indikator_set.get()
    _, rows = _rows(client, dunia["users"]["operator_a1"])
    assert _indikator_ids(rows) == {iku.pk, sub_a1_indikator.pk}
    _, rows = _rows(client, dunia["users"]["operator_a2"])
    assert rows == []


def test_perencana_sees_their_opd_and_pimpinan_the_whole_pemda(client, dunia):
    _, rows = _rows(client, dunia["users"]["perencana_a"])
    assert {row.record.indikator.periode.opd.slug for row in rows} == {"dinas-a"}
    assert len(rows) == 2
    _, rows = _rows(client, dunia["users"]["pimpinan"])
    assert {row.record.indikator.periode.opd.slug for row in rows} == {"dinas-a", "dinas-b"}
    assert len(rows) == 4


def test_unit_filter_of_an_operator_offers_only_their_unit(client, dunia):
    response, _ = _rows(client, dunia["users"]["operator_a1"])
    units = list(response.context["filter"].form.fields["unit"].queryset)
    assert units == [dunia["a"]["units"][0]]
    # Another unit's id in the URL is refused by the form, and nothing is listed.
    other = dunia["a"]["units"][1].pk
    response, rows = _rows(client, dunia["users"]["operator_a1"], f"?unit={other}")
    assert rows == []
    errors = response.context["filter"].form.errors["unit"]
    assert errors and "pilihan yang valid" in errors[0]
    assert "Saringan tidak sah" in response.content.decode()


def test_rows_show_capaian_to_date_against_the_year_and_against_the_quarter_target(client, dunia):
    response, rows = _rows(client, dunia["users"]["perencana_a"])
    html = response.content.decode()
    # IKU: 40 to date against the yearly 80 -> 50,00%, and against the TW I target 20 ->
    # 200,00%; the sub-kegiatan indicator has no TW target: 30 against the yearly 100.
    assert "50,00%" in html and "Sangat Rendah" in html
    assert "200,00%" in html
    assert "30,00%" in html
    assert "Diajukan" in html and "Draf" in html


def test_status_and_quarter_filters_narrow_the_list(client, dunia):
    _, rows = _rows(client, dunia["users"]["perencana_a"], "?status=diajukan")
    assert [row.record.status for row in rows] == [StatusRealisasi.DIAJUKAN]
    _, rows = _rows(client, dunia["users"]["perencana_a"], "?triwulan=2")
    assert rows == []


def test_invalid_year_is_reported_in_indonesian_and_lists_nothing(client, dunia):
    response, rows = _rows(client, dunia["users"]["perencana_a"], "?tahun=duaribu")
    assert rows == []
    assert "Tahun harus berupa angka" in response.content.decode()


def test_csv_export_contains_every_filtered_row_with_numbers(client, dunia):
    client.force_login(dunia["users"]["pimpinan"])
    response = client.get(URL + "?_export=csv&per_page=25")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="realisasi-kinerja.csv"' in response["Content-Disposition"]
    data = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    header, body = data[0], data[1:]
    assert "Indikator" in header and "Realisasi" in header and "Capaian" in header
    assert len(body) == 4
    nilai = {Decimal(row[header.index("Realisasi")]) for row in body}
    assert nilai == {Decimal(40), Decimal(30)}
    sd = {Decimal(row[header.index("Realisasi s.d. TW")]) for row in body}
    assert sd == {Decimal(40), Decimal(30)}  # TW I is the first quarter: to date = TW I
    capaian = {Decimal(row[header.index("Capaian")]) for row in body}
    assert capaian == {Decimal(50), Decimal(30)}
    terhadap_tw = [row[header.index("Capaian thd target TW")] for row in body]
    assert {Decimal(v) for v in terhadap_tw if v} == {Decimal(200)}


def test_xlsx_export_holds_real_numbers(client, dunia):
    client.force_login(dunia["users"]["perencana_a"])
    response = client.get(URL + "?_export=xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    realisasi = [row[header.index("Realisasi")] for row in rows[1:]]
    assert sorted(realisasi) == [30, 40]
    assert all(isinstance(v, (int, float)) for v in realisasi)
    tahun = {row[header.index("Tahun")] for row in rows[1:]}
    assert tahun == {2025}


# --- query counts of every listing --------------------------------------------------------

# Pinned per listing (session, user, groups, the filter choices, the count, the page, the
# predicate scale, the page's read-model rows (four queries for indicator figures) and the
# page frame); the same at both sizes.
# One query of each reads which realisations the Pemda counts (issue 11 item 7).
LISTINGS = {
    "/kinerja/indikator/?tahun=2023&triwulan=4": 19,
    "/kinerja/sub-kegiatan/?tahun=2023&triwulan=4": 14,
    "/kinerja/realisasi/?tahun=2023": 19,
    "/anggaran/realisasi/?tahun=2023": 14,
}


def _count(client, user, url):
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["table"].page.object_list) >= 20  # a full page of rows
    return len(ctx.captured_queries)


def test_query_counts_of_every_listing_do_not_grow_with_the_plan(client):
    counts = {}
    for kali in (1, 10):
        rencana = builders.build_opd(kali=kali, tahun=2023, triwulan=4)
        perencana = PenggunaFactory(role=roles.PERENCANA, pemda=rencana.opd.pemda, opd=rencana.opd)
        counts[kali] = {url: _count(client, perencana, url) for url in LISTINGS}
    assert rencana.counts["realisasi"] > 500
    assert counts[1] == counts[10] == LISTINGS


def test_a_reader_of_several_pemdas_is_told_which_pemda_each_opd_belongs_to(client):
    """The superuser reads the OPDs of every Pemda: each listing's OPD column names the
    Pemda below the OPD (as the quarter list does), in the same number of queries at both
    plan sizes; a reader of one Pemda sees the OPD alone."""
    counts = {}
    for kali in (1, 10):
        satu = builders.build_opd(kali=kali, tahun=2023, triwulan=4)
        dua = builders.build_opd(kali=1, tahun=2023, triwulan=4)
        admin = PenggunaFactory(username=f"super{kali}", is_superuser=True, is_staff=True)
        client.force_login(admin)
        counts[kali] = {}
        for url in LISTINGS:
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url + "&per_page=100")
            assert response.status_code == 200
            counts[kali][url] = len(ctx.captured_queries)
            assert response.context["table"].banyak_pemda
            teks = {str(row.get_cell("opd")) for row in response.context["table"].rows}
            assert any(satu.opd.pemda.nama in t for t in teks), (url, teks)
            assert any(dua.opd.pemda.nama in t for t in teks) or kali == 10, (url, teks)
        pimpinan = PenggunaFactory(role=roles.PIMPINAN, pemda=satu.opd.pemda)
        client.force_login(pimpinan)
        for url in LISTINGS:
            response = client.get(url)
            table = response.context["table"]
            assert table.columns["opd"].visible and not table.banyak_pemda
            assert all(satu.opd.pemda.nama not in str(row.get_cell("opd")) for row in table.rows)
    assert counts[1] == counts[10]
