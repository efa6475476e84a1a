"""The task queue (issue 15 item 1): documents and uploads run as Celery tasks recorded in
our own job table, with a real worker started in a thread (celery.contrib.testing.worker)
against a transactional test database, once with the embedded file-system transport and
once with Redis (a Redis variant may skip only when CI is unset). The rest of the suite
runs tasks eagerly (tests/conftest.py)."""

import datetime
import os
import threading
import time
import uuid

import pytest
import redis
from celery import Celery
from celery.contrib.testing.worker import start_worker
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from anggaran import renstra_xlsx
from anggaran import tasks as anggaran_tasks  # noqa: F401  (the tasks the worker runs)
from kinerja import tasks as kinerja_tasks
from laporan import pdf
from laporan import tasks as laporan_tasks  # noqa: F401
from laporan.models import DokumenTerbit
from sakip import antrian, roles
from sakip.celery import app as celery_app
from sakip.models import Pekerjaan
from tests.builders import build_opd
from tests.excel.helpers import as_file, buat_rencana, dump_rencana, periode_of
from tests.factories import OPDFactory, PenggunaFactory

PDF = b"%PDF-1.7\n%uji antrian\n"
TUNGGU = 30  # seconds a test waits for the worker at most
REDIS_URL = os.environ.get("SAKIP_TEST_REDIS_URL", "redis://127.0.0.1:6379/3")

transaksional = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _broker(jenis, tmp_path):
    if jenis == "redis":
        try:
            redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
        except redis.RedisError as exc:
            if os.environ.get("CI"):
                pytest.fail(f"CI: Redis tidak dapat dihubungi di {REDIS_URL} ({exc}).")
            pytest.skip(f"Redis tidak ada di {REDIS_URL} (CI tidak diset).")
        return {"broker_url": REDIS_URL, "broker_transport_options": {}}
    folders = {
        "data_folder_in": tmp_path / "antrian" / "pesan",
        "data_folder_out": tmp_path / "antrian" / "pesan",
        "processed_folder": tmp_path / "antrian" / "diproses",
        "control_folder": tmp_path / "antrian" / "kendali",
    }
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    return {
        "broker_url": "filesystem://",
        "broker_transport_options": {k: str(v) for k, v in folders.items()},
    }


