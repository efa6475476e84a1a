from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from evaluasi import (
    grafik,
    selectors,
    services,
    tasks,  # noqa: F401  (registers the LHE's builder with the queue)
)
from evaluasi import xlsx as evaluasi_xlsx
from evaluasi.models import (
    BuktiLke,
    Evaluasi,
    Kriteria,
    Pemantauan,
    Pihak,
    Rekomendasi,
    SubKomponen,
    TindakLanjut,
    VersiLke,
)
from kinerja.services import bukti_storage
from laporan import antrian, pdf
from laporan.views.dokumen import opd_for
from renstra.models import UnitKerja
from sakip import access
from sakip import xlsx as sakip_xlsx
from sakip.pesan import jalankan, pesan_galat
from sakip.widgets import PESAN_TANGGAL


def _evaluasi(request, opd, tahun):
    opd = opd_for(request.user, opd)
    try:
        return services.evaluasi_buka(opd=opd, tahun=tahun)
    except ValidationError as exc:
        raise Http404(exc.messages[0]) from exc


def _kriteria(evaluasi, pk):
    return get_object_or_404(
        Kriteria.objects.select_related("sub_komponen__komponen"),
        pk=pk,
        sub_komponen__komponen__versi=evaluasi.versi_id,
    )


def _ke_lke(evaluasi, kriteria=None):
    url = reverse("evaluasi:lke", args=[evaluasi.opd.slug, evaluasi.tahun])
    return redirect(f"{url}#k-{kriteria.kode}" if kriteria else url)


def tahun_evaluasi():
    """The year evaluated now: the one before the current year."""
    return timezone.localdate().year - 1


@login_required
@require_GET
def beranda(request):
    """/evaluasi/: Pemda-wide readers go to the ranking, an OPD's users to their LKE."""
    user = request.user
    tahun = tahun_evaluasi()
    if access.pemda_wide(user):
        return redirect("evaluasi:peringkat", tahun)
    if user.opd_id:
        return redirect("evaluasi:lke", user.opd.slug, tahun)
    return render(request, "evaluasi/beranda.html", {"tahun": tahun})


@login_required
@require_GET
def lke(request, opd, tahun):
    evaluasi = _evaluasi(request, opd, tahun)
    user = request.user
    data = selectors.lke(evaluasi)
    konteks = {
        "lke": data,
        "evaluasi": evaluasi,
        "opd": evaluasi.opd,
        "tahun": tahun,
        "isi_mandiri": services.boleh_isi(user, evaluasi, Pihak.MANDIRI)
        and evaluasi.status_mandiri == Evaluasi.StatusMandiri.DRAFT,
        "isi_inspektorat": services.boleh_isi(user, evaluasi, Pihak.INSPEKTORAT)
        and evaluasi.status_inspektorat == Evaluasi.StatusInspektorat.DRAFT,
        "boleh_setujui": services.boleh_setujui(user, evaluasi)
        and evaluasi.status_mandiri == Evaluasi.StatusMandiri.DRAFT,
        "boleh_rekomendasi": services.boleh_isi(user, evaluasi, Pihak.INSPEKTORAT),
        "boleh_tindak_lanjut": services.boleh_tindak_lanjut(user, evaluasi),
        "metode_sub": evaluasi.versi.metode == VersiLke.Metode.SUB_KOMPONEN,
    }
    return render(request, "evaluasi/lke.html", konteks)


@login_required
@require_POST
def jawaban_simpan(request, opd, tahun, kriteria):
    evaluasi = _evaluasi(request, opd, tahun)
    k = _kriteria(evaluasi, kriteria)
    jalankan(
        request,
        lambda: services.jawaban_simpan(
            user=request.user,
            evaluasi=evaluasi,
            kriteria=k,
            pihak=request.POST.get("pihak", ""),
            jawaban=request.POST.get("jawaban", ""),
            catatan=request.POST.get("catatan", ""),
        ),
        f"Jawaban kriteria {k.kode} disimpan.",
    )
    return _ke_lke(evaluasi, k)


