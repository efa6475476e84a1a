"""Rencana Aksi rows edited in place (issue 12, item 5): an aksi row turns into its form
(htmx), saves through laporan.services.aksi_save and turns back; deleting asks first on a
page of its own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from kinerja.models import Aksi, StatusDokumen
from laporan import forms, services
from laporan.views.dokumen import _require, _unit_for, boleh_ubah, opd_for
from sakip.pesan import jalankan


def _aksi_for(request, opd, tahun, unit, pk):
    opd = opd_for(request.user, opd)
    unit = _unit_for(opd, unit)
    aksi = get_object_or_404(
        Aksi.objects.select_related("sub_kegiatan", "rencana_aksi"),
        pk=pk,
        rencana_aksi__unit=unit,
        rencana_aksi__tahun=tahun,
    )
    return opd, unit, aksi


def _form_aksi(aksi, data=None):
    initial = {
        "uraian": aksi.uraian,
        "volume": aksi.volume,
        "satuan_volume": aksi.satuan_volume,
        "triwulan": [str(n) for n in aksi.triwulan_list],
    }
    return forms.AksiUbahForm(data, initial=initial, prefix=f"aksi{aksi.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def aksi_ubah(request, opd, tahun, unit, pk):
    """GET: the row as a form (?batal=1: the row as it is); POST: save it."""
    opd, unit, aksi = _aksi_for(request, opd, tahun, unit, pk)
    editable = boleh_ubah(request.user, opd) and aksi.rencana_aksi.status != StatusDokumen.FINAL
    context = {"opd": opd, "tahun": tahun, "unit": unit, "a": aksi, "editable": editable}
    if request.method == "GET" and (request.GET.get("batal") or not editable):
        return render(request, "laporan/_aksi_baris.html", context)
    _require(editable)
    form = _form_aksi(aksi, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                aksi = services.aksi_save(
                    rencana_aksi=aksi.rencana_aksi,
                    sub_kegiatan=aksi.sub_kegiatan,
                    uraian=data["uraian"],
                    volume=data["volume"],
                    satuan_volume=data["satuan_volume"],
                    triwulan=[int(t) for t in data["triwulan"]],
                    aksi=aksi,
                )
            except ValidationError as exc:
                form.apply_error(exc)
            else:
                context.update({"a": aksi, "pesan": "Aksi disimpan."})
                if not request.htmx:
                    messages.success(request, "Aksi disimpan.")
                    return redirect("laporan:rencana_aksi_ubah", opd.slug, tahun, unit.slug)
                return render(request, "laporan/_aksi_baris.html", context)
        status = 422
    context["form"] = form
    return render(request, "laporan/_aksi_ubah.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def aksi_hapus(request, opd, tahun, unit, pk):
    """GET: what is about to be deleted, and a button; POST: delete it."""
    opd, unit, aksi = _aksi_for(request, opd, tahun, unit, pk)
    _require(boleh_ubah(request.user, opd))
    if request.method == "POST":
        jalankan(request, lambda: services.aksi_delete(aksi=aksi), "Aksi dihapus.")
        return redirect("laporan:rencana_aksi_ubah", opd.slug, tahun, unit.slug)
    return render(
        request,
        "laporan/konfirmasi.html",
        {
            "opd": opd,
            "tahun": tahun,
            "judul": "Hapus aksi?",
            "uraian": [
                f"Aksi “{aksi.uraian}” pada sub kegiatan {aksi.sub_kegiatan.kode} "
                f"{aksi.sub_kegiatan.nama} akan dihapus dari Rencana Aksi {tahun} {unit.nama}.",
                "Penghapusan tidak dapat dibatalkan.",
            ],
            "tombol": "Ya, hapus aksi",
            "kelas_tombol": "btn-danger",
            "batal": reverse("laporan:rencana_aksi_ubah", args=[opd.slug, tahun, unit.slug]),
        },
    )
