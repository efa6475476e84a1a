"""What every document shares: the per-request context (`Konteks`) that reads each figure
once, the plan tree with its one sasaran -> program grouping, typed values (Besaran, Rumus),
signature blocks and the small helpers of the row builders.

Rows hold typed values only (Decimal, capaian.Hasil, Besaran, Rumus, dates, model
instances); templates format them with the sakip_format filters and the XLSX writer
(laporan.xlsx) writes them as numbers with number formats (STYLE rule 0b).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from kinerja import selectors as kinerja_selectors
from kinerja.models import TargetTriwulan
from laporan.models import PenandatanganDokumen, PerjanjianKinerja, kunci_dokumen
from laporan.pengesahan import kepala_opd_list, pengesahan, ttd_pengesahan
from renstra.models import (
    Kegiatan,
    Pejabat,
    Program,
    Sasaran,
    TargetTahunan,
    TriwulanPelaporan,
    Tujuan,
)
from renstra.selectors import periode_aktif, sasaran_berlaku
from sakip import angka as fmt
from sakip.angka import Besaran

JENIS = {
    "pk": "Perjanjian Kinerja",
    "rencana-aksi": "Rencana Aksi",
    "pengukuran": "Pengukuran Kinerja",
    "lkjip": "Laporan Kinerja Instansi Pemerintah (LKjIP)",
    "iku": "Indikator Kinerja Utama (IKU)",
    "cascading": "Tabel Keterkaitan IKU dengan Program Kegiatan",
    "pohon-kinerja": "Pohon Kinerja",
    "pk-jenjang": "Perjanjian Kinerja per Jenjang",
    "lhe": "Laporan Hasil Evaluasi AKIP",  # issued by evaluasi (templates/laporan/lhe.html)
}
LANDSCAPE = {"rencana-aksi", "pengukuran", "iku", "cascading", "pohon-kinerja"}


class DokumenTidakAda(Exception):
    """The document cannot be produced (no Renstra period for the year, no such unit);
    the message is shown to the user."""


# --- typed values -------------------------------------------------------------------------


def besaran_target(target, satuan):
    """The Besaran of a TargetTahunan / TargetTriwulan (None: no target)."""
    if target is None:
        return Besaran()
    return Besaran(
        nilai=target.nilai,
        satuan=satuan or "",
        level=target.level.nama if target.level_id else "",
        teks=target.teks or "",
    )


def besaran_indikator(row, jenis="realisasi"):
    """A figure of an engine IndikatorRow as a Besaran: `jenis` is "target" (the year's),
    "target_triwulan", "target_akhir" (end of the Renstra) or "realisasi" (to date)."""
    level = getattr(row, f"{jenis}_level")
    teks = getattr(row, f"{jenis}_teks", "") if jenis != "realisasi" else ""
    return Besaran(
        nilai=getattr(row, jenis),
        satuan=row.satuan or "",
        level=level.nama if level else "",
        teks=teks or "",
        tidak_terukur=jenis == "realisasi" and getattr(row, "tidak_terukur", False),
    )


@dataclass(frozen=True)
class Rumus:
    """The formula cell of an indicator (Pengukuran, IKU): the formula text, for a ratio
    indicator the labels of numerator and denominator with the multiplier, and the entered
    numerator and denominator when the row has them (1.277 / 1.816 × 100%)."""

    formula: str = ""
    label_pembilang: str = ""
    label_penyebut: str = ""
    pengali: Decimal | None = None
    pembilang: Decimal | None = None
    penyebut: Decimal | None = None

    @property
    def rasio(self):
        return bool(self.label_pembilang and self.label_penyebut)

    @property
    def ada_angka(self):
        return self.pembilang is not None and self.penyebut is not None

    @property
    def formula_lain(self):
        """The formula text unless it only restates the ratio's labels (the IKU table prints
        the labels, then the formula when it says more)."""
        if self.rasio:
            # The same wording as the template's label line, compared without spacing.
            baris = f"{self.label_pembilang}/{self.label_penyebut}×{fmt.angka(self.pengali)}%"
            if self.formula.replace(" ", "") == baris.replace(" ", ""):
                return ""
        return self.formula


def rumus_indikator(ind, *, pembilang=None, penyebut=None):
    """The Rumus of an Indikator or an engine IndikatorRow (both carry the same fields)."""
    return Rumus(
        formula=ind.formula or "",
        label_pembilang=ind.label_pembilang or "",
        label_penyebut=ind.label_penyebut or "",
        pengali=ind.pengali,
        pembilang=pembilang,
        penyebut=penyebut,
    )


# --- signatures ---------------------------------------------------------------------------


def pejabat_dict(pejabat):
    if pejabat is None:
        return {"nama": "", "nip": "", "pangkat": "", "golongan": "", "jabatan": ""}
    return {
        "nama": pejabat.nama,
        "nip": pejabat.nip,
        "pangkat": pejabat.pangkat,
        "golongan": pejabat.golongan,
        "jabatan": pejabat.jabatan_tertulis,
    }


def ttd(pejabat, *, label="", jabatan=None, tempat="", tanggal=None, bulan=None, tahun=None):
    """A signature block: `pejabat` is a Pejabat or a snapshot dict. The place-and-date line
    (printed when `tempat` is given) reads the date, else the month `bulan` (a date), else
    a blank to fill in (`tanpa_tanggal`; never the bare year)."""
    data = pejabat if isinstance(pejabat, dict) else pejabat_dict(pejabat)
    return {
        "label": label,
        "jabatan": jabatan if jabatan is not None else data.get("jabatan", ""),
        "nama": data.get("nama", ""),
        "pangkat": data.get("pangkat", ""),
        "nip": data.get("nip", ""),
        "tempat": tempat,
        "tanggal": tanggal,
        "bulan": bulan,
        "tahun": tahun,
        "tanpa_tanggal": tanggal is None and bulan is None,
    }


def kepala_opd(opd, tahun=None):
    """The head of an OPD who signs: the active one, else the latest recorded."""
    return Pejabat.objects.filter(opd=opd, is_kepala=True).order_by("-aktif", "-id").first()


def kepala_daerah(opd):
    return (
        Pejabat.objects.filter(pemda_id=opd.pemda_id, is_kepala_daerah=True)
        .order_by("-aktif", "-id")
        .first()
    )


def periode_wajib(opd, tahun):
    periode = periode_aktif(opd, tahun)
    if periode is None:
        raise DokumenTidakAda(f"Belum ada Renstra {opd.nama} yang mencakup tahun {tahun}.")
    return periode


def pk_for(opd, tahun, versi=None):
    """The PK of a year: the given version, else the latest."""
    qs = PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun, jenjang="opd").select_related(
        "opd__pemda", "pihak_pertama", "pihak_kedua", "finalized_by"
    )
    if versi:
        return qs.filter(versi=versi).first()
    return qs.order_by("-versi").first()


# --- the plan tree ------------------------------------------------------------------------


@dataclass
class Pohon:
    """Tujuan (with their RPJMD goal), sasaran, program and kegiatan of a period (four
    queries), and the groupings every table of a document uses: one sasaran -> program
    grouping, so that the budget tables (3.1.x.E/F, Pengukuran) and the program lists
    (3.1.x.I, cascading) of a sasaran name the same programs."""

    tujuan: dict[int, Tujuan]
    sasaran: list[Sasaran]
    program: list[Program]
    kegiatan: list[Kegiatan]

    @classmethod
    def baca(cls, periode, tahun=None):
        """The plan of `periode`; with `tahun`, programs are grouped by the sasaran they
        serve that year (renstra.selectors.sasaran_berlaku, the per-year override)."""
        tujuan = {
            t.pk: t for t in Tujuan.objects.filter(periode=periode).select_related("tujuan_rpjmd")
        }
        sasaran = list(
            Sasaran.objects.filter(periode=periode)
            .select_related("iku_kota")
            .order_by("urutan", "kode")
        )
        program = Program.objects.filter(periode=periode).order_by("urutan", "kode")
        if tahun is not None:
            program = program.annotate(sasaran_tahun=sasaran_berlaku(tahun))
        program = list(program)
        kegiatan = list(Kegiatan.objects.filter(periode=periode).order_by("kode"))
        return cls(tujuan, sasaran, program, kegiatan)

    @cached_property
    def program_per_sasaran(self):
        """{sasaran_id: [Program]} in plan order; programs without a sasaran under None.
        The sasaran of the year (sasaran_berlaku) is also the one the SQL budget roll-up of
        a sasaran follows (anggaran.selectors)."""
        result = {}
        for p in self.program:
            result.setdefault(getattr(p, "sasaran_tahun", p.sasaran_id), []).append(p)
        return result

    @cached_property
    def kegiatan_per_program(self):
        result = {}
        for k in self.kegiatan:
            result.setdefault(k.program_id, []).append(k)
        return result

    def tujuan_rpjmd(self, sasaran):
        """The RPJMD goal a sasaran serves (its tujuan's RPJMD goal, else the tujuan)."""
        t = self.tujuan.get(sasaran.tujuan_id) if sasaran is not None else None
        if t is None:
            return ""
        return t.tujuan_rpjmd.uraian if t.tujuan_rpjmd_id else t.uraian

    def tujuan_urut(self):
        return sorted(self.tujuan.values(), key=lambda t: (t.urutan, t.kode))


# --- the per-request context --------------------------------------------------------------


@dataclass
class Konteks:
    """What one request reads once, shared by every table and annex of its document (issue
    "One read model", item 4): the Renstra period, the plan tree, the engine's roll-up of
    each quarter asked for (kinerja.selectors.capaian_opd, computed at most once per
    quarter), the previous year's indicator rows, the closed quarters, the year's latest PK
    and the head of the OPD. An LKjIP builds its tables and its PK and four Pengukuran
    annexes from one Konteks."""

    opd: object
    tahun: int
    periode: object
    _capaian: dict = field(default_factory=dict, repr=False)
    # A final document counts by the Pemda's rule for final documents (issue 11 item 7);
    # set by the document before its first figure is read.
    final: bool = False

    @classmethod
    def untuk(cls, opd, tahun):
        return cls(opd=opd, tahun=tahun, periode=periode_wajib(opd, tahun))

    def capaian(self, triwulan=4):
        """The engine's roll-up of the OPD for the year up to `triwulan` (settings, budget per
        level, indicators, sasaran)."""
        self.hitung(triwulan)
        return self._capaian[triwulan]

    def hitung(self, *triwulan):
        """Compute the roll-ups of the quarters not yet computed, in one pass of the engine
        (kinerja.selectors.capaian_opd_triwulan): a document that needs several quarters
        (the LKjIP and its four Pengukuran annexes) asks for them together, first."""
        kurang = [tw for tw in triwulan if tw not in self._capaian]
        if kurang:
            self._capaian.update(
                kinerja_selectors.capaian_opd_triwulan(
                    self.opd, self.tahun, kurang, final=self.final
                )
            )

    @cached_property
    def pohon(self):
        return Pohon.baca(self.periode, self.tahun)

    @cached_property
    def lalu(self):
        """{indikator_id: IndikatorRow} of the previous year in the same Renstra period
        (LKjIP table 3.1.x.B; seed 000 "Capaian" of the year before)."""
        if not self.periode.memuat_tahun(self.tahun - 1):
            return {}
        known = next(iter(self._capaian.values()), None)
        pengaturan = (
            known.pengaturan if known else kinerja_selectors.pengaturan_pemda(self.opd.pemda)
        )
        rows = kinerja_selectors.indikator_rows(
            self.opd,
            self.tahun - 1,
            4,
            periode=self.periode,
            pengaturan=pengaturan,
            status=pengaturan.status(final=self.final),
        )
        return {row.id: row for row in rows}

    @cached_property
    def triwulan_tutup(self):
        """The quarters of the year closed for entry (a quarter's measurement is then final)."""
        return set(
            TriwulanPelaporan.objects.filter(
                opd=self.opd, tahun=self.tahun, status=TriwulanPelaporan.Status.TUTUP
            ).values_list("triwulan", flat=True)
        )

    @cached_property
    def pk_terakhir(self):
        return pk_for(self.opd, self.tahun)

    @cached_property
    def kepala(self):
        return kepala_opd(self.opd)

    @cached_property
    def kepala_list(self):
        """Every head of the OPD ever recorded, for choosing who was in office on a date."""
        return kepala_opd_list(self.opd)

    @cached_property
    def rekaman(self):
        """{kunci: PenandatanganDokumen} of the OPD's documents of the year, one query."""
        return {
            r.kunci: r
            for r in PenandatanganDokumen.objects.filter(
                opd=self.opd, tahun=self.tahun
            ).select_related("penandatangan", "pihak_kedua")
        }

    def pengesahan(self, jenis, *, triwulan=None, unit=None, **bawaan):
        """The date, place and signatory of one of the year's documents (selectors.
        pengesahan), from the records read once per request."""
        kunci = kunci_dokumen(jenis, tahun=self.tahun, triwulan=triwulan, unit=unit)
        return pengesahan(
            self.opd,
            jenis,
            tahun=self.tahun,
            triwulan=triwulan,
            unit=unit,
            kandidat=self.kepala_list,
            rekaman=None if bawaan else self.rekaman.get(kunci),
            **bawaan,
        )

    def ttd(self, jenis, **kwargs):
        """(signature block, warnings) of one of the year's documents."""
        p = self.pengesahan(jenis, **kwargs)
        return ttd_pengesahan(p), list(p.catatan)


# --- small shared pieces ------------------------------------------------------------------


def dokumen_dasar(jenis, opd, tahun, *, is_final, **extra):
    doc = {
        "jenis": jenis,
        "judul": JENIS[jenis],
        "opd": opd,
        "tahun": tahun,
        "is_final": is_final,
        "landscape": jenis in LANDSCAPE,
        "versi": 1,
        "finalized_at": None,
    }
    doc.update(extra)
    return doc


def rowspans(rows, key, span_field):
    """Mark the first of each run of rows sharing `key` with the run length (for rowspan)."""
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and rows[j][key] == rows[i][key]:
            rows[j][span_field] = 0
            j += 1
        rows[i][span_field] = j - i
        i = j
    return rows


def posisi_run(rows, span_field, pos_field):
    """Each row's place in a run of rows sharing a cell: "tunggal", "awal", "tengah" or
    "akhir". The table prints the cell's text on the first row and leaves the others empty
    without a rule between them (seeds 000 and 001), instead of one rowspan: WeasyPrint
    keeps a rowspan on one page, which pushed whole blocks to the next page and left pages
    empty (cascading, Rencana Aksi)."""
    sisa = 0
    for r in rows:
        if r[span_field]:
            sisa = r[span_field]
            r[pos_field] = "tunggal" if sisa == 1 else "awal"
        else:
            r[pos_field] = "akhir" if sisa == 1 else "tengah"
        sisa -= 1


def number_sasaran(rows):
    """Rowspan and running number of each run of rows of one sasaran."""
    rowspans(rows, "sasaran", "sasaran_rowspan")
    no = 0
    for row in rows:
        if row["sasaran_rowspan"]:
            no += 1
        row["sasaran_no"] = no
    return rows


def targets_tahunan(indikator_ids, tahun):
    """{indikator_id: TargetTahunan} for one year, one query."""
    return {
        t.indikator_id: t
        for t in TargetTahunan.objects.filter(
            indikator_id__in=indikator_ids, tahun=tahun
        ).select_related("level")
    }


def targets_triwulan(indikator_ids, tahun):
    """{(indikator_id, triwulan): TargetTriwulan}, one query."""
    return {
        (t.indikator_id, t.triwulan): t
        for t in TargetTriwulan.objects.filter(
            indikator_id__in=indikator_ids, tahun=tahun
        ).select_related("level")
    }
