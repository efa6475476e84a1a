from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from sakip import access, roles
from sakip.navigation import nav_for

# Where each role starts (issue 4 item 1); the first route that exists wins, so a role
# whose own page is not routed yet still lands somewhere useful.
HOME_BY_ROLE = [
    (roles.OPERATOR, ["kinerja:entri"]),
    (roles.VERIFIKATOR, ["kinerja:verifikasi"]),
    (roles.ADMIN, ["kinerja:triwulan_list"]),
    (roles.KEPALA_DINAS, ["kinerja:dasbor_opd"]),
    (roles.PERENCANA, ["kinerja:dasbor_opd", "kinerja:entri"]),
    (roles.PIMPINAN, ["kinerja:dasbor_pemda"]),
    (roles.INSPEKTORAT, ["evaluasi:beranda"]),
]


def home_url_for(user):
    for role, names in HOME_BY_ROLE:
        if not access.has_role(user, role) or (user.is_superuser and role != roles.ADMIN):
            continue
        for name in names:
            try:
                return reverse(name)
            except NoReverseMatch:
                continue
    return None


@login_required
@require_GET
def home(request):
    url = home_url_for(request.user)
    if url:
        return redirect(url)
    user = request.user
    tanpa_peran = access.tanpa_peran(user)
    return render(
        request,
        "sakip/beranda.html",
        {"sections": [] if tanpa_peran else nav_for(user), "tanpa_peran": tanpa_peran},
    )
