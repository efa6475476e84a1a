"""The RPJMD links, the Renstra period and its Tujuan -> Sasaran -> Program -> Kegiatan ->
SubKegiatan tree, the one Indikator model used at every level, its yearly targets and
the ordered category scales of categorical indicators."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from renstra.models.dasar import MEASURE, ValidatedModel
from renstra.models.organisasi import Pemda, PerangkatDaerah, UnitKerja


class TujuanRPJMD(models.Model):
    """A goal of the Pemda's RPJMD that OPD goals support (seed 000 "Tujuan di RPJMD")."""

    pemda = models.ForeignKey(Pemda, models.CASCADE, related_name="tujuan_rpjmd_set")
    periode_rpjmd = models.ForeignKey(
        "renstra.PeriodeRPJMD",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="tujuan_set",
        verbose_name="periode RPJMD",
    )
    misi = models.ForeignKey(
        "renstra.MisiRPJMD", models.SET_NULL, null=True, blank=True, related_name="tujuan_set"
    )
    kode = models.CharField("kode", max_length=20, blank=True)
    uraian = models.TextField("uraian")
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "tujuan RPJMD"
        verbose_name_plural = "tujuan RPJMD"
        ordering = ["pemda", "kode", "id"]

    def __str__(self):
        return self.uraian


class IndikatorRPJMD(models.Model):
    """An indicator of the Pemda's RPJMD ("IKU Kota" in seed 000)."""

    tujuan_rpjmd = models.ForeignKey(
        TujuanRPJMD, models.CASCADE, related_name="indikator_set", verbose_name="tujuan RPJMD"
    )
    sasaran_rpjmd = models.ForeignKey(
        "renstra.SasaranRPJMD",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="indikator_set",
        verbose_name="sasaran RPJMD",
        help_text="Kosong bila indikator tujuan RPJMD.",
    )
    uraian = models.TextField("uraian")
    satuan = models.CharField("satuan", max_length=60, blank=True)
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "indikator kinerja daerah (IKU kota)"
        verbose_name_plural = "indikator kinerja daerah (IKU kota)"
        ordering = ["tujuan_rpjmd", "id"]

    def __str__(self):
        return self.uraian


