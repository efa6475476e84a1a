"""The reporting calendar: a quarter of an OPD open or closed for entry, and its history."""

from django.conf import settings
from django.db import models

from renstra.models.organisasi import PerangkatDaerah
from sakip.kalender import TRIWULAN_CHOICES, TRIWULAN_VALIDATORS, triwulan_check


class TriwulanPelaporan(models.Model):
    """A reporting quarter of an OPD: open for entry, or closed (read-only for everybody)."""

    class Status(models.TextChoices):
        BUKA = "buka", "Dibuka"
        TUTUP = "tutup", "Ditutup"

    opd = models.ForeignKey(PerangkatDaerah, models.CASCADE, related_name="triwulan_set")
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField(
        "triwulan", choices=TRIWULAN_CHOICES, validators=TRIWULAN_VALIDATORS
    )
    status = models.CharField("status", max_length=6, choices=Status.choices, default=Status.BUKA)
    batas_waktu = models.DateField("batas pengisian", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "triwulan pelaporan"
        verbose_name_plural = "triwulan pelaporan"
        ordering = ["opd", "-tahun", "-triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "triwulan"], name="triwulan_opd_unik"),
            triwulan_check("triwulan_pelaporan_1_4"),
        ]

    def __str__(self):
        return f"{self.opd} · {self.tahun} TW {self.triwulan} ({self.get_status_display()})"


class RiwayatTriwulan(models.Model):
    """Who opened, closed or reopened a quarter, when and why."""

    triwulan = models.ForeignKey(TriwulanPelaporan, models.CASCADE, related_name="riwayat_set")
    aksi = models.CharField("aksi", max_length=20)
    alasan = models.TextField("alasan", blank=True)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "riwayat triwulan"
        verbose_name_plural = "riwayat triwulan"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.triwulan} · {self.aksi}"
