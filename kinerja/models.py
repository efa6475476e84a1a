"""Targets per quarter, realisations, the reporting quarters, Perjanjian Kinerja with its
frozen rows, Rencana Aksi, the LKjIP narrative, predicate scales and issued documents."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from renstra.models import (
    MEASURE,
    MONEY,
    Indikator,
    LevelKategori,
    Pejabat,
    Pemda,
    PerangkatDaerah,
    Program,
    SubKegiatan,
    UnitKerja,
    ValidatedModel,
)

TRIWULAN_CHOICES = [(1, "Triwulan I"), (2, "Triwulan II"), (3, "Triwulan III"), (4, "Triwulan IV")]
TRIWULAN_VALIDATORS = [MinValueValidator(1), MaxValueValidator(4)]


def triwulan_check(name):
    return models.CheckConstraint(
        condition=Q(triwulan__gte=1) & Q(triwulan__lte=4), name=name
    )


def _check_tahun_in_periode(indikator, tahun):
    periode = indikator.periode
    if not periode.memuat_tahun(tahun):
        raise ValidationError(
            {"tahun": f"Tahun {tahun} di luar periode Renstra {periode.tahun_awal}–{periode.tahun_akhir}."}
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
        LevelKategori, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="target (kategori)"
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


class StatusRealisasi(models.TextChoices):
    DRAFT = "draft", "Draf"
    DIAJUKAN = "diajukan", "Diajukan"
    DIVERIFIKASI = "diverifikasi", "Diverifikasi"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan"


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
        LevelKategori, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="realisasi (kategori)"
    )
    penjelasan = models.TextField("penjelasan", blank=True)
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
        ]

    def __str__(self):
        return f"{self.indikator} · {self.tahun} TW {self.triwulan}"

    def clean(self):
        if self.indikator_id and self.tahun:
            _check_tahun_in_periode(self.indikator, self.tahun)
        if self.level_id and self.indikator_id and self.level.skala_id != self.indikator.skala_id:
            raise ValidationError({"level": "Kategori tidak ada pada skala indikator ini."})


def bukti_upload_to(instance, filename):
    # A random name: the original name is kept in the row, never in the path.
    return f"bukti/{instance.realisasi.tahun}/{uuid.uuid4().hex}"


class BuktiRealisasi(models.Model):
    """An evidence file of a realisation, stored outside public URLs under a random name."""

    realisasi = models.ForeignKey(Realisasi, models.CASCADE, related_name="bukti_set")
    berkas = models.FileField("berkas", upload_to=bukti_upload_to, max_length=255)
    nama_asli = models.CharField("nama berkas", max_length=255)
    content_type = models.CharField(max_length=100)
    ukuran = models.PositiveIntegerField("ukuran (byte)")
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "bukti dukung"
        verbose_name_plural = "bukti dukung"
        ordering = ["realisasi", "created_at"]

    def __str__(self):
        return self.nama_asli


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


class StatusDokumen(models.TextChoices):
    DRAFT = "draft", "Draf"
    FINAL = "final", "Final"


class PerjanjianKinerja(models.Model):
    """The yearly Perjanjian Kinerja of an OPD. `versi` 1 is the original; a PK Perubahan
    (after APBD-P) is a later version. Finalising copies every figure and name into the
    rows and the `*_snapshot` fields so later changes to targets or pagu leave it alone."""

    opd = models.ForeignKey(PerangkatDaerah, models.CASCADE, related_name="pk_set")
    tahun = models.PositiveSmallIntegerField("tahun")
    versi = models.PositiveSmallIntegerField("versi", default=1)
    is_perubahan = models.BooleanField("PK perubahan", default=False)
    tempat = models.CharField("tempat", max_length=100)
    tanggal = models.DateField("tanggal")
    pihak_pertama = models.ForeignKey(
        Pejabat, models.PROTECT, related_name="+", verbose_name="pihak pertama"
    )
    pihak_kedua = models.ForeignKey(
        Pejabat, models.PROTECT, related_name="+", verbose_name="pihak kedua"
    )
    status = models.CharField(
        "status", max_length=6, choices=StatusDokumen.choices, default=StatusDokumen.DRAFT
    )
    snapshot = models.JSONField("snapshot saat final", null=True, blank=True, editable=False)
    finalized_at = models.DateTimeField("difinalkan pada", null=True, blank=True)
    finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "perjanjian kinerja"
        verbose_name_plural = "perjanjian kinerja"
        ordering = ["opd", "-tahun", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "versi"], name="pk_versi_unik")
        ]

    def __str__(self):
        label = "PK Perubahan" if self.is_perubahan else "PK"
        return f"{label} {self.tahun} · {self.opd}"


class PKIndikator(models.Model):
    """A sasaran / indikator / target row of a PK lampiran (frozen text when final)."""

    perjanjian = models.ForeignKey(PerjanjianKinerja, models.CASCADE, related_name="indikator_set")
    indikator = models.ForeignKey(Indikator, models.SET_NULL, null=True, blank=True, related_name="+")
    urutan = models.PositiveIntegerField("urutan", default=0)
    sasaran_uraian = models.TextField("sasaran (final)", blank=True)
    indikator_uraian = models.TextField("indikator (final)", blank=True)
    target_nilai = models.DecimalField("target (final)", **MEASURE, null=True, blank=True)
    target_teks = models.CharField("target tertulis (final)", max_length=100, blank=True)
    satuan = models.CharField("satuan (final)", max_length=60, blank=True)

    class Meta:
        verbose_name = "baris indikator PK"
        verbose_name_plural = "baris indikator PK"
        ordering = ["perjanjian", "urutan", "id"]

    def __str__(self):
        return self.indikator_uraian or str(self.indikator or "")


class PKProgram(models.Model):
    """A program / anggaran / sumber row of a PK lampiran (frozen amount when final)."""

    perjanjian = models.ForeignKey(PerjanjianKinerja, models.CASCADE, related_name="program_set")
    program = models.ForeignKey(Program, models.SET_NULL, null=True, blank=True, related_name="+")
    urutan = models.PositiveIntegerField("urutan", default=0)
    program_nama = models.CharField("program (final)", max_length=500, blank=True)
    anggaran = models.DecimalField("anggaran (final)", **MONEY, null=True, blank=True)
    sumber_dana = models.CharField("keterangan", max_length=60, default="APBD")

    class Meta:
        verbose_name = "baris program PK"
        verbose_name_plural = "baris program PK"
        ordering = ["perjanjian", "urutan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(anggaran__isnull=True) | Q(anggaran__gte=0), name="pk_anggaran_nonneg"
            )
        ]

    def __str__(self):
        return self.program_nama or str(self.program or "")


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
        constraints = [
            models.UniqueConstraint(fields=["unit", "tahun"], name="rencana_aksi_unik")
        ]

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


class LaporanKinerja(models.Model):
    """The LKjIP of an OPD for a year: the narrative; every table is computed."""

    opd = models.ForeignKey(PerangkatDaerah, models.CASCADE, related_name="lkjip_set")
    tahun = models.PositiveSmallIntegerField("tahun")
    tempat = models.CharField("tempat", max_length=100, blank=True)
    tanggal = models.DateField("tanggal", null=True, blank=True)
    penandatangan = models.ForeignKey(
        Pejabat, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kata_pengantar = models.TextField("kata pengantar", blank=True)
    ikhtisar_eksekutif = models.TextField("ikhtisar eksekutif", blank=True)
    latar_belakang = models.TextField("latar belakang", blank=True)
    gambaran_organisasi = models.TextField("gambaran organisasi", blank=True)
    permasalahan_utama = models.TextField("permasalahan utama (isu strategis)", blank=True)
    sistematika = models.TextField("sistematika penyajian", blank=True)
    rencana_strategis = models.TextField("BAB II pengantar rencana strategis", blank=True)
    analisis_umum = models.TextField("BAB III pengantar capaian kinerja", blank=True)
    realisasi_anggaran_narasi = models.TextField("narasi realisasi anggaran", blank=True)
    langkah_peningkatan = models.TextField("langkah peningkatan", blank=True)
    kesimpulan = models.TextField("kesimpulan (BAB IV)", blank=True)
    status = models.CharField(
        "status", max_length=6, choices=StatusDokumen.choices, default=StatusDokumen.DRAFT
    )
    finalized_at = models.DateTimeField("difinalkan pada", null=True, blank=True)
    finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "LKjIP"
        verbose_name_plural = "LKjIP"
        ordering = ["opd", "-tahun"]
        constraints = [models.UniqueConstraint(fields=["opd", "tahun"], name="lkjip_unik")]

    def __str__(self):
        return f"LKjIP {self.tahun} · {self.opd}"


class AnalisisIndikator(models.Model):
    """Per-indicator LKjIP text (tables 3.1.x.D, H, I): causes, solutions, national figure."""

    laporan = models.ForeignKey(LaporanKinerja, models.CASCADE, related_name="analisis_set")
    indikator = models.ForeignKey(Indikator, models.CASCADE, related_name="analisis_set")
    analisis_penyebab = models.TextField("analisis penyebab keberhasilan / kegagalan", blank=True)
    solusi = models.TextField("solusi yang telah dilakukan", blank=True)
    analisis_program = models.TextField("program / kegiatan penunjang", blank=True)
    realisasi_nasional = models.DecimalField("realisasi nasional", **MEASURE, null=True, blank=True)
    keterangan_nasional = models.CharField("keterangan nasional", max_length=255, blank=True)

    class Meta:
        verbose_name = "analisis indikator"
        verbose_name_plural = "analisis indikator"
        ordering = ["laporan", "indikator"]
        constraints = [
            models.UniqueConstraint(fields=["laporan", "indikator"], name="analisis_unik")
        ]

    def __str__(self):
        return f"Analisis {self.indikator}"


class DokumenTerbit(models.Model):
    """A PDF as issued: the public page /verifikasi/<kode>/ shows what it is and its checksum."""

    kode = models.CharField("kode verifikasi", max_length=16, unique=True)
    jenis = models.CharField("jenis dokumen", max_length=30)
    opd = models.ForeignKey(PerangkatDaerah, models.CASCADE, related_name="dokumen_set")
    unit = models.ForeignKey(UnitKerja, models.SET_NULL, null=True, blank=True, related_name="+")
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField("triwulan", null=True, blank=True)
    versi = models.PositiveSmallIntegerField("versi", default=1)
    is_final = models.BooleanField("final", default=False)
    finalized_at = models.DateTimeField("difinalkan pada", null=True, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    halaman = models.PositiveIntegerField("jumlah halaman", null=True, blank=True)
    berkas = models.FileField("berkas", upload_to="dokumen/", blank=True, max_length=255)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "dokumen terbit"
        verbose_name_plural = "dokumen terbit"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.jenis} {self.tahun} · {self.opd} [{self.kode}]"
