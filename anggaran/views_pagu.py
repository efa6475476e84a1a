"""The pagu screen of the perencana (issue 12): per sub-kegiatan and year the APBD murni
and each revision with the quarter it applies from, for a whole OPD, with the totals of
the read model, the history of each figure, and an Excel round trip (export, upload,
preview, save)."""

import re
import secrets
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from anggaran import pagu_xlsx, selectors_pagu, services
from anggaran.models import Pagu
from renstra.filters import opd_pilihan, tahun_triwulan_aktif
from renstra.models import PerangkatDaerah, SubKegiatan
from renstra.selectors import periode_aktif
from sakip import access, roles, xlsx
from sakip import angka as fmt

MAX_UPLOAD = 10 * 1024 * 1024
PENGUBAH = (roles.PERENCANA, roles.ADMIN)
SEL = re.compile(r"^p-(\d+)-([1-4])$")


def _opd(user, slug):
    opd = get_object_or_404(PerangkatDaerah.objects.select_related("pemda"), slug=slug)
    if not access.can_see_opd(user, opd):
        raise Http404("Perangkat daerah tidak ditemukan.")
    return opd


def boleh_ubah_pagu(user, opd):
    return access.has_role(user, *PENGUBAH) and access.can_see_opd(user, opd)


def _periode(opd, tahun):
    periode = periode_aktif(opd, tahun)
    if periode is None:
        raise Http404(f"Tidak ada Renstra {opd.nama} yang memuat tahun {tahun}.")
    return periode


def _wajib_ubah(user, opd):
    if not boleh_ubah_pagu(user, opd):
        raise PermissionDenied("Hanya perencana atau admin yang dapat mengubah pagu.")


def isian_dari_post(post):
    """{(sub_kegiatan_id, triwulan): (amount as typed, jenis)} of the cells a form sent."""
    isian = {}
    for nama, teks in post.items():
        m = SEL.match(nama)
        if m:
            sub_id, q = int(m.group(1)), int(m.group(2))
            isian[(sub_id, q)] = (teks, post.get(services.nama_jenis(sub_id, q), ""))
    return isian


@login_required
@require_GET
def pagu_awal(request):
    """The pagu grid of the user's OPD (or the first they may see) in the active year."""
    tahun, _ = tahun_triwulan_aktif(request.user)
    opd = request.user.opd if request.user.opd_id else opd_pilihan(request).first()
    if opd is None:
        raise Http404("Tidak ada perangkat daerah yang dapat Anda lihat.")
    return redirect("anggaran:pagu_grid", opd.slug, tahun)


@login_required
def pagu_grid(request, opd, tahun):
    opd = _opd(request.user, opd)
    editable = boleh_ubah_pagu(request.user, opd)
    if request.method == "POST":
        _wajib_ubah(request.user, opd)
    periode = _periode(opd, tahun)
    errors, posted, status = {}, {}, 200
    if request.method == "POST":
        isian = isian_dari_post(request.POST)
        try:
            jumlah = services.pagu_simpan(
                user=request.user, periode=periode, tahun=tahun, isian=isian
            )
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
            errors = {k: " ".join(v) for k, v in errors.items()}
            posted = {k: v for k, v in request.POST.items() if k[:2] in ("p-", "j-")}
            messages.error(request, "Ada isian pagu yang ditolak; tidak ada yang disimpan.")
            status = 422
        else:
            if jumlah:
                messages.success(request, f"{jumlah} pagu disimpan.")
            else:
                messages.info(request, "Tidak ada perubahan pagu.")
            return redirect("anggaran:pagu_grid", opd.slug, tahun)
    grid = selectors_pagu.grid_pagu(periode, tahun)
    return render(
        request,
        "anggaran/pagu_grid.html",
        {
            "opd": opd,
            "tahun": tahun,
            "grid": grid,
            "baris": [(row, _sel_form(row, posted, errors)) for row in grid.baris],
            "kesalahan_lain": [pesan for nama, pesan in errors.items() if not SEL.match(nama)],
            "editable": editable,
            "errors": errors,
            "posted": posted,
            "jenis_revisi": [("pergeseran", "Pergeseran"), ("perubahan", "Perubahan")],
            "tahun_pilihan": range(periode.tahun_awal, periode.tahun_akhir + 1),
        },
        status=status,
    )


@dataclass
class SelForm:
    """One input of the grid: what it shows (the stored figure, or what was posted when the
    save was refused) and its message."""

    triwulan: int
    nama: str
    nilai: str
    nama_jenis: str
    jenis: str
    pesan: str
    berlaku: object  # the pagu in force at this quarter (read model)


