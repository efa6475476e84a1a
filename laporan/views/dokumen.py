import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinerja.models import RencanaAksi, StatusDokumen
from laporan import antrian, forms, pdf, selectors, services
from laporan.models import DokumenTerbit, LaporanKinerja
from laporan.selectors.lampiran import daftar_untuk, urutan_berikut
from renstra import lingkup
from renstra.models import PerangkatDaerah, UnitKerja
from sakip import access, roles
from sakip.pesan import jalankan, pesan_galat


def opd_for(user, slug):
    opd = get_object_or_404(PerangkatDaerah.objects.select_related("pemda"), slug=slug)
    if not access.can_see_opd(user, opd):
        raise Http404("Perangkat daerah tidak ditemukan.")
    return opd


def boleh_ubah(user, opd):
    return access.has_role(user, roles.PERENCANA) and access.can_see_opd(user, opd)


def boleh_mulai_pk(user, opd):
    """The perencana drafts the PK; the kadis, who signs it, may start and edit it too."""
    return access.has_role(user, roles.PERENCANA, roles.KEPALA_DINAS) and access.can_see_opd(
        user, opd
    )


def boleh_finalkan(user, opd):
    return access.has_role(user, roles.KEPALA_DINAS) and access.can_see_opd(user, opd)


def boleh_buka(user, opd):
    return access.has_role(user, roles.ADMIN) and access.can_see_opd(user, opd)


def _require(allowed):
    if not allowed:
        raise PermissionDenied("Anda tidak berwenang melakukan tindakan ini.")


# --- documents ----------------------------------------------------------------------------


def _doc_args(request, jenis, triwulan):
    args = {}
    if jenis == "pengukuran":
        if triwulan not in (1, 2, 3, 4):
            raise Http404("Triwulan harus 1 sampai 4.")
        args["triwulan"] = triwulan
    if jenis == "rencana-aksi" and request.GET.get("unit"):
        args["unit_slug"] = request.GET["unit"]
    if jenis == "cascading" and request.GET.get("semua") == "1":
        args["semua_sub"] = True
    if jenis == "pk" and request.GET.get("versi", "").isdigit():
        args["versi"] = int(request.GET["versi"])
    if jenis == "pohon-kinerja":
        tw = request.GET.get("triwulan", "")
        args["triwulan"] = int(tw) if tw in ("1", "2", "3", "4") else 4
        # an operator's tree holds only their unit's nodes
        args["unit_id"] = lingkup.unit_terikat(request.user)
    return args


def build(request, opd, tahun, jenis, triwulan=None, args=None):
    args = _doc_args(request, jenis, triwulan) if args is None else args
    try:
        return selectors.build_document(jenis, opd, tahun, **args)
    except selectors.DokumenTidakAda as exc:
        raise Http404(str(exc)) from exc


def minta(request, opd, tahun, jenis, triwulan=None, *, bentuk, nama_berkas=""):
    """A document's PDF or .docx: stored bytes at once, otherwise through the queue
    (laporan.antrian)."""
    opd = opd_for(request.user, opd)
    args = _doc_args(request, jenis, triwulan)
    doc = build(request, opd, tahun, jenis, triwulan, args=args)
    params = {"sumber": "laporan", "jenis": jenis, "tahun": tahun, "args": args}
    if nama_berkas:
        nama_berkas = nama_berkas.format(jenis=jenis, opd=opd.slug, tahun=tahun)
    return antrian.minta_dokumen(
        request, doc, bentuk=bentuk, params=params, nama_berkas=nama_berkas
    )


def _pdf_url(request, opd, tahun, jenis, triwulan=None):
    if jenis == "pengukuran":
        url = reverse("laporan:pengukuran_pdf", args=[opd.slug, tahun, triwulan])
    else:
        url = reverse(f"laporan:{jenis.replace('-', '_')}_pdf", args=[opd.slug, tahun])
    query = request.GET.urlencode()
    return f"{url}?{query}" if query else url


EDIT_URL = {"pk": "laporan:pk_ubah", "lkjip": "laporan:lkjip_ubah"}


