"""T-C.24: anggaran, realisasi and rasio per program per year, with the average growth
of both."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from anggaran import selectors as anggaran_selectors
from anggaran.models import AnggaranProgramHistoris, RealisasiAnggaran
from laporan.matriks.umum import dokumen_matriks, judul_xlsx, persen_xlsx
from renstra.models import Program
from sakip import capaian, xlsx


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


def tc24(periode, *, tanggal=None):
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
    return dokumen_matriks("t-c-24", periode, tanggal=tanggal, rows=rows, tahun_list=tahun_list)


def xlsx_tc24(ws, doc):
    tahun = doc["tahun_list"]
    n = len(tahun)
    awal = judul_xlsx(ws, doc, [12, 45] + [17] * (2 * n) + [9] * n + [12, 12])
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
        values += [persen_xlsx(s.rasio) for s in row.sel]
        values += [persen_xlsx(row.pertumbuhan_anggaran), persen_xlsx(row.pertumbuhan_realisasi)]
        baris = xlsx.tulis_baris(ws, baris, values, formats, wrap_kolom=(2,))
    return awal + 1
