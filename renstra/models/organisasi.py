"""Pemda (with its computation settings), OPD, units, officials and the user account."""

from django.apps import apps
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from sakip.alur import RealisasiDihitung
from sakip.skala import SKALA_PERMENDAGRI_86

SKALA_BAWAAN = "Permendagri 86/2017"


def skala_predikat_bawaan():
    """The pk of the global Permendagri 86/2017 scale (migration renstra 0003), the scale a
    new Pemda starts with until its admin chooses another."""
    skala = apps.get_model("renstra", "SkalaPredikat")
    pk = (
        skala.objects.filter(pemda__isnull=True)
        .order_by(models.Case(models.When(nama=SKALA_BAWAAN, then=0), default=1), "pk")
        .values_list("pk", flat=True)
        .first()
    )
    if pk is None:
        # A database whose migration data are gone (flushed, or restored from a backup
        # without it) gets the regulation's scale back rather than a Pemda without one.
        tingkat = apps.get_model("renstra", "TingkatPredikat")
        baru = skala.objects.create(pemda=None, nama=SKALA_BAWAAN)
        tingkat.objects.bulk_create(
            tingkat(
                skala=baru,
                batas_bawah=t.batas_bawah,
                bawah_inklusif=t.bawah_inklusif,
                batas_atas=t.batas_atas,
                atas_inklusif=t.atas_inklusif,
                label=t.label,
                warna=t.warna,
            )
            for t in SKALA_PERMENDAGRI_86
        )
        pk = baru.pk
    return pk


class Pemda(models.Model):
    """A regional government (Kota/Kabupaten) and its per-Pemda computation settings."""

    class Jenis(models.TextChoices):
        KOTA = "kota", "Kota"
        KABUPATEN = "kabupaten", "Kabupaten"
        PROVINSI = "provinsi", "Provinsi"

    class RumusNegatif(models.TextChoices):
        SELISIH = "selisih", "(2 × Target − Realisasi) / Target × 100"
        KEBALIKAN = "kebalikan", "Target / Realisasi × 100"

    class KonvensiEfisiensi(models.TextChoices):
        RASIO = "rasio", "Rasio penyerapan / capaian (efisien bila ≤ 100%)"
        INDEKS = "indeks", "Indeks capaian / penyerapan (efisien bila ≥ 1)"

    nama = models.CharField("nama", max_length=200, unique=True)
    slug = models.SlugField("slug", max_length=80, unique=True)
    jenis = models.CharField("jenis", max_length=12, choices=Jenis.choices, default=Jenis.KOTA)
    ibukota = models.CharField(
        "tempat penandatanganan", max_length=100, blank=True, help_text="mis. Probolinggo"
    )
    jabatan_kepala_daerah = models.CharField(
        "jabatan kepala daerah", max_length=100, default="Wali Kota"
    )
    rumus_negatif = models.CharField(
        "rumus capaian polaritas negatif",
        max_length=12,
        choices=RumusNegatif.choices,
        default=RumusNegatif.SELISIH,
    )
    konvensi_efisiensi = models.CharField(
        "konvensi efisiensi",
        max_length=12,
        choices=KonvensiEfisiensi.choices,
        default=KonvensiEfisiensi.RASIO,
    )
    batas_capaian = models.DecimalField(
        "batas atas capaian (%)",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Kosongkan bila capaian tidak dibatasi (mis. 100 atau 120).",
    )
    tampilkan_capaian_tanpa_batas = models.BooleanField(
        "tampilkan juga capaian sebelum dibatasi",
        default=False,
        help_text="Bila dicentang, di samping capaian yang dibatasi dicetak catatan capaian "
        "sebelum dibatasi (XLSX: kolom tersendiri).",
    )
    skala_predikat = models.ForeignKey(
        "renstra.SkalaPredikat",
        models.PROTECT,
        related_name="pemda_pengguna",
        verbose_name="skala predikat yang dipakai",
        default=skala_predikat_bawaan,
        help_text="Skala global (Permendagri 86/2017) atau skala milik pemda ini.",
    )
    batas_atas_efisien = models.DecimalField(
        "batas atas efisien",
        max_digits=8,
        decimal_places=3,
        null=True,
        blank=True,
        help_text="Konvensi indeks: indeks di atas batas ini tidak dibaca sebagai efisien "
        "(mis. 1,2). Konvensi rasio: tingkat efisiensi (%) di atas batas ini. Kosongkan "
        "bila tidak ada batas.",
    )
    label_efisien = models.CharField("keterangan efisien", max_length=80, default="Efisien")
    label_tidak_efisien = models.CharField(
        "keterangan tidak efisien", max_length=80, default="Tidak efisien"
    )
    label_di_atas_batas = models.CharField(
        "keterangan di atas batas efisien",
        max_length=80,
        default="Perlu ditinjau perencanaannya",
    )
    realisasi_dihitung = models.CharField(
        "realisasi yang dihitung",
        max_length=20,
        choices=RealisasiDihitung.choices,
        default=RealisasiDihitung.FINAL_TERVERIFIKASI,
        help_text="Apakah realisasi yang belum diverifikasi ikut dihitung di dokumen dan dasbor.",
    )

    class Meta:
        verbose_name = "pemerintah daerah"
        verbose_name_plural = "pemerintah daerah"
        ordering = ["nama"]

    def __str__(self):
        return self.nama

    def clean(self):
        skala = self.skala_predikat if self.skala_predikat_id else None
        if skala is not None and skala.pemda_id not in (None, self.pk):
            raise ValidationError(
                {"skala_predikat": "Skala predikat ini milik pemerintah daerah lain."}
            )


