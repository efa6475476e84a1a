"""The budget-realisation listing (issue 4 item 7): scoping, figures, filters, export. Its
query count is pinned in tests/kinerja/test_views_daftar.py."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest

from tests.factories import RealisasiAnggaranFactory, buat_dunia_dasbor, buat_pengguna_dasbor

pytestmark = pytest.mark.django_db

URL = "/anggaran/realisasi/"


@pytest.fixture
def dunia():
    d = buat_dunia_dasbor(n=1)
    d["users"] = buat_pengguna_dasbor(d)
    # A second quarter for the sub-kegiatan of unit A1: 30 million more.
    RealisasiAnggaranFactory(
        sub_kegiatan=d["a"]["subs"][0], tahun=2025, triwulan=2, jumlah=Decimal("30000000")
    )
    return d


def _records(client, user, query=""):
    client.force_login(user)
    response = client.get(URL + query)
    assert response.status_code == 200
    return response, [row.record for row in response.context["table"].rows]


def test_rows_show_the_quarter_the_cumulated_amount_and_penyerapan(client, dunia):
    response, records = _records(client, dunia["users"]["perencana_a"])
    assert [(r.triwulan, r.realisasi) for r in records] == [
        (2, Decimal("55000000")),
        (1, Decimal("25000000")),
    ]
    html = response.content.decode()
    assert "Rp 30.000.000" in html and "Rp 55.000.000" in html
    assert "55,00%" in html and "25,00%" in html  # of the pagu of Rp 100.000.000


def test_scoping_by_role(client, dunia):
    _, records = _records(client, dunia["users"]["operator_a2"])
    assert records == []
    _, records = _records(client, dunia["users"]["operator_a1"])
    assert {r.sub_kegiatan.unit_id for r in records} == {dunia["a"]["units"][0].pk}
    _, records = _records(client, dunia["users"]["operator_b1"])
    assert {r.sub_kegiatan.periode.opd.slug for r in records} == {"dinas-b"}
    _, records = _records(client, dunia["users"]["pimpinan"])
    assert len(records) == 3


def test_quarter_unit_and_status_filters(client, dunia):
    _, records = _records(client, dunia["users"]["perencana_a"], "?triwulan=2")
    assert [r.triwulan for r in records] == [2]
    unit_a2 = dunia["a"]["units"][1].pk
    _, records = _records(client, dunia["users"]["perencana_a"], f"?unit={unit_a2}")
    assert records == []
    _, records = _records(client, dunia["users"]["perencana_a"], "?status=diverifikasi")
    assert records == []


def test_invalid_quarter_is_reported_in_indonesian(client, dunia):
    response, records = _records(client, dunia["users"]["perencana_a"], "?triwulan=9")
    assert records == []
    assert "pilihan yang valid" in response.content.decode()


def test_exports_contain_the_rows_with_numbers(client, dunia):
    client.force_login(dunia["users"]["perencana_a"])
    response = client.get(URL + "?_export=csv")
    data = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    header, body = data[0], data[1:]
    jumlah = header.index("Realisasi TW")
    assert sorted(Decimal(row[jumlah]) for row in body) == [25000000, 30000000]
    response = client.get(URL + "?_export=xlsx")
    rows = list(
        openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    )
    header = rows[0]
    kumulatif = [row[header.index("Realisasi s.d. TW")] for row in rows[1:]]
    assert sorted(kumulatif) == [25000000, 55000000]
    assert all(isinstance(v, (int, float)) for v in kumulatif)
    penyerapan = [row[header.index("Penyerapan s.d. TW")] for row in rows[1:]]
    assert sorted(penyerapan) == [25, 55]
