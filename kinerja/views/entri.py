from decimal import Decimal
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from anggaran.forms import RealisasiAnggaranForm
from anggaran.models import Pagu, RealisasiAnggaran
from anggaran.services import realisasi_anggaran_simpan
from kinerja import lembar, services
from kinerja.forms import RealisasiForm
from kinerja.models import Realisasi, TargetTriwulan
from kinerja.views import entri_baris
from renstra import lingkup
from renstra.models import SubKegiatan, TargetTahunan, TriwulanPelaporan, UnitKerja
from sakip import access, roles
from sakip import angka as fmt
from sakip.alur import StatusRealisasi

ENTRI_ROLES = (roles.OPERATOR, roles.PERENCANA, roles.ADMIN)
# Where the entry page's rows go: they are written into the rendered page, not rendered
# through it (every enclosing template node would copy the ~3 MB of ~900 rows once more).
TEMPAT_LEMBAR = mark_safe("<!--lembar-->")


def unit_pilihan(request, *, role_names, unit_bound_role, utamakan_perlu=False):
    """(unit, units) for a sheet: users bound to a unit get theirs; others choose one of
    their OPD(s) with ?unit= (or, with `utamakan_perlu`, the unit with the most returned,
    then empty rows: lembar.unit_paling_perlu; else their own unit or the first). A unit
    outside the scope is a 404."""
    user = request.user
    access.require_role(user, *role_names)
    if (
        user.unit_id
        and access.has_role(user, unit_bound_role)
        and not access.has_role(user, roles.PERENCANA, roles.KEPALA_DINAS, roles.ADMIN)
        and not user.is_superuser
    ):
        unit = UnitKerja.objects.select_related("opd__pemda").get(pk=user.unit_id)
        return unit, [unit]
    units = access.opd_queryset(user, UnitKerja.objects.select_related("opd__pemda"), "opd")
    units = list(units.order_by("opd__nama", "urutan", "nama"))
    wanted = request.POST.get("unit") or request.GET.get("unit")
    if wanted:
        for u in units:
            if str(u.pk) == str(wanted):
                return u, units
        raise Http404("Unit tidak ditemukan.")
    if utamakan_perlu:
        perlu = lembar.unit_paling_perlu(units)
        if perlu is not None:
            return perlu, units
    if user.unit_id:
        for u in units:
            if u.pk == user.unit_id:
                return u, units
    if not units:
        raise Http404("Tidak ada unit kerja dalam wewenang Anda.")
    return units[0], units


def triwulan_pilihan(opd, tahun=None, triwulan=None):
    """The reporting quarter shown: the one asked for, else the latest open one, else the
    latest one. None when the OPD has no quarter at all (or not the one asked for)."""
    qs = TriwulanPelaporan.objects.filter(opd=opd)
    if tahun is not None and triwulan is not None:
        return qs.filter(tahun=tahun, triwulan=triwulan).first()
    return (
        qs.filter(status=TriwulanPelaporan.Status.BUKA).order_by("-tahun", "-triwulan").first()
        or qs.order_by("-tahun", "-triwulan").first()
    )


def _boleh_isi(user, unit):
    return access.can_edit_unit(user, unit)


_antara = lembar.alamat_antara  # row addresses by concatenation, not {% url %} per row


def awalan(tw, unit):
    """The address pieces every row of a sheet uses, reversed once per response."""
    simpan = _antara("kinerja:realisasi_simpan", tw.tahun, tw.triwulan)[0]
    simpan_anggaran = _antara("kinerja:realisasi_anggaran_simpan", tw.tahun, tw.triwulan)[0]
    return {
        "simpan": simpan,
        "simpan_anggaran": simpan_anggaran,
        "baca": reverse("angka_baca"),
        "riwayat": _antara("kinerja:realisasi_riwayat"),
        "riwayat_anggaran": _antara("kinerja:realisasi_anggaran_riwayat"),
        "unggah": _antara("kinerja:bukti_unggah"),
        "unduh": _antara("kinerja:bukti_unduh"),
        "hapus": _antara("kinerja:bukti_hapus"),
        "maks_mb": fmt.angka(Decimal(settings.BUKTI_MAX_BYTES) / 1024 / 1024, 0),
        "tampil": f"?unit={unit.pk}&tampil=",
    }


def konteks_lembar(request, *, unit, units, tw, terbuka=None):
    """What the sheet's rows and summary need beside the rows themselves."""
    if terbuka is None:
        terbuka = tw.status == TriwulanPelaporan.Status.BUKA
    return {
        "unit": unit,
        "units": units,
        "tw": tw,
        "twr": fmt.triwulan_romawi(tw.triwulan),
        "boleh": terbuka and _boleh_isi(request.user, unit),
        "u": awalan(tw, unit),
    }


