"""The Keterkaitan IKU table (seed 000) as a sheet."""

from laporan.xlsx.lembar import Lembar
from laporan.xlsx.umum import (
    Menjorok,
    baris_ind,
    judul,
    sel,
    selesai,
    target_ind,
    tulis_judul_dokumen,
    tulis_tabel,
)
from sakip import xlsx


def ekspor_cascading(wb, doc):
    ws = Lembar(wb, "Cascading")
    baris = tulis_judul_dokumen(ws, judul(doc), 12)
    judul_baris = baris - 1
    titles = [
        "NO",
        "Tujuan di RPJMD",
        "IKU KOTA",
        "Sasaran strategis",
        "Indikator Kinerja",
        f"Target {doc['tahun']}",
        f"Capaian {doc['tahun_lalu']}",
        "Program",
        "Indikator Program",
        "Kegiatan",
        "Indikator Kegiatan",
        "Anggaran (Rp)",
    ]
    header = [(0, c, t, 1, 1) for c, t in enumerate(titles, start=1)]
    rows = []
    for r in doc["rows"]:
        ts, ss, ps = r.get("tujuan_span"), r.get("sasaran_span"), r.get("program_span")
        rows.append(
            [
                sel(ts, r["tujuan_no"]),
                sel(ts, r["tujuan_rpjmd"]),
                sel(ss, baris_ind(r["iku_kota"], "uraian")),
                sel(ss, r["sasaran"]),
                sel(ss, baris_ind(r["indikator"], "uraian")),
                sel(ss, target_ind(r["indikator"])),
                sel(ss, target_ind(r["indikator"], "lalu")),
                sel(ps, r["program"]),
                sel(ps, baris_ind(r["program_ind"], "uraian")),
                Menjorok(r["nama"]) if r["sub"] else r["nama"],
                baris_ind(r["ind"], "uraian"),
                r["anggaran"],
            ]
        )
    formats = [None] * 11 + [xlsx.FMT_RUPIAH]
    _, header_end = tulis_tabel(
        ws, baris, header, rows, formats=formats, total=(11, [doc["total"]])
    )
    selesai(
        ws,
        header_end,
        judul_baris=judul_baris,
        kolom_lebar={1: 5, 2: 22, 3: 22, 4: 26, 5: 30, 8: 26, 9: 28, 10: 30, 11: 30},
    )
    return ws.ws
