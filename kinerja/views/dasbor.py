from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from anggaran import selectors as anggaran_selectors
from anggaran.models import Pagu, RealisasiAnggaran
from kinerja import selectors as kinerja_selectors
from kinerja.models import Realisasi
from kinerja.selectors import OPDRow
from renstra import lingkup
from renstra.filters import opd_pilihan, tahun_triwulan_aktif, terbatas_unit
from renstra.models import Indikator, Pemda, Program, SubKegiatan, TriwulanPelaporan, UnitKerja
from renstra.tables import TautanBaris, unit_entri
from sakip import access, roles
from sakip import capaian as rumus
from sakip.kalender import TRIWULAN_CHOICES

WARNA_TRIWULAN = ("#9ec5fe", "#6ea8fe", "#3d8bfd", "#0a58ca")
WARNA_LEBIH = "#dc3545"
BATAS_DAFTAR_KOSONG = 12


class PeriodeForm(forms.Form):
    tahun = forms.IntegerField(
        label="Tahun",
        min_value=2000,
        max_value=2100,
        required=False,
        error_messages={
            "invalid": "Tahun harus berupa angka, mis. 2025.",
            "min_value": "Tahun paling awal 2000.",
            "max_value": "Tahun paling akhir 2100.",
        },
    )
    triwulan = forms.TypedChoiceField(
        label="Triwulan",
        choices=TRIWULAN_CHOICES,
        coerce=int,
        required=False,
        error_messages={"invalid_choice": "Triwulan harus I, II, III atau IV."},
    )


def _tahun_triwulan(request):
    """The year and quarter asked for, else the active ones; bad input is reported and
    the active quarter shown instead."""
    default_tahun, default_tw = tahun_triwulan_aktif(request.user)
    form = PeriodeForm(request.GET or None)
    tahun, triwulan = default_tahun, default_tw
    if form.is_bound and form.is_valid():
        tahun = form.cleaned_data["tahun"] or default_tahun
        triwulan = form.cleaned_data["triwulan"] or default_tw
    return form, tahun, triwulan


# --- figures -----------------------------------------------------------------------------


@dataclass
class BarisProgram:
    program: object
    pagu: list  # pagu in force at TW I..triwulan
    realisasi: list  # realisation cumulated to TW I..triwulan
    penyerapan: list  # sakip.capaian.Hasil per quarter
    batang: list = field(default_factory=list)  # (TW, bar width %, colour, Hasil) for the SVG

    @property
    def kolom(self):
        """(pagu, realisasi, penyerapan) per quarter, for the figures under the chart."""
        return list(zip(self.pagu, self.realisasi, self.penyerapan, strict=True))


def _anggaran_program(periode, tahun, triwulan, unit_id=None, total=False):
    """Per program of the period, for each quarter TW I..triwulan: the pagu in force and the
    realisation cumulated to it (anggaran.selectors' rules), summed in SQL per program, and
    the penyerapan (sakip.capaian). `unit_id` keeps one unit's sub-kegiatan (an operator's
    slice). 2 + triwulan queries whatever the size of the plan; with `total`, also the
    slice's totals at `triwulan` (two more queries)."""
    program = "sub_kegiatan__kegiatan__program"

    def rows(qs):
        qs = qs.filter(sub_kegiatan__periode_id=periode.pk)
        return qs.filter(sub_kegiatan__unit_id=unit_id) if unit_id else qs

    realisasi = {
        r[program]: [r[f"r{q}"] or Decimal(0) for q in range(1, triwulan + 1)]
        for r in rows(anggaran_selectors.realisasi_sd(tahun, triwulan))
        .order_by()
        .values(program)
        .annotate(
            **{f"r{q}": Sum("jumlah", filter=Q(triwulan__lte=q)) for q in range(1, triwulan + 1)}
        )
    }
    pagu = {}
    for q in range(1, triwulan + 1):
        for r in (
            rows(anggaran_selectors.pagu_berlaku(tahun, q))
            .order_by()
            .values(program)
            .annotate(total=Sum("jumlah"))
        ):
            pagu.setdefault(r[program], [None] * triwulan)[q - 1] = r["total"]
    program_ids = set(pagu) | set(realisasi)
    hasil = []
    for obj in Program.objects.filter(pk__in=program_ids).order_by("kode"):
        p = pagu.get(obj.pk, [None] * triwulan)
        r = realisasi.get(obj.pk, [Decimal(0)] * triwulan)
        serapan = [rumus.penyerapan(p[i], r[i]) for i in range(triwulan)]
        hasil.append(BarisProgram(obj, p, r, serapan, _grafik(serapan)))
    if not total:
        return hasil, None, None
    total_pagu = rows(anggaran_selectors.pagu_berlaku(tahun, triwulan)).aggregate(t=Sum("jumlah"))[
        "t"
    ]
    total_real = rows(anggaran_selectors.realisasi_sd(tahun, triwulan)).aggregate(t=Sum("jumlah"))[
        "t"
    ]
    return hasil, total_pagu, total_real or Decimal(0)


