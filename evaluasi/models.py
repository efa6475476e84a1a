"""The LKE of PermenPAN-RB 88/2021 as versioned reference data, and the evaluation of an
OPD for a year: the OPD's self-assessment and the Inspektorat's scores side by side,
evidence files, the Inspektorat's recommendations and the OPD's follow-up, and the
quarterly monitoring records of each unit.

A later regulation is a new `VersiLke` (never an edit of the old one): an evaluation
points at the version in force for its year (`VersiLke.objects.untuk_tahun`)."""

import uuid

from django.conf import settings
from django.db import models

from renstra.models import PerangkatDaerah, UnitKerja
from sakip.berkas import BerkasBukti, penyimpanan_bukti

BOBOT = {"max_digits": 6, "decimal_places": 2}


class VersiLkeQuerySet(models.QuerySet):
    def untuk_tahun(self, tahun):
        """The version in force in `tahun`: the latest one starting on or before it."""
        return self.filter(tahun_mulai__lte=tahun).order_by("-tahun_mulai").first()


class VersiLke(models.Model):
    """One regulation's LKE. `metode`: how criteria answers become a sub-component value
    (reference §3: per sub-component answer AA…E, or per-criterion mean)."""

    class Metode(models.TextChoices):
        SUB_KOMPONEN = "sub", "Satu jawaban per sub-komponen (AA–E)"
        KRITERIA = "kriteria", "Rata-rata nilai kriteria"

    kode = models.SlugField("kode", max_length=60, unique=True)
    regulasi = models.CharField("regulasi", max_length=200)
    tahun_mulai = models.PositiveSmallIntegerField("berlaku mulai tahun")
    metode = models.CharField(
        "metode penilaian", max_length=10, choices=Metode.choices, default=Metode.KRITERIA
    )

    objects = VersiLkeQuerySet.as_manager()

    class Meta:
        verbose_name = "versi LKE"
        verbose_name_plural = "versi LKE"
        ordering = ["-tahun_mulai"]

    def __str__(self):
        return self.regulasi


class Komponen(models.Model):
    versi = models.ForeignKey(VersiLke, models.CASCADE, related_name="komponen_set")
    kode = models.CharField("kode", max_length=10)
    nama = models.CharField("nama", max_length=200)
    bobot = models.DecimalField("bobot", **BOBOT)

    class Meta:
        verbose_name = "komponen"
        verbose_name_plural = "komponen"
        ordering = ["versi", "kode"]
        constraints = [models.UniqueConstraint(fields=["versi", "kode"], name="komponen_kode_unik")]

    def __str__(self):
        return f"{self.kode}. {self.nama}"


class SubKomponen(models.Model):
    class Jenis(models.TextChoices):
        KEBERADAAN = "keberadaan", "Keberadaan"
        KUALITAS = "kualitas", "Kualitas"
        PEMANFAATAN = "pemanfaatan", "Pemanfaatan"

    komponen = models.ForeignKey(Komponen, models.CASCADE, related_name="sub_komponen_set")
    kode = models.CharField("kode", max_length=10)
    jenis = models.CharField("jenis", max_length=12, choices=Jenis.choices)
    nama = models.CharField("nama", max_length=300)
    bobot = models.DecimalField("bobot", **BOBOT)

    class Meta:
        verbose_name = "sub-komponen"
        verbose_name_plural = "sub-komponen"
        ordering = ["komponen", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["komponen", "kode"], name="sub_komponen_kode_unik")
        ]

    def __str__(self):
        return f"{self.kode} {self.nama}"


class Kriteria(models.Model):
    """One criterion. `skala`: its answer scale (Y/T or A–E). `aturan`: the evidence rule
    (evaluasi.bukti.ATURAN) that lets the system propose an answer; blank = by hand."""

    class Skala(models.TextChoices):
        YA_TIDAK = "YT", "Ya / Tidak"
        A_E = "AE", "A – E"

    sub_komponen = models.ForeignKey(SubKomponen, models.CASCADE, related_name="kriteria_set")
    kode = models.CharField("kode", max_length=12)
    urutan = models.PositiveSmallIntegerField("urutan")
    uraian = models.TextField("uraian")
    skala = models.CharField("skala jawaban", max_length=2, choices=Skala.choices)
    aturan = models.CharField("aturan bukti otomatis", max_length=40, blank=True)

    class Meta:
        verbose_name = "kriteria"
        verbose_name_plural = "kriteria"
        ordering = ["sub_komponen", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["sub_komponen", "kode"], name="kriteria_kode_unik")
        ]

    def __str__(self):
        return f"{self.kode} {self.uraian}"