class PeriodeRenstra(models.Model):
    """A five-year Renstra of an OPD. A revision ("Perubahan") is a new version whose
    `induk` is the version it revises."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        DITETAPKAN = "ditetapkan", "Ditetapkan"

    opd = models.ForeignKey(
        PerangkatDaerah, models.CASCADE, related_name="periode_set", verbose_name="perangkat daerah"
    )
    nama = models.CharField("nama", max_length=200, blank=True)
    tahun_awal = models.PositiveSmallIntegerField("tahun awal")
    tahun_akhir = models.PositiveSmallIntegerField("tahun akhir")
    versi = models.PositiveSmallIntegerField("versi", default=1)
    induk = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="perubahan_set",
        verbose_name="perubahan dari",
    )
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.DRAFT)
    dua_level = models.BooleanField(
        "nomenklatur dua tingkat (sebelum 2021)",
        default=False,
        help_text="Program -> kegiatan saja; setiap kegiatan menyimpan satu sub-kegiatan bernama sama.",
    )
    dasar_hukum = models.CharField("dasar penetapan", max_length=255, blank=True)
    periode_rpjmd = models.ForeignKey(
        "renstra.PeriodeRPJMD",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="periode_renstra_set",
        verbose_name="periode RPJMD",
    )

    class Meta:
        verbose_name = "periode Renstra"
        verbose_name_plural = "periode Renstra"
        ordering = ["opd", "-tahun_awal", "-versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun_awal", "tahun_akhir", "versi"], name="periode_versi_unik"
            ),
            models.CheckConstraint(
                condition=Q(tahun_akhir__gte=models.F("tahun_awal"))
                & Q(tahun_akhir__lte=models.F("tahun_awal") + 6),
                name="periode_tahun_valid",
            ),
        ]

    def __str__(self):
        label = self.nama or f"Renstra {self.tahun_awal}–{self.tahun_akhir}"
        return f"{self.opd} · {label}" + (f" (versi {self.versi})" if self.versi > 1 else "")

    @property
    def tahun_list(self):
        return list(range(self.tahun_awal, self.tahun_akhir + 1))

    def memuat_tahun(self, tahun):
        return self.tahun_awal <= int(tahun) <= self.tahun_akhir


class Tujuan(models.Model):
    """An OPD goal for a Renstra period."""

    periode = models.ForeignKey(
        PeriodeRenstra, models.CASCADE, related_name="tujuan_set", verbose_name="periode"
    )
    kode = models.CharField("kode", max_length=30)
    uraian = models.TextField("uraian")
    urutan = models.PositiveIntegerField("urutan", default=0)
    tujuan_rpjmd = models.ForeignKey(
        TujuanRPJMD,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="tujuan_opd_set",
        verbose_name="tujuan RPJMD",
    )

    class Meta:
        verbose_name = "tujuan"
        verbose_name_plural = "tujuan"
        ordering = ["periode", "urutan", "kode"]
        constraints = [models.UniqueConstraint(fields=["periode", "kode"], name="tujuan_kode_unik")]

    def __str__(self):
        return self.uraian


class Sasaran(models.Model):
    """A strategic target (sasaran strategis) under a Tujuan."""

    tujuan = models.ForeignKey(Tujuan, models.CASCADE, related_name="sasaran_set")
    periode = models.ForeignKey(
        PeriodeRenstra, models.CASCADE, related_name="sasaran_set", editable=False
    )
    kode = models.CharField("kode", max_length=30)
    uraian = models.TextField("uraian")
    urutan = models.PositiveIntegerField("urutan", default=0)
    iku_kota = models.ForeignKey(
        IndikatorRPJMD,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="sasaran_set",
        verbose_name="IKU kota yang didukung",
    )

    class Meta:
        verbose_name = "sasaran"
        verbose_name_plural = "sasaran"
        ordering = ["periode", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["periode", "kode"], name="sasaran_kode_unik")
        ]

    def __str__(self):
        return self.uraian

    def save(self, *args, **kwargs):
        self.periode_id = self.tujuan.periode_id
        super().save(*args, **kwargs)


class Program(models.Model):
    """A program (kode U.BB.PP) supporting a sasaran."""

    periode = models.ForeignKey(
        PeriodeRenstra, models.CASCADE, related_name="program_set", verbose_name="periode"
    )
    sasaran = models.ForeignKey(
        Sasaran, models.SET_NULL, null=True, blank=True, related_name="program_set"
    )
    kode = models.CharField("kode", max_length=40)
    nama = models.CharField("nama", max_length=500)
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "program"
        verbose_name_plural = "program"
        ordering = ["periode", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["periode", "kode"], name="program_kode_unik")
        ]

    def __str__(self):
        return f"{self.kode} {self.nama}"

    def clean(self):
        if self.sasaran_id and self.periode_id and self.sasaran.periode_id != self.periode_id:
            raise ValidationError({"sasaran": "Sasaran bukan bagian dari periode ini."})


class Kegiatan(models.Model):
    """A kegiatan (kode program + .K.KK) of a program."""

    program = models.ForeignKey(Program, models.CASCADE, related_name="kegiatan_set")
    periode = models.ForeignKey(
        PeriodeRenstra, models.CASCADE, related_name="kegiatan_set", editable=False
    )
    kode = models.CharField("kode", max_length=50)
    nama = models.CharField("nama", max_length=500)
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "kegiatan"
        verbose_name_plural = "kegiatan"
        ordering = ["periode", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["periode", "kode"], name="kegiatan_kode_unik")
        ]

    def __str__(self):
        return f"{self.kode} {self.nama}"

    def clean(self):
        if self.program_id and self.kode and not self.kode.startswith(self.program.kode + "."):
            raise ValidationError(
                {"kode": f"Kode kegiatan harus diawali kode programnya ({self.program.kode}.)."}
            )

    def save(self, *args, **kwargs):
        self.periode_id = self.program.periode_id
        super().save(*args, **kwargs)


class SubKegiatan(models.Model):
    """A sub-kegiatan (kode kegiatan + .SSSS): the level that holds pagu, a unit and a place.
    In a two-level period (before 2021) each kegiatan has exactly one, with its name."""

    kegiatan = models.ForeignKey(Kegiatan, models.CASCADE, related_name="sub_kegiatan_set")
    periode = models.ForeignKey(
        PeriodeRenstra, models.CASCADE, related_name="sub_kegiatan_set", editable=False
    )
    kode = models.CharField("kode", max_length=60)
    nama = models.CharField("nama", max_length=500)
    unit = models.ForeignKey(
        UnitKerja,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="sub_kegiatan_set",
        verbose_name="unit kerja",
    )
    lokasi = models.CharField("lokasi", max_length=255, blank=True)
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "sub kegiatan"
        verbose_name_plural = "sub kegiatan"
        ordering = ["periode", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["periode", "kode"], name="subkegiatan_kode_unik")
        ]

    def __str__(self):
        return f"{self.kode} {self.nama}"

    def clean(self):
        if self.kegiatan_id and self.kode and not self.kode.startswith(self.kegiatan.kode + "."):
            raise ValidationError(
                {
                    "kode": f"Kode sub kegiatan harus diawali kode kegiatannya ({self.kegiatan.kode}.)."
                }
            )
        if self.unit_id and self.kegiatan_id and self.unit.opd_id != self.kegiatan.periode.opd_id:
            raise ValidationError({"unit": "Unit kerja bukan bagian dari perangkat daerah ini."})

    def save(self, *args, **kwargs):
        self.periode_id = self.kegiatan.periode_id
        super().save(*args, **kwargs)


class SkalaKategori(models.Model):
    """An ordered scale for categorical indicators (Kota Layak Anak: Pratama < Madya <
    Nindya < Utama < KLA)."""

    pemda = models.ForeignKey(
        Pemda, models.CASCADE, null=True, blank=True, related_name="skala_kategori_set"
    )
    nama = models.CharField("nama", max_length=200)

    class Meta:
        verbose_name = "skala kategori"
        verbose_name_plural = "skala kategori"
        ordering = ["nama"]

    def __str__(self):
        return self.nama


class LevelKategori(models.Model):
    """One level of a category scale; `skor` is what capaian compares (default the rank)."""

    skala = models.ForeignKey(SkalaKategori, models.CASCADE, related_name="level_set")
    nama = models.CharField("nama", max_length=100)
    urutan = models.PositiveSmallIntegerField("urutan (peringkat)")
    skor = models.DecimalField(
        "skor", **{**MEASURE, "validators": [*MEASURE["validators"], MinValueValidator(0)]}
    )
    skor_min = models.DecimalField("rentang nilai dari", **MEASURE, null=True, blank=True)
    skor_max = models.DecimalField("rentang nilai sampai", **MEASURE, null=True, blank=True)

    class Meta:
        verbose_name = "level kategori"
        verbose_name_plural = "level kategori"
        ordering = ["skala", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["skala", "urutan"], name="level_urutan_unik"),
            models.UniqueConstraint(fields=["skala", "nama"], name="level_nama_unik"),
            models.CheckConstraint(condition=Q(skor__gte=0), name="level_skor_nonneg"),
        ]

    def __str__(self):
        return self.nama


# node_pohon: an intermediate result of the pohon kinerja that has no Renstra object
# (renstra.models.pohon.NodePohon) owns ordinary indicators too.
LEVEL_FIELDS = ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan", "node_pohon")


def _exactly_one_level():
    options = []
    for field in LEVEL_FIELDS:
        cond = Q(**{f"{field}__isnull": False})
        for other in LEVEL_FIELDS:
            if other != field:
                cond &= Q(**{f"{other}__isnull": True})
        options.append(cond)
    result = options[0]
    for cond in options[1:]:
        result |= cond
    return result


class Indikator(models.Model):
    """A performance indicator, attached to exactly one level of the plan."""

    class Tipe(models.TextChoices):
        ANGKA = "angka", "Angka"
        PERSENTASE = "persentase", "Persentase"
        RASIO = "rasio", "Rasio (pembilang/penyebut)"
        INDEKS = "indeks", "Indeks"
        KATEGORI = "kategori", "Kategori"

    class Polaritas(models.TextChoices):
        POSITIF = "positif", "Positif (makin tinggi makin baik)"
        NEGATIF = "negatif", "Negatif (makin rendah makin baik)"
        RENTANG = "rentang", "Rentang target (stabil)"

    class Agregasi(models.TextChoices):
        KUMULATIF = "kumulatif", "Jumlah kumulatif triwulan"
        TERAKHIR = "terakhir", "Nilai triwulan terakhir"
        RATA_RATA = "rata_rata", "Rata-rata triwulan"

    class RumusNegatif(models.TextChoices):
        SELISIH = "selisih", "(2 × Target − Realisasi) / Target × 100"
        KEBALIKAN = "kebalikan", "Target / Realisasi × 100"

    periode = models.ForeignKey(
        PeriodeRenstra, models.CASCADE, related_name="indikator_set", editable=False
    )
    tujuan = models.ForeignKey(
        Tujuan, models.CASCADE, null=True, blank=True, related_name="indikator_set"
    )
    sasaran = models.ForeignKey(
        Sasaran, models.CASCADE, null=True, blank=True, related_name="indikator_set"
    )
    program = models.ForeignKey(
        Program, models.CASCADE, null=True, blank=True, related_name="indikator_set"
    )
    kegiatan = models.ForeignKey(
        Kegiatan, models.CASCADE, null=True, blank=True, related_name="indikator_set"
    )
    sub_kegiatan = models.ForeignKey(
        SubKegiatan,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="indikator_set",
        verbose_name="sub kegiatan",
    )
    node_pohon = models.ForeignKey(
        "renstra.NodePohon",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="indikator_set",
        verbose_name="node pohon kinerja",
    )
    kode = models.CharField("kode", max_length=40, blank=True)
    uraian = models.TextField("uraian")
    satuan = models.CharField("satuan", max_length=60, blank=True)
    tipe = models.CharField("tipe", max_length=12, choices=Tipe.choices, default=Tipe.PERSENTASE)
    polaritas = models.CharField(
        "polaritas", max_length=10, choices=Polaritas.choices, default=Polaritas.POSITIF
    )
    rentang_bawah = models.DecimalField("batas bawah rentang", **MEASURE, null=True, blank=True)
    rentang_atas = models.DecimalField("batas atas rentang", **MEASURE, null=True, blank=True)
    rumus_negatif = models.CharField(
        "rumus polaritas negatif (kosong = pengaturan pemda)",
        max_length=12,
        choices=RumusNegatif.choices,
        blank=True,
    )
    agregasi = models.CharField(
        "nilai tahunan dari triwulan",
        max_length=12,
        choices=Agregasi.choices,
        default=Agregasi.TERAKHIR,
    )
    skala = models.ForeignKey(
        SkalaKategori,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="indikator_set",
        verbose_name="skala kategori",
    )
    formula = models.TextField("penjelasan / formulasi perhitungan", blank=True)
    label_pembilang = models.CharField("pembilang", max_length=500, blank=True)
    label_penyebut = models.CharField("penyebut", max_length=500, blank=True)
    pengali = models.DecimalField("pengali rasio", max_digits=10, decimal_places=2, default=100)
    sumber_data = models.TextField("sumber data", blank=True)
    unit_penanggung_jawab = models.ManyToManyField(
        UnitKerja,
        blank=True,
        related_name="indikator_tanggung_jawab",
        verbose_name="penanggung jawab",
    )
    is_iku = models.BooleanField("indikator kinerja utama (IKU)", default=False)
    kondisi_awal = models.DecimalField("kondisi awal", **MEASURE, null=True, blank=True)
    kondisi_awal_level = models.ForeignKey(
        LevelKategori,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="kondisi awal (kategori)",
    )
    tahun_kondisi_awal = models.PositiveSmallIntegerField(
        "tahun kondisi awal", null=True, blank=True
    )
    urutan = models.PositiveIntegerField("urutan", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikator"
        ordering = ["periode", "urutan", "id"]
        constraints = [
            models.CheckConstraint(condition=_exactly_one_level(), name="indikator_satu_level"),
            models.CheckConstraint(
                condition=Q(rentang_bawah__isnull=True)
                | Q(rentang_atas__isnull=True)
                | Q(rentang_bawah__lte=models.F("rentang_atas")),
                name="indikator_rentang_valid",
            ),
        ]

    def __str__(self):
        return self.uraian

    def _attached_levels(self):
        # getattr(self, field) also sees a parent that is not saved yet (an admin inline
        # validates the indicator before its new sasaran or sub-kegiatan has a key).
        return [f for f in LEVEL_FIELDS if getattr(self, f"{f}_id") or getattr(self, f) is not None]

    @property
    def level(self):
        attached = self._attached_levels()
        return attached[0] if attached else None

    @property
    def pemilik(self):
        level = self.level
        return getattr(self, level) if level else None

    def clean(self):
        if len(self._attached_levels()) != 1:
            raise ValidationError("Indikator harus melekat pada tepat satu tingkat rencana.")
        if self.level == "node_pohon" and not self.node_pohon.periode_id:
            raise ValidationError(
                {"node_pohon": "Node pohon kinerja belum terhubung ke periode Renstra."}
            )
        if self.tipe == self.Tipe.KATEGORI and not self.skala_id:
            raise ValidationError({"skala": "Indikator kategori memerlukan skala kategori."})
        if self.polaritas == self.Polaritas.RENTANG and (
            self.rentang_bawah is None or self.rentang_atas is None
        ):
            raise ValidationError(
                {"rentang_bawah": "Polaritas rentang memerlukan batas bawah dan batas atas."}
            )

    def save(self, *args, **kwargs):
        owner = self.pemilik
        if owner is not None:
            self.periode_id = owner.periode_id
        super().save(*args, **kwargs)


class TargetTahunan(ValidatedModel):
    """The yearly target of an indicator; the last year's is the end-of-Renstra target."""

    indikator = models.ForeignKey(Indikator, models.CASCADE, related_name="target_tahunan_set")
    tahun = models.PositiveSmallIntegerField("tahun")
    nilai = models.DecimalField("target", **MEASURE, null=True, blank=True)
    level = models.ForeignKey(
        LevelKategori,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="target (kategori)",
    )
    teks = models.CharField(
        "target tertulis",
        max_length=100,
        blank=True,
        help_text="Bila target bukan angka, mis. 'Tersedia'.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "target tahunan"
        verbose_name_plural = "target tahunan"
        ordering = ["indikator", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="target_tahunan_unik"),
            models.CheckConstraint(
                condition=Q(tahun__gte=2000) & Q(tahun__lte=2100), name="target_tahun_wajar"
            ),
        ]

    def __str__(self):
        return f"{self.indikator} · {self.tahun}"

    def clean(self):
        if self.indikator_id and self.tahun:
            periode = self.indikator.periode
            if not periode.memuat_tahun(self.tahun):
                raise ValidationError(
                    {
                        "tahun": f"Tahun {self.tahun} di luar periode Renstra {periode.tahun_awal}–{periode.tahun_akhir}."
                    }
                )
            if self.level_id and self.level.skala_id != self.indikator.skala_id:
                raise ValidationError({"level": "Kategori tidak ada pada skala indikator ini."})
