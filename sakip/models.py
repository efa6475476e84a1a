"""The job table of the task queue (README, "Antrian"): what Celery runs, we record.

Celery keeps no results (task_ignore_result); a job's status, progress, Indonesian error
message and produced file live here, so the progress page reads one row. The app is the
base layer: it names the OPD, the unit and the user by their model labels, never imports
them."""

from django.conf import settings
from django.db import models

from sakip.berkas import penyimpanan_dokumen


class Pekerjaan(models.Model):
    """One queued job: a document to render, a Renstra import, a realisation upload."""

    class Status(models.TextChoices):
        ANTRI = "antri", "Dalam antrian"
        BERJALAN = "berjalan", "Sedang dikerjakan"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    jenis = models.CharField("jenis pekerjaan", max_length=40)
    judul = models.CharField("judul", max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ANTRI)
    progres = models.PositiveSmallIntegerField("progres (%)", default=0)
    keterangan = models.CharField("keterangan", max_length=200, blank=True)
    pesan_galat = models.TextField("pesan galat", blank=True)
    pemilik = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="pekerjaan_set"
    )
    opd = models.ForeignKey(
        "renstra.PerangkatDaerah", models.CASCADE, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(
        "renstra.UnitKerja", models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Readers of the OPD (and of the unit, when set) may follow and download the job, not
    # only its owner: a document is the OPD's, an upload is its uploader's.
    terbuka_opd = models.BooleanField("terbuka bagi pembaca OPD", default=False)
    params = models.JSONField("parameter", default=dict, blank=True)
    sidik = models.CharField("sidik", max_length=64, blank=True, db_index=True)
    masukan = models.FileField("berkas masukan", upload_to="antrian/masukan/", blank=True)
    # In the "dokumen" storage (sakip.berkas): a PDF job's file is the issued document's own
    # file, which lives there, wherever a deployment puts that storage.
    berkas = models.FileField(
        "berkas hasil", upload_to="antrian/hasil/", blank=True, storage=penyimpanan_dokumen
    )
    nama_berkas = models.CharField("nama berkas unduhan", max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    hasil = models.JSONField("hasil", default=dict, blank=True)
    url_hasil = models.CharField("alamat hasil", max_length=300, blank=True)
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    started_at = models.DateTimeField("mulai", null=True, blank=True)
    finished_at = models.DateTimeField("selesai", null=True, blank=True)
    # The last sign of life of a running job (its start, each progress report): a job
    # "berjalan" whose worker died stops here (sakip.antrian.macet).
    dilaporkan_at = models.DateTimeField("kemajuan terakhir", null=True, blank=True)

    class Meta:
        verbose_name = "pekerjaan antrian"
        verbose_name_plural = "pekerjaan antrian"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["jenis", "sidik", "status"])]
        constraints = [
            # Two requests at once for the same document make one job, not two renders.
            models.UniqueConstraint(
                fields=["jenis", "sidik"],
                condition=models.Q(status__in=["antri", "berjalan"]) & ~models.Q(sidik=""),
                name="pekerjaan_aktif_satu_per_sidik",
            )
        ]

    def __str__(self):
        return f"{self.jenis} #{self.pk} ({self.get_status_display()})"

    @property
    def aktif(self):
        return self.status in (self.Status.ANTRI, self.Status.BERJALAN)
