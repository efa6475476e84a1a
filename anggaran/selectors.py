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


def _jumlah(rows, jalur, *, ke=None, unit_id=None, periode_id=None, kosong=NOL):
    """SUM(jumlah) of `rows` whose `jalur` is the outer row (`ke`, default its pk); `kosong`
    when there is none (None keeps "no row" apart from Rp 0). `unit_id` keeps the
    sub-kegiatan of one unit (an operator's slice). `periode_id` (an int) names the period
    of a sasaran roll-up as a constant: the planner then starts from that period's
    sub-kegiatan, whose number it knows, instead of from every OPD's budget rows (issue 15)."""
    if unit_id is not None:
        rows = rows.filter(sub_kegiatan__unit_id=unit_id)
    if jalur == JALUR["sasaran"]:  # the year's sasaran (issue 11), read per period (issue 15)
        if ke is None:
            periode = OuterRef("periode_id") if periode_id is None else periode_id
            rows = rows.filter(sub_kegiatan__periode_id=periode)
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


def jumlah_pagu(jalur, tahun, triwulan=4, *, ke=None, unit_id=None, periode_id=None, kosong=NOL):
    """Expression: the pagu in force at `triwulan` (pagu_berlaku) summed over the
    sub-kegiatan under the outer row (`jalur` is the path from Pagu to the outer model, see
    JALUR; `ke` the outer row's reference, default its pk). Rp 0 when none applies, or
    `kosong` (None for one sub-kegiatan whose pagu is not set). `periode_id`: see _jumlah."""
    rows = pagu_berlaku(tahun, triwulan)
    return _jumlah(rows, jalur, ke=ke, unit_id=unit_id, periode_id=periode_id, kosong=kosong)


def jumlah_realisasi(
    jalur, tahun, triwulan=4, status=None, *, ke=None, unit_id=None, periode_id=None
):
    """Expression: realisation cumulated to `triwulan`, summed under the outer row."""
    rows = realisasi_sd(tahun, triwulan, status)
    return _jumlah(rows, jalur, ke=ke, unit_id=unit_id, periode_id=periode_id)


def jumlah_realisasi_triwulan(
    jalur, tahun, triwulan, status=None, *, ke=None, unit_id=None, periode_id=None
):
    """Expression: realisation of the quarter `triwulan` alone, summed under the outer row."""
    rows = realisasi_sd(tahun, triwulan, status).filter(triwulan=triwulan)
    return _jumlah(rows, jalur, ke=ke, unit_id=unit_id, periode_id=periode_id)


def jenis_pagu(tahun, triwulan=4, *, ke=None):
    """Expression: the kind (murni, pergeseran, perubahan) of a sub-kegiatan's pagu in force;
    None when no pagu is set. At most one row is in force (pagu_unik_per_triwulan), so the
    subquery is not ordered: Pagu's default order joined the plan up to the Pemda per row."""
    return Subquery(
        pagu_berlaku(tahun, triwulan)
        .filter(sub_kegiatan=OuterRef("pk") if ke is None else ke)
        .order_by()
        .values("jenis")[:1]
    )


