"""T-C.23: target, realisation and rasio capaian of the tujuan and sasaran indicators
per year of the period."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kinerja import selectors as kinerja_selectors
from laporan.matriks.umum import (
    dokumen_matriks,
    indikator_tujuan_sasaran,
    judul_xlsx,
    persen_xlsx,
    tahun_terbanyak,
    tampil,
    tampil_kondisi_awal,
)
from sakip import capaian, xlsx


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


def tc23(periode, *, tanggal=None):
    """T-C.23: per tujuan/sasaran indicator and year of the period the yearly target, the
    realisation to date (by the indicator's rule, the last quarter reported) and rasio
    capaian from sakip.capaian through kinerja.selectors.indikator_rows. The kondisi
    awal (e.g. 2017, before the period) is shown as its own column.

    Queries: 3 per year of the period plus 3, whatever the number of indicators."""
    opd = periode.opd
    pengaturan = kinerja_selectors.pengaturan_pemda(opd.pemda)
    indikator = indikator_tujuan_sasaran(periode)
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
                kondisi_awal_tampil=tampil_kondisi_awal(ind),
                tahun_kondisi_awal=ind.tahun_kondisi_awal,
                sel=sel,
            )
        )
    _nomori(rows)
    return dokumen_matriks(
        "t-c-23",
        periode,
        tanggal=tanggal,
        rows=rows,
        tahun_list=periode.tahun_list,
        tahun_kondisi_awal=tahun_terbanyak(
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


def xlsx_tc23(ws, doc):
    tahun = doc["tahun_list"]
    n = len(tahun)
    awal = judul_xlsx(ws, doc, [5, 40, 45, 10] + [10] * (3 * n))
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
        values += [persen_xlsx(sel[t].capaian) if t in sel else None for t in tahun]
        baris = xlsx.tulis_baris(ws, baris, values, formats, wrap_kolom=(2, 3))
    return awal + 1
