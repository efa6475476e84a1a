"""The pagu grid of the perencana (one OPD, one year): every program, kegiatan and
sub-kegiatan with the pagu in force at each quarter (anggaran.selectors.pagu_berlaku, the
one rule) and the stored Pagu rows per starting quarter, and a sub-kegiatan's pagu
history."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from anggaran.models import Pagu
from anggaran.selectors import JALUR, NOL, jumlah_pagu
from renstra.models import Kegiatan, PeriodeRenstra, Program, SubKegiatan

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


__all__ = ["BarisPagu", "GridPagu", "SelPagu", "grid_pagu", "riwayat_pagu"]
