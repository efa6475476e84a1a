from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET, require_POST

from kinerja import services
from kinerja.forms import BuktiForm
from kinerja.models import BuktiRealisasi, Realisasi
from kinerja.views.entri import ENTRI_ROLES, render_baris, unit_pilihan
from renstra import lingkup
from sakip import roles


def _realisasi_unit_or_404(unit, pk):
    qs = Realisasi.objects.filter(
        indikator__in=lingkup.indikator_unit(unit.pk)
        .filter(periode__opd_id=unit.opd_id)
        .values("pk")
    ).select_related("indikator__periode")
    return get_object_or_404(qs, pk=pk)


@login_required
@require_POST
def bukti_unggah(request, pk):
    unit, _ = unit_pilihan(request, role_names=ENTRI_ROLES, unit_bound_role=roles.OPERATOR)
    realisasi = _realisasi_unit_or_404(unit, pk)
    form = BuktiForm(request.POST, request.FILES)
    args = {
        "unit": unit,
        "indikator": realisasi.indikator,
        "tahun": realisasi.tahun,
        "triwulan": realisasi.triwulan,
        "bukti_terbuka": True,
    }
    if not form.is_valid():
        return render_baris(
            request, **args, status=422, pesan="", konflik=" ".join(form.errors["berkas"])
        )
    try:
        services.bukti_simpan(
            user=request.user, realisasi=realisasi, berkas=form.cleaned_data["berkas"]
        )
    except ValidationError as exc:
        return render_baris(request, **args, status=422, konflik=" ".join(exc.messages))
    return render_baris(request, **args, pesan="Bukti diunggah")


@login_required
@require_POST
def bukti_hapus(request, pk):
    unit, _ = unit_pilihan(request, role_names=ENTRI_ROLES, unit_bound_role=roles.OPERATOR)
    bukti = get_object_or_404(BuktiRealisasi.objects.select_related("realisasi"), pk=pk)
    realisasi = _realisasi_unit_or_404(unit, bukti.realisasi_id)
    args = {
        "unit": unit,
        "indikator": realisasi.indikator,
        "tahun": realisasi.tahun,
        "triwulan": realisasi.triwulan,
        "bukti_terbuka": True,
    }
    try:
        services.bukti_hapus(user=request.user, bukti=bukti)
    except ValidationError as exc:
        return render_baris(request, **args, status=422, konflik=" ".join(exc.messages))
    return render_baris(request, **args, pesan="Bukti dihapus")


@login_required
@require_GET
def bukti_unduh(request, pk):
    """Stream an evidence file to a user who may see its realisation (never a public URL)."""
    visible = lingkup.realisasi_terlihat(request.user, Realisasi.objects.all())
    bukti = get_object_or_404(
        BuktiRealisasi.objects.filter(realisasi__in=visible.values("pk")), pk=pk
    )
    storage = services.bukti_storage()
    if not storage.exists(bukti.berkas.name):
        raise Http404("Berkas tidak ditemukan.")
    response = FileResponse(
        storage.open(bukti.berkas.name, "rb"),
        as_attachment=bukti.content_type not in ("application/pdf", "image/png", "image/jpeg"),
        filename=bukti.nama_asli,
        content_type=bukti.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    )
    response["Cache-Control"] = "private, no-store"
    return response
