"""The number preview endpoint (sakip.views.angka_baca) answers with the server's reading
of the table of the number rule, so the page and the server cannot disagree."""

import pytest
from django.urls import reverse

from renstra import demo
from renstra.models import PerangkatDaerah
from sakip import angka as fmt
from sakip import roles
from tests.factories import PenggunaFactory
from tests.sakip.tabel_angka import DITOLAK, TERBACA

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_masuk(client):
    client.force_login(PenggunaFactory(role=roles.OPERATOR))
    return client


def baca(client, **params):
    response = client.get(reverse("angka_baca"), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("typed, value, reading", TERBACA)
def test_preview_shows_the_reading_of_the_server_when_it_is_not_obvious(
    client_masuk, typed, value, reading
):
    body = baca(client_masuk, nilai=typed)
    if fmt.bacaan(typed):
        assert f"dibaca: {reading}" in body
    else:
        assert "dibaca" not in body


@pytest.mark.parametrize("typed, fragment", DITOLAK)
def test_preview_shows_the_refusal_of_the_server(client_masuk, typed, fragment):
    assert fragment in baca(client_masuk, nilai=typed)


def test_preview_refuses_a_fraction_of_a_counted_unit(client_masuk):
    assert "satuan orang dihitung utuh" in baca(client_masuk, nilai="12,5", satuan="orang")
    assert "dihitung utuh" not in baca(client_masuk, nilai="12,5", satuan="%")


def test_preview_of_a_ratio_shows_its_value_with_two_decimals(client_masuk):
    body = baca(client_masuk, pembilang="1.277", penyebut="1.816", pengali="100")
    assert "70,32" in body
    assert "penyebut tidak boleh 0" in baca(client_masuk, pembilang="5", penyebut="0")


def test_preview_reads_a_field_named_otherwise(client_masuk):
    assert "dibaca: 1.250.000" in baca(client_masuk, jumlah="1250000", nilai_dari="jumlah")


def test_preview_asks_anonymous_users_to_sign_in(client):
    response = client.get(reverse("angka_baca"), {"nilai": "1"})
    assert response.status_code == 302


def test_preview_leaves_a_target_written_as_text_alone(client_masuk):
    body = baca(client_masuk, **{"t-1-tahunan": "=Tersedia", "nilai_dari": "t-1-tahunan"})
    assert "bukan angka" not in body and "dibaca" not in body


def test_target_form_cells_ask_the_server_for_their_reading(client, seed_data):
    opd = PerangkatDaerah.objects.get(slug=demo.DEMO_OPD_SLUG)
    client.force_login(demo.create_demo_users(opd)["perencana"])
    page = client.get(reverse("laporan:target_ubah", args=[opd.slug, 2025])).content.decode()
    assert reverse("angka_baca") in page and 'id="bacaan-t-' in page


def test_preview_reads_the_one_field_a_form_sends(client_masuk):
    assert "dibaca: 1.250" in baca(client_masuk, **{"aksi-volume": "1250"})


def test_rencana_aksi_volume_asks_the_server_for_its_reading(client, seed_data):
    opd = PerangkatDaerah.objects.get(slug=demo.DEMO_OPD_SLUG)
    client.force_login(demo.create_demo_users(opd)["perencana"])
    unit = opd.unit_set.order_by("pk").first()
    url = reverse("laporan:rencana_aksi_ubah", args=[opd.slug, 2025, unit.slug])
    page = client.get(url).content.decode()
    assert f'hx-get="{reverse("angka_baca")}"' in page and "bacaan-angka" in page
