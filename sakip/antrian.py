"""The task queue's side of our job table (README, "Antrian").

    antrikan(tugas, jenis=…, pemilik=…, …) -> Pekerjaan   queue a job (or reuse the one with
                                                           the same fingerprint) and send it
    jalankan(pk, kerja)                                    run a job inside a Celery task
    boleh_lihat(user, pekerjaan)                           who may follow / download it

A task's work function gets the job and `lapor(progres, keterangan)`; it writes inside a
transaction and raises GagalPekerjaan with an Indonesian message when it refuses. Any other
exception is logged and the job ends "gagal" with a plain message; either way a produced
file is deleted and nothing stays half-written."""

import logging

from celery import current_app
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone

from sakip import access
from sakip.models import Pekerjaan

logger = logging.getLogger(__name__)

PESAN_UMUM = (
    "Pekerjaan gagal karena kesalahan di server; tidak ada yang disimpan. "
    "Coba lagi, atau hubungi admin bila terulang."
)
PESAN_ANTRIAN_MATI = (
    "Antrian pekerjaan tidak dapat dihubungi; tidak ada yang dikerjakan. Hubungi admin."
)
AKTIF = (Pekerjaan.Status.ANTRI, Pekerjaan.Status.BERJALAN)


class GagalPekerjaan(Exception):
    """A job refused with a message for the user (Indonesian)."""


def berkas_ada(pekerjaan):
    return bool(pekerjaan.berkas) and pekerjaan.berkas.storage.exists(pekerjaan.berkas.name)


def sama(jenis, sidik, *, opd=None, unit_id=None):
    """The queued, running or finished job of this kind and fingerprint (a finished one only
    while its file is still there), or None."""
    if not sidik:
        return None
    qs = Pekerjaan.objects.filter(
        jenis=jenis,
        sidik=sidik,
        opd=opd,
        unit_id=unit_id,
        status__in=[*AKTIF, Pekerjaan.Status.SELESAI],
    ).order_by("-created_at")
    for pekerjaan in qs[:3]:
        if pekerjaan.aktif or not pekerjaan.berkas or berkas_ada(pekerjaan):
            return pekerjaan
    return None


def antrikan(
    tugas,
    *,
    jenis,
    pemilik,
    opd=None,
    unit_id=None,
    params=None,
    sidik="",
    judul="",
    terbuka_opd=False,
    masukan=None,
    url_hasil="",
):
    """Record a job and send `tugas` (a Celery task taking the job's id) to the queue. A job
    of the same kind and fingerprint that is queued, running or done is returned instead:
    pressing the button twice renders once. Under CELERY_TASK_ALWAYS_EAGER the task has
    run when this returns."""
    ada = sama(jenis, sidik, opd=opd, unit_id=unit_id)
    if ada is not None:
        return ada
    pekerjaan = Pekerjaan(
        jenis=jenis,
        judul=judul[:200],
        pemilik=pemilik,
        opd=opd,
        unit_id=unit_id,
        params=params or {},
        sidik=sidik,
        terbuka_opd=terbuka_opd,
        url_hasil="" if callable(url_hasil) else url_hasil,
        keterangan="Menunggu pekerja antrian",
    )
    if masukan is not None:
        pekerjaan.masukan.save(masukan.name.rsplit("/", 1)[-1] or "unggahan", masukan, save=False)
    try:
        with transaction.atomic():
            pekerjaan.save()
    except IntegrityError:
        # the same document asked for at the same moment: join the job that won
        _hapus_berkas(pekerjaan, "masukan")
        ada = sama(jenis, sidik, opd=opd, unit_id=unit_id)
        if ada is None:
            raise
        return ada
    if callable(url_hasil):  # the result page's address names the job
        pekerjaan.url_hasil = url_hasil(pekerjaan.pk)
        pekerjaan.save(update_fields=["url_hasil"])
    kirim(tugas, pekerjaan)
    pekerjaan.refresh_from_db()
    return pekerjaan


