"""The Renstra matrices of Permendagri 86/2017 (seed 004, Lumajang): one set of rows per
matrix for the HTML page, the PDF and the XLSX (STYLE rule 4).

    tc23(periode)   T-C.23 target, realisation and rasio capaian of the tujuan and sasaran
                    indicators per year of the period
    tc24(periode)   T-C.24 anggaran, realisasi and rasio per program per year, with the
                    average growth of both
    tc27(periode)   T-C.27 program / kegiatan / sub-kegiatan with code, indicators, kondisi
                    awal, target and Rp per year, end of period, unit kerja and lokasi
    tc28(periode)   T-C.28 tujuan and sasaran indicators with kondisi awal, the target of
                    every year and the end-of-period condition

Every function reads a fixed number of queries whatever the size of the plan. Capaian,
penyerapan and growth come from sakip.capaian (through kinerja.selectors where the
engine offers the rows); program and kegiatan Rp are SQL sums of sub-kegiatan pagu
(anggaran.selectors.jumlah_pagu); nothing here adds money or divides.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Q

from anggaran import selectors as anggaran_selectors
from anggaran.models import AnggaranProgramHistoris, Pagu, RealisasiAnggaran
from kinerja import selectors as kinerja_selectors
from renstra.models import (
    Indikator,
    Kegiatan,
    Pejabat,
    PeriodeRenstra,
    Program,
    SubKegiatan,
    TargetTahunan,
)
from sakip import angka as fmt
from sakip import capaian, xlsx

# slug: (kode tabel, judul sebelum nama OPD)
MATRIKS = {
    "t-c-23": ("T-C.23", "Pencapaian Kinerja Pelayanan"),
    "t-c-24": ("T-C.24", "Anggaran dan Realisasi Pendanaan Pelayanan"),
    "t-c-27": ("T-C.27", "Rencana Program, Kegiatan, dan Pendanaan"),
    "t-c-28": (
        "T-C.28",
        "Indikator Kinerja Perangkat Daerah yang Mengacu pada Tujuan dan Sasaran RPJMD",
    ),
}

NOL = Decimal(0)


class MatriksTidakAda(Exception):
    """No such matrix; the message is for the user."""


# --- shared pieces ------------------------------------------------------------------------


def tampil(nilai=None, level=None, teks="", satuan=""):
    """A target or realisation as the seed prints it: '80%', '616 Orang', 'Madya', '–'."""
    if teks:
        return teks
    if level is not None:
        return str(getattr(level, "nama", level))
    if nilai is None:
        return fmt.TANPA_NILAI
    # Whole numbers as they are (80%, 616 Orang), others with two decimals as the seed
    # prints them (14,40; 88,30; 76,60%).
    rounded = fmt.bulatkan(nilai, 2)
    text = fmt.angka(rounded, 0 if rounded == rounded.to_integral_value() else 2)
    satuan = (satuan or "").strip()
    if satuan == "%":
        return text + "%"
    if satuan.lower() == "indeks":
        return text
    return f"{text} {satuan}".strip()


def nama_pemda_pendek(pemda):
    """'Pemerintah Kabupaten Lumajang' -> 'Kabupaten Lumajang' (as the seed's titles)."""
    nama = pemda.nama
    return nama[len("Pemerintah ") :] if nama.startswith("Pemerintah ") else nama


def _ttd(opd, tanggal):
    kepala = Pejabat.objects.filter(opd=opd, is_kepala=True).order_by("-aktif", "-id").first()
    tempat = opd.pemda.ibukota or nama_pemda_pendek(opd.pemda).split(" ", 1)[-1]
    return {
        "tempat_tanggal": f"{tempat}, {fmt.tanggal_id(tanggal)}",
        "label": "",
        "jabatan": kepala.jabatan if kepala else f"Kepala {opd.nama}",
        "nama": kepala.nama if kepala else "",
        "pangkat": kepala.pangkat_golongan if kepala else "",
        "nip": kepala.nip if kepala else "",
    }


def _base(jenis, periode, *, tanggal, **extra):
    """The document dict every matrix template and the PDF footer read."""
    kode, judul = MATRIKS[jenis]
    opd = periode.opd
    doc = {
        "jenis": jenis,
        "kode_tabel": kode,
        "judul_tabel": f"{judul} {opd.nama} {nama_pemda_pendek(opd.pemda)}",
        "judul": f"Renstra {periode.tahun_awal}–{periode.tahun_akhir} · Tabel {kode}",
        "opd": opd,
        "periode": periode,
        "tahun": periode.tahun_awal,
        "versi": periode.versi,
        "is_final": periode.status == PeriodeRenstra.Status.DITETAPKAN,
        "ttd": _ttd(opd, tanggal),
    }
    doc.update(extra)
    return doc


def _tahun_terbanyak(values, cadangan):
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else cadangan


def _indikator_tujuan_sasaran(periode):
    """Tujuan and sasaran indicators in the plan's order: each tujuan's own indicators,
    then the indicators of its sasaran (tabel 4.1 / T-C.28 order). One query."""
    indikator = list(
        Indikator.objects.filter(periode=periode)
        .filter(Q(tujuan__isnull=False) | Q(sasaran__isnull=False))
        .select_related("tujuan", "sasaran__tujuan", "kondisi_awal_level")
    )

    def kunci(ind):
        if ind.tujuan_id:
            tujuan, sasaran = ind.tujuan, None
        else:
            tujuan, sasaran = ind.sasaran.tujuan, ind.sasaran
        return (
            tujuan.urutan,
            tujuan.kode,
            0 if sasaran is None else 1,
            sasaran.urutan if sasaran else 0,
            sasaran.kode if sasaran else "",
            ind.urutan,
            ind.pk,
        )

    return sorted(indikator, key=kunci)


def _kondisi_awal(ind):
    return tampil(ind.kondisi_awal, ind.kondisi_awal_level, "", ind.satuan)


# --- T-C.23 -------------------------------------------------------------------------------


@dataclass
class SelTahun:
    """Target, realisation and rasio capaian of one indicator in one year. `triwulan` is the
    last quarter reported when it is not TW IV (seed: "2021 Semester 1" = TW II)."""

    tahun: int
    target: Decimal | None
    realisasi: Decimal | None
    target_tampil: str
    realisasi_tampil: str
    capaian: capaian.Hasil
    triwulan: int | None = None


@dataclass
class BarisTC23:
    no: int
    pemilik: str  # the sasaran (or tujuan) the indicator belongs to
    pemilik_rowspan: int
    indikator: str
    satuan: str
    kondisi_awal: Decimal | None
    kondisi_awal_tampil: str
    tahun_kondisi_awal: int | None
    sel: list[SelTahun]


def tc23(periode, *, tanggal):
    """T-C.23: per tujuan/sasaran indicator and year of the period the yearly target, the
    realisation to date (by the indicator's rule, the last quarter reported) and rasio
    capaian from sakip.capaian through kinerja.selectors.indikator_rows. The kondisi
    awal (e.g. 2017, before the period) is shown as its own column.

    Queries: 3 per year of the period plus 3, whatever the number of indicators."""
    opd = periode.opd
    pengaturan = kinerja_selectors.pengaturan_pemda(opd.pemda)
    indikator = _indikator_tujuan_sasaran(periode)
    per_tahun = {}
    for tahun in periode.tahun_list:
        per_tahun[tahun] = {
            row.id: row
            for row in kinerja_selectors.indikator_rows(
                opd, tahun, 4, periode=periode, pengaturan=pengaturan
            )
            if row.tingkat in ("tujuan", "sasaran")
        }
    rows = []
    for ind in indikator:
        pemilik = ind.tujuan if ind.tujuan_id else ind.sasaran
        sel = []
        for tahun in periode.tahun_list:
            row = per_tahun[tahun].get(ind.pk)
            if row is None:
                continue
            quarters = [q for q, v in row.realisasi_triwulan.items() if v is not None]
            quarters += [q for q, v in row.level_triwulan.items() if v is not None]
            terakhir = max(quarters) if quarters else None
            sel.append(
                SelTahun(
                    tahun=tahun,
                    target=row.target,
                    realisasi=row.realisasi,
                    target_tampil=tampil(row.target, row.target_level, row.target_teks, ind.satuan),
                    realisasi_tampil=tampil(row.realisasi, row.realisasi_level, "", ind.satuan),
                    capaian=row.capaian,
                    triwulan=terakhir if terakhir and terakhir < 4 else None,
                )
            )
        rows.append(
            BarisTC23(
                no=0,
                pemilik=pemilik.uraian,
                pemilik_rowspan=0,
                indikator=ind.uraian,
                satuan=ind.satuan,
                kondisi_awal=ind.kondisi_awal,
                kondisi_awal_tampil=_kondisi_awal(ind),
                tahun_kondisi_awal=ind.tahun_kondisi_awal,
                sel=sel,
            )
        )
    _nomori(rows)
    return _base(
        "t-c-23",
        periode,
        tanggal=tanggal,
        rows=rows,
        tahun_list=periode.tahun_list,
        tahun_kondisi_awal=_tahun_terbanyak(
            [r.tahun_kondisi_awal for r in rows], periode.tahun_awal - 1
        ),
    )


def _nomori(rows):
    """Number the owners and give the first row of each run of the same owner its rowspan."""
    i, no = 0, 0
    while i < len(rows):
        j = i
        while j < len(rows) and rows[j].pemilik == rows[i].pemilik:
            j += 1
        no += 1
        for row in rows[i:j]:
            row.no = no
        rows[i].pemilik_rowspan = j - i
        i = j


# --- T-C.24 -------------------------------------------------------------------------------


@dataclass
class SelAnggaran:
    tahun: int
    anggaran: Decimal | None
    realisasi: Decimal | None
    rasio: capaian.Hasil


@dataclass
class BarisTC24:
    kode: str
    nama: str
    sel: list[SelAnggaran]
    pertumbuhan_anggaran: capaian.Hasil
    pertumbuhan_realisasi: capaian.Hasil


def tc24(periode, *, tanggal):
    """T-C.24: per program and year the anggaran, its realisation and their ratio
    (sakip.capaian.penyerapan), and the average growth of both
    (sakip.capaian.rata_rata_pertumbuhan).

    Years are those with program history (anggaran.AnggaranProgramHistoris, figures known
    only per program, e.g. 2017–2021 in seed 004) and those in which sub-kegiatan spending
    was recorded. A program-year with a history row uses it (the year's final figures as
    entered); the other years use the SQL roll-up of the sub-kegiatan (pagu in force at
    TW IV, realisation cumulated to TW IV). The two are never added. Missing figures
    (the seed's "NA") stay empty. Queries: 4, whatever the size of the plan."""
    historis = defaultdict(dict)
    tahun_set = set()
    for h in AnggaranProgramHistoris.objects.filter(program__periode=periode).values(
        "program_id", "tahun", "anggaran", "realisasi"
    ):
        historis[h["program_id"]][h["tahun"]] = (h["anggaran"], h["realisasi"])
        tahun_set.add(h["tahun"])
    tahun_rollup = sorted(
        RealisasiAnggaran.objects.filter(sub_kegiatan__periode=periode)
        .order_by()
        .values_list("tahun", flat=True)
        .distinct()
    )
    tahun_set.update(tahun_rollup)
    tahun_list = sorted(tahun_set)
    jalur = anggaran_selectors.JALUR["program"]
    annotations = {}
    for tahun in tahun_rollup:
        annotations[f"pagu_{tahun}"] = anggaran_selectors.jumlah_pagu(jalur, tahun, 4)
        annotations[f"realisasi_{tahun}"] = anggaran_selectors.jumlah_realisasi(jalur, tahun, 4)
    programs = Program.objects.filter(periode=periode).annotate(**annotations).order_by("kode")
    rows = []
    for program in programs:
        sel = []
        for tahun in tahun_list:
            if tahun in historis[program.pk]:
                anggaran, realisasi = historis[program.pk][tahun]
            elif tahun in tahun_rollup:
                anggaran = getattr(program, f"pagu_{tahun}")
                realisasi = getattr(program, f"realisasi_{tahun}")
                if not anggaran and not realisasi:
                    anggaran = realisasi = None
            else:
                anggaran = realisasi = None
            sel.append(
                SelAnggaran(
                    tahun=tahun,
                    anggaran=anggaran,
                    realisasi=realisasi,
                    rasio=capaian.penyerapan(anggaran, realisasi),
                )
            )
        rows.append(
            BarisTC24(
                kode=program.kode,
                nama=program.nama,
                sel=sel,
                pertumbuhan_anggaran=capaian.rata_rata_pertumbuhan([s.anggaran for s in sel]),
                pertumbuhan_realisasi=capaian.rata_rata_pertumbuhan([s.realisasi for s in sel]),
            )
        )
    return _base("t-c-24", periode, tanggal=tanggal, rows=rows, tahun_list=tahun_list)


# --- T-C.27 -------------------------------------------------------------------------------


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


def tc27(periode, *, tanggal):
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
    return _base(
        "t-c-27",
        periode,
        tanggal=tanggal,
        rows=rows,
        tahun_list=tahun_list,
        total_pagu=[getattr(total, f"pagu_{t}") for t in tahun_list],
        total_pagu_akhir=getattr(total, "pagu_akhir", NOL),
        tahun_kondisi_awal=_tahun_terbanyak(
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
        kondisi_awal_tampil=_kondisi_awal(ind),
        target={t: nilai(targets.get(t)) for t in tahun_list},
        target_tampil={t: teks(targets.get(t)) for t in tahun_list},
        target_akhir=nilai(akhir),
        target_akhir_tampil=teks(akhir),
        target_urut=[teks(targets.get(t)) for t in tahun_list],
    )


# --- T-C.28 -------------------------------------------------------------------------------


@dataclass
class BarisTC28:
    kelompok: str  # "Tujuan" or "Sasaran"
    no: str
    indikator: str
    satuan: str
    kondisi_awal: Decimal | None
    kondisi_awal_tampil: str
    tahun_kondisi_awal: int | None
    target: list[Decimal | None]
    target_tampil: list[str]
    kondisi_akhir: Decimal | None
    kondisi_akhir_tampil: str


def tc28(periode, *, tanggal):
    """T-C.28: the tujuan indicators, then the sasaran indicators, each with its satuan, the
    kondisi awal, the target of every year of the period and the condition at the end of
    the period (the last year's target). Three queries."""
    indikator = _indikator_tujuan_sasaran(periode)
    targets = defaultdict(dict)
    for t in TargetTahunan.objects.filter(indikator__in=[i.pk for i in indikator]).select_related(
        "level"
    ):
        targets[t.indikator_id][t.tahun] = t
    tahun_list = periode.tahun_list

    def teks(ind, t):
        return fmt.TANPA_NILAI if t is None else tampil(t.nilai, t.level, t.teks, ind.satuan)

    rows = []
    tujuan_no = 0
    for ind in sorted(indikator, key=lambda i: 0 if i.tujuan_id else 1):
        own = targets[ind.pk]
        if ind.tujuan_id:
            tujuan_no += 1
            no = ind.kode or str(tujuan_no)
        else:
            n = [i for i in indikator if i.sasaran_id == ind.sasaran_id].index(ind) + 1
            no = ind.kode or f"{ind.sasaran.kode}.{n}"
        akhir = own.get(periode.tahun_akhir)
        rows.append(
            BarisTC28(
                kelompok="Tujuan" if ind.tujuan_id else "Sasaran",
                no=no,
                indikator=ind.uraian,
                satuan=ind.satuan,
                kondisi_awal=ind.kondisi_awal,
                kondisi_awal_tampil=_kondisi_awal(ind),
                tahun_kondisi_awal=ind.tahun_kondisi_awal,
                target=[own[t].nilai if t in own else None for t in tahun_list],
                target_tampil=[teks(ind, own.get(t)) for t in tahun_list],
                kondisi_akhir=akhir.nilai if akhir else None,
                kondisi_akhir_tampil=teks(ind, akhir),
            )
        )
    return _base(
        "t-c-28",
        periode,
        tanggal=tanggal,
        rows=rows,
        tahun_list=tahun_list,
        tahun_kondisi_awal=_tahun_terbanyak(
            [r.tahun_kondisi_awal for r in rows], periode.tahun_awal - 1
        ),
    )


BUILDERS = {"t-c-23": tc23, "t-c-24": tc24, "t-c-27": tc27, "t-c-28": tc28}


def matriks(jenis, periode, *, tanggal):
    """The document dict of a matrix by its slug ('t-c-27'); MatriksTidakAda otherwise."""
    builder = BUILDERS.get(jenis)
    if builder is None:
        raise MatriksTidakAda(f"Matriks “{jenis}” tidak dikenal.")
    return builder(periode, tanggal=tanggal)


# --- XLSX (openpyxl from the same rows, sakip.xlsx helpers) -------------------------------


def _persen_xlsx(hasil):
    return hasil.nilai if hasil is not None and hasil.nilai is not None else None


def _judul_xlsx(ws, doc, lebar_kolom):
    ws.cell(row=1, column=1, value=f"Tabel {doc['kode_tabel']}").font = xlsx.HEADER_FONT
    ws.cell(row=2, column=1, value=doc["judul_tabel"]).font = xlsx.HEADER_FONT
    periode = doc["periode"]
    ws.cell(
        row=3,
        column=1,
        value=f"{periode.nama or 'Renstra'} ({periode.tahun_awal}–{periode.tahun_akhir})",
    )
    xlsx.atur_lebar(ws, lebar_kolom)
    return 5  # first header row


def _xlsx_tc23(ws, doc):
    tahun = doc["tahun_list"]
    n = len(tahun)
    awal = _judul_xlsx(ws, doc, [5, 40, 45, 10] + [10] * (3 * n))
    spek = [
        (0, 1, "No", 2, 1),
        (0, 2, "Sasaran", 2, 1),
        (0, 3, "Indikator Sasaran", 2, 1),
        (0, 4, f"Kondisi Awal ({doc['tahun_kondisi_awal']})", 2, 1),
        (0, 5, "Target Renstra Perangkat Daerah", 1, n),
        (0, 5 + n, "Realisasi Capaian Tahun", 1, n),
        (0, 5 + 2 * n, "Rasio Capaian pada Tahun (%)", 1, n),
    ]
    for i, t in enumerate(tahun):
        for blok in range(3):
            spek.append((1, 5 + blok * n + i, str(t), 1, 1))
    baris = xlsx.tulis_header_bertingkat(ws, spek, baris_awal=awal)
    formats = (
        [None, None, None, xlsx.FMT_DESIMAL] + [xlsx.FMT_DESIMAL] * (2 * n) + [xlsx.FMT_PERSEN] * n
    )
    for row in doc["rows"]:
        sel = {s.tahun: s for s in row.sel}
        values = [row.no, row.pemilik, row.indikator, row.kondisi_awal]
        values += [sel[t].target if t in sel else None for t in tahun]
        values += [sel[t].realisasi if t in sel else None for t in tahun]
        values += [_persen_xlsx(sel[t].capaian) if t in sel else None for t in tahun]
        baris = xlsx.tulis_baris(ws, baris, values, formats, wrap_kolom=(2, 3))
    return awal + 1


def _xlsx_tc24(ws, doc):
    tahun = doc["tahun_list"]
    n = len(tahun)
    awal = _judul_xlsx(ws, doc, [12, 45] + [17] * (2 * n) + [9] * n + [12, 12])
    spek = [
        (0, 1, "Kode", 2, 1),
        (0, 2, "Program", 2, 1),
        (0, 3, "Anggaran pada Tahun ke- (Rp)", 1, n),
        (0, 3 + n, "Realisasi Anggaran pada Tahun ke- (Rp)", 1, n),
        (0, 3 + 2 * n, "Rasio antara Realisasi dan Anggaran Tahun ke- (%)", 1, n),
        (0, 3 + 3 * n, "Rata-rata Pertumbuhan (%)", 1, 2),
        (1, 3 + 3 * n, "Anggaran", 1, 1),
        (1, 4 + 3 * n, "Realisasi", 1, 1),
    ]
    for i, t in enumerate(tahun):
        for blok in range(3):
            spek.append((1, 3 + blok * n + i, str(t), 1, 1))
    baris = xlsx.tulis_header_bertingkat(ws, spek, baris_awal=awal)
    formats = [None, None] + [xlsx.FMT_RUPIAH] * (2 * n) + [xlsx.FMT_PERSEN] * (n + 2)
    for row in doc["rows"]:
        values = [row.kode, row.nama]
        values += [s.anggaran for s in row.sel]
        values += [s.realisasi for s in row.sel]
        values += [_persen_xlsx(s.rasio) for s in row.sel]
        values += [_persen_xlsx(row.pertumbuhan_anggaran), _persen_xlsx(row.pertumbuhan_realisasi)]
        baris = xlsx.tulis_baris(ws, baris, values, formats, wrap_kolom=(2,))
    return awal + 1


def _xlsx_tc27(ws, doc):
    tahun = doc["tahun_list"]
    n = len(tahun)
    awal = _judul_xlsx(ws, doc, [22, 40, 45, 10] + [10, 17] * (n + 1) + [30, 18])
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


def _xlsx_tc28(ws, doc):
    tahun = doc["tahun_list"]
    n = len(tahun)
    awal = _judul_xlsx(ws, doc, [8, 55, 10, 12] + [10] * n + [14])
    spek = [
        (0, 1, "No", 2, 1),
        (0, 2, "Indikator", 2, 1),
        (0, 3, "Satuan", 2, 1),
        (0, 4, "Kondisi Kinerja pada Awal Periode", 1, 1),
        (1, 4, f"Tahun {doc['tahun_kondisi_awal']}", 1, 1),
        (0, 5, "Target Capaian Setiap Tahun", 1, n),
        (0, 5 + n, "Kondisi Kinerja pada Akhir Periode", 2, 1),
    ]
    for i, t in enumerate(tahun):
        spek.append((1, 5 + i, f"Tahun {t}", 1, 1))
    baris = xlsx.tulis_header_bertingkat(ws, spek, baris_awal=awal)
    formats = [None, None, None] + [xlsx.FMT_DESIMAL] * (n + 2)
    kelompok = None
    for row in doc["rows"]:
        if row.kelompok != kelompok:
            kelompok = row.kelompok
            baris = xlsx.tulis_baris(ws, baris, [None, kelompok] + [None] * (n + 3))
            ws.cell(row=baris - 1, column=2).font = xlsx.HEADER_FONT
        values = [
            row.no,
            row.indikator,
            row.satuan,
            row.kondisi_awal,
            *row.target,
            row.kondisi_akhir,
        ]
        baris = xlsx.tulis_baris(ws, baris, values, formats, wrap_kolom=(2,))
    return awal + 1


XLSX_BUILDERS = {
    "t-c-23": _xlsx_tc23,
    "t-c-24": _xlsx_tc24,
    "t-c-27": _xlsx_tc27,
    "t-c-28": _xlsx_tc28,
}


def matriks_workbook(doc):
    """The matrix as a workbook: title rows, the printed table's merged header, real numbers
    (Rp as whole rupiah, percentages as numbers with two decimals), frozen header rows."""
    wb = xlsx.workbook_baru()
    ws = wb.create_sheet(doc["kode_tabel"])
    header_bawah = XLSX_BUILDERS[doc["jenis"]](ws, doc)
    xlsx.bekukan(ws, header_bawah)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.print_title_rows = f"5:{header_bawah}"
    return wb