class PerangkatDaerah(models.Model):
    """An OPD (Perangkat Daerah) of a Pemda."""

    pemda = models.ForeignKey(Pemda, models.PROTECT, related_name="opd_set", verbose_name="pemda")
    nama = models.CharField("nama", max_length=255)
    singkatan = models.CharField("singkatan", max_length=60, blank=True)
    slug = models.SlugField("slug", max_length=80, unique=True)
    alamat = models.CharField("alamat", max_length=255, blank=True)
    telepon = models.CharField("telepon", max_length=60, blank=True)
    email = models.EmailField("email", blank=True)
    tugas = models.TextField("tugas", blank=True)
    fungsi = models.TextField("fungsi", blank=True, help_text="Satu fungsi per baris.")
    kode = models.CharField("kode urusan", max_length=40, blank=True)

    class Meta:
        verbose_name = "perangkat daerah"
        verbose_name_plural = "perangkat daerah"
        ordering = ["pemda__nama", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "nama"], name="opd_nama_unik_per_pemda")
        ]

    def __str__(self):
        return self.nama

    @property
    def kepala(self):
        return self.pejabat_set.filter(is_kepala=True, aktif=True).first()


class UnitKerja(models.Model):
    """A unit of an OPD: Sekretariat, a Bidang, a UPT."""

    class Jenis(models.TextChoices):
        SEKRETARIAT = "sekretariat", "Sekretariat"
        BIDANG = "bidang", "Bidang"
        UPT = "upt", "UPT"
        LAIN = "lain", "Lainnya"

    opd = models.ForeignKey(
        PerangkatDaerah, models.CASCADE, related_name="unit_set", verbose_name="perangkat daerah"
    )
    nama = models.CharField("nama", max_length=255)
    singkatan = models.CharField("singkatan", max_length=60, blank=True)
    slug = models.SlugField("slug", max_length=80)
    jenis = models.CharField("jenis", max_length=12, choices=Jenis.choices, default=Jenis.BIDANG)
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "unit kerja"
        verbose_name_plural = "unit kerja"
        ordering = ["opd", "urutan", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "slug"], name="unit_slug_unik_per_opd"),
            models.UniqueConstraint(fields=["opd", "nama"], name="unit_nama_unik_per_opd"),
        ]

    def __str__(self):
        return self.nama


class JenisPenugasan(models.TextChoices):
    DEFINITIF = "definitif", "Definitif"
    PLT = "plt", "Plt."
    PLH = "plh", "Plh."


class Eselon(models.TextChoices):
    II_A = "II.a", "II.a"
    II_B = "II.b", "II.b"
    III_A = "III.a", "III.a"
    III_B = "III.b", "III.b"
    IV_A = "IV.a", "IV.a"
    IV_B = "IV.b", "IV.b"
    NON = "non", "Non-eselon / fungsional"


