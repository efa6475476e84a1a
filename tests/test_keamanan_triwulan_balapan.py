"""A save in flight and the close of its quarter take the same lock (issue "[2 of 9]
Hardening", item 7): the close waits for a save that has begun, and a save that comes
while a close is in flight waits for it and is then refused. Two real connections, so
PostgreSQL only: on SQLite every write transaction takes the database's write lock at
BEGIN ("transaction_mode": "IMMEDIATE" in sakip/settings.py), which serialises them."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from anggaran.models import RealisasiAnggaran
from anggaran.services import realisasi_anggaran_simpan
from kinerja import excel
from kinerja import services as kinerja_services
from kinerja.models import Realisasi
from renstra import services
from renstra.models import TriwulanPelaporan
from tests.kinerja.dunia import siapkan

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs two concurrent connections with row locks (PostgreSQL)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TUNGGU = 10  # seconds; a healthy run needs a fraction of one


def simpan_kinerja(d):
    kinerja_services.realisasi_simpan(
        user=d.operator,
        indikator=d.ind_persen,
        tahun=d.tahun,
        triwulan=d.triwulan,
        versi=0,
        nilai="70",
    )


def simpan_anggaran(d):
    realisasi_anggaran_simpan(
        user=d.operator,
        sub_kegiatan=d.sub_a,
        tahun=d.tahun,
        triwulan=d.triwulan,
        jumlah="1000",
        versi=0,
    )


def simpan_excel(d):
    perubahan = [
        {
            "jenis": "kinerja",
            "obj_id": d.ind_persen.pk,
            "versi": 0,
            "data": {"nilai": "70"},
            "sheet": "Kinerja",
            "baris": 2,
            "label": "Baris 2",
        }
    ]
    kesalahan = excel.terapkan(
        user=d.operator,
        unit=d.unit_a,
        tahun=d.tahun,
        triwulan=d.triwulan,
        perubahan=perubahan,
        simpan=True,
    )
    if kesalahan:
        raise ValidationError(" ".join(pesan for _, _, pesan in kesalahan))


SIMPAN = {"kinerja": simpan_kinerja, "anggaran": simpan_anggaran, "excel": simpan_excel}


def tersimpan(jenis, d):
    if jenis == "anggaran":
        return RealisasiAnggaran.objects.filter(sub_kegiatan=d.sub_a).exists()
    return Realisasi.objects.filter(indikator=d.ind_persen).exists()


class Utas(threading.Thread):
    """A thread with its own database connection; remembers what it raised."""

    def __init__(self, target):
        super().__init__(daemon=True)
        self.target, self.error, self.done = target, None, threading.Event()

    def run(self):
        try:
            self.target()
        except Exception as exc:  # noqa: BLE001 - the test inspects it
            self.error = exc
        finally:
            self.done.set()
            connection.close()


@pytest.fixture
def d(settings, tmp_path):
    return siapkan(settings, tmp_path)


@pytest.mark.parametrize("jenis", list(SIMPAN))
def test_the_close_waits_for_a_save_in_flight_and_the_save_lands(d, jenis):
    disimpan, lepas, urutan = threading.Event(), threading.Event(), []

    def simpan():
        with transaction.atomic():
            SIMPAN[jenis](d)
            disimpan.set()
            lepas.wait(TUNGGU)  # the save's transaction stays open here
        urutan.append("simpan")

    def tutup():
        services.triwulan_tutup(user=d.admin, triwulan_pelaporan=d.tw)
        urutan.append("tutup")

    penyimpan = Utas(simpan)
    penyimpan.start()
    assert disimpan.wait(TUNGGU), penyimpan.error
    penutup = Utas(tutup)
    penutup.start()
    assert not penutup.done.wait(0.5), "the close did not wait for the save in flight"
    lepas.set()
    penyimpan.join(TUNGGU)
    penutup.join(TUNGGU)
    assert (penyimpan.error, penutup.error) == (None, None)
    assert urutan == ["simpan", "tutup"]
    assert tersimpan(jenis, d)
    assert TriwulanPelaporan.objects.get(pk=d.tw.pk).status == TriwulanPelaporan.Status.TUTUP


@pytest.mark.parametrize("jenis", list(SIMPAN))
def test_a_save_during_a_close_in_flight_waits_and_is_refused(d, jenis):
    ditutup, lepas = threading.Event(), threading.Event()

    def tutup():
        with transaction.atomic():
            services.triwulan_tutup(user=d.admin, triwulan_pelaporan=d.tw)
            ditutup.set()
            lepas.wait(TUNGGU)

    penutup = Utas(tutup)
    penutup.start()
    assert ditutup.wait(TUNGGU), penutup.error
    penyimpan = Utas(lambda: SIMPAN[jenis](d))
    penyimpan.start()
    assert not penyimpan.done.wait(0.5), "the save did not wait for the close in flight"
    lepas.set()
    penutup.join(TUNGGU)
    penyimpan.join(TUNGGU)
    assert penutup.error is None
    assert isinstance(penyimpan.error, ValidationError)
    assert "sudah ditutup" in " ".join(penyimpan.error.messages)
    assert not tersimpan(jenis, d)
