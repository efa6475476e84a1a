"""Targets per quarter, realisations with their evidence and verification status, and the
Rencana Aksi of each unit. The reporting quarter and predicate scales live in renstra;
documents (PK, LKjIP, issued PDFs) in laporan."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from renstra.models import (
    MEASURE,
    Indikator,
    LevelKategori,
    Pejabat,
    SubKegiatan,
    TriwulanPelaporan,
    UnitKerja,
    ValidatedModel,
)
from sakip.alur import RealisasiDihitung, StatusRealisasi
from sakip.berkas import BerkasBukti
from sakip.kalender import TRIWULAN_CHOICES, TRIWULAN_VALIDATORS, triwulan_check


def _check_tahun_in_periode(indikator, tahun):
    periode = indikator.periode
    if not periode.memuat_tahun(tahun):
        raise ValidationError(
            {
                "tahun": f"Tahun {tahun} di luar periode Renstra {periode.tahun_awal}–{periode.tahun_akhir}."
            }
        )


class TargetTriwulan(ValidatedModel):
    """The target of an indicator for one quarter (Rencana Aksi, often "– – – 88%")."""

    indikator = models.ForeignKey(Indikator, models.CASCADE, related_name="target_triwulan_set")
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField(
        "triwulan", choices=TRIWULAN_CHOICES, validators=TRIWULAN_VALIDATORS
    )
    nilai = models.DecimalField("target", **MEASURE, null=True, blank=True)
    level = models.ForeignKey(
        LevelKategori,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="target (kategori)",
    )
    teks = models.CharField("target tertulis", max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "target triwulan"
        verbose_name_plural = "target triwulan"
        ordering = ["indikator", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "triwulan"], name="target_triwulan_unik"
            ),
            triwulan_check("target_triwulan_1_4"),
        ]

    def __str__(self):
        return f"{self.indikator} · {self.tahun} TW {self.triwulan}"

    def clean(self):
        if self.indikator_id and self.tahun:
            _check_tahun_in_periode(self.indikator, self.tahun)


class Realisasi(ValidatedModel):
    """What an indicator achieved in one quarter. For ratio indicators the numerator and
    denominator are entered and `nilai` is computed from them; for categorical ones `level`.
    Historical years entered as yearly figures are stored in TW IV. `versi` grows with every
    save so that a second, concurrent editor is refused instead of overwriting."""

    indikator = models.ForeignKey(Indikator, models.CASCADE, related_name="realisasi_set")
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField(
        "triwulan", choices=TRIWULAN_CHOICES, validators=TRIWULAN_VALIDATORS
    )
    nilai = models.DecimalField("realisasi", **MEASURE, null=True, blank=True)
    pembilang = models.DecimalField("pembilang", **MEASURE, null=True, blank=True)
    penyebut = models.DecimalField("penyebut", **MEASURE, null=True, blank=True)
    level = models.ForeignKey(
        LevelKategori,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="realisasi (kategori)",
    )
    penjelasan = models.TextField("penjelasan", blank=True)
    # "Tidak dapat diukur" instead of a figure (issue 11 item 5): printed n/a with the reason.
    tidak_terukur = models.BooleanField("tidak dapat diukur", default=False)
    alasan_tidak_terukur = models.TextField("alasan tidak dapat diukur", blank=True)
    status = models.CharField(
        "status", max_length=14, choices=StatusRealisasi.choices, default=StatusRealisasi.DRAFT
    )
    catatan_verifikasi = models.TextField("catatan verifikator", blank=True)
    versi = models.PositiveIntegerField("versi", default=1)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diajukan_pada = models.DateTimeField("diajukan pada", null=True, blank=True)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diverifikasi_pada = models.DateTimeField("diverifikasi pada", null=True, blank=True)
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    updated_at = models.DateTimeField("diubah", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "realisasi kinerja"
        verbose_name_plural = "realisasi kinerja"
        ordering = ["indikator", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "triwulan"], name="realisasi_unik"
            ),
            triwulan_check("realisasi_triwulan_1_4"),
            models.CheckConstraint(
                condition=Q(penyebut__isnull=True) | Q(penyebut__gt=0),
                name="realisasi_penyebut_positif",
            ),
            models.CheckConstraint(
                condition=Q(pembilang__isnull=True) | Q(pembilang__gte=0),
                name="realisasi_pembilang_nonneg",
            ),
            models.CheckConstraint(
                condition=Q(tidak_terukur=False)
                | Q(nilai__isnull=True, pembilang__isnull=True, penyebut__isnull=True)
                & Q(level__isnull=True)
                & ~Q(alasan_tidak_terukur=""),
                name="realisasi_tidak_terukur_tanpa_nilai",
            ),
        ]

    def __str__(self):
        return f"{self.indikator} · {self.tahun} TW {self.triwulan}"

    def clean(self):
        if self.indikator_id and self.tahun:
            _check_tahun_in_periode(self.indikator, self.tahun)
        if self.level_id and self.indikator_id and self.level.skala_id != self.indikator.skala_id:
            raise ValidationError({"level": "Kategori tidak ada pada skala indikator ini."})
        if self.tidak_terukur and not self.alasan_tidak_terukur.strip():
            raise ValidationError(
                {"alasan_tidak_terukur": "Alasan wajib diisi bila indikator tidak dapat diukur."}
            )


def bukti_upload_to(instance, filename):
    # A random name: the original name is kept in the row, never in the path.
    return f"bukti/{instance.realisasi.tahun}/{uuid.uuid4().hex}"


class BuktiRealisasi(BerkasBukti):
    """An evidence file of a realisation, stored outside public URLs under a random name."""

    realisasi = models.ForeignKey(Realisasi, models.CASCADE, related_name="bukti_set")

    class Meta:
        verbose_name = "bukti dukung"
        verbose_name_plural = "bukti dukung"
        ordering = ["realisasi", "created_at"]

    def __str__(self):
        return self.nama_asli

    def jalur_berkas(self, filename):
        return bukti_upload_to(self, filename)


class StatusDokumen(models.TextChoices):
    DRAFT = "draft", "Draf"
    FINAL = "final", "Final"


class RencanaAksi(models.Model):
    """The Rencana Aksi of one unit for one year (seed 001)."""

    unit = models.ForeignKey(UnitKerja, models.CASCADE, related_name="rencana_aksi_set")
    tahun = models.PositiveSmallIntegerField("tahun")
    tempat = models.CharField("tempat", max_length=100, blank=True)
    tanggal = models.DateField("tanggal", null=True, blank=True)
    penandatangan = models.ForeignKey(
        Pejabat, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        "status", max_length=6, choices=StatusDokumen.choices, default=StatusDokumen.DRAFT
    )
    finalized_at = models.DateTimeField("difinalkan pada", null=True, blank=True)

    class Meta:
        verbose_name = "rencana aksi"
        verbose_name_plural = "rencana aksi"
        ordering = ["unit", "-tahun"]
        constraints = [models.UniqueConstraint(fields=["unit", "tahun"], name="rencana_aksi_unik")]

    def __str__(self):
        return f"Rencana Aksi {self.tahun} · {self.unit}"


class Aksi(models.Model):
    """An action under a sub-kegiatan: its volume and the quarters in which it runs."""

    rencana_aksi = models.ForeignKey(RencanaAksi, models.CASCADE, related_name="aksi_set")
    sub_kegiatan = models.ForeignKey(SubKegiatan, models.CASCADE, related_name="aksi_set")
    uraian = models.TextField("aksi")
    volume = models.DecimalField("volume", **MEASURE, null=True, blank=True)
    satuan_volume = models.CharField("satuan volume", max_length=40, blank=True)
    tw1 = models.BooleanField("TW I", default=False)
    tw2 = models.BooleanField("TW II", default=False)
    tw3 = models.BooleanField("TW III", default=False)
    tw4 = models.BooleanField("TW IV", default=False)
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "aksi"
        verbose_name_plural = "aksi"
        ordering = ["rencana_aksi", "sub_kegiatan__kode", "urutan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(volume__isnull=True) | Q(volume__gte=0), name="aksi_volume_nonneg"
            )
        ]

    def __str__(self):
        return self.uraian

    @property
    def triwulan_list(self):
        return [n for n in (1, 2, 3, 4) if getattr(self, f"tw{n}")]

    @property
    def volume_teks(self):
        if self.volume is None:
            return self.satuan_volume
        value = self.volume.normalize()
        text = f"{value:f}".replace(".", ",")
        return f"{text} {self.satuan_volume}".strip()


class PenutupanTriwulan(models.Model):
    """A quarter closed knowingly (issue 13 item 4): who closed it, when, and the rows that
    were still not verified or empty at that moment, unit by unit, as the admin confirmed
    them on the closing page (kinerja.selectors_tutup). `daftar` is
    [{"unit_id", "nama", "diajukan": [...], "dikembalikan": [...], "draf": [...],
    "kosong": [...]}] with one {"jenis", "id", "kode", "uraian"} per row."""

    triwulan = models.ForeignKey(
        TriwulanPelaporan, models.CASCADE, related_name="penutupan_set", verbose_name="triwulan"
    )
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    waktu = models.DateTimeField("waktu", auto_now_add=True)
    alasan = models.TextField("catatan", blank=True)
    realisasi_dihitung = models.CharField(
        "realisasi yang dihitung",
        max_length=20,
        choices=RealisasiDihitung.choices,
        blank=True,
        help_text="Pengaturan pemda saat triwulan ditutup.",
    )
    n_diajukan = models.PositiveIntegerField("menunggu verifikasi", default=0)
    n_dikembalikan = models.PositiveIntegerField("dikembalikan", default=0)
    n_draf = models.PositiveIntegerField("draf belum diajukan", default=0)
    n_kosong = models.PositiveIntegerField("kosong", default=0)
    daftar = models.JSONField("daftar baris per unit", default=list)

    class Meta:
        verbose_name = "penutupan triwulan"
        verbose_name_plural = "penutupan triwulan"
        ordering = ["triwulan", "-waktu", "-pk"]

    def __str__(self):
        return f"Penutupan {self.triwulan} · {self.waktu:%Y-%m-%d %H:%M}"

    @property
    def n_belum_diverifikasi(self):
        return self.n_diajukan + self.n_dikembalikan + self.n_draf

    @property
    def rincian_belum(self):
        return rincian_belum(self.n_diajukan, self.n_dikembalikan, self.n_draf)


def rincian_belum(n_diajukan, n_dikembalikan, n_draf):
    """[(count, label)] for a quarter's unverified rows, leaving out empty categories."""
    bagian = (
        (n_diajukan, "menunggu verifikasi"),
        (n_dikembalikan, "dikembalikan ke operator"),
        (n_draf, "draf belum diajukan"),
    )
    return [(n, label) for n, label in bagian if n]
