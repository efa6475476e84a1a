"""A NUL character anywhere in a request is answered 400 with a message, never a 500
(PostgreSQL refuses NUL in text parameters; issue "[2 of 9] Hardening", item 6)."""

import pytest
from django.urls import reverse

from sakip.middleware import NUL_PESAN
from tests.kinerja.dunia import siapkan

pytestmark = pytest.mark.django_db


@pytest.fixture
def d(settings, tmp_path):
    return siapkan(settings, tmp_path)


def test_a_nul_in_the_verification_code_is_a_bad_request(client):
    response = client.get("/verifikasi/%00/")
    assert response.status_code == 400
    assert response.content.decode() == NUL_PESAN


def test_a_nul_in_a_query_value_is_a_bad_request(client, d):
    client.force_login(d.operator)
    for url in (
        reverse("kinerja:entri") + "?unit=%00",
        reverse("kinerja:realisasi_list") + "?q=a%00b",
        reverse("kinerja:indikator_list") + "?a%00=1",
    ):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "tidak sah" in response.content.decode()


def test_a_nul_in_a_form_field_is_refused_and_nothing_is_saved(client, d):
    client.force_login(d.operator)
    url = reverse("kinerja:realisasi_simpan", args=[d.tahun, d.triwulan, d.ind_persen.pk])
    response = client.post(url, {"nilai": "70", "versi": 0, "penjelasan": "a\x00b"})
    assert response.status_code == 400
    assert not d.ind_persen.realisasi_set.exists()


def test_a_nul_in_the_login_form_is_refused(client):
    response = client.post(reverse("login"), {"username": "a\x00", "password": "x"})
    assert response.status_code == 400


def test_requests_without_nul_pass_untouched(client, d):
    client.force_login(d.operator)
    assert client.get(reverse("kinerja:entri") + f"?unit={d.unit_a.pk}").status_code == 200
    assert client.get("/verifikasi/TIDAKADA/").status_code == 404
