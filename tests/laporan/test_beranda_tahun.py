"""The documents page opens on the current reporting year (issue 13 item 3): the year of
the latest open quarter, else the latest year with data, not the calendar year or the first
year of the plan."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.models import Realisasi
from laporan import selectors
from renstra.models import TriwulanPelaporan
from tests.kinerja.dunia import siapkan

pytestmark = pytest.mark.django_db


@pytest.fixture
def d(db, settings, tmp_path):
    return siapkan(settings, tmp_path)


def _ke(client, d, user):
    client.force_login(user)
    response = client.get(reverse("laporan:beranda"))
    assert response.status_code == 302
    return response["Location"]


def test_the_year_of_the_open_quarter_wins_over_a_later_closed_one(client, d):
    TriwulanPelaporan.objects.create(
        opd=d.opd, tahun=2026, triwulan=1, status=TriwulanPelaporan.Status.TUTUP
    )
    assert _ke(client, d, d.perencana) == reverse("laporan:indeks", args=[d.opd.slug, 2025])


def test_without_an_open_quarter_the_latest_year_with_data(client, d):
    TriwulanPelaporan.objects.filter(pk=d.tw.pk).update(status=TriwulanPelaporan.Status.TUTUP)
    TriwulanPelaporan.objects.create(
        opd=d.opd, tahun=2023, triwulan=4, status=TriwulanPelaporan.Status.TUTUP
    )
    assert _ke(client, d, d.kadis) == reverse("laporan:indeks", args=[d.opd.slug, 2025])
    TriwulanPelaporan.objects.filter(opd=d.opd).delete()
    Realisasi.objects.create(indikator=d.ind_persen, tahun=2022, triwulan=4, nilai=5)
    assert selectors.tahun_pelaporan([d.opd.pk]) == 2022
    assert _ke(client, d, d.kadis) == reverse("laporan:indeks", args=[d.opd.slug, 2022])


def test_with_no_data_at_all_the_calendar_year(client, d):
    TriwulanPelaporan.objects.filter(opd=d.opd).delete()
    tahun = timezone.localdate().year
    assert _ke(client, d, d.kadis) == reverse("laporan:indeks", args=[d.opd.slug, tahun])


def test_a_year_asked_for_stands(client, d):
    client.force_login(d.perencana)
    response = client.get(reverse("laporan:beranda") + "?tahun=2023")
    assert response["Location"] == reverse("laporan:indeks", args=[d.opd.slug, 2023])


def test_the_pemda_wide_reader_chooses_an_opd_in_the_reporting_year(client, d):
    client.force_login(d.pimpinan)
    body = client.get(reverse("laporan:beranda")).content.decode()
    assert reverse("laporan:indeks", args=[d.opd.slug, 2025]) in body
    assert "tahun 2025" in body
