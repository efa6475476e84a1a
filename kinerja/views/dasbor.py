from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from anggaran.models import Pagu, RealisasiAnggaran
from kinerja import capaian as rumus
from kinerja import lingkup
from kinerja.filters import opd_pilihan, tahun_triwulan_aktif, terbatas_unit
from kinerja.models import TRIWULAN_CHOICES, Realisasi, TriwulanPelaporan
from kinerja.tables import capaian_baris, link_entri, skala_predikat
from renstra.models import (
    Indikator,
    PerangkatDaerah,
    PeriodeRenstra,
    SubKegiatan,
    TargetTahunan,
    UnitKerja,
)
from sakip import access, roles

WARNA_TRIWULAN = ("#9ec5fe", "#6ea8fe", "#3d8bfd", "#0a58ca")
BATAS_DAFTAR_KOSONG = 60


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
class BarisIndikator:
    indikator: Indikator
    target: object
    target_level: object
    realisasi: object
    realisasi_level: object
    hasil: rumus.Hasil
    tingkat: rumus.Tingkat | None
    url: str


def _capaian_indikator(indikator_list, tahun, triwulan, skala):
    """Capaian to date of each indicator: its quarters TW I..triwulan aggregated by the
    indicator's rule (kinerja.capaian.nilai_tahunan) against the yearly target. Two queries
    whatever the number of indicators."""
    ids = [ind.pk for ind in indikator_list]
    targets = {
        t.indikator_id: t
        for t in TargetTahunan.objects.filter(indikator_id__in=ids, tahun=tahun).select_related(
            "level"
        )
    }
    per_tw = {}
    for r in (
        Realisasi.objects.filter(indikator_id__in=ids, tahun=tahun, triwulan__lte=triwulan)
        .select_related("level")
        .order_by("triwulan")
    ):
        per_tw.setdefault(r.indikator_id, {})[r.triwulan] = r
    rows = []
    for ind in indikator_list:
        quarters = per_tw.get(ind.pk, {})
        seq = [quarters.get(q) for q in range(1, triwulan + 1)]
        target = targets.get(ind.pk)
        if ind.tipe == Indikator.Tipe.KATEGORI:
            levels = [
                rumus.Level(r.level.nama, r.level.skor, r.level.urutan) if r and r.level else None
                for r in seq
            ]
            r_level = rumus.level_terakhir(levels)
            t_level = (
                rumus.Level(target.level.nama, target.level.skor, target.level.urutan)
                if target and target.level
                else None
            )
            hasil = capaian_baris(
                ind, target=None, realisasi=None, target_level=t_level, realisasi_level=r_level
            )
            r_value = None
        else:
            r_value = rumus.nilai_tahunan([r.nilai if r else None for r in seq], ind.agregasi)
            t_level = r_level = None
            hasil = capaian_baris(ind, target=target.nilai if target else None, realisasi=r_value)
        rows.append(
            BarisIndikator(
                indikator=ind,
                target=target.nilai if target else None,
                target_level=t_level,
                realisasi=r_value,
                realisasi_level=r_level,
                hasil=hasil,
                tingkat=rumus.predikat(hasil, skala),
                url=link_entri(ind.pk, tahun, triwulan),
            )
        )
    return rows


def _pagu_berlaku(tahun, triwulan):
    """The pagu of the sub-kegiatan (OuterRef pk) in force at the quarter: the revision
    with the latest start not after it (anggaran.models.Pagu)."""
    return Subquery(
        Pagu.objects.filter(
            sub_kegiatan_id=OuterRef("pk"), tahun=tahun, berlaku_mulai__lte=triwulan
        )
        .order_by("-berlaku_mulai")
        .values("jumlah")[:1]
    )


