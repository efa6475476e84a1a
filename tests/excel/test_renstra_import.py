from decimal import Decimal

import pytest
from openpyxl import load_workbook

from anggaran import renstra_xlsx as excel
from anggaran.models import Pagu
from anggaran.renstra_impor import renstra_impor
from kinerja.models import Realisasi
from renstra.models import Indikator, PeriodeRenstra, SubKegiatan, TargetTahunan, Tujuan
from sakip.xlsx import BerkasTidakValid
from tests.excel.helpers import as_file, buat_rencana, dump_rencana, periode_of
from tests.factories import OPDFactory, RealisasiFactory, UnitFactory

pytestmark = pytest.mark.django_db


def impor(opd, berkas, **kwargs):
    return renstra_impor(opd=opd, tahun_awal=2021, tahun_akhir=2026, berkas=berkas, **kwargs)


def test_export_then_import_into_an_empty_database_gives_the_same_plan():
    periode = buat_rencana()
    opd = periode.opd
    before = dump_rencana(periode)
    berkas = as_file(excel.renstra_export(periode))
    periode.delete()
    assert not Tujuan.objects.exists()

    hasil = impor(opd, berkas)

    assert hasil.kesalahan == []
    assert dump_rencana(periode_of(opd)) == before
    assert hasil.ringkasan["Sub Kegiatan"]["ditambah"] == 2
    assert hasil.ringkasan["Pagu"]["ditambah"] == 12


def test_reimport_of_an_unchanged_export_changes_nothing_and_says_so():
    periode = buat_rencana()
    berkas = as_file(excel.renstra_export(periode))

    hasil = impor(periode.opd, berkas)

    assert hasil.kesalahan == []
    for jenis, counts in hasil.baris_ringkasan():
        assert counts["ditambah"] == 0, jenis
        assert counts["diubah"] == 0, jenis
    assert hasil.ringkasan["Indikator"]["tetap"] == Indikator.objects.count()
    assert hasil.ringkasan["Target"]["tetap"] == TargetTahunan.objects.count()


def test_reimport_updates_in_place_by_code_and_keeps_realisations():
    periode = buat_rencana()
    sub = SubKegiatan.objects.get(kode="1.06.04.2.01.0001")
    indikator = sub.indikator_set.get()
    realisasi = RealisasiFactory(indikator=indikator, tahun=2023, triwulan=1, nilai=Decimal("40"))
    wb = excel.renstra_export(periode)
    ws = wb[excel.SHEET_SUB]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == sub.kode)
    row[header.index("Nama")].value = "Penyediaan Permakanan (diubah)"
    row[header.index("Pagu 2023")].value = 2_000_000_000
    ws.append(["1.06.04.2.01.0099", "1.06.04.2.01", "Sub kegiatan baru", "Rehsos", "Kota Uji"])

    hasil = impor(periode.opd, as_file(wb))

    assert hasil.kesalahan == []
    sub.refresh_from_db()
    assert sub.nama == "Penyediaan Permakanan (diubah)"
    assert Pagu.objects.get(sub_kegiatan=sub, tahun=2023).jumlah == Decimal("2000000000")
    assert SubKegiatan.objects.get(kode="1.06.04.2.01.0099").unit.singkatan == "Rehsos"
    assert hasil.ringkasan["Sub Kegiatan"] == {
        "ditambah": 1,
        "diubah": 1,
        "tetap": 1,
        "dibiarkan": 0,
    }
    assert hasil.ringkasan["Pagu"]["diubah"] == 1
    assert Realisasi.objects.get(pk=realisasi.pk).nilai == Decimal("40")
    assert PeriodeRenstra.objects.count() == 1


def test_dry_run_reports_the_counts_and_writes_nothing():
    periode = buat_rencana()
    opd = periode.opd
    berkas = as_file(excel.renstra_export(periode))
    periode.delete()

    hasil = impor(opd, berkas, dry_run=True)

    assert hasil.kesalahan == []
    assert hasil.ringkasan["Tujuan"]["ditambah"] == 1
    assert not PeriodeRenstra.objects.exists()
    assert not Indikator.objects.exists()


