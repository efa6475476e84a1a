"""The LKjIP's tables as sheets: 3.1.x per indicator (capaian, progress, efficiency,
shares), 3.2 per program and kegiatan, then the PK lampiran and the four quarterly
Pengukuran annexes."""

from laporan.xlsx.lembar import Lembar
from laporan.xlsx.pengukuran import ekspor_pengukuran
from laporan.xlsx.pk import ekspor_pk
from laporan.xlsx.umum import judul, sel, selesai, tulis_judul_dokumen, tulis_tabel
from sakip import xlsx

P = xlsx.FMT_PERSEN
R = xlsx.FMT_RUPIAH


def _capaian_sasaran(wb, doc):
    ws = Lembar(wb, "Capaian Sasaran")
    pengaturan = doc["pengaturan"]
    tanpa_batas = bool(pengaturan.batas_capaian) and pengaturan.tampilkan_capaian_tanpa_batas
    indeks = pengaturan.konvensi_efisiensi == "indeks"
    # The index convention is a ratio with standard 1, printed to 3 decimals (1,004 is not
    # 1,00); the rasio convention is a percentage.
    fmt_efisiensi = xlsx.FMT_INDEKS if indeks else P
    titles = [
        "Tabel",
        "Sasaran",
        "Indikator",
        "Target",
        "Realisasi",
        "Capaian (%)",
        *(["Capaian sebelum dibatasi (%)"] if tanpa_batas else []),
        "Predikat",
        f"Realisasi {doc['tahun'] - 1}",
        "Target Akhir Renstra",
        "Tingkat Kemajuan (%)",
        "Realisasi Nasional",
        "Penyerapan Anggaran (%)",
        "Indeks Efisiensi" if indeks else "Rasio Efisiensi (%)",
        "Tingkat Efisiensi" if indeks else "Tingkat Efisiensi (%)",
        "Keterangan Efisiensi",
        "Pangsa Anggaran (%)",
    ]
    baris = tulis_judul_dokumen(
        ws,
        judul(doc, "Tabel 3.1.x: capaian, kemajuan dan efisiensi per indikator sasaran"),
        len(titles),
    )
    judul_baris = baris - 1
    header = [(0, c, t, 1, 1) for c, t in enumerate(titles, start=1)]
    rows = []
    for bagian in doc["bagian"]:
        n = len(bagian["rows"])
        per_indikator = bagian.get("per_indikator")
        for i, r in enumerate(bagian["rows"]):
            span = n if i == 0 else 0
            e = r["efisiensi"]
            # One budget line per indicator when an indicator names its serving budget.
            anggaran_span = 1 if per_indikator else span
            sumber = r if per_indikator else bagian
            rows.append(
                [
                    sel(span, bagian["nomor"]),
                    sel(span, bagian["uraian"]),
                    r["uraian"],
                    r["target"],
                    r["realisasi"],
                    r["capaian"],
                    *([r["capaian_tanpa_batas"]] if tanpa_batas else []),
                    r["predikat"].label if r["predikat"] else None,
                    r["realisasi_lalu"],
                    r["target_akhir"],
                    r["kemajuan"],
                    r["nasional"],
                    sel(anggaran_span, sumber["penyerapan"]),
                    e.nilai if e else None,
                    e.tingkat if e else None,
                    (e.label or e.alasan or None) if e else None,
                    sel(anggaran_span, sumber["pangsa"]),
                ]
            )
    formats = (
        [None] * 5
        + [P]
        + ([P] if tanpa_batas else [])
        + [None] * 3
        + [P, None, P, fmt_efisiensi, fmt_efisiensi, None, P]
    )
    _, header_end = tulis_tabel(ws, baris, header, rows, formats=formats)
    selesai(ws, header_end, judul_baris=judul_baris, kolom_lebar={2: 30, 3: 36})


def _anggaran_program(wb, doc):
    wp = Lembar(wb, "Anggaran Program")
    baris = tulis_judul_dokumen(wp, judul(doc, "Realisasi anggaran per program dan kegiatan"), 8)
    judul_baris = baris - 1
    header = [
        (0, 1, "No", 2, 1),
        (0, 2, "Program", 2, 1),
        (0, 3, "Anggaran Program", 1, 3),
        (1, 3, "Pagu (Rp)", 1, 1),
        (1, 4, "Realisasi (Rp)", 1, 1),
        (1, 5, "%", 1, 1),
        (0, 6, "Kegiatan", 2, 1),
        (0, 7, "Anggaran Kegiatan", 1, 3),
        (1, 7, "Pagu (Rp)", 1, 1),
        (1, 8, "Realisasi (Rp)", 1, 1),
        (1, 9, "%", 1, 1),
    ]
    rows = []
    for r in doc["tabel_program"]:
        span = r["span"]
        rows.append(
            [
                sel(span, r["no"]),
                sel(span, r["program"]),
                sel(span, r["program_pagu"]),
                sel(span, r["program_realisasi"]),
                sel(span, r["program_penyerapan"]),
                r["kegiatan"],
                r["pagu"],
                r["realisasi"],
                r["penyerapan"],
            ]
        )
    _, header_end = tulis_tabel(
        wp,
        baris,
        header,
        rows,
        formats=[None, None, R, R, P, None, R, R, P],
        total=(5, [None, doc["total_pagu"], doc["total_realisasi"], doc["total_penyerapan"]]),
    )
    selesai(wp, header_end, judul_baris=judul_baris, kolom_lebar={1: 5, 2: 36, 6: 36})


def ekspor_lkjip(wb, doc):
    _capaian_sasaran(wb, doc)
    _anggaran_program(wb, doc)
    if doc.get("pk"):
        ekspor_pk(wb, doc["pk"])
    for pengukuran in doc.get("pengukuran") or []:
        ekspor_pengukuran(wb, pengukuran)
    return wb
