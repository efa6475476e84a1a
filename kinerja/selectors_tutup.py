"""What closing a quarter leaves behind (issue 13 item 4): unit by unit, the rows of the
quarter still awaiting verification (diajukan), returned to the operator (dikembalikan),
saved but never submitted (draf) and still empty (indicator and budget rows), with their
counts and a fingerprint of the list, so that the close can be refused when the list
changed after the admin read it.

Empty means what the dashboards count as empty (selectors_dasbor.indikator_kosong /
sub_kosong, used here as subqueries): the counts are never computed a second way. Each row
is placed in the unit whose sheet holds it (renstra.tables.unit_entri). Four queries
whatever the size of the plan."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, Subquery

from anggaran.models import RealisasiAnggaran
from kinerja import selectors_dasbor
from kinerja.models import Realisasi, rincian_belum
from renstra import selectors as renstra_selectors
from renstra.models import Indikator, SubKegiatan, UnitKerja
from renstra.tables import unit_entri
from sakip import angka as fmt
from sakip.alur import RealisasiDihitung, StatusRealisasi

KATEGORI = ("diajukan", "dikembalikan", "draf", "kosong")
TANPA_UNIT = "Tanpa unit (tingkat perangkat daerah)"


@dataclass(frozen=True)
class BarisTertunda:
    """One row of the quarter not verified: an indicator or a sub-kegiatan's budget row."""

    jenis: str  # "indikator" or "anggaran"
    id: int  # the Indikator's or the SubKegiatan's pk
    kode: str
    uraian: str
    kategori: str  # one of KATEGORI

    def sebagai_data(self):
        return {"jenis": self.jenis, "id": self.id, "kode": self.kode, "uraian": self.uraian}


@dataclass
class UnitTertunda:
    unit_id: int | None
    nama: str
    baris: dict = field(default_factory=lambda: {k: [] for k in KATEGORI})

    @property
    def diajukan(self):
        return self.baris["diajukan"]

    @property
    def dikembalikan(self):
        return self.baris["dikembalikan"]

    @property
    def draf(self):
        return self.baris["draf"]

    @property
    def kosong(self):
        return self.baris["kosong"]

    @property
    def n_belum_diverifikasi(self):
        return len(self.diajukan) + len(self.dikembalikan) + len(self.draf)

    def sebagai_data(self):
        return {
            "unit_id": self.unit_id,
            "nama": self.nama,
            **{k: [b.sebagai_data() for b in v] for k, v in self.baris.items()},
        }


@dataclass
class RincianPenutupan:
    """The rows a close of `tw` would leave unverified or empty, per unit in plan order."""

    tw: object
    realisasi_dihitung: str
    units: list = field(default_factory=list)

    def _n(self, kategori):
        return sum(len(u.baris[kategori]) for u in self.units)

    @property
    def n_diajukan(self):
        return self._n("diajukan")

    @property
    def n_dikembalikan(self):
        return self._n("dikembalikan")

    @property
    def n_draf(self):
        return self._n("draf")

    @property
    def n_kosong(self):
        return self._n("kosong")

    @property
    def n_kosong_indikator(self):
        return sum(1 for u in self.units for b in u.kosong if b.jenis == "indikator")

    @property
    def n_kosong_anggaran(self):
        return sum(1 for u in self.units for b in u.kosong if b.jenis == "anggaran")

    @property
    def n_belum_diverifikasi(self):
        return self.n_diajukan + self.n_dikembalikan + self.n_draf

    @property
    def rincian_belum(self):
        """[(count, label)] of the unverified rows' categories that are not empty."""
        return rincian_belum(self.n_diajukan, self.n_dikembalikan, self.n_draf)

    @property
    def bersih(self):
        """Nothing pending and nothing empty: a simple confirmation is enough."""
        return not self.units

    @property
    def label(self):
        return f"TW {fmt.triwulan_romawi(self.tw.triwulan)} {self.tw.tahun}"

    @property
    def kalimat(self):
        """The sentence the admin confirms, naming what stays behind."""
        return (
            f"Saya menutup {self.label} {self.tw.opd.nama} dengan "
            f"{self.n_belum_diverifikasi} baris belum diverifikasi dan "
            f"{self.n_kosong} baris kosong."
        )

    @property
    def sidik(self):
        """A fingerprint of the list: changes when any row enters, leaves or moves between
        the categories (a verification, a submission, a value typed into an empty row)."""
        kunci = sorted(
            f"{b.jenis}:{b.id}:{b.kategori}"
            for u in self.units
            for k in KATEGORI
            for b in u.baris[k]
        )
        return hashlib.sha256("|".join(kunci).encode()).hexdigest()[:32]

    @property
    def realisasi_dihitung_label(self):
        return RealisasiDihitung(self.realisasi_dihitung).label

    def sebagai_data(self):
        return [u.sebagai_data() for u in self.units]