def test_template_filled_by_hand_with_indonesian_numbers_imports():
    opd = OPDFactory()
    UnitFactory(opd=opd, nama="Bidang Pemberdayaan Sosial", singkatan="Dayasos")
    wb = excel.renstra_template(opd, 2021, 2026)
    wb[excel.SHEET_TUJUAN].append(["T1", "Meningkatnya kesejahteraan"])
    wb[excel.SHEET_SASARAN].append(["S1", "T1", "Menurunnya PMKS"])
    wb[excel.SHEET_PROGRAM].append(["1.06.04", "S1", "Program Rehabilitasi Sosial"])
    wb[excel.SHEET_KEGIATAN].append(["1.06.04.2.01", "1.06.04", "Rehabilitasi Sosial Dasar"])
    wb[excel.SHEET_SUB].append(
        [
            "1.06.04.2.01.0001",
            "1.06.04.2.01",
            "Permakanan",
            "Dayasos",
            "Kota Uji",
            "1.765.363.950",
            1765363950,
            None,
            "Rp 2.000.000",
            0,
            5,
        ]
    )
    wb[excel.SHEET_INDIKATOR].append(
        [
            "Sasaran",
            "S1",
            "",
            "Persentase PMKS tertangani",
            "%",
            "persentase",
            "positif",
            None,
            None,
            "terakhir",
            None,
            "Ya",
            None,
            None,
            None,
            None,
            None,
            "80,5",
            2020,
            "86,34",
            87.5,
            "88",
            None,
            89,
            90,
        ]
    )

    hasil = impor(opd, as_file(wb))

    assert hasil.kesalahan == []
    periode = periode_of(opd)
    indikator = Indikator.objects.get(periode=periode)
    assert indikator.is_iku and indikator.kondisi_awal == Decimal("80.5")
    targets = dict(indikator.target_tahunan_set.values_list("tahun", "nilai"))
    assert targets == {
        2021: Decimal("86.34"),
        2022: Decimal("87.5"),
        2023: Decimal("88"),
        2025: Decimal("89"),
        2026: Decimal("90"),
    }
    pagu = dict(Pagu.objects.values_list("tahun", "jumlah"))
    assert pagu == {2021: 1765363950, 2022: 1765363950, 2024: 2000000, 2025: 0, 2026: 5}


def test_template_has_headers_notes_and_validation_lists():
    opd = OPDFactory()
    UnitFactory(opd=opd, nama="Bidang Pemberdayaan Sosial")
    wb = load_workbook(as_file(excel.renstra_template(opd, 2021, 2026)))

    assert wb.sheetnames[0] == excel.SHEET_PETUNJUK
    ws = wb[excel.SHEET_INDIKATOR]
    header = [c.value for c in ws[1]]
    assert header[-8:] == [f"Target {t}" for t in range(2021, 2027)] + [
        "Rumus Negatif",
        excel.PENUNJANG,
    ]
    assert ws["E1"].comment is not None
    assert ws.freeze_panes == "A2"
    formulas = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert any("Daftar" in f for f in formulas)
    daftar = wb[excel.SHEET_DAFTAR]
    assert daftar.sheet_state == "hidden"
    values = {c.value for col in daftar.iter_cols() for c in col}
    assert {"positif", "negatif", "rentang", "Bidang Pemberdayaan Sosial", "%"} <= values
    sub_header = [c.value for c in wb[excel.SHEET_SUB][1]]
    assert "Unit Kerja" in sub_header and "Pagu 2026" in sub_header


def _workbook_with_ten_kinds_of_error(opd):
    wb = excel.renstra_template(opd, 2021, 2026)
    ws = wb[excel.SHEET_INDIKATOR]
    ws.cell(row=1, column=ws.max_column + 1, value="Target 2027")  # year outside the period
    wb[excel.SHEET_TUJUAN].append(["T1", "Tujuan satu"])
    wb[excel.SHEET_TUJUAN].append(["T1", "Tujuan kembar"])  # duplicate code
    wb[excel.SHEET_SASARAN].append(["S1", "T1", "Sasaran satu"])
    wb[excel.SHEET_SASARAN].append(["S2", "T9", "Sasaran yatim"])  # unknown parent
    wb[excel.SHEET_PROGRAM].append(["1.06.04", "S1", "Program"])
    wb[excel.SHEET_PROGRAM].append(["1.06.05", "S1", None])  # required field empty
    wb[excel.SHEET_KEGIATAN].append(
        ["1.07.01.2.01", "1.06.04", "Kegiatan salah induk"]
    )  # code vs parent
    wb[excel.SHEET_KEGIATAN].append(["1.06.04.2.01", "1.06.04", "Kegiatan"])
    wb[excel.SHEET_SUB].append(
        [
            "1.06.04.2.01.0001",
            "1.06.04.2.01",
            "Sub",
            "Bidang Antah Berantah",
            "Kota",  # unknown unit
            None,
            None,
            -5,
        ]  # negative pagu
    )
    ws.append(
        [
            "Sasaran",
            "S1",
            "",
            "Indikator",
            "%",
            "persentase",
            "naik",  # unknown polarity
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "delapan puluh",
        ]  # target not a number
    )
    ws.append(
        [
            "Sasaran",
            "S1",
            "",
            "Kategori KLA",
            "kategori",
            "kategori",
            "positif",
            None,
            None,
            None,
            "Skala Tidak Ada",
        ]  # unknown category scale
    )
    return wb


