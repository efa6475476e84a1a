from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from anggaran.models import RealisasiAnggaran
from kinerja import lembar, services
from kinerja.forms import VerifikasiForm
from kinerja.models import Realisasi
from kinerja.views.entri import triwulan_pilihan, unit_pilihan
from kinerja.views.verifikasi_baris import daftar_html, daftar_teks
from renstra import lingkup
from renstra.models import TriwulanPelaporan
from sakip import access, roles
from sakip.alur import StatusRealisasi

VERIFIKASI_ROLES = (roles.VERIFIKATOR, roles.KEPALA_DINAS)
STATUS_TERLIHAT = [
    StatusRealisasi.DIAJUKAN,
    StatusRealisasi.DIVERIFIKASI,
    StatusRealisasi.DIKEMBALIKAN,
]
FILTER_STATUS = {
    "diajukan": [StatusRealisasi.DIAJUKAN],
    "semua": STATUS_TERLIHAT,
}


def _unit(request):
    return unit_pilihan(request, role_names=VERIFIKASI_ROLES, unit_bound_role=roles.VERIFIKATOR)


def _unit_bawaan(request, unit, units, tw):
    """Without ?unit=, a verifier of several units or the Kepala Dinas lands on a unit with
    rows waiting for verification: their own (or the first) when it has some, else the one
    with the most (issue 13 item 3)."""
    if tw is None or len(units) < 2 or request.GET.get("unit"):
        return unit
    menunggu = lembar.unit_menunggu(
        opd_id=unit.opd_id,
        tahun=tw.tahun,
        triwulan=tw.triwulan,
        unit_ids={u.pk for u in units if u.opd_id == unit.opd_id},
    )
    if not menunggu or menunggu.get(unit.pk):
        return unit
    terbanyak = max(menunggu.values())
    return next(u for u in units if menunggu.get(u.pk) == terbanyak)


@login_required
@require_GET
def verifikasi(request, tahun=None, triwulan=None):
    unit, units = _unit(request)
    tw = triwulan_pilihan(unit.opd, tahun, triwulan)
    if tw is None and tahun is not None:
        raise Http404("Triwulan pelaporan tidak ditemukan.")
    unit = _unit_bawaan(request, unit, units, tw)
    _kenal(request.user, unit)
    pilihan = request.GET.get("status", "semua")
    if pilihan not in FILTER_STATUS:
        pilihan = "semua"
    groups = []
    if tw is not None:
        groups = lembar.lembar_unit(
            unit=unit, tahun=tw.tahun, triwulan=tw.triwulan, status=FILTER_STATUS[pilihan]
        )
        groups = [g for g in groups if g.indikator or g.anggaran]
    terbuka = tw is not None and tw.status == TriwulanPelaporan.Status.BUKA
    boleh = terbuka and access.can_verify_unit(request.user, unit)
    return _halaman(
        request,
        {
            "unit": unit,
            "units": units,
            "tw": tw,
            "daftar": daftar_teks(groups, unit=unit, tw=tw, boleh=boleh),
            "terbuka": terbuka,
            "boleh": boleh,
            "pilihan": pilihan,
            "hitung": _hitung(unit, tw),
            "daftar_tw": TriwulanPelaporan.objects.filter(opd=unit.opd).order_by(
                "-tahun", "-triwulan"
            )[:12],
        },
    )


def _kenal(user, unit):
    """The page's header names the user's unit, OPD and Pemda (base.html): for a user of the
    sheet's unit or OPD they are the objects read with the unit (unit_pilihan), not three
    more queries."""
    opd = unit.opd
    if user.unit_id == unit.pk:
        user.unit = unit
    if user.opd_id == opd.pk:
        user.opd = opd
    if user.pemda_id == opd.pemda_id:
        user.pemda = opd.pemda


# Where the rows go in the rendered page: a comment, which no escaped value can contain.
_TEMPAT = mark_safe("<!--daftar-->")


def _halaman(request, context):
    """The page with its rows as a chunk of their own: 700 rows are ~1.7 MB of text, which
    each template node around `{{ daftar }}` would copy again (and the response encode once
    more) - the page's biggest cost after its figures (issue 15 item 2). The same bytes as
    rendering `daftar` (daftar_teks: escaped HTML) in place."""
    daftar = context["daftar"]
    if not daftar:
        return render(request, "kinerja/verifikasi.html", context)
    html = render_to_string(
        "kinerja/verifikasi.html", {**context, "daftar": _TEMPAT}, request=request
    )
    awal, _, akhir = html.partition(_TEMPAT)
    return HttpResponse([awal, daftar, akhir])


def _hitung(unit, tw):
    if tw is None:
        return lembar.HitungVerifikasi()
    return lembar.hitung_verifikasi(unit=unit, tahun=tw.tahun, triwulan=tw.triwulan)


def _render_baris(request, unit, realisasi, *, status=200, form=None, pesan=""):
    baris = lembar.baris_indikator(
        unit=unit, indikator=realisasi.indikator, tahun=realisasi.tahun, triwulan=realisasi.triwulan
    )
    kelompok = lembar.Kelompok("", "", "", [], (), indikator=[baris] if baris else [])
    return _render_verifikasi(
        request, unit, realisasi, kelompok, status=status, form=form, pesan=pesan
    )