def _sel_form(row, posted, errors):
    if row.tingkat != "sub_kegiatan":
        return []
    cells = []
    for sel, berlaku in zip(row.sel, row.berlaku, strict=True):
        nama = services.nama_sel(row.id, sel.triwulan)
        nama_jenis = services.nama_jenis(row.id, sel.triwulan)
        nilai = posted.get(nama, fmt.rupiah(sel.jumlah, simbol=False, kosong=""))
        jenis = posted.get(nama_jenis, sel.jenis)
        cells.append(
            SelForm(sel.triwulan, nama, nilai, nama_jenis, jenis, errors.get(nama, ""), berlaku)
        )
    return cells


@login_required
@require_GET
def pagu_riwayat(request, opd, tahun, pk):
    opd = _opd(request.user, opd)
    periode = _periode(opd, tahun)
    sub = get_object_or_404(SubKegiatan.objects.select_related("unit"), pk=pk, periode=periode)
    return render(
        request,
        "anggaran/pagu_riwayat.html",
        {
            "opd": opd,
            "tahun": tahun,
            "sub": sub,
            "riwayat": selectors_pagu.riwayat_pagu(sub, tahun),
            "jenis": dict(Pagu.Jenis.choices),
        },
    )


@login_required
@require_GET
def pagu_ekspor(request, opd, tahun):
    opd = _opd(request.user, opd)
    grid = selectors_pagu.grid_pagu(_periode(opd, tahun), tahun)
    return xlsx.xlsx_response(pagu_xlsx.ekspor(grid, opd), f"pagu-{opd.slug}-{tahun}.xlsx")


def _sesi_key(token):
    return f"unggah-pagu-{token}"


class _Batal(Exception):
    """Rolls the preview's trial save back."""


def _coba_simpan(user, periode, tahun, isian):
    """The refusals pagu_simpan would give, without keeping anything."""
    try:
        with transaction.atomic():
            services.pagu_simpan(user=user, periode=periode, tahun=tahun, isian=isian)
            raise _Batal
    except _Batal:
        return {}
    except ValidationError as exc:
        return exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}


@login_required
@require_POST
def pagu_unggah(request, opd, tahun):
    opd = _opd(request.user, opd)
    _wajib_ubah(request.user, opd)
    periode = _periode(opd, tahun)
    ctx = {"opd": opd, "tahun": tahun}
    berkas = request.FILES.get("berkas")
    pesan = None
    if not berkas:
        pesan = "Pilih workbook pagu yang akan diunggah."
    elif berkas.size > MAX_UPLOAD:
        pesan = "Berkas lebih dari 10 MB."
    grid = selectors_pagu.grid_pagu(periode, tahun)
    if pesan is None:
        try:
            hasil = pagu_xlsx.baca(berkas, grid)
        except xlsx.BerkasTidakValid as exc:
            pesan = str(exc)
    if pesan:
        return render(request, "anggaran/pagu_pratinjau.html", {**ctx, "pesan": pesan}, status=422)
    kesalahan = list(hasil.kesalahan)
    if not kesalahan and hasil.isian:
        kesalahan = pagu_xlsx.nama_kesalahan(
            _coba_simpan(request.user, periode, tahun, hasil.isian), grid
        )
    token = ""
    if not kesalahan and hasil.isian:
        token = secrets.token_urlsafe(16)
        request.session[_sesi_key(token)] = {
            "opd": opd.pk,
            "tahun": tahun,
            "isian": [[s, q, teks, jenis] for (s, q), (teks, jenis) in hasil.isian.items()],
        }
    tampil, lain = xlsx.ringkas_kesalahan(kesalahan)
    return render(
        request,
        "anggaran/pagu_pratinjau.html",
        {
            **ctx,
            "hasil": hasil,
            "token": token,
            "kesalahan": kesalahan,
            "kesalahan_tampil": tampil,
            "kesalahan_lain": lain,
        },
        status=422 if kesalahan else 200,
    )


@login_required
@require_POST
def pagu_unggah_simpan(request, opd, tahun):
    opd = _opd(request.user, opd)
    _wajib_ubah(request.user, opd)
    periode = _periode(opd, tahun)
    kunci = _sesi_key(request.POST.get("token", ""))
    data = request.session.get(kunci)
    kembali = reverse("anggaran:pagu_grid", args=[opd.slug, tahun])
    if not data or (data["opd"], data["tahun"]) != (opd.pk, tahun):
        messages.error(
            request, "Pratinjau sudah kedaluwarsa atau tidak cocok; unggah ulang workbook."
        )
        return redirect(kembali)
    isian = {(s, q): (teks, jenis) for s, q, teks, jenis in data["isian"]}
    try:
        jumlah = services.pagu_simpan(user=request.user, periode=periode, tahun=tahun, isian=isian)
    except ValidationError as exc:
        for pesan in exc.messages:
            messages.error(request, pesan)
        messages.error(request, "Data berubah sejak pratinjau; tidak ada yang disimpan.")
        return redirect(kembali)
    request.session.pop(kunci, None)
    messages.success(request, f"{jumlah} pagu tersimpan dari workbook.")
    return redirect(kembali)
