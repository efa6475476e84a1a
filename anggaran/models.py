"""Budgets: the pagu of each sub-kegiatan per year with its revisions, the amount spent per
quarter, the OPD's whole DPA, and program-level history (Renstra T-C.24).

Program and kegiatan budgets are never stored: they are sums of sub-kegiatan pagu."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from renstra.models import MONEY, PerangkatDaerah, Program, SubKegiatan, ValidatedModel
from sakip.alur import StatusRealisasi
from sakip.batas import BatasValidator
from sakip.kalender import TRIWULAN_CHOICES, TRIWULAN_VALIDATORS, triwulan_check

# Program budgets of past years keep their sen (sakip.batas.UANG_SEN).
HISTORIS = {"max_digits": 18, "decimal_places": 2, "validators": [BatasValidator("uang_sen")]}


def _check_tahun(sub_kegiatan, tahun):
    periode = sub_kegiatan.periode
    if not periode.memuat_tahun(tahun):
        raise ValidationError(
            {
                "tahun": f"Tahun {tahun} di luar periode Renstra {periode.tahun_awal}–{periode.tahun_akhir}."
            }
        )


class Pagu(ValidatedModel):
    """The pagu of a sub-kegiatan in a year, valid from a quarter on. The murni pagu applies
    from TW I; a pergeseran or APBD Perubahan is a new row from the quarter in which it
    applies. The pagu in force at quarter q is the row with the latest start <= q; the
    LKjIP uses the last one."""

    class Jenis(models.TextChoices):
        MURNI = "murni", "APBD Murni"
        PERGESERAN = "pergeseran", "Pergeseran / refocusing"
        PERUBAHAN = "perubahan", "APBD Perubahan"

    sub_kegiatan = models.ForeignKey(SubKegiatan, models.CASCADE, related_name="pagu_set")
    tahun = models.PositiveSmallIntegerField("tahun")
    berlaku_mulai = models.PositiveSmallIntegerField(
        "berlaku mulai triwulan",
        choices=TRIWULAN_CHOICES,
        validators=TRIWULAN_VALIDATORS,
        default=1,
    )
    jenis = models.CharField("jenis", max_length=12, choices=Jenis.choices, default=Jenis.MURNI)
    jumlah = models.DecimalField("pagu (Rp)", **MONEY)
    sumber_dana = models.CharField("sumber dana", max_length=60, default="APBD")
    keterangan = models.CharField("keterangan", max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "pagu"
        verbose_name_plural = "pagu"
        ordering = ["sub_kegiatan", "tahun", "berlaku_mulai"]
        constraints = [
            models.UniqueConstraint(
                fields=["sub_kegiatan", "tahun", "berlaku_mulai"], name="pagu_unik_per_triwulan"
            ),
            models.CheckConstraint(condition=Q(jumlah__gte=0), name="pagu_nonneg"),
            models.CheckConstraint(
                condition=Q(berlaku_mulai__gte=1) & Q(berlaku_mulai__lte=4),
                name="pagu_berlaku_1_4",
            ),
        ]

    def __str__(self):
        return f"{self.sub_kegiatan} · {self.tahun} ({self.get_jenis_display()})"

    def clean(self):
        if self.sub_kegiatan_id and self.tahun:
            _check_tahun(self.sub_kegiatan, self.tahun)


class RealisasiAnggaran(ValidatedModel):
    """The amount a sub-kegiatan spent in one quarter (reports cumulate it)."""

    sub_kegiatan = models.ForeignKey(
        SubKegiatan, models.CASCADE, related_name="realisasi_anggaran_set"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField(
        "triwulan", choices=TRIWULAN_CHOICES, validators=TRIWULAN_VALIDATORS
    )
    jumlah = models.DecimalField("realisasi triwulan ini (Rp)", **MONEY)
    penjelasan = models.TextField("penjelasan", blank=True)
    status = models.CharField(
        "status", max_length=14, choices=StatusRealisasi.choices, default=StatusRealisasi.DRAFT
    )
    catatan_verifikasi = models.TextField("catatan verifikator", blank=True)
    versi = models.PositiveIntegerField("versi", default=1)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "realisasi anggaran"
        verbose_name_plural = "realisasi anggaran"
        ordering = ["sub_kegiatan", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["sub_kegiatan", "tahun", "triwulan"], name="realisasi_anggaran_unik"
            ),
            triwulan_check("realisasi_anggaran_1_4"),
            models.CheckConstraint(condition=Q(jumlah__gte=0), name="realisasi_anggaran_nonneg"),
        ]

    def __str__(self):
        return f"{self.sub_kegiatan} · {self.tahun} TW {self.triwulan}"

    def clean(self):
        if self.sub_kegiatan_id and self.tahun:
            _check_tahun(self.sub_kegiatan, self.tahun)


class DPA(models.Model):
    """The OPD's whole budget (DPA) for a year, salaries included: the denominator of
    "share of the OPD budget" (LKjIP table 3.1.x.E). Revisions as for Pagu."""

    opd = models.ForeignKey(PerangkatDaerah, models.CASCADE, related_name="dpa_set")
    tahun = models.PositiveSmallIntegerField("tahun")
    berlaku_mulai = models.PositiveSmallIntegerField(
        "berlaku mulai triwulan",
        choices=TRIWULAN_CHOICES,
        validators=TRIWULAN_VALIDATORS,
        default=1,
    )
    jumlah = models.DecimalField("jumlah DPA (Rp)", **MONEY)
    realisasi = models.DecimalField("realisasi DPA (Rp)", **MONEY, null=True, blank=True)
    keterangan = models.CharField("keterangan", max_length=255, blank=True)
    # The date the DPA was approved: the PK is due within a month of it (PermenPAN-RB
    # 53/2014), which the LKE evidence rule of evaluasi checks.
    tanggal = models.DateField("tanggal pengesahan DPA", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "DPA perangkat daerah"
        verbose_name_plural = "DPA perangkat daerah"
        ordering = ["opd", "tahun", "berlaku_mulai"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "berlaku_mulai"], name="dpa_unik"),
            models.CheckConstraint(condition=Q(jumlah__gte=0), name="dpa_nonneg"),
            models.CheckConstraint(
                condition=Q(realisasi__isnull=True) | Q(realisasi__gte=0),
                name="dpa_realisasi_nonneg",
            ),
            models.CheckConstraint(
                condition=Q(berlaku_mulai__gte=1) & Q(berlaku_mulai__lte=4), name="dpa_berlaku_1_4"
            ),
        ]

    def __str__(self):
        return f"DPA {self.tahun} · {self.opd}"


class AnggaranProgramHistoris(models.Model):
    """A program's budget and realisation for a past year known only at program level
    (Renstra T-C.24, before the sub-kegiatan nomenclature). Never used for a year that has
    sub-kegiatan pagu."""

    program = models.ForeignKey(Program, models.CASCADE, related_name="anggaran_historis_set")
    tahun = models.PositiveSmallIntegerField(
        "tahun", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    anggaran = models.DecimalField("anggaran (Rp)", **HISTORIS, null=True, blank=True)
    realisasi = models.DecimalField("realisasi (Rp)", **HISTORIS, null=True, blank=True)

    class Meta:
        verbose_name = "anggaran program (historis)"
        verbose_name_plural = "anggaran program (historis)"
        ordering = ["program", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["program", "tahun"], name="anggaran_historis_unik"),
            models.CheckConstraint(
                condition=(Q(anggaran__isnull=True) | Q(anggaran__gte=0))
                & (Q(realisasi__isnull=True) | Q(realisasi__gte=0)),
                name="anggaran_historis_nonneg",
            ),
        ]

    def __str__(self):
        return f"{self.program} · {self.tahun}"
