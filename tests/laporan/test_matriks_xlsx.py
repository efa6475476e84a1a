"""The Renstra matrix workbooks as the PDF prints them (issue 14, "XLSX"): targets keep their
unit in the number format (80 shows as 80%, never 80.00), a "–" of the document is an empty
cell and never 0, the paper, repeated header rows and signature block are those of the PDF."""

import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from laporan import matriks
from laporan.matriks import umum
from laporan.matriks.umum import format_besaran, rp_xlsx, sel_besaran
from sakip import xlsx

from . import test_matriks

# Lumajang's plan, loaded once for the module (the fixtures of test_matriks).
_lumajang_module = test_matriks._lumajang_module
periode = test_matriks.periode
url = test_matriks.url

pytestmark = pytest.mark.django_db


def _workbook(client, periode, jenis, query=""):
    response = client.get(url(periode, jenis, ".xlsx") + query)
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active


def _baris(ws, kolom, nilai):
    for row in ws.iter_rows(min_row=1):
        if row[kolom - 1].value == nilai:
            return row
    raise AssertionError(f"{nilai!r} tidak ada di kolom {kolom}")


def test_a_target_cell_carries_its_unit_in_the_number_format_not_two_decimals():
    assert format_besaran("%") == 'General"%"'
    assert format_besaran("Orang") == 'General" Orang"'
    assert format_besaran("") == xlsx.FMT_ANGKA


def test_a_dash_of_the_document_is_an_empty_cell_and_never_zero():
    assert sel_besaran(None, "–") is None
    assert sel_besaran(None, "") is None
    assert sel_besaran(None, "Madya") == "Madya"
    assert sel_besaran(0, "0%") == 0  # a real zero target stays a number
    assert rp_xlsx(0) is None and rp_xlsx(None) is None
    assert rp_xlsx(5) == 5


def test_tc27_sheet_writes_targets_with_units_and_leaves_rp_without_pagu_empty(
    periode, admin_client
):
    ws = _workbook(admin_client, periode, "t-c-27")
    program = _baris(ws, 1, "1.06.02")
    # "80%" in the PDF: the number 80 with the unit in its format
    assert program[4].value == 80 and program[4].number_format == 'General"%"'
    assert program[5].number_format == "#,##0"
    doc = matriks.matriks("t-c-27", periode, tanggal=timezone.localdate())
    tanpa_pagu = [(r.kode, i) for r in doc["rows"] for i, p in enumerate(r.pagu) if not p]
    assert tanpa_pagu, "the demo plan has sub kegiatan without pagu in some year"
    for kode, i in tanpa_pagu:
        assert _baris(ws, 1, kode)[5 + 2 * i].value is None  # "–" in the PDF, not 0
    assert not any(
        c.value == 0 for row in ws.iter_rows(min_row=7) for c in row if c.number_format == "#,##0"
    )


def test_matrix_sheets_print_landscape_one_page_wide_with_repeated_headers_and_the_signature(
    periode, admin_client
):
    for jenis in matriks.MATRIKS:
        ws = _workbook(admin_client, periode, jenis)
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.paperSize == 9  # A4
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$5:$6"
        doc = matriks.matriks(jenis, periode)  # dated by its own record, not today
        teks = [c.value for row in ws.iter_rows(min_row=ws.max_row - 9) for c in row if c.value]
        assert umum.baris_tempat_tanggal(doc["ttd"]) in teks
        assert doc["ttd"]["jabatan"].upper() in teks
    assert _workbook(admin_client, periode, "t-c-28", "?kertas=f4").page_setup.paperSize == 14


def test_tc28_writes_the_target_of_every_year_with_the_indicator_unit(periode, admin_client):
    ws = _workbook(admin_client, periode, "t-c-28")
    mandiri = _baris(ws, 2, "Persentase PPKS Mandiri secara Ekonomi dan Fisik")
    assert [c.value for c in mandiri[3:11]] == [
        8.17,
        10.82,
        11.89,
        13.08,
        14.4,
        15.84,
        17.35,
        17.35,
    ]
    assert {c.number_format for c in mandiri[3:11]} == {'General"%"'}
