"""The Pemda's RPJMD as data and the pohon kinerja (performance tree) of an RPJMD period
(issue 16; PermenPAN-RB 89/2021 on cascading, PermenPAN-RB 6/2022 on the SKP).

Models (names are stable: the evaluation app reads them):

- `PeriodeRPJMD`: the Pemda's five-year RPJMD (visi). An OPD `PeriodeRenstra` belongs to
  one through `PeriodeRenstra.periode_rpjmd`.
- `MisiRPJMD`: a misi of the period. `TujuanRPJMD` (renstra.models.rencana) gains
  `periode_rpjmd` and `misi`; `SasaranRPJMD` sits under a TujuanRPJMD.
- `IndikatorRPJMD` (rencana) is the IKU Kota: under a TujuanRPJMD and optionally a
  `SasaranRPJMD`; `TargetRPJMD` holds its yearly targets.
- `NodePohon`: one node of the tree of a Pemda and RPJMD period. `induk` is its parent;
  `jenjang` the level (pemda = kepala daerah, opd = eselon II, eselon_iii, eselon_iv,
  pelaksana = sub-kegiatan). A node reuses the plan's own object when it exists (exactly
  zero or one of `tujuan_rpjmd`, `sasaran_rpjmd`, `tujuan`, `sasaran`, `program`,
  `kegiatan`, `sub_kegiatan`), whose indicators are the node's indicators (no copy). A node
  without such an object is an intermediate result (`uraian` says what): its indicators are
  ordinary `Indikator` rows with `Indikator.node_pohon` set, with yearly and quarterly
  targets, realised on the responsible unit's entry sheet like any other indicator.
  Each node names the unit (`unit`), the position (`jabatan`) and, when known, the official
  holding it (`pejabat`). `crosscutting` lists further nodes (usually Pemda sasaran) the node
  also serves, beside its parent: several OPDs contribute to one Pemda sasaran.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from renstra.models.dasar import MEASURE, ValidatedModel
from renstra.models.organisasi import Pejabat, Pemda, PerangkatDaerah, UnitKerja


class PeriodeRPJMD(models.Model):
    """The five-year RPJMD of a Pemda (the kepala daerah's plan)."""

    pemda = models.ForeignKey(Pemda, models.CASCADE, related_name="periode_rpjmd_set")
    nama = models.CharField("nama", max_length=200, blank=True)
    tahun_awal = models.PositiveSmallIntegerField("tahun awal")
    tahun_akhir = models.PositiveSmallIntegerField("tahun akhir")
    visi = models.TextField("visi", blank=True)

    class Meta:
        verbose_name = "periode RPJMD"
        verbose_name_plural = "periode RPJMD"
        ordering = ["pemda", "-tahun_awal"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "tahun_awal", "tahun_akhir"], name="rpjmd_periode_unik"
            ),
            models.CheckConstraint(
                condition=Q(tahun_akhir__gte=models.F("tahun_awal"))
                & Q(tahun_akhir__lte=models.F("tahun_awal") + 6),
                name="rpjmd_tahun_valid",
            ),
        ]

    def __str__(self):
        return self.nama or f"RPJMD {self.pemda} {self.tahun_awal}–{self.tahun_akhir}"

    @property
    def tahun_list(self):
        return list(range(self.tahun_awal, self.tahun_akhir + 1))

    def memuat_tahun(self, tahun):
        return self.tahun_awal <= int(tahun) <= self.tahun_akhir


class MisiRPJMD(models.Model):
    """A misi of the RPJMD."""

    periode = models.ForeignKey(PeriodeRPJMD, models.CASCADE, related_name="misi_set")
    kode = models.CharField("kode", max_length=20, blank=True)
    uraian = models.TextField("uraian")
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "misi RPJMD"
        verbose_name_plural = "misi RPJMD"
        ordering = ["periode", "urutan", "kode"]

    def __str__(self):
        return self.uraian


class SasaranRPJMD(models.Model):
    """A sasaran of the RPJMD under one of its tujuan."""

    tujuan = models.ForeignKey(
        "renstra.TujuanRPJMD", models.CASCADE, related_name="sasaran_set", verbose_name="tujuan"
    )
    kode = models.CharField("kode", max_length=20, blank=True)
    uraian = models.TextField("uraian")
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "sasaran RPJMD"
        verbose_name_plural = "sasaran RPJMD"
        ordering = ["tujuan", "urutan", "kode"]

    def __str__(self):
        return self.uraian


