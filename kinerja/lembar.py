"""Reads for the quarter entry sheet and the verification sheet (issue 4): one unit's
indicators and sub-kegiatan for a year and quarter, with targets, earlier quarters,
this quarter's rows, evidence, pagu in force and absorption so far.

A fixed number of queries whatever the number of rows: every related set is fetched once
for the whole sheet and joined in memory; the arithmetic is sakip.capaian's."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from anggaran.models import Pagu, RealisasiAnggaran
from kinerja.models import BuktiRealisasi, Realisasi, TargetTriwulan
from renstra.lingkup import indikator_unit, periode_untuk
from renstra.models import (
    Indikator,
    LevelKategori,
    SkalaPredikat,
    SubKegiatan,
    TargetTahunan,
    TingkatPredikat,
    TriwulanPelaporan,
)
from sakip import capaian as rules
from sakip.alur import StatusRealisasi


@dataclass
class BarisIndikator:
    indikator: Indikator
    levels: list
    target_tahunan: TargetTahunan | None
    target_triwulan: TargetTriwulan | None
    sebelumnya: Realisasi | None  # last quarter's row
    realisasi: Realisasi | None  # this quarter's row
    bukti: list
    capaian: rules.Hasil
    target_acuan: str  # "triwulan" or "tahunan": what capaian is measured against
    predikat: rules.Tingkat | None
    nilai_sd: Decimal | None  # value to date by the indicator's aggregation
    level_sd: object = None

    @property
    def status(self):
        return self.realisasi.status if self.realisasi else ""

    @property
    def versi(self):
        return self.realisasi.versi if self.realisasi else 0

    @property
    def dapat_diubah(self):
        return self.status in ("", StatusRealisasi.DRAFT, StatusRealisasi.DIKEMBALIKAN)


@dataclass
class BarisAnggaran:
    sub_kegiatan: SubKegiatan
    pagu: Pagu | None
    realisasi: RealisasiAnggaran | None
    sd_triwulan: Decimal  # spent up to and including this quarter
    penyerapan: rules.Hasil

    @property
    def status(self):
        return self.realisasi.status if self.realisasi else ""

    @property
    def versi(self):
        return self.realisasi.versi if self.realisasi else 0

    @property
    def dapat_diubah(self):
        return self.status in ("", StatusRealisasi.DRAFT, StatusRealisasi.DIKEMBALIKAN)


@dataclass
class Kelompok:
    """A heading of the sheet: a sasaran, program, kegiatan or sub-kegiatan with its rows."""

    level: str  # "Sasaran", "Program", "Kegiatan", "Sub Kegiatan"
    kode: str
    nama: str
    konteks: list  # parent labels, outermost first
    urut: tuple
    indikator: list = field(default_factory=list)
    anggaran: BarisAnggaran | None = None


def skala_predikat(pemda_id):
    """The predicate steps of a Pemda: its own main scale, else the global default, else
    Permendagri 86/2017 from sakip.capaian."""
    skala = (
        SkalaPredikat.objects.filter(pemda_id=pemda_id, utama=True).first()
        or SkalaPredikat.objects.filter(pemda__isnull=True).order_by("-utama", "pk").first()
    )
    if skala is None:
        return rules.SKALA_PERMENDAGRI_86
    steps = [
        rules.Tingkat(t.batas_bawah, t.label, t.warna)
        for t in TingkatPredikat.objects.filter(skala=skala)
    ]
    return steps or rules.SKALA_PERMENDAGRI_86


def _level(obj):
    if obj is None:
        return None
    return rules.Level(obj.nama, obj.skor, obj.urutan)


def hitung_capaian(ind, pemda, tahun_rows, target_tw, target_th):
    """(capaian, acuan, nilai_sd, level_sd) of an indicator from its rows of the year up to
    the quarter (in order), against the quarter's target when set, else the year's."""
    acuan = "triwulan"
    target = target_tw
    if target is None or (target.nilai is None and target.level_id is None):
        target, acuan = target_th, "tahunan"
    rumus = ind.rumus_negatif or pemda.rumus_negatif
    nilai_sd = level_sd = None
    if ind.tipe == Indikator.Tipe.KATEGORI:
        level_sd = rules.level_terakhir([_level(r.level) for r in tahun_rows])
        hasil = rules.capaian(
            polaritas=ind.polaritas,
            kategori=True,
            target_level=_level(target.level) if target and target.level_id else None,
            realisasi_level=level_sd,
            batas=pemda.batas_capaian,
        )
    else:
        if ind.tipe == Indikator.Tipe.RASIO:
            nilai_sd = rules.nilai_tahunan_rasio(
                [(r.pembilang, r.penyebut) for r in tahun_rows], ind.agregasi, ind.pengali
            )
        else:
            nilai_sd = rules.nilai_tahunan([r.nilai for r in tahun_rows], ind.agregasi)
        hasil = rules.capaian(
            polaritas=ind.polaritas,
            target=target.nilai if target else None,
            realisasi=nilai_sd,
            rumus_negatif=rumus,
            rentang_bawah=ind.rentang_bawah,
            rentang_atas=ind.rentang_atas,
            batas=pemda.batas_capaian,
        )
    return hasil, acuan, nilai_sd, level_sd


def lembar_unit(*, unit, tahun, triwulan, indikator_ids=None, status=None):
    """The sheet of one unit for a quarter: a list of Kelompok in plan order.

    `status` (a list) keeps only rows of this quarter with those statuses (the
    verification sheet); `indikator_ids` narrows to given indicators (one row re-render)."""
    opd = unit.opd
    pemda = opd.pemda
    periode = periode_untuk(opd.pk, tahun)
    if periode is None:
        return []
    predikat_skala = skala_predikat(pemda.pk)

    indikator_qs = (
        indikator_unit(unit.pk)
        .filter(periode=periode)
        .select_related(
            "skala",
            "tujuan",
            "sasaran",
            "program__sasaran",
            "kegiatan__program__sasaran",
            "sub_kegiatan__kegiatan__program__sasaran",
            "periode",
        )
    )
    if indikator_ids is not None:
        indikator_qs = indikator_qs.filter(pk__in=indikator_ids)
    indikator_list = list(indikator_qs.order_by("urutan", "pk"))
    ids = [i.pk for i in indikator_list]

    levels = defaultdict(list)
    skala_ids = {i.skala_id for i in indikator_list if i.skala_id}
    if skala_ids:
        for lv in LevelKategori.objects.filter(skala_id__in=skala_ids).order_by("urutan"):
            levels[lv.skala_id].append(lv)

    target_th = {
        t.indikator_id: t
        for t in TargetTahunan.objects.filter(indikator_id__in=ids, tahun=tahun).select_related(
            "level"
        )
    }
    target_tw = {
        t.indikator_id: t
        for t in TargetTriwulan.objects.filter(
            indikator_id__in=ids, tahun=tahun, triwulan=triwulan
        ).select_related("level")
    }
    per_ind = defaultdict(list)
    realisasi_qs = (
        Realisasi.objects.filter(indikator_id__in=ids, tahun=tahun, triwulan__lte=triwulan)
        .select_related("level", "diubah_oleh", "diverifikasi_oleh")
        .prefetch_related(
            Prefetch("bukti_set", queryset=BuktiRealisasi.objects.order_by("created_at"))
        )
        .order_by("triwulan")
    )
    for r in realisasi_qs:
        per_ind[r.indikator_id].append(r)

    groups = {}

    def group_for(level, obj, konteks, urut):
        key = (level, obj.pk)
        if key not in groups:
            kode = getattr(obj, "kode", "")
            nama = getattr(obj, "nama", None) or getattr(obj, "uraian", "")
            groups[key] = Kelompok(level, kode, nama, konteks, urut)
        return groups[key]

    def sasaran_urut(s):
        return (s.urutan, s.kode) if s else (9999, "")

    def chain_for_sub(sk):
        keg = sk.kegiatan
        prog = keg.program
        sas = prog.sasaran
        konteks = [f"Program {prog.kode} {prog.nama}", f"Kegiatan {keg.kode} {keg.nama}"]
        return konteks, (sasaran_urut(sas), prog.kode, keg.kode, sk.kode)

    for ind in indikator_list:
        rows_year = per_ind.get(ind.pk, [])
        this = next((r for r in rows_year if r.triwulan == triwulan), None)
        if status is not None and (this is None or this.status not in status):
            continue
        prev = next((r for r in rows_year if r.triwulan == triwulan - 1), None)
        hasil, acuan, nilai_sd, level_sd = hitung_capaian(
            ind, pemda, rows_year, target_tw.get(ind.pk), target_th.get(ind.pk)
        )
        baris = BarisIndikator(
            indikator=ind,
            levels=levels.get(ind.skala_id, []),
            target_tahunan=target_th.get(ind.pk),
            target_triwulan=target_tw.get(ind.pk),
            sebelumnya=prev,
            realisasi=this,
            bukti=list(this.bukti_set.all()) if this else [],
            capaian=hasil,
            target_acuan=acuan,
            predikat=rules.predikat(hasil, predikat_skala),
            nilai_sd=nilai_sd,
            level_sd=level_sd,
        )
        if ind.sub_kegiatan_id:
            sk = ind.sub_kegiatan
            konteks, urut = chain_for_sub(sk)
            g = group_for("Sub Kegiatan", sk, konteks, (2,) + urut)
        elif ind.kegiatan_id:
            keg = ind.kegiatan
            prog = keg.program
            g = group_for(
                "Kegiatan",
                keg,
                [f"Program {prog.kode} {prog.nama}"],
                (2, sasaran_urut(prog.sasaran), prog.kode, keg.kode, ""),
            )
        elif ind.program_id:
            prog = ind.program
            g = group_for("Program", prog, [], (2, sasaran_urut(prog.sasaran), prog.kode, "", ""))
        elif ind.sasaran_id:
            g = group_for("Sasaran", ind.sasaran, [], (1, sasaran_urut(ind.sasaran)))
        else:
            tujuan = ind.tujuan
            g = group_for("Tujuan", tujuan, [], (0, tujuan.urutan, tujuan.kode))
        g.indikator.append(baris)

    if indikator_ids is None:
        for baris in lembar_anggaran(
            unit=unit, periode=periode, tahun=tahun, triwulan=triwulan, status=status
        ):
            konteks, urut = chain_for_sub(baris.sub_kegiatan)
            g = group_for("Sub Kegiatan", baris.sub_kegiatan, konteks, (2,) + urut)
            g.anggaran = baris

    return sorted(groups.values(), key=lambda g: g.urut)


def lembar_anggaran(*, unit, periode, tahun, triwulan, status=None, sub_kegiatan_ids=None):
    """Budget rows of the unit's sub-kegiatan: pagu in force, this quarter's amount and
    absorption to date (three queries)."""
    qs = SubKegiatan.objects.filter(periode=periode, unit=unit).select_related(
        "kegiatan__program__sasaran"
    )
    if sub_kegiatan_ids is not None:
        qs = qs.filter(pk__in=sub_kegiatan_ids)
    subs = list(qs.order_by("kode"))
    sub_ids = [s.pk for s in subs]
    pagu = {}
    for p in Pagu.objects.filter(
        sub_kegiatan_id__in=sub_ids, tahun=tahun, berlaku_mulai__lte=triwulan
    ).order_by("berlaku_mulai"):
        pagu[p.sub_kegiatan_id] = p  # the latest start wins
    spent = defaultdict(Decimal)
    this = {}
    for r in RealisasiAnggaran.objects.filter(
        sub_kegiatan_id__in=sub_ids, tahun=tahun, triwulan__lte=triwulan
    ).select_related("diubah_oleh"):
        spent[r.sub_kegiatan_id] += r.jumlah
        if r.triwulan == triwulan:
            this[r.sub_kegiatan_id] = r
    result = []
    for s in subs:
        row = this.get(s.pk)
        if status is not None and (row is None or row.status not in status):
            continue
        p = pagu.get(s.pk)
        result.append(
            BarisAnggaran(
                sub_kegiatan=s,
                pagu=p,
                realisasi=row,
                sd_triwulan=spent[s.pk],
                penyerapan=rules.penyerapan(p.jumlah if p else None, spent[s.pk]),
            )
        )
    return result


def baris_indikator(*, unit, indikator, tahun, triwulan):
    """One row of the sheet (after a save)."""
    for g in lembar_unit(unit=unit, tahun=tahun, triwulan=triwulan, indikator_ids=[indikator.pk]):
        for b in g.indikator:
            return b
    return None


def baris_anggaran(*, unit, sub_kegiatan, tahun, triwulan):
    rows = lembar_anggaran(
        unit=unit,
        periode=sub_kegiatan.periode,
        tahun=tahun,
        triwulan=triwulan,
        sub_kegiatan_ids=[sub_kegiatan.pk],
    )
    return rows[0] if rows else None


def triwulan_pelaporan(*, opd_id, tahun, triwulan):
    """The reporting quarter (or None when never opened) and whether it is open for entry."""
    tw = TriwulanPelaporan.objects.filter(opd_id=opd_id, tahun=tahun, triwulan=triwulan).first()
    return tw, tw is not None and tw.status == TriwulanPelaporan.Status.BUKA
