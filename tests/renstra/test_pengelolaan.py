"""The Pemda admin's pages (issue 12): a non-superuser Admin manages the users, units and
officials of their own Pemda in the application, and only those. Every persona's answer
is in the access matrix (tests/test_matriks_akses.py); these are the rules behind it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renstra.models import Pejabat, Pengguna, UnitKerja
from sakip import roles
from tests.factories import PenggunaFactory, UnitFactory
from tests.kinerja.dunia import siapkan

pytestmark = pytest.mark.django_db


@pytest.fixture
def d(settings, tmp_path):
    return siapkan(settings, tmp_path)


def _masuk(client, user):
    client.force_login(user)
    return client


def test_the_pemda_admin_lists_only_the_accounts_of_their_own_pemda(client, d):
    super_ = PenggunaFactory(username="root", is_superuser=True, is_staff=True, pemda=d.pemda)
    teks = _masuk(client, d.admin).get(reverse("pengelolaan:pengguna_list")).content.decode()
    assert "operator_b" in teks and "perencana" in teks
    assert "admin_lain" not in teks and "operator_lain" in teks  # same Pemda, other OPD
    assert super_.username not in teks


def test_the_pemda_admin_adds_an_operator_to_a_unit_of_their_pemda(client, d):
    response = _masuk(client, d.admin).post(
        reverse("pengelolaan:pengguna_baru"),
        {
            "username": "operator_baru",
            "first_name": "Operator",
            "last_name": "Baru",
            "opd": d.opd.pk,
            "unit": d.unit_a.pk,
            "is_active": "on",
            "peran": [roles.OPERATOR],
            "kata_sandi": "Sandi-Baru-Uji-2025",
            "is_superuser": "on",  # not a field of the form: ignored
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    baru = Pengguna.objects.get(username="operator_baru")
    assert (baru.pemda, baru.opd, baru.unit) == (d.pemda, d.opd, d.unit_a)
    assert baru.has_role(roles.OPERATOR) and not baru.is_superuser and not baru.is_staff
    assert baru.check_password("Sandi-Baru-Uji-2025")


def test_an_opd_of_another_pemda_cannot_be_chosen(client, d):
    response = _masuk(client, d.admin).post(
        reverse("pengelolaan:pengguna_baru"),
        {"username": "penyusup", "opd": d.opd_jauh.pk, "kata_sandi": "Sandi-Baru-Uji-2025"},
    )
    assert response.status_code == 422
    assert not Pengguna.objects.filter(username="penyusup").exists()


def test_a_new_account_needs_a_password_that_passes_the_validators(client, d):
    client = _masuk(client, d.admin)
    url = reverse("pengelolaan:pengguna_baru")
    response = client.post(url, {"username": "tanpa_sandi", "opd": d.opd.pk})
    assert response.status_code == 422
    assert "Kata sandi wajib diisi" in response.content.decode()
    response = client.post(url, {"username": "sandi_lemah", "opd": d.opd.pk, "kata_sandi": "123"})
    assert response.status_code == 422
    assert not Pengguna.objects.filter(username__in=["tanpa_sandi", "sandi_lemah"]).exists()


def test_accounts_of_another_pemda_and_superusers_are_not_found(client, d):
    super_ = PenggunaFactory(username="root", is_superuser=True, is_staff=True, pemda=d.pemda)
    client = _masuk(client, d.admin)
    for user in (d.admin_lain, super_):
        url = reverse("pengelolaan:pengguna_ubah", args=[user.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"username": "dibajak"}).status_code == 404
    assert not Pengguna.objects.filter(username="dibajak").exists()


def test_an_admin_cannot_take_the_admin_role_from_their_own_account(client, d):
    response = _masuk(client, d.admin).post(
        reverse("pengelolaan:pengguna_ubah", args=[d.admin.pk]),
        {"username": d.admin.username, "is_active": "on", "peran": [roles.OPERATOR]},
    )
    assert response.status_code == 422
    assert "mencabut peran Admin" in response.content.decode()
    assert Pengguna.objects.get(pk=d.admin.pk).has_role(roles.ADMIN)


def test_the_pemda_admin_records_a_plt_with_eselon_term_and_superior(client, d):
    kepala = Pejabat.objects.create(
        pemda=d.pemda, opd=d.opd, nama="Dr. Kepala", jabatan="Kepala Dinas", is_kepala=True
    )
    response = _masuk(client, d.admin).post(
        reverse("pengelolaan:pejabat_baru"),
        {
            "opd": d.opd.pk,
            "unit": d.unit_a.pk,
            "nama": "Siti Uji, S.Sos.",
            "jabatan": "Kepala Bidang Rehabilitasi Sosial",
            "jenis_penugasan": "plt",
            "eselon": "III.b",
            "mulai_menjabat": "06/01/2025",
            "selesai_menjabat": "",
            "atasan": kepala.pk,
            "aktif": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    pejabat = Pejabat.objects.get(nama="Siti Uji, S.Sos.")
    assert pejabat.pemda == d.pemda and pejabat.atasan == kepala
    assert (pejabat.jenis_penugasan, pejabat.eselon) == ("plt", "III.b")
    assert pejabat.mulai_menjabat == datetime.date(2025, 1, 6)
    teks = client.get(reverse("pengelolaan:pejabat_list")).content.decode()
    assert "06/01/2025 – sekarang" in teks and "Plt. · eselon III.b" in teks


def test_a_term_that_ends_before_it_starts_is_refused_in_indonesian(client, d):
    response = _masuk(client, d.admin).post(
        reverse("pengelolaan:pejabat_baru"),
        {
            "opd": d.opd.pk,
            "nama": "Salah Tanggal",
            "jabatan": "Kepala Bidang",
            "jenis_penugasan": "definitif",
            "mulai_menjabat": "06/01/2025",
            "selesai_menjabat": "01/01/2025",
            "aktif": "on",
        },
    )
    assert response.status_code == 422
    assert "selesai menjabat sebelum tanggal mulai" in response.content.decode()
    assert not Pejabat.objects.filter(nama="Salah Tanggal").exists()


def test_units_of_another_pemda_are_not_found_and_not_offered(client, d):
    jauh = UnitFactory(opd=d.opd_jauh, nama="Bidang Jauh")
    client = _masuk(client, d.admin)
    assert client.get(reverse("pengelolaan:unit_ubah", args=[jauh.pk])).status_code == 404
    teks = client.get(reverse("pengelolaan:unit_baru")).content.decode()
    assert d.opd_jauh.nama not in teks
    response = client.post(
        reverse("pengelolaan:unit_ubah", args=[d.unit_a.pk]),
        {
            "opd": d.opd.pk,
            "nama": "Bidang Rehabilitasi Sosial Baru",
            "slug": d.unit_a.slug,
            "jenis": "bidang",
            "urutan": "1",
        },
    )
    assert response.status_code == 302
    assert UnitKerja.objects.get(pk=d.unit_a.pk).nama == "Bidang Rehabilitasi Sosial Baru"


def test_other_roles_are_refused(client, d):
    for user in (d.perencana, d.kadis, d.operator):
        _masuk(client, user)
        assert client.get(reverse("pengelolaan:pengguna_list")).status_code == 403
        assert client.get(reverse("pengelolaan:unit_ubah", args=[d.unit_a.pk])).status_code == 403


def _hitung(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("jenis", ["pengguna", "unit", "pejabat"])
def test_each_list_costs_the_same_queries_whatever_its_length(client, d, jenis):
    client = _masuk(client, d.admin)
    url = reverse(f"pengelolaan:{jenis}_list")
    sedikit = _hitung(client, url)
    for i in range(6):
        unit = UnitFactory(opd=d.opd, nama=f"Bidang Tambahan {i}")
        kepala = Pejabat.objects.create(
            pemda=d.pemda, opd=d.opd, unit=unit, nama=f"Pejabat {i}", jabatan="Kepala Bidang"
        )
        Pejabat.objects.create(
            pemda=d.pemda, opd=d.opd, nama=f"Staf {i}", jabatan="Kasubag", atasan=kepala
        )
        PenggunaFactory(username=f"tambahan_{i}", role=roles.OPERATOR, unit=unit)
    assert _hitung(client, url) == sedikit
