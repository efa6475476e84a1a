"""Budget roll-ups in SQL (STYLE rule 3; DESIGN section 3, "penyerapan", "share of the OPD
budget", "roll-ups").

The pagu of a sub-kegiatan at quarter q is its Pagu row of the year with the latest
`berlaku_mulai` <= q (murni from TW I, a pergeseran or APBD Perubahan from the quarter in
which it applies); realisation is the RealisasiAnggaran of quarters 1..q added up. Program,
kegiatan and sasaran amounts are never stored: each level is annotated with
`Coalesce(Subquery(... GROUP BY level ... SUM))`, NetBox's `count_related` pattern, so every
level costs one query whatever the size of the plan, and no money is added in Python.
Percentages come from sakip.capaian.

`anggaran_rows(periode, tahun, triwulan)` is what pages, PDFs, XLSX and the `capaian` command
read; `total_per_opd(...)` is the same for every OPD of a Pemda.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from anggaran.models import DPA, Pagu, RealisasiAnggaran
from renstra.models import Kegiatan, PerangkatDaerah, PeriodeRenstra, Program, Sasaran, SubKegiatan
from sakip import capaian

RUPIAH = DecimalField(max_digits=20, decimal_places=0)
NOL = Decimal(0)

# Path from a Pagu / RealisasiAnggaran row to each level of the plan.
JALUR = {
    "sub_kegiatan": "sub_kegiatan",
    "kegiatan": "sub_kegiatan__kegiatan",
    "program": "sub_kegiatan__kegiatan__program",
    "sasaran": "sub_kegiatan__kegiatan__program__sasaran",
    "periode": "sub_kegiatan__periode",
}


def pagu_berlaku(tahun, triwulan=4):
    """The Pagu rows in force at `triwulan` of `tahun`: per sub-kegiatan the row with the
    latest berlaku_mulai <= triwulan (a correlated subquery, so it nests in others)."""
    terakhir = (
        Pagu.objects.filter(
            sub_kegiatan=OuterRef("sub_kegiatan"), tahun=tahun, berlaku_mulai__lte=triwulan
        )
        .order_by("-berlaku_mulai")
        .values("berlaku_mulai")[:1]
    )
    return Pagu.objects.filter(
        tahun=tahun, berlaku_mulai__lte=triwulan, berlaku_mulai=Subquery(terakhir)
    )


def realisasi_sd(tahun, triwulan=4, status=None):
    """RealisasiAnggaran rows of quarters 1..triwulan of `tahun` (reports cumulate them).
    `status` (an iterable of StatusRealisasi values) narrows to e.g. verified rows only."""
    qs = RealisasiAnggaran.objects.filter(tahun=tahun, triwulan__lte=triwulan)
    if status is not None:
        qs = qs.filter(status__in=list(status))
    return qs


def _jumlah(rows, jalur):
    """SUM(jumlah) of `rows` whose `jalur` is the outer row, 0 when there is none."""
    subquery = (
        rows.filter(**{jalur: OuterRef("pk")})
        .order_by()
        .values(jalur)
        .annotate(total=Sum("jumlah"))
        .values("total")[:1]
    )
    return Coalesce(Subquery(subquery, output_field=RUPIAH), Value(NOL), output_field=RUPIAH)


def jumlah_pagu(jalur, tahun, triwulan=4):
    """Expression: the pagu in force at `triwulan` summed over the sub-kegiatan under the
    outer row (`jalur` is the path from Pagu to the outer model, see JALUR)."""
    return _jumlah(pagu_berlaku(tahun, triwulan), jalur)


def jumlah_realisasi(jalur, tahun, triwulan=4, status=None):
    """Expression: realisation cumulated to `triwulan`, summed under the outer row."""
    return _jumlah(realisasi_sd(tahun, triwulan, status), jalur)


def dengan_anggaran(queryset, jalur, tahun, triwulan=4, status=None):
    """Annotate `pagu` and `realisasi` (Decimal, 0 when none) on a queryset of a plan level."""
    return queryset.annotate(
        pagu=jumlah_pagu(jalur, tahun, triwulan),
        realisasi=jumlah_realisasi(jalur, tahun, triwulan, status),
    )


@dataclass
class AnggaranRow:
    """Pagu in force, realisation to date and penyerapan of one plan element."""

    tingkat: str  # "sub_kegiatan", "kegiatan", "program", "sasaran"
    id: int
    kode: str
    nama: str
    pagu: Decimal
    realisasi: Decimal
    penyerapan: capaian.Hasil
    induk_id: int | None = None  # kegiatan of a sub-kegiatan, program of a kegiatan, …
    unit_id: int | None = None
    urutan: int = 0
    pangsa: capaian.Hasil | None = None  # share of the OPD's DPA (sasaran and program)


@dataclass
class AnggaranRollup:
    """Every budget figure of an OPD's period for a year up to a quarter."""

    tahun: int
    triwulan: int
    dpa: DPA | None
    pagu: Decimal
    realisasi: Decimal
    penyerapan: capaian.Hasil
    sub_kegiatan: list[AnggaranRow] = field(default_factory=list)
    kegiatan: list[AnggaranRow] = field(default_factory=list)
    program: list[AnggaranRow] = field(default_factory=list)
    sasaran: list[AnggaranRow] = field(default_factory=list)

    def per_id(self, tingkat):
        return {row.id: row for row in getattr(self, tingkat)}

    def anak(self, tingkat_anak, induk_id):
        return [row for row in getattr(self, tingkat_anak) if row.induk_id == induk_id]

    @property
    def pangsa_program(self):
        """Share of the DPA spent on programs (program pagu total / DPA × 100)."""
        return capaian.pangsa_anggaran(self.pagu, self.dpa.jumlah if self.dpa else None)