class TargetRPJMD(ValidatedModel):
    """The yearly target of an IKU Kota (IndikatorRPJMD)."""

    indikator = models.ForeignKey(
        "renstra.IndikatorRPJMD", models.CASCADE, related_name="target_set"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    nilai = models.DecimalField("target", **MEASURE, null=True, blank=True)
    teks = models.CharField("target tertulis", max_length=100, blank=True)

    class Meta:
        verbose_name = "target IKU kota"
        verbose_name_plural = "target IKU kota"
        ordering = ["indikator", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="target_rpjmd_unik")
        ]

    def __str__(self):
        return f"{self.indikator} · {self.tahun}"

    def clean(self):
        periode = self.indikator.tujuan_rpjmd.periode_rpjmd if self.indikator_id else None
        if periode and self.tahun and not periode.memuat_tahun(self.tahun):
            raise ValidationError(
                {
                    "tahun": f"Tahun {self.tahun} di luar periode RPJMD {periode.tahun_awal}–"
                    f"{periode.tahun_akhir}."
                }
            )


class Jenjang(models.TextChoices):
    """The level of a node: who owns the result (PermenPAN-RB 89/2021)."""

    PEMDA = "pemda", "Kepala daerah (RPJMD)"
    OPD = "opd", "Kepala perangkat daerah (eselon II)"
    ESELON_III = "eselon_iii", "Eselon III (Kepala Bidang / Sekretaris)"
    ESELON_IV = "eselon_iv", "Eselon IV (Kepala Sub Bagian / Seksi / Sub Koordinator)"
    PELAKSANA = "pelaksana", "Pelaksana (sub kegiatan)"


JENJANG_URUTAN = {j.value: i for i, j in enumerate(Jenjang)}

# The plan objects a node may reuse, in tree order; a node holds at most one.
OBJEK_FIELDS = (
    "tujuan_rpjmd",
    "sasaran_rpjmd",
    "tujuan",
    "sasaran",
    "program",
    "kegiatan",
    "sub_kegiatan",
)


def _paling_banyak_satu_objek():
    terisi = [Q(**{f"{f}__isnull": False}) for f in OBJEK_FIELDS]
    kondisi = Q()
    for i, _f in enumerate(OBJEK_FIELDS):
        # no two objects set at once
        for other in terisi[i + 1 :]:
            kondisi &= ~(terisi[i] & other)
    return kondisi


