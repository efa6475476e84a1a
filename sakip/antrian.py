"""The task queue's side of our job table (README, "Antrian").

    antrikan(tugas, jenis=…, pemilik=…, …) -> Pekerjaan   queue a job (or reuse the one with
                                                           the same fingerprint) and send it
    jalankan(pk, kerja)                                    run a job inside a Celery task
    boleh_lihat(user, pekerjaan)                           who may follow / download it
    belum_diambil(pekerjaan, detik), macet(pekerjaan, menit)  a job no worker took / whose
                                                           worker stopped in the middle
    bersihkan(hari=…, coba=…) -> Pembersihan               delete jobs ended `hari` days ago
                                                           and the files only they use

A task's work function gets the job and `lapor(progres, keterangan)`; it writes inside a
transaction and raises GagalPekerjaan with an Indonesian message when it refuses. Any other
exception is logged and the job ends "gagal" with a plain message; either way a produced
file is deleted and nothing stays half-written."""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from celery import current_app
from django.apps import apps
from django.db import IntegrityError, OperationalError, models, transaction
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
PESAN_DITINGGALKAN = (
    "Pekerjaan ini berhenti di tengah jalan (pekerja antrian mati) dan sudah lama tidak "
    "bergerak; tidak ada yang disimpan. Minta sekali lagi."
)
AKTIF = (Pekerjaan.Status.ANTRI, Pekerjaan.Status.BERJALAN)
BERAKHIR = (Pekerjaan.Status.SELESAI, Pekerjaan.Status.GAGAL)


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


def _akhir_gagal(pesan):
    return {
        "status": Pekerjaan.Status.GAGAL,
        "pesan_galat": pesan,
        "keterangan": "Gagal",
        "berkas": "",
        "finished_at": timezone.now(),
    }


def _gagal(pk, pesan):
    Pekerjaan.objects.filter(pk=pk).update(**_akhir_gagal(pesan))


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
        dilaporkan_at=mulai,
        progres=1,
        keterangan="Mulai dikerjakan",
    )
    pekerjaan.status, pekerjaan.started_at = Pekerjaan.Status.BERJALAN, mulai

    def lapor(progres, keterangan=""):
        # Progress is best effort: a busy database (SQLite's table lock while a request
        # writes) must not fail the job itself; the next step reports again.
        try:
            Pekerjaan.objects.filter(pk=pk).update(
                progres=max(0, min(99, int(progres))),
                keterangan=keterangan[:200],
                dilaporkan_at=timezone.now(),
            )
        except OperationalError:
            logger.warning("antrian: kemajuan pekerjaan %s tidak tercatat (basis data sibuk)", pk)

    try:
        kerja(pekerjaan, lapor)
    except GagalPekerjaan as exc:
        _hapus_berkas(pekerjaan, "berkas")
        akhir = _akhir_gagal(str(exc))
    except Exception:
        logger.exception("antrian: pekerjaan %s (%s) gagal", pk, pekerjaan.jenis)
        _hapus_berkas(pekerjaan, "berkas")
        akhir = _akhir_gagal(PESAN_UMUM)
    else:
        akhir = {
            "status": Pekerjaan.Status.SELESAI,
            "progres": 100,
            "keterangan": "Selesai",
            "berkas": pekerjaan.berkas.name or "",
            "nama_berkas": pekerjaan.nama_berkas,
            "content_type": pekerjaan.content_type,
            "hasil": pekerjaan.hasil,
            "finished_at": timezone.now(),
        }
    # The upload goes before the job ends, in the same write: whoever sees the job ended
    # sees no input left. (A worker killed mid-run leaves it: bersihkan removes it later.)
    _hapus_berkas(pekerjaan, "masukan")
    Pekerjaan.objects.filter(pk=pk).update(masukan="", **akhir)


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


def _terakhir_hidup(pekerjaan):
    return pekerjaan.dilaporkan_at or pekerjaan.started_at or pekerjaan.created_at


def macet(pekerjaan, menit):
    """Running, with no progress reported for more than `menit` minutes: the worker most
    likely died in the middle (a render reports at least every few seconds)."""
    return (
        pekerjaan.status == Pekerjaan.Status.BERJALAN
        and (timezone.now() - _terakhir_hidup(pekerjaan)).total_seconds() > menit * 60
    )


