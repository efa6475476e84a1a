"""Display formatting in Indonesian, and the one number parser for input.

Every page, PDF, XLSX label and the `capaian` command format through here, so a figure
reads the same everywhere: `86,34` (percent, two decimals), `Rp 1.765.363.950` (whole
rupiah), `1.277` (counts), `4 Januari 2025`, and `–` (EN DASH) where there is no figure.

Rounding happens only here, on a copy: ROUND_HALF_UP to the shown number of decimals
(1277 / 1816 = 70,3193… shows as 70,32, not the 70,31 a truncation gives). The stored
Decimal is never changed.

No Django imports: usable from pure code and tests.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

TANPA_NILAI = "–"  # EN DASH: "no figure" (belum dapat dinilai)
TIDAK_TERUKUR = "n/a"  # recorded as "tidak dapat diukur" (capaian.tidak_dapat_diukur)

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _nilai(value):
    """A finite Decimal from a Decimal/int/float/str or an object with `.nilai` (capaian.Hasil,
    Efisiensi); None otherwise."""
    if value is None or isinstance(value, bool):
        return None
    if hasattr(value, "nilai") and not isinstance(value, (Decimal, int, float, str)):
        value = value.nilai
        if value is None:
            return None
    try:
        if isinstance(value, Decimal):
            d = value
        elif isinstance(value, int):
            d = Decimal(value)
        elif isinstance(value, float):
            d = Decimal(str(value))
        elif isinstance(value, str):
            d = Decimal(value.strip())
        else:
            return None
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


def _kelompok(digits: str) -> str:
    """Group an integer digit string by thousands with '.'."""
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ".".join(parts)


def bulatkan(value, desimal: int = 2) -> Decimal | None:
    """The value rounded half-up to `desimal` places, as a new Decimal (display only)."""
    d = _nilai(value)
    if d is None:
        return None
    quantum = Decimal(1).scaleb(-desimal)
    # Enough precision for any stored value: quantize must not fail on a long number.
    context = Context(prec=max(28, len(d.as_tuple().digits) + desimal + 2))
    try:
        return d.quantize(quantum, rounding=ROUND_HALF_UP, context=context)
    except InvalidOperation:
        return None


def angka(value, desimal: int | None = None, kosong: str = TANPA_NILAI) -> str:
    """An Indonesian number: '.' groups thousands, ',' marks decimals.

    desimal=None shows the value as stored without trailing zeros (49,48; 1.277; 92);
    an int rounds half-up to that many places (angka(86.3, 2) → "86,30")."""
    d = _nilai(value)
    if d is None:
        return kosong
    if desimal is not None:
        d = bulatkan(d, desimal)
        if d is None:
            return kosong
    sign = "-" if d < 0 else ""
    text = f"{d.copy_abs():f}"  # copy_abs: abs() would round to the context precision
    whole, _, frac = text.partition(".")
    if desimal is None:
        # As stored, without trailing zeros (string work: normalize() would round).
        frac = frac.rstrip("0")
    out = _kelompok(whole)
    if frac:
        out += "," + frac
    return sign + out


def persen(value, desimal: int = 2, simbol: bool = False, kosong: str = TANPA_NILAI) -> str:
    """A percentage with two decimals: 86,34 (or 86,34% with simbol=True); – when none,
    n/a for a Hasil recorded as "tidak dapat diukur"."""
    if getattr(value, "tidak_terukur", False):
        return TIDAK_TERUKUR
    text = angka(value, desimal, kosong=kosong)
    if simbol and text != kosong:
        return text + "%"
    return text


def rentang(bawah, atas, bawah_inklusif=True, atas_inklusif=False, satuan="%") -> str:
    """The bounds of a predicate band as the scale table prints them: "≥ 91%", "> 89%",
    "< 20%", "60% ≤ x ≤ 80%", "40% ≤ x < 60%" (– when neither bound is set)."""
    lo = None if bawah is None else angka(bawah) + satuan
    hi = None if atas is None else angka(atas) + satuan
    tanda_bawah = "≤" if bawah_inklusif else "<"
    tanda_atas = "≤" if atas_inklusif else "<"
    if lo and hi:
        return f"{lo} {tanda_bawah} x {tanda_atas} {hi}"
    if lo:
        return f"{'≥' if bawah_inklusif else '>'} {lo}"
    if hi:
        return f"{tanda_atas} {hi}"
    return TANPA_NILAI


def rupiah(value, simbol: bool = True, kosong: str = TANPA_NILAI) -> str:
    """Whole rupiah: Rp 1.765.363.950 (simbol=False: 1.765.363.950); – when none."""
    text = angka(value, 0, kosong=kosong)
    if simbol and text != kosong:
        return "Rp " + text
    return text


def tanggal_id(value, kosong: str = TANPA_NILAI) -> str:
    """An Indonesian date: 4 Januari 2025 (a datetime is shown by its date)."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if not isinstance(value, _dt.date):
        return kosong
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


def triwulan_romawi(value, kosong: str = TANPA_NILAI) -> str:
    """TW number as Roman numeral: 3 → III."""
    try:
        return ROMAWI[int(value)]
    except (KeyError, TypeError, ValueError):
        return kosong


# --- typed figures for documents -------------------------------------------------------


