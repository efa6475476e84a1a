"""The uploaded attachments of an LKjIP: the Daftar Lampiran page (every lampiran in the
order the document prints them), upload and delete by the perencana while the LKjIP is a
draft, and the file itself for whoever reads the OPD (never a public URL)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from kinerja.models import StatusDokumen
from kinerja.services import bukti_storage
from laporan import forms, selectors, services_lampiran
from laporan.models import LampiranLkjip, LaporanKinerja
from laporan.selectors.lampiran import daftar_untuk, urutan_berikut
from laporan.views.dokumen import _require, boleh_ubah, opd_for
from sakip.pesan import jalankan


def konteks_lampiran(user, opd, tahun, laporan, form=None):
    """What the Daftar Lampiran page and the LKjIP form show of the lampiran."""
    editable = boleh_ubah(user, opd) and not (
        laporan is not None and laporan.status == StatusDokumen.FINAL
    )
    daftar = daftar_untuk(laporan, tahun)
    return {
        "daftar_lampiran": daftar,
        "lampiran_editable": editable,
        "lampiran_form": form or forms.LampiranForm(initial={"urutan": urutan_berikut(daftar)}),
    }


def _laporan(opd, tahun):
    try:
        selectors.periode_wajib(opd, tahun)
    except selectors.DokumenTidakAda as exc:
        raise Http404(str(exc)) from exc
    return LaporanKinerja.objects.filter(opd=opd, tahun=tahun).first()


@login_required
@require_http_methods(["GET", "POST"])
def lampiran_daftar(request, opd, tahun):
    """GET: the Daftar Lampiran; POST: upload an attachment (the perencana, draft only)."""
    opd = opd_for(request.user, opd)
    laporan = _laporan(opd, tahun)
    form = None
    status = 200
    if request.method == "POST":
        _require(boleh_ubah(request.user, opd))
        form = forms.LampiranForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services_lampiran.lampiran_simpan(
                    user=request.user, opd=opd, tahun=tahun, **form.cleaned_data
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:  # a final LKjIP: the form is not shown, the message is
                    for pesan in exc.messages:
                        messages.error(request, pesan)
            else:
                messages.success(request, "Lampiran diunggah.")
                return redirect("laporan:lampiran_daftar", opd.slug, tahun)
        status = 422
    context = {"opd": opd, "tahun": tahun, "laporan": laporan}
    context.update(konteks_lampiran(request.user, opd, tahun, laporan, form))
    return render(request, "laporan/lampiran_daftar.html", context, status=status)


def _lampiran(opd, tahun, pk):
    return get_object_or_404(
        LampiranLkjip.objects.select_related("laporan"),
        pk=pk,
        laporan__opd=opd,
        laporan__tahun=tahun,
    )


@login_required
@require_http_methods(["GET", "POST"])
def lampiran_hapus(request, opd, tahun, pk):
    """GET: what is about to be deleted, and a button; POST: delete it."""
    opd = opd_for(request.user, opd)
    _require(boleh_ubah(request.user, opd))
    lampiran = _lampiran(opd, tahun, pk)
    kembali = reverse("laporan:lampiran_daftar", args=[opd.slug, tahun])
    if request.method == "POST":
        jalankan(
            request,
            lambda: services_lampiran.lampiran_hapus(user=request.user, lampiran=lampiran),
            "Lampiran dihapus.",
        )
        return redirect(kembali)
    return render(
        request,
        "laporan/konfirmasi.html",
        {
            "opd": opd,
            "tahun": tahun,
            "judul": "Hapus lampiran?",
            "uraian": [
                f"Lampiran “{lampiran.judul}” ({lampiran.nama_asli}) akan dihapus dari "
                f"LKjIP Tahun {tahun} {opd.nama}.",
                "Penghapusan tidak dapat dibatalkan.",
            ],
            "tombol": "Ya, hapus lampiran",
            "kelas_tombol": "btn-danger",
            "batal": kembali,
        },
    )


@login_required
@require_GET
def lampiran_berkas(request, opd, tahun, pk):
    """Stream an attachment to whoever reads the OPD."""
    opd = opd_for(request.user, opd)
    lampiran = _lampiran(opd, tahun, pk)
    storage = bukti_storage()
    if not storage.exists(lampiran.berkas.name):
        raise Http404("Berkas tidak ditemukan.")
    response = FileResponse(
        storage.open(lampiran.berkas.name, "rb"),
        filename=lampiran.nama_asli,
        content_type=lampiran.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'"
    response["Cache-Control"] = "private, no-store"
    return response
