"""What the consistency test caught on today's code (the code of 7cd778d, before the read
model of issue "[1 of 9] One read model"): per (quarter, row) the causes and what the
surfaces show against the hand-computed figure. Each entry marks its row xfail(strict);
when a repair makes a row agree everywhere, strict xfail fails it and its entry goes.

"(+XLSX, CSV)" means the listing's exports show the same wrong figure."""

# The indicator listing divides the chosen quarter's own realisation by the target
# (renstra/views.py IndikatorListView: `nilai_tw` of TW q; kinerja/tables.py
# CapaianTableMixin), not the value to date by the indicator's rule: "–" when nothing was
# entered in that quarter (every row at TW IV), one quarter's value for a cumulative count or
# an average. The realisation listing (kinerja/views/daftar.py) does the same per row.
TW_SENDIRI = "listing: capaian of the quarter's own entry, not the value to date"
# kinerja.tables.skala_predikat reads the steps of every predicate scale without a Pemda
# when the Pemda has no main scale of its own, so the unused reference scale's labels
# ("Berhasil", "Sangat Berhasil", "Cukup Berhasil") win over Permendagri 86/2017's;
# kinerja.lembar.skala_predikat and kinerja.selectors.pengaturan_pemda take one scale.
SKALA = "listings: predicate from every scale without a Pemda at once"
# kinerja/lembar.py hitung_capaian takes a ratio's value to date from numerator /
# denominator pairs only; kinerja.selectors._nilai_sd counts a quarter stored with its
# value only by that value (45), so the entry sheet shows TW II's 15 / 40 = 37,5 -> 75%.
RASIO_NILAI = "entry sheet: a ratio quarter stored without numerator/denominator is skipped"
# The entry sheet (kinerja/lembar.py) and both listings measure capaian against the TW III
# target of the Rencana Aksi (60) when one is set; the dashboards, documents and the
# command against the yearly target (80): 54 / 60 = 90% against 54 / 80 = 67,50%.
TARGET_TW = "entry sheet and listings: against the TW III target, the others the yearly one"
# kinerja/views/dasbor.py _anggaran_program sums the pagu rows in force with Sum() and no
# Coalesce: a program whose sub-kegiatan has no pagu row shows "–" where
# anggaran.selectors (Pengukuran, LKjIP, command) prints Rp 0.
PAGU_KOSONG = "OPD dashboard: program pagu without a pagu row is – where documents print Rp 0"