@login_required
@require_POST
def syarat_sub_simpan(request, opd, tahun, sub):
    evaluasi = _evaluasi(request, opd, tahun)
    sub_komponen = get_object_or_404(
        SubKomponen.objects.select_related("komponen"), pk=sub, komponen__versi=evaluasi.versi_id
    )
    jalankan(
        request,
        lambda: services.syarat_sub_simpan(
            user=request.user,
            evaluasi=evaluasi,
            sub_komponen=sub_komponen,
            pihak=request.POST.get("pihak", ""),
            syarat_bb=request.POST.get("syarat_bb") == "1",
            syarat_a=request.POST.get("syarat_a") == "1",
            syarat_aa=request.POST.get("syarat_aa") == "1",
        ),
        f"Syarat sub-komponen {sub_komponen.kode} disimpan.",
    )
    return _ke_lke(evaluasi)


@login_required
@require_POST
def bukti_unggah(request, opd, tahun, kriteria):
    evaluasi = _evaluasi(request, opd, tahun)
    k = _kriteria(evaluasi, kriteria)
    jalankan(
        request,
        lambda: services.bukti_simpan(
            user=request.user,
            evaluasi=evaluasi,
            kriteria=k,
            pihak=request.POST.get("pihak", ""),
            berkas=request.FILES.get("berkas"),
        ),
        f"Bukti dukung kriteria {k.kode} diunggah.",
    )
    return _ke_lke(evaluasi, k)


@login_required
@require_GET
def bukti_unduh(request, pk):
    bukti = get_object_or_404(BuktiLke.objects.select_related("evaluasi__opd"), pk=pk)
    if not access.can_see_opd(request.user, bukti.evaluasi.opd):
        raise Http404("Bukti tidak ditemukan.")
    handle = bukti_storage().open(bukti.berkas.name, "rb")
    return FileResponse(
        handle, as_attachment=True, filename=bukti.nama_asli, content_type=bukti.content_type
    )


@login_required
@require_GET
def tindak_lanjut_unduh(request, pk):
    tl = get_object_or_404(
        TindakLanjut.objects.select_related("rekomendasi__evaluasi__opd").exclude(berkas=""),
        pk=pk,
    )
    if not access.can_see_opd(request.user, tl.rekomendasi.evaluasi.opd):
        raise Http404("Bukti tidak ditemukan.")
    handle = bukti_storage().open(tl.berkas.name, "rb")
    return FileResponse(handle, as_attachment=True, filename=tl.nama_asli or "bukti")


@login_required
@require_POST
def mandiri_setujui(request, opd, tahun):
    evaluasi = _evaluasi(request, opd, tahun)
    jalankan(
        request,
        lambda: services.mandiri_setujui(user=request.user, evaluasi=evaluasi),
        "Penilaian mandiri disetujui.",
    )
    return _ke_lke(evaluasi)


@login_required
@require_POST
def inspektorat_finalkan(request, opd, tahun):
    evaluasi = _evaluasi(request, opd, tahun)
    jalankan(
        request,
        lambda: services.inspektorat_finalkan(user=request.user, evaluasi=evaluasi),
        "Evaluasi Inspektorat difinalkan.",
    )
    return _ke_lke(evaluasi)


@login_required
@require_POST
def rekomendasi_buat(request, opd, tahun, kriteria):
    evaluasi = _evaluasi(request, opd, tahun)
    k = _kriteria(evaluasi, kriteria)
    jalankan(
        request,
        lambda: services.rekomendasi_buat(
            user=request.user, evaluasi=evaluasi, kriteria=k, uraian=request.POST.get("uraian", "")
        ),
        f"Rekomendasi kriteria {k.kode} dicatat.",
    )
    return _ke_lke(evaluasi, k)


def _rekomendasi(request, pk):
    rek = get_object_or_404(
        Rekomendasi.objects.select_related("evaluasi__opd__pemda", "kriteria"), pk=pk
    )
    if not access.can_see_opd(request.user, rek.evaluasi.opd):
        raise Http404("Rekomendasi tidak ditemukan.")
    return rek


@login_required
@require_POST
def rekomendasi_status(request, pk):
    rek = _rekomendasi(request, pk)
    jalankan(
        request,
        lambda: services.rekomendasi_ubah_status(
            user=request.user, rekomendasi=rek, status=request.POST.get("status", "")
        ),
        "Status rekomendasi diperbarui.",
    )
    return _ke_lke(rek.evaluasi, rek.kriteria)


def _tanggal(teks):
    """A date typed as dd/mm/yyyy (sakip.widgets; yyyy-mm-dd still read)."""
    try:
        return forms.DateField(error_messages=PESAN_TANGGAL).clean((teks or "").strip())
    except ValidationError as exc:
        raise ValidationError({"batas_waktu": exc.messages[0]}) from None