def _grafik(penyerapan):
    bars = []
    for q, hasil in enumerate(penyerapan, start=1):
        nilai = hasil.nilai if hasil.ada else None
        lebar = float(min(max(nilai, Decimal(0)), Decimal(100))) if nilai is not None else 0.0
        # Spending above the pagu in force is an error to notice, not a longer bar.
        warna = WARNA_LEBIH if nilai is not None and nilai > 100 else WARNA_TRIWULAN[q - 1]
        bars.append((q, lebar, warna, hasil))
    return bars


# --- views ---------------------------------------------------------------------------------


@login_required
@require_GET
def dasbor_opd(request, slug=None):
    user = request.user
    if slug is None:
        if user.opd_id:
            return redirect(reverse("kinerja:dasbor_opd", args=[user.opd.slug]) + _qs(request))
        if access.pemda_wide(user):
            return redirect(reverse("kinerja:dasbor_pemda") + _qs(request))
        raise Http404("Anda belum terdaftar pada perangkat daerah mana pun.")
    opd = get_object_or_404(opd_pilihan(request).select_related("pemda"), slug=slug)
    form, tahun, triwulan = _tahun_triwulan(request)
    irisan_unit = user.unit if terbatas_unit(user) else None
    status_tw = (
        TriwulanPelaporan.objects.filter(opd=opd, tahun=tahun, triwulan=triwulan)
        .values_list("status", flat=True)
        .first()
    )
    data = kinerja_selectors.capaian_opd(opd, tahun, triwulan)
    periode = data.periode
    crumb = ("Dasbor pemda", reverse("kinerja:dasbor_pemda")) if access.pemda_wide(user) else None
    context = {
        "opd": opd,
        "form": form,
        "tahun": tahun,
        "triwulan": triwulan,
        "periode": periode,
        "irisan_unit": irisan_unit,
        "status_tw": status_tw,
        "skala": data.pengaturan.skala,
        "triwulan_pilihan": TRIWULAN_CHOICES,
        "warna_triwulan": WARNA_TRIWULAN,
        "warna_lebih": WARNA_LEBIH,
        "crumbs": [c for c in (crumb, (opd.singkatan or opd.nama, "")) if c],
    }
    if periode is None:
        return render(request, "kinerja/dasbor/dasbor_opd.html", context)

    # Sasaran and their indicators (an operator: the indicators of their unit), linked to
    # the sheet where each is entered or verified.
    tautan = TautanBaris(user) if status_tw else None
    sasaran_ids = {row.id for row in data.indikator if row.tingkat == "sasaran"}
    unit_per_indikator = dict(
        Indikator.objects.filter(pk__in=sasaran_ids)
        .annotate(unit_entri=unit_entri())
        .values_list("pk", "unit_entri")
    )
    if irisan_unit:
        milik_unit = set(
            lingkup.indikator_unit(irisan_unit.pk)
            .filter(pk__in=sasaran_ids)
            .values_list("pk", flat=True)
        )
    sasaran_list = []
    semua = []
    for sasaran in data.sasaran:
        rows = [r for r in sasaran.indikator if not irisan_unit or r.id in milik_unit]
        for row in rows:
            row.url = (
                tautan.indikator(
                    row.id, tahun=tahun, triwulan=triwulan, unit_id=unit_per_indikator.get(row.id)
                )
                if tautan
                else ""
            )
        if rows:
            sasaran_list.append((sasaran, rows))
            semua.extend(rows)
    iku = [row for row in semua if row.is_iku]
    rata = rumus.rata_rata(row.capaian for row in (iku or semua))

    # Budget absorption per program and quarter.
    if irisan_unit:
        program_rows, pagu_total, realisasi_total = _anggaran_program(
            periode, tahun, triwulan, irisan_unit.pk, total=True
        )
        penyerapan_total = rumus.penyerapan(pagu_total, realisasi_total)
    else:
        program_rows, _, _ = _anggaran_program(periode, tahun, triwulan)
        pagu_total, realisasi_total = data.anggaran.pagu, data.anggaran.realisasi
        penyerapan_total = data.anggaran.penyerapan

    kosong = _belum_diisi(periode, tahun, triwulan, irisan_unit, tautan)
    context.update(
        sasaran_list=sasaran_list,
        jumlah_indikator=len(semua),
        rata_iku=rata,
        rata_iku_tingkat=rumus.predikat(rata, data.pengaturan.skala),
        ada_iku=bool(iku),
        program_rows=program_rows,
        penyerapan_total=penyerapan_total,
        pagu_total=pagu_total,
        realisasi_total=realisasi_total,
        **kosong,
    )
    return render(request, "kinerja/dasbor/dasbor_opd.html", context)