def _actions(request, opd, tahun, jenis, triwulan=None):
    actions = [("← Dokumen " + str(tahun), reverse("laporan:indeks", args=[opd.slug, tahun]))]
    actions.append(("Unduh PDF", _pdf_url(request, opd, tahun, jenis, triwulan)))

    actions.append(("Unduh Excel", xlsx_url(request, opd, tahun, jenis, triwulan)))
    if jenis in ("pk", "lkjip"):
        docx_url = reverse(f"laporan:{jenis}_docx", args=[opd.slug, tahun])
        query = request.GET.urlencode()
        actions.append(("Unduh Word", f"{docx_url}?{query}" if query else docx_url))
    if jenis in EDIT_URL and boleh_ubah(request.user, opd):
        actions.append(("Ubah", reverse(EDIT_URL[jenis], args=[opd.slug, tahun])))
    if jenis == "lkjip":
        actions.append(
            ("Daftar lampiran", reverse("laporan:lampiran_daftar", args=[opd.slug, tahun]))
        )
    if jenis in ("pengukuran", "iku", "cascading") and boleh_ubah(request.user, opd):
        dokumen = f"pengukuran-{triwulan}" if jenis == "pengukuran" else jenis
        actions.append(
            (
                "Tanggal & penandatangan",
                reverse("laporan:pengesahan_ubah", args=[opd.slug, tahun, dokumen]),
            )
        )
    unit = request.GET.get("unit")
    if (
        jenis == "rencana-aksi"
        and unit
        and re.fullmatch(r"[-\w]+", unit)
        and boleh_ubah(request.user, opd)
    ):
        actions.append(
            ("Ubah aksi", reverse("laporan:rencana_aksi_ubah", args=[opd.slug, tahun, unit]))
        )
    return actions


@login_required
@require_GET
def dokumen_html(request, opd, tahun, jenis, triwulan=None):
    opd = opd_for(request.user, opd)
    doc = build(request, opd, tahun, jenis, triwulan)
    html = pdf.render_html(
        doc, actions=_actions(request, opd, tahun, jenis, triwulan), request=request
    )
    return HttpResponse(html)


@login_required
@require_GET
def dokumen_pdf(request, opd, tahun, jenis, triwulan=None):
    return minta(request, opd, tahun, jenis, triwulan, bentuk="pdf")


@require_GET
def verifikasi(request, kode):
    """The only page open to anonymous visitors: what a printed code stands for."""
    kode = kode.strip().upper()
    dokumen = DokumenTerbit.objects.select_related("opd__pemda", "unit").filter(kode=kode).first()
    if dokumen is None:
        return render(request, "laporan/verifikasi_tidak_ada.html", {"kode": kode}, status=404)
    return render(
        request,
        "laporan/verifikasi.html",
        {"dokumen": dokumen, "judul": selectors.JENIS.get(dokumen.jenis, dokumen.jenis)},
    )


@login_required
@require_GET
def beranda(request):
    """/laporan/: the documents of the user's OPD, or a choice of OPD for those who read
    every OPD of their Pemda; for the current reporting year (selectors.tahun_pelaporan)
    unless ?tahun= asks for another."""
    tahun = request.GET.get("tahun", "")
    tahun = int(tahun) if tahun.isdigit() and 2000 <= int(tahun) <= 2100 else None
    if not access.pemda_wide(request.user):
        if request.user.opd_id is None:
            raise Http404("Akun ini belum terhubung ke perangkat daerah.")
        if tahun is None:
            tahun = selectors.tahun_pelaporan([request.user.opd_id])
        tahun = tahun or timezone.localdate().year
        return redirect("laporan:indeks", request.user.opd.slug, tahun)
    opd_list = PerangkatDaerah.objects.order_by("nama")
    if not request.user.is_superuser:
        opd_list = opd_list.filter(pemda_id=request.user.pemda_id)
    if tahun is None:
        tahun = selectors.tahun_pelaporan(opd_list.values("pk"))
    tahun = tahun or timezone.localdate().year
    return render(request, "laporan/beranda.html", {"opd_list": opd_list, "tahun": tahun})


@login_required
@require_GET
def indeks(request, opd, tahun):
    opd = opd_for(request.user, opd)
    context = selectors.indeks_context(opd, tahun)
    context.update(
        {
            "boleh_ubah": boleh_ubah(request.user, opd),
            "boleh_mulai_pk": boleh_mulai_pk(request.user, opd),
            "boleh_finalkan": boleh_finalkan(request.user, opd),
            "boleh_buka": boleh_buka(request.user, opd),
        }
    )
    return render(request, "laporan/indeks.html", context)


# --- Perjanjian Kinerja -------------------------------------------------------------------


