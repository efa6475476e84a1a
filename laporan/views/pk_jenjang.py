"""PK per jenjang (issue 16): the eselon III / IV officials of an OPD with their PK of the
year, drafted by the perencana from the official's nodes of the pohon kinerja and
finalised by the Kepala Dinas; reopened by the admin and revised as a PK Perubahan by the
perencana, each after a confirmation page, with the OPD PK's services; the document is the
OPD PK's template and print."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from laporan import antrian, forms, pdf, services, services_jenjang
from laporan.models import JenjangPK, PerjanjianKinerja
from laporan.selectors.pk import pk_document, pk_jenjang_untuk
from laporan.selectors.pohon import pejabat_pohon
from laporan.views.dokumen import (
    _require,
    boleh_buka,
    boleh_finalkan,
    boleh_ubah,
    opd_for,
)
from renstra import lingkup
from renstra.models import Pejabat
from sakip.pesan import jalankan


def _pejabat(request, opd, pejabat):
    pejabat = get_object_or_404(
        Pejabat.objects.select_related("unit", "atasan"), pk=pejabat, opd=opd
    )
    unit_id = lingkup.unit_terikat(request.user)
    if unit_id is not None and pejabat.unit_id != unit_id:
        raise Http404("Pejabat tidak ditemukan.")
    if services_jenjang.jenjang_pejabat(pejabat) is None:
        raise Http404("PK per jenjang hanya untuk pejabat eselon III dan IV.")
    return pejabat


@login_required
@require_GET
def pk_jenjang_daftar(request, opd, tahun):
    opd = opd_for(request.user, opd)
    daftar = [
        (p, n)
        for p, n in pejabat_pohon(opd, tahun, unit_id=lingkup.unit_terikat(request.user))
        if services_jenjang.jenjang_pejabat(p)
    ]
    pk_per_pejabat = {}
    for pk in (
        PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun)
        .exclude(jenjang=JenjangPK.OPD)
        .order_by("pihak_pertama_id", "-versi")
    ):
        pk_per_pejabat.setdefault(pk.pihak_pertama_id, pk)
    baris = [(p, n, pk_per_pejabat.get(p.pk)) for p, n in daftar]
    return render(
        request,
        "laporan/pk_jenjang_daftar.html",
        {
            "opd": opd,
            "tahun": tahun,
            "baris": baris,
            "boleh_ubah": boleh_ubah(request.user, opd),
            "boleh_finalkan": boleh_finalkan(request.user, opd),
            "boleh_buka": boleh_buka(request.user, opd),
        },
    )


def _doc(request, opd, tahun, pejabat):
    opd = opd_for(request.user, opd)
    pejabat = _pejabat(request, opd, pejabat)
    pk = pk_jenjang_untuk(pejabat, tahun)
    if pk is None:
        raise Http404("PK per jenjang pejabat ini belum dibuat.")
    return opd, pk, pk_document(opd=opd, tahun=tahun, pk=pk)


@login_required
@require_GET
def pk_jenjang(request, opd, tahun, pejabat):
    opd, pk, doc = _doc(request, opd, tahun, pejabat)
    actions = [
        ("← PK per jenjang", reverse("laporan:pk_jenjang_daftar", args=[opd.slug, tahun])),
        ("Unduh PDF", reverse("laporan:pk_jenjang_pdf", args=[opd.slug, tahun, pejabat])),
    ]
    return HttpResponse(pdf.render_html(doc, actions=actions, request=request))


@login_required
@require_GET
def pk_jenjang_pdf(request, opd, tahun, pejabat):
    opd, pk, doc = _doc(request, opd, tahun, pejabat)
    params = {"sumber": "pk-jenjang", "tahun": tahun, "pk": pk.pk}
    return antrian.minta_dokumen(request, doc, bentuk="pdf", params=params)


@login_required
@require_POST
def pk_jenjang_buat(request, opd, tahun, pejabat):
    opd = opd_for(request.user, opd)
    _require(boleh_ubah(request.user, opd))
    pejabat = _pejabat(request, opd, pejabat)
    jalankan(
        request,
        lambda: services_jenjang.pk_jenjang_buat(
            pejabat=pejabat,
            tahun=tahun,
            tempat=opd.pemda.ibukota or "",
            tanggal=timezone.localdate(),
            user=request.user,
        ),
        f"Draf PK {tahun} {pejabat.nama} dibuat dari pohon kinerja.",
    )
    return redirect("laporan:pk_jenjang_daftar", opd.slug, tahun)


@login_required
@require_POST
def pk_jenjang_finalkan(request, opd, tahun, pejabat):
    opd = opd_for(request.user, opd)
    _require(boleh_finalkan(request.user, opd))
    pejabat = _pejabat(request, opd, pejabat)
    pk = pk_jenjang_untuk(pejabat, tahun)
    if pk is None:
        messages.error(request, "PK per jenjang pejabat ini belum dibuat.")
    else:
        jalankan(
            request,
            lambda: services.pk_finalize(pk=pk, user=request.user),
            f"PK {tahun} {pejabat.nama} difinalkan.",
        )
    return redirect("laporan:pk_jenjang_daftar", opd.slug, tahun)


def _pk_atau_404(pejabat, tahun):
    pk = pk_jenjang_untuk(pejabat, tahun)
    if pk is None:
        raise Http404("PK per jenjang pejabat ini belum dibuat.")
    return pk


def _konfirmasi(request, opd, tahun, pejabat, pk, aksi, form=None):
    return render(
        request,
        "laporan/pk_jenjang_konfirmasi.html",
        {"opd": opd, "tahun": tahun, "pejabat": pejabat, "pk": pk, "aksi": aksi, "form": form},
    )


@login_required
def pk_jenjang_buka(request, opd, tahun, pejabat):
    """Reopen the official's final PK (admin): GET asks for the reason, POST reopens."""
    opd = opd_for(request.user, opd)
    _require(boleh_buka(request.user, opd))
    pejabat = _pejabat(request, opd, pejabat)
    pk = _pk_atau_404(pejabat, tahun)
    form = forms.BukaKembaliForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pk_reopen(pk=pk, alasan=form.cleaned_data["alasan"], user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"PK {tahun} {pejabat.nama} dibuka kembali menjadi draf.")
            return redirect("laporan:pk_jenjang_daftar", opd.slug, tahun)
    return _konfirmasi(request, opd, tahun, pejabat, pk, "buka", form)


@login_required
def pk_jenjang_perubahan(request, opd, tahun, pejabat):
    """Start a PK Perubahan of the official's final PK (perencana): GET asks to confirm,
    POST makes the new draft version with the same parties and rows."""
    opd = opd_for(request.user, opd)
    _require(boleh_ubah(request.user, opd))
    pejabat = _pejabat(request, opd, pejabat)
    pk = _pk_atau_404(pejabat, tahun)
    if request.method == "POST":
        jalankan(
            request,
            lambda: services.pk_perubahan(pk=pk, user=request.user),
            f"PK Perubahan {tahun} {pejabat.nama} dibuat sebagai draf versi {pk.versi + 1}.",
        )
        return redirect("laporan:pk_jenjang_daftar", opd.slug, tahun)
    return _konfirmasi(request, opd, tahun, pejabat, pk, "perubahan")
