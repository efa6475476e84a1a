"""The IKU table as a sheet."""

from laporan.xlsx.lembar import Lembar
from laporan.xlsx.umum import judul, sel, selesai, teks_rumus, tulis_judul_dokumen, tulis_tabel

KOLOM = [
    "NO",
    "KINERJA UTAMA/ SASARAN/ OUTCOME",
    "INDIKATOR KINERJA UTAMA",
    "PENJELASAN/FORMULASI PERHITUNGAN",
    "SUMBER DATA",
    "PENANGGUNG JAWAB",
]


def ekspor_iku(wb, doc):
    ws = Lembar(wb, "IKU")
    baris = tulis_judul_dokumen(ws, judul(doc), 6)
    judul_baris = baris - 1
    header = [(0, c, t, 1, 1) for c, t in enumerate(KOLOM, start=1)]
    rows = []
    for r in doc["rows"]:
        span = r.get("sasaran_rowspan")
        rows.append(
            [
                sel(span, r["sasaran_no"]),
                sel(span, r["sasaran"]),
                r["indikator"],
                teks_rumus(r["rumus"]) or None,
                r["sumber_data"],
                "\n".join(str(p) for p in r["penanggung_jawab"]),
            ]
        )
    _, header_end = tulis_tabel(ws, baris, header, rows, nomor_kolom=False)
    selesai(
        ws,
        header_end,
        judul_baris=judul_baris,
        kolom_lebar={1: 5, 2: 35, 3: 40, 4: 40, 5: 28, 6: 28},
    )
    return ws.ws