@login_required
def pk_ubah(request, opd, tahun):
    opd = opd_for(request.user, opd)
    _require(boleh_mulai_pk(request.user, opd))
    pk = selectors.pk_for(opd, tahun)
    if pk is not None and pk.status == StatusDokumen.FINAL:
        messages.warning(
            request, "PK ini sudah final. Buat PK Perubahan atau minta admin membukanya kembali."
        )
        return redirect("laporan:pk", opd.slug, tahun)
    try:
        form = forms.PKForm(request.POST or None, opd=opd, tahun=tahun, pk=pk)
    except selectors.DokumenTidakAda as exc:
        raise Http404(str(exc)) from exc
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kwargs = {
            "tempat": data["tempat"],
            "tanggal": data["tanggal"],
            "pihak_pertama": data["pihak_pertama"],
            "pihak_kedua": data["pihak_kedua"],
            "indikator_list": list(data["indikator"]),
            "program_list": list(data["program"]),
            "user": request.user,
        }
        try:
            if pk is None:
                services.pk_create(opd=opd, tahun=tahun, **kwargs)
            else:
                services.pk_update(pk=pk, **kwargs)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Perjanjian Kinerja disimpan.")
            return redirect("laporan:pk", opd.slug, tahun)
    return render(
        request,
        "laporan/pk_form.html",
        {"form": form, "opd": opd, "tahun": tahun, "pk": pk},
    )


def _pk_or_404(opd, tahun):
    pk = selectors.pk_for(opd, tahun)
    if pk is None:
        raise Http404("PK tahun ini belum dibuat.")
    return pk


@login_required
@require_http_methods(["GET", "POST"])
def pk_finalkan(request, opd, tahun):
    """GET: what finalising freezes and what is still incomplete; POST: finalise, once the
    incompleteness (when there is any) has been acknowledged by name."""
    opd = opd_for(request.user, opd)
    _require(boleh_finalkan(request.user, opd))
    pk = _pk_or_404(opd, tahun)
    kurang = selectors.pk_kekurangan(pk) if pk.status != StatusDokumen.FINAL else []
    error = ""
    if request.method == "POST":
        if not kurang or request.POST.get("konfirmasi") == "ya":
            jalankan(
                request,
                lambda: services.pk_finalize(pk=pk, user=request.user),
                "Perjanjian Kinerja difinalkan; isinya kini dibekukan.",
            )
            return redirect("laporan:indeks", opd.slug, tahun)
        error = "Centang pernyataan di atas untuk memfinalkan PK yang belum lengkap."
    return render(
        request,
        "laporan/konfirmasi.html",
        {
            "judul": f"Finalkan Perjanjian Kinerja {tahun}?",
            "uraian": [
                f"Perjanjian Kinerja {tahun} {opd.nama} akan difinalkan: target dan pagu "
                "yang tercantum dibekukan dan PK tidak dapat diubah lagi, kecuali dibuka "
                "kembali oleh admin atau dibuat PK Perubahan.",
            ],
            "kurang": kurang,
            "konfirmasi_label": (
                f"Saya memfinalkan PK ini walaupun belum lengkap ({len(kurang)} hal di atas)."
                if kurang
                else ""
            ),
            "tombol": "Ya, finalkan PK",
            "kelas_tombol": "btn-success",
            "batal": reverse("laporan:indeks", args=[opd.slug, tahun]),
            "error": error,
        },
        status=422 if error else 200,
    )


@login_required
@require_POST
def pk_perubahan(request, opd, tahun):
    opd = opd_for(request.user, opd)
    _require(boleh_ubah(request.user, opd))
    pk = _pk_or_404(opd, tahun)
    try:
        services.pk_perubahan(pk=pk, user=request.user)
    except ValidationError as exc:
        pesan_galat(request, exc)
        return redirect("laporan:indeks", opd.slug, tahun)
    messages.success(request, "PK Perubahan dibuat sebagai draf.")
    return redirect("laporan:pk_ubah", opd.slug, tahun)


