from decimal import Decimal
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from anggaran.forms import RealisasiAnggaranForm
from anggaran.models import Pagu, RealisasiAnggaran
from anggaran.services import realisasi_anggaran_simpan
from kinerja import lembar, services
from kinerja.forms import RealisasiForm
from kinerja.models import Realisasi, TargetTriwulan
from renstra import lingkup
from renstra.models import SubKegiatan, TargetTahunan, TriwulanPelaporan, UnitKerja
from sakip import access, roles
from sakip import angka as fmt
from sakip.alur import StatusRealisasi

ENTRI_ROLES = (roles.OPERATOR, roles.PERENCANA, roles.ADMIN)


def unit_pilihan(request, *, role_names, unit_bound_role):
    """(unit, units) for a sheet: users bound to a unit get theirs; others choose one of
    their OPD(s) with ?unit= (or the first). A unit outside the scope is a 404."""
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


@login_required
@require_GET
def entri(request, tahun=None, triwulan=None):
    unit, units = unit_pilihan(request, role_names=ENTRI_ROLES, unit_bound_role=roles.OPERATOR)
    tw = triwulan_pilihan(unit.opd, tahun, triwulan)
    if tw is None and tahun is not None:
        raise Http404("Triwulan pelaporan tidak ditemukan.")
    groups = []
    if tw is not None:
        groups = lembar.lembar_unit(unit=unit, tahun=tw.tahun, triwulan=tw.triwulan)
    terbuka = tw is not None and tw.status == TriwulanPelaporan.Status.BUKA
    boleh = terbuka and _boleh_isi(request.user, unit)
    ringkas = ringkasan(groups)
    daftar_tw = TriwulanPelaporan.objects.filter(opd=unit.opd).order_by("-tahun", "-triwulan")[:12]
    return render(
        request,
        "kinerja/entri.html",
        {
            "unit": unit,
            "units": units,
            "tw": tw,
            "groups": groups,
            "terbuka": terbuka,
            "boleh": boleh,
            "ringkas": ringkas,
            "daftar_tw": daftar_tw,
        },
    )


def ringkasan(groups):
    """Counts for the sheet's summary bar."""
    rows = [b for g in groups for b in g.indikator]
    anggaran_rows = [g.anggaran for g in groups if g.anggaran]
    semua = rows + anggaran_rows
    return {
        "indikator": len(rows),
        "terisi": sum(1 for b in rows if b.realisasi),
        "anggaran": len(anggaran_rows),
        "anggaran_terisi": sum(1 for b in anggaran_rows if b.realisasi),
        "dikembalikan": sum(1 for b in semua if b.status == StatusRealisasi.DIKEMBALIKAN),
        "siap_diajukan": sum(
            1 for b in semua if b.status in (StatusRealisasi.DRAFT, StatusRealisasi.DIKEMBALIKAN)
        ),
        "diajukan": sum(1 for b in semua if b.status == StatusRealisasi.DIAJUKAN),
        "diverifikasi": sum(1 for b in semua if b.status == StatusRealisasi.DIVERIFIKASI),
    }


@login_required
@require_GET
def entri_ringkasan(request, tahun, triwulan):
    """The summary bar alone: refreshed after every row save (HX-Trigger)."""
    unit, units = unit_pilihan(request, role_names=ENTRI_ROLES, unit_bound_role=roles.OPERATOR)
    tw = get_object_or_404(TriwulanPelaporan, opd=unit.opd, tahun=tahun, triwulan=triwulan)
    groups = lembar.lembar_unit(unit=unit, tahun=tahun, triwulan=triwulan)
    terbuka = tw.status == TriwulanPelaporan.Status.BUKA
    return render(
        request,
        "kinerja/_entri_ringkasan.html",
        {
            "unit": unit,
            "units": units,
            "tw": tw,
            "ringkas": ringkasan(groups),
            "boleh": terbuka and _boleh_isi(request.user, unit),
        },
    )


