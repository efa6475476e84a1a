from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from kinerja import excel, tasks, unggah
from kinerja.views.entri import ENTRI_ROLES, unit_pilihan
from renstra.models import TriwulanPelaporan
from renstra.services import triwulan_terbuka
from sakip import access, antrian, roles, views_antrian, xlsx
from sakip import angka as fmt
from sakip.models import Pekerjaan

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
    ctx = _konteks(unit, units, tahun, triwulan)
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
    if pesan:
        return render(
            request, "excel/realisasi_pratinjau.html", {**ctx, "pesan": pesan}, status=422
        )
    pekerjaan = antrian.antrikan(
        tasks.realisasi_pratinjau,
        jenis=tasks.PRATINJAU,
        pemilik=request.user,
        opd=unit.opd,
        unit_id=unit.pk,
        params={"unit": unit.pk, "tahun": tahun, "triwulan": triwulan},
        judul=f"Pratinjau unggahan realisasi {unit.nama} · {ctx['label_tw']}",
        masukan=berkas,
        url_hasil=lambda pk: _url("kinerja:realisasi_unggah_hasil", unit, units, pk=pk),
    )
    return views_antrian.ikuti(request, pekerjaan, _hasil)


def _konteks(unit, units, tahun, triwulan):
    return {
        "unit": unit,
        "units": units,
        "tahun": tahun,
        "triwulan": triwulan,
        "label_tw": f"Triwulan {fmt.triwulan_romawi(triwulan)} {tahun}",
        "multi": len(units) > 1,
    }


@login_required
@require_GET
def realisasi_unggah_hasil(request, pk):
    """The result of a queued upload job: the preview, or the save's outcome."""
    pekerjaan = views_antrian.pekerjaan_untuk(request.user, pk)
    if pekerjaan.jenis not in (tasks.PRATINJAU, tasks.SIMPAN):
        raise Http404("Pekerjaan tidak ditemukan.")
    if pekerjaan.status != Pekerjaan.Status.SELESAI:
        return redirect("pekerjaan", pekerjaan.pk)
    return _hasil(request, pekerjaan)


def _hasil(request, pekerjaan):
    unit, units = _unit_boleh(request)
    params = pekerjaan.params
    if unit.pk != params["unit"]:
        raise Http404("Pekerjaan tidak ditemukan.")
    tahun, triwulan = params["tahun"], params["triwulan"]
    ctx = _konteks(unit, units, tahun, triwulan)
    hasil = pekerjaan.hasil
    kesalahan = [tuple(k) for k in hasil.get("kesalahan", [])]
    if pekerjaan.jenis == tasks.SIMPAN:
        if kesalahan:
            return render(
                request,
                "excel/realisasi_pratinjau.html",
                {**ctx, **_kesalahan(kesalahan), "gagal_simpan": True},
                status=409,
            )
        messages.success(request, f"{hasil['jumlah']} baris realisasi tersimpan dari workbook.")
        return redirect(_kembali(unit, units))
    if hasil.get("pesan"):
        return render(
            request, "excel/realisasi_pratinjau.html", {**ctx, "pesan": hasil["pesan"]}, status=422
        )
    token = hasil.get("token", "")
    if token:
        request.session[_sesi_key(token)] = {
            "unit": unit.pk,
            "tahun": tahun,
            "triwulan": triwulan,
            "perubahan": hasil["perubahan"],
            "sidik": hasil["sidik"],
        }
    return render(
        request,
        "excel/realisasi_pratinjau.html",
        {**ctx, **_kesalahan(kesalahan), "hasil": hasil, "token": token},
        status=422 if kesalahan else 200,
    )


def _kembali(unit, units):
    return reverse("kinerja:realisasi_excel") + (f"?unit={unit.pk}" if len(units) > 1 else "")


def _kesalahan(kesalahan):
    tampil, lain = xlsx.ringkas_kesalahan(kesalahan)
    return {"kesalahan": kesalahan, "kesalahan_tampil": tampil, "kesalahan_lain": lain}


@login_required
@require_POST
def realisasi_unggah_simpan(request, tahun, triwulan):
    unit, units = _unit_boleh(request)
    data = request.session.get(_sesi_key(request.POST.get("token", "")))
    kembali = _kembali(unit, units)
    if (
        not data
        or (data["unit"], data["tahun"], data["triwulan"]) != (unit.pk, tahun, triwulan)
        or data.get("sidik") != unggah.sidik(data["perubahan"])
    ):
        messages.error(
            request, "Pratinjau sudah kedaluwarsa atau tidak cocok; unggah ulang workbook."
        )
        return redirect(kembali)
    request.session.pop(_sesi_key(request.POST.get("token", "")), None)
    pekerjaan = antrian.antrikan(
        tasks.realisasi_simpan,
        jenis=tasks.SIMPAN,
        pemilik=request.user,
        opd=unit.opd,
        unit_id=unit.pk,
        params={
            "unit": unit.pk,
            "tahun": tahun,
            "triwulan": triwulan,
            "perubahan": data["perubahan"],
        },
        judul=f"Simpan unggahan realisasi {unit.nama} · Triwulan "
        f"{fmt.triwulan_romawi(triwulan)} {tahun}",
        url_hasil=lambda pk: _url("kinerja:realisasi_unggah_hasil", unit, units, pk=pk),
    )
    return views_antrian.ikuti(request, pekerjaan, _hasil)
