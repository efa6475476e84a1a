"""The computation rules of SAKIP (DESIGN section 3), as pure functions on Decimal.

No ORM and no Django: selectors fetch the numbers, these functions compute, the
formatting layer (sakip/angka.py) rounds for display. Nothing here rounds.

A figure that cannot be computed (target missing or zero, realisation missing, category
missing) is a `Hasil` whose `nilai` is None and whose `alasan` says why; it is shown as
"–" ("belum dapat dinilai"). No function raises on bad input and none invents a zero.

Names of the per-Pemda settings follow the models: `rumus_negatif` is "selisih" or
"kebalikan" (Pemda.RumusNegatif / Indikator.RumusNegatif), `konvensi` is "rasio" or
"indeks" (Pemda.KonvensiEfisiensi), `polaritas` is "positif", "negatif" or "rentang",
`agregasi` is "kumulatif", "terakhir" or "rata_rata" (Indikator.Agregasi).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, DecimalException, InvalidOperation

from sakip.skala import (  # noqa: F401 (re-exported: callers use sakip.capaian.*)
    DI_ATAS_BATAS,
    DI_LUAR_SKALA,
    EFISIEN,
    LABEL_EFISIENSI,
    SKALA_PERMENDAGRI_86,
    TIDAK_EFISIEN,
    LabelEfisiensi,
    Tingkat,
    bands_bertumpuk,
    dibulatkan,
)

SERATUS = Decimal(100)
NOL = Decimal(0)
SATU = Decimal(1)

POSITIF = "positif"
NEGATIF = "negatif"
RENTANG = "rentang"

SELISIH = "selisih"
KEBALIKAN = "kebalikan"

KUMULATIF = "kumulatif"
TERAKHIR = "terakhir"
RATA_RATA = "rata_rata"

RASIO = "rasio"
INDEKS = "indeks"

# Reasons shown next to "–".
BELUM_DINILAI = "belum dapat dinilai"
ALASAN_TARGET_KOSONG = "belum dapat dinilai: target belum ditetapkan"
ALASAN_TARGET_NOL = "belum dapat dinilai: target nol"
ALASAN_REALISASI_KOSONG = "belum dapat dinilai: realisasi belum diisi"
ALASAN_REALISASI_NOL = "belum dapat dinilai: realisasi nol (rumus Target / Realisasi)"
ALASAN_KATEGORI_KOSONG = "belum dapat dinilai: kategori belum diisi"
ALASAN_SKOR_NOL = "belum dapat dinilai: skor kategori target nol"
ALASAN_PAGU_KOSONG = "belum dapat dinilai: pagu belum ditetapkan"
ALASAN_PAGU_NOL = "belum dapat dinilai: pagu nol"
ALASAN_RENTANG = "belum dapat dinilai: batas rentang belum lengkap"
ALASAN_PENYEBUT = "belum dapat dinilai: penyebut kosong atau nol"
ALASAN_TIDAK_SAH = "belum dapat dinilai: nilai tidak sah"
ALASAN_ATURAN = "belum dapat dinilai: aturan perhitungan tidak dikenal"
ALASAN_CAPAIAN_NOL = "belum dapat dinilai: capaian kinerja nol"
ALASAN_PENYERAPAN_NOL = "belum dapat dinilai: penyerapan anggaran nol"
TIDAK_DAPAT_DIUKUR = "tidak dapat diukur"


def ke_decimal(value) -> Decimal | None:
    """A finite Decimal from a Decimal, int, str or float, else None (never raises).
    Floats go through str() so that 0.1 stays 0.1."""
    # The read model passes Decimals (or None) nearly always: checked first.
    if type(value) is Decimal:
        return value if value.is_finite() else None
    if value is None or isinstance(value, bool):
        return None
    try:
        if isinstance(value, Decimal):
            result = value
        elif isinstance(value, int):
            result = Decimal(value)
        elif isinstance(value, float):
            result = Decimal(str(value))
        elif isinstance(value, str):
            text = value.strip()
            if not text:
                return None
            result = Decimal(text)
        else:
            return None
    except (InvalidOperation, ValueError, TypeError):
        return None
    return result if result.is_finite() else None


@dataclass(frozen=True)
class Hasil:
    """A computed percentage (or index). `nilai` is the figure every surface prints, averages
    and grades, None when it cannot be computed (then `alasan` says why). `batas` is the
    Pemda's cap, if any (DESIGN section 3, "cap"): a figure above it is printed as the cap,
    and the uncapped figure is always kept in `nilai_asli` (`tanpa_batas`)."""

    nilai: Decimal | None
    alasan: str = ""
    batas: Decimal | None = None
    nilai_asli: Decimal | None = None  # set only when the cap changed the figure
    # Recorded as "tidak dapat diukur" (printed "n/a" with `alasan`), not merely missing.
    tidak_terukur: bool = False

    @property
    def ada(self) -> bool:
        return self.nilai is not None

    @property
    def dibatasi(self) -> bool:
        return self.nilai_asli is not None

    @property
    def tanpa_batas(self) -> Decimal | None:
        """The uncapped figure (the same as `nilai` when the cap did not change it)."""
        return self.nilai_asli if self.nilai_asli is not None else self.nilai

    @property
    def nilai_tampil(self) -> Decimal | None:
        return self.nilai

    def dengan_batas(self, batas) -> Hasil:
        return batasi(self, batas)


def kosong(alasan: str = BELUM_DINILAI) -> Hasil:
    return Hasil(None, alasan)


def aman(fn):
    """Arithmetic on extreme Decimals can overflow; such input is "no figure", not a crash."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (DecimalException, ArithmeticError, TypeError, ValueError):
            return kosong(ALASAN_TIDAK_SAH)

    return wrapper


