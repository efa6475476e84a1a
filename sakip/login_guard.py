"""Who is knocking, and how often: the client address behind a trusted proxy, and a
per-address ceiling on failed logins across usernames.

django-axes locks one username at one address (AXES_LOCKOUT_PARAMETERS) after
AXES_FAILURE_LIMIT failures, and it has a single limit for every parameter set. A second,
higher limit per address (a password spray over many usernames) is therefore checked here,
counted from the attempts axes already records in the database, so every gunicorn worker
sees the same count."""

import ipaddress

from axes.helpers import get_client_ip_address, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.utils import timezone


def client_ip(request):
    """The client's address (AXES_CLIENT_IP_CALLABLE).

    With SAKIP_PROXY_COUNT = 0 it is REMOTE_ADDR. Behind N trusted proxies, each appending
    the address it saw to X-Forwarded-For, it is the N-th entry from the right: entries
    further left were written by the client and can be forged. A request with fewer
    entries than trusted proxies did not come through them; it keeps REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.SAKIP_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def failures_from(address):
    """Failed logins recorded from `address` within the axes cool-off window, any username."""
    if not address:
        return 0
    attempts = AccessAttempt.objects.filter(ip_address=address)
    cool_off = get_cool_off()
    if cool_off:  # None: axes locks out for good, every recorded failure counts
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


class AddressThrottleBackend:
    """First of AUTHENTICATION_BACKENDS: refuses any login, even with the right password,
    from an address with SAKIP_LOGIN_PER_ADDRESS_LIMIT failures in the window. It marks the
    request the way axes does, so AxesMiddleware answers with the lockout page (429), whose
    text then names the address rather than the account. It has no get_user: it never
    logs anybody in, and Django picks the first backend with one for a session."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        limit = settings.SAKIP_LOGIN_PER_ADDRESS_LIMIT
        if request is None or not limit:
            return None
        if failures_from(get_client_ip_address(request)) < limit:
            return None
        request.axes_locked_out = True
        request.sakip_batas_alamat = True
        raise PermissionDenied("Terlalu banyak percobaan masuk yang gagal dari alamat ini.")
