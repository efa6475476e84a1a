"""T-C.27: program / kegiatan / sub-kegiatan with code, indicators, kondisi awal, target
and Rp per year, end of period, unit kerja and lokasi."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F

from anggaran import selectors as anggaran_selectors
from anggaran.models import Pagu
from laporan.matriks.umum import (
    NOL,
    dokumen_matriks,
    judul_xlsx,
    tahun_terbanyak,
    tampil,
    tampil_kondisi_awal,
)
from renstra.models import Indikator, Kegiatan, PeriodeRenstra, Program, SubKegiatan, TargetTahunan
from sakip import angka as fmt
from sakip import xlsx


@dataclass
class BarisIndikator:
    uraian: str
    satuan: str
    kondisi_awal: Decimal | None
    kondisi_awal_tampil: str
    target: dict[int, Decimal | None]  # numbers for the XLSX
    target_tampil: dict[int, str]
    target_akhir: Decimal | None
    target_akhir_tampil: str
    target_urut: list[str] = field(default_factory=list)  # target_tampil in year order


@dataclass
class BarisTC27:
    tingkat: str  # program, kegiatan, sub_kegiatan
    kode: str
    nama: str
    indikator: list[BarisIndikator]
    pagu: list[Decimal]  # per year of tahun_list
    pagu_akhir: Decimal
    unit: list[str] = field(default_factory=list)
    lokasi: list[str] = field(default_factory=list)

    @property
    def target_pagu(self):
        """(target of the first indicator, Rp) per year: the cells of the first line."""
        first = (
            self.indikator[0].target_urut if self.indikator else [fmt.TANPA_NILAI] * len(self.pagu)
        )
        return list(zip(first, self.pagu, strict=True))

    @property
    def rowspan(self):
        return max(1, len(self.indikator))

    @property
    def indikator_pertama(self):
        return self.indikator[0] if self.indikator else None

    @property
    def indikator_lain(self):
        return self.indikator[1:]


def _pagu_per_tahun(queryset, jalur, tahun_list):
    """Annotate pagu_<tahun> (pagu in force at TW IV, SQL sum of the sub-kegiatan under the
    row) per year and pagu_akhir, their SQL sum."""
    annotations = {
        f"pagu_{tahun}": anggaran_selectors.jumlah_pagu(jalur, tahun, 4) for tahun in tahun_list
    }
    queryset = queryset.annotate(**annotations)
    if tahun_list:
        total = F(f"pagu_{tahun_list[0]}")
        for tahun in tahun_list[1:]:
            total = total + F(f"pagu_{tahun}")
        queryset = queryset.annotate(pagu_akhir=total)
    return queryset


def _tahun_tc27(periode):
    """The years T-C.27 plans: those of the period with a target of a program / kegiatan /
    sub-kegiatan indicator or a sub-kegiatan pagu (2021–2023 in seed 004, the years of
    the three-level nomenclature); every year of the period when none has."""
    tahun = set(
        TargetTahunan.objects.filter(
            indikator__periode=periode,
            indikator__tujuan__isnull=True,
            indikator__sasaran__isnull=True,
        )
        .order_by()
        .values_list("tahun", flat=True)
        .distinct()
    )
    tahun.update(
        Pagu.objects.filter(sub_kegiatan__periode=periode)
        .order_by()
        .values_list("tahun", flat=True)
        .distinct()
    )
    tahun = sorted(t for t in tahun if periode.memuat_tahun(t))
    return tahun or periode.tahun_list


def _unik(values):
    seen = []
    for v in values:
        if v and v not in seen:
            seen.append(v)
    return seen


def tc27(periode, *, tanggal=None):
    """T-C.27: every program, kegiatan and sub-kegiatan in code order with its indicators
    (kondisi awal, target per year, end-of-period target = the last year's, DESIGN
    section 2), its Rp per year and at the end of the period (program and kegiatan Rp are
    SQL sums of sub-kegiatan pagu in force at TW IV), unit kerja and lokasi (program and
    kegiatan: those of their sub-kegiatan). Nine queries whatever the size of the plan."""
    tahun_list = _tahun_tc27(periode)
    indikator = list(
        Indikator.objects.filter(periode=periode, tujuan__isnull=True, sasaran__isnull=True)
        .select_related("kondisi_awal_level")
        .order_by("urutan", "pk")
    )
    tahun_target = sorted(set(tahun_list) | {periode.tahun_akhir})
    targets = defaultdict(dict)
    for t in TargetTahunan.objects.filter(
        indikator__periode=periode,
        indikator__tujuan__isnull=True,
        indikator__sasaran__isnull=True,
        tahun__in=tahun_target,
    ).select_related("level"):
        targets[t.indikator_id][t.tahun] = t
    by_owner = defaultdict(list)
    for ind in indikator:
        by_owner[(ind.level, getattr(ind, f"{ind.level}_id"))].append(
            _baris_indikator(ind, targets[ind.pk], tahun_list, periode.tahun_akhir)
        )

    J = anggaran_selectors.JALUR
    programs = list(
        _pagu_per_tahun(Program.objects.filter(periode=periode), J["program"], tahun_list).order_by(
            "kode"
        )
    )
    kegiatan = list(
        _pagu_per_tahun(
            Kegiatan.objects.filter(periode=periode), J["kegiatan"], tahun_list
        ).order_by("kode")
    )
    subs = list(
        _pagu_per_tahun(SubKegiatan.objects.filter(periode=periode), J["sub_kegiatan"], tahun_list)
        .select_related("unit")
        .order_by("kode")
    )
    total = _pagu_per_tahun(
        PeriodeRenstra.objects.filter(pk=periode.pk), J["periode"], tahun_list
    ).get()

    subs_by_keg = defaultdict(list)
    for sk in subs:
        subs_by_keg[sk.kegiatan_id].append(sk)
    keg_by_prog = defaultdict(list)
    for k in kegiatan:
        keg_by_prog[k.program_id].append(k)

    def baris(tingkat, obj, nama, unit, lokasi):
        return BarisTC27(
            tingkat=tingkat,
            kode=obj.kode,
            nama=nama,
            indikator=by_owner[(tingkat, obj.pk)],
            pagu=[getattr(obj, f"pagu_{t}") for t in tahun_list],
            pagu_akhir=getattr(obj, "pagu_akhir", NOL),
            unit=unit,
            lokasi=lokasi,
        )

    rows = []
    for program in programs:
        prog_subs = [sk for k in keg_by_prog[program.pk] for sk in subs_by_keg[k.pk]]
        rows.append(
            baris(
                "program",
                program,
                program.nama,
                _unik(sk.unit.nama for sk in prog_subs if sk.unit),
                _unik(sk.lokasi for sk in prog_subs),
            )
        )
        for k in keg_by_prog[program.pk]:
            keg_subs = subs_by_keg[k.pk]
            rows.append(
                baris(
                    "kegiatan",
                    k,
                    k.nama,
                    _unik(sk.unit.nama for sk in keg_subs if sk.unit),
                    _unik(sk.lokasi for sk in keg_subs),
                )
            )
            if periode.dua_level:
                # The one sub-kegiatan carries the kegiatan's name: print two levels, with
                # the sub-kegiatan's indicators on the kegiatan row when it has none itself.
                if not rows[-1].indikator:
                    rows[-1].indikator = [
                        ind for sk in keg_subs for ind in by_owner[("sub_kegiatan", sk.pk)]
                    ]
                continue
            for sk in keg_subs:
                rows.append(
                    baris(
                        "sub_kegiatan",
                        sk,
                        sk.nama,
                        [sk.unit.nama] if sk.unit else [],
                        _unik([sk.lokasi]),
                    )
                )
    return dokumen_matriks(
        "t-c-27",
        periode,
        tanggal=tanggal,
        rows=rows,
        tahun_list=tahun_list,
        total_pagu=[getattr(total, f"pagu_{t}") for t in tahun_list],
        total_pagu_akhir=getattr(total, "pagu_akhir", NOL),
        tahun_kondisi_awal=tahun_terbanyak(
            [i.tahun_kondisi_awal for i in indikator],
            tahun_list[0] - 1 if tahun_list else periode.tahun_awal,
        ),
    )


def _baris_indikator(ind, targets, tahun_list, tahun_akhir):
    def nilai(t):
        return t.nilai if t is not None else None

    def teks(t):
        if t is None:
            return fmt.TANPA_NILAI
        return tampil(t.nilai, t.level, t.teks, ind.satuan)

    akhir = targets.get(tahun_akhir)
    return BarisIndikator(
        uraian=ind.uraian,
        satuan=ind.satuan,
        kondisi_awal=ind.kondisi_awal,
        kondisi_awal_tampil=tampil_kondisi_awal(ind),
        target={t: nilai(targets.get(t)) for t in tahun_list},
        target_tampil={t: teks(targets.get(t)) for t in tahun_list},
        target_akhir=nilai(akhir),
        target_akhir_tampil=teks(akhir),
        target_urut=[teks(targets.get(t)) for t in tahun_list],
    )


def xlsx_tc27(ws, doc):
    tahun = doc["tahun_list"]
    n = len(tahun)
    awal = judul_xlsx(ws, doc, [22, 40, 45, 10] + [10, 17] * (n + 1) + [30, 18])
    spek = [
        (0, 1, "Kode", 2, 1),
        (0, 2, "Program / Kegiatan / Sub Kegiatan", 2, 1),
        (0, 3, "Indikator", 2, 1),
        (0, 4, f"Kondisi Kinerja Awal ({doc['tahun_kondisi_awal']})", 2, 1),
    ]
    for i, t in enumerate(tahun):
        spek += [
            (0, 5 + 2 * i, str(t), 1, 2),
            (1, 5 + 2 * i, "Target", 1, 1),
            (1, 6 + 2 * i, "Rp", 1, 1),
        ]
    akhir = 5 + 2 * n
    spek += [
        (0, akhir, "Akhir Periode", 1, 2),
        (1, akhir, "Target", 1, 1),
        (1, akhir + 1, "Rp", 1, 1),
        (0, akhir + 2, "Unit Kerja", 2, 1),
        (0, akhir + 3, "Lokasi", 2, 1),
    ]
    baris = xlsx.tulis_header_bertingkat(ws, spek, baris_awal=awal)
    formats = [None, None, None, xlsx.FMT_DESIMAL] + [xlsx.FMT_DESIMAL, xlsx.FMT_RUPIAH] * (n + 1)
    for row in doc["rows"]:
        lines = row.indikator or [None]
        for index, ind in enumerate(lines):
            first = index == 0
            values = [row.kode if first else None, row.nama if first else None]
            values += [ind.uraian if ind else None, ind.kondisi_awal if ind else None]
            for i, t in enumerate(tahun):
                values += [ind.target.get(t) if ind else None, row.pagu[i] if first else None]
            values += [ind.target_akhir if ind else None, row.pagu_akhir if first else None]
            values += [
                "; ".join(row.unit) if first else None,
                "; ".join(row.lokasi) if first else None,
            ]
            xlsx.tulis_baris(ws, baris + index, values, formats, wrap_kolom=(2, 3, akhir + 2))
            if first and row.tingkat == "program":
                for c in (1, 2):
                    ws.cell(row=baris, column=c).font = xlsx.HEADER_FONT
        if len(lines) > 1:
            merged = [1, 2] + [6 + 2 * i for i in range(n)] + [akhir + 1, akhir + 2, akhir + 3]
            for c in merged:
                ws.merge_cells(
                    start_row=baris, start_column=c, end_row=baris + len(lines) - 1, end_column=c
                )
        baris += len(lines)
    total = ["Jumlah", None, None, None]
    for i in range(n):
        total += [None, doc["total_pagu"][i]]
    total += [None, doc["total_pagu_akhir"], None, None]
    xlsx.tulis_baris(ws, baris, total, formats)
    ws.cell(row=baris, column=1).font = xlsx.HEADER_FONT
    return awal + 1