def _cek(target, realisasi):
    """Convert both values; return (t, r, None) or (None, None, reason)."""
    if target is None:
        return None, None, ALASAN_TARGET_KOSONG
    t = ke_decimal(target)
    if t is None:
        return None, None, ALASAN_TIDAK_SAH
    if realisasi is None:
        return None, None, ALASAN_REALISASI_KOSONG
    r = ke_decimal(realisasi)
    if r is None:
        return None, None, ALASAN_TIDAK_SAH
    if t == 0:
        return None, None, ALASAN_TARGET_NOL
    return t, r, None


@aman
def capaian_positif(target, realisasi) -> Hasil:
    """Capaian of a positive indicator (higher is better): R / T × 100.

    DESIGN section 3, "capaian kinerja, positive polarity"; LKjIP 2020 table 3.1.1.A
    (92 / 86 → 107%). T = 0 or a missing value gives no figure."""
    t, r, alasan = _cek(target, realisasi)
    if alasan:
        return kosong(alasan)
    return Hasil(r / t * SERATUS)


@aman
def capaian_negatif(target, realisasi, rumus: str = SELISIH) -> Hasil:
    """Capaian of a negative indicator (lower is better: poverty rate, cases).

    rumus "selisih" (the default, written in LKjIPs as (Rencana − (Realisasi − Rencana)) /
    Rencana): (2T − R) / T × 100, floored at 0. rumus "kebalikan" (used by some agencies):
    T / R × 100; R = 0 then gives no figure. DESIGN section 3, "negative polarity": a per-Pemda
    default (Pemda.rumus_negatif) that an indicator may override (Indikator.rumus_negatif)."""
    t, r, alasan = _cek(target, realisasi)
    if alasan:
        return kosong(alasan)
    if rumus == KEBALIKAN:
        if r == 0:
            return kosong(ALASAN_REALISASI_NOL)
        return Hasil(t / r * SERATUS)
    if rumus != SELISIH:
        return kosong(ALASAN_ATURAN)
    # 2 − R/T is (2T − R)/T without forming 2T, so R = T gives exactly 100 at any size.
    return Hasil(max(NOL, (2 - r / t) * SERATUS))


