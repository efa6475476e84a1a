"""Settings of an indicator that the admin can set have Renstra workbook columns too (issue
11 item 4): the negative-rule override and the programs / kegiatan serving it."""

import pytest

from anggaran import renstra_xlsx as excel
from anggaran.renstra_impor import renstra_impor
from renstra.models import Indikator
from tests.excel.helpers import as_file, buat_rencana, periode_of

pytestmark = pytest.mark.django_db


def impor(opd, berkas):
    return renstra_impor(opd=opd, tahun_awal=2021, tahun_akhir=2026, berkas=berkas)


def _kolom(ws, judul):
    return next(c.column for c in ws[1] if c.value == judul)


def test_the_negative_rule_override_goes_out_and_back_through_the_workbook():
    periode = buat_rencana()
    opd = periode.opd
    ind = periode.indikator_set.order_by("pk").first()
    ind.polaritas, ind.rumus_negatif = Indikator.Polaritas.NEGATIF, Indikator.RumusNegatif.KEBALIKAN
    ind.save()
    kunci = (ind.uraian, ind.kode)
    wb = excel.renstra_export(periode)
    ws = wb[excel.SHEET_INDIKATOR]
    kolom = _kolom(ws, "Rumus Negatif")
    assert [c.value for c in ws[ind_row(ws, ind.uraian)]][kolom - 1] == "kebalikan"
    periode.delete()

    hasil = impor(opd, as_file(wb))

    assert hasil.kesalahan == []
    baru = periode_of(opd).indikator_set.get(uraian=kunci[0], kode=kunci[1])
    assert baru.rumus_negatif == "kebalikan"
    assert set(periode_of(opd).indikator_set.values_list("rumus_negatif", flat=True)) == {
        "kebalikan",
        "",
    }


def ind_row(ws, uraian):
    kolom = _kolom(ws, "Uraian")
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=kolom).value == uraian)


def test_an_emptied_cell_falls_back_to_the_pemda_rule_and_a_bad_one_is_named():
    periode = buat_rencana()
    ind = periode.indikator_set.order_by("pk").first()
    ind.rumus_negatif = Indikator.RumusNegatif.KEBALIKAN
    ind.save()
    wb = excel.renstra_export(periode)
    ws = wb[excel.SHEET_INDIKATOR]
    ws.cell(row=ind_row(ws, ind.uraian), column=_kolom(ws, "Rumus Negatif")).value = None
    assert impor(periode.opd, as_file(wb)).kesalahan == []
    ind.refresh_from_db()
    assert ind.rumus_negatif == ""

    ws.cell(row=ind_row(ws, ind.uraian), column=_kolom(ws, "Rumus Negatif"), value="terbalik")
    messages = [str(k) for k in impor(periode.opd, as_file(wb)).kesalahan]
    assert any("Nilai tidak dikenal; pilih salah satu: selisih, kebalikan" in m for m in messages)


def test_a_workbook_without_the_column_still_imports_and_keeps_the_stored_rule():
    periode = buat_rencana()
    ind = periode.indikator_set.order_by("pk").first()
    ind.rumus_negatif = Indikator.RumusNegatif.KEBALIKAN
    ind.save()
    wb = excel.renstra_export(periode)
    ws = wb[excel.SHEET_INDIKATOR]
    ws.delete_cols(_kolom(ws, "Rumus Negatif"))

    assert impor(periode.opd, as_file(wb)).kesalahan == []
    ind.refresh_from_db()
    assert ind.rumus_negatif == "kebalikan"


def test_the_serving_programs_and_kegiatan_go_out_and_back_through_the_workbook():
    periode = buat_rencana()
    opd = periode.opd
    ind = periode.indikator_set.filter(sasaran__isnull=False).order_by("pk").first()
    program = periode.program_set.get()
    kegiatan = program.kegiatan_set.get()
    ind.program_penunjang.add(program)
    ind.kegiatan_penunjang.add(kegiatan)
    wb = excel.renstra_export(periode)
    ws = wb[excel.SHEET_INDIKATOR]
    cell = ws.cell(row=ind_row(ws, ind.uraian), column=_kolom(ws, excel.PENUNJANG))
    assert cell.value == f"{program.kode}; {kegiatan.kode}"
    uraian = ind.uraian
    periode.delete()

    assert impor(opd, as_file(wb)).kesalahan == []
    baru = periode_of(opd).indikator_set.get(uraian=uraian)
    assert [p.kode for p in baru.program_penunjang.all()] == [program.kode]
    assert [k.kode for k in baru.kegiatan_penunjang.all()] == [kegiatan.kode]

    cell = ws.cell(row=ind_row(ws, uraian), column=_kolom(ws, excel.PENUNJANG))
    cell.value = "9.99.99"
    messages = [str(k) for k in impor(opd, as_file(wb)).kesalahan]
    assert any(
        "[9.99.99]: Kode program / kegiatan penunjang tidak ditemukan" in m for m in messages
    )
    assert [p.kode for p in baru.program_penunjang.all()] == [program.kode]

    cell.value = None
    assert impor(opd, as_file(wb)).kesalahan == []
    assert not baru.program_penunjang.exists() and not baru.kegiatan_penunjang.exists()
