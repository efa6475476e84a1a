"""Budget roll-ups in SQL (STYLE rule 3; DESIGN section 3, "penyerapan", "share of the OPD
budget", "roll-ups"): the money half of the read model.

The pagu of a sub-kegiatan at quarter q is its Pagu row of the year with the latest
`berlaku_mulai` <= q (murni from TW I, a pergeseran or APBD Perubahan from the quarter in
which it applies): `pagu_berlaku()` is that rule, and every page, sheet, listing, document
and command reads the pagu through it (`jumlah_pagu()`, `dengan_anggaran()`). Realisation
is the RealisasiAnggaran of quarters 1..q added up. Program, kegiatan and sasaran amounts
are never stored: each level is annotated with `Coalesce(Subquery(... GROUP BY level ...
SUM))`, NetBox's `count_related` pattern, so every level costs one query whatever the size
of the plan, and no money is added in Python. Percentages come from sakip.capaian.

anggaran_rows: per plan level and the OPD (sheets, documents; a sasaran's programs are those
of renstra.selectors.sasaran_berlaku in the year); program_per_triwulan: per program at each
quarter (dashboard); anggaran_per_opd: per OPD of a Pemda; total_anggaran: several OPDs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, Exists, F, Func, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from anggaran.models import DPA, Pagu, RealisasiAnggaran
from renstra.models import (
    Indikator,
    Kegiatan,
    PerangkatDaerah,
    PeriodeRenstra,
    Program,
    Sasaran,
    SubKegiatan,
)
from renstra.selectors import sasaran_berlaku
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


def _lebih_dalam(nilai):
    """`nilai` seen from one subquery deeper: an OuterRef needs one more; a value stays."""
    return OuterRef(nilai) if isinstance(nilai, OuterRef) else nilai


def pagu_berlaku(tahun, triwulan=4):
    """The one rule for the pagu in force (anggaran.models.Pagu): the Pagu rows of `tahun`
    that apply at `triwulan`, i.e. per sub-kegiatan the row with the latest berlaku_mulai
    <= triwulan (no later row of the same year has started by then).

    `tahun` and `triwulan` are ints, or OuterRef("...") to the row of the query this is
    nested in (a listing of quarterly rows, each with its own year and quarter). Every
    caller reads the pagu through this function, jumlah_pagu() or dengan_anggaran()."""
    lebih_baru = Pagu.objects.filter(
        sub_kegiatan=OuterRef("sub_kegiatan"),
        tahun=OuterRef("tahun"),
        berlaku_mulai__gt=OuterRef("berlaku_mulai"),
        berlaku_mulai__lte=_lebih_dalam(triwulan),
    )
    return Pagu.objects.filter(tahun=tahun, berlaku_mulai__lte=triwulan).filter(~Exists(lebih_baru))


def realisasi_sd(tahun, triwulan=4, status=None):
    """RealisasiAnggaran rows of quarters 1..triwulan of `tahun` (reports cumulate them).
    `status` (an iterable of StatusRealisasi values) narrows to e.g. verified rows only.
    `tahun` and `triwulan` may be OuterRef("...") as in pagu_berlaku()."""
    qs = RealisasiAnggaran.objects.filter(tahun=tahun, triwulan__lte=triwulan)
    if status is not None:
        qs = qs.filter(status__in=list(status))
    return qs


def _jumlah(rows, jalur, *, ke=None, unit_id=None, kosong=NOL):
    """SUM(jumlah) of `rows` whose `jalur` is the outer row (`ke`, default its pk); `kosong`
    when there is none (None keeps "no row" apart from Rp 0). `unit_id` keeps the
    sub-kegiatan of one unit (an operator's slice)."""
    if unit_id is not None:
        rows = rows.filter(sub_kegiatan__unit_id=unit_id)
    if jalur == JALUR["sasaran"]:  # the year's sasaran (issue 11), read per period (issue 15)
        rows = rows.filter(sub_kegiatan__periode_id=OuterRef("periode_id")) if ke is None else rows
        rows, jalur = rows.annotate(s=sasaran_berlaku("tahun", program=JALUR["program"])), "s"
    subquery = (
        rows.filter(**{jalur: OuterRef("pk") if ke is None else ke})
        .order_by()
        .values(jalur)
        .annotate(total=Sum("jumlah"))
        .values("total")[:1]
    )
    if kosong is None:
        return Subquery(subquery, output_field=RUPIAH)
    return Coalesce(Subquery(subquery, output_field=RUPIAH), Value(kosong), output_field=RUPIAH)


def jumlah_pagu(jalur, tahun, triwulan=4, *, ke=None, unit_id=None, kosong=NOL):
    """Expression: the pagu in force at `triwulan` (pagu_berlaku) summed over the
    sub-kegiatan under the outer row (`jalur` is the path from Pagu to the outer model, see
    JALUR; `ke` the outer row's reference, default its pk). Rp 0 when none applies, or
    `kosong` (None for one sub-kegiatan whose pagu is not set)."""
    return _jumlah(pagu_berlaku(tahun, triwulan), jalur, ke=ke, unit_id=unit_id, kosong=kosong)


def jumlah_realisasi(jalur, tahun, triwulan=4, status=None, *, ke=None, unit_id=None):
    """Expression: realisation cumulated to `triwulan`, summed under the outer row."""
    return _jumlah(realisasi_sd(tahun, triwulan, status), jalur, ke=ke, unit_id=unit_id)


def jumlah_realisasi_triwulan(jalur, tahun, triwulan, status=None, *, ke=None, unit_id=None):
    """Expression: realisation of the quarter `triwulan` alone, summed under the outer row."""
    rows = realisasi_sd(tahun, triwulan, status).filter(triwulan=triwulan)
    return _jumlah(rows, jalur, ke=ke, unit_id=unit_id)


def jenis_pagu(tahun, triwulan=4, *, ke=None):
    """Expression: the kind (murni, pergeseran, perubahan) of a sub-kegiatan's pagu in force;
    None when no pagu is set."""
    return Subquery(
        pagu_berlaku(tahun, triwulan)
        .filter(sub_kegiatan=OuterRef("pk") if ke is None else ke)
        .values("jenis")[:1]
    )


def dengan_anggaran(queryset, jalur, tahun, triwulan=4, status=None, *, ke=None, unit_id=None):
    """Annotate `pagu` (in force at `triwulan`), `realisasi` (cumulated to it) and
    `realisasi_tw` (of that quarter) on a queryset of a plan level, all Decimal and Rp 0 when
    none; on sub-kegiatan (jalur "sub_kegiatan") `pagu` is None when no pagu is set, and
    `jenis_pagu` names its kind."""
    sub = jalur == JALUR["sub_kegiatan"]
    annotations = {
        "pagu": jumlah_pagu(
            jalur, tahun, triwulan, ke=ke, unit_id=unit_id, kosong=None if sub else NOL
        ),
        "realisasi": jumlah_realisasi(jalur, tahun, triwulan, status, ke=ke, unit_id=unit_id),
        "realisasi_tw": jumlah_realisasi_triwulan(
            jalur, tahun, triwulan, status, ke=ke, unit_id=unit_id
        ),
    }
    if sub:
        annotations["jenis_pagu"] = jenis_pagu(tahun, triwulan, ke=ke)
    return queryset.annotate(**annotations)


@dataclass
class AnggaranRow:
    """Pagu in force, realisation of the quarter and to date, penyerapan and share of the
    OPD's DPA of one plan element. A sub-kegiatan without a pagu has `pagu` None (its
    penyerapan says why there is no figure); above it, levels add up to Rp 0.
    `capaian_rata` and `efisiensi` (the mean capaian of the element's own indicators against
    its penyerapan) are filled by kinerja.selectors.capaian_opd."""

    tingkat: str  # "sub_kegiatan", "kegiatan", "program", "sasaran"
    id: int
    kode: str
    nama: str
    pagu: Decimal | None
    realisasi: Decimal
    penyerapan: capaian.Hasil
    induk_id: int | None = None  # kegiatan of a sub-kegiatan, program of a kegiatan, …
    unit_id: int | None = None
    urutan: int = 0
    pangsa: capaian.Hasil | None = None  # share of the OPD's DPA in force
    realisasi_tw: Decimal = NOL  # spent in the quarter itself
    jenis_pagu: str = ""  # murni / pergeseran / perubahan (sub-kegiatan)
    capaian_rata: Decimal | None = None
    efisiensi: capaian.Efisiensi | None = None

    @property
    def realisasi_lalu(self) -> Decimal:
        """Spent up to the end of the previous quarter."""
        return self.realisasi - self.realisasi_tw

    @property
    def label_jenis_pagu(self) -> str:
        return Pagu.Jenis(self.jenis_pagu).label if self.jenis_pagu else ""


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
    realisasi_tw: Decimal = NOL

    def per_id(self, tingkat):
        return {row.id: row for row in getattr(self, tingkat)}

    def anak(self, tingkat_anak, induk_id):
        return [row for row in getattr(self, tingkat_anak) if row.induk_id == induk_id]

    @property
    def pangsa_program(self):
        """Share of the DPA spent on programs (program pagu total / DPA × 100)."""
        return capaian.pangsa_anggaran(self.pagu, self.dpa.jumlah if self.dpa else None)


def _dpa(opd, tahun, triwulan):
    """The OPD's DPA rows of `tahun` that have started by `triwulan`, latest first: the
    first is the one in force (`opd` may be OuterRef("pk"))."""
    return DPA.objects.filter(opd=opd, tahun=tahun, berlaku_mulai__lte=triwulan).order_by(
        "-berlaku_mulai"
    )


def dpa_berlaku(opd, tahun, triwulan=4):
    """The OPD's DPA row in force at `triwulan` (latest berlaku_mulai <= triwulan), or None."""
    return _dpa(getattr(opd, "pk", opd), tahun, triwulan).first()


def baris_anggaran(
    tingkat, obj, *, id=None, kode=None, nama=None, induk_id=None, unit_id=None, dpa_jumlah=None
) -> AnggaranRow:
    """The typed row of a plan element annotated by dengan_anggaran() (listings build theirs
    with this too, so a page shows the figures the reports print)."""
    return AnggaranRow(
        tingkat=tingkat,
        id=obj.pk if id is None else id,
        kode=obj.kode if kode is None else kode,
        nama=nama if nama is not None else getattr(obj, "nama", ""),
        pagu=obj.pagu,
        realisasi=obj.realisasi,
        penyerapan=capaian.penyerapan(obj.pagu, obj.realisasi),
        induk_id=induk_id,
        unit_id=unit_id,
        urutan=getattr(obj, "urutan", 0),
        pangsa=capaian.pangsa_anggaran(obj.pagu, dpa_jumlah) if dpa_jumlah is not None else None,
        realisasi_tw=obj.realisasi_tw,
        jenis_pagu=getattr(obj, "jenis_pagu", None) or "",
    )


def anggaran_rows(periode, tahun, triwulan=4, status=None, *, unit_id=None) -> AnggaranRollup:
    """Per sub-kegiatan, kegiatan, program and sasaran of a Renstra period: pagu in force at
    `triwulan`, realisation of the quarter and cumulated to it, penyerapan and the share of
    the OPD's DPA in force. `unit_id` keeps one unit's sub-kegiatan (and the part of each
    level above that they make up). Six queries whatever the size of the plan."""
    periode_id = getattr(periode, "pk", periode)
    opd_id = periode.opd_id if isinstance(periode, PeriodeRenstra) else None
    if opd_id is None:
        opd_id = PeriodeRenstra.objects.values_list("opd_id", flat=True).get(pk=periode_id)

    def level(model, tingkat, **filters):
        return dengan_anggaran(
            model.objects.filter(**filters).order_by(),
            JALUR[tingkat],
            tahun,
            triwulan,
            status,
            unit_id=unit_id,
        )

    dpa = dpa_berlaku(opd_id, tahun, triwulan)
    dpa_jumlah = dpa.jumlah if dpa else None
    total = level(PeriodeRenstra, "periode", pk=periode_id)
    total = total.values("pagu", "realisasi", "realisasi_tw")[0]
    rollup = AnggaranRollup(
        tahun=tahun,
        triwulan=triwulan,
        dpa=dpa,
        pagu=total["pagu"],
        realisasi=total["realisasi"],
        penyerapan=capaian.penyerapan(total["pagu"], total["realisasi"]),
        realisasi_tw=total["realisasi_tw"],
    )
    subs = {"periode_id": periode_id}
    if unit_id is not None:
        subs["unit_id"] = unit_id
    for obj in level(SubKegiatan, "sub_kegiatan", **subs).order_by("kode"):
        rollup.sub_kegiatan.append(
            baris_anggaran(
                "sub_kegiatan",
                obj,
                induk_id=obj.kegiatan_id,
                unit_id=obj.unit_id,
                dpa_jumlah=dpa_jumlah,
            )
        )
    for obj in level(Kegiatan, "kegiatan", periode_id=periode_id).order_by("kode"):
        rollup.kegiatan.append(
            baris_anggaran("kegiatan", obj, induk_id=obj.program_id, dpa_jumlah=dpa_jumlah)
        )
    programs = level(Program, "program", periode_id=periode_id).annotate(
        sasaran_tahun=sasaran_berlaku(tahun)
    )
    for obj in programs.order_by("kode"):
        rollup.program.append(
            baris_anggaran("program", obj, induk_id=obj.sasaran_tahun, dpa_jumlah=dpa_jumlah)
        )
    for obj in level(Sasaran, "sasaran", periode_id=periode_id).order_by("urutan", "kode"):
        rollup.sasaran.append(
            baris_anggaran(
                "sasaran", obj, nama=obj.uraian, induk_id=obj.tujuan_id, dpa_jumlah=dpa_jumlah
            )
        )
    return rollup


def anggaran_per_indikator(periode_id, tahun, triwulan=4, status=None, *, dpa_jumlah=None):
    """{indikator id: AnggaranRow} for the indicators of a period that name the programs /
    kegiatan serving them (Indikator.program_penunjang / kegiatan_penunjang): pagu in force
    and realisation to date of the sub-kegiatan under them, each counted once even when a
    kegiatan and its program are both named (LKjIP tables 3.1.x.E/F, seed 003 table
    3.1.3.E/F). Indicators without links are absent: their sasaran's budget applies. One
    query."""
    tertaut = Q(kegiatan__program__indikator_ditunjang=OuterRef(OuterRef("pk"))) | Q(
        kegiatan__indikator_ditunjang=OuterRef(OuterRef("pk"))
    )
    subs = SubKegiatan.objects.filter(tertaut).values("pk")

    def jumlah(rows):
        # SUM without GROUP BY over the rows of the serving sub-kegiatan.
        total = (
            rows.filter(sub_kegiatan__in=subs)
            .order_by()
            .annotate(total=Func(F("jumlah"), function="SUM"))
            .values("total")[:1]
        )
        return Coalesce(Subquery(total, output_field=RUPIAH), Value(NOL), output_field=RUPIAH)

    ada = Exists(Indikator.program_penunjang.through.objects.filter(indikator=OuterRef("pk")))
    ada |= Exists(Indikator.kegiatan_penunjang.through.objects.filter(indikator=OuterRef("pk")))
    result = {}
    for obj in (
        Indikator.objects.filter(periode_id=periode_id)
        .filter(ada)
        .order_by()
        .annotate(
            pagu=jumlah(pagu_berlaku(tahun, triwulan)),
            realisasi=jumlah(realisasi_sd(tahun, triwulan, status)),
        )
        .values("pk", "kode", "uraian", "pagu", "realisasi")
    ):
        result[obj["pk"]] = AnggaranRow(
            tingkat="indikator",
            id=obj["pk"],
            kode=obj["kode"],
            nama=obj["uraian"],
            pagu=obj["pagu"],
            realisasi=obj["realisasi"],
            penyerapan=capaian.penyerapan(obj["pagu"], obj["realisasi"]),
            pangsa=capaian.pangsa_anggaran(obj["pagu"], dpa_jumlah) if dpa_jumlah else None,
        )
    return result


@dataclass(frozen=True)
class AnggaranTriwulan:
    """Pagu in force at one quarter, realisation cumulated to it and penyerapan."""

    triwulan: int
    pagu: Decimal
    realisasi: Decimal
    penyerapan: capaian.Hasil


@dataclass
class ProgramPerTriwulan:
    """A program's budget at each quarter TW I..triwulan (the dashboard's bars)."""

    id: int
    kode: str
    nama: str
    triwulan: list[AnggaranTriwulan]

    @property
    def terakhir(self) -> AnggaranTriwulan:
        return self.triwulan[-1]


def program_per_triwulan(periode, tahun, triwulan=4, *, unit_id=None, status=None):
    """Per program of the period with a pagu or a realisation up to `triwulan`: the pagu in
    force and the realisation cumulated at each quarter TW I..triwulan, in one query
    (`unit_id`: only that unit's sub-kegiatan)."""
    periode_id = getattr(periode, "pk", periode)
    jalur = JALUR["program"]
    annotations = {}
    for q in range(1, triwulan + 1):
        annotations[f"pagu_{q}"] = jumlah_pagu(jalur, tahun, q, unit_id=unit_id)
        annotations[f"realisasi_{q}"] = jumlah_realisasi(jalur, tahun, q, status, unit_id=unit_id)
    slice_ = {"sub_kegiatan__unit_id": unit_id} if unit_id is not None else {}
    ada = Exists(
        Pagu.objects.filter(
            sub_kegiatan__kegiatan__program=OuterRef("pk"),
            tahun=tahun,
            berlaku_mulai__lte=triwulan,
            **slice_,
        )
    ) | Exists(
        RealisasiAnggaran.objects.filter(
            sub_kegiatan__kegiatan__program=OuterRef("pk"),
            tahun=tahun,
            triwulan__lte=triwulan,
            **slice_,
        )
    )
    result = []
    for obj in (
        Program.objects.filter(periode_id=periode_id).filter(ada).annotate(**annotations)
    ).order_by("kode"):
        per_tw = []
        for q in range(1, triwulan + 1):
            pagu, realisasi = getattr(obj, f"pagu_{q}"), getattr(obj, f"realisasi_{q}")
            per_tw.append(AnggaranTriwulan(q, pagu, realisasi, capaian.penyerapan(pagu, realisasi)))
        result.append(ProgramPerTriwulan(obj.pk, obj.kode, obj.nama, per_tw))
    return result


@dataclass(frozen=True)
class AnggaranTotal:
    """Pagu in force, realisation to date and penyerapan of a set of Renstra periods."""

    pagu: Decimal
    realisasi: Decimal
    penyerapan: capaian.Hasil


def total_anggaran(periode_ids, tahun, triwulan=4, status=None, *, unit_id=None) -> AnggaranTotal:
    """The budget of several OPDs' periods together (a Pemda's dashboard), or of one unit's
    sub-kegiatan (`unit_id`), summed in SQL."""
    ids = list(periode_ids)
    pagu = pagu_berlaku(tahun, triwulan).filter(sub_kegiatan__periode_id__in=ids)
    real = realisasi_sd(tahun, triwulan, status).filter(sub_kegiatan__periode_id__in=ids)
    if unit_id is not None:
        pagu = pagu.filter(sub_kegiatan__unit_id=unit_id)
        real = real.filter(sub_kegiatan__unit_id=unit_id)
    jumlah_pagu_ = pagu.aggregate(t=Coalesce(Sum("jumlah"), Value(NOL), output_field=RUPIAH))["t"]
    jumlah_real = real.aggregate(t=Coalesce(Sum("jumlah"), Value(NOL), output_field=RUPIAH))["t"]
    return AnggaranTotal(jumlah_pagu_, jumlah_real, capaian.penyerapan(jumlah_pagu_, jumlah_real))


def pagu_per_program(program_ids, tahun, triwulan=4):
    """{program_id: pagu in force at `triwulan`} in one query; None for a program none of
    whose sub-kegiatan has a pagu set (printed "–", never "Rp 0")."""
    rows = Program.objects.filter(pk__in=list(program_ids)).annotate(
        pagu=jumlah_pagu(JALUR["program"], tahun, triwulan, kosong=None)
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
    dpa = _dpa(OuterRef("pk"), tahun, triwulan).values("jumlah")[:1]
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


# --- the pagu grid of the perencana (one OPD, one year) -----------------------------------

TRIWULAN_GRID = (1, 2, 3, 4)


@dataclass(frozen=True)
class SelPagu:
    """The stored Pagu row of a sub-kegiatan that starts in one quarter (None: no row)."""

    triwulan: int
    pk: int | None
    jumlah: Decimal | None
    jenis: str


@dataclass
class BarisPagu:
    """A row of the pagu grid: a program, kegiatan (totals) or sub-kegiatan (its own rows
    per starting quarter). `berlaku` is the pagu in force at TW I..IV by pagu_berlaku()."""

    tingkat: str
    id: int
    kode: str
    nama: str
    berlaku: list
    sel: list = field(default_factory=list)
    unit: str = ""

    @property
    def berlaku_akhir(self):
        return self.berlaku[-1]


@dataclass
class GridPagu:
    periode: PeriodeRenstra
    tahun: int
    baris: list
    total: list  # the OPD's pagu in force at TW I..IV

    @property
    def sub_kegiatan(self):
        return [b for b in self.baris if b.tingkat == "sub_kegiatan"]


def _berlaku_per_triwulan(queryset, jalur, tahun, kosong=NOL):
    return queryset.annotate(
        **{f"pagu_{q}": jumlah_pagu(jalur, tahun, q, kosong=kosong) for q in TRIWULAN_GRID}
    )


def _berlaku(obj):
    return [getattr(obj, f"pagu_{q}") for q in TRIWULAN_GRID]


def grid_pagu(periode, tahun) -> GridPagu:
    """Every program, kegiatan and sub-kegiatan of a Renstra period with the pagu in force
    at each quarter of `tahun` (pagu_berlaku, the one rule) and, per sub-kegiatan, the Pagu
    row that starts in each quarter (murni in TW I, a pergeseran or perubahan later). In
    the order of the plan: program, its kegiatan, their sub-kegiatan. Five queries whatever
    the size of the plan."""
    periode_id = periode.pk
    total = _berlaku_per_triwulan(
        PeriodeRenstra.objects.filter(pk=periode_id).order_by(), JALUR["periode"], tahun
    ).get()
    programs = _berlaku_per_triwulan(
        Program.objects.filter(periode_id=periode_id), JALUR["program"], tahun
    ).order_by("kode")
    kegiatan = _berlaku_per_triwulan(
        Kegiatan.objects.filter(periode_id=periode_id), JALUR["kegiatan"], tahun
    ).order_by("kode")
    subs = _berlaku_per_triwulan(
        SubKegiatan.objects.filter(periode_id=periode_id).select_related("unit"),
        JALUR["sub_kegiatan"],
        tahun,
        kosong=None,
    ).order_by("kode")
    rows = {}
    for pagu in Pagu.objects.filter(sub_kegiatan__periode_id=periode_id, tahun=tahun):
        rows[(pagu.sub_kegiatan_id, pagu.berlaku_mulai)] = pagu
    sub_per_kegiatan, kegiatan_per_program = {}, {}
    for obj in subs:
        sel = []
        for q in TRIWULAN_GRID:
            row = rows.get((obj.pk, q))
            sel.append(
                SelPagu(q, row.pk, row.jumlah, row.jenis) if row else SelPagu(q, None, None, "")
            )
        baris = BarisPagu(
            "sub_kegiatan",
            obj.pk,
            obj.kode,
            obj.nama,
            _berlaku(obj),
            sel,
            unit=obj.unit.singkatan or obj.unit.nama if obj.unit_id else "",
        )
        sub_per_kegiatan.setdefault(obj.kegiatan_id, []).append(baris)
    for obj in kegiatan:
        kegiatan_per_program.setdefault(obj.program_id, []).append(
            (BarisPagu("kegiatan", obj.pk, obj.kode, obj.nama, _berlaku(obj)), obj.pk)
        )
    baris = []
    for obj in programs:
        baris.append(BarisPagu("program", obj.pk, obj.kode, obj.nama, _berlaku(obj)))
        for row, kegiatan_id in kegiatan_per_program.get(obj.pk, []):
            baris.append(row)
            baris.extend(sub_per_kegiatan.get(kegiatan_id, []))
    return GridPagu(periode=periode, tahun=tahun, baris=baris, total=_berlaku(total))


def riwayat_pagu(sub_kegiatan, tahun):
    """Every recorded version of the Pagu rows of a sub-kegiatan in a year (django-simple-
    history), newest first, with who changed it."""
    return (
        Pagu.history.filter(sub_kegiatan_id=sub_kegiatan.pk, tahun=tahun)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )


__all__ = [
    "JALUR",
    "AnggaranOPD",
    "AnggaranRollup",
    "AnggaranRow",
    "AnggaranTotal",
    "AnggaranTriwulan",
    "BarisPagu",
    "GridPagu",
    "SelPagu",
    "ProgramPerTriwulan",
    "anggaran_per_opd",
    "anggaran_rows",
    "baris_anggaran",
    "dengan_anggaran",
    "dpa_berlaku",
    "grid_pagu",
    "jenis_pagu",
    "jumlah_pagu",
    "jumlah_realisasi",
    "jumlah_realisasi_triwulan",
    "pagu_berlaku",
    "pagu_per_program",
    "program_per_triwulan",
    "realisasi_sd",
    "riwayat_pagu",
    "total_anggaran",
]
