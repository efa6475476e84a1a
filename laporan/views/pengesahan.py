"""The form where the perencana sets the date, place and signatory of a document that has
no edit form of its own (each Pengukuran quarter, IKU, cascading, each Renstra matrix)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from laporan import forms, matriks, selectors, services
from laporan.views.dokumen import _require, boleh_ubah, opd_for
from renstra.models import PeriodeRenstra

# The documents of a year this form serves, by the slug in its address: (jenis, triwulan).
DOKUMEN_TAHUNAN = {
    "iku": ("iku", None),
    "cascading": ("cascading", None),
    **{f"pengukuran-{tw}": ("pengukuran", tw) for tw in (1, 2, 3, 4)},
}


def _dokumen_url(opd, tahun, jenis, triwulan):
    if jenis == "pengukuran":
        return reverse("laporan:pengukuran", args=[opd.slug, tahun, triwulan])
    return reverse(f"laporan:{jenis}", args=[opd.slug, tahun])


def _form(request, *, opd, judul, kembali, kunci):
    """GET shows the record (or the defaults); POST saves it through the service."""
    sekarang = selectors.pengesahan(opd, kunci["jenis"], **_tanpa_jenis(kunci))
    rekaman = sekarang.rekaman
    awal = {
        "tempat": sekarang.tempat,
        "tanggal": sekarang.tanggal,
        "penandatangan": rekaman.penandatangan if rekaman else None,
    }
    form = forms.PengesahanForm(request.POST or None, opd=opd, initial=awal)
    if request.method == "POST" and form.is_valid():
        try:
            services.penandatangan_simpan(opd=opd, user=request.user, **kunci, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, "Tanggal, tempat dan penandatangan disimpan.")
            return redirect(kembali)
    context = {"form": form, "opd": opd, "judul": judul, "kembali": kembali, "sekarang": sekarang}
    return render(request, "laporan/pengesahan_form.html", context)


def _tanpa_jenis(kunci):
    return {k: v for k, v in kunci.items() if k != "jenis"}


@login_required
def pengesahan_ubah(request, opd, tahun, dokumen):
    opd = opd_for(request.user, opd)
    _require(boleh_ubah(request.user, opd))
    if dokumen not in DOKUMEN_TAHUNAN:
        raise Http404("Dokumen tidak dikenal.")
    jenis, triwulan = DOKUMEN_TAHUNAN[dokumen]
    judul = selectors.JENIS[jenis] + (f" Triwulan {triwulan}" if triwulan else "")
    return _form(
        request,
        opd=opd,
        judul=f"{judul} Tahun {tahun}",
        kembali=_dokumen_url(opd, tahun, jenis, triwulan),
        kunci={"jenis": jenis, "tahun": tahun, "triwulan": triwulan},
    )


@login_required
def matriks_pengesahan(request, opd, periode, jenis):
    opd = opd_for(request.user, opd)
    _require(boleh_ubah(request.user, opd))
    periode = get_object_or_404(PeriodeRenstra, pk=periode, opd=opd)
    if jenis not in matriks.MATRIKS:
        raise Http404("Matriks tidak dikenal.")
    kode, _ = matriks.MATRIKS[jenis]
    return _form(
        request,
        opd=opd,
        judul=f"Matriks Renstra {kode} ({periode.tahun_awal}–{periode.tahun_akhir})",
        kembali=reverse("laporan:matriks", args=[opd.slug, periode.pk, jenis]),
        kunci={"jenis": jenis, "periode": periode},
    )
