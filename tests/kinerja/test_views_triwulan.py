"""Quarter control for the admin (issue 4 item 4)."""

import pytest
from django.urls import reverse

from kinerja import selectors_tutup
from renstra.models import RiwayatTriwulan, TriwulanPelaporan
from tests.kinerja.dunia import siapkan, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def d(db, settings, tmp_path):
    return siapkan(settings, tmp_path)


def test_admin_sees_every_opd_of_the_pemda_and_its_quarters(client, d):
    client.force_login(d.admin)
    body = client.get(reverse("kinerja:triwulan_list") + "?tahun=2025").content.decode()
    assert d.opd.nama in body and d.opd_lain.nama in body
    assert d.opd_jauh.nama not in body
    assert "Dibuka" in body and "Belum dibuka" in body


def test_a_superuser_sees_the_opds_of_several_pemdas_told_apart(client, d, django_user_model):
    root = django_user_model.objects.create_superuser("root-tw", "root@example.invalid", "x")
    client.force_login(root)
    body = client.get(reverse("kinerja:triwulan_list") + "?tahun=2025").content.decode()
    assert d.opd.nama in body and d.opd_jauh.nama in body
    assert d.opd.pemda.nama in body and d.opd_jauh.pemda.nama in body


def test_an_admin_of_one_pemda_is_not_shown_pemda_names(client, d):
    client.force_login(d.admin)
    body = client.get(reverse("kinerja:triwulan_list") + "?tahun=2025").content.decode()
    assert d.opd_jauh.pemda.nama not in body


def test_admin_opens_a_quarter_and_it_is_recorded(client, d):
    client.force_login(d.admin)
    response = client.post(
        reverse("kinerja:triwulan_buka"),
        {"opd": d.opd.pk, "tahun": 2025, "triwulan": 3},
        follow=True,
    )
    assert "dibuka" in response.content.decode()
    tw = TriwulanPelaporan.objects.get(opd=d.opd, tahun=2025, triwulan=3)
    assert tw.status == TriwulanPelaporan.Status.BUKA
    assert tw.riwayat_set.get().aksi == "buka"


def _tutup(client, d):
    """Close through the confirmation page, as the admin does."""
    url = reverse("kinerja:triwulan_tutup", args=[d.tw.pk])
    sidik = selectors_tutup.rincian_penutupan(d.tw).sidik
    assert client.post(url, {"sidik": sidik, "setuju": "ya"}).status_code == 302


def test_closing_makes_the_quarter_read_only_for_everybody(client, d):
    client.force_login(d.admin)
    _tutup(client, d)
    d.tw.refresh_from_db()
    assert d.tw.status == TriwulanPelaporan.Status.TUTUP
    for who in ("operator", "perencana"):
        client.force_login(getattr(d, who))
        page = client.get(reverse("kinerja:entri") + f"?unit={d.unit_a.pk}").content.decode()
        assert 'name="nilai"' not in page and "Triwulan ditutup" in page


def test_reopening_requires_a_reason_which_is_recorded(client, d):
    client.force_login(d.admin)
    _tutup(client, d)
    before = snapshot()
    page = client.post(
        reverse("kinerja:triwulan_buka"),
        {"opd": d.opd.pk, "tahun": 2025, "triwulan": 2, "alasan": " "},
        follow=True,
    ).content.decode()
    assert "wajib disertai alasan" in page
    assert snapshot() == before
    page = client.post(
        reverse("kinerja:triwulan_buka"),
        {"opd": d.opd.pk, "tahun": 2025, "triwulan": 2, "alasan": "Perbaikan data permakanan"},
        follow=True,
    ).content.decode()
    d.tw.refresh_from_db()
    assert d.tw.status == TriwulanPelaporan.Status.BUKA
    last = RiwayatTriwulan.objects.filter(triwulan=d.tw).order_by("-created_at", "-pk").first()
    assert (last.aksi, last.alasan, last.oleh) == (
        "buka kembali",
        "Perbaikan data permakanan",
        d.admin,
    )
    assert "Perbaikan data permakanan" in page  # shown in the history table


def test_bad_quarter_input_gets_an_indonesian_message(client, d):
    client.force_login(d.admin)
    before = snapshot()
    page = client.post(
        reverse("kinerja:triwulan_buka"),
        {"opd": d.opd.pk, "tahun": "dua ribu", "triwulan": 7},
        follow=True,
    ).content.decode()
    assert "Tahun harus berupa angka." in page
    assert snapshot() == before


def test_admin_of_another_pemda_cannot_touch_the_quarter(client, d):
    client.force_login(d.admin_lain)
    before = snapshot()
    assert client.post(reverse("kinerja:triwulan_tutup", args=[d.tw.pk])).status_code == 404
    assert (
        client.post(
            reverse("kinerja:triwulan_buka"), {"opd": d.opd.pk, "tahun": 2025, "triwulan": 3}
        ).status_code
        == 404
    )
    assert snapshot() == before