@aman
def capaian_rentang(bawah, atas, realisasi, rumus: str = SELISIH) -> Hasil:
    """Capaian of a target-range indicator (stable polarity, e.g. inflation 3 ± 1).

    100 inside [bawah, atas]; above the range the negative rule against the upper bound,
    below it the positive rule against the lower bound. DESIGN section 3, "target range"."""
    b, a = ke_decimal(bawah), ke_decimal(atas)
    if b is None or a is None or b > a:
        return kosong(ALASAN_RENTANG)
    if realisasi is None:
        return kosong(ALASAN_REALISASI_KOSONG)
    r = ke_decimal(realisasi)
    if r is None:
        return kosong(ALASAN_TIDAK_SAH)
    if b <= r <= a:
        return Hasil(SERATUS)
    if r > a:
        return capaian_negatif(a, r, rumus)
    return capaian_positif(b, r)


@dataclass(frozen=True)
class Level:
    """A level of an ordered category scale (Kota Layak Anak: Pratama < Madya < Nindya <
    Utama < KLA). `skor` is what capaian compares; by default the rank."""

    nama: str
    skor: Decimal
    urutan: int = 0


@aman
def capaian_kategori(target: Level | None, realisasi: Level | None) -> Hasil:
    """Capaian of a categorical indicator: score(R) / score(T) × 100.

    DESIGN section 3, "capaian, categorical"; LKjIP 2020 table 3.1.3.A (Kategori Kota Layak
    Anak: Madya against Madya → 100%). The levels themselves are shown beside the figure.
    A missing level or a target score of 0 gives no figure."""
    if target is None:
        return kosong(ALASAN_TARGET_KOSONG)
    if realisasi is None:
        return kosong(ALASAN_KATEGORI_KOSONG)
    t, r = ke_decimal(target.skor), ke_decimal(realisasi.skor)
    if t is None or r is None:
        return kosong(ALASAN_TIDAK_SAH)
    if t == 0:
        return kosong(ALASAN_SKOR_NOL)
    return Hasil(r / t * SERATUS)


def batasi(hasil: Hasil, batas) -> Hasil:
    """Apply the Pemda's cap (Pemda.batas_capaian, e.g. 100 or 120; None = no cap) to a
    capaian of any polarity.

    DESIGN section 3, "cap": off by default. A figure above the cap becomes the cap, which
    is what every surface prints, averages and grades; the uncapped figure stays in
    `nilai_asli`. Capping twice keeps the first uncapped figure."""
    b = ke_decimal(batas)
    asli = hasil.tanpa_batas
    if b is None or asli is None or asli <= b:
        return Hasil(asli, hasil.alasan, b, tidak_terukur=hasil.tidak_terukur)
    return Hasil(b, hasil.alasan, b, asli, tidak_terukur=hasil.tidak_terukur)


def capaian(
    *,
    polaritas: str,
    target=None,
    realisasi=None,
    rumus_negatif: str = SELISIH,
    rentang_bawah=None,
    rentang_atas=None,
    target_level: Level | None = None,
    realisasi_level: Level | None = None,
    kategori: bool = False,
    batas=None,
) -> Hasil:
    """Capaian of any indicator: dispatches on `kategori` and `polaritas` to the rules above
    and attaches the cap. This is what selectors call with the fetched values."""
    if kategori:
        hasil = capaian_kategori(target_level, realisasi_level)
    elif polaritas == NEGATIF:
        hasil = capaian_negatif(target, realisasi, rumus_negatif or SELISIH)
    elif polaritas == RENTANG:
        hasil = capaian_rentang(rentang_bawah, rentang_atas, realisasi, rumus_negatif or SELISIH)
    elif polaritas == POSITIF:
        hasil = capaian_positif(target, realisasi)
    else:
        hasil = kosong(ALASAN_ATURAN)
    return batasi(hasil, batas) if batas is not None else hasil