@login_required
@require_GET
def entri(request, tahun=None, triwulan=None):
    unit, units = unit_pilihan(
        request, role_names=ENTRI_ROLES, unit_bound_role=roles.OPERATOR, utamakan_perlu=True
    )
    tw = triwulan_pilihan(unit.opd, tahun, triwulan)
    if tw is None and tahun is not None:
        raise Http404("Triwulan pelaporan tidak ditemukan.")
    konteks = {"unit": unit, "units": units, "tw": tw, "groups": [], "boleh": False}
    if tw is not None:
        konteks.update(konteks_lembar(request, unit=unit, units=units, tw=tw))
        konteks["groups"] = lembar.lembar_unit(
            unit=unit, tahun=tw.tahun, triwulan=tw.triwulan, pengisi=False
        )
        konteks["lembar_html"] = TEMPAT_LEMBAR
        konteks["ringkas"] = lembar.ringkasan_unit(unit=unit, tahun=tw.tahun, triwulan=tw.triwulan)
    konteks["terbuka"] = tw is not None and tw.status == TriwulanPelaporan.Status.BUKA
    konteks["daftar_tw"] = TriwulanPelaporan.objects.filter(opd=unit.opd).order_by(
        "-tahun", "-triwulan"
    )[:12]
    html = render_to_string("kinerja/entri.html", konteks, request=request)
    awal, tempat, akhir = html.partition(TEMPAT_LEMBAR)
    if not tempat:
        return HttpResponse(html)
    baris = entri_baris.potongan_lembar(konteks["groups"], konteks)
    return HttpResponse("".join([awal, *baris, akhir]))


@login_required
@require_GET
def entri_ringkasan(request, tahun, triwulan):
    """The summary bar alone (one aggregate query)."""
    unit, units = unit_pilihan(request, role_names=ENTRI_ROLES, unit_bound_role=roles.OPERATOR)
    tw = get_object_or_404(TriwulanPelaporan, opd=unit.opd, tahun=tahun, triwulan=triwulan)
    konteks = konteks_lembar(request, unit=unit, units=units, tw=tw)
    konteks["ringkas"] = lembar.ringkasan_unit(unit=unit, tahun=tahun, triwulan=triwulan)
    return render(request, "kinerja/_entri_ringkasan.html", konteks)


def render_lembar(
    request,
    *,
    unit,
    tahun,
    triwulan,
    indikator=(),
    anggaran=(),
    ringkas=False,
    status=200,
    extra=None,
):
    """The rows `indikator` / `anggaran` (BarisIndikator / BarisAnggaran carrying what the
    save answered) in the sheet's markup; with `ringkas` also the summary bar out of band
    (one aggregate query), so a save never rebuilds the sheet."""
    tw, terbuka = lembar.triwulan_pelaporan(opd_id=unit.opd_id, tahun=tahun, triwulan=triwulan)
    konteks = konteks_lembar(request, unit=unit, units=[unit], tw=tw, terbuka=terbuka)
    konteks.update(extra or {})
    html = entri_baris.baris_html(konteks, indikator=indikator, anggaran=anggaran)
    if ringkas:
        konteks["ringkas"] = lembar.ringkasan_unit(unit=unit, tahun=tahun, triwulan=triwulan)
        konteks["oob"] = True
        html += render_to_string("kinerja/_entri_ringkasan.html", konteks, request=request)
    return HttpResponse(html, status=status)


def render_baris(
    request,
    *,
    unit,
    indikator,
    tahun,
    triwulan,
    form=None,
    status=200,
    pesan="",
    konflik="",
    ringkas=False,
    bukti_terbuka=False,
):
    baris = lembar.baris_indikator(
        unit=unit, indikator=indikator, tahun=tahun, triwulan=triwulan, pengisi=False
    )
    if baris is None:
        raise Http404
    baris.form, baris.pesan, baris.konflik = form, pesan, konflik
    baris.bukti_terbuka = bukti_terbuka
    return render_lembar(
        request,
        unit=unit,
        tahun=tahun,
        triwulan=triwulan,
        indikator=[baris],
        ringkas=ringkas,
        status=status,
    )


def indikator_unit_or_404(unit, pk):
    qs = lingkup.indikator_unit(unit.pk).filter(periode__opd_id=unit.opd_id)
    return get_object_or_404(qs.select_related("periode", "skala"), pk=pk)


