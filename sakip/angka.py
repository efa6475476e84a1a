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


_GROUPED = re.compile(r"^[1-9]\d{0,2}(?:\.\d{3})+$")
_PESAN_TITIK = (
    "“{}”: titik memisahkan ribuan, tiap tiga angka (mis. 1.250.000); "
    "desimal ditulis dengan koma (mis. 86,5)."
)


def parse_angka(text, uang: bool = False) -> Decimal | None:
    """Read a number typed by a user, the Indonesian way (issue 12, item 1). The rule,
    documented for users too (and shown by the page's preview, which asks this function):

    - spaces, a leading "Rp" and a trailing "%" are ignored; a leading "-" or "−" negates;
    - a comma is the decimal mark, used at most once: "86,5" → 86,5; "1,250" → 1,25;
    - a dot followed by exactly three digits groups thousands: "1.250" → 1250,
      "1.250.000" → 1250000, "1.250.000,50" → 1250000,5; the groups must be whole
      ("1.25.000" and "1250.000" are refused);
    - a single dot followed by one, two or more than three digits, with no comma, is read as
      a decimal point (pasted English figures): "86.5" → 86,5, "0.125" → 0,125 (a leading
      0 never starts a thousands group);
    - empty input gives None; anything else raises AngkaTidakSah.

    Every number the app prints (`angka`, `persen`, `rupiah`) reads back to the same value.
    `uang` is kept for callers of the older rule, where only money read "1.000" as a
    thousand; the rule is now the same for every field."""
    del uang  # one rule for every field
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
    if s.count(",") > 1:
        raise AngkaTidakSah(
            f"“{original}”: tanda desimal (koma) hanya boleh satu; "
            "ribuan dipisah dengan titik, mis. 1.250.000,50."
        )
    whole, comma, frac = s.partition(",")
    if comma and not frac:
        raise AngkaTidakSah(f"“{original}” bukan angka. Contoh: 86,5 atau 1.250.000.")
    if "." in whole:
        groups = whole.split(".")
        decimal_point = (
            not comma and len(groups) == 2 and (len(groups[1]) != 3 or groups[0].startswith("0"))
        )
        if decimal_point:
            whole, frac = groups
        elif _GROUPED.match(whole):
            whole = whole.replace(".", "")
        else:
            raise AngkaTidakSah(_PESAN_TITIK.format(original))
    number = whole + ("." + frac if frac else "")
    if not re.fullmatch(r"\d+(?:\.\d+)?", number):
        raise AngkaTidakSah(_PESAN_TITIK.format(original))
    try:
        return Decimal(sign + number)
    except InvalidOperation as exc:  # pragma: no cover - the regex above already guards
        raise AngkaTidakSah(f"“{original}” bukan angka.") from exc


def bacaan(text) -> str:
    """How typed input was read, for the note beside a field (issue 12, item 1): '' when
    the input is empty or already reads as the app prints it ("1.250", "86,5"), the
    number as the app prints it otherwise ("86.5" → "86,5", "1250000" → "1.250.000").
    Raises AngkaTidakSah like parse_angka."""
    nilai = parse_angka(text)
    if nilai is None:
        return ""
    tampil = angka(nilai)
    typed = str(text).strip().replace("\u00a0", "").replace(" ", "")
    typed = re.sub(r"^(?i:rp)\.?", "", typed).removesuffix("%")
    return "" if typed == tampil else tampil


# --- units that count things (issue 12, item 2) -----------------------------------------

# Units of things counted one by one: a target or realisation in them is a whole number.
# Percentages, indices, scores, rupiah and rates (orang/bulan) take decimals. Compared in
# lower case; a unit of several words counts when its first word does ("Lembaga Non
# Pemerintah"), a unit with "/" when every part does ("instansi/lembaga").
SATUAN_BULAT = frozenset(
    {
        "aplikasi",
        "berkas",
        "buku",
        "desa",
        "dokumen",
        "instansi",
        "jenis",
        "kali",
        "kampung",
        "kasus",
        "kecamatan",
        "kegiatan",
        "kelompok",
        "kelurahan",
        "keluarga",
        "kk",
        "lembaga",
        "layanan",
        "laporan",
        "lokasi",
        "makam",
        "opd",
        "ormas",
        "organisasi",
        "orang",
        "paket",
        "pd",
        "perangkat",
        "perusahaan",
        "rekomendasi",
        "sekolah",
        "sertifikat",
        "surat",
        "titik",
        "unit",
    }
)


def satuan_bulat(satuan) -> bool:
    """Whether a unit counts things (SATUAN_BULAT), so its figures are whole numbers."""
    text = (satuan or "").strip().lower()
    if not text:
        return False
    parts = [p.strip() for p in text.split("/")]
    return all(p and p.split()[0] in SATUAN_BULAT for p in parts)


def cek_satuan(nilai, satuan, teks=None):
    """`nilai` unchanged, or AngkaTidakSah when the unit counts things and the number has a
    fraction ("12,5 orang"). `teks` is the input as typed, for the message."""
    if nilai is None or not satuan_bulat(satuan) or nilai == nilai.to_integral_value():
        return nilai
    tampil = teks.strip() if isinstance(teks, str) and teks.strip() else angka(nilai)
    raise AngkaTidakSah(
        f"“{tampil}”: satuan {satuan.strip()} dihitung utuh, isikan bilangan bulat "
        f"(mis. {angka(nilai.to_integral_value(rounding=ROUND_HALF_UP))})."
    )