def tingkat_kemajuan(**kwargs) -> Hasil:
    """Tingkat kemajuan: the year's realisation against the end-of-Renstra target, by the
    same polarity rule as capaian (pass the end-of-Renstra target as `target`).

    DESIGN section 3; LKjIP 2020 table 3.1.x.C (92 against 75 → 122,67%; the document
    prints 215%, which its own figures do not give)."""
    return capaian(**kwargs)


def nilai_rasio(pembilang, penyebut, pengali=SERATUS) -> Decimal | None:
    """The value of a ratio indicator: pembilang / penyebut × pengali (seed 002's formulas,
    "jumlah ... / jumlah ... × 100%"). A missing or zero denominator gives None."""
    p, q, k = ke_decimal(pembilang), ke_decimal(penyebut), ke_decimal(pengali)
    if p is None or q is None or q == 0 or k is None:
        return None
    try:
        return p / q * k
    except (DecimalException, ArithmeticError):
        return None


def _bersih(nilai_triwulan: Iterable) -> list[Decimal]:
    return [d for d in map(ke_decimal, nilai_triwulan) if d is not None]


def nilai_tahunan(nilai_triwulan: Sequence, agregasi: str = TERAKHIR) -> Decimal | None:
    """The value to date from quarterly values, in quarter order (None for a quarter without
    a realisation), by the indicator's rule (Indikator.agregasi; DESIGN section 3, "yearly R
    from quarters"):

    - "kumulatif": the sum of the reported quarters (counts: people, documents);
    - "terakhir": the last reported value (percentages, indices);
    - "rata_rata": the mean of the reported quarters.

    No reported quarter gives None (not 0)."""
    values = _bersih(nilai_triwulan)
    try:
        jumlah = sum(values, NOL)
    except (DecimalException, ArithmeticError):
        return None
    return nilai_agregat(agregasi, jumlah, len(values), values[-1] if values else None)


def nilai_agregat(agregasi: str, jumlah, banyak: int, terakhir) -> Decimal | None:
    """nilai_tahunan from the sum, the number and the last of the reported values (the Pemda
    roll-up aggregates them in SQL, kinerja.agregat_pemda): the one rule of both."""
    if not banyak:
        return None
    try:
        if agregasi == KUMULATIF:
            return jumlah
        if agregasi == RATA_RATA:
            return jumlah / banyak
        if agregasi == TERAKHIR:
            return terakhir
    except (DecimalException, ArithmeticError):
        return None
    return None


def nilai_tahunan_rasio(
    pasangan: Sequence[tuple], agregasi: str = TERAKHIR, pengali=SERATUS
) -> Decimal | None:
    """The value to date of a ratio indicator from its quarterly (pembilang, penyebut) pairs.

    "kumulatif" sums numerators and denominators before dividing (cases handled to date /
    cases to date); "terakhir" takes the last quarter with both; "rata_rata" averages the
    quarterly ratios. Quarters without a usable pair are skipped."""
    pairs = []
    for pembilang, penyebut in pasangan:
        p, q = ke_decimal(pembilang), ke_decimal(penyebut)
        if p is not None and q is not None:
            pairs.append((p, q))
    if not pairs:
        return None
    if agregasi == KUMULATIF:
        return nilai_rasio(
            sum((p for p, _ in pairs), NOL), sum((q for _, q in pairs), NOL), pengali
        )
    if agregasi == TERAKHIR:
        p, q = pairs[-1]
        return nilai_rasio(p, q, pengali)
    if agregasi == RATA_RATA:
        return nilai_tahunan([nilai_rasio(p, q, pengali) for p, q in pairs], RATA_RATA)
    return None


