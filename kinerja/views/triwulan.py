import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinerja import selectors_tutup, services_tutup
from kinerja.forms import TriwulanBukaForm
from kinerja.models import PenutupanTriwulan
from renstra import services
from renstra.models import PerangkatDaerah, RiwayatTriwulan, TriwulanPelaporan
from sakip import access, roles


def _opd_terlihat(user):
    qs = PerangkatDaerah.objects.select_related("pemda")
    if user.is_superuser:
        return qs
    return qs.filter(pemda_id=user.pemda_id) if user.pemda_id else qs.none()


def _tahun(request):
    try:
        tahun = int(request.GET.get("tahun") or request.POST.get("tahun") or 0)
    except ValueError:
        tahun = 0
    return tahun if 2000 <= tahun <= 2100 else None


@login_required
@require_GET
def triwulan_list(request):
    access.require_role(request.user, roles.ADMIN)
    opds = list(_opd_terlihat(request.user).order_by("pemda__nama", "nama"))
    tahun = _tahun(request)
    if tahun is None:
        latest = TriwulanPelaporan.objects.filter(opd__in=opds).order_by("-tahun").first()
        tahun = latest.tahun if latest else datetime.date.today().year
    rows = TriwulanPelaporan.objects.filter(opd__in=opds, tahun=tahun)
    by_opd = {}
    for tw in rows:
        by_opd.setdefault(tw.opd_id, {})[tw.triwulan] = tw
    riwayat = list(
        RiwayatTriwulan.objects.filter(triwulan__opd__in=opds, triwulan__tahun=tahun)
        .select_related("triwulan__opd__pemda", "oleh")
        .order_by("-created_at")[:50]
    )
    # the latest closing record of each closed quarter, shown in its cell
    penutupan = {}
    for p in PenutupanTriwulan.objects.filter(triwulan__in=rows).order_by("-waktu", "-pk"):
        penutupan.setdefault(p.triwulan_id, p)
    for tw in rows:
        tw.penutupan_terakhir = penutupan.get(tw.pk)
    tabel = [(opd, [(q, by_opd.get(opd.pk, {}).get(q)) for q in (1, 2, 3, 4)]) for opd in opds]
    return render(
        request,
        "kinerja/triwulan_list.html",
        {
            "tabel": tabel,
            # OPDs of several Pemdas (a superuser) are told apart by their Pemda
            "banyak_pemda": len({opd.pemda_id for opd in opds}) > 1,
            "tahun": tahun,
            "riwayat": riwayat,
            "tahun_pilihan": range(tahun - 3, tahun + 2),
        },
    )


def _kembali(tahun):
    return redirect(reverse("kinerja:triwulan_list") + f"?tahun={tahun}")


@login_required
@require_POST
def triwulan_buka(request):
    access.require_role(request.user, roles.ADMIN)
    form = TriwulanBukaForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
        return _kembali(_tahun(request) or datetime.date.today().year)
    data = form.cleaned_data
    opd = get_object_or_404(_opd_terlihat(request.user), pk=data["opd"])
    try:
        tw = services.triwulan_buka(
            user=request.user,
            opd=opd,
            tahun=data["tahun"],
            triwulan=data["triwulan"],
            alasan=data["alasan"],
            batas_waktu=data["batas_waktu"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, f"Triwulan {tw.get_triwulan_display()[9:]} {tw.tahun} {opd} dibuka."
        )
    return _kembali(data["tahun"])


def _triwulan(request, pk):
    access.require_role(request.user, roles.ADMIN)
    return get_object_or_404(
        TriwulanPelaporan.objects.filter(opd__in=_opd_terlihat(request.user)).select_related(
            "opd__pemda"
        ),
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def triwulan_tutup(request, pk):
    """Closing a quarter: a page naming, unit by unit, the rows still not verified or empty,
    then the close confirmed against that list (kinerja.services_tutup)."""
    tw = _triwulan(request, pk)
    detail = reverse("kinerja:triwulan_detail", args=[tw.pk])
    if tw.status != TriwulanPelaporan.Status.BUKA:
        messages.info(request, "Triwulan ini sudah ditutup.")
        return redirect(detail)
    galat, status = "", 200
    if request.method == "POST":
        try:
            services_tutup.triwulan_tutup_dengan_daftar(
                user=request.user,
                triwulan_pelaporan=tw,
                sidik=request.POST.get("sidik", ""),
                setuju=request.POST.get("setuju") == "ya",
                alasan=request.POST.get("alasan", ""),
            )
        except ValidationError as exc:
            galat = " ".join(exc.messages)
            status = 409 if getattr(exc, "code", "") == "berubah" else 422
        else:
            messages.success(request, f"{tw.get_triwulan_display()} {tw.tahun} {tw.opd} ditutup.")
            return redirect(detail)
    return render(
        request,
        "kinerja/triwulan_tutup.html",
        {
            "tw": tw,
            "rincian": selectors_tutup.rincian_penutupan(tw),
            "galat": galat,
            "alasan": request.POST.get("alasan", ""),
        },
        status=status,
    )


@login_required
@require_GET
def triwulan_detail(request, pk):
    """One quarter: its status, every close with the rows it left behind, its history."""
    tw = _triwulan(request, pk)
    return render(
        request,
        "kinerja/triwulan_detail.html",
        {
            "tw": tw,
            "penutupan": list(
                PenutupanTriwulan.objects.filter(triwulan=tw)
                .select_related("oleh")
                .order_by("-waktu", "-pk")
            ),
            "riwayat": list(
                RiwayatTriwulan.objects.filter(triwulan=tw)
                .select_related("oleh")
                .order_by("-created_at", "-pk")
            ),
        },
    )
