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

from kinerja.models import StatusDokumen
from laporan import antrian, forms, pdf, services, services_jenjang
from laporan.models import JenjangPK, PerjanjianKinerja
from laporan.selectors.pk import pk_document, pk_jenjang_untuk, pk_live_rows
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


def _angka(teks):
    """An id typed in a form field ("12"; "" or garbage -> None)."""
    teks = (teks or "").strip()
    return int(teks) if teks.isdigit() else None


def _pasangan(teks):
    """A "12-34" choice of the edit page as (12, 34); "0" stands for none."""
    bagian = (teks or "").split("-")
    if len(bagian) != 2 or not all(b.isdigit() for b in bagian):
        return None
    return tuple(int(b) or None for b in bagian)


def _ubah_baris(request, pk):
    """Run the edit page's POST (`aksi`: tambah_indikator, tambah_anggaran, hapus)."""
    aksi = request.POST.get("aksi", "")
    if aksi in ("tambah_indikator", "tambah_anggaran"):
        pilihan = _pasangan(request.POST.get("pilihan"))
        if pilihan is None:
            messages.error(request, "Pilih baris yang akan ditambahkan.")
            return
        if aksi == "tambah_indikator":
            node_id, indikator_id = pilihan
            jalankan(
                request,
                lambda: services_jenjang.pk_jenjang_tambah_indikator(
                    pk=pk, node_id=node_id, indikator_id=indikator_id, user=request.user
                ),
                "Baris indikator ditambahkan.",
            )
        else:
            program_id, kegiatan_id = pilihan
            jalankan(
                request,
                lambda: services_jenjang.pk_jenjang_tambah_anggaran(
                    pk=pk, program_id=program_id, kegiatan_id=kegiatan_id, user=request.user
                ),
                "Baris program / kegiatan ditambahkan.",
            )
    elif aksi in ("hapus_indikator", "hapus_anggaran"):
        jalankan(
            request,
            lambda: services_jenjang.pk_jenjang_hapus_baris(
                pk=pk,
                jenis=aksi.removeprefix("hapus_"),
                baris_id=_angka(request.POST.get("baris")),
                user=request.user,
            ),
            "Baris dihapus.",
        )
    else:
        messages.error(request, "Tindakan tidak dikenali; tidak ada yang diubah.")


@login_required
def pk_jenjang_ubah(request, opd, tahun, pejabat):
    """The rows of the official's draft PK (perencana): remove a row, add an indicator or
    a program / kegiatan of the official's nodes, or rebuild them from the tree."""
    opd = opd_for(request.user, opd)
    _require(boleh_ubah(request.user, opd))
    pejabat = _pejabat(request, opd, pejabat)
    pk = _pk_atau_404(pejabat, tahun)
    if request.method == "POST":
        _ubah_baris(request, pk)
        return redirect("laporan:pk_jenjang_ubah", opd.slug, tahun, pejabat.pk)
    draf = pk.status != StatusDokumen.FINAL
    calon_ind, calon_ang = services_jenjang.calon_baris(pk) if draf else ([], [])
    return render(
        request,
        "laporan/pk_jenjang_ubah.html",
        {
            "opd": opd,
            "tahun": tahun,
            "pejabat": pejabat,
            "pk": pk,
            "draf": draf,
            "rows": pk_live_rows(pk),
            "calon_indikator": [(f"{n}-{i}", label) for n, i, label in calon_ind],
            "calon_anggaran": [(f"{p or 0}-{k or 0}", label) for p, k, label in calon_ang],
        },
    )


@login_required
@require_POST
def pk_jenjang_susun_ulang(request, opd, tahun, pejabat):
    """Rebuild the draft PK's rows from the official's nodes of the current tree."""
    opd = opd_for(request.user, opd)
    _require(boleh_ubah(request.user, opd))
    pejabat = _pejabat(request, opd, pejabat)
    pk = _pk_atau_404(pejabat, tahun)
    jalankan(
        request,
        lambda: services_jenjang.pk_jenjang_susun_ulang(pk=pk, user=request.user),
        f"Baris PK {tahun} {pejabat.nama} disusun ulang dari pohon kinerja.",
    )
    return redirect("laporan:pk_jenjang_ubah", opd.slug, tahun, pejabat.pk)
