"""The LKE workbook in the layout evaluators use: one row per component, sub-component and
criterion, with the self-assessment and the Inspektorat's answer and value side by side,
the system's proposal and the notes. Built from selectors.lke rows; saved through
sakip.xlsx.simpan_bytes."""

from sakip import xlsx

HEADER = [
    "Kode",
    "Komponen / Sub-komponen / Kriteria",
    "Bobot",
    "Skala",
    "Saran sistem",
    "Alasan sistem",
    "Jawaban mandiri",
    "Nilai mandiri",
    "Catatan mandiri",
    "Jawaban Inspektorat",
    "Nilai Inspektorat",
    "Catatan Inspektorat",
]
FORMATS = [
    None,
    None,
    xlsx.FMT_DESIMAL,
    None,
    None,
    None,
    None,
    xlsx.FMT_DESIMAL,
    None,
    None,
    xlsx.FMT_DESIMAL,
    None,
]
LEBAR = [9, 60, 9, 7, 9, 40, 10, 10, 30, 10, 10, 30]


def _catatan(jawaban):
    return jawaban.catatan if jawaban else ""


def lke_workbook(lke):
    wb = xlsx.workbook_baru()
    ws = wb.create_sheet("LKE")
    e = lke.evaluasi
    xlsx.tulis_judul(
        ws, 1, 1, f"Lembar Kerja Evaluasi AKIP {e.tahun} — {e.opd.nama}", colspan=len(HEADER)
    )
    xlsx.tulis_judul(ws, 2, 1, e.versi.regulasi, colspan=len(HEADER), bold=False)
    baris = 4
    for i, judul in enumerate(HEADER, 1):
        cell = ws.cell(row=baris, column=i, value=judul)
        cell.font, cell.fill, cell.alignment, cell.border = (
            xlsx.HEADER_FONT,
            xlsx.HEADER_FILL,
            xlsx.HEADER_ALIGN,
            xlsx.BORDER,
        )
    for k in lke.komponen:
        baris += 1
        xlsx.tulis_baris(
            ws,
            baris,
            [
                k.komponen.kode,
                k.komponen.nama,
                k.komponen.bobot,
                "",
                "",
                "",
                "",
                k.nilai.mandiri,
                "",
                "",
                k.nilai.inspektorat,
                "",
            ],
            FORMATS,
        )
        for c in ws[baris]:
            c.font = xlsx.HEADER_FONT
        for s in k.sub:
            baris += 1
            xlsx.tulis_baris(
                ws,
                baris,
                [
                    s.sub.kode,
                    f"{s.sub.get_jenis_display()}: {s.sub.nama}",
                    s.sub.bobot,
                    "",
                    "",
                    "",
                    s.pilihan.mandiri or "",
                    s.nilai.mandiri,
                    "",
                    s.pilihan.inspektorat or "",
                    s.nilai.inspektorat,
                    "",
                ],
                FORMATS,
            )
            for r in s.kriteria:
                baris += 1
                xlsx.tulis_baris(
                    ws,
                    baris,
                    [
                        r.kriteria.kode,
                        r.kriteria.uraian,
                        None,
                        r.kriteria.get_skala_display(),
                        r.saran,
                        r.fakta.alasan if r.fakta else "",
                        r.huruf("mandiri"),
                        r.nilai.mandiri,
                        _catatan(r.jawaban.mandiri),
                        r.huruf("inspektorat"),
                        r.nilai.inspektorat,
                        _catatan(r.jawaban.inspektorat),
                    ],
                    FORMATS,
                    wrap_kolom=(2, 6, 9, 12),
                )
    baris += 1
    xlsx.tulis_baris(
        ws,
        baris,
        [
            "",
            "Nilai AKIP",
            100,
            "",
            "",
            "",
            "",
            lke.total.mandiri,
            "",
            "",
            lke.total.inspektorat,
            "",
        ],
        FORMATS,
    )
    baris += 1
    xlsx.tulis_baris(
        ws,
        baris,
        [
            "",
            "Predikat",
            None,
            "",
            "",
            "",
            lke.predikat.mandiri.huruf if lke.predikat.mandiri else "",
            None,
            lke.predikat.mandiri.sebutan if lke.predikat.mandiri else "",
            lke.predikat.inspektorat.huruf if lke.predikat.inspektorat else "",
            None,
            lke.predikat.inspektorat.sebutan if lke.predikat.inspektorat else "",
        ],
        FORMATS,
    )
    xlsx.atur_lebar(ws, LEBAR)
    xlsx.bekukan(ws, 4, 2)
    return wb