def _kategori(kosong, status):
    if kosong:
        return "kosong"
    if status == StatusRealisasi.DIAJUKAN:
        return "diajukan"
    if status == StatusRealisasi.DIKEMBALIKAN:
        return "dikembalikan"
    if status == StatusRealisasi.DRAFT:
        return "draf"
    return None  # verified


def rincian_penutupan(tw) -> RincianPenutupan:
    """The rows of the quarter `tw` (a TriwulanPelaporan with its opd and pemda) that are
    not verified, unit by unit."""
    opd = tw.opd
    aturan = opd.pemda.realisasi_dihitung or RealisasiDihitung.FINAL_TERVERIFIKASI
    hasil = RincianPenutupan(tw=tw, realisasi_dihitung=aturan)
    periode = renstra_selectors.periode_aktif(opd.pk, tw.tahun)
    if periode is None:
        return hasil
    tahun, triwulan = tw.tahun, tw.triwulan
    terverifikasi = StatusRealisasi.DIVERIFIKASI

    status_ind = Realisasi.objects.filter(
        indikator_id=OuterRef("pk"), tahun=tahun, triwulan=triwulan
    ).values("status")[:1]
    kosong_ind = selectors_dasbor.indikator_kosong(periode, tahun, triwulan).filter(
        pk=OuterRef("pk")
    )
    indikator = (
        Indikator.objects.filter(periode=periode)
        .annotate(status_tw=Subquery(status_ind), kosong=Exists(kosong_ind), unit_tw=unit_entri())
        .filter(Q(kosong=True) | Q(status_tw__isnull=True) | ~Q(status_tw=terverifikasi))
        .order_by("urutan", "pk")
        .values_list("pk", "kode", "uraian", "status_tw", "kosong", "unit_tw")
    )
    status_ang = RealisasiAnggaran.objects.filter(
        sub_kegiatan_id=OuterRef("pk"), tahun=tahun, triwulan=triwulan
    ).values("status")[:1]
    kosong_sub = selectors_dasbor.sub_kosong(periode, tahun, triwulan).filter(pk=OuterRef("pk"))
    anggaran = (
        SubKegiatan.objects.filter(periode=periode)
        .annotate(status_tw=Subquery(status_ang), kosong=Exists(kosong_sub))
        .filter(Q(kosong=True) | (Q(status_tw__isnull=False) & ~Q(status_tw=terverifikasi)))
        .order_by("kode", "pk")
        .values_list("pk", "kode", "nama", "status_tw", "kosong", "unit_id")
    )

    units = {
        u.pk: UnitTertunda(u.pk, u.nama)
        for u in UnitKerja.objects.filter(opd=opd).order_by("urutan", "nama")
    }
    tanpa = UnitTertunda(None, TANPA_UNIT)

    def tambah(unit_id, baris):
        if baris.kategori is not None:
            units.get(unit_id, tanpa).baris[baris.kategori].append(baris)

    for pk, kode, uraian, status, kosong, unit_id in indikator:
        tambah(unit_id, BarisTertunda("indikator", pk, kode, uraian, _kategori(kosong, status)))
    for pk, kode, nama, status, kosong, unit_id in anggaran:
        baris = BarisTertunda(
            "anggaran", pk, kode, f"Realisasi anggaran: {nama}", _kategori(kosong, status)
        )
        tambah(unit_id, baris)
    hasil.units = [u for u in (*units.values(), tanpa) if any(u.baris.values())]
    return hasil
