"""T-C.28: tujuan and sasaran indicators with kondisi awal, the target of every year and
the end-of-period condition."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from laporan.matriks.umum import (
    dokumen_matriks,
    indikator_tujuan_sasaran,
    judul_xlsx,
    tahun_terbanyak,
    tampil,
    tampil_kondisi_awal,
)
from renstra.models import TargetTahunan
from sakip import angka as fmt
from sakip import xlsx


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


def tc28(periode, *, tanggal=None):
    """T-C.28: the tujuan indicators, then the sasaran indicators, each with its satuan, the
    kondisi awal, the target of every year of the period and the condition at the end of
    the period (the last year's target). Three queries."""
    indikator = indikator_tujuan_sasaran(periode)
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
                kondisi_awal_tampil=tampil_kondisi_awal(ind),
                tahun_kondisi_awal=ind.tahun_kondisi_awal,
                target=[own[t].nilai if t in own else None for t in tahun_list],
                target_tampil=[teks(ind, own.get(t)) for t in tahun_list],
                kondisi_akhir=akhir.nilai if akhir else None,
                kondisi_akhir_tampil=teks(ind, akhir),
            )
        )
    return dokumen_matriks(
        "t-c-28",
        periode,
        tanggal=tanggal,
        rows=rows,
        tahun_list=tahun_list,
        tahun_kondisi_awal=tahun_terbanyak(
            [r.tahun_kondisi_awal for r in rows], periode.tahun_awal - 1
        ),
    )


def xlsx_tc28(ws, doc):
    tahun = doc["tahun_list"]
    n = len(tahun)
    awal = judul_xlsx(ws, doc, [8, 55, 10, 12] + [10] * n + [14])
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