def dpa_berlaku(opd, tahun, triwulan=4):
    """The OPD's DPA row in force at `triwulan` (latest berlaku_mulai <= triwulan), or None."""
    opd_id = getattr(opd, "pk", opd)
    return (
        DPA.objects.filter(opd_id=opd_id, tahun=tahun, berlaku_mulai__lte=triwulan)
        .order_by("-berlaku_mulai")
        .first()
    )


def _row(tingkat, obj, nama, induk_id=None, unit_id=None, dpa_jumlah=None):
    return AnggaranRow(
        tingkat=tingkat,
        id=obj.pk,
        kode=obj.kode,
        nama=nama,
        pagu=obj.pagu,
        realisasi=obj.realisasi,
        penyerapan=capaian.penyerapan(obj.pagu, obj.realisasi),
        induk_id=induk_id,
        unit_id=unit_id,
        urutan=obj.urutan,
        pangsa=capaian.pangsa_anggaran(obj.pagu, dpa_jumlah) if dpa_jumlah is not None else None,
    )


def anggaran_rows(periode, tahun, triwulan=4, status=None) -> AnggaranRollup:
    """Per sub-kegiatan, kegiatan, program and sasaran of a Renstra period: pagu in force at
    `triwulan`, realisation cumulated to it, penyerapan; per program and sasaran the share of
    the OPD's DPA in force. Six queries whatever the size of the plan."""
    periode_id = getattr(periode, "pk", periode)
    opd_id = periode.opd_id if isinstance(periode, PeriodeRenstra) else None
    if opd_id is None:
        opd_id = PeriodeRenstra.objects.values_list("opd_id", flat=True).get(pk=periode_id)

    def level(model, tingkat, **filters):
        return dengan_anggaran(
            model.objects.filter(**filters), JALUR[tingkat], tahun, triwulan, status
        ).order_by("kode")

    dpa = dpa_berlaku(opd_id, tahun, triwulan)
    dpa_jumlah = dpa.jumlah if dpa else None
    total = dengan_anggaran(
        PeriodeRenstra.objects.filter(pk=periode_id), JALUR["periode"], tahun, triwulan, status
    ).values("pagu", "realisasi")[0]
    rollup = AnggaranRollup(
        tahun=tahun,
        triwulan=triwulan,
        dpa=dpa,
        pagu=total["pagu"],
        realisasi=total["realisasi"],
        penyerapan=capaian.penyerapan(total["pagu"], total["realisasi"]),
    )
    for obj in level(SubKegiatan, "sub_kegiatan", periode_id=periode_id):
        rollup.sub_kegiatan.append(
            _row("sub_kegiatan", obj, obj.nama, obj.kegiatan_id, obj.unit_id)
        )
    for obj in level(Kegiatan, "kegiatan", periode_id=periode_id):
        rollup.kegiatan.append(_row("kegiatan", obj, obj.nama, obj.program_id))
    for obj in level(Program, "program", periode_id=periode_id):
        rollup.program.append(_row("program", obj, obj.nama, obj.sasaran_id, None, dpa_jumlah))
    for obj in level(Sasaran, "sasaran", periode_id=periode_id).order_by("urutan", "kode"):
        rollup.sasaran.append(_row("sasaran", obj, obj.uraian, obj.tujuan_id, None, dpa_jumlah))
    return rollup