def dengan_anggaran(
    queryset,
    jalur,
    tahun,
    triwulan=4,
    status=None,
    *,
    ke=None,
    unit_id=None,
    periode_id=None,
    akhiran="",
):
    """Annotate `pagu` (in force at `triwulan`), `realisasi` (cumulated to it) and
    `realisasi_tw` (of that quarter) on a queryset of a plan level, all Decimal and Rp 0 when
    none; on sub-kegiatan (jalur "sub_kegiatan") `pagu` is None when no pagu is set, and
    `jenis_pagu` names its kind. `akhiran` is appended to each name (several quarters
    annotated on one query: "_1" .. "_4"); `periode_id`: see _jumlah."""
    sub = jalur == JALUR["sub_kegiatan"]
    kw = {"ke": ke, "unit_id": unit_id, "periode_id": periode_id}
    annotations = {
        "pagu": jumlah_pagu(jalur, tahun, triwulan, kosong=None if sub else NOL, **kw),
        "realisasi": jumlah_realisasi(jalur, tahun, triwulan, status, **kw),
        "realisasi_tw": jumlah_realisasi_triwulan(jalur, tahun, triwulan, status, **kw),
    }
    if sub:
        annotations["jenis_pagu"] = jenis_pagu(tahun, triwulan, ke=ke)
    return queryset.annotate(**{nama + akhiran: expr for nama, expr in annotations.items()})


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
    tingkat,
    obj,
    *,
    id=None,
    kode=None,
    nama=None,
    induk_id=None,
    unit_id=None,
    dpa_jumlah=None,
    akhiran="",
) -> AnggaranRow:
    """The typed row of a plan element annotated by dengan_anggaran() (listings build theirs
    with this too, so a page shows the figures the reports print); `akhiran` picks the
    quarter of a query annotated for several."""
    pagu, realisasi = getattr(obj, "pagu" + akhiran), getattr(obj, "realisasi" + akhiran)
    return AnggaranRow(
        tingkat=tingkat,
        id=obj.pk if id is None else id,
        kode=obj.kode if kode is None else kode,
        nama=nama if nama is not None else getattr(obj, "nama", ""),
        pagu=pagu,
        realisasi=realisasi,
        penyerapan=capaian.penyerapan(pagu, realisasi),
        induk_id=induk_id,
        unit_id=unit_id,
        urutan=getattr(obj, "urutan", 0),
        pangsa=capaian.pangsa_anggaran(pagu, dpa_jumlah) if dpa_jumlah is not None else None,
        realisasi_tw=getattr(obj, "realisasi_tw" + akhiran),
        jenis_pagu=getattr(obj, "jenis_pagu" + akhiran, None) or "",
    )


def anggaran_rows(periode, tahun, triwulan=4, status=None, *, unit_id=None) -> AnggaranRollup:
    """Per sub-kegiatan, kegiatan, program and sasaran of a Renstra period: pagu in force at
    `triwulan`, realisation of the quarter and cumulated to it, penyerapan and the share of
    the OPD's DPA in force. `unit_id` keeps one unit's sub-kegiatan (and the part of each
    level above that they make up). Six queries whatever the size of the plan."""
    return anggaran_rows_triwulan(periode, tahun, (triwulan,), status, unit_id=unit_id)[triwulan]


def _dpa_per_triwulan(opd_id, tahun, triwulan_list):
    """{triwulan: the DPA in force} from one query: the rows of _dpa at the latest quarter,
    latest first; at each quarter the first that has started (dpa_berlaku's rule)."""
    rows = list(_dpa(opd_id, tahun, max(triwulan_list)))
    return {tw: next((d for d in rows if d.berlaku_mulai <= tw), None) for tw in triwulan_list}


def anggaran_rows_triwulan(periode, tahun, triwulan_list, status=None, *, unit_id=None):
    """{triwulan: AnggaranRollup} of several quarters of a year (an LKjIP and its quarterly
    annexes): each level is one query annotated for every quarter, so four quarters cost
    the six queries of one; each rollup is what anggaran_rows gives for its quarter."""
    triwulan_list = sorted(set(triwulan_list))
    periode_id = getattr(periode, "pk", periode)
    opd_id = periode.opd_id if isinstance(periode, PeriodeRenstra) else None
    if opd_id is None:
        opd_id = PeriodeRenstra.objects.values_list("opd_id", flat=True).get(pk=periode_id)

    def level(model, tingkat, ke=None, **filters):
        qs = model.objects.filter(**filters).order_by()
        for tw in triwulan_list:
            qs = dengan_anggaran(
                qs,
                JALUR[tingkat],
                tahun,
                tw,
                status,
                ke=ke,
                unit_id=unit_id,
                periode_id=periode_id,
                akhiran=f"_{tw}",
            )
        return qs

    dpa = _dpa_per_triwulan(opd_id, tahun, triwulan_list)
    # The period as a constant, not the outer row: the plan starts from its sub-kegiatan.
    total = level(PeriodeRenstra, "periode", ke=periode_id, pk=periode_id)
    total = total.values(
        *(f"{n}_{tw}" for tw in triwulan_list for n in ("pagu", "realisasi", "realisasi_tw"))
    )[0]
    hasil = {}
    for tw in triwulan_list:
        pagu, realisasi = total[f"pagu_{tw}"], total[f"realisasi_{tw}"]
        hasil[tw] = AnggaranRollup(
            tahun=tahun,
            triwulan=tw,
            dpa=dpa[tw],
            pagu=pagu,
            realisasi=realisasi,
            penyerapan=capaian.penyerapan(pagu, realisasi),
            realisasi_tw=total[f"realisasi_tw_{tw}"],
        )

    def tambah(tingkat, objs, **kwargs):
        for obj in objs:
            for tw, rollup in hasil.items():
                dpa_jumlah = dpa[tw].jumlah if dpa[tw] else None
                getattr(rollup, tingkat).append(
                    baris_anggaran(
                        tingkat,
                        obj,
                        dpa_jumlah=dpa_jumlah,
                        akhiran=f"_{tw}",
                        **{k: f(obj) for k, f in kwargs.items()},
                    )
                )

    subs = {"periode_id": periode_id}
    if unit_id is not None:
        subs["unit_id"] = unit_id
    tambah(
        "sub_kegiatan",
        level(SubKegiatan, "sub_kegiatan", **subs).order_by("kode"),
        induk_id=lambda o: o.kegiatan_id,
        unit_id=lambda o: o.unit_id,
    )
    tambah(
        "kegiatan",
        level(Kegiatan, "kegiatan", periode_id=periode_id).order_by("kode"),
        induk_id=lambda o: o.program_id,
    )
    programs = level(Program, "program", periode_id=periode_id).annotate(
        sasaran_tahun=sasaran_berlaku(tahun)
    )
    tambah("program", programs.order_by("kode"), induk_id=lambda o: o.sasaran_tahun)
    tambah(
        "sasaran",
        level(Sasaran, "sasaran", periode_id=periode_id).order_by("urutan", "kode"),
        nama=lambda o: o.uraian,
        induk_id=lambda o: o.tujuan_id,
    )
    return hasil