def simpan_indikator(*, user, indikator, tahun, triwulan, form):
    """Run one indicator row's form through kinerja.services.realisasi_simpan: (form or
    None, konflik message) when refused, raising nothing; (None, "") when saved. The one
    path of the single row save and of "Simpan semua"."""
    if not form.is_valid():
        return form, ""
    data = form.cleaned_data
    try:
        services.realisasi_simpan(
            user=user,
            indikator=indikator,
            tahun=tahun,
            triwulan=triwulan,
            versi=data["versi"],
            nilai=data["nilai"],
            pembilang=data["pembilang"],
            penyebut=data["penyebut"],
            level=data["level"],
            penjelasan=data["penjelasan"],
            tidak_terukur=data["tidak_terukur"],
            alasan_tidak_terukur=data["alasan_tidak_terukur"],
        )
    except services.KonflikVersi as exc:
        ketikan = (
            data["nilai"]
            or (
                f"{data['pembilang']} / {data['penyebut']}"
                if data["pembilang"] or data["penyebut"]
                else ""
            )
            or (data["level"].nama if data["level"] else "")
        )
        return None, _pesan_konflik(exc, ketikan)
    except PermissionDenied as exc:
        form.add_error(None, str(exc) or "Baris ini bukan tanggungan unit Anda.")
        return form, ""
    except ValidationError as exc:
        form.apply_error(exc)
        return form, ""
    return None, ""


def simpan_anggaran(*, user, sub_kegiatan, tahun, triwulan, form):
    """The same for a budget row (anggaran.services.realisasi_anggaran_simpan)."""
    if not form.is_valid():
        return form, ""
    data = form.cleaned_data
    try:
        realisasi_anggaran_simpan(
            user=user,
            sub_kegiatan=sub_kegiatan,
            tahun=tahun,
            triwulan=triwulan,
            jumlah=data["jumlah"],
            versi=data["versi"],
            penjelasan=data["penjelasan"],
        )
    except services.KonflikVersi as exc:
        return None, _pesan_konflik(exc, data["jumlah"] or "")
    except PermissionDenied as exc:
        form.add_error(None, str(exc) or "Baris ini bukan tanggungan unit Anda.")
        return form, ""
    except ValidationError as exc:
        form.apply_error(exc)
        return form, ""
    return None, ""


@login_required
@require_POST
def entri_simpan(request, tahun, triwulan, pk):
    unit, _ = unit_pilihan(request, role_names=ENTRI_ROLES, unit_bound_role=roles.OPERATOR)
    indikator = indikator_unit_or_404(unit, pk)
    form = RealisasiForm(request.POST, indikator=indikator)
    form, konflik = simpan_indikator(
        user=request.user, indikator=indikator, tahun=tahun, triwulan=triwulan, form=form
    )
    baris = partial(
        render_baris, request, unit=unit, indikator=indikator, tahun=tahun, triwulan=triwulan
    )
    if konflik:
        return baris(status=409, konflik=konflik)
    if form is not None:
        return baris(form=form, status=422)
    return baris(pesan="Tersimpan", ringkas=True)


def _pesan_konflik(exc, ketikan):
    pesan = exc.messages[0]
    if ketikan:
        pesan += f" Nilai yang Anda ketik: {ketikan}."
    return pesan


@login_required
@require_POST
def entri_anggaran_simpan(request, tahun, triwulan, pk):
    unit, _ = unit_pilihan(request, role_names=ENTRI_ROLES, unit_bound_role=roles.OPERATOR)
    sub = get_object_or_404(SubKegiatan.objects.select_related("periode"), pk=pk, unit=unit)
    form, konflik = simpan_anggaran(
        user=request.user,
        sub_kegiatan=sub,
        tahun=tahun,
        triwulan=triwulan,
        form=RealisasiAnggaranForm(request.POST),
    )
    baris = lembar.baris_anggaran(unit=unit, sub_kegiatan=sub, tahun=tahun, triwulan=triwulan)
    if baris is None:
        raise Http404
    baris.form, baris.konflik = form, konflik
    if not (form or konflik):
        baris.pesan = "Tersimpan"
    return render_lembar(
        request,
        unit=unit,
        tahun=tahun,
        triwulan=triwulan,
        anggaran=[baris],
        ringkas=not (form or konflik),
        status=409 if konflik else 422 if form is not None else 200,
    )


def url_entri(unit, tahun, triwulan, units):
    url = reverse("kinerja:entri_triwulan", args=[tahun, triwulan])
    if len(units) > 1:
        url += f"?unit={unit.pk}"
    return url


@login_required
@require_POST
def entri_ajukan(request, tahun, triwulan):
    unit, units = unit_pilihan(request, role_names=ENTRI_ROLES, unit_bound_role=roles.OPERATOR)
    try:
        n = services.realisasi_ajukan(user=request.user, unit=unit, tahun=tahun, triwulan=triwulan)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{n} realisasi diajukan untuk verifikasi.")
    return redirect(url_entri(unit, tahun, triwulan, units))