def pagu_per_program(program_ids, tahun, triwulan=4):
    """{program_id: pagu in force at `triwulan`} in one query."""
    rows = dengan_anggaran(
        Program.objects.filter(pk__in=list(program_ids)), JALUR["program"], tahun, triwulan
    )
    return {row["pk"]: row["pagu"] for row in rows.values("pk", "pagu")}


@dataclass
class AnggaranOPD:
    """Budget totals of one OPD of a Pemda."""

    opd_id: int
    pagu: Decimal
    realisasi: Decimal
    penyerapan: capaian.Hasil
    dpa: Decimal | None
    pangsa_program: capaian.Hasil


def anggaran_per_opd(pemda, tahun, triwulan=4, periode_ids=None, status=None):
    """{opd_id: AnggaranOPD} for every OPD of a Pemda: program pagu in force, realisation to
    date, penyerapan and the DPA in force, in one query. `periode_ids` (the active period of
    each OPD, see renstra.selectors.periode_aktif_pemda) keeps other Renstra versions out."""
    pemda_id = getattr(pemda, "pk", pemda)
    pagu_rows = pagu_berlaku(tahun, triwulan)
    real_rows = realisasi_sd(tahun, triwulan, status)
    if periode_ids is not None:
        ids = list(periode_ids)
        pagu_rows = pagu_rows.filter(sub_kegiatan__periode_id__in=ids)
        real_rows = real_rows.filter(sub_kegiatan__periode_id__in=ids)
    jalur = "sub_kegiatan__periode__opd"
    dpa = (
        DPA.objects.filter(opd=OuterRef("pk"), tahun=tahun, berlaku_mulai__lte=triwulan)
        .order_by("-berlaku_mulai")
        .values("jumlah")[:1]
    )
    opds = PerangkatDaerah.objects.filter(pemda_id=pemda_id).annotate(
        pagu=_jumlah(pagu_rows, jalur),
        realisasi=_jumlah(real_rows, jalur),
        dpa=Subquery(dpa, output_field=RUPIAH),
    )
    result = {}
    for row in opds.values("pk", "pagu", "realisasi", "dpa"):
        result[row["pk"]] = AnggaranOPD(
            opd_id=row["pk"],
            pagu=row["pagu"],
            realisasi=row["realisasi"],
            penyerapan=capaian.penyerapan(row["pagu"], row["realisasi"]),
            dpa=row["dpa"],
            pangsa_program=capaian.pangsa_anggaran(row["pagu"], row["dpa"]),
        )
    return result


__all__ = [
    "JALUR",
    "AnggaranOPD",
    "AnggaranRollup",
    "AnggaranRow",
    "anggaran_per_opd",
    "anggaran_rows",
    "dengan_anggaran",
    "dpa_berlaku",
    "jumlah_pagu",
    "jumlah_realisasi",
    "pagu_berlaku",
    "pagu_per_program",
    "realisasi_sd",
]