def anggaran_per_indikator(periode_id, tahun, triwulan=4, status=None, *, dpa_jumlah=None):
    """{indikator id: AnggaranRow} for the indicators of a period that name the programs /
    kegiatan serving them (Indikator.program_penunjang / kegiatan_penunjang): pagu in force
    and realisation to date of the sub-kegiatan under them, each counted once even when a
    kegiatan and its program are both named (LKjIP tables 3.1.x.E/F, seed 003 table
    3.1.3.E/F). Indicators without links are absent: their sasaran's budget applies. One
    query."""
    return anggaran_per_indikator_triwulan(periode_id, tahun, {triwulan: dpa_jumlah}, status)[
        triwulan
    ]


def anggaran_per_indikator_triwulan(periode_id, tahun, dpa_jumlah, status=None):
    """{triwulan: anggaran_per_indikator of that quarter} for the quarters of `dpa_jumlah`
    ({triwulan: the DPA amount in force, or None}), from one query annotated per quarter."""
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
    annotations = {}
    for tw in dpa_jumlah:
        annotations[f"pagu_{tw}"] = jumlah(pagu_berlaku(tahun, tw))
        annotations[f"realisasi_{tw}"] = jumlah(realisasi_sd(tahun, tw, status))
    result = {tw: {} for tw in dpa_jumlah}
    for obj in (
        Indikator.objects.filter(periode_id=periode_id)
        .filter(ada)
        .order_by()
        .annotate(**annotations)
        .values("pk", "kode", "uraian", *annotations)
    ):
        for tw, dpa in dpa_jumlah.items():
            pagu, realisasi = obj[f"pagu_{tw}"], obj[f"realisasi_{tw}"]
            result[tw][obj["pk"]] = AnggaranRow(
                tingkat="indikator",
                id=obj["pk"],
                kode=obj["kode"],
                nama=obj["uraian"],
                pagu=pagu,
                realisasi=realisasi,
                penyerapan=capaian.penyerapan(pagu, realisasi),
                pangsa=capaian.pangsa_anggaran(pagu, dpa) if dpa else None,
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


__all__ = [
    "JALUR",
    "AnggaranOPD",
    "AnggaranRollup",
    "AnggaranRow",
    "AnggaranTotal",
    "AnggaranTriwulan",
    "ProgramPerTriwulan",
    "anggaran_per_opd",
    "anggaran_per_indikator_triwulan",
    "anggaran_rows",
    "anggaran_rows_triwulan",
    "baris_anggaran",
    "dengan_anggaran",
    "dpa_berlaku",
    "jenis_pagu",
    "jumlah_pagu",
    "jumlah_realisasi",
    "jumlah_realisasi_triwulan",
    "pagu_berlaku",
    "pagu_per_program",
    "program_per_triwulan",
    "realisasi_sd",
    "total_anggaran",
]
