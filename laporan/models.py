"""Documents: the Perjanjian Kinerja with its frozen rows, the LKjIP narrative and
per-indicator analysis, and the record of every issued PDF (verification code, checksum)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from kinerja.models import StatusDokumen
from renstra.models import (
    MEASURE,
    MONEY,
    Indikator,
    Kegiatan,
    NodePohon,
    Pejabat,
    PerangkatDaerah,
    PeriodeRenstra,
    Program,
    UnitKerja,
)
from sakip.berkas import BerkasBukti, penyimpanan_dokumen


class JenjangPK(models.TextChoices):
    """Whose agreement a PK is (issue 16): the OPD's (Kepala Dinas with the kepala daerah)
    or an official's per jenjang (eselon III with the Kepala Dinas, eselon IV with their
    Kepala Bidang), built from their nodes of the pohon kinerja."""

    OPD = "opd", "Perangkat daerah"
    ESELON_III = "eselon_iii", "Eselon III"
    ESELON_IV = "eselon_iv", "Eselon IV"


class PerjanjianKinerja(models.Model):
    """The yearly Perjanjian Kinerja of an OPD or, per jenjang, of one of its eselon III /
    IV officials (`jenjang`; pihak pertama the official, pihak kedua their superior; its
    rows name the pohon kinerja node they come from). `versi` 1 is the original; a PK
    Perubahan (after APBD-P) is a later version. Finalising copies every figure and name
    into the rows and the snapshot so later changes to targets or pagu leave it alone."""

    opd = models.ForeignKey(PerangkatDaerah, models.CASCADE, related_name="pk_set")
    jenjang = models.CharField(
        "jenjang", max_length=12, choices=JenjangPK.choices, default=JenjangPK.OPD
    )
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
            models.UniqueConstraint(
                fields=["opd", "tahun", "versi"],
                condition=Q(jenjang="opd"),
                name="pk_versi_unik",
            ),
            models.UniqueConstraint(
                fields=["pihak_pertama", "tahun", "versi"],
                condition=~Q(jenjang="opd"),
                name="pk_jenjang_versi_unik",
            ),
        ]

    def __str__(self):
        label = "PK Perubahan" if self.is_perubahan else "PK"
        if self.jenjang != JenjangPK.OPD:
            return f"{label} {self.get_jenjang_display()} {self.tahun} · {self.pihak_pertama}"
        return f"{label} {self.tahun} · {self.opd}"

    @property
    def seri(self):
        """The versions of this agreement (the same OPD, or the same official, and year)."""
        qs = PerjanjianKinerja.objects.filter(
            opd=self.opd_id, tahun=self.tahun, jenjang=self.jenjang
        )
        if self.jenjang != JenjangPK.OPD:
            qs = qs.filter(pihak_pertama=self.pihak_pertama_id)
        return qs


class PKIndikator(models.Model):
    """A sasaran / indikator / target row of a PK lampiran (frozen text when final)."""

    perjanjian = models.ForeignKey(PerjanjianKinerja, models.CASCADE, related_name="indikator_set")
    indikator = models.ForeignKey(
        Indikator, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    node = models.ForeignKey(
        NodePohon,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="node pohon kinerja",
        help_text="PK per jenjang: the node whose result the row promises.",
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
    kegiatan = models.ForeignKey(
        Kegiatan,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="PK eselon IV: the kegiatan and its budget instead of a program.",
    )
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
    sidik = models.CharField(
        "sidik data",
        max_length=64,
        blank=True,
        db_index=True,
        help_text="Sidik data dokumen (laporan.sidik): satu draf tersimpan per sidik.",
    )
    berkas = models.FileField(
        "berkas", upload_to="dokumen/", storage=penyimpanan_dokumen, blank=True, max_length=255
    )
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


class JenisDokumen(models.TextChoices):
    """Every signed document of the application (the URL names of laporan and the matrix
    slugs)."""

    PK = "pk", "Perjanjian Kinerja"
    RENCANA_AKSI = "rencana-aksi", "Rencana Aksi"
    PENGUKURAN = "pengukuran", "Pengukuran Kinerja"
    LKJIP = "lkjip", "LKjIP"
    IKU = "iku", "Indikator Kinerja Utama"
    CASCADING = "cascading", "Tabel Keterkaitan IKU (cascading)"
    T_C_23 = "t-c-23", "Matriks Renstra T-C.23"
    T_C_24 = "t-c-24", "Matriks Renstra T-C.24"
    T_C_27 = "t-c-27", "Matriks Renstra T-C.27"
    T_C_28 = "t-c-28", "Matriks Renstra T-C.28"


MATRIKS_RENSTRA = {"t-c-23", "t-c-24", "t-c-27", "t-c-28"}


def kunci_dokumen(jenis, *, tahun=None, triwulan=None, unit=None, periode=None, versi=None):
    """The key naming one document: "pengukuran/2020/4", "rencana-aksi/2025/u12",
    "t-c-27/p20000", "pk/2020/v2". Any document kind can be keyed this way (a PK per level
    adds its unit)."""
    parts = [jenis]
    if periode is not None:
        parts.append(f"p{getattr(periode, 'pk', periode)}")
    if tahun is not None:
        parts.append(str(tahun))
    if triwulan is not None:
        parts.append(f"tw{triwulan}")
    if unit is not None:
        parts.append(f"u{getattr(unit, 'pk', unit)}")
    if versi is not None:
        parts.append(f"v{versi}")
    return "/".join(parts)


class PenandatanganDokumen(models.Model):
    """Who signs one document and when: its date (tanggal dokumen), place and signatory,
    one record per document (`kunci`, see kunci_dokumen). The signatory is an official in
    office on that date (a Plt / Plh prints with that title); `pihak_kedua` is the second
    party of an agreement (PK). A document without a record, or a record without a date,
    prints as a draft with a warning."""

    opd = models.ForeignKey(PerangkatDaerah, models.CASCADE, related_name="penandatangan_set")
    jenis = models.CharField("jenis dokumen", max_length=20, choices=JenisDokumen)
    kunci = models.CharField("kunci dokumen", max_length=80, editable=False)
    tahun = models.PositiveSmallIntegerField("tahun", null=True, blank=True)
    triwulan = models.PositiveSmallIntegerField("triwulan", null=True, blank=True)
    unit = models.ForeignKey(UnitKerja, models.CASCADE, null=True, blank=True, related_name="+")
    periode = models.ForeignKey(
        PeriodeRenstra, models.CASCADE, null=True, blank=True, related_name="+"
    )
    versi = models.PositiveSmallIntegerField("versi", null=True, blank=True)
    tempat = models.CharField("tempat", max_length=100, blank=True)
    tanggal = models.DateField("tanggal dokumen", null=True, blank=True)
    penandatangan = models.ForeignKey(
        Pejabat,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="penandatangan",
    )
    pihak_kedua = models.ForeignKey(
        Pejabat,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="pihak kedua",
    )
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "penandatangan dokumen"
        verbose_name_plural = "penandatangan dokumen"
        ordering = ["opd", "kunci"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "kunci"], name="penandatangan_dokumen_unik"),
            models.CheckConstraint(
                condition=Q(triwulan__isnull=True) | Q(triwulan__gte=1, triwulan__lte=4),
                name="penandatangan_triwulan_sah",
            ),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} · {self.kunci} · {self.opd}"

    def save(self, *args, **kwargs):
        self.kunci = kunci_dokumen(
            self.jenis,
            tahun=self.tahun,
            triwulan=self.triwulan,
            unit=self.unit_id,
            periode=self.periode_id,
            versi=self.versi,
        )
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.jenis == JenisDokumen.PENGUKURAN and self.triwulan is None:
            errors["triwulan"] = "Pengukuran kinerja memerlukan triwulan."
        if self.jenis in MATRIKS_RENSTRA and self.periode_id is None:
            errors["periode"] = "Matriks Renstra memerlukan periode Renstra."
        if self.jenis not in MATRIKS_RENSTRA and self.tahun is None:
            errors["tahun"] = "Dokumen tahunan memerlukan tahun."
        if self.unit_id and self.unit.opd_id != self.opd_id:
            errors["unit"] = "Unit kerja bukan bagian dari perangkat daerah ini."
        if self.periode_id and self.periode.opd_id != self.opd_id:
            errors["periode"] = "Periode Renstra bukan milik perangkat daerah ini."
        for field in ("penandatangan", "pihak_kedua"):
            pejabat = getattr(self, field)
            if pejabat is None:
                continue
            if pejabat.pemda_id != self.opd.pemda_id:
                errors[field] = "Pejabat bukan dari Pemda perangkat daerah ini."
            elif self.tanggal and not pejabat.menjabat_pada(self.tanggal):
                errors[field] = (
                    f"{pejabat.nama} tidak menjabat pada tanggal dokumen ({self.tanggal:%d-%m-%Y})."
                )
        if errors:
            raise ValidationError(errors)


def lampiran_upload_to(instance, filename):
    # A random name: the original name is kept in the row, never in the path.
    return f"lampiran-lkjip/{uuid.uuid4().hex}"


class LampiranLkjip(BerkasBukti):
    """An uploaded attachment of an LKjIP (piagam penghargaan and the like), listed after the
    PK, the four Pengukuran and the Renstra matrix in the order of `urutan`. Images are
    printed in the PDF; a PDF is listed by its title ("dilampirkan terpisah")."""

    laporan = models.ForeignKey(LaporanKinerja, models.CASCADE, related_name="lampiran_set")
    judul = models.CharField("judul", max_length=200)
    urutan = models.PositiveSmallIntegerField("urutan", default=1)

    class Meta:
        verbose_name = "lampiran LKjIP"
        verbose_name_plural = "lampiran LKjIP"
        ordering = ["laporan", "urutan", "id"]

    def __str__(self):
        return self.judul

    def jalur_berkas(self, filename):
        return lampiran_upload_to(self, filename)

    @property
    def gambar(self):
        return self.content_type in ("image/jpeg", "image/png")