# --- retention (README "Antrian": SAKIP_PEKERJAAN_SIMPAN_HARI, bersihkan_pekerjaan) ------


@dataclass
class Pembersihan:
    """What a cleanup removed (or, tried with coba=True, would remove)."""

    pekerjaan: list = field(default_factory=list)  # (pk, jenis, status, ended)
    berkas: list = field(default_factory=list)  # names deleted
    disimpan: list = field(default_factory=list)  # names kept: another row uses them
    ditinggalkan: list = field(default_factory=list)  # pks of dead jobs marked "gagal"


def berkas_dipakai(names, *, kecuali=()):
    """The names among `names` that a file field of any row still names, other than the
    job rows `kecuali`: an issued document (final or a stored draft) whose file a PDF job
    shares, a newer job that reused it. Read generically over every model, so the base
    layer keeps another app's files without importing it."""
    names = [n for n in names if n]
    dipakai = set()
    if not names:
        return dipakai
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if not isinstance(f, models.FileField):
                continue
            qs = model._default_manager.filter(**{f"{f.name}__in": names})
            if model is Pekerjaan:
                qs = qs.exclude(pk__in=kecuali)
            dipakai.update(qs.values_list(f.name, flat=True))
    return dipakai


def bersihkan(*, hari, coba=False, sekarang=None):
    """Delete the finished and failed jobs that ended more than `hari` days ago, and the
    files (result, leftover upload) that only they name, through the storage API. A file
    another row names stays: an issued document's bytes, final or draft, are that
    document's, not the job's. A job queued or running whose last sign of life is older
    than the limit is dead (no worker runs a job for days): it is marked "gagal" so the
    same document can be asked for again, and goes at a later run. With coba=True nothing
    changes; the result says what would go."""
    batas = (sekarang or timezone.now()) - timedelta(days=hari)
    hasil = Pembersihan()
    mati = Pekerjaan.objects.filter(status__in=AKTIF).filter(
        models.Q(dilaporkan_at__lt=batas)
        | models.Q(dilaporkan_at__isnull=True, started_at__lt=batas)
        | models.Q(dilaporkan_at__isnull=True, started_at__isnull=True, created_at__lt=batas)
    )
    hasil.ditinggalkan = list(mati.values_list("pk", flat=True))
    lama = Pekerjaan.objects.filter(status__in=BERAKHIR).filter(
        models.Q(finished_at__lt=batas) | models.Q(finished_at__isnull=True, created_at__lt=batas)
    )
    rows = list(
        lama.order_by("pk").values_list(
            "pk", "jenis", "status", "finished_at", "created_at", "berkas", "masukan"
        )
    )
    pks = [r[0] for r in rows]
    hasil.pekerjaan = [
        (pk, jenis, status, selesai or dibuat) for pk, jenis, status, selesai, dibuat, *_ in rows
    ]
    berkas_field, masukan_field = (
        Pekerjaan._meta.get_field("berkas"),
        Pekerjaan._meta.get_field("masukan"),
    )
    calon = [(berkas_field.storage, r[5]) for r in rows if r[5]]
    calon += [(masukan_field.storage, r[6]) for r in rows if r[6]]
    dipakai = berkas_dipakai({name for _, name in calon}, kecuali=pks)
    hapus = []
    for storage, name in calon:
        if name in dipakai:
            hasil.disimpan.append(name)
        else:
            hapus.append((storage, name))
            hasil.berkas.append(name)
    if coba:
        return hasil
    if hasil.ditinggalkan:
        Pekerjaan.objects.filter(pk__in=hasil.ditinggalkan, status__in=AKTIF).update(
            status=Pekerjaan.Status.GAGAL,
            pesan_galat=PESAN_DITINGGALKAN,
            keterangan="Gagal",
            finished_at=timezone.now(),
        )
    # Rows first: a file left behind by a crash here is only an orphan, never a job whose
    # download link points at nothing.
    Pekerjaan.objects.filter(pk__in=pks).delete()
    for storage, name in hapus:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("antrian: berkas %s tidak terhapus", name)
    return hasil