class Pejabat(models.Model):
    """An official who signs documents: a Kepala Dinas, a Kepala Bidang, the kepala daerah."""

    pemda = models.ForeignKey(Pemda, models.CASCADE, related_name="pejabat_set")
    opd = models.ForeignKey(
        PerangkatDaerah,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="pejabat_set",
        verbose_name="perangkat daerah",
        help_text="Kosong untuk kepala daerah.",
    )
    unit = models.ForeignKey(
        UnitKerja, models.SET_NULL, null=True, blank=True, related_name="pejabat_set"
    )
    nama = models.CharField("nama (dengan gelar)", max_length=200)
    nip = models.CharField("NIP", max_length=30, blank=True)
    pangkat = models.CharField("pangkat", max_length=100, blank=True)
    golongan = models.CharField("golongan", max_length=20, blank=True)
    jabatan = models.CharField("jabatan", max_length=255)
    is_kepala = models.BooleanField("kepala perangkat daerah", default=False)
    is_kepala_daerah = models.BooleanField("kepala daerah", default=False)
    aktif = models.BooleanField("aktif", default=True)
    jenis_penugasan = models.CharField(
        "jenis penugasan", max_length=10, choices=JenisPenugasan, default=JenisPenugasan.DEFINITIF
    )
    eselon = models.CharField("eselon", max_length=10, choices=Eselon, blank=True)
    mulai_menjabat = models.DateField("mulai menjabat", null=True, blank=True)
    selesai_menjabat = models.DateField(
        "selesai menjabat", null=True, blank=True, help_text="Kosong bila masih menjabat."
    )
    atasan = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="bawahan_set",
        verbose_name="atasan langsung",
    )

    class Meta:
        verbose_name = "pejabat"
        verbose_name_plural = "pejabat"
        ordering = ["pemda", "opd", "nama"]

    def __str__(self):
        return f"{self.nama} ({self.jabatan})"

    def clean(self):
        super().clean()
        mulai, selesai = self.mulai_menjabat, self.selesai_menjabat
        if mulai and selesai and selesai < mulai:
            raise ValidationError(
                {"selesai_menjabat": "Tanggal selesai menjabat sebelum tanggal mulai."}
            )
        if self.atasan_id and self.pk and self.atasan_id == self.pk:
            raise ValidationError({"atasan": "Pejabat tidak dapat menjadi atasannya sendiri."})
        if self.atasan_id and self.pemda_id and self.atasan.pemda_id != self.pemda_id:
            raise ValidationError({"atasan": "Atasan harus pejabat pada Pemda yang sama."})

    @property
    def jabatan_tertulis(self):
        """The title as printed above a signature: "Plt. Kepala Dinas ..." for a Plt / Plh."""
        if self.jenis_penugasan == JenisPenugasan.DEFINITIF:
            return self.jabatan
        return f"{self.get_jenis_penugasan_display()} {self.jabatan}"

    def menjabat_pada(self, tanggal):
        """Whether the official held the post on `tanggal` (open bounds count as in office)."""
        if self.mulai_menjabat and tanggal < self.mulai_menjabat:
            return False
        return not (self.selesai_menjabat and tanggal > self.selesai_menjabat)

    @property
    def pangkat_golongan(self):
        if self.pangkat and self.golongan:
            return f"{self.pangkat} ({self.golongan})"
        return self.pangkat or self.golongan


class Pengguna(AbstractUser):
    """A user: belongs to a Pemda, usually to one OPD and, for operators, to one unit.
    The role is the user's auth group (see sakip.roles)."""

    pemda = models.ForeignKey(Pemda, models.PROTECT, null=True, blank=True, related_name="+")
    opd = models.ForeignKey(
        PerangkatDaerah,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="pengguna_set",
        verbose_name="perangkat daerah",
    )
    unit = models.ForeignKey(
        UnitKerja,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="pengguna_set",
        verbose_name="unit kerja",
    )

    class Meta:
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"

    def clean(self):
        super().clean()
        if self.unit_id and self.opd_id and self.unit.opd_id != self.opd_id:
            raise ValidationError({"unit": "Unit kerja bukan bagian dari perangkat daerah ini."})
        if self.opd_id and self.pemda_id and self.opd.pemda_id != self.pemda_id:
            raise ValidationError({"opd": "Perangkat daerah bukan bagian dari pemda ini."})

    def save(self, *args, **kwargs):
        if self.unit_id and not self.opd_id:
            self.opd_id = self.unit.opd_id
        if self.opd_id and not self.pemda_id:
            self.pemda_id = self.opd.pemda_id
        super().save(*args, **kwargs)

    def has_role(self, *names):
        if not hasattr(self, "_role_names"):
            self._role_names = set(self.groups.values_list("name", flat=True))
        return bool(self._role_names.intersection(names))
