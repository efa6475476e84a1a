"""The bounds of every stored number, checked in one place.

Both databases must hold a stored number exactly. PostgreSQL keeps a DecimalField as
numeric(max_digits, decimal_places); SQLite, the embedded default, keeps it as REAL, a
double of about 15 significant digits: a longer number is silently rounded there, and one
that rounds past the column's digits (9999999999999999 → 1E+16 in numeric(20, 4)) cannot
even be read back. So no value may need more than 15 significant digits:

- UKURAN, a measure (target, realisation, numerator, denominator, baseline, score,
  volume; numeric(20, 4)): |x| < 10^11 with at most 4 decimals;
- UANG, an amount of money (pagu, budget realisation, DPA; numeric(18, 0)):
  0 ≤ x < 10^15 in whole rupiah;
- UANG_SEN, a historical program budget with sen (numeric(18, 2)): 0 ≤ x < 10^13 with at
  most 2 decimals.

`cek_batas` is the one check: the model fields run it through `BatasValidator`, and the
services, the Excel upload and the Renstra import call it on the numbers they parse, so a
form, a workbook and the admin get the same Indonesian message.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

from sakip import angka as fmt


@dataclass(frozen=True)
class Batas:
    """The range of one kind of number: |x| < 10^digit_bulat, at most `desimal`
    decimals, negative only when `negatif`."""

    kode: str
    digit_bulat: int
    desimal: int
    negatif: bool
    pesan_desimal: str

    @property
    def terbesar(self) -> Decimal:
        return Decimal(10) ** self.digit_bulat - Decimal(1).scaleb(-self.desimal)


UKURAN = Batas("ukuran", 11, 4, True, "Paling banyak 4 angka di belakang koma.")
UANG = Batas("uang", 15, 0, False, "Jumlah dalam rupiah penuh (tanpa sen).")
UANG_SEN = Batas("uang_sen", 13, 2, False, "Paling banyak 2 angka di belakang koma (sen).")

JENIS = {b.kode: b for b in (UKURAN, UANG, UANG_SEN)}


def _tanpa_nol_belakang(d: Decimal) -> Decimal:
    """The same number without trailing zeros after the decimal mark (1.50000 → 1.5),
    exactly: Decimal.normalize() would round a long number to the context precision."""
    sign, digits, exponent = d.as_tuple()
    digits = list(digits)
    while exponent < 0 and len(digits) > 1 and digits[-1] == 0:
        digits.pop()
        exponent += 1
    return Decimal((sign, tuple(digits), exponent))


def cek_batas(value, jenis: Batas | str) -> Decimal | None:
    """The value as a Decimal the column holds exactly on both databases (trailing zeros
    after the decimal mark dropped), or ValidationError with an Indonesian message: too
    many decimals, negative where it may not be, or beyond the bounds of `jenis`
    (module docstring). None stays None."""
    batas = JENIS[jenis] if isinstance(jenis, str) else jenis
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float | str):
        raise ValidationError("Angka tidak sah.", code="batas")
    try:
        d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except ArithmeticError:
        raise ValidationError("Angka tidak sah.", code="batas") from None
    if not d.is_finite():
        raise ValidationError("Angka tidak sah.", code="batas")
    d = _tanpa_nol_belakang(d)
    if d < 0 and not batas.negatif:
        raise ValidationError("Angka tidak boleh negatif.", code="batas")
    # Comparisons of Decimals are exact: no context rounding of a 40-digit number here.
    if d.copy_abs() > batas.terbesar:
        terbesar = fmt.angka(batas.terbesar, batas.desimal)
        if d > 0:
            raise ValidationError(f"Angka terlalu besar: paling banyak {terbesar}.", code="batas")
        raise ValidationError(f"Angka terlalu kecil: paling sedikit -{terbesar}.", code="batas")
    if -d.as_tuple().exponent > batas.desimal:
        raise ValidationError(batas.pesan_desimal, code="batas")
    return d


@deconstructible(path="sakip.batas.BatasValidator")
class BatasValidator:
    """A model-field validator running cek_batas for one kind of number (by its kode, so
    migrations name it plainly)."""

    def __init__(self, jenis: str):
        if jenis not in JENIS:
            raise ValueError(f"jenis batas tidak dikenal: {jenis!r}")
        self.jenis = jenis

    def __call__(self, value):
        cek_batas(value, self.jenis)

    def __eq__(self, other):
        return isinstance(other, BatasValidator) and other.jenis == self.jenis

    def __hash__(self):
        return hash(self.jenis)