@dataclass(frozen=True)
class Besaran:
    """A target or realisation as a document row holds it (DESIGN section 1, number format):
    a number with its unit, a level of a category scale, a target written as text, or
    nothing. The number stays a Decimal until the edge: templates print it with the
    `besaran` filter, the XLSX writer as a number whose format carries the unit."""

    nilai: Decimal | None = None
    satuan: str = ""
    level: str = ""  # name of the level of a categorical indicator (Madya, Nindya …)
    teks: str = ""  # a target written as text instead of a number
    tidak_terukur: bool = False  # a realisation recorded as "tidak dapat diukur" (n/a)

    @property
    def ada(self) -> bool:
        return bool(self.teks or self.level) or self.nilai is not None


def besaran(value, kosong: str = TANPA_NILAI) -> str:
    """A Besaran as the seeds print it: '86%', '48,25%', '50 Orang', 'Madya', the written
    target, or '–'. Two decimals at most, trailing zeros dropped (86%, 70,32% for
    1277/1816); n/a for a realisation that cannot be measured."""
    if value is None:
        return kosong
    if value.tidak_terukur:
        return TIDAK_TERUKUR
    if value.teks:
        return value.teks
    if value.level:
        return value.level
    if value.nilai is None:
        return kosong
    text = angka(bulatkan(value.nilai, 2), kosong=kosong)
    satuan = (value.satuan or "").strip()
    if satuan == "%":
        return text + "%"
    return f"{text} {satuan}".strip()


def bulan_id(value, kosong: str = TANPA_NILAI) -> str:
    """Month and year in Indonesian: April 2020 (how the seeds date a quarter's report)."""
    if not isinstance(value, _dt.date):
        return kosong
    return f"{BULAN[value.month - 1]} {value.year}"


# --- input ---------------------------------------------------------------------------


class AngkaTidakSah(ValueError):
    """Raised by parse_angka with a message in Indonesian, fit to show next to the field."""


_GROUPED = re.compile(r"^\d{1,3}(?:X\d{3})+$")


def _grouped(text: str, sep: str) -> bool:
    return bool(_GROUPED.match(text.replace(sep, "X")))


def parse_angka(text, uang: bool = False) -> Decimal | None:
    """Read a number typed by a user. Rules (documented for users too):

    - spaces, a leading "Rp" and a trailing "%" are ignored; a leading "-" or "−" negates;
    - one separator only, used once:
        ","  is the decimal comma: "86,5" → 86.5, "1,250" → 1.25;
        "."  is a decimal point:  "86.5" → 86.5 — except "1.250" (1 to 3 digits, a dot, exactly
             three digits, not starting with 0), which could be a thousand or a fraction and is
             refused as ambiguous;
    - one separator used several times groups thousands: "1.250.000", "1,250,000";
    - both separators: the last one is the decimal mark and the other must group thousands:
      "1.250.000,50" and "1,250,000.50" → 1250000.50;
    - for money (uang=True, or a leading "Rp") a single "." followed by three digits groups
      thousands: "Rp 1.000" → 1000;
    - empty input gives None; anything else raises AngkaTidakSah.
    """
    if text is None:
        return None
    if isinstance(text, Decimal):
        if not text.is_finite():
            raise AngkaTidakSah("Angka tidak sah.")
        return text
    if isinstance(text, int) and not isinstance(text, bool):
        return Decimal(text)
    s = str(text).strip().replace("\u00a0", " ").replace(" ", "")
    if s[:2].lower() == "rp":
        uang = True
        s = s[2:]
        if s.startswith("."):
            s = s[1:]
    if s.endswith("%"):
        s = s[:-1]
    if not s:
        return None
    sign = ""
    if s[0] in "-−":
        sign, s = "-", s[1:]
    elif s[0] == "+":
        s = s[1:]
    original = str(text).strip()
    if not s or not re.fullmatch(r"[\d.,]+", s) or not s[0].isdigit() or not s[-1].isdigit():
        raise AngkaTidakSah(f"“{original}” bukan angka. Contoh: 86,5 atau 1.250.000.")
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        thou = "." if dec == "," else ","
        if s.count(dec) != 1:
            raise AngkaTidakSah(f"“{original}”: tanda desimal hanya boleh satu.")
        whole, frac = s.split(dec)
        if not _grouped(whole, thou):
            raise AngkaTidakSah(
                f"“{original}”: pemisah ribuan harus memisahkan tiap tiga angka (mis. 1.250.000,50)."
            )
        number = whole.replace(thou, "") + "." + frac
    elif commas or dots:
        sep = "," if commas else "."
        count = commas or dots
        if count == 1:
            whole, frac = s.split(sep)
            thousands = sep == "." and len(frac) == 3 and len(whole) <= 3
            if thousands and uang:
                number = whole + frac
            elif thousands and not whole.startswith("0"):
                raise AngkaTidakSah(
                    f"“{original}” ambigu: tulis {whole}{frac} untuk ribuan, "
                    f"atau {whole},{frac} untuk pecahan desimal."
                )
            else:
                number = whole + "." + frac
        else:
            if not _grouped(s, sep):
                raise AngkaTidakSah(
                    f"“{original}”: pemisah ribuan harus memisahkan tiap tiga angka (mis. 1.250.000)."
                )
            number = s.replace(sep, "")
    else:
        number = s
    try:
        return Decimal(sign + number)
    except InvalidOperation as exc:  # pragma: no cover - the regex above already guards
        raise AngkaTidakSah(f"“{original}” bukan angka.") from exc
