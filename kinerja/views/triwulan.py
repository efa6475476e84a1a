import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from kinerja.forms import TriwulanBukaForm
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
    opds = list(_opd_terlihat(request.user).order_by("nama"))
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
        .select_related("triwulan__opd", "oleh")
        .order_by("-created_at")[:50]
    )
    tabel = [(opd, [(q, by_opd.get(opd.pk, {}).get(q)) for q in (1, 2, 3, 4)]) for opd in opds]
    return render(
        request,
        "kinerja/triwulan_list.html",
        {
            "tabel": tabel,
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


@login_required
@require_POST
def triwulan_tutup(request, pk):
    access.require_role(request.user, roles.ADMIN)
    tw = get_object_or_404(
        TriwulanPelaporan.objects.filter(opd__in=_opd_terlihat(request.user)), pk=pk
    )
    try:
        services.triwulan_tutup(
            user=request.user, triwulan_pelaporan=tw, alasan=request.POST.get("alasan", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{tw.get_triwulan_display()} {tw.tahun} {tw.opd} ditutup.")
    return _kembali(tw.tahun)
