"""Request-wide guards that no single view should have to remember."""

from django.http import HttpResponseBadRequest
from django.shortcuts import render

from sakip import access

# The pages an account without a role may still open: signing in and out, its own
# password, the page that tells it it has no role ("home"), the public check of a printed
# document and the admin's own login. Static files never get here (WhiteNoise answers
# them first).
TANPA_PERAN_BOLEH = frozenset(
    {
        "home",
        "login",
        "logout",
        "password_change",
        "password_change_done",
        "laporan:verifikasi",
        "admin:login",
        "admin:logout",
    }
)


class RoleRequiredMiddleware:
    """An authenticated account without any role (not superuser, in no role group) gets
    403 with the "no role" page on every URL outside TANPA_PERAN_BOLEH: the one access
    rule for role-less accounts, so no view can leak an OPD's data or evidence to them by
    forgetting a role check. Runs after the URL is resolved, so unknown paths stay 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name in TANPA_PERAN_BOLEH:
            return None
        if not access.tanpa_peran(request.user):
            return None
        return render(
            request,
            "sakip/beranda.html",
            {"sections": [], "tanpa_peran": True},
            status=403,
        )


NUL_PESAN = "Permintaan ditolak: alamat atau isian memuat karakter yang tidak sah."


def _ada_nul(querydict):
    return any(
        "\x00" in key or any("\x00" in v for v in values) for key, values in querydict.lists()
    )


class RejectNulMiddleware:
    """A NUL character in the path, the query or a form field is never a legitimate
    request, and PostgreSQL refuses it in any text parameter (a 500 deep in a view).
    Answer 400 before anything reaches the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            "\x00" in request.path_info
            or _ada_nul(request.GET)
            or (request.method == "POST" and _ada_nul(request.POST))
        ):
            return HttpResponseBadRequest(NUL_PESAN, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