def _buka(request, opd, tahun, label, action):
    form = forms.BukaKembaliForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action(form.cleaned_data["alasan"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"{label} dibuka kembali.")
            return redirect("laporan:indeks", opd.slug, tahun)
    return render(
        request,
        "laporan/buka_form.html",
        {"form": form, "opd": opd, "tahun": tahun, "label": label},
    )


@login_required
def pk_buka(request, opd, tahun):
    opd = opd_for(request.user, opd)
    _require(boleh_buka(request.user, opd))
    pk = _pk_or_404(opd, tahun)
    return _buka(
        request,
        opd,
        tahun,
        "Perjanjian Kinerja",
        lambda alasan: services.pk_reopen(pk=pk, alasan=alasan, user=request.user),
    )


# --- targets ------------------------------------------------------------------------------


@login_required
def target_ubah(request, opd, tahun):
    opd = opd_for(request.user, opd)
    editable = boleh_ubah(request.user, opd)
    if request.method == "POST":
        _require(editable)
    try:
        rows = selectors.target_rows(opd, tahun)
    except selectors.DokumenTidakAda as exc:
        raise Http404(str(exc)) from exc
    errors = {}
    if request.method == "POST":
        parsed, errors = forms.parse_targets(request.POST, rows)
        if not errors:
            try:
                services.targets_save(opd=opd, tahun=tahun, rows=parsed, user=request.user)
            except ValidationError as exc:
                pesan_galat(request, exc)
            else:
                messages.success(request, "Target disimpan.")
                return redirect("laporan:target_ubah", opd.slug, tahun)
        else:
            messages.error(request, "Ada isian yang tidak sah; tidak ada yang disimpan.")
        forms.apply_posted(request.POST, rows)
    return render(
        request,
        "laporan/target_form.html",
        {"opd": opd, "tahun": tahun, "rows": rows, "errors": errors, "editable": editable},
    )


# --- Rencana Aksi -------------------------------------------------------------------------


def _unit_for(opd, slug):
    return get_object_or_404(UnitKerja, opd=opd, slug=slug)


@login_required
def rencana_aksi_ubah(request, opd, tahun, unit):
    opd = opd_for(request.user, opd)
    unit = _unit_for(opd, unit)
    editable = boleh_ubah(request.user, opd)
    ra = RencanaAksi.objects.filter(unit=unit, tahun=tahun).select_related("penandatangan").first()
    if request.method == "POST":
        _require(editable)
        if ra is None:
            ra = services.rencana_aksi_get_or_create(unit=unit, tahun=tahun)
        kepala_form = forms.RencanaAksiForm(request.POST, opd=opd, instance=ra, prefix="ra")
        aksi_form = forms.AksiForm(request.POST, unit=unit, tahun=tahun, prefix="aksi")
        target = request.POST.get("bagian")
        try:
            if target == "kepala" and kepala_form.is_valid():
                data = kepala_form.cleaned_data
                services.rencana_aksi_update(
                    rencana_aksi=ra,
                    tempat=data["tempat"],
                    tanggal=data["tanggal"],
                    penandatangan=data["penandatangan"],
                    user=request.user,
                )
                messages.success(request, "Rencana Aksi disimpan.")
                return redirect("laporan:rencana_aksi_ubah", opd.slug, tahun, unit.slug)
            if target == "aksi" and aksi_form.is_valid():
                data = aksi_form.cleaned_data
                services.aksi_save(
                    rencana_aksi=ra,
                    sub_kegiatan=data["sub_kegiatan"],
                    uraian=data["uraian"],
                    volume=data["volume"],
                    satuan_volume=data["satuan_volume"],
                    triwulan=[int(t) for t in data["triwulan"]],
                )
                messages.success(request, "Aksi ditambahkan.")
                return redirect("laporan:rencana_aksi_ubah", opd.slug, tahun, unit.slug)
        except ValidationError as exc:
            (kepala_form if target == "kepala" else aksi_form).add_error(None, exc)
    else:
        kepala_form = forms.RencanaAksiForm(opd=opd, instance=ra, prefix="ra")
        aksi_form = forms.AksiForm(unit=unit, tahun=tahun, prefix="aksi")
    context = {
        "opd": opd,
        "tahun": tahun,
        "unit": unit,
        "ra": ra,
        "editable": editable and (ra is None or ra.status != StatusDokumen.FINAL),
        "kepala_form": kepala_form,
        "aksi_form": aksi_form,
        "aksi_list": selectors.aksi_list(ra),
        "boleh_finalkan": boleh_finalkan(request.user, opd),
        "boleh_buka": boleh_buka(request.user, opd),
    }
    return render(request, "laporan/rencana_aksi_form.html", context)


@login_required
@require_POST
def rencana_aksi_finalkan(request, opd, tahun, unit):
    opd = opd_for(request.user, opd)
    unit = _unit_for(opd, unit)
    _require(boleh_finalkan(request.user, opd))
    ra = get_object_or_404(RencanaAksi, unit=unit, tahun=tahun)
    jalankan(
        request,
        lambda: services.rencana_aksi_finalize(rencana_aksi=ra, user=request.user),
        "Rencana Aksi difinalkan.",
    )
    return redirect("laporan:rencana_aksi_ubah", opd.slug, tahun, unit.slug)


@login_required
def rencana_aksi_buka(request, opd, tahun, unit):
    opd = opd_for(request.user, opd)
    unit = _unit_for(opd, unit)
    _require(boleh_buka(request.user, opd))
    ra = get_object_or_404(RencanaAksi, unit=unit, tahun=tahun)
    return _buka(
        request,
        opd,
        tahun,
        f"Rencana Aksi {unit.nama}",
        lambda alasan: services.rencana_aksi_reopen(
            rencana_aksi=ra, alasan=alasan, user=request.user
        ),
    )


# --- LKjIP --------------------------------------------------------------------------------


@login_required
def lkjip_ubah(request, opd, tahun):
    opd = opd_for(request.user, opd)
    editable = boleh_ubah(request.user, opd)
    laporan = LaporanKinerja.objects.filter(opd=opd, tahun=tahun).first()
    try:
        indikator_list = selectors.lkjip_indikator(opd, tahun)
    except selectors.DokumenTidakAda as exc:
        raise Http404(str(exc)) from exc
    if laporan is not None and laporan.status == StatusDokumen.FINAL:
        editable = False
    if request.method == "POST":
        _require(editable)
        if laporan is None:
            laporan = services.laporan_get_or_create(opd=opd, tahun=tahun)
    form = forms.LaporanForm(request.POST or None, opd=opd, instance=laporan)
    analisis_forms = forms.analisis_forms(request.POST or None, laporan, indikator_list)
    if request.method == "POST":
        valid = form.is_valid() & all([f.is_valid() for _, f in analisis_forms])
        if valid:
            try:
                services.laporan_update(laporan=laporan, data=form.cleaned_data, user=request.user)
                for indikator, aform in analisis_forms:
                    services.analisis_save(
                        laporan=laporan,
                        indikator=indikator,
                        user=request.user,
                        **aform.cleaned_data,
                    )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Narasi LKjIP disimpan.")
                return redirect("laporan:lkjip_ubah", opd.slug, tahun)
    daftar = daftar_untuk(laporan, tahun)
    context = {
        "opd": opd,
        "tahun": tahun,
        "laporan": laporan,
        "form": form,
        "analisis_forms": analisis_forms,
        "editable": editable,
        # The lampiran card (laporan/_lampiran_unggah.html); uploads post to lampiran_daftar.
        "daftar_lampiran": daftar,
        "lampiran_editable": editable,
        "lampiran_form": forms.LampiranForm(initial={"urutan": urutan_berikut(daftar)}),
    }
    return render(request, "laporan/lkjip_form.html", context)


@login_required
@require_POST
def lkjip_finalkan(request, opd, tahun):
    opd = opd_for(request.user, opd)
    _require(boleh_finalkan(request.user, opd))
    laporan = get_object_or_404(LaporanKinerja, opd=opd, tahun=tahun)
    jalankan(
        request,
        lambda: services.laporan_finalize(laporan=laporan, user=request.user),
        "LKjIP difinalkan.",
    )
    return redirect("laporan:indeks", opd.slug, tahun)


@login_required
def lkjip_buka(request, opd, tahun):
    opd = opd_for(request.user, opd)
    _require(boleh_buka(request.user, opd))
    laporan = get_object_or_404(LaporanKinerja, opd=opd, tahun=tahun)
    return _buka(
        request,
        opd,
        tahun,
        "LKjIP",
        lambda alasan: services.laporan_reopen(laporan=laporan, alasan=alasan, user=request.user),
    )


def xlsx_url(request, opd, tahun, jenis, triwulan=None):
    """The .xlsx twin of a document page (the document pages link to it)."""
    if jenis == "pengukuran":
        url = reverse("laporan:pengukuran_xlsx", args=[opd.slug, tahun, triwulan])
    else:
        url = reverse(f"laporan:{jenis.replace('-', '_')}_xlsx", args=[opd.slug, tahun])
    query = request.GET.urlencode()
    return f"{url}?{query}" if query else url