def _app(jenis, tmp_path):
    app = Celery("sakip-uji", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(
        task_always_eager=False,
        # a queue of its own: a leftover message in a shared Redis is never ours
        task_default_queue=f"uji-{uuid.uuid4().hex[:8]}",
        **_broker(jenis, tmp_path),
    )
    return app


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(params=["filesystem", "redis"])
def pekerja(request, tmp_path, media):
    """A Celery worker in a thread of this process, on the broker of the parameter."""
    if connection.vendor == "sqlite":
        # The in-memory SQLite test database is shared between threads through one cache,
        # whose table locks fail a worker thread's write at random ("database table is
        # locked"); CI's PostgreSQL pass runs these tests on both brokers.
        pytest.skip("worker-thread tests run on PostgreSQL (SQLite's shared cache locks)")
    app = _app(request.param, tmp_path)
    try:
        with start_worker(app, perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10):
            yield app
    finally:
        celery_app.set_current()
        celery_app.set_default()


@pytest.fixture
def tanpa_pekerja(tmp_path, media):
    """The queue without any worker: jobs stay queued."""
    app = _app("filesystem", tmp_path)
    app.set_current()
    yield app
    celery_app.set_current()


class Render:
    """A stub of WeasyPrint that counts its renders and may hold them until released."""

    def __init__(self):
        self.jumlah = 0
        self.lepas = threading.Event()
        self.lepas.set()

    def __call__(self, html, base_url=None):
        self.jumlah += 1
        self.lepas.wait(TUNGGU)
        return pdf.RenderedPdf(content=PDF, halaman=1)


@pytest.fixture
def render(monkeypatch):
    stub = Render()
    monkeypatch.setattr(pdf, "html_to_pdf", stub)
    return stub


@pytest.fixture
def dunia():
    rencana = build_opd(sasaran=1, program_per_sasaran=1, kegiatan_per_program=1)
    perencana = PenggunaFactory(username="perencana-uji", opd=rencana.opd, role="Perencana")
    return rencana, perencana


def _tunggu(pk, selesai=(Pekerjaan.Status.SELESAI, Pekerjaan.Status.GAGAL)):
    batas = time.monotonic() + TUNGGU
    while time.monotonic() < batas:
        pekerjaan = Pekerjaan.objects.get(pk=pk)
        if pekerjaan.status in selesai:
            return pekerjaan
        time.sleep(0.1)
    raise AssertionError(f"Pekerjaan {pk} belum selesai setelah {TUNGGU} detik: {pekerjaan}")


def _pk_dari(response):
    assert response.status_code == 302, response.content[:300]
    match = response.url.rstrip("/").rsplit("/", 1)
    assert response.url.startswith("/antrian/"), response.url
    return int(match[-1])


def _iku_pdf(rencana):
    return reverse("laporan:iku_pdf", args=[rencana.opd.slug, rencana.tahun])


@transaksional
def test_a_draft_pdf_requested_twice_renders_once(client, dunia, render, pekerja):
    rencana, perencana = dunia
    client.force_login(perencana)
    render.lepas.clear()  # the first render waits: the second request finds it running
    pk = _pk_dari(client.get(_iku_pdf(rencana)))
    assert _pk_dari(client.get(_iku_pdf(rencana))) == pk

    halaman = client.get(reverse("pekerjaan", args=[pk]))
    assert halaman.status_code == 200
    teks = halaman.content.decode()
    assert "Dokumen sedang disiapkan" in teks
    assert 'hx-trigger="every 2s"' in teks

    render.lepas.set()
    pekerjaan = _tunggu(pk)
    assert pekerjaan.status == Pekerjaan.Status.SELESAI, pekerjaan.pesan_galat
    assert pekerjaan.progres == 100 and pekerjaan.started_at and pekerjaan.finished_at
    assert render.jumlah == 1

    # done: the fragment offers the file (and stops polling); the file is the PDF
    fragmen = client.get(reverse("pekerjaan", args=[pk]), HTTP_HX_REQUEST="true")
    assert "every 2s" not in fragmen.content.decode()
    assert reverse("pekerjaan_berkas", args=[pk]) in fragmen.content.decode()
    berkas = client.get(reverse("pekerjaan_berkas", args=[pk]))
    assert berkas.status_code == 200 and b"".join(berkas.streaming_content) == PDF
    assert berkas["Content-Type"] == "application/pdf"

    # asked again unchanged: the stored draft, at once, without a new job or render
    lagi = client.get(_iku_pdf(rencana))
    assert lagi.status_code == 200 and lagi.content == PDF
    assert render.jumlah == 1
    assert Pekerjaan.objects.count() == 1
    assert DokumenTerbit.objects.count() == 1


@transaksional
def test_a_failed_task_shows_an_indonesian_message_and_leaves_nothing_half_written(
    client, dunia, render, pekerja, media, monkeypatch
):
    rencana, perencana = dunia
    client.force_login(perencana)

    def rusak(self, *args, **kwargs):
        raise RuntimeError("disk penuh")

    # the PDF's file is written, then its row cannot be: the file must go too
    monkeypatch.setattr(DokumenTerbit, "save", rusak)
    pk = _pk_dari(client.get(_iku_pdf(rencana)))
    pekerjaan = _tunggu(pk)
    assert pekerjaan.status == Pekerjaan.Status.GAGAL
    assert pekerjaan.pesan_galat == antrian.PESAN_UMUM
    assert not pekerjaan.berkas
    assert render.jumlah == 1
    assert not DokumenTerbit.objects.exists()
    tersisa = [p for p in (media / "dokumen").rglob("*") if p.is_file()] if media.exists() else []
    assert tersisa == []

    halaman = client.get(reverse("pekerjaan", args=[pk])).content.decode()
    assert "Pekerjaan gagal karena kesalahan di server; tidak ada yang disimpan." in halaman
    assert "every 2s" not in halaman  # no polling of a job that has ended
    assert client.get(reverse("pekerjaan_berkas", args=[pk])).status_code == 302


@transaksional
def test_a_job_no_worker_took_within_a_minute_says_so(client, dunia, render, tanpa_pekerja):
    rencana, perencana = dunia
    client.force_login(perencana)
    pk = _pk_dari(client.get(_iku_pdf(rencana)))
    url = reverse("pekerjaan", args=[pk])
    pesan = "Belum ada pekerja antrian yang mengambil pekerjaan ini; hubungi admin."
    assert pesan not in client.get(url).content.decode()
    Pekerjaan.objects.filter(pk=pk).update(
        created_at=timezone.now() - datetime.timedelta(seconds=61)
    )
    teks = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert pesan in teks
    assert "every 2s" in teks  # still polling: a worker may yet come
    assert render.jumlah == 0


# --- who may follow a job (sakip.antrian.boleh_lihat; the AKSES table covers the demo) ---


def _pekerjaan(pemilik, opd, *, terbuka_opd, unit_id=None):
    pekerjaan = Pekerjaan.objects.create(
        jenis="dokumen-pdf" if terbuka_opd else kinerja_tasks.PRATINJAU,
        pemilik=pemilik,
        opd=opd,
        unit_id=unit_id,
        terbuka_opd=terbuka_opd,
        status=Pekerjaan.Status.SELESAI,
        progres=100,
        content_type="application/pdf",
        nama_berkas="uji.pdf",
    )
    pekerjaan.berkas.save("uji.pdf", ContentFile(PDF))
    return pekerjaan


@pytest.mark.django_db
def test_a_document_job_is_open_to_the_readers_of_its_opd_and_an_upload_job_to_its_owner(
    client, media
):
    opd, lain = OPDFactory(), OPDFactory()
    pemilik = PenggunaFactory(opd=opd, role="Perencana")
    pembaca = PenggunaFactory(opd=opd, role="Kepala Dinas")
    luar = PenggunaFactory(opd=lain, role="Perencana")
    tanpa_peran = PenggunaFactory(opd=opd)
    dokumen = _pekerjaan(pemilik, opd, terbuka_opd=True)
    unggahan = _pekerjaan(pemilik, opd, terbuka_opd=False)

    def jawaban(user, pekerjaan, nama):
        client.force_login(user)
        return client.get(reverse(nama, args=[pekerjaan.pk])).status_code

    for nama in ("pekerjaan", "pekerjaan_berkas"):
        assert jawaban(pemilik, dokumen, nama) == 200
        assert jawaban(pembaca, dokumen, nama) == 200
        assert jawaban(luar, dokumen, nama) == 404
        assert jawaban(tanpa_peran, dokumen, nama) in (403, 404)
        assert jawaban(pemilik, unggahan, nama) == 200
        assert jawaban(pembaca, unggahan, nama) == 404
        assert jawaban(luar, unggahan, nama) == 404
    client.logout()
    assert client.get(reverse("pekerjaan", args=[dokumen.pk])).status_code == 302


@pytest.mark.django_db
def test_a_job_of_one_unit_is_not_open_to_another_unit_of_the_opd(client, media):
    rencana = build_opd(sasaran=1, program_per_sasaran=1, kegiatan_per_program=1)
    unit_a, unit_b = rencana.opd.unit_set.order_by("pk")[:2]
    pemilik = PenggunaFactory(opd=rencana.opd, unit=unit_a, role="Operator")
    sesama = PenggunaFactory(opd=rencana.opd, unit=unit_a, role="Operator")
    lain = PenggunaFactory(opd=rencana.opd, unit=unit_b, role="Operator")
    pekerjaan = _pekerjaan(pemilik, rencana.opd, terbuka_opd=True, unit_id=unit_a.pk)
    for user, kode in ((pemilik, 200), (sesama, 200), (lain, 404)):
        client.force_login(user)
        assert client.get(reverse("pekerjaan_berkas", args=[pekerjaan.pk])).status_code == kode


@transaksional
def test_the_renstra_import_runs_on_the_worker_and_its_page_shows_the_outcome(client, pekerja):
    periode = buat_rencana()
    opd = periode.opd
    sebelum = dump_rencana(periode)
    data = as_file(renstra_xlsx.renstra_export(periode)).getvalue()
    periode.delete()
    client.force_login(PenggunaFactory(role=roles.ADMIN, pemda=opd.pemda))

    response = client.post(
        reverse("anggaran:renstra_impor"),
        {
            "opd": opd.pk,
            "periode": "2021-2026",
            "berkas": SimpleUploadedFile("renstra.xlsx", data),
        },
    )
    pk = _pk_dari(response)
    assert "Sedang diproses" in client.get(reverse("pekerjaan", args=[pk])).content.decode()
    pekerjaan = _tunggu(pk)
    assert pekerjaan.status == Pekerjaan.Status.SELESAI, pekerjaan.pesan_galat
    assert not pekerjaan.masukan  # the uploaded workbook is not kept

    # the progress page (htmx) sends the browser on to the result, which reads the job
    polling = client.get(reverse("pekerjaan", args=[pk]), HTTP_HX_REQUEST="true")
    hasil_url = reverse("anggaran:renstra_impor_hasil", args=[pk])
    assert polling["HX-Redirect"] == hasil_url
    assert client.get(reverse("pekerjaan", args=[pk])).url == hasil_url
    hasil = client.get(hasil_url)
    assert hasil.status_code == 200
    assert "Renstra tersimpan" in hasil.content.decode()
    assert dump_rencana(periode_of(opd)) == sebelum


@pytest.mark.django_db
def test_two_requests_at_the_same_moment_make_one_job(monkeypatch, tanpa_pekerja):
    pemilik, opd = PenggunaFactory(), OPDFactory()

    def minta():
        return antrian.antrikan(
            laporan_tasks.buat_dokumen,
            jenis="dokumen-pdf",
            pemilik=pemilik,
            opd=opd,
            sidik="a" * 64,
            terbuka_opd=True,
        )

    pertama = minta()
    asli, panggilan = antrian.sama, []

    def belum_terlihat(*args, **kwargs):  # the second request looked before the first saved
        panggilan.append(args)
        return None if len(panggilan) == 1 else asli(*args, **kwargs)

    monkeypatch.setattr(antrian, "sama", belum_terlihat)
    assert minta().pk == pertama.pk
    assert Pekerjaan.objects.count() == 1


@pytest.mark.django_db
def test_a_poll_that_finds_the_document_done_also_changes_the_page_heading(client, media):
    opd = OPDFactory()
    pemilik = PenggunaFactory(opd=opd, role="Perencana")
    pekerjaan = _pekerjaan(pemilik, opd, terbuka_opd=True)
    client.force_login(pemilik)
    url = reverse("pekerjaan", args=[pekerjaan.pk])
    fragmen = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="judul-halaman" hx-swap-oob="true"' in fragmen and "Dokumen siap" in fragmen
    halaman = client.get(url).content.decode()
    assert "Dokumen siap" in halaman and "sedang disiapkan" not in halaman
    assert "hx-swap-oob" not in halaman


@pytest.mark.django_db
def test_a_running_job_with_no_progress_for_minutes_says_its_worker_stopped(
    client, media, settings
):
    settings.SAKIP_ANTRIAN_MACET_MENIT = 10
    opd = OPDFactory()
    pemilik = PenggunaFactory(opd=opd, role="Perencana")
    mulai = timezone.now() - datetime.timedelta(minutes=30)
    pekerjaan = Pekerjaan.objects.create(
        jenis="dokumen-pdf",
        pemilik=pemilik,
        opd=opd,
        status=Pekerjaan.Status.BERJALAN,
        progres=40,
        keterangan="Menata halaman 3",
        started_at=mulai,
        dilaporkan_at=timezone.now() - datetime.timedelta(minutes=9),
    )
    client.force_login(pemilik)
    url = reverse("pekerjaan", args=[pekerjaan.pk])
    pesan = "pekerja antrian kemungkinan berhenti di tengah jalan"
    assert pesan not in client.get(url, HTTP_HX_REQUEST="true").content.decode()
    Pekerjaan.objects.filter(pk=pekerjaan.pk).update(
        dilaporkan_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    teks = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert pesan in teks and "lebih dari 10 menit" in teks
    assert "every 2s" in teks  # a worker started again may still take it up


def test_progress_reports_record_the_jobs_last_sign_of_life(db, media):
    opd = OPDFactory()
    pekerjaan = Pekerjaan.objects.create(jenis="uji", pemilik=PenggunaFactory(opd=opd), opd=opd)
    waktu = []

    def kerja(p, lapor):
        waktu.append(Pekerjaan.objects.get(pk=p.pk).dilaporkan_at)
        lapor(50, "separuh")
        waktu.append(Pekerjaan.objects.get(pk=p.pk).dilaporkan_at)

    antrian.jalankan(pekerjaan.pk, kerja)
    assert waktu[0] is not None and waktu[1] >= waktu[0]