# --- history -----------------------------------------------------------------------------

RIWAYAT_FIELDS = {
    "nilai": "Realisasi",
    "pembilang": "Pembilang",
    "penyebut": "Penyebut",
    "level": "Kategori",
    "penjelasan": "Penjelasan",
    "status": "Status",
    "catatan_verifikasi": "Catatan verifikator",
    "jumlah": "Jumlah (Rp)",
    "teks": "Target tertulis",
    "berlaku_mulai": "Berlaku mulai TW",
}


def _teks(field, value):
    if value is None or value == "":
        return "–"
    if field == "status":
        try:
            return StatusRealisasi(value).label
        except ValueError:
            return value
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return fmt.rupiah(value) if field == "jumlah" else fmt.angka(value)
    return str(value)


def riwayat_baris(records, judul, fields, levels=None):
    """[{judul, waktu, siapa, jenis, perubahan: [(kolom, lama, baru)]}] from simple_history
    records (newest first); each record is compared with the previous record of the same
    object, so no extra queries."""
    ordered = list(records)[::-1]  # oldest first
    last = {}
    result = []
    for rec in ordered:
        prev = last.get(rec.id)
        last[rec.id] = rec
        changes = []
        for f in fields:
            attr = f + "_id" if f == "level" else f
            new = getattr(rec, attr, None)
            old = getattr(prev, attr, None) if prev else None
            if prev is None and new in (None, ""):
                continue
            if prev is not None and new == old:
                continue
            if f == "level" and levels is not None:
                new, old = levels.get(new, new), levels.get(old, old)
            changes.append((RIWAYAT_FIELDS.get(f, f), _teks(f, old), _teks(f, new)))
        if changes or prev is None:
            result.append(
                {
                    "judul": judul,
                    "waktu": rec.history_date,
                    "siapa": rec.history_user,
                    "jenis": {"+": "dibuat", "~": "diubah", "-": "dihapus"}.get(
                        rec.history_type, ""
                    ),
                    "perubahan": changes,
                }
            )
    return result[::-1]


@login_required
@require_GET
def riwayat(request, pk):
    """The history of a realisation and of the indicator's targets for that year."""
    qs = lingkup.realisasi_terlihat(
        request.user, Realisasi.objects.select_related("indikator__skala")
    )
    obj = get_object_or_404(qs, pk=pk)
    levels = {}
    if obj.indikator.skala_id:
        levels = {lv.pk: lv.nama for lv in obj.indikator.skala.level_set.all()}
    entries = riwayat_baris(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id"),
        f"Realisasi TW {obj.triwulan}",
        ["nilai", "pembilang", "penyebut", "level", "penjelasan", "status", "catatan_verifikasi"],
        levels,
    )
    target_th = TargetTahunan.history.filter(indikator_id=obj.indikator_id, tahun=obj.tahun)
    entries += riwayat_baris(
        target_th.select_related("history_user").order_by("-history_date", "-history_id"),
        f"Target tahunan {obj.tahun}",
        ["nilai", "level", "teks"],
        levels,
    )
    target_tw = TargetTriwulan.history.filter(
        indikator_id=obj.indikator_id, tahun=obj.tahun, triwulan=obj.triwulan
    )
    entries += riwayat_baris(
        target_tw.select_related("history_user").order_by("-history_date", "-history_id"),
        f"Target TW {obj.triwulan}",
        ["nilai", "level", "teks"],
        levels,
    )
    entries.sort(key=lambda e: e["waktu"], reverse=True)
    return render(
        request, "kinerja/_riwayat.html", {"entries": entries, "judul": str(obj.indikator)}
    )


@login_required
@require_GET
def riwayat_anggaran(request, pk):
    """The history of a budget realisation and of the sub-kegiatan's pagu that year."""

    qs = lingkup.realisasi_anggaran_terlihat(
        request.user, RealisasiAnggaran.objects.select_related("sub_kegiatan")
    )
    obj = get_object_or_404(qs, pk=pk)
    entries = riwayat_baris(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id"),
        f"Realisasi anggaran TW {obj.triwulan}",
        ["jumlah", "penjelasan", "status", "catatan_verifikasi"],
    )
    pagu = Pagu.history.filter(sub_kegiatan_id=obj.sub_kegiatan_id, tahun=obj.tahun)
    entries += riwayat_baris(
        pagu.select_related("history_user").order_by("-history_date", "-history_id"),
        f"Pagu {obj.tahun}",
        ["jumlah", "berlaku_mulai"],
    )
    entries.sort(key=lambda e: e["waktu"], reverse=True)
    return render(
        request, "kinerja/_riwayat.html", {"entries": entries, "judul": str(obj.sub_kegiatan)}
    )
