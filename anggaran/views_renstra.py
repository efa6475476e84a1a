from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from anggaran import renstra_xlsx as excel
from anggaran import tasks
from anggaran.management.commands.import_renstra import baca_periode
from anggaran.renstra_impor import HasilImpor
from renstra.models import PerangkatDaerah, PeriodeRenstra
from sakip import access, antrian, roles, views_antrian, xlsx
from sakip.models import Pekerjaan

MAX_UPLOAD = 20 * 1024 * 1024


def _opd_admin(user):
    qs = PerangkatDaerah.objects.select_related("pemda")
    if user.is_superuser:
        return qs
    return qs.filter(pemda_id=user.pemda_id) if user.pemda_id else qs.none()


class ImporRenstraForm(forms.Form):
    opd = forms.ModelChoiceField(PerangkatDaerah.objects.none(), label="Perangkat daerah")
    periode = forms.CharField(
        label="Periode Renstra",
        initial="2021-2026",
        max_length=20,
        help_text="Tahun awal-tahun akhir, mis. 2021-2026.",
    )
    berkas = forms.FileField(label="Workbook Renstra (.xlsx)", required=False)
    dry_run = forms.BooleanField(label="Periksa saja, jangan simpan", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = _opd_admin(user)

    def clean_periode(self):
        try:
            return baca_periode(self.cleaned_data["periode"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_berkas(self):
        berkas = self.cleaned_data.get("berkas")
        if berkas and berkas.size > MAX_UPLOAD:
            raise forms.ValidationError("Berkas lebih dari 20 MB.")
        if berkas and not berkas.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("Unggah berkas Excel berakhiran .xlsx.")
        return berkas


@login_required
def renstra_impor_view(request):
    access.require_role(request.user, roles.ADMIN)
    form = ImporRenstraForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        opd = form.cleaned_data["opd"]
        awal, akhir = form.cleaned_data["periode"]
        if "template" in request.POST:
            return xlsx.xlsx_response(
                excel.renstra_template(opd, awal, akhir),
                f"template-renstra-{opd.slug}-{awal}-{akhir}.xlsx",
            )
        berkas = form.cleaned_data.get("berkas")
        if not berkas:
            form.add_error("berkas", "Pilih workbook yang akan diimpor.")
        else:
            dry_run = form.cleaned_data["dry_run"]
            pekerjaan = antrian.antrikan(
                tasks.renstra_impor_tugas,
                jenis=tasks.IMPOR,
                pemilik=request.user,
                opd=opd,
                params={
                    "opd": opd.pk,
                    "tahun_awal": awal,
                    "tahun_akhir": akhir,
                    "dry_run": dry_run,
                },
                judul=f"{'Pemeriksaan' if dry_run else 'Impor'} Renstra {awal}–{akhir} · "
                f"{opd.nama}",
                masukan=berkas,
                url_hasil=lambda pk: reverse("anggaran:renstra_impor_hasil", args=[pk]),
            )
            return views_antrian.ikuti(request, pekerjaan, _hasil)
    return _halaman(request, form)


def _halaman(request, form, hasil=None, pesan=""):
    status = 422 if (hasil and hasil.kesalahan) or form.errors or pesan else 200
    tampil, lain = xlsx.ringkas_kesalahan(hasil.kesalahan if hasil else [])
    return render(
        request,
        "excel/renstra_impor.html",
        {
            "form": form,
            "hasil": hasil,
            "pesan": pesan,
            "kesalahan_tampil": tampil,
            "kesalahan_lain": lain,
            "periode_list": _periode_terlihat(request.user),
        },
        status=status,
    )


@login_required
@require_GET
def renstra_impor_hasil(request, pk):
    """The outcome of a queued Renstra import (its job's result), beside the import form."""
    access.require_role(request.user, roles.ADMIN)
    pekerjaan = views_antrian.pekerjaan_untuk(request.user, pk)
    if pekerjaan.jenis != tasks.IMPOR:
        raise Http404("Pekerjaan tidak ditemukan.")
    if pekerjaan.status != Pekerjaan.Status.SELESAI:
        return redirect("pekerjaan", pekerjaan.pk)
    return _hasil(request, pekerjaan)


def _hasil(request, pekerjaan):
    params, data = pekerjaan.params, pekerjaan.hasil
    form = ImporRenstraForm(
        initial={
            "opd": params["opd"],
            "periode": f"{params['tahun_awal']}-{params['tahun_akhir']}",
            "dry_run": params["dry_run"],
        },
        user=request.user,
    )
    if data.get("pesan"):
        return _halaman(request, form, pesan=data["pesan"])
    hasil = HasilImpor(
        periode=PeriodeRenstra.objects.filter(pk=data.get("periode")).first()
        if data.get("periode")
        else None,
        kesalahan=[excel.KesalahanSel(**k) for k in data.get("kesalahan", [])],
        ringkasan=data.get("ringkasan", {}),
        dry_run=data.get("dry_run", False),
        periode_baru=data.get("periode_baru", False),
    )
    return _halaman(request, form, hasil)


def _periode_terlihat(user):
    return access.opd_queryset(user, PeriodeRenstra.objects.select_related("opd")).order_by(
        "opd__nama", "-tahun_awal", "-versi"
    )


@login_required
@require_GET
def renstra_ekspor(request, pk):
    periode = get_object_or_404(_periode_terlihat(request.user), pk=pk)
    if not access.can_see_opd(request.user, periode.opd):
        raise Http404
    filename = f"renstra-{periode.opd.slug}-{periode.tahun_awal}-{periode.tahun_akhir}-v{periode.versi}.xlsx"
    return xlsx.xlsx_response(excel.renstra_export(periode), filename)
