"""The Pemda's predicate scales (Permendagri 86/2017 by default)."""

from django.db import models
from django.db.models import Q

from renstra.models.organisasi import Pemda


class SkalaPredikat(models.Model):
    """A predicate scale. The Pemda's own scale (utama=True) wins; a scale without a Pemda
    is the global default (Permendagri 86/2017)."""

    pemda = models.ForeignKey(
        Pemda, models.CASCADE, null=True, blank=True, related_name="skala_predikat_set"
    )
    nama = models.CharField("nama", max_length=200)
    utama = models.BooleanField("dipakai pemda", default=False)

    class Meta:
        verbose_name = "skala predikat"
        verbose_name_plural = "skala predikat"
        ordering = ["nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda"], condition=Q(utama=True), name="satu_skala_utama_per_pemda"
            )
        ]

    def __str__(self):
        return self.nama


class TingkatPredikat(models.Model):
    """One step of a predicate scale: capaian >= batas_bawah gets this label (the highest
    batas_bawah not above the capaian wins)."""

    skala = models.ForeignKey(SkalaPredikat, models.CASCADE, related_name="tingkat_set")
    batas_bawah = models.DecimalField("capaian minimal (%)", max_digits=8, decimal_places=2)
    label = models.CharField("predikat", max_length=60)
    warna = models.CharField("warna", max_length=20, default="#6c757d")

    class Meta:
        verbose_name = "tingkat predikat"
        verbose_name_plural = "tingkat predikat"
        ordering = ["skala", "-batas_bawah"]
        constraints = [
            models.UniqueConstraint(fields=["skala", "batas_bawah"], name="tingkat_batas_unik")
        ]

    def __str__(self):
        return f"≥ {self.batas_bawah}: {self.label}"