def _render_anggaran(request, unit, obj, *, status=200, form=None, pesan=""):
    baris = lembar.baris_anggaran(
        unit=unit, sub_kegiatan=obj.sub_kegiatan, tahun=obj.tahun, triwulan=obj.triwulan
    )
    kelompok = lembar.Kelompok("", "", "", [], (), anggaran=baris)
    return _render_verifikasi(request, unit, obj, kelompok, status=status, form=form, pesan=pesan)


def _render_verifikasi(request, unit, obj, kelompok, *, status, form, pesan):
    """The answer to an action on one row (kinerja or anggaran): the row as the sheet
    renders it (verifikasi_baris.daftar_html), with whether the verifier may still act on it
    (quarter open, row of their unit), and out of band the unit's changed counts (one
    aggregate query)."""
    tw, terbuka = lembar.triwulan_pelaporan(
        opd_id=unit.opd_id, tahun=obj.tahun, triwulan=obj.triwulan
    )
    boleh = terbuka and access.can_verify_unit(request.user, unit)
    baris = daftar_html(
        [kelompok], unit=unit, tw=tw, boleh=boleh, satu=True, form=form, pesan=pesan
    )
    if tw is not None:
        context = {
            "unit": unit,
            "tw": tw,
            "boleh": boleh,
            "hitung": lembar.hitung_verifikasi(unit=unit, tahun=obj.tahun, triwulan=obj.triwulan),
            "oob": True,
        }
        baris += render_to_string("kinerja/_verifikasi_ringkasan.html", context, request=request)
    return HttpResponse(baris, status=status)


@login_required
@require_POST
def verifikasi_realisasi(request, pk):
    unit, _ = _unit(request)
    qs = Realisasi.objects.filter(
        indikator__in=lingkup.indikator_unit(unit.pk)
        .filter(periode__opd_id=unit.opd_id)
        .values("pk")
    ).select_related("indikator__periode")
    obj = get_object_or_404(qs, pk=pk)
    form = VerifikasiForm(request.POST)
    if not form.is_valid():
        return _render_baris(request, unit, obj, status=422, form=form)
    data = form.cleaned_data
    try:
        if data["aksi"] == "setujui":
            services.realisasi_verifikasi(
                user=request.user, realisasi=obj, versi=data["versi"], catatan=data["catatan"]
            )
            pesan = "Diverifikasi"
        else:
            services.realisasi_kembalikan(
                user=request.user, realisasi=obj, versi=data["versi"], catatan=data["catatan"]
            )
            pesan = "Dikembalikan ke operator"
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                for e in errors:
                    form.add_error(name if name in form.fields else None, e)
        else:
            for m in exc.messages:
                form.add_error(None, m)
        return _render_baris(request, unit, obj, status=422, form=form)
    return _render_baris(request, unit, obj, pesan=pesan)


@login_required
@require_POST
def verifikasi_anggaran(request, pk):
    unit, _ = _unit(request)
    qs = RealisasiAnggaran.objects.filter(sub_kegiatan__unit=unit).select_related(
        "sub_kegiatan__periode"
    )
    obj = get_object_or_404(qs, pk=pk)
    form = VerifikasiForm(request.POST)
    if not form.is_valid():
        return _render_anggaran(request, unit, obj, status=422, form=form)
    data = form.cleaned_data
    try:
        if data["aksi"] == "setujui":
            services.realisasi_anggaran_verifikasi(
                user=request.user,
                realisasi_anggaran=obj,
                versi=data["versi"],
                catatan=data["catatan"],
            )
            pesan = "Diverifikasi"
        else:
            services.realisasi_anggaran_kembalikan(
                user=request.user,
                realisasi_anggaran=obj,
                versi=data["versi"],
                catatan=data["catatan"],
            )
            pesan = "Dikembalikan ke operator"
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                for e in errors:
                    form.add_error(name if name in form.fields else None, e)
        else:
            for m in exc.messages:
                form.add_error(None, m)
        return _render_anggaran(request, unit, obj, status=422, form=form)
    return _render_anggaran(request, unit, obj, pesan=pesan)


@login_required
@require_POST
def verifikasi_semua(request, tahun, triwulan):
    unit, units = _unit(request)
    if not access.can_verify_unit(request.user, unit):
        raise PermissionDenied
    form = VerifikasiForm(request.POST)
    url = reverse("kinerja:verifikasi_triwulan", args=[tahun, triwulan])
    if len(units) > 1:
        url += f"?unit={unit.pk}"
    if not form.is_valid():
        messages.error(request, "Pilih setujui atau kembalikan.")
        return redirect(url)
    data = form.cleaned_data
    try:
        n = services.triwulan_verifikasi_semua(
            user=request.user,
            unit=unit,
            tahun=tahun,
            triwulan=triwulan,
            setujui=data["aksi"] == "setujui",
            catatan=data["catatan"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        kata = "diverifikasi" if data["aksi"] == "setujui" else "dikembalikan ke operator"
        messages.success(request, f"{n} realisasi {kata}.")
    return redirect(url)
