"""Growth over the years of a Renstra period (Renstra table T-C.24): pure, no Django.

Kept beside sakip.capaian, whose Hasil it returns, so the engine module stays one topic."""

from __future__ import annotations

from collections.abc import Sequence

from sakip.capaian import NOL, SERATUS, Hasil, aman, ke_decimal, kosong

ALASAN_PERTUMBUHAN = "belum dapat dinilai: kurang dari dua tahun berurutan dengan nilai bukan nol"


@aman
def rata_rata_pertumbuhan(nilai_per_tahun: Sequence) -> Hasil:
    """Rata-rata pertumbuhan (Renstra table T-C.24, Permendagri 86/2017, columns "Rata-rata
    Pertumbuhan Anggaran / Realisasi"): the mean of the year-on-year growth rates
    (x[t] − x[t−1]) / x[t−1] × 100 over consecutive years, in year order.

    A year without a figure (None, the seed's "NA") breaks the chain: only pairs of two
    consecutive years that both have a figure count, and a pair whose earlier year is 0 is
    skipped (growth from nothing is not a percentage). Fewer than one usable pair gives no
    figure (seed 004 leaves these columns empty; the application computes them)."""
    values = [None if v is None else ke_decimal(v) for v in nilai_per_tahun]
    growth = []
    for sebelum, sesudah in zip(values, values[1:], strict=False):
        if sebelum is None or sesudah is None or sebelum == 0:
            continue
        growth.append((sesudah - sebelum) / sebelum * SERATUS)
    if not growth:
        return kosong(ALASAN_PERTUMBUHAN)
    return Hasil(sum(growth, NOL) / len(growth))
