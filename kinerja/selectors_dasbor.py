"""Reads of the two dashboards (the OPD's and the Pemda's): their figures are the read
model's (kinerja.selectors for indicators, anggaran.selectors for money); what is added
here is only what a dashboard counts: which rows of the quarter are still empty, per unit
and per OPD. A fixed number of queries whatever the size of the plan.

    dasbor_opd(opd, tahun, triwulan, unit=...)   one OPD, or one unit's slice of it
    dasbor_pemda(pemda, tahun, triwulan)         every OPD of a Pemda
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from anggaran import selectors as anggaran_selectors
from anggaran.models import Pagu, RealisasiAnggaran
from kinerja import selectors, selectors_pohon, selectors_tren
from kinerja.models import Realisasi
from renstra import lingkup
from renstra.models import Indikator, Pemda, SubKegiatan, TriwulanPelaporan, UnitKerja
from renstra.tables import unit_entri
from sakip import capaian

BATAS_DAFTAR_KOSONG = 12


# --- completeness of the quarter ----------------------------------------------------------


@dataclass
class Kelengkapan:
    """Rows of a quarter with and without a realisation: per unit, in total, and the first
    empty indicator and sub-kegiatan rows (each carries `unit_entri` / `unit_id`, the unit
    whose sheet holds it)."""

    unit_rows: list
    jumlah_baris: int
    jumlah_terisi: int
    kelengkapan: capaian.Hasil
    n_indikator_kosong: int
    n_sub_kosong: int
    daftar_indikator_kosong: list
    daftar_sub_kosong: list
    batas_daftar: int = BATAS_DAFTAR_KOSONG
    n_indikator: int = 0  # indicator rows of the quarter (filled or not)
    n_sub: int = 0  # sub-kegiatan with a pagu this year


def _ada_realisasi(tahun, triwulan):
    return Realisasi.objects.filter(
        selectors_tren.terisi_q(), indikator_id=OuterRef("pk"), tahun=tahun, triwulan=triwulan
    )


def _ada_anggaran(tahun, triwulan):
    return RealisasiAnggaran.objects.filter(
        sub_kegiatan_id=OuterRef("pk"), tahun=tahun, triwulan=triwulan
    )


def _ada_pagu(tahun):
    # A sub-kegiatan is expected to report once it has a pagu for the year.
    return Pagu.objects.filter(sub_kegiatan_id=OuterRef("pk"), tahun=tahun)


def indikator_kosong(periode, tahun, triwulan):
    """The indicators of a period still empty for the quarter: the one rule of an empty
    indicator row, for the dashboards and the closing of a quarter (selectors_tutup)."""
    return Indikator.objects.filter(periode=periode).exclude(
        Exists(_ada_realisasi(tahun, triwulan))
    )


def sub_kosong(periode, tahun, triwulan):
    """The sub-kegiatan of a period expected to report (a pagu this year) whose budget row
    of the quarter is still empty: the one rule of an empty budget row."""
    return (
        SubKegiatan.objects.filter(periode=periode)
        .filter(Exists(_ada_pagu(tahun)))
        .exclude(Exists(_ada_anggaran(tahun, triwulan)))
    )


def kelengkapan_opd(periode, tahun, triwulan, unit=None) -> Kelengkapan:
    """Indicators without a realisation holding a figure (terisi_q) and sub-kegiatan (with
    a pagu this year) without a budget realisation for the quarter: per unit counts and the
    first rows."""
    indikator_semua = Indikator.objects.filter(periode=periode)
    indikator_kosong_qs = indikator_kosong(periode, tahun, triwulan)
    sub_semua = SubKegiatan.objects.filter(periode=periode).filter(Exists(_ada_pagu(tahun)))
    sub_kosong_qs = sub_kosong(periode, tahun, triwulan)
    units = UnitKerja.objects.filter(opd_id=periode.opd_id)
    if unit:
        indikator_kosong_qs = lingkup.indikator_unit(unit.pk, indikator_kosong_qs)
        indikator_semua = lingkup.indikator_unit(unit.pk, indikator_semua)
        sub_kosong_qs = sub_kosong_qs.filter(unit_id=unit.pk)
        sub_semua = sub_semua.filter(unit_id=unit.pk)
        units = units.filter(pk=unit.pk)

    unit_rows = _unit_counts(
        units, periode.pk, _ada_realisasi(tahun, triwulan), sub_kosong_qs, sub_semua
    )
    hitung_ind = indikator_semua.aggregate(
        semua=Count("pk"), kosong=Count("pk", filter=Q(pk__in=indikator_kosong_qs.values("pk")))
    )
    hitung_sub = sub_semua.aggregate(
        semua=Count("pk"), kosong=Count("pk", filter=Q(pk__in=sub_kosong_qs.values("pk")))
    )
    jumlah = hitung_ind["semua"] + hitung_sub["semua"]
    terisi = jumlah - hitung_ind["kosong"] - hitung_sub["kosong"]
    daftar_indikator = list(
        indikator_kosong_qs.annotate(unit_entri=unit_entri())
        .annotate(
            unit_nama=Subquery(
                UnitKerja.objects.filter(pk=OuterRef("unit_entri")).values("nama")[:1]
            )
        )
        .order_by("urutan", "pk")[:BATAS_DAFTAR_KOSONG]
    )
    daftar_sub = list(sub_kosong_qs.select_related("unit").order_by("kode")[:BATAS_DAFTAR_KOSONG])
    return Kelengkapan(
        unit_rows=unit_rows,
        jumlah_baris=jumlah,
        jumlah_terisi=terisi,
        kelengkapan=capaian.persentase(terisi, jumlah),
        n_indikator_kosong=hitung_ind["kosong"],
        n_sub_kosong=hitung_sub["kosong"],
        daftar_indikator_kosong=daftar_indikator,
        daftar_sub_kosong=daftar_sub,
        n_indikator=hitung_ind["semua"],
        n_sub=hitung_sub["semua"],
    )


def _unit_counts(units, periode_id, ada_realisasi, sub_kosong, sub_semua):
    """Per unit: its indicators and sub-kegiatan, and how many still have no realisation.
    Two queries, both starting from the OPD's own rows: the units with their sub-kegiatan
    counted in subqueries on the unit, and the (unit, indicator, filled) triples of the
    period (lingkup.pasangan_unit) counted here."""

    def hitung_sub(qs):
        return Coalesce(
            Subquery(
                qs.filter(unit_id=OuterRef("pk"))
                .order_by()
                .values("unit")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
            0,
        )

    rows = list(
        units.annotate(n_sub=hitung_sub(sub_semua), n_sub_kosong=hitung_sub(sub_kosong)).order_by(
            "urutan", "nama"
        )
    )
    jalur = [
        qs.annotate(isi=Exists(ada_realisasi)).values_list("unit_pasangan", "pk", "isi")
        for qs in lingkup.pasangan_unit(periode_id, [row.pk for row in rows])
    ]
    per_unit = defaultdict(lambda: [0, 0])
    for unit_id, _pk, isi in jalur[0].union(*jalur[1:]) if rows else ():
        per_unit[unit_id][0] += 1
        per_unit[unit_id][1] += not isi
    for row in rows:
        row.n_indikator, row.n_indikator_kosong = per_unit.get(row.pk, (0, 0))
        total = row.n_indikator + row.n_sub
        row.kelengkapan = capaian.persentase(
            total - row.n_indikator_kosong - row.n_sub_kosong, total
        )
    return rows


# --- the OPD dashboard --------------------------------------------------------------------


@dataclass
class DasborOPD:
    """Everything the OPD dashboard shows for a quarter. With `unit` (an operator's slice)
    the indicators are those of the unit and the money that of its sub-kegiatan."""

    opd: object
    tahun: int
    triwulan: int
    unit: UnitKerja | None
    status_tw: str | None
    data: selectors.CapaianOPD
    sasaran: list = field(default_factory=list)  # [(SasaranRow, [IndikatorRow])]
    jumlah_indikator: int = 0
    ada_iku: bool = False
    rata_iku: Decimal | None = None
    rata_iku_tingkat: capaian.Tingkat | None = None
    unit_entri: dict = field(default_factory=dict)  # indicator id -> unit of its sheet
    program: list = field(default_factory=list)  # [anggaran.selectors.ProgramPerTriwulan]
    pagu_total: Decimal | None = None
    realisasi_total: Decimal | None = None
    penyerapan_total: capaian.Hasil = field(default_factory=capaian.kosong)
    kelengkapan: Kelengkapan | None = None
    # What the headline mean rests on, the short label of each indicator ("IKU 2"), the
    # indicators and programs whose rows are not all verified, the mean per sasaran (for
    # its chart) and the quarters of the year.
    rerata: selectors_tren.Rerata | None = None
    label: dict = field(default_factory=dict)
    belum_verifikasi: set = field(default_factory=set)
    program_belum_verifikasi: set = field(default_factory=set)
    rerata_sasaran: list = field(default_factory=list)  # [(SasaranRow, Rerata)]
    tren: list = field(default_factory=list)  # [selectors_tren.TitikTren]

    @property
    def periode(self):
        return self.data.periode

    @property
    def hanya_terverifikasi(self):
        return self.data.hanya_terverifikasi

    @property
    def skala(self):
        return self.data.pengaturan.skala


def dasbor_opd(opd, tahun, triwulan, *, unit=None) -> DasborOPD:
    """The OPD dashboard: the sasaran indicators (of `unit` when given) with capaian to the
    quarter, their mean (the IKU's when there are IKU), budget per program at each quarter,
    totals and completeness."""
    status_tw = (
        TriwulanPelaporan.objects.filter(opd=opd, tahun=tahun, triwulan=triwulan)
        .values_list("status", flat=True)
        .first()
    )
    data = selectors.capaian_opd(opd, tahun, triwulan)
    result = DasborOPD(opd, tahun, triwulan, unit, status_tw, data)
    periode = data.periode
    if periode is None:
        return result

    sasaran_ids = {row.id for row in data.indikator_tingkat("sasaran")}
    result.unit_entri = dict(
        Indikator.objects.filter(pk__in=sasaran_ids)
        .annotate(unit_entri=unit_entri())
        .values_list("pk", "unit_entri")
    )
    milik_unit = None
    if unit:
        milik_unit = set(
            lingkup.indikator_unit(unit.pk).filter(pk__in=sasaran_ids).values_list("pk", flat=True)
        )
    semua = []
    for sasaran in data.sasaran:
        rows = [r for r in sasaran.indikator if milik_unit is None or r.id in milik_unit]
        if rows:
            result.sasaran.append((sasaran, rows))
            semua.extend(rows)
    iku = [row for row in semua if row.is_iku]
    result.jumlah_indikator = len(semua)
    result.ada_iku = bool(iku)
    result.label = selectors_tren.label_indikator(data.indikator_tingkat("sasaran"))
    dasar = iku or semua
    result.rerata = selectors_tren.rerata((result.label[row.id], row.capaian) for row in dasar)
    result.rata_iku = result.rerata.nilai
    result.rata_iku_tingkat = capaian.predikat(result.rata_iku, data.pengaturan.skala)
    result.rerata_sasaran = [
        (
            sasaran,
            selectors_tren.rerata((result.label[r.id], r.capaian) for r in sasaran.indikator),
        )
        for sasaran, _ in result.sasaran
    ]
    result.belum_verifikasi = selectors_tren.belum_verifikasi_indikator(
        [row.id for row in semua], tahun, triwulan
    )

    unit_id = unit.pk if unit else None
    result.program = anggaran_selectors.program_per_triwulan(
        periode, tahun, triwulan, unit_id=unit_id, status=data.pengaturan.status()
    )
    if unit:
        total = anggaran_selectors.total_anggaran(
            [periode.pk], tahun, triwulan, data.pengaturan.status(), unit_id=unit_id
        )
    else:
        total = data.anggaran
    result.pagu_total, result.realisasi_total = total.pagu, total.realisasi
    result.penyerapan_total = total.penyerapan
    result.program_belum_verifikasi = selectors_tren.belum_verifikasi_program(
        periode, tahun, triwulan, unit_id
    )
    result.tren = selectors_tren.tren_opd(
        dasar,
        result.label,
        periode,
        tahun,
        triwulan,
        skala=data.pengaturan.skala,
        status=data.pengaturan.status(),
        penyerapan=total.penyerapan,
        unit_id=unit_id,
    )
    result.kelengkapan = kelengkapan_opd(periode, tahun, triwulan, unit)
    return result


# --- the Pemda dashboard ------------------------------------------------------------------


@dataclass
class BarisOPD:
    """One OPD on the Pemda dashboard: its read-model row and the quarter's completeness."""

    opd: selectors.OPDRow
    n_baris: int = 0
    n_terisi: int = 0
    kelengkapan: capaian.Hasil = field(default_factory=capaian.kosong)
    status_tw: str | None = None
    url: str = ""  # set by the view
    belum_verifikasi_kinerja: int = 0  # set by dasbor_pemda_lengkap
    belum_verifikasi_anggaran: int = 0


@dataclass
class DasborPemda:
    pemda: Pemda
    tahun: int
    triwulan: int
    skala: tuple
    baris: list[BarisOPD]
    rata_capaian: Decimal | None
    anggaran: anggaran_selectors.AnggaranTotal
    hanya_terverifikasi: bool = False
    kontribusi: list = field(default_factory=list)  # [selectors_pohon.KontribusiRPJMD]
    # The OPD rows of every quarter TW I..triwulan, read in one pass (pemda_rows_triwulan).
    per_triwulan: dict = field(default_factory=dict)


def _hitung_per_opd(qs, ada_realisasi):
    """{opd id: (rows, rows filled)} for indicators or sub-kegiatan, two queries."""
    semua = dict(
        qs.order_by()
        .values("periode__opd")
        .annotate(n=Count("pk"))
        .values_list("periode__opd", "n")
    )
    terisi = dict(
        qs.filter(Exists(ada_realisasi))
        .order_by()
        .values("periode__opd")
        .annotate(n=Count("pk"))
        .values_list("periode__opd", "n")
    )
    return {opd: (n, terisi.get(opd, 0)) for opd, n in semua.items()}


def dasbor_pemda(pemda, tahun, triwulan) -> DasborPemda:
    """Every OPD of a Pemda for a quarter (kinerja.selectors.pemda_rows) with how complete
    its quarter is and whether it is open; the Pemda's mean capaian and budget totals; and
    per RPJMD tujuan / sasaran the OPDs contributing to it (crosscutting, from the tree)."""
    pengaturan = selectors.pengaturan_pemda(pemda)
    # Every quarter to this one in one pass: the trend reads the earlier ones.
    per_triwulan = selectors.pemda_rows_triwulan(
        pemda, tahun, range(1, triwulan + 1), pengaturan=pengaturan
    )
    opd_rows = per_triwulan[triwulan]
    periode_ids = [row.periode_id for row in opd_rows if row.periode_id]
    hitung_ind = _hitung_per_opd(
        Indikator.objects.filter(periode_id__in=periode_ids), _ada_realisasi(tahun, triwulan)
    )
    hitung_sub = _hitung_per_opd(
        SubKegiatan.objects.filter(periode_id__in=periode_ids).filter(Exists(_ada_pagu(tahun))),
        _ada_anggaran(tahun, triwulan),
    )
    status = dict(
        TriwulanPelaporan.objects.filter(
            opd__pemda=pemda, tahun=tahun, triwulan=triwulan
        ).values_list("opd_id", "status")
    )
    baris = []
    for row in opd_rows:
        n1, t1 = hitung_ind.get(row.opd_id, (0, 0))
        n2, t2 = hitung_sub.get(row.opd_id, (0, 0))
        baris.append(
            BarisOPD(
                opd=row,
                n_baris=n1 + n2,
                n_terisi=t1 + t2,
                kelengkapan=capaian.persentase(t1 + t2, n1 + n2),
                status_tw=status.get(row.opd_id),
            )
        )
    return DasborPemda(
        pemda=pemda,
        tahun=tahun,
        triwulan=triwulan,
        skala=pengaturan.skala,
        baris=baris,
        rata_capaian=capaian.rata_rata(row.capaian_rata for row in opd_rows),
        anggaran=anggaran_selectors.total_anggaran(
            periode_ids, tahun, triwulan, pengaturan.status()
        ),
        hanya_terverifikasi=pengaturan.status() is not None,
        kontribusi=selectors_pohon.kontribusi_rpjmd(pemda, tahun),
        per_triwulan=per_triwulan,
    )


@dataclass
class DasborPemdaLengkap:
    """The Pemda dashboard (dasbor_pemda) with what its mean rests on, the rows not yet
    verified per OPD and the quarters of the year."""

    dasbor: DasborPemda
    rerata: selectors_tren.Rerata
    tren: list  # [selectors_tren.TitikTren]


def dasbor_pemda_lengkap(pemda, tahun, triwulan) -> DasborPemdaLengkap:
    dasbor = dasbor_pemda(pemda, tahun, triwulan)
    pengaturan = selectors.pengaturan_pemda(pemda)
    opd_rows = [b.opd for b in dasbor.baris]
    belum = selectors_tren.belum_verifikasi_per_opd(
        [row.periode_id for row in opd_rows if row.periode_id], tahun, triwulan
    )
    for b in dasbor.baris:
        b.belum_verifikasi_kinerja, b.belum_verifikasi_anggaran = belum.get(b.opd.opd_id, (0, 0))
    return DasborPemdaLengkap(
        dasbor=dasbor,
        rerata=selectors_tren.rerata_opd(opd_rows),
        tren=selectors_tren.tren_pemda(
            pemda,
            opd_rows,
            tahun,
            triwulan,
            pengaturan=pengaturan,
            penyerapan=dasbor.anggaran.penyerapan,
            per_triwulan=dasbor.per_triwulan,
        ),
    )
