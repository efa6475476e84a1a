"""What the dashboards say about their own figures (issue 13 items 5 and 6): what a mean
rests on, which figures count rows not yet verified, and the same figures at every quarter
of the year (the trend). Every figure is the read model's (kinerja.selectors rows,
anggaran.selectors totals); this module only counts rows and reads earlier quarters.

    terisi_q()                       a realisation that really holds a figure
    rerata(pasangan)                 a mean with how many rows it rests on and which miss
    belum_verifikasi_indikator(...)  indicators whose counted rows are not all verified
    belum_verifikasi_program(...)    the same for programs (budget realisations)
    belum_verifikasi_per_opd(...)    per OPD of a Pemda: rows not yet verified
    tren_opd(...) / tren_pemda(...)  mean capaian and penyerapan at TW I..the quarter
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from anggaran import selectors as anggaran_selectors
from anggaran.models import RealisasiAnggaran
from kinerja import selectors
from kinerja.models import Realisasi
from sakip import capaian
from sakip.alur import StatusRealisasi


def terisi_q():
    """A realisation that really holds a figure: a value (ratio indicators store the value
    of their numerator and denominator), a category level, or the record that the
    indicator could not be measured. A row saved without any of them is still empty."""
    return Q(nilai__isnull=False) | Q(level__isnull=False) | Q(tidak_terukur=True)


# --- a mean and what it rests on ------------------------------------------------------------


def _ada(nilai):
    return nilai.ada if isinstance(nilai, capaian.Hasil) else nilai is not None


@dataclass(frozen=True)
class Rerata:
    """A mean capaian (capaian.rata_rata, the read model's rule) with the number of rows
    that have a figure, the number of rows it was asked over, and the labels of the rows
    without a figure."""

    nilai: Decimal | None
    n_dinilai: int
    n_semua: int
    belum: tuple = ()

    @property
    def lengkap(self):
        return self.n_dinilai == self.n_semua


def rerata(pasangan) -> Rerata:
    """The mean of [(label, Hasil or Decimal or None)]."""
    pasangan = list(pasangan)
    return Rerata(
        nilai=capaian.rata_rata(v for _, v in pasangan),
        n_dinilai=sum(1 for _, v in pasangan if _ada(v)),
        n_semua=len(pasangan),
        belum=tuple(label for label, v in pasangan if not _ada(v)),
    )


def label_indikator(rows):
    """{indicator id: short label}: "IKU n" by the IKU's order in the plan, otherwise the
    indicator's own text."""
    label, n = {}, 0
    for row in rows:
        if row.is_iku:
            n += 1
            label[row.id] = f"IKU {n}"
        else:
            label[row.id] = row.uraian
    return label


# --- verified or not ----------------------------------------------------------------------


def _belum_verifikasi(qs):
    return qs.exclude(status=StatusRealisasi.DIVERIFIKASI)


def belum_verifikasi_indikator(indikator_ids, tahun, triwulan):
    """Ids of the indicators with a realisation of `tahun` up to `triwulan` holding a
    figure that is not verified (counted or left out, by the Pemda's rule). One query."""
    return set(
        _belum_verifikasi(
            Realisasi.objects.filter(
                terisi_q(),
                indikator_id__in=list(indikator_ids),
                tahun=tahun,
                triwulan__lte=triwulan,
            )
        )
        .order_by()
        .values_list("indikator_id", flat=True)
        .distinct()
    )


def belum_verifikasi_program(periode, tahun, triwulan, unit_id=None):
    """Ids of the programs with a budget realisation up to `triwulan` not verified. One
    query."""
    qs = RealisasiAnggaran.objects.filter(
        sub_kegiatan__periode_id=getattr(periode, "pk", periode),
        tahun=tahun,
        triwulan__lte=triwulan,
    )
    if unit_id is not None:
        qs = qs.filter(sub_kegiatan__unit_id=unit_id)
    return set(
        _belum_verifikasi(qs)
        .order_by()
        .values_list("sub_kegiatan__kegiatan__program_id", flat=True)
        .distinct()
    )


def belum_verifikasi_per_opd(periode_ids, tahun, triwulan):
    """{opd id: (sasaran indicator rows, budget rows)} of realisations up to `triwulan`
    not verified, two queries."""
    ids = list(periode_ids)
    kinerja = dict(
        _belum_verifikasi(
            Realisasi.objects.filter(
                terisi_q(),
                indikator__periode_id__in=ids,
                indikator__sasaran__isnull=False,
                tahun=tahun,
                triwulan__lte=triwulan,
            )
        )
        .order_by()
        .values("indikator__periode__opd")
        .annotate(n=Count("pk"))
        .values_list("indikator__periode__opd", "n")
    )
    anggaran = dict(
        _belum_verifikasi(
            RealisasiAnggaran.objects.filter(
                sub_kegiatan__periode_id__in=ids, tahun=tahun, triwulan__lte=triwulan
            )
        )
        .order_by()
        .values("sub_kegiatan__periode__opd")
        .annotate(n=Count("pk"))
        .values_list("sub_kegiatan__periode__opd", "n")
    )
    return {opd: (kinerja.get(opd, 0), anggaran.get(opd, 0)) for opd in {*kinerja, *anggaran}}


# --- the quarters of the year -------------------------------------------------------------


@dataclass(frozen=True)
class TitikTren:
    """One quarter of the trend: the mean capaian to that quarter and the penyerapan."""

    triwulan: int
    capaian: Rerata
    penyerapan: capaian.Hasil


def tren_opd(rows, label, periode, tahun, triwulan, *, skala, status, penyerapan, unit_id=None):
    """The headline mean of an OPD dashboard (the mean of `rows`, the indicator rows of the
    quarter) and its penyerapan (`penyerapan`, the quarter's) at every quarter TW I..
    `triwulan`: the same rows read at each earlier quarter (kinerja.selectors.
    indikator_rows_kunci, four queries) and the budget total at each (two queries each)."""
    ids = [row.id for row in rows]
    kunci = [(pk, tahun, q) for pk in ids for q in range(1, triwulan)]
    dulu = selectors.indikator_rows_kunci(kunci, skala=skala, status=status) if kunci else {}
    titik = []
    for q in range(1, triwulan):
        total = anggaran_selectors.total_anggaran([periode.pk], tahun, q, status, unit_id=unit_id)
        per_q = [(label[pk], dulu[(pk, tahun, q)].capaian) for pk in ids if (pk, tahun, q) in dulu]
        titik.append(TitikTren(q, rerata(per_q), total.penyerapan))
    titik.append(
        TitikTren(triwulan, rerata((label[row.id], row.capaian) for row in rows), penyerapan)
    )
    return titik


def rerata_opd(opd_rows):
    """The Pemda's mean over its OPDs' means (kinerja.selectors.pemda_rows), with the OPDs
    that have none."""
    return rerata((row.singkatan or row.nama, row.capaian_rata) for row in opd_rows)


def tren_pemda(pemda, opd_rows, tahun, triwulan, *, pengaturan, penyerapan, per_triwulan=None):
    """The Pemda's mean capaian and penyerapan at every quarter TW I..`triwulan`, from the
    read model's rows of the earlier quarters in one pass (pemda_rows_triwulan; pass
    `per_triwulan` when the caller has read them already) and the budget total at each
    (total_anggaran)."""
    titik = []
    dulu = per_triwulan or {}
    if triwulan > 1 and not all(q in dulu for q in range(1, triwulan)):
        dulu = selectors.pemda_rows_triwulan(
            pemda, tahun, range(1, triwulan), pengaturan=pengaturan
        )
    for q in range(1, triwulan):
        rows = dulu[q]
        ids = [row.periode_id for row in rows if row.periode_id]
        total = anggaran_selectors.total_anggaran(ids, tahun, q, pengaturan.status())
        titik.append(TitikTren(q, rerata_opd(rows), total.penyerapan))
    titik.append(TitikTren(triwulan, rerata_opd(opd_rows), penyerapan))
    return titik