def test_a_workbook_with_ten_kinds_of_error_reports_all_ten_with_positions_and_writes_nothing():
    opd = OPDFactory()
    UnitFactory(opd=opd, nama="Sekretariat")

    hasil = impor(opd, as_file(_workbook_with_ten_kinds_of_error(opd)))

    found = {(k.sheet, k.baris, k.kolom): k.alasan for k in hasil.kesalahan}
    expected = {
        (excel.SHEET_INDIKATOR, 1, "AB"): "di luar periode",
        (excel.SHEET_TUJUAN, 3, "A"): "Kode ganda",
        (excel.SHEET_SASARAN, 3, "B"): "tidak ditemukan",
        (excel.SHEET_PROGRAM, 3, "C"): "wajib diisi",
        (excel.SHEET_KEGIATAN, 2, "A"): "tidak sesuai induknya",
        (excel.SHEET_SUB, 2, "D"): "Unit kerja tidak dikenal",
        (excel.SHEET_SUB, 2, "H"): "tidak boleh negatif",
        (excel.SHEET_INDIKATOR, 2, "G"): "Nilai tidak dikenal",
        (excel.SHEET_INDIKATOR, 2, "T"): "bukan angka",
        (excel.SHEET_INDIKATOR, 3, "K"): "Skala kategori tidak dikenal",
    }
    for position, reason in expected.items():
        assert position in found, (position, [str(k) for k in hasil.kesalahan])
        assert reason in found[position]
    assert len(hasil.kesalahan) == 10, [str(k) for k in hasil.kesalahan]
    assert all(k.alasan for k in hasil.kesalahan)
    assert not PeriodeRenstra.objects.exists()
    assert not Tujuan.objects.exists()


def test_an_error_in_one_row_writes_nothing_even_for_a_known_period():
    periode = buat_rencana()
    before = dump_rencana(periode)
    wb = excel.renstra_export(periode)
    ws = wb[excel.SHEET_SUB]
    ws["B2"].value = "9.99.99.9.99"
    ws["C3"].value = "Nama baru yang tidak boleh tersimpan"

    hasil = impor(periode.opd, as_file(wb))

    assert [(k.sheet, k.baris, k.kolom) for k in hasil.kesalahan] == [(excel.SHEET_SUB, 2, "B")]
    assert dump_rencana(periode) == before


def test_a_file_that_is_not_xlsx_gets_a_clear_message():
    opd = OPDFactory()
    with pytest.raises(BerkasTidakValid, match="bukan workbook Excel"):
        impor(opd, b"Kode;Uraian\nT1;Tujuan\n")


def test_an_empty_file_gets_a_clear_message():
    opd = OPDFactory()
    with pytest.raises(BerkasTidakValid, match="kosong"):
        impor(opd, b"")


def test_an_empty_template_is_refused_with_a_message():
    opd = OPDFactory()
    hasil = impor(opd, as_file(excel.renstra_template(opd, 2021, 2026)))
    assert [k.alasan for k in hasil.kesalahan] == ["Workbook tidak memuat satu pun baris data."]


def test_missing_and_extra_columns_and_sheets_are_named():
    opd = OPDFactory()
    wb = excel.renstra_template(opd, 2021, 2026)
    wb[excel.SHEET_SASARAN].delete_cols(2)  # "Kode Tujuan" missing
    wb[excel.SHEET_TUJUAN].cell(row=1, column=3, value="Keterangan")  # extra
    del wb[excel.SHEET_KEGIATAN]

    hasil = impor(opd, as_file(wb))

    messages = [str(k) for k in hasil.kesalahan]
    assert any("Kolom 'Kode Tujuan' tidak ada" in m for m in messages), messages
    assert any("Tujuan!C1 [Keterangan]: Kolom tidak dikenal" in m for m in messages), messages
    assert any("Sheet 'Kegiatan' tidak ada" in m for m in messages), messages
    assert not PeriodeRenstra.objects.exists()


def _queries_of_import(n_sub):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    periode = buat_rencana(n_sub=n_sub)
    opd = periode.opd
    berkas = as_file(excel.renstra_export(periode))
    periode.delete()
    with CaptureQueriesContext(connection) as ctx:
        hasil = impor(opd, berkas)
    assert hasil.kesalahan == []
    return len(ctx.captured_queries)


def test_import_query_count_does_not_grow_with_the_number_of_rows():
    small = _queries_of_import(2)
    large = _queries_of_import(12)
    assert large == small, (small, large)
