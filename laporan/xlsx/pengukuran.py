"""A quarter's Pengukuran Kinerja as a sheet (also one sheet per quarter of an LKjIP)."""

from laporan.xlsx.lembar import Lembar
from laporan.xlsx.umum import (
    CAKUPAN,
    LEWAT,
    Gabung,
    Menjorok,
    judul,
    sel,
    selesai,
    teks_rumus,
    tulis_judul_dokumen,
    tulis_tabel,
)
from sakip import angka as fmt
from sakip import xlsx

KOLOM = [
    "NO",
    "Tujuan di RPJMD",
    "Sasaran strategis",
    "Indikator Kinerja",
    "Formulasi Perhitungan Indikator Kinerja",
    "Target",
    "Realisasi",
    "Capaian (%)",
    "Program / Kegiatan",
]


def _baris(block, i, r):
    span = block["span"] if i == 0 else 0
    values = [sel(span, block["no"]), sel(span, block["tujuan_rpjmd"]), sel(span, block["sasaran"])]
    ind = r.get("indikator")
    if ind:
        n = ind["span"]
        values += [
            Gabung(ind["uraian"], n),
            Gabung(teks_rumus(ind["rumus"]), n),
            Gabung(ind["target"], n),
            Gabung(ind["realisasi"], n),
            Gabung(ind["capaian"], n),
        ]
    elif r.get("indikator_kosong"):
        values += [Gabung(None, block["span"]), LEWAT, LEWAT, LEWAT, LEWAT]
    else:
        values += [LEWAT] * 5
    budget = r.get("budget")
    if budget:
        values += [
            budget["nama"] if budget["program"] else Menjorok(budget["nama"]),
            budget["pagu"],
            budget["realisasi"],
            budget["penyerapan"],
        ]
    else:
        values += [None, None, None, None]
    return values


def ekspor_pengukuran(wb, doc, nama_sheet=None):
    romawi = fmt.triwulan_romawi(doc["triwulan"])
    ws = Lembar(wb, nama_sheet or f"Pengukuran TW {romawi}")
    baris = tulis_judul_dokumen(ws, judul(doc), 12)
    judul_baris = baris - 1
    header = [(0, c, t, 2, 1) for c, t in enumerate(KOLOM, start=1)]
    header += [
        (0, 10, "Anggaran", 1, 3),
        (1, 10, "Pagu (Rp)", 1, 1),
        (1, 11, "Realisasi (Rp)", 1, 1),
        (1, 12, "Capaian (%)", 1, 1),
    ]
    rows = [_baris(b, i, r) for b in doc["blocks"] for i, r in enumerate(b["rows"])]
    formats = [None] * 9 + [xlsx.FMT_RUPIAH, xlsx.FMT_RUPIAH, xlsx.FMT_PERSEN]
    formats[7] = xlsx.FMT_PERSEN
    after, header_end = tulis_tabel(
        ws,
        baris,
        header,
        rows,
        formats=formats,
        total=(9, [doc["total_pagu"], doc["total_realisasi"], doc["total_penyerapan"]]),
    )
    ws.cell(row=after - 1, column=1, value="Total")
    r = after + 1
    for label, value in (
        (f"Jumlah Anggaran (DPA) Tahun {doc['tahun']}", doc["dpa"]),
        (f"Pagu program dan kegiatan Triwulan {romawi}", doc["total_pagu"]),
        (f"Realisasi s.d. Triwulan {romawi} Tahun {doc['tahun']}", doc["total_realisasi"]),
    ):
        ws.cell(row=r, column=2, value=label)
        cell = ws.cell(row=r, column=10, value=xlsx.nilai_excel(value))
        cell.number_format = xlsx.FMT_RUPIAH
        r += 1
    ws.cell(row=r, column=2, value=CAKUPAN[bool(doc.get("hanya_terverifikasi"))])
    selesai(
        ws,
        header_end,
        judul_baris=judul_baris,
        kolom_lebar={1: 5, 2: 22, 3: 28, 4: 32, 5: 36, 9: 36},
    )
    return ws.ws