class Pihak(models.TextChoices):
    MANDIRI = "mandiri", "Penilaian mandiri OPD"
    INSPEKTORAT = "inspektorat", "Evaluasi Inspektorat"


class Evaluasi(models.Model):
    """The LKE of one OPD for one year. The self-assessment is drafted by the Perencana
    and approved by the Kepala Dinas; the Inspektorat's evaluation is its own, finalised
    by the Inspektorat. Once approved / final a side is read-only."""

    class StatusMandiri(models.TextChoices):
        DRAFT = "draft", "Draf"
        DISETUJUI = "disetujui", "Disetujui Kepala Dinas"

    class StatusInspektorat(models.TextChoices):
        DRAFT = "draft", "Draf"
        FINAL = "final", "Final"

    opd = models.ForeignKey(PerangkatDaerah, models.CASCADE, related_name="evaluasi_set")
    tahun = models.PositiveSmallIntegerField("tahun yang dievaluasi")
    versi = models.ForeignKey(VersiLke, models.PROTECT, related_name="evaluasi_set")
    status_mandiri = models.CharField(
        "status penilaian mandiri",
        max_length=10,
        choices=StatusMandiri.choices,
        default=StatusMandiri.DRAFT,
    )
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    disetujui_pada = models.DateTimeField("disetujui pada", null=True, blank=True)
    status_inspektorat = models.CharField(
        "status evaluasi Inspektorat",
        max_length=10,
        choices=StatusInspektorat.choices,
        default=StatusInspektorat.DRAFT,
    )
    difinalkan_pada = models.DateTimeField("evaluasi difinalkan pada", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "evaluasi AKIP"
        verbose_name_plural = "evaluasi AKIP"
        ordering = ["-tahun", "opd"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun"], name="evaluasi_opd_tahun_unik")
        ]

    def __str__(self):
        return f"Evaluasi AKIP {self.tahun} · {self.opd}"


class Jawaban(models.Model):
    """One side's answer to one criterion. `saran`: the system's proposal when the answer
    was saved (kept so an override stays visible); an answer that differs from the
    proposal needs a `catatan`."""

    evaluasi = models.ForeignKey(Evaluasi, models.CASCADE, related_name="jawaban_set")
    kriteria = models.ForeignKey(Kriteria, models.PROTECT, related_name="+")
    pihak = models.CharField("pihak", max_length=12, choices=Pihak.choices)
    jawaban = models.CharField("jawaban", max_length=2)
    saran = models.CharField("saran sistem", max_length=2, blank=True)
    catatan = models.TextField("catatan", blank=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "jawaban LKE"
        verbose_name_plural = "jawaban LKE"
        ordering = ["evaluasi", "kriteria", "pihak"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluasi", "kriteria", "pihak"], name="jawaban_unik_per_pihak"
            )
        ]

    def __str__(self):
        return f"{self.kriteria.kode} {self.pihak}: {self.jawaban}"


class SyaratSub(models.Model):
    """One side's explicit checks on a sub-component, used by the regulation's method
    (VersiLke.Metode.SUB_KOMPONEN, reference §3.1) to lift a 100 % sub-component above B.
    Never inferred: the evaluator ticks them."""

    evaluasi = models.ForeignKey(Evaluasi, models.CASCADE, related_name="syarat_set")
    sub_komponen = models.ForeignKey(SubKomponen, models.PROTECT, related_name="+")
    pihak = models.CharField("pihak", max_length=12, choices=Pihak.choices)
    syarat_bb = models.BooleanField("sesuai mandat kebijakan nasional", default=False)
    syarat_a = models.BooleanField("dipertahankan ≥ 1 tahun / upaya lebih (A)", default=False)
    syarat_aa = models.BooleanField(
        "dipertahankan ≥ 5 tahun / inovasi layak nasional (AA)", default=False
    )

    class Meta:
        verbose_name = "syarat sub-komponen"
        verbose_name_plural = "syarat sub-komponen"
        constraints = [
            models.UniqueConstraint(
                fields=["evaluasi", "sub_komponen", "pihak"], name="syarat_sub_unik"
            )
        ]

    def __str__(self):
        return f"{self.sub_komponen.kode} {self.pihak}"


def bukti_lke_upload_to(instance, filename):
    # A random name: the original name is kept in the row, never in the path.
    return f"bukti-lke/{instance.evaluasi.tahun}/{uuid.uuid4().hex}"


class BuktiLke(BerkasBukti):
    """An evidence file for a criterion answered by hand (private storage, like kinerja's
    evidence of a realisation)."""

    evaluasi = models.ForeignKey(Evaluasi, models.CASCADE, related_name="bukti_set")
    kriteria = models.ForeignKey(Kriteria, models.PROTECT, related_name="+")
    pihak = models.CharField("pihak", max_length=12, choices=Pihak.choices)

    class Meta:
        verbose_name = "bukti dukung LKE"
        verbose_name_plural = "bukti dukung LKE"
        ordering = ["evaluasi", "kriteria", "created_at"]

    def __str__(self):
        return self.nama_asli

    def jalur_berkas(self, filename):
        return bukti_lke_upload_to(self, filename)


class StatusRekomendasi(models.TextChoices):
    TERBUKA = "terbuka", "Terbuka"
    PROSES = "proses", "Dalam proses"
    SELESAI = "selesai", "Selesai"
    DITERIMA = "diterima", "Diterima Inspektorat"


class Rekomendasi(models.Model):
    """A finding of the Inspektorat on one criterion. Status: terbuka → proses (the OPD
    records a follow-up) → selesai (the OPD says it is done) → diterima (the Inspektorat
    accepts it); the Inspektorat may send a selesai back to proses."""

    evaluasi = models.ForeignKey(Evaluasi, models.CASCADE, related_name="rekomendasi_set")
    kriteria = models.ForeignKey(Kriteria, models.PROTECT, related_name="+")
    uraian = models.TextField("rekomendasi")
    status = models.CharField(
        "status", max_length=10, choices=StatusRekomendasi.choices, default="terbuka"
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "rekomendasi"
        verbose_name_plural = "rekomendasi"
        ordering = ["evaluasi", "kriteria", "created_at"]

    def __str__(self):
        return f"{self.kriteria.kode}: {self.uraian[:60]}"


class TindakLanjut(models.Model):
    """An OPD's follow-up action on a recommendation, with its due date and evidence."""

    rekomendasi = models.ForeignKey(Rekomendasi, models.CASCADE, related_name="tindak_lanjut_set")
    uraian = models.TextField("tindak lanjut")
    batas_waktu = models.DateField("batas waktu")
    berkas = models.FileField(
        "bukti",
        upload_to="tindak-lanjut/",
        storage=penyimpanan_bukti,
        max_length=255,
        blank=True,
    )
    nama_asli = models.CharField("nama berkas", max_length=255, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tindak lanjut"
        verbose_name_plural = "tindak lanjut"
        ordering = ["rekomendasi", "created_at"]

    def __str__(self):
        return self.uraian[:60]


class Pemantauan(models.Model):
    """The quarterly monitoring record of a unit (reference §5, 1.c.4): the obstacles
    found beside the realisations and the follow-up decided, with its due date and status."""

    class Status(models.TextChoices):
        RENCANA = "rencana", "Direncanakan"
        PROSES = "proses", "Dalam proses"
        SELESAI = "selesai", "Selesai"

    unit = models.ForeignKey(UnitKerja, models.CASCADE, related_name="pemantauan_set")
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField("triwulan", choices=[(i, i) for i in range(1, 5)])
    kendala = models.TextField("kendala yang ditemukan")
    tindak_lanjut = models.TextField("tindak lanjut yang diputuskan")
    batas_waktu = models.DateField("batas waktu")
    status = models.CharField("status", max_length=10, choices=Status.choices, default="rencana")
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "pemantauan triwulan"
        verbose_name_plural = "pemantauan triwulan"
        ordering = ["unit", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "tahun", "triwulan"], name="pemantauan_unit_triwulan_unik"
            )
        ]

    def __str__(self):
        return f"Pemantauan TW {self.triwulan} {self.tahun} · {self.unit}"
