import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from kinerja import excel, unggah
from kinerja.views.entri import ENTRI_ROLES, unit_pilihan
from renstra.models import TriwulanPelaporan
from renstra.services import triwulan_terbuka
from sakip import access, roles, xlsx
from sakip import angka as fmt

MAX_UPLOAD = 10 * 1024 * 1024


def _unit_boleh(request):
    unit, units = unit_pilihan(request, role_names=ENTRI_ROLES, unit_bound_role=roles.OPERATOR)
    if not access.can_edit_unit(request.user, unit):
        raise PermissionDenied("Anda tidak berwenang mengisi realisasi unit ini.")
    return unit, units


def _url(name, unit, units, **kwargs):
    url = reverse(name, kwargs=kwargs)
    return f"{url}?unit={unit.pk}" if len(units) > 1 else url


@login_required
@require_GET
def realisasi_excel(request):
    unit, units = _unit_boleh(request)
    terbuka = TriwulanPelaporan.objects.filter(
        opd=unit.opd, status=TriwulanPelaporan.Status.BUKA
    ).order_by("-tahun", "-triwulan")
    return render(
        request,
        "excel/realisasi_excel.html",
        {"unit": unit, "units": units, "terbuka": terbuka, "multi": len(units) > 1},
    )


@login_required
@require_GET
def realisasi_templat(request, tahun, triwulan):
    unit, _ = _unit_boleh(request)
    try:
        triwulan_terbuka(opd_id=unit.opd_id, tahun=tahun, triwulan=triwulan)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(reverse("kinerja:realisasi_excel") + f"?unit={unit.pk}")
    wb = excel.templat_realisasi(unit=unit, tahun=tahun, triwulan=triwulan)
    filename = f"realisasi-{unit.slug}-{tahun}-tw{triwulan}.xlsx"
    return xlsx.xlsx_response(wb, filename)


def _sesi_key(token):
    return f"unggah-realisasi-{token}"


@login_required
@require_POST
def realisasi_unggah(request, tahun, triwulan):
    unit, units = _unit_boleh(request)
    ctx = {
        "unit": unit,
        "units": units,
        "tahun": tahun,
        "triwulan": triwulan,
        "label_tw": f"Triwulan {fmt.triwulan_romawi(triwulan)} {tahun}",
        "multi": len(units) > 1,
    }
    berkas = request.FILES.get("berkas")
    pesan = None
    try:
        triwulan_terbuka(opd_id=unit.opd_id, tahun=tahun, triwulan=triwulan)
    except ValidationError as exc:
        pesan = " ".join(exc.messages)
    if pesan is None and not berkas:
        pesan = "Pilih workbook realisasi yang akan diunggah."
    elif pesan is None and berkas.size > MAX_UPLOAD:
        pesan = "Berkas lebih dari 10 MB."
    if pesan is None:
        try:
            hasil = excel.baca_unggahan(berkas, unit=unit, tahun=tahun, triwulan=triwulan)
        except xlsx.BerkasTidakValid as exc:
            pesan = str(exc)
    if pesan:
        return render(
            request, "excel/realisasi_pratinjau.html", {**ctx, "pesan": pesan}, status=422
        )
    # One validation: baca_unggahan checked every row (both sheets, all refusals listed at
    # once); the save writes what it accepted, compared with the basis it was checked on.
    perubahan = [p.as_session() for p in hasil.perubahan]
    kesalahan = list(hasil.kesalahan)
    token = ""
    if not kesalahan and perubahan:
        token = secrets.token_urlsafe(16)
        request.session[_sesi_key(token)] = {
            "unit": unit.pk,
            "tahun": tahun,
            "triwulan": triwulan,
            "perubahan": perubahan,
            "sidik": hasil.sidik,
        }
    return render(
        request,
        "excel/realisasi_pratinjau.html",
        {**ctx, **_kesalahan(kesalahan), "hasil": hasil, "token": token},
        status=422 if kesalahan else 200,
    )


def _kesalahan(kesalahan):
    tampil, lain = xlsx.ringkas_kesalahan(kesalahan)
    return {"kesalahan": kesalahan, "kesalahan_tampil": tampil, "kesalahan_lain": lain}


@login_required
@require_POST
def realisasi_unggah_simpan(request, tahun, triwulan):
    unit, units = _unit_boleh(request)
    data = request.session.get(_sesi_key(request.POST.get("token", "")))
    kembali = reverse("kinerja:realisasi_excel") + (f"?unit={unit.pk}" if len(units) > 1 else "")
    if (
        not data
        or (data["unit"], data["tahun"], data["triwulan"]) != (unit.pk, tahun, triwulan)
        or data.get("sidik") != unggah.sidik(data["perubahan"])
    ):
        messages.error(
            request, "Pratinjau sudah kedaluwarsa atau tidak cocok; unggah ulang workbook."
        )
        return redirect(kembali)
    kesalahan = excel.terapkan(
        user=request.user,
        unit=unit,
        tahun=tahun,
        triwulan=triwulan,
        perubahan=data["perubahan"],
        simpan=True,
    )
    request.session.pop(_sesi_key(request.POST.get("token", "")), None)
    if kesalahan:
        return render(
            request,
            "excel/realisasi_pratinjau.html",
            {
                "unit": unit,
                "units": units,
                "tahun": tahun,
                "triwulan": triwulan,
                "label_tw": f"Triwulan {fmt.triwulan_romawi(triwulan)} {tahun}",
                **_kesalahan(kesalahan),
                "gagal_simpan": True,
                "multi": len(units) > 1,
            },
            status=409,
        )
    messages.success(request, f"{len(data['perubahan'])} baris realisasi tersimpan dari workbook.")
    return redirect(kembali)