def _qs(request):
    return f"?{request.GET.urlencode()}" if request.GET else ""


def _belum_diisi(periode, tahun, triwulan, irisan_unit, tautan):
    """Indicators without a realisation and sub-kegiatan (with a pagu this year) without
    a budget realisation for the quarter: per unit counts and the first rows, in a fixed
    number of queries."""
    ada_realisasi = Realisasi.objects.filter(
        indikator_id=OuterRef("pk"), tahun=tahun, triwulan=triwulan
    )
    ada_anggaran = RealisasiAnggaran.objects.filter(
        sub_kegiatan_id=OuterRef("pk"), tahun=tahun, triwulan=triwulan
    )
    ada_pagu = Pagu.objects.filter(sub_kegiatan_id=OuterRef("pk"), tahun=tahun)

    indikator_kosong = Indikator.objects.filter(periode=periode).exclude(Exists(ada_realisasi))
    sub_kosong = (
        SubKegiatan.objects.filter(periode=periode)
        .filter(Exists(ada_pagu))
        .exclude(Exists(ada_anggaran))
    )
    indikator_semua = Indikator.objects.filter(periode=periode)
    sub_semua = SubKegiatan.objects.filter(periode=periode).filter(Exists(ada_pagu))
    units = UnitKerja.objects.filter(opd_id=periode.opd_id)
    if irisan_unit:
        indikator_kosong = lingkup.indikator_unit(irisan_unit.pk, indikator_kosong)
        indikator_semua = lingkup.indikator_unit(irisan_unit.pk, indikator_semua)
        sub_kosong = sub_kosong.filter(unit_id=irisan_unit.pk)
        sub_semua = sub_semua.filter(unit_id=irisan_unit.pk)
        units = units.filter(pk=irisan_unit.pk)

    unit_rows = _unit_counts(units, indikator_kosong, indikator_semua, sub_kosong, sub_semua)

    hitung_ind = indikator_semua.aggregate(
        semua=Count("pk"), kosong=Count("pk", filter=~Q(Exists(ada_realisasi)))
    )
    hitung_sub = sub_semua.aggregate(
        semua=Count("pk"), kosong=Count("pk", filter=~Q(Exists(ada_anggaran)))
    )
    jumlah_indikator, n_ind_kosong = hitung_ind["semua"], hitung_ind["kosong"]
    jumlah_sub, n_sub_kosong = hitung_sub["semua"], hitung_sub["kosong"]
    daftar_indikator = list(
        indikator_kosong.annotate(unit_entri=unit_entri())
        .annotate(
            unit_nama=Subquery(
                UnitKerja.objects.filter(pk=OuterRef("unit_entri")).values("nama")[:1]
            )
        )
        .order_by("urutan", "pk")[:BATAS_DAFTAR_KOSONG]
    )
    for ind in daftar_indikator:
        ind.url_entri = (
            tautan.indikator(ind.pk, tahun=tahun, triwulan=triwulan, unit_id=ind.unit_entri)
            if tautan
            else ""
        )
    daftar_sub = list(sub_kosong.select_related("unit").order_by("kode")[:BATAS_DAFTAR_KOSONG])
    for sub in daftar_sub:
        sub.url_entri = (
            tautan.sub_kegiatan(sub.pk, tahun=tahun, triwulan=triwulan, unit_id=sub.unit_id)
            if tautan
            else ""
        )
    terisi = (jumlah_indikator - n_ind_kosong) + (jumlah_sub - n_sub_kosong)
    return {
        "unit_rows": unit_rows,
        "kelengkapan": rumus.persentase(terisi, jumlah_indikator + jumlah_sub),
        "jumlah_baris": jumlah_indikator + jumlah_sub,
        "jumlah_terisi": terisi,
        "n_indikator_kosong": n_ind_kosong,
        "n_sub_kosong": n_sub_kosong,
        "daftar_indikator_kosong": daftar_indikator,
        "daftar_sub_kosong": daftar_sub,
        "batas_daftar": BATAS_DAFTAR_KOSONG,
    }