def level_terakhir(levels: Sequence[Level | None]) -> Level | None:
    """The yearly level of a categorical indicator: the last reported quarter's level."""
    return next((level for level in reversed(list(levels)) if level is not None), None)


@dataclass(frozen=True)
class Laporan:
    """What was entered for one quarter: a value, a ratio's numerator and denominator, or a
    category level (any may be None); or that the indicator cannot be measured this quarter
    (`tidak_terukur`, with the operator's `alasan`)."""

    nilai: Decimal | None = None
    pembilang: Decimal | None = None
    penyebut: Decimal | None = None
    level: Level | None = None
    tidak_terukur: bool = False
    alasan: str = ""


@dataclass(frozen=True)
class NilaiSd:
    """The value to date of an indicator, with the numerator and denominator a formula
    shows when they make it (a cumulated or last ratio). `tidak_terukur` (with `alasan`):
    the indicator cannot be measured to date (tidak_dapat_diukur)."""

    nilai: Decimal | None = None
    level: Level | None = None
    pembilang: Decimal | None = None
    penyebut: Decimal | None = None
    tidak_terukur: bool = False
    alasan: str = ""


def tidak_dapat_diukur(laporan: Sequence[Laporan]) -> str | None:
    """The rule "tidak dapat diukur" (issue 11 item 5; published LKjIPs print "n/a" with a
    reason): an indicator cannot be measured to date when its latest entered quarter up to
    the reporting quarter is recorded so; that quarter's reason is returned (None when it
    can be measured). An earlier such quarter is skipped: later measured quarters make the
    value to date. Such an indicator has no capaian, is left out of averages (rata_rata)
    and counts as reported, not as missing."""
    if laporan and laporan[-1].tidak_terukur:
        return laporan[-1].alasan.strip() or TIDAK_DAPAT_DIUKUR
    return None


def capaian_tidak_terukur(alasan: str) -> Hasil:
    """The capaian of an indicator that cannot be measured: no figure, printed "n/a" with
    the reason ("tidak dapat diukur: <alasan>"), so rata_rata and predikat skip it."""
    alasan = (alasan or "").strip()
    teks = f"{TIDAK_DAPAT_DIUKUR}: {alasan}" if alasan else TIDAK_DAPAT_DIUKUR
    return Hasil(None, teks, tidak_terukur=True)


def nilai_sampai_dengan(
    laporan: Sequence[Laporan],
    agregasi: str = TERAKHIR,
    *,
    kategori: bool = False,
    rasio: bool = False,
    pengali=SERATUS,
) -> NilaiSd:
    """The value to date of an indicator from what was entered for its quarters up to the
    reporting quarter, in quarter order, by its rule (DESIGN section 3, "yearly R from
    quarters"; nilai_tahunan): the one rule every surface shows.

    A categorical indicator takes its last reported level. A ratio quarter counts by its
    numerator / denominator when both were entered, else by its value (a yearly figure typed
    into TW IV); "kumulatif" divides the summed numerators by the summed denominators when
    every reported quarter has them (cases handled to date / cases to date). Quarters recorded
    as "tidak dapat diukur" are skipped, unless the latest one is (tidak_dapat_diukur)."""
    alasan = tidak_dapat_diukur(laporan)
    if alasan is not None:
        return NilaiSd(tidak_terukur=True, alasan=alasan)
    laporan = [r for r in laporan if not r.tidak_terukur]
    if kategori:
        return NilaiSd(level=level_terakhir([r.level for r in laporan]))
    if not rasio:
        return NilaiSd(nilai_tahunan([r.nilai for r in laporan], agregasi))
    reported = []
    for r in laporan:
        value = nilai_rasio(r.pembilang, r.penyebut, pengali)
        if value is not None:
            reported.append((value, (r.pembilang, r.penyebut)))
        elif ke_decimal(r.nilai) is not None:
            reported.append((ke_decimal(r.nilai), None))
    if not reported:
        return NilaiSd()
    if agregasi == KUMULATIF and all(pair for _, pair in reported):
        pairs = [pair for _, pair in reported]
        return NilaiSd(
            nilai_tahunan_rasio(pairs, agregasi, pengali),
            pembilang=sum((ke_decimal(p) for p, _ in pairs), NOL),
            penyebut=sum((ke_decimal(q) for _, q in pairs), NOL),
        )
    nilai = nilai_tahunan([v for v, _ in reported], agregasi)
    last_pair = reported[-1][1]
    if agregasi == TERAKHIR and last_pair:
        return NilaiSd(nilai, pembilang=last_pair[0], penyebut=last_pair[1])
    return NilaiSd(nilai)