class NodePohon(models.Model):
    """A node of the pohon kinerja of a Pemda and RPJMD period (see the module docstring)."""

    periode_rpjmd = models.ForeignKey(
        PeriodeRPJMD, models.CASCADE, related_name="node_set", verbose_name="periode RPJMD"
    )
    induk = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="anak_set", verbose_name="induk"
    )
    jenjang = models.CharField("jenjang", max_length=12, choices=Jenjang.choices)
    opd = models.ForeignKey(
        PerangkatDaerah,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="node_pohon_set",
        verbose_name="perangkat daerah",
        help_text="Kosong untuk node tingkat kepala daerah.",
    )
    periode = models.ForeignKey(
        "renstra.PeriodeRenstra",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="node_pohon_set",
        verbose_name="periode Renstra",
        help_text="Diisi otomatis dari objek rencana; wajib bagi node yang memiliki indikator sendiri.",
    )
    unit = models.ForeignKey(
        UnitKerja,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="node_pohon_set",
        verbose_name="unit penanggung jawab",
    )
    jabatan = models.CharField("jabatan penanggung jawab", max_length=255, blank=True)
    pejabat = models.ForeignKey(
        Pejabat,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="node_pohon_set",
        verbose_name="pejabat pemegang jabatan",
    )
    uraian = models.TextField(
        "uraian kinerja",
        blank=True,
        help_text="Wajib bila node tidak memakai objek rencana (hasil antara).",
    )
    tujuan_rpjmd = models.ForeignKey(
        "renstra.TujuanRPJMD", models.CASCADE, null=True, blank=True, related_name="node_set"
    )
    sasaran_rpjmd = models.ForeignKey(
        SasaranRPJMD, models.CASCADE, null=True, blank=True, related_name="node_set"
    )
    tujuan = models.ForeignKey(
        "renstra.Tujuan", models.CASCADE, null=True, blank=True, related_name="node_set"
    )
    sasaran = models.ForeignKey(
        "renstra.Sasaran", models.CASCADE, null=True, blank=True, related_name="node_set"
    )
    program = models.ForeignKey(
        "renstra.Program", models.CASCADE, null=True, blank=True, related_name="node_set"
    )
    kegiatan = models.ForeignKey(
        "renstra.Kegiatan", models.CASCADE, null=True, blank=True, related_name="node_set"
    )
    sub_kegiatan = models.ForeignKey(
        "renstra.SubKegiatan",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="node_set",
        verbose_name="sub kegiatan",
    )
    crosscutting = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="didukung_set",
        verbose_name="juga mendukung (crosscutting)",
    )
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "node pohon kinerja"
        verbose_name_plural = "node pohon kinerja"
        ordering = ["periode_rpjmd", "urutan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=_paling_banyak_satu_objek(), name="node_paling_banyak_satu_objek"
            )
        ]

    def __str__(self):
        return self.judul

    @property
    def objek_field(self):
        return next((f for f in OBJEK_FIELDS if getattr(self, f"{f}_id")), None)

    @property
    def objek(self):
        f = self.objek_field
        return getattr(self, f) if f else None

    @property
    def judul(self):
        """What the node promises: its own text, else the reused object's."""
        if self.uraian:
            return self.uraian
        obj = self.objek
        if obj is None:
            return ""
        return getattr(obj, "uraian", None) or getattr(obj, "nama", "")

    def clean(self):
        super().clean()
        errors = {}
        if sum(1 for f in OBJEK_FIELDS if getattr(self, f"{f}_id")) > 1:
            errors["uraian"] = "Node hanya boleh memakai satu objek rencana."
        if not self.uraian and not self.objek_field:
            errors["uraian"] = "Isi uraian kinerja atau pilih objek rencana."
        obj = self.objek
        periode = (
            getattr(obj, "periode", None)
            if self.objek_field
            not in (
                None,
                "tujuan_rpjmd",
                "sasaran_rpjmd",
            )
            else None
        )
        if periode is not None and self.opd_id and periode.opd_id != self.opd_id:
            errors["opd"] = "Objek rencana bukan milik perangkat daerah ini."
        if self.unit_id and self.opd_id and self.unit.opd_id != self.opd_id:
            errors["unit"] = "Unit kerja bukan bagian dari perangkat daerah ini."
        if self.jenjang != Jenjang.PEMDA and not self.opd_id and periode is None:
            errors["opd"] = "Node di bawah tingkat kepala daerah memerlukan perangkat daerah."
        if self.induk_id:
            if self.induk.periode_rpjmd_id != self.periode_rpjmd_id:
                errors["induk"] = "Induk berada pada periode RPJMD lain."
            elif self.pk and self._leluhur_memuat(self.pk):
                errors["induk"] = "Induk tidak boleh keturunan node ini sendiri."
        if errors:
            raise ValidationError(errors)

    def _leluhur_memuat(self, pk):
        node, seen = self.induk, set()
        while node is not None and node.pk not in seen:
            if node.pk == pk:
                return True
            seen.add(node.pk)
            node = node.induk
        return False

    def save(self, *args, **kwargs):
        obj = self.objek
        periode = (
            getattr(obj, "periode", None)
            if self.objek_field not in (None, "tujuan_rpjmd", "sasaran_rpjmd")
            else None
        )
        if periode is not None:
            self.periode_id = periode.pk
            self.opd_id = periode.opd_id
        elif (
            not self.periode_id
            and self.induk_id
            and self.induk.periode_id
            and (not self.opd_id or self.opd_id == self.induk.opd_id)
        ):
            # an intermediate result of the same OPD plans in its parent's Renstra period
            self.periode_id = self.induk.periode_id
            self.opd_id = self.induk.opd_id
        if self.objek_field == "sub_kegiatan" and not self.unit_id:
            self.unit_id = obj.unit_id
        if self.unit_id and not self.opd_id:
            self.opd_id = self.unit.opd_id
        if self.pejabat_id and not self.jabatan:
            self.jabatan = self.pejabat.jabatan
        self.full_clean(validate_unique=False, validate_constraints=False)
        super().save(*args, **kwargs)