@login_required
@require_POST
def tindak_lanjut_simpan(request, pk):
    rek = _rekomendasi(request, pk)
    jalankan(
        request,
        lambda: services.tindak_lanjut_simpan(
            user=request.user,
            rekomendasi=rek,
            uraian=request.POST.get("uraian", ""),
            batas_waktu=_tanggal(request.POST.get("batas_waktu")),
            berkas=request.FILES.get("berkas"),
        ),
        "Tindak lanjut dicatat.",
    )
    return _ke_lke(rek.evaluasi, rek.kriteria)


def _pemda_wide(request):
    if not access.pemda_wide(request.user):
        raise PermissionDenied("Halaman ini untuk pembaca seluruh Pemda.")
    return request.user.pemda_id


@login_required
@require_GET
def rekomendasi_list(request):
    pemda_id = _pemda_wide(request)
    if request.user.is_superuser and not pemda_id:
        pemda_id = request.GET.get("pemda") or None
    return render(
        request,
        "evaluasi/rekomendasi_list.html",
        {"rekomendasi": selectors.rekomendasi_terbuka(pemda_id)},
    )


@login_required
@require_GET
def peringkat(request, tahun):
    pemda_id = _pemda_wide(request)
    rows = selectors.peringkat(pemda_id, tahun)
    return render(
        request,
        "evaluasi/peringkat.html",
        {"rows": rows, "tahun": tahun, "grafik": grafik.grafik(rows)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def pemantauan(request, opd, tahun):
    opd = opd_for(request.user, opd)
    units = list(UnitKerja.objects.filter(opd=opd).select_related("opd").order_by("urutan", "nama"))
    if request.method == "POST":
        unit = get_object_or_404(UnitKerja, opd=opd, pk=request.POST.get("unit") or 0)
        try:
            services.pemantauan_simpan(
                user=request.user,
                unit=unit,
                tahun=tahun,
                triwulan=int(request.POST.get("triwulan") or 0),
                kendala=request.POST.get("kendala", ""),
                tindak_lanjut=request.POST.get("tindak_lanjut", ""),
                batas_waktu=_tanggal(request.POST.get("batas_waktu")),
                status=request.POST.get("status", ""),
            )
        except (ValidationError, ValueError) as exc:
            if isinstance(exc, ValueError):
                exc = ValidationError("Triwulan harus 1 sampai 4.")
            pesan_galat(request, exc)
        else:
            messages.success(request, f"Pemantauan {unit.nama} disimpan.")
        return redirect("evaluasi:pemantauan", opd.slug, tahun)
    catatan = {
        (p.unit_id, p.triwulan): p for p in Pemantauan.objects.filter(unit__in=units, tahun=tahun)
    }
    baris = [
        (
            u,
            [(t, catatan.get((u.pk, t))) for t in (1, 2, 3, 4)],
            access.can_edit_unit(request.user, u),
        )
        for u in units
    ]
    return render(
        request,
        "evaluasi/pemantauan.html",
        {"opd": opd, "tahun": tahun, "baris": baris, "status": Pemantauan.Status.choices},
    )


@login_required
@require_GET
def lke_xlsx(request, opd, tahun):
    evaluasi = _evaluasi(request, opd, tahun)
    wb = evaluasi_xlsx.lke_workbook(selectors.lke(evaluasi))
    return sakip_xlsx.xlsx_response(wb, f"lke-{evaluasi.opd.slug}-{tahun}.xlsx")


def _lhe_doc(evaluasi):
    return selectors.lhe_document(evaluasi)


@login_required
@require_GET
def lhe(request, opd, tahun):
    evaluasi = _evaluasi(request, opd, tahun)
    actions = [
        ("← LKE", reverse("evaluasi:lke", args=[evaluasi.opd.slug, tahun])),
        ("Unduh PDF", reverse("evaluasi:lhe_pdf", args=[evaluasi.opd.slug, tahun])),
    ]
    return HttpResponse(pdf.render_html(_lhe_doc(evaluasi), actions=actions, request=request))


@login_required
@require_GET
def lhe_pdf(request, opd, tahun):
    evaluasi = _evaluasi(request, opd, tahun)
    doc = _lhe_doc(evaluasi)
    params = {"sumber": "lhe", "tahun": tahun, "evaluasi": evaluasi.pk}
    return antrian.minta_dokumen(request, doc, bentuk="pdf", params=params)