def render_baris(
    request, *, unit, indikator, tahun, triwulan, form=None, status=200, pesan="", konflik=""
):
    baris = lembar.baris_indikator(unit=unit, indikator=indikator, tahun=tahun, triwulan=triwulan)
    if baris is None:
        raise Http404
    tw, terbuka = lembar.triwulan_pelaporan(opd_id=unit.opd_id, tahun=tahun, triwulan=triwulan)
    return render(
        request,
        "kinerja/_entri_baris.html",
        {
            "b": baris,
            "unit": unit,
            "tw": tw,
            "boleh": terbuka and _boleh_isi(request.user, unit),
            "form": form,
            "pesan": pesan,
            "konflik": konflik,
        },
        status=status,
    )


def _indikator_unit_or_404(unit, pk):
    qs = lingkup.indikator_unit(unit.pk).filter(periode__opd_id=unit.opd_id)
    return get_object_or_404(qs.select_related("periode", "skala"), pk=pk)


@login_required
@require_POST
def entri_simpan(request, tahun, triwulan, pk):
    unit, _ = unit_pilihan(request, role_names=ENTRI_ROLES, unit_bound_role=roles.OPERATOR)
    indikator = _indikator_unit_or_404(unit, pk)
    baris = partial(
        render_baris, request, unit=unit, indikator=indikator, tahun=tahun, triwulan=triwulan
    )
    form = RealisasiForm(request.POST, indikator=indikator)
    if not form.is_valid():
        return baris(form=form, status=422)
    data = form.cleaned_data
    try:
        services.realisasi_simpan(
            user=request.user,
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
        return baris(status=409, konflik=_pesan_konflik(exc, ketikan))
    except ValidationError as exc:
        form.apply_error(exc)
        return baris(form=form, status=422)
    response = baris(pesan="Tersimpan")
    response["HX-Trigger"] = "realisasi-tersimpan"
    return response


def _pesan_konflik(exc, ketikan):
    pesan = exc.messages[0]
    if ketikan:
        pesan += f" Nilai yang Anda ketik: {ketikan}."
    return pesan


def render_baris_anggaran(
    request, *, unit, sub_kegiatan, tahun, triwulan, form=None, status=200, pesan="", konflik=""
):
    baris = lembar.baris_anggaran(
        unit=unit, sub_kegiatan=sub_kegiatan, tahun=tahun, triwulan=triwulan
    )
    if baris is None:
        raise Http404
    tw, terbuka = lembar.triwulan_pelaporan(opd_id=unit.opd_id, tahun=tahun, triwulan=triwulan)
    return render(
        request,
        "anggaran/_entri_anggaran.html",
        {
            "a": baris,
            "unit": unit,
            "tw": tw,
            "boleh": terbuka and _boleh_isi(request.user, unit),
            "form": form,
            "pesan": pesan,
            "konflik": konflik,
        },
        status=status,
    )


@login_required
@require_POST
def entri_anggaran_simpan(request, tahun, triwulan, pk):
    unit, _ = unit_pilihan(request, role_names=ENTRI_ROLES, unit_bound_role=roles.OPERATOR)
    sub = get_object_or_404(SubKegiatan.objects.select_related("periode"), pk=pk, unit=unit)
    baris = partial(
        render_baris_anggaran, request, unit=unit, sub_kegiatan=sub, tahun=tahun, triwulan=triwulan
    )
    form = RealisasiAnggaranForm(request.POST)
    if not form.is_valid():
        return baris(form=form, status=422)
    data = form.cleaned_data
    try:
        realisasi_anggaran_simpan(
            user=request.user,
            sub_kegiatan=sub,
            tahun=tahun,
            triwulan=triwulan,
            jumlah=data["jumlah"],
            versi=data["versi"],
            penjelasan=data["penjelasan"],
        )
    except services.KonflikVersi as exc:
        return baris(status=409, konflik=_pesan_konflik(exc, data["jumlah"] or ""))
    except ValidationError as exc:
        form.apply_error(exc)
        return baris(form=form, status=422)
    response = baris(pesan="Tersimpan")
    response["HX-Trigger"] = "realisasi-tersimpan"
    return response


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