DIKETAHUI = {
    (3, "[S01]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 30,00"),
    (3, "[S02]"): (
        (SKALA,),
        "daftar indikator, daftar realisasi show predikat Berhasil, not Tinggi",
    ),
    (3, "[S03]"): (
        (TW_SENDIRI, SKALA),
        "daftar indikator (+XLSX, CSV), daftar realisasi (+XLSX, CSV) show capaian 105,00, not 90,00; daftar indikator, daftar realisasi show predikat Sangat Berhasil, not Tinggi",
    ),
    (3, "[S05]"): (
        (TW_SENDIRI, SKALA),
        "daftar indikator (+XLSX, CSV), daftar realisasi (+XLSX, CSV) show capaian 100,00, not 87,50; daftar indikator, daftar realisasi show predikat Sangat Berhasil, not Tinggi",
    ),
    (3, "[S06]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 90,00"),
    (3, "[S07]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 83,33"),
    (3, "[S08]"): (
        (SKALA,),
        "daftar indikator, daftar realisasi show predikat Sangat Berhasil, not Sangat Tinggi",
    ),
    (3, "[S09]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 100,00"),
    (3, "[S10]"): (
        (RASIO_NILAI, SKALA),
        "lembar entri show capaian 75,00, not 90,00; daftar indikator, daftar realisasi show predikat Berhasil, not Tinggi",
    ),
    (3, "[S11]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 97,14"),
    (3, "[S12]"): (
        (SKALA,),
        "daftar indikator, daftar realisasi show predikat Sangat Berhasil, not Sangat Tinggi",
    ),
    (3, "[S14]"): (
        (TW_SENDIRI, SKALA),
        "daftar indikator (+XLSX, CSV), daftar realisasi (+XLSX, CSV) show capaian 180,00, not 155,00; daftar indikator, daftar realisasi show predikat Sangat Berhasil, not Sangat Tinggi",
    ),
    (3, "[S15]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 87,50"),
    (3, "[S16]"): (
        (SKALA,),
        "daftar indikator, daftar realisasi show predikat Cukup Berhasil, not Sedang",
    ),
    (3, "[S17]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 160,00"),
    (3, "[S21]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 77,78"),
    (3, "[S23]"): (
        (TARGET_TW, SKALA),
        "lembar entri, daftar indikator (+XLSX, CSV), daftar realisasi (+XLSX, CSV) show capaian 90,00, not 67,50; daftar indikator, daftar realisasi show predikat Berhasil, not Sedang",
    ),
    (3, "[K01]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 30,00"),
    (3, "[K02]"): (
        (SKALA,),
        "daftar indikator, daftar realisasi show predikat Berhasil, not Tinggi",
    ),
    (3, "[K03]"): (
        (TW_SENDIRI, SKALA),
        "daftar indikator (+XLSX, CSV), daftar realisasi (+XLSX, CSV) show capaian 105,00, not 90,00; daftar indikator, daftar realisasi show predikat Sangat Berhasil, not Tinggi",
    ),
    (3, "[K05]"): (
        (TW_SENDIRI, SKALA),
        "daftar indikator (+XLSX, CSV), daftar realisasi (+XLSX, CSV) show capaian 100,00, not 87,50; daftar indikator, daftar realisasi show predikat Sangat Berhasil, not Tinggi",
    ),
    (3, "[K06]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 90,00"),
    (3, "[K07]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 83,33"),
    (3, "[K08]"): (
        (SKALA,),
        "daftar indikator, daftar realisasi show predikat Sangat Berhasil, not Sangat Tinggi",
    ),
    (3, "[K09]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 100,00"),
    (3, "[K10]"): (
        (RASIO_NILAI, SKALA),
        "lembar entri show capaian 75,00, not 90,00; daftar indikator, daftar realisasi show predikat Berhasil, not Tinggi",
    ),
    (3, "[K11]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 97,14"),
    (3, "[K12]"): (
        (SKALA,),
        "daftar indikator, daftar realisasi show predikat Sangat Berhasil, not Sangat Tinggi",
    ),
    (3, "[K14]"): (
        (TW_SENDIRI, SKALA),
        "daftar indikator (+XLSX, CSV), daftar realisasi (+XLSX, CSV) show capaian 180,00, not 155,00; daftar indikator, daftar realisasi show predikat Sangat Berhasil, not Sangat Tinggi",
    ),
    (3, "[K15]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 87,50"),
    (3, "[K16]"): (
        (SKALA,),
        "daftar indikator, daftar realisasi show predikat Cukup Berhasil, not Sedang",
    ),
    (3, "[K17]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 160,00"),
    (3, "[K21]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 77,78"),
    (3, "[K23]"): (
        (TARGET_TW, SKALA),
        "lembar entri, daftar indikator (+XLSX, CSV), daftar realisasi (+XLSX, CSV) show capaian 90,00, not 67,50; daftar indikator, daftar realisasi show predikat Berhasil, not Sedang",
    ),
    (3, "[B5]"): ((PAGU_KOSONG,), "dasbor OPD (program) show pagu –, not 0,00"),
    (4, "[S01]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 30,00"),
    (4, "[S02]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 90,00"),
    (4, "[S03]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 90,00"),
    (4, "[S04]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 0,00"),
    (4, "[S05]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 87,50"),
    (4, "[S06]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 90,00"),
    (4, "[S07]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 83,33"),
    (4, "[S08]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 100,00"),
    (4, "[S09]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 100,00"),
    (4, "[S10]"): (
        (RASIO_NILAI, TW_SENDIRI),
        "lembar entri show capaian 75,00, not 90,00; daftar indikator (+XLSX, CSV) show capaian –, not 90,00",
    ),
    (4, "[S11]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 97,14"),
    (4, "[S12]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 110,00"),
    (4, "[S13]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 80,00"),
    (4, "[S14]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 155,00"),
    (4, "[S15]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 87,50"),
    (4, "[S16]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 75,00"),
    (4, "[S17]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 160,00"),
    (4, "[S21]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 77,78"),
    (4, "[S23]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 67,50"),
    (4, "[S24]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 97,73"),
    (4, "[K01]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 30,00"),
    (4, "[K02]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 90,00"),
    (4, "[K03]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 90,00"),
    (4, "[K04]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 0,00"),
    (4, "[K05]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 87,50"),
    (4, "[K06]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 90,00"),
    (4, "[K07]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 83,33"),
    (4, "[K08]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 100,00"),
    (4, "[K09]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 100,00"),
    (4, "[K10]"): (
        (RASIO_NILAI, TW_SENDIRI),
        "lembar entri show capaian 75,00, not 90,00; daftar indikator (+XLSX, CSV) show capaian –, not 90,00",
    ),
    (4, "[K11]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 97,14"),
    (4, "[K12]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 110,00"),
    (4, "[K13]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 80,00"),
    (4, "[K14]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 155,00"),
    (4, "[K15]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 87,50"),
    (4, "[K16]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 75,00"),
    (4, "[K17]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 160,00"),
    (4, "[K21]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 77,78"),
    (4, "[K23]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 67,50"),
    (4, "[K24]"): ((TW_SENDIRI,), "daftar indikator (+XLSX, CSV) show capaian –, not 97,73"),
    (4, "[B5]"): ((PAGU_KOSONG,), "dasbor OPD (program) show pagu –, not 0,00"),
}