@aman
def penyerapan(pagu, realisasi) -> Hasil:
    """Penyerapan (capaian anggaran): realisasi anggaran cumulated to the quarter / pagu in
    force × 100. DESIGN section 3; LKjIP 2020 table 3.2 (43.332.500 / 51.458.100 → 84,21%).
    A missing or zero pagu gives no figure; a missing realisation counts as nothing spent
    only when the caller passes 0."""
    if pagu is None:
        return kosong(ALASAN_PAGU_KOSONG)
    p = ke_decimal(pagu)
    if p is None:
        return kosong(ALASAN_TIDAK_SAH)
    if p == 0:
        return kosong(ALASAN_PAGU_NOL)
    if realisasi is None:
        return kosong(ALASAN_REALISASI_KOSONG)
    r = ke_decimal(realisasi)
    if r is None:
        return kosong(ALASAN_TIDAK_SAH)
    return Hasil(r / p * SERATUS)


@aman
def persentase(bagian, keseluruhan) -> Hasil:
    """bagian / keseluruhan × 100; used for the share of the OPD budget (program pagu under a
    sasaran / DPA, LKjIP 2020 table 3.1.x.E). A zero or missing whole gives no figure."""
    if keseluruhan is None:
        return kosong(ALASAN_PAGU_KOSONG)
    w = ke_decimal(keseluruhan)
    if w is None:
        return kosong(ALASAN_TIDAK_SAH)
    if w == 0:
        return kosong(ALASAN_PAGU_NOL)
    b = ke_decimal(bagian)
    if b is None:
        return kosong(ALASAN_REALISASI_KOSONG if bagian is None else ALASAN_TIDAK_SAH)
    return Hasil(b / w * SERATUS)


pangsa_anggaran = persentase


@dataclass(frozen=True)
class Efisiensi:
    """Efficiency of an indicator's budget use (LKjIP table 3.1.x.G).

    konvensi "rasio": `nilai` = penyerapan / capaian × 100 (%), `tingkat` = 100 − nilai (%),
    efficient when capaian ≥ penyerapan. konvensi "indeks": `nilai` = capaian / penyerapan
    (standard 1), `tingkat` = nilai − 1, efficient when nilai ≥ 1. None when not computable.
    `status` is "efisien", "tidak_efisien" or "di_atas_batas" (above the Pemda's ceiling of
    the efficient band); `label` is the Pemda's word for it."""

    konvensi: str
    nilai: Decimal | None
    tingkat: Decimal | None
    efisien: bool | None
    alasan: str = ""
    status: str | None = None
    label: str = ""

    @property
    def ada(self) -> bool:
        return self.nilai is not None

    @property
    def indeks(self) -> bool:
        return self.konvensi == INDEKS


def _nilai(x):
    return x.nilai if isinstance(x, Hasil) else ke_decimal(x)


def _status_efisiensi(efisien: bool, ukuran: Decimal, batas_atas) -> str:
    if not efisien:
        return TIDAK_EFISIEN
    if batas_atas is not None and ukuran > batas_atas:
        return DI_ATAS_BATAS
    return EFISIEN