def _anggaran_per(sub_kegiatan_qs, group, tahun):
    """{group value: {"pagu": [TW I..IV], "realisasi": [cumulated TW I..IV]}} in two SQL
    queries (pagu by subquery, realisation by join: never in one annotate)."""
    pagu_rows = sub_kegiatan_qs.values(group).annotate(
        **{f"pagu{q}": Sum(_pagu_berlaku(tahun, q)) for q in (1, 2, 3, 4)}
    )
    real_rows = (
        RealisasiAnggaran.objects.filter(sub_kegiatan__in=sub_kegiatan_qs.values("pk"), tahun=tahun)
        .values(f"sub_kegiatan__{group}")
        .annotate(**{f"real{q}": Sum("jumlah", filter=Q(triwulan__lte=q)) for q in (1, 2, 3, 4)})
    )
    result = {}
    for row in pagu_rows:
        result[row[group]] = {
            "pagu": [row[f"pagu{q}"] for q in (1, 2, 3, 4)],
            "realisasi": [Decimal(0)] * 4,
        }
    for row in real_rows:
        entry = result.setdefault(
            row[f"sub_kegiatan__{group}"], {"pagu": [None] * 4, "realisasi": [Decimal(0)] * 4}
        )
        entry["realisasi"] = [row[f"real{q}"] or Decimal(0) for q in (1, 2, 3, 4)]
    return result


@dataclass
class BarisProgram:
    program: object
    pagu: list
    realisasi: list
    penyerapan: list  # rumus.Hasil per TW
    batang: list = field(default_factory=list)  # (TW label, width %, colour, text) for the SVG


def _grafik(penyerapan, triwulan):
    bars = []
    for q, hasil in enumerate(penyerapan, start=1):
        if q > triwulan:
            break
        nilai = hasil.nilai if hasil.ada else None
        lebar = float(min(max(nilai, Decimal(0)), Decimal(100))) if nilai is not None else 0.0
        bars.append((q, lebar, WARNA_TRIWULAN[q - 1], nilai, hasil))
    return bars


# --- views ---------------------------------------------------------------------------------


