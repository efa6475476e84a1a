"""The rows of the read model for indicators (kinerja.selectors builds them): a value as a
page shows it (`Nilai`) and one indicator's figures for a year up to a quarter
(`IndikatorRow`). Kept apart from the selectors only for size; import them from
kinerja.selectors."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from anggaran.selectors import AnggaranRow
from renstra.models import Indikator
from sakip import capaian


@dataclass(frozen=True)
class Nilai:
    """A value as a page shows it: a number, a category level, or (for a target written in
    words) a text; none of them when nothing was entered. Template filter `nilai` and the
    XLSX writer format it."""

    angka: Decimal | None = None
    level: capaian.Level | None = None
    teks: str = ""
    tidak_terukur: bool = False  # "tidak dapat diukur": shown n/a

    @property
    def ada(self) -> bool:
        return self.angka is not None or self.level is not None or bool(self.teks)


@dataclass
class IndikatorRow:
    """One indicator for a year up to a quarter, with every figure a page or report prints.

    `realisasi` is the value to date by the indicator's rule (Indikator.agregasi:
    kumulatif, terakhir, rata-rata; sakip.capaian.nilai_sampai_dengan) over its quarterly
    Realisasi up to `triwulan`; `capaian` compares it with the yearly target (DESIGN
    section 3; the Pengukuran Kinerja of the seed LKjIP measures each quarter against the
    year's target), `capaian_triwulan` with the quarter's target of the Rencana Aksi when
    there is one, `kemajuan` with the end-of-Renstra target. Categorical indicators carry
    levels (`*_level`) instead of numbers. Every surface (sheets, listings, dashboards,
    documents, the `capaian` command) shows these figures."""

    id: int
    periode_id: int
    tingkat: str  # tujuan, sasaran, program, kegiatan, sub_kegiatan
    pemilik_id: int
    kode: str
    uraian: str
    satuan: str
    tipe: str
    polaritas: str
    agregasi: str
    rumus_negatif: str
    is_iku: bool
    urutan: int
    formula: str
    label_pembilang: str
    label_penyebut: str
    pengali: Decimal
    target: Decimal | None
    target_level: capaian.Level | None
    target_teks: str
    target_triwulan: Decimal | None
    target_triwulan_level: capaian.Level | None
    target_triwulan_teks: str
    target_akhir: Decimal | None
    target_akhir_level: capaian.Level | None
    tahun_akhir: int
    realisasi: Decimal | None
    realisasi_level: capaian.Level | None
    pembilang: Decimal | None
    penyebut: Decimal | None
    realisasi_triwulan: dict[int, Decimal | None]
    level_triwulan: dict[int, capaian.Level | None]
    status_triwulan: dict[int, str]
    capaian: capaian.Hasil
    capaian_triwulan: capaian.Hasil
    kemajuan: capaian.Hasil
    predikat: capaian.Tingkat | None
    efisiensi: capaian.Efisiensi | None = None  # filled for sasaran indicators
    tahun: int = 0
    triwulan: int = 4
    # "Tidak dapat diukur" to date (sakip.capaian.tidak_dapat_diukur) with the reason, and
    # the quarters recorded so.
    tidak_terukur: bool = False
    alasan_tidak_terukur: str = ""
    triwulan_tidak_terukur: frozenset = field(default_factory=frozenset)
    # The uncapped capaian when the Pemda caps, the cap changed the figure and the Pemda asks
    # for it to be shown too (Pemda.tampilkan_capaian_tanpa_batas); else None.
    capaian_tanpa_batas: Decimal | None = None
    # The budget of the programs / kegiatan named as serving this (sasaran) indicator;
    # None: its sasaran's budget applies (anggaran.selectors.anggaran_per_indikator).
    anggaran: AnggaranRow | None = None

    @property
    def kategori(self) -> bool:
        return self.tipe == Indikator.Tipe.KATEGORI

    @property
    def sasaran_id(self):
        return self.pemilik_id if self.tingkat == "sasaran" else None

    # The fields (in Nilai's order) of the values a row shows: picked here once, for the
    # Nilai properties below and for the sheets that print by these keys without building
    # a Nilai per row (kinerja.views.verifikasi_baris).
    def _kunci_target(self):
        return (self.target, self.target_level, self.target_teks, False)

    def _kunci_target_triwulan(self):
        return (self.target_triwulan, self.target_triwulan_level, self.target_triwulan_teks, False)

    def _kunci_realisasi(self):
        return (self.realisasi, self.realisasi_level, "", self.tidak_terukur)

    def _kunci_pada(self, triwulan):
        return (
            self.realisasi_triwulan.get(triwulan),
            self.level_triwulan.get(triwulan),
            "",
            triwulan in self.triwulan_tidak_terukur,
        )

    def kunci_nilai(self):
        """The fields of nilai_target, nilai_target_triwulan, nilai_tw_lalu and
        nilai_realisasi (Nilai(*k) of each k is that value)."""
        return (
            self._kunci_target(),
            self._kunci_target_triwulan(),
            self._kunci_pada(self.triwulan - 1),
            self._kunci_realisasi(),
        )

    @property
    def nilai_target(self) -> Nilai:
        return Nilai(*self._kunci_target())

    @property
    def nilai_target_triwulan(self) -> Nilai:
        return Nilai(*self._kunci_target_triwulan())

    @property
    def ada_target_triwulan(self) -> bool:
        return self.target_triwulan is not None or self.target_triwulan_level is not None

    @property
    def nilai_realisasi(self) -> Nilai:
        """The value to date (a level for a categorical indicator)."""
        return Nilai(*self._kunci_realisasi())

    def nilai_pada(self, triwulan) -> Nilai:
        """What was entered for one quarter (nothing when no row)."""
        return Nilai(*self._kunci_pada(triwulan))

    @property
    def nilai_tw(self) -> Nilai:
        """What was entered for the quarter itself."""
        return self.nilai_pada(self.triwulan)

    @property
    def nilai_tw_lalu(self) -> Nilai:
        return self.nilai_pada(self.triwulan - 1)