def _unit_counts(units, indikator_kosong, indikator_semua, sub_kosong, sub_semua):
    """Per unit: its indicators and sub-kegiatan, and how many still have no realisation,
    as four counting subqueries in one query."""

    def hitung_indikator(qs):
        inner = Indikator.objects.filter(pk__in=qs.values("pk")).filter(
            lingkup.indikator_unit_q(OuterRef("pk"))
        )
        return Coalesce(
            Subquery(
                inner.order_by()
                .values("periode")
                .annotate(n=Count("pk", distinct=True))
                .values("n")[:1]
            ),
            0,
        )

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
        units.annotate(
            n_indikator=hitung_indikator(indikator_semua),
            n_indikator_kosong=hitung_indikator(indikator_kosong),
            n_sub=hitung_sub(sub_semua),
            n_sub_kosong=hitung_sub(sub_kosong),
        ).order_by("urutan", "nama")
    )
    for unit in rows:
        total = unit.n_indikator + unit.n_sub
        unit.kelengkapan = rumus.persentase(
            total - unit.n_indikator_kosong - unit.n_sub_kosong, total
        )
    return rows


@dataclass
class BarisOPD:
    opd: OPDRow
    url: str
    n_baris: int = 0
    n_terisi: int = 0
    kelengkapan: rumus.Hasil = field(default_factory=rumus.kosong)
    status_tw: str | None = None


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


@login_required
@require_GET
def dasbor_pemda(request):
    user = request.user
    if not access.pemda_wide(user):
        access.require_role(user, roles.PIMPINAN, roles.ADMIN)
    form, tahun, triwulan = _tahun_triwulan(request)
    pemda = user.pemda or Pemda.objects.order_by("nama").first()
    if pemda is None:
        raise Http404("Belum ada pemerintah daerah.")
    pengaturan = kinerja_selectors.pengaturan_pemda(pemda)
    opd_rows = kinerja_selectors.pemda_rows(pemda, tahun, triwulan)
    periode_ids = [row.periode_id for row in opd_rows if row.periode_id]

    # Completeness of the quarter: rows with a realisation / rows expected.
    ada_realisasi = Realisasi.objects.filter(
        indikator_id=OuterRef("pk"), tahun=tahun, triwulan=triwulan
    )
    ada_anggaran = RealisasiAnggaran.objects.filter(
        sub_kegiatan_id=OuterRef("pk"), tahun=tahun, triwulan=triwulan
    )
    ada_pagu = Pagu.objects.filter(sub_kegiatan_id=OuterRef("pk"), tahun=tahun)
    hitung_ind = _hitung_per_opd(
        Indikator.objects.filter(periode_id__in=periode_ids), ada_realisasi
    )
    hitung_sub = _hitung_per_opd(
        SubKegiatan.objects.filter(periode_id__in=periode_ids).filter(Exists(ada_pagu)),
        ada_anggaran,
    )
    status = dict(
        TriwulanPelaporan.objects.filter(
            opd__pemda=pemda, tahun=tahun, triwulan=triwulan
        ).values_list("opd_id", "status")
    )
    query = f"?tahun={tahun}&triwulan={triwulan}"
    baris_opd = []
    for row in opd_rows:
        n1, t1 = hitung_ind.get(row.opd_id, (0, 0))
        n2, t2 = hitung_sub.get(row.opd_id, (0, 0))
        baris_opd.append(
            BarisOPD(
                opd=row,
                url=reverse("kinerja:dasbor_opd", args=[row.slug]) + query,
                n_baris=n1 + n2,
                n_terisi=t1 + t2,
                kelengkapan=rumus.persentase(t1 + t2, n1 + n2),
                status_tw=status.get(row.opd_id),
            )
        )
    pagu_total = (
        anggaran_selectors.pagu_berlaku(tahun, triwulan)
        .filter(sub_kegiatan__periode_id__in=periode_ids)
        .aggregate(t=Sum("jumlah"))["t"]
    )
    realisasi_total = (
        anggaran_selectors.realisasi_sd(tahun, triwulan)
        .filter(sub_kegiatan__periode_id__in=periode_ids)
        .aggregate(t=Sum("jumlah"))["t"]
    ) or Decimal(0)
    context = {
        "pemda": pemda,
        "form": form,
        "tahun": tahun,
        "triwulan": triwulan,
        "baris_opd": baris_opd,
        "skala": pengaturan.skala,
        "rata_capaian": rumus.rata_rata(row.capaian_rata for row in opd_rows),
        "pagu_total": pagu_total,
        "realisasi_total": realisasi_total,
        "penyerapan_total": rumus.penyerapan(pagu_total, realisasi_total),
        "triwulan_pilihan": TRIWULAN_CHOICES,
        "crumbs": [("Dasbor pemda", "")],
    }
    return render(request, "kinerja/dasbor/dasbor_pemda.html", context)