def kirim(tugas, pekerjaan):
    """Send the job to the queue once its row is committed (at once when eager)."""
    if current_app.conf.task_always_eager:
        tugas.apply(args=[pekerjaan.pk])
        return

    def _kirim():
        try:
            tugas.apply_async(args=[pekerjaan.pk], retry=False)
        except Exception:
            logger.exception("antrian: pekerjaan %s tidak terkirim", pekerjaan.pk)
            _gagal(pekerjaan.pk, PESAN_ANTRIAN_MATI)

    transaction.on_commit(_kirim)


def _hapus_berkas(pekerjaan, *fields):
    for name in fields:
        berkas = getattr(pekerjaan, name)
        if berkas:
            try:
                berkas.storage.delete(berkas.name)
            except OSError:
                logger.exception("antrian: berkas %s tidak terhapus", berkas.name)


def _gagal(pk, pesan):
    Pekerjaan.objects.filter(pk=pk).update(
        status=Pekerjaan.Status.GAGAL,
        pesan_galat=pesan,
        keterangan="Gagal",
        berkas="",
        finished_at=timezone.now(),
    )


def jalankan(pk, kerja):
    """Run `kerja(pekerjaan, lapor)` for job `pk` and record how it ended. A job that is
    already done (a message delivered twice) is left alone."""
    pekerjaan = Pekerjaan.objects.select_related("pemilik", "opd", "unit").filter(pk=pk).first()
    if pekerjaan is None or not pekerjaan.aktif:
        return
    mulai = timezone.now()
    Pekerjaan.objects.filter(pk=pk).update(
        status=Pekerjaan.Status.BERJALAN,
        started_at=mulai,
        progres=1,
        keterangan="Mulai dikerjakan",
    )
    pekerjaan.status, pekerjaan.started_at = Pekerjaan.Status.BERJALAN, mulai

    def lapor(progres, keterangan=""):
        # Progress is best effort: a busy database (SQLite's table lock while a request
        # writes) must not fail the job itself; the next step reports again.
        try:
            Pekerjaan.objects.filter(pk=pk).update(
                progres=max(0, min(99, int(progres))), keterangan=keterangan[:200]
            )
        except OperationalError:
            logger.warning("antrian: kemajuan pekerjaan %s tidak tercatat (basis data sibuk)", pk)

    try:
        kerja(pekerjaan, lapor)
    except GagalPekerjaan as exc:
        _hapus_berkas(pekerjaan, "berkas")
        _gagal(pk, str(exc))
    except Exception:
        logger.exception("antrian: pekerjaan %s (%s) gagal", pk, pekerjaan.jenis)
        _hapus_berkas(pekerjaan, "berkas")
        _gagal(pk, PESAN_UMUM)
    else:
        Pekerjaan.objects.filter(pk=pk).update(
            status=Pekerjaan.Status.SELESAI,
            progres=100,
            keterangan="Selesai",
            berkas=pekerjaan.berkas.name or "",
            nama_berkas=pekerjaan.nama_berkas,
            content_type=pekerjaan.content_type,
            hasil=pekerjaan.hasil,
            finished_at=timezone.now(),
        )
    finally:
        _hapus_berkas(pekerjaan, "masukan")
        if pekerjaan.masukan:
            Pekerjaan.objects.filter(pk=pk).update(masukan="")


def boleh_lihat(user, pekerjaan):
    """The owner; for a job open to its OPD (a document), whoever may read that OPD's
    documents, and when the job is one unit's, only that unit's accounts."""
    if not user.is_authenticated:
        return False
    if pekerjaan.pemilik_id == user.pk or user.is_superuser:
        return True
    if not pekerjaan.terbuka_opd or pekerjaan.opd is None:
        return False
    if not access.can_see_opd(user, pekerjaan.opd):
        return False
    return pekerjaan.unit_id is None or pekerjaan.unit_id == user.unit_id


def belum_diambil(pekerjaan, detik):
    """Queued longer than `detik` seconds without a worker taking it."""
    return (
        pekerjaan.status == Pekerjaan.Status.ANTRI
        and (timezone.now() - pekerjaan.created_at).total_seconds() > detik
    )