@login_required
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
    skala = skala_predikat(opd.pemda_id)
    periode = lingkup.periode_untuk(opd.pk, tahun)
    status_tw = (
        TriwulanPelaporan.objects.filter(opd=opd, tahun=tahun, triwulan=triwulan)
        .values_list("status", flat=True)
        .first()
    )
    context = {
        "opd": opd,
        "form": form,
        "tahun": tahun,
        "triwulan": triwulan,
        "periode": periode,
        "irisan_unit": irisan_unit,
        "status_tw": status_tw,
        "skala": skala,
        "triwulan_pilihan": TRIWULAN_CHOICES,
        "warna_triwulan": WARNA_TRIWULAN,
        "crumbs": [
            ("Dasbor", reverse("kinerja:dasbor_pemda"))
            if access.pemda_wide(user)
            else ("Dasbor", ""),
            (opd.singkatan or opd.nama, ""),
        ],
    }
    if periode is None:
        return render(request, "kinerja/dasbor/dasbor_opd.html", context)

    # Sasaran and their indicators (operators: the indicators of their unit).
    indikator_qs = Indikator.objects.filter(periode=periode, sasaran__isnull=False).select_related(
        "sasaran", "periode__opd__pemda"
    )
    if irisan_unit:
        indikator_qs = lingkup.indikator_unit(irisan_unit.pk, indikator_qs)
    indikator_list = list(indikator_qs.order_by("sasaran__urutan", "sasaran__kode", "urutan", "pk"))
    baris = _capaian_indikator(indikator_list, tahun, triwulan, skala)
    sasaran_list = []
    for row in baris:
        sasaran = row.indikator.sasaran
        if not sasaran_list or sasaran_list[-1][0].pk != sasaran.pk:
            sasaran_list.append((sasaran, []))
        sasaran_list[-1][1].append(row)
    iku = [row for row in baris if row.indikator.is_iku]
    rata_iku = rumus.rata_rata(row.hasil for row in (iku or baris))

    # Budget absorption per program and quarter.
    sub_qs = SubKegiatan.objects.filter(periode=periode)
    if irisan_unit:
        sub_qs = sub_qs.filter(unit_id=irisan_unit.pk)
    per_program = _anggaran_per(sub_qs, "kegiatan__program", tahun)
    programs = {
        p.pk: p for p in periode.program_set.filter(pk__in=list(per_program)).order_by("kode")
    }
    program_rows = []
    for pk, program in programs.items():
        data = per_program[pk]
        hasil = [rumus.penyerapan(data["pagu"][i], data["realisasi"][i]) for i in range(4)]
        program_rows.append(
            BarisProgram(program, data["pagu"], data["realisasi"], hasil, _grafik(hasil, triwulan))
        )
    total = _anggaran_per(sub_qs, "periode", tahun).get(periode.pk)
    pagu_total = total["pagu"][triwulan - 1] if total else None
    realisasi_total = total["realisasi"][triwulan - 1] if total else None
    penyerapan_total = rumus.penyerapan(pagu_total, realisasi_total)

    # Rows still missing for the quarter, and per unit.
    kosong = _belum_diisi(periode, tahun, triwulan, irisan_unit)
    context.update(
        sasaran_list=sasaran_list,
        jumlah_indikator=len(baris),
        rata_iku=rata_iku,
        rata_iku_tingkat=rumus.predikat(rata_iku, skala),
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


def _belum_diisi(periode, tahun, triwulan, irisan_unit):
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

    jumlah_indikator = indikator_semua.count()
    jumlah_sub = sub_semua.count()
    n_ind_kosong = indikator_kosong.count()
    n_sub_kosong = sub_kosong.count()
    daftar_indikator = list(
        indikator_kosong.select_related(
            "sub_kegiatan__unit", "kegiatan", "program", "sasaran", "tujuan"
        ).order_by("urutan", "pk")[:BATAS_DAFTAR_KOSONG]
    )
    for ind in daftar_indikator:
        ind.url_entri = link_entri(ind.pk, tahun, triwulan)
    daftar_sub = list(sub_kosong.select_related("unit").order_by("kode")[:BATAS_DAFTAR_KOSONG])
    for sub in daftar_sub:
        sub.url_entri = _link_entri_anggaran(sub.pk, tahun, triwulan)
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


def _link_entri_anggaran(sub_id, tahun, triwulan):
    try:
        url = reverse("kinerja:entri")
    except Exception:  # the entry page is not routed yet
        return ""
    return f"{url}?tahun={tahun}&triwulan={triwulan}#sub-{sub_id}"


@dataclass
class BarisOPD:
    opd: PerangkatDaerah
    periode: PeriodeRenstra | None
    capaian: Decimal | None = None
    tingkat: rumus.Tingkat | None = None
    jumlah_indikator: int = 0
    pagu: Decimal | None = None
    realisasi: Decimal | None = None
    penyerapan: rumus.Hasil = field(default_factory=rumus.kosong)
    n_baris: int = 0
    n_terisi: int = 0
    kelengkapan: rumus.Hasil = field(default_factory=rumus.kosong)
    status_tw: str | None = None
    url: str = ""


def _hitung_per_opd(qs, tahun, triwulan, ada_realisasi):
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
def dasbor_pemda(request):
    user = request.user
    if not access.pemda_wide(user):
        access.require_role(user, roles.PIMPINAN, roles.ADMIN)
    form, tahun, triwulan = _tahun_triwulan(request)
    opds = list(opd_pilihan(request).select_related("pemda"))
    periode_per_opd = {}
    for periode in PeriodeRenstra.objects.filter(
        opd__in=opds, tahun_awal__lte=tahun, tahun_akhir__gte=tahun
    ).order_by("opd_id", "-versi", "-tahun_awal"):
        periode_per_opd.setdefault(periode.opd_id, periode)
    periodes = list(periode_per_opd.values())
    skala = skala_predikat(user.pemda_id or (opds[0].pemda_id if opds else None))
    query = f"?tahun={tahun}&triwulan={triwulan}"
    rows = {
        opd.pk: BarisOPD(
            opd=opd,
            periode=periode_per_opd.get(opd.pk),
            url=reverse("kinerja:dasbor_opd", args=[opd.slug]) + query,
        )
        for opd in opds
    }

    # Capaian: the mean of each OPD's IKU (its sasaran indicators when none is flagged IKU).
    indikator_list = list(
        Indikator.objects.filter(periode__in=periodes, sasaran__isnull=False)
        .select_related("periode__opd__pemda")
        .order_by("periode__opd", "urutan", "pk")
    )
    per_opd = {}
    for baris in _capaian_indikator(indikator_list, tahun, triwulan, skala):
        per_opd.setdefault(baris.indikator.periode.opd_id, []).append(baris)
    for opd_id, baris_list in per_opd.items():
        iku = [b for b in baris_list if b.indikator.is_iku] or baris_list
        row = rows[opd_id]
        row.capaian = rumus.rata_rata(b.hasil for b in iku)
        row.tingkat = rumus.predikat(row.capaian, skala)
        row.jumlah_indikator = len(iku)

    # Absorption to the quarter.
    anggaran = _anggaran_per(
        SubKegiatan.objects.filter(periode__in=periodes), "periode__opd", tahun
    )
    for opd_id, data in anggaran.items():
        row = rows[opd_id]
        row.pagu = data["pagu"][triwulan - 1]
        row.realisasi = data["realisasi"][triwulan - 1]
        row.penyerapan = rumus.penyerapan(row.pagu, row.realisasi)

    # Completeness of the quarter.
    ada_realisasi = Realisasi.objects.filter(
        indikator_id=OuterRef("pk"), tahun=tahun, triwulan=triwulan
    )
    ada_anggaran = RealisasiAnggaran.objects.filter(
        sub_kegiatan_id=OuterRef("pk"), tahun=tahun, triwulan=triwulan
    )
    ada_pagu = Pagu.objects.filter(sub_kegiatan_id=OuterRef("pk"), tahun=tahun)
    hitung_ind = _hitung_per_opd(
        Indikator.objects.filter(periode__in=periodes), tahun, triwulan, ada_realisasi
    )
    hitung_sub = _hitung_per_opd(
        SubKegiatan.objects.filter(periode__in=periodes).filter(Exists(ada_pagu)),
        tahun,
        triwulan,
        ada_anggaran,
    )
    for opd_id, row in rows.items():
        n1, t1 = hitung_ind.get(opd_id, (0, 0))
        n2, t2 = hitung_sub.get(opd_id, (0, 0))
        row.n_baris, row.n_terisi = n1 + n2, t1 + t2
        row.kelengkapan = rumus.persentase(row.n_terisi, row.n_baris)
    for opd_id, status in TriwulanPelaporan.objects.filter(
        opd__in=opds, tahun=tahun, triwulan=triwulan
    ).values_list("opd_id", "status"):
        rows[opd_id].status_tw = status

    baris_opd = sorted(rows.values(), key=lambda r: r.opd.nama)
    total = _anggaran_per(
        SubKegiatan.objects.filter(periode__in=periodes), "periode__opd__pemda", tahun
    )
    pagu_total = realisasi_total = None
    if total:
        data = next(iter(total.values())) if len(total) == 1 else None
        if data:
            pagu_total, realisasi_total = (
                data["pagu"][triwulan - 1],
                data["realisasi"][triwulan - 1],
            )
    context = {
        "form": form,
        "tahun": tahun,
        "triwulan": triwulan,
        "baris_opd": baris_opd,
        "skala": skala,
        "rata_capaian": rumus.rata_rata(r.capaian for r in baris_opd),
        "pagu_total": pagu_total,
        "realisasi_total": realisasi_total,
        "triwulan_pilihan": TRIWULAN_CHOICES,
        "crumbs": [("Dasbor pemda", "")],
    }
    context["penyerapan_total"] = rumus.penyerapan(pagu_total, realisasi_total)
    return render(request, "kinerja/dasbor/dasbor_pemda.html", context)
