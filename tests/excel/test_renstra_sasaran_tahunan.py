"""The per-year sasaran of a program (issue 11 item 4) is a column of the Renstra workbook
too ("Sasaran per Tahun", e.g. '2025=S1.1; 2026=-'): exported, imported, checked, and
absent from older workbooks without touching what is stored."""

import pytest

from anggaran import renstra_xlsx as excel
from anggaran.renstra_impor import renstra_impor
from renstra.models import ProgramSasaranTahunan
from tests.excel.helpers import as_file, buat_rencana, periode_of
from tests.factories import SasaranFactory

TAHUN = list(range(2021, 2027))


def test_the_cell_syntax_reads_years_to_sasaran_codes_and_dash_as_support_program():
    assert excel.baca_sasaran_tahunan("2025=S1.1; 2026=-", TAHUN) == {2025: "S1.1", 2026: ""}
    assert excel.baca_sasaran_tahunan(" ; 2022 = S2 ;", TAHUN) == {2022: "S2"}
    assert excel.baca_sasaran_tahunan("", TAHUN) == {}


def test_the_cell_syntax_is_written_back_in_year_order():
    teks = excel.tulis_sasaran_tahunan({2026: "", 2025: "S1.1"})
    assert teks == "2025=S1.1; 2026=-"
    assert excel.baca_sasaran_tahunan(teks, TAHUN) == {2025: "S1.1", 2026: ""}


@pytest.mark.parametrize(
    ("teks", "alasan"),
    [
        ("2025", "tidak sesuai format"),
        ("tahun=S1", "tidak sesuai format"),
        ("2025=", "tidak sesuai format"),
        ("2030=S1", "di luar periode Renstra 2021–2026"),
        ("2025=S1; 2025=-", "disebut dua kali"),
    ],
)
def test_a_malformed_cell_is_refused_with_its_reason(teks, alasan):
    with pytest.raises(ValueError, match=alasan):
        excel.baca_sasaran_tahunan(teks, TAHUN)


def impor(opd, berkas):
    return renstra_impor(opd=opd, tahun_awal=2021, tahun_akhir=2026, berkas=berkas)


def _kolom(ws, judul):
    return next(c.column for c in ws[1] if c.value == judul)


def _program(periode):
    return periode.program_set.get(kode="1.06.04")


@pytest.fixture
def periode(db):
    periode = buat_rencana()
    sasaran_2 = SasaranFactory(tujuan=periode.tujuan_set.get(), kode="S1.2", uraian="Kedua")
    program = _program(periode)
    ProgramSasaranTahunan.objects.create(program=program, tahun=2025, sasaran=sasaran_2)
    ProgramSasaranTahunan.objects.create(program=program, tahun=2026, sasaran=None)
    return periode


def _tersimpan(periode):
    return {
        (g.tahun, g.sasaran.kode if g.sasaran else "")
        for g in ProgramSasaranTahunan.objects.filter(program__periode=periode)
    }


def test_the_per_year_sasaran_goes_out_and_back_through_the_workbook(periode):
    opd = periode.opd
    wb = excel.renstra_export(periode)
    ws = wb[excel.SHEET_PROGRAM]
    assert ws.cell(row=2, column=_kolom(ws, excel.SASARAN_TAHUNAN)).value == "2025=S1.2; 2026=-"
    periode.delete()

    hasil = impor(opd, as_file(wb))

    assert hasil.kesalahan == []
    assert _tersimpan(periode_of(opd)) == {(2025, "S1.2"), (2026, "")}


def test_a_changed_cell_replaces_the_years_and_an_empty_one_clears_them(periode):
    wb = excel.renstra_export(periode)
    ws = wb[excel.SHEET_PROGRAM]
    sel = ws.cell(row=2, column=_kolom(ws, excel.SASARAN_TAHUNAN))
    sel.value = "2023=S1.2"
    assert impor(periode.opd, as_file(wb)).kesalahan == []
    assert _tersimpan(periode) == {(2023, "S1.2")}
    sel.value = None
    assert impor(periode.opd, as_file(wb)).kesalahan == []
    assert _tersimpan(periode) == set()


def test_a_workbook_without_the_column_keeps_the_stored_years(periode):
    wb = excel.renstra_export(periode)
    ws = wb[excel.SHEET_PROGRAM]
    ws.delete_cols(_kolom(ws, excel.SASARAN_TAHUNAN))

    assert impor(periode.opd, as_file(wb)).kesalahan == []
    assert _tersimpan(periode) == {(2025, "S1.2"), (2026, "")}


def test_an_unknown_sasaran_code_or_bad_year_is_named_and_nothing_changes(periode):
    wb = excel.renstra_export(periode)
    ws = wb[excel.SHEET_PROGRAM]
    kolom = _kolom(ws, excel.SASARAN_TAHUNAN)
    ws.cell(row=2, column=kolom).value = "2025=S9"
    messages = [str(k) for k in impor(periode.opd, as_file(wb)).kesalahan]
    assert any("Kode sasaran tidak ditemukan di sheet Sasaran" in m for m in messages)
    ws.cell(row=2, column=kolom).value = "2019=S1.1"
    messages = [str(k) for k in impor(periode.opd, as_file(wb)).kesalahan]
    assert any("Tahun 2019 di luar periode Renstra" in m for m in messages)
    assert _tersimpan(periode) == {(2025, "S1.2"), (2026, "")}
