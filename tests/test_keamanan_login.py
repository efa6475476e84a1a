"""Failed logins behind a reverse proxy (issue "[2 of 9] Hardening", item 5): the client
address is taken from X-Forwarded-For as far as the trusted proxies reach, one username
is locked at one address only, and a spray over many usernames from one address is
refused at a higher per-address limit."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from sakip.login_guard import client_ip
from tests.factories import PenggunaFactory

PROXY = "10.0.0.1"  # every request reaches the app from the proxy
A, B = "203.0.113.10", "198.51.100.20"
SANDI = "rahasia-uji-123"


def _ip(settings, count, remote=PROXY, forwarded=None):
    settings.SAKIP_PROXY_COUNT = count
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **meta))


def test_without_a_trusted_proxy_the_address_is_remote_addr_whatever_the_header(settings):
    assert _ip(settings, 0, forwarded=A) == PROXY


def test_behind_one_proxy_the_address_is_what_the_proxy_appended(settings):
    assert _ip(settings, 1, forwarded=A) == A
    # entries to the left were sent by the client and are ignored
    assert _ip(settings, 1, forwarded=f"{B}, {A}") == A
    assert _ip(settings, 2, forwarded=f"{B}, {A}, 10.0.0.9") == A


def test_a_request_that_did_not_pass_the_proxies_or_carries_garbage_keeps_remote_addr(settings):
    assert _ip(settings, 1) == PROXY
    assert _ip(settings, 2, forwarded=A) == PROXY
    assert _ip(settings, 1, forwarded="bukan-alamat") == PROXY


@pytest.fixture
def dibalik_proksi(settings, db):
    settings.SAKIP_PROXY_COUNT = 1
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings


def masuk(client, username, password, dari):
    client.logout()
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=dari,
    )


def test_failures_from_one_address_lock_the_user_there_but_not_elsewhere(client, dibalik_proksi):
    PenggunaFactory(username="u", role="Operator")
    limit = dibalik_proksi.AXES_FAILURE_LIMIT
    statuses = [masuk(client, "u", "salah", A).status_code for _ in range(limit)]
    assert statuses == [200] * (limit - 1) + [429]
    terkunci = masuk(client, "u", SANDI, A)
    assert terkunci.status_code == 429
    assert "Akun ini dikunci sementara" in terkunci.content.decode()
    assert masuk(client, "u", SANDI, B).status_code == 302


def test_spraying_many_usernames_from_one_address_is_throttled_at_the_address_limit(
    client, dibalik_proksi
):
    dibalik_proksi.SAKIP_LOGIN_PER_ADDRESS_LIMIT = 6
    users = [PenggunaFactory(username=f"u{i}", role="Operator").username for i in range(8)]
    statuses = [masuk(client, name, "salah", A).status_code for name in users]
    # each username fails once only, far below the per-user limit of 5
    assert statuses == [200] * 6 + [429] * 2
    ditolak = masuk(client, "u0", SANDI, A)
    assert ditolak.status_code == 429
    assert "dari alamat ini" in ditolak.content.decode()
    assert masuk(client, "u0", SANDI, B).status_code == 302


def test_the_address_limit_is_off_at_zero(client, dibalik_proksi):
    dibalik_proksi.SAKIP_LOGIN_PER_ADDRESS_LIMIT = 0
    for i in range(8):
        PenggunaFactory(username=f"v{i}", role="Operator")
        assert masuk(client, f"v{i}", "salah", A).status_code == 200
    assert masuk(client, "v0", SANDI, A).status_code == 302
