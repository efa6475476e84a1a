"""The PK lampiran as a sheet: sasaran / indicator / target / unit, then program budgets."""

from laporan.xlsx.lembar import Lembar
from laporan.xlsx.umum import LEWAT, sel, selesai, tulis_judul_dokumen, tulis_tabel
from sakip import xlsx


def ekspor_pk(wb, doc):
    ws = Lembar(wb, "Lampiran PK")
    baris = tulis_judul_dokumen(
        ws, ["Lampiran " + doc["judul"], doc["opd"].nama, doc["opd"].pemda.nama], 5
    )
    judul_baris = baris - 1
    header = [
        (0, 1, "No", 1, 1),
        (0, 2, "Sasaran Strategis", 1, 1),
        (0, 3, "Indikator Kinerja", 1, 1),
        (0, 4, "Target", 1, 1),
        (0, 5, "Satuan", 1, 1),
    ]
    rows = []
    for row in doc["indikator_rows"]:
        span = row.get("sasaran_rowspan")
        # The unit has its own column here, so the target is the bare number (or its text).
        target = (
            row["target_nilai"] if row["target_nilai"] is not None else (row["target_teks"] or None)
        )
        rows.append(
            [
                sel(span, row["sasaran_no"]),
                sel(span, row["sasaran"]),
                row["indikator"],
                target,
                row.get("satuan", ""),
            ]
        )
    after, header_end = tulis_tabel(
        ws, baris, header, rows, formats=[None, None, None, "#,##0.##", None]
    )
    header2 = [
        (0, 1, "No", 1, 1),
        (0, 2, "Program", 1, 2),
        (0, 4, "Anggaran (Rp)", 1, 1),
        (0, 5, "Keterangan", 1, 1),
    ]
    rows2 = [
        [i, row["program"], LEWAT, row["anggaran"], row["sumber_dana"]]
        for i, row in enumerate(doc["program_rows"], start=1)
    ]
    _, header2_end = tulis_tabel(ws, after + 1, header2, [], nomor_kolom=False)
    r = header2_end + 1
    for values in rows2:
        ws.gabung(r, 2, r, 3)
        ws.baris(
            r,
            values[:2] + [None] + values[3:],
            [None, None, None, xlsx.FMT_RUPIAH, None],
            wrap_kolom=(2,),
        )
        r += 1
    if rows2:
        ws.gabung(r, 1, r, 3)
        ws.baris(
            r,
            ["Jumlah", None, None, doc["total_anggaran"], None],
            [None, None, None, xlsx.FMT_RUPIAH, None],
        )
        for col in range(1, 6):
            ws.cell(row=r, column=col).font = xlsx.HEADER_FONT
    selesai(
        ws,
        header_end,
        judul_baris=judul_baris,
        kolom_lebar={1: 5, 2: 40, 3: 45},
        orientasi="portrait",
    )
    return ws.ws
