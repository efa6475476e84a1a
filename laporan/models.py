"""Documents: the Perjanjian Kinerja with its frozen rows, the LKjIP narrative and
per-indicator analysis, and the record of every issued PDF (verification code, checksum)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from kinerja.models import StatusDokumen
from renstra.models import MEASURE, MONEY, Indikator, Pejabat, PerangkatDaerah, Program, UnitKerja


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
    indikator = models.ForeignKey(
        Indikator, models.SET_NULL, null=True, blank=True, related_name="+"
    )
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
