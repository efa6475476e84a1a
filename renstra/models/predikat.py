"""Predicate scales: global ones (Permendagri 86/2017) and a Pemda's own; bands with both
bounds (issue 11)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F

from renstra.models.organisasi import Pemda


class SkalaPredikat(models.Model):
    """A predicate scale: its bands (TingkatPredikat). A scale with a Pemda is that Pemda's own
    scale; one without is a global scale (Permendagri 86/2017) any Pemda may choose. Which
    scale a Pemda grades by is its required setting Pemda.skala_predikat."""

    pemda = models.ForeignKey(
        Pemda, models.CASCADE, null=True, blank=True, related_name="skala_predikat_set"
    )
    nama = models.CharField("nama", max_length=200)

    class Meta:
        verbose_name = "skala predikat"
        verbose_name_plural = "skala predikat"
        ordering = ["nama"]

    def __str__(self):
        return self.nama


class TingkatPredikat(models.Model):
    """One band of a predicate scale: a capaian between the lower and the upper bound (each
    inclusive or exclusive, either may be empty = open) gets this label. Bands of one scale
    may leave gaps but may not overlap (checked by the admin); a capaian in no band is
    "di luar skala" (sakip.capaian.predikat)."""

    skala = models.ForeignKey(SkalaPredikat, models.CASCADE, related_name="tingkat_set")
    batas_bawah = models.DecimalField(
        "batas bawah (%)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Kosongkan bila tidak ada batas bawah (mis. “kurang dari 20%”).",
    )
    bawah_inklusif = models.BooleanField(
        "batas bawah termasuk", default=True, help_text="Centang untuk ≥, kosongkan untuk >."
    )
    batas_atas = models.DecimalField(
        "batas atas (%)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Kosongkan bila tidak ada batas atas.",
    )
    atas_inklusif = models.BooleanField(
        "batas atas termasuk", default=False, help_text="Centang untuk ≤, kosongkan untuk <."
    )
    label = models.CharField("predikat", max_length=60)
    warna = models.CharField("warna", max_length=20, default="#6c757d")

    class Meta:
        verbose_name = "tingkat predikat"
        verbose_name_plural = "tingkat predikat"
        ordering = ["skala", F("batas_bawah").desc(nulls_last=True)]

    def __str__(self):
        return f"{self.label}"

    def clean(self):
        if self.batas_bawah is None and self.batas_atas is None:
            raise ValidationError("Isi batas bawah, batas atas, atau keduanya.")
        if (
            self.batas_bawah is not None
            and self.batas_atas is not None
            and (
                self.batas_bawah > self.batas_atas
                or (
                    self.batas_bawah == self.batas_atas
                    and not (self.bawah_inklusif and self.atas_inklusif)
                )
            )
        ):
            raise ValidationError(
                {"batas_atas": "Batas atas harus lebih besar daripada batas bawah."}
            )
