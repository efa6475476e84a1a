"""The confirmed close locks its quarter before it reads the list it compares (issue 13
item 4): a value typed into an empty row while the admin confirms makes the close wait for
that save and then refuse, because the list is no longer the one confirmed. Two real
connections, so PostgreSQL only (tests/test_keamanan_triwulan_balapan.py)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from kinerja import selectors_tutup, services_tutup
from kinerja.models import PenutupanTriwulan
from renstra.models import TriwulanPelaporan
from tests.kinerja.dunia import siapkan
from tests.test_keamanan_triwulan_balapan import TUNGGU, Utas, simpan_kinerja

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs two concurrent connections with row locks (PostgreSQL)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_save_in_flight_makes_the_confirmed_close_wait_and_refuse(settings, tmp_path):
    d = siapkan(settings, tmp_path)
    sidik = selectors_tutup.rincian_penutupan(d.tw).sidik  # the list the admin read
    disimpan, lepas = threading.Event(), threading.Event()

    def simpan():
        with transaction.atomic():
            simpan_kinerja(d)  # a value typed into an empty row
            disimpan.set()
            lepas.wait(TUNGGU)

    def tutup():
        services_tutup.triwulan_tutup_dengan_daftar(
            user=d.admin, triwulan_pelaporan=d.tw, sidik=sidik, setuju=True
        )

    penyimpan = Utas(simpan)
    penyimpan.start()
    assert disimpan.wait(TUNGGU), penyimpan.error
    penutup = Utas(tutup)
    penutup.start()
    assert not penutup.done.wait(0.5), "the close did not wait for the save in flight"
    lepas.set()
    penyimpan.join(TUNGGU)
    penutup.join(TUNGGU)
    assert penyimpan.error is None
    assert isinstance(penutup.error, ValidationError)
    assert penutup.error.code == "berubah"
    assert TriwulanPelaporan.objects.get(pk=d.tw.pk).status == TriwulanPelaporan.Status.BUKA
    assert not PenutupanTriwulan.objects.exists()