def efisiensi(
    capaian_kinerja,
    penyerapan_anggaran,
    konvensi: str = RASIO,
    *,
    batas_atas=None,
    label: LabelEfisiensi = LABEL_EFISIENSI,
) -> Efisiensi:
    """Rasio / tingkat efisiensi (DESIGN section 3).

    "rasio" (the seed's convention, the default): rasio = penyerapan / capaian × 100; LKjIP
    2020 table 3.1.1.G prints 86 / 107 → 80%, and its text reads 80% as "20% efficient", so
    tingkat efisiensi = 100 − rasio. "indeks" (other agencies): capaian / penyerapan with 1 as
    the standard, tingkat = indeks − 1. Both say efficient when capaian ≥ penyerapan.

    `batas_atas` is the ceiling of the efficient band (issue 11: some agencies read an index
    above a ceiling as a planning fault, not efficiency): the index for "indeks", the tingkat
    efisiensi (%) for "rasio"; a figure above it is "di_atas_batas", not efficient. Arguments
    are Decimals or Hasil (the printed, capped figure is used, so the printed columns divide
    into the printed efficiency)."""
    c, p = _nilai(capaian_kinerja), _nilai(penyerapan_anggaran)
    batas = ke_decimal(batas_atas)

    def gagal(alasan):
        return Efisiensi(konvensi, None, None, None, alasan)

    if c is None or p is None:
        return gagal(BELUM_DINILAI)
    try:
        if konvensi == RASIO:
            if c == 0:
                return gagal(ALASAN_CAPAIAN_NOL)
            rasio = p / c * SERATUS
            tingkat = SERATUS - rasio
            status = _status_efisiensi(c >= p, tingkat, batas)
            return Efisiensi(
                konvensi, rasio, tingkat, status == EFISIEN, "", status, label.untuk(status)
            )
        if konvensi == INDEKS:
            if p == 0:
                return gagal(ALASAN_PENYERAPAN_NOL)
            indeks = c / p
            status = _status_efisiensi(indeks >= SATU, indeks, batas)
            return Efisiensi(
                konvensi, indeks, indeks - SATU, status == EFISIEN, "", status, label.untuk(status)
            )
    except (DecimalException, ArithmeticError):
        return gagal(ALASAN_TIDAK_SAH)
    return gagal(ALASAN_ATURAN)


def predikat(nilai, skala: Iterable[Tingkat | tuple]) -> Tingkat | None:
    """The predicate of a capaian on a scale (DESIGN section 3, "predikat"; issue 11): the
    band that holds the figure as printed (rounded half-up to 2 decimals: 90,995 prints
    91,00 and is graded as 91). Bands have a lower and an upper bound, each inclusive or
    exclusive, and may leave gaps; a figure in no band gets DI_LUAR_SKALA ("di luar skala").
    No figure gives None. Steps may be Tingkat or (batas_bawah, label, warna) tuples (a
    lower bound only). Pass a Hasil to use its printed (capped) figure."""
    value = nilai.nilai if isinstance(nilai, Hasil) else ke_decimal(nilai)
    if value is None:
        return None
    try:
        value = dibulatkan(value)
    except (DecimalException, ArithmeticError):
        return None
    steps = [
        step if isinstance(step, Tingkat) else Tingkat(ke_decimal(step[0]), *step[1:])
        for step in skala
    ]
    # Tuples (lower bound only) keep the old rule: the highest lower bound not above wins.
    best = None
    for step in steps:
        if step.memuat(value) and (
            best is None or (step.batas_bawah or NOL) > (best.batas_bawah or NOL)
        ):
            best = step
    return best or DI_LUAR_SKALA


def rata_rata(values: Iterable) -> Decimal | None:
    """Mean of the figures that exist (Hasil uses its capped figure); None when none does."""
    nums = []
    for v in values:
        d = v.nilai_tampil if isinstance(v, Hasil) else ke_decimal(v)
        if d is not None:
            nums.append(d)
    if not nums:
        return None
    return sum(nums, NOL) / len(nums)
