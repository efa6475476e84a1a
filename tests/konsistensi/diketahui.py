"""What the consistency test still catches after the single read model (every surface on
kinerja.selectors / anggaran.selectors): per (quarter, row) the causes and what the
surfaces show against the hand-computed figure. Each entry marks its row xfail(strict);
when a repair makes a row agree everywhere, strict xfail fails it and its entry goes.

The five discrepancies found on 7cd778d (listings' capaian of the quarter's own entry,
their predicate from every scale without a Pemda, the entry sheet skipping a ratio quarter
stored by value, capaian against the TW III target, the OPD dashboard's "–" pagu of a
program without pagu rows) are repaired: their 76 entries are gone (CATATAN.md).

"(+XLSX, CSV)" means the listing's exports show the same wrong figure."""

# A range indicator (rentang 2–4) with no quarter target: kinerja.selectors builds
# `capaian_triwulan` with sakip.capaian.capaian(target=None, rentang_bawah=2,
# rentang_atas=4, ...), and the range rule ignores the target, so it is the yearly capaian
# again. The entry sheet prints the "terhadap target TW" line only `if
# b.angka.ada_target_triwulan` (templates/kinerja/_entri_baris.html); both listings'
# column "Capaian thd target TW q" (kinerja/tables.py, kinerja/tables_renstra.py
# CapaianColumn atribut="capaian_triwulan") prints it regardless.
RENTANG_TW = "listings: 'Capaian thd target TW' of a range indicator without a quarter target"

DIKETAHUI = {
    (3, "[S15]"): ((RENTANG_TW,), "daftar indikator (+XLSX, CSV) show capaian_tw 87,50, not –"),
    (3, "[S16]"): (
        (RENTANG_TW,),
        "daftar indikator (+XLSX, CSV), daftar realisasi (+XLSX, CSV) show capaian_tw 75,00, not –",
    ),
    (3, "[K15]"): ((RENTANG_TW,), "daftar indikator (+XLSX, CSV) show capaian_tw 87,50, not –"),
    (3, "[K16]"): (
        (RENTANG_TW,),
        "daftar indikator (+XLSX, CSV), daftar realisasi (+XLSX, CSV) show capaian_tw 75,00, not –",
    ),
    (4, "[S15]"): ((RENTANG_TW,), "daftar indikator (+XLSX, CSV) show capaian_tw 87,50, not –"),
    (4, "[S16]"): ((RENTANG_TW,), "daftar indikator (+XLSX, CSV) show capaian_tw 75,00, not –"),
    (4, "[K15]"): ((RENTANG_TW,), "daftar indikator (+XLSX, CSV) show capaian_tw 87,50, not –"),
    (4, "[K16]"): ((RENTANG_TW,), "daftar indikator (+XLSX, CSV) show capaian_tw 75,00, not –"),
}
