"""The pohon kinerja as a sheet: one row per node and indicator, depth-first, the node's
cells merged over its indicators; and the review findings on a second sheet."""

from laporan.xlsx.lembar import Lembar
from laporan.xlsx.umum import Menjorok, judul, sel, selesai, tulis_judul_dokumen, tulis_tabel
from sakip import xlsx
from sakip.angka import Besaran


def besaran_nilai(nilai, satuan):
    """A read-model Nilai (kinerja.selectors) as the writer's typed Besaran."""
    return Besaran(
        nilai=nilai.angka,
        satuan=satuan or "",
        level=nilai.level.nama if nilai.level else "",
        teks=nilai.teks or "",
    )


def ekspor_pohon(wb, doc):
    ws = Lembar(wb, "Pohon Kinerja")
    baris = tulis_judul_dokumen(
        ws, judul(doc, f"Tahun {doc['tahun']} s.d. Triwulan {doc['triwulan']}"), 12
    )
    judul_baris = baris - 1
    titles = [
        "Jenjang",
        "Kode",
        "Kinerja",
        "Indikator",
        "Satuan",
        f"Target {doc['tahun']}",
        f"Realisasi s.d. TW {doc['triwulan']}",
        "Capaian (%)",
        "Unit kerja",
        "Jabatan",
        "Pejabat",
        "Pagu (Rp)",
    ]
    header = [(0, c, t, 1, 1) for c, t in enumerate(titles, start=1)]
    rows = []
    for n in doc["baris"]:
        indikator = n.indikator or [None]
        span = len(indikator)
        for k, i in enumerate(indikator):
            s = span if k == 0 else 0
            rows.append(
                [
                    sel(s, n.jenjang_label),
                    sel(s, n.kode),
                    sel(s, Menjorok(n.judul) if n.kedalaman else n.judul),
                    i.uraian if i else "",
                    i.satuan if i else "",
                    besaran_nilai(i.target, i.satuan) if i else None,
                    besaran_nilai(i.realisasi, i.satuan) if i and not i.rpjmd else None,
                    i.capaian if i else None,
                    sel(s, n.unit_nama or n.opd_nama),
                    sel(s, n.jabatan),
                    sel(s, n.pejabat_nama),
                    sel(s, n.pagu),
                ]
            )
    formats = [None] * 11 + [xlsx.FMT_RUPIAH]
    _, header_end = tulis_tabel(ws, baris, header, rows, formats=formats)
    selesai(ws, header_end, judul_baris=judul_baris, kolom_lebar={3: 45, 4: 45, 9: 28, 10: 30})

    ws2 = Lembar(wb, "Telaah")
    baris = tulis_judul_dokumen(ws2, ["Telaah Pohon Kinerja", doc["opd"].nama], 3)
    header = [(0, 1, "Pemeriksaan", 1, 1), (0, 2, "Tingkat", 1, 1), (0, 3, "Temuan", 1, 1)]
    rows = [[cek, t.tingkat, t.pesan] for cek, temuan in doc["telaah"] for t in temuan]
    _, header_end = tulis_tabel(ws2, baris, header, rows)
    selesai(ws2, header_end, judul_baris=baris - 1, kolom_lebar={1: 34, 2: 12, 3: 100})
    return ws.ws
