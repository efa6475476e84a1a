"""Scales of SAKIP as pure data: predicate bands with both bounds (issue 11) and the Pemda's
words for efficiency. No Django; sakip.capaian re-exports everything here and grades with
it (`predikat`, `efisiensi`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

EFISIEN = "efisien"
TIDAK_EFISIEN = "tidak_efisien"
DI_ATAS_BATAS = "di_atas_batas"


@dataclass(frozen=True)
class LabelEfisiensi:
    """The Pemda's words for the three readings of an efficiency figure (Pemda settings)."""

    efisien: str = "Efisien"
    tidak_efisien: str = "Tidak efisien"
    di_atas_batas: str = "Perlu ditinjau perencanaannya"

    def untuk(self, status: str | None) -> str:
        return {
            EFISIEN: self.efisien,
            TIDAK_EFISIEN: self.tidak_efisien,
            DI_ATAS_BATAS: self.di_atas_batas,
        }.get(status, "")


LABEL_EFISIENSI = LabelEfisiensi()


@dataclass(frozen=True)
class Tingkat:
    """One band of a predicate scale (TingkatPredikat): capaian between `batas_bawah` and
    `batas_atas` gets `label`. Either bound may be missing (open); each is inclusive or
    exclusive ("> 80 – 100", "70% ≤ 80%", "Kurang dari 20%")."""

    batas_bawah: Decimal | None
    label: str
    warna: str = "#6c757d"
    batas_atas: Decimal | None = None
    bawah_inklusif: bool = True
    atas_inklusif: bool = False
    di_luar_skala: bool = False

    def memuat(self, value: Decimal) -> bool:
        """Whether `value` lies in this band."""
        if self.di_luar_skala:
            return False
        lo, hi = self.batas_bawah, self.batas_atas
        if lo is not None and (value < lo or (value == lo and not self.bawah_inklusif)):
            return False
        return not (hi is not None and (value > hi or (value == hi and not self.atas_inklusif)))


# The predicate of a figure that lies in no band of the Pemda's scale (gaps, nothing above
# 100%): it is shown, not left blank, so a reader sees why there is no grade.
DI_LUAR_SKALA = Tingkat(None, "di luar skala", "#adb5bd", di_luar_skala=True)


def _tingkat(batas_bawah, label, warna, batas_atas=None):
    """Permendagri 86/2017 as bands: each band ends where the next one begins."""
    return Tingkat(
        Decimal(batas_bawah),
        label,
        warna,
        None if batas_atas is None else Decimal(batas_atas),
        True,
        False,
    )


# Permendagri 86/2017 (the global default scale, migration renstra 0003 / 0005).
SKALA_PERMENDAGRI_86 = (
    _tingkat(91, "Sangat Tinggi", "#198754"),
    _tingkat(76, "Tinggi", "#20c997", 91),
    _tingkat(66, "Sedang", "#ffc107", 76),
    _tingkat(51, "Rendah", "#fd7e14", 66),
    _tingkat(0, "Sangat Rendah", "#dc3545", 51),
)


def dibulatkan(value: Decimal, desimal: int = 2) -> Decimal:
    """`value` rounded half-up to `desimal` places: the figure as printed (sakip.angka uses the
    same rounding), so a grade never contradicts the printed figure."""
    return value.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)


def bands_bertumpuk(skala: Iterable[Tingkat]) -> tuple[Tingkat, Tingkat] | None:
    """The first two bands of a scale that share a value, or None (the admin refuses such a
    scale). Bands are intervals; two overlap unless one ends before the other begins."""
    steps = list(skala)

    def sebelum(a: Tingkat, b: Tingkat) -> bool:
        # a lies entirely below b
        if a.batas_atas is None or b.batas_bawah is None:
            return False
        if a.batas_atas < b.batas_bawah:
            return True
        return a.batas_atas == b.batas_bawah and not (a.atas_inklusif and b.bawah_inklusif)

    for i, a in enumerate(steps):
        for b in steps[i + 1 :]:
            if not (sebelum(a, b) or sebelum(b, a)):
                return a, b
    return None
