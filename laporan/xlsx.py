"""Every document (PK lampiran, Rencana Aksi, Pengukuran, IKU, cascading, LKjIP tables) as
a workbook, from the same rows the HTML and the PDF render (laporan.selectors): numbers
stay numbers with Indonesian number formats, headers are merged like the printed tables,
header rows are frozen and widths fitted."""

import re
from decimal import Decimal

from openpyxl.utils import get_column_letter

from sakip import angka as fmt
from sakip import xlsx


class Gabung:
    """A value merged down over `span` rows (an HTML rowspan)."""

    __slots__ = ("nilai", "span")

    def __init__(self, nilai, span):
        self.nilai, self.span = nilai, max(1, span or 1)


# "86", "70,32%", "50 Orang": a number and an optional unit, as the documents print them.
_ANGKA_SATUAN = re.compile(r"^(-?[\d.,]+)\s*(%|[A-Za-z][\w /.-]{0,20})?$")


def nilai_sel(value):
    """A figure for a cell. Computed results (capaian.Hasil, Efisiensi) give their number;
    a display text such as '86%', '70,32%' or '50 Orang' gives (number, number format with
    the unit) so the cell is a real number that still reads like the document; any other
    text stays text; '–' (no figure) becomes an empty cell."""
    if value is None:
        return None, None
    if hasattr(value, "nilai") and not isinstance(value, str | int | float):
        return value.nilai, xlsx.FMT_PERSEN
    if isinstance(value, str):
        text = value.strip()
        if text in ("", fmt.TANPA_NILAI, "-"):
            return None, None
        match = _ANGKA_SATUAN.match(text)
        if match:
            try:
                number = fmt.parse_angka(match[1])
            except fmt.AngkaTidakSah:
                return text, None
            unit = match[2] or ""
            if unit == "%":
                return number, 'General"%"'
            if unit:
                return number, 'General" ' + unit.replace('"', "") + '"'
            return number, None
        return text, None
    return value, None


def _tulis_judul_dokumen(ws, lines, lebar_kolom):
    for index, line in enumerate(lines, start=1):
        ws.cell(row=index, column=1, value=line)
        ws.merge_cells(start_row=index, start_column=1, end_row=index, end_column=lebar_kolom)
        ws.cell(row=index, column=1).font = xlsx.Font(bold=True, size=12 if index == 1 else 11)
        ws.cell(row=index, column=1).alignment = xlsx.Alignment(horizontal="center")
    return len(lines) + 2


def _tulis_tabel(ws, baris, header, rows, *, formats=None, wrap=(), nomor_kolom=True, total=None):
    """Write header (list of (row offset, column, text, rowspan, colspan)), a row of column
    numbers like the printed tables, the data rows (values or Gabung), and a total row.
    Returns (row after the table, last header row)."""
    n_kolom = max(c + cs - 1 for _, c, _, _, cs in header)
    start = xlsx.tulis_header_bertingkat(ws, header, baris_awal=baris)
    if nomor_kolom:
        for col in range(1, n_kolom + 1):
            cell = xlsx.tulis_judul(ws, start, col, col)
            cell.font = xlsx.Font(italic=True, size=8)
        start += 1
    header_end = start - 1
    formats = formats or [None] * n_kolom
    r = start
    for values in rows:
        for col, value in enumerate(values, start=1):
            span = 1
            if isinstance(value, Gabung):
                value, span = value.nilai, value.span
            elif value is _LEWAT:
                continue
            number, number_format = nilai_sel(value)
            cell = ws.cell(row=r, column=col, value=xlsx.nilai_excel(number))
            cell.border = xlsx.BORDER
            cell.alignment = xlsx.WRAP
            fmt_col = formats[col - 1] if col - 1 < len(formats) else None
            if fmt_col and isinstance(number, int | float | Decimal):
                cell.number_format = fmt_col
            elif number_format:
                cell.number_format = number_format
            if span > 1:
                ws.merge_cells(start_row=r, start_column=col, end_row=r + span - 1, end_column=col)
        for col in range(1, n_kolom + 1):
            ws.cell(row=r, column=col).border = xlsx.BORDER
        r += 1
    if total:
        label_cols, values = total
        ws.cell(row=r, column=1, value="Jumlah" if label_cols else None)
        if label_cols > 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=label_cols)
        for col, value in enumerate(values, start=label_cols + 1):
            number, number_format = nilai_sel(value)
            cell = ws.cell(row=r, column=col, value=xlsx.nilai_excel(number))
            fmt_col = formats[col - 1] if col - 1 < len(formats) else None
            if fmt_col:
                cell.number_format = fmt_col
        for col in range(1, n_kolom + 1):
            cell = ws.cell(row=r, column=col)
            cell.border = xlsx.BORDER
            cell.font = xlsx.HEADER_FONT
        r += 1
    return r, header_end


class _Lewat:
    """A cell covered by a merge above it (an HTML cell absent because of a rowspan)."""


_LEWAT = _Lewat()


def _sel(span, value):
    """A cell of a rowspan run: the value merged on the run's first row, skipped after."""
    return Gabung(value, span) if span else _LEWAT


def _selesai(ws, header_end, *, judul_baris, kolom_lebar=None):
    xlsx.bekukan(ws, header_end)
    xlsx.sesuaikan_lebar(ws, maksimum=45, lewati_baris=judul_baris)
    for col, width in (kolom_lebar or {}).items():
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = f"{judul_baris + 1}:{header_end}"


def _judul(doc, *extra):
    return [doc["judul"], doc["opd"].nama, doc["opd"].pemda.nama, *extra]


def _baris_ind(items, key):
    return "\n".join(str(i[key] if isinstance(i, dict) else i) for i in items) if items else None


def _target_ind(items):
    """One target keeps its number; several in one cell are listed as text lines."""
    if not items:
        return None
    if len(items) == 1:
        return items[0]["target"]
    return "\n".join(i["target"] for i in items)


def ekspor_pk(wb, doc):
    ws = wb.create_sheet("Lampiran PK")
    baris = _tulis_judul_dokumen(
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
        target = (
            row["target_nilai"]
            if row.get("target_nilai") is not None
            else (row.get("target_teks") or None)
        )
        rows.append(
            [
                _sel(span, row["sasaran_no"]),
                _sel(span, row["sasaran"]),
                row["indikator"],
                target,
                row.get("satuan", ""),
            ]
        )
    after, header_end = _tulis_tabel(
        ws, baris, header, rows, formats=[None, None, None, "#,##0.##", None]
    )
    header2 = [
        (0, 1, "No", 1, 1),
        (0, 2, "Program", 1, 2),
        (0, 4, "Anggaran (Rp)", 1, 1),
        (0, 5, "Keterangan", 1, 1),
    ]
    rows2 = [
        [i, row["program"], _LEWAT, row["anggaran"], row["sumber_dana"]]
        for i, row in enumerate(doc["program_rows"], start=1)
    ]
    start2 = after + 1
    end2, header2_end = _tulis_tabel(ws, start2, header2, [], nomor_kolom=False)
    r = header2_end + 1
    for values in rows2:
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=3)
        xlsx.tulis_baris(
            ws,
            r,
            values[:2] + [None] + values[3:],
            [None, None, None, xlsx.FMT_RUPIAH, None],
            wrap_kolom=(2,),
        )
        r += 1
    if rows2:
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
        xlsx.tulis_baris(
            ws,
            r,
            ["Jumlah", None, None, doc["total_anggaran"], None],
            [None, None, None, xlsx.FMT_RUPIAH, None],
        )
        for col in range(1, 6):
            ws.cell(row=r, column=col).font = xlsx.HEADER_FONT
    _selesai(ws, header_end, judul_baris=judul_baris, kolom_lebar={1: 5, 2: 40, 3: 45})
    ws.page_setup.orientation = "portrait"
    return ws


def ekspor_pengukuran(wb, doc, nama_sheet=None):
    ws = wb.create_sheet(nama_sheet or f"Pengukuran TW {doc['triwulan_romawi']}")
    baris = _tulis_judul_dokumen(ws, _judul(doc), 12)
    judul_baris = baris - 1
    header = [
        (0, c, t, 2, 1)
        for c, t in enumerate(
            [
                "NO",
                "Tujuan di RPJMD",
                "Sasaran strategis",
                "Indikator Kinerja",
                "Formulasi Perhitungan Indikator Kinerja",
                "Target",
                "Realisasi",
                "Capaian (%)",
                "Program / Kegiatan",
            ],
            start=1,
        )
    ]
    header += [
        (0, 10, "Anggaran", 1, 3),
        (1, 10, "Pagu (Rp)", 1, 1),
        (1, 11, "Realisasi (Rp)", 1, 1),
        (1, 12, "Capaian (%)", 1, 1),
    ]
    rows = []
    for b in doc["blocks"]:
        for i, r in enumerate(b["rows"]):
            first = i == 0
            values = [
                _sel(b["span"] if first else 0, b["no"]),
                _sel(b["span"] if first else 0, b["tujuan_rpjmd"]),
                _sel(b["span"] if first else 0, b["sasaran"]),
            ]
            ind = r.get("indikator")
            if ind:
                rumus = ind["rumus"]["teks"] + (
                    f"\n{ind['rumus']['angka']}" if ind["rumus"].get("angka") else ""
                )
                values += [
                    Gabung(ind["uraian"], ind["span"]),
                    Gabung(rumus, ind["span"]),
                    Gabung(ind["target"], ind["span"]),
                    Gabung(ind["realisasi"], ind["span"]),
                    Gabung(ind["capaian"], ind["span"]),
                ]
            elif r.get("indikator_kosong"):
                values += [Gabung("–", b["span"]), _LEWAT, _LEWAT, _LEWAT, _LEWAT]
            else:
                values += [_LEWAT] * 5
            budget = r.get("budget")
            if budget:
                values += [
                    budget["nama"] if budget["program"] else "    " + budget["nama"],
                    budget["pagu"],
                    budget["realisasi"],
                    budget["penyerapan"],
                ]
            else:
                values += [None, None, None, None]
            rows.append(values)
    formats = [None] * 9 + [xlsx.FMT_RUPIAH, xlsx.FMT_RUPIAH, xlsx.FMT_PERSEN]
    formats[7] = xlsx.FMT_PERSEN
    after, header_end = _tulis_tabel(
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
        (f"Pagu program dan kegiatan Triwulan {doc['triwulan_romawi']}", doc["total_pagu"]),
        (
            f"Realisasi s.d. Triwulan {doc['triwulan_romawi']} Tahun {doc['tahun']}",
            doc["total_realisasi"],
        ),
    ):
        ws.cell(row=r, column=2, value=label)
        cell = ws.cell(row=r, column=10, value=xlsx.nilai_excel(getattr(value, "jumlah", value)))
        cell.number_format = xlsx.FMT_RUPIAH
        r += 1
    _selesai(
        ws,
        header_end,
        judul_baris=judul_baris,
        kolom_lebar={1: 5, 2: 22, 3: 28, 4: 32, 5: 36, 9: 36},
    )
    return ws


def ekspor_rencana_aksi(wb, doc):
    used = set()
    for section in doc["sections"]:
        unit = section["unit"]
        name = (unit.singkatan or unit.nama)[:28]
        while name in used:
            name = name[:26] + f"{len(used)}"
        used.add(name)
        ws = wb.create_sheet(name)
        baris = _tulis_judul_dokumen(ws, [doc["judul"], unit.nama, doc["opd"].nama], 16)
        judul_baris = baris - 1
        header = [
            (0, 1, "NO", 2, 1),
            (0, 2, "SASARAN STRATEGIS", 2, 1),
            (0, 3, "INDIKATOR KINERJA", 2, 1),
            (0, 4, "TARGET TRIWULAN", 1, 4),
        ] + [(1, 4 + i, t, 1, 1) for i, t in enumerate(["I", "II", "III", "IV"])]
        rows = []
        for r in section["sasaran_rows"]:
            span = r.get("sasaran_rowspan")
            rows.append(
                [_sel(span, r["sasaran_no"]), _sel(span, r["sasaran"]), r["indikator"], *r["tw"]]
            )
        after, header_end = _tulis_tabel(ws, baris, header, rows)
        header2 = [
            (0, 1, "NO", 2, 1),
            (0, 2, "PROGRAM", 1, 3),
            (0, 5, "KEGIATAN", 1, 3),
            (0, 8, "SUB KEGIATAN", 1, 3),
            (0, 11, "AKSI", 2, 1),
            (0, 12, "VOLUME", 2, 1),
            (0, 13, "JADWAL PELAKSANAAN TRIWULAN", 1, 4),
        ]
        for i, t in enumerate(["NAMA", "INDIKATOR", "TARGET"] * 3):
            header2.append((1, 2 + i, t, 1, 1))
        for i, t in enumerate(["I", "II", "III", "IV"]):
            header2.append((1, 13 + i, t, 1, 1))
        rows2 = []
        for r in section["rows"]:
            ps, ks, ss = r["program_span"], r["kegiatan_span"], r["sub_span"]
            rows2.append(
                [
                    _sel(ps, r["no"]),
                    _sel(ps, r["program"]),
                    _sel(ps, _baris_ind(r["program_ind"], "uraian")),
                    _sel(ps, _target_ind(r["program_ind"])),
                    _sel(ks, r["kegiatan"]),
                    _sel(ks, _baris_ind(r["kegiatan_ind"], "uraian")),
                    _sel(ks, _target_ind(r["kegiatan_ind"])),
                    _sel(ss, r["sub"]),
                    _sel(ss, _baris_ind(r["sub_ind"], "uraian")),
                    _sel(ss, _target_ind(r["sub_ind"])),
                    r["aksi"] or None,
                    r["volume"] or None,
                    *["✓" if t else None for t in r["tw"]],
                ]
            )
        _tulis_tabel(ws, after + 1, header2, rows2)
        _selesai(
            ws,
            header_end,
            judul_baris=judul_baris,
            kolom_lebar={1: 5, 2: 28, 3: 32, 5: 28, 6: 30, 8: 28, 9: 30, 11: 30},
        )
    return wb


def ekspor_iku(wb, doc):
    ws = wb.create_sheet("IKU")
    baris = _tulis_judul_dokumen(ws, _judul(doc), 6)
    judul_baris = baris - 1
    header = [
        (0, c, t, 1, 1)
        for c, t in enumerate(
            [
                "NO",
                "KINERJA UTAMA/ SASARAN/ OUTCOME",
                "INDIKATOR KINERJA UTAMA",
                "PENJELASAN/FORMULASI PERHITUNGAN",
                "SUMBER DATA",
                "PENANGGUNG JAWAB",
            ],
            start=1,
        )
    ]
    rows = []
    for r in doc["rows"]:
        span = r.get("sasaran_rowspan")
        rows.append(
            [
                _sel(span, r["sasaran_no"]),
                _sel(span, r["sasaran"]),
                r["indikator"],
                r["rumus"] or r["formula"],
                r["sumber_data"],
                "\n".join(str(p) for p in r["penanggung_jawab"]),
            ]
        )
    _, header_end = _tulis_tabel(ws, baris, header, rows, nomor_kolom=False)
    _selesai(
        ws,
        header_end,
        judul_baris=judul_baris,
        kolom_lebar={1: 5, 2: 35, 3: 40, 4: 40, 5: 28, 6: 28},
    )
    return ws


def ekspor_cascading(wb, doc):
    ws = wb.create_sheet("Cascading")
    baris = _tulis_judul_dokumen(ws, _judul(doc), 12)
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
                _sel(ts, r["tujuan_no"]),
                _sel(ts, r["tujuan_rpjmd"]),
                _sel(ss, r["iku_kota"]),
                _sel(ss, r["sasaran"]),
                _sel(ss, _baris_ind(r["indikator"], "uraian")),
                _sel(ss, _target_ind(r["indikator"])),
                _sel(ss, _target_ind([{"target": i["lalu"]} for i in r["indikator"]])),
                _sel(ps, r["program"]),
                _sel(ps, _baris_ind(r["program_ind"], "uraian")),
                ("    " if r["sub"] else "") + r["nama"],
                _baris_ind(r["ind"], "uraian"),
                r["anggaran"],
            ]
        )
    formats = [None] * 11 + [xlsx.FMT_RUPIAH]
    _, header_end = _tulis_tabel(
        ws, baris, header, rows, formats=formats, total=(11, [doc["total"]])
    )
    _selesai(
        ws,
        header_end,
        judul_baris=judul_baris,
        kolom_lebar={1: 5, 2: 22, 3: 22, 4: 26, 5: 30, 8: 26, 9: 28, 10: 30, 11: 30},
    )
    return ws


def ekspor_lkjip(wb, doc):
    ws = wb.create_sheet("Capaian Sasaran")
    baris = _tulis_judul_dokumen(
        ws, _judul(doc, "Tabel 3.1.x: capaian, kemajuan dan efisiensi per indikator sasaran"), 14
    )
    judul_baris = baris - 1
    titles = [
        "Tabel",
        "Sasaran",
        "Indikator",
        "Target",
        "Realisasi",
        "Capaian (%)",
        "Predikat",
        f"Realisasi {doc['tahun'] - 1}",
        "Target Akhir Renstra",
        "Tingkat Kemajuan (%)",
        "Realisasi Nasional",
        "Penyerapan Anggaran (%)",
        "Efisiensi (%)",
        "Pangsa Anggaran (%)",
    ]
    header = [(0, c, t, 1, 1) for c, t in enumerate(titles, start=1)]
    rows = []
    for bagian in doc["bagian"]:
        n = len(bagian["rows"])
        for i, r in enumerate(bagian["rows"]):
            span = n if i == 0 else 0
            rows.append(
                [
                    _sel(span, bagian["nomor"]),
                    _sel(span, bagian["uraian"]),
                    r["uraian"],
                    r["target"],
                    r["realisasi"],
                    r["capaian"],
                    r["predikat"].label if r.get("predikat") else None,
                    r["realisasi_lalu"],
                    r["target_akhir"],
                    r["kemajuan"],
                    r["nasional"],
                    _sel(span, bagian["penyerapan"]),
                    r["efisiensi"],
                    _sel(span, bagian["pangsa"]),
                ]
            )
    formats = (
        [None] * 5
        + [xlsx.FMT_PERSEN]
        + [None] * 3
        + [xlsx.FMT_PERSEN, None, xlsx.FMT_PERSEN, xlsx.FMT_PERSEN, xlsx.FMT_PERSEN]
    )
    _, header_end = _tulis_tabel(ws, baris, header, rows, formats=formats)
    _selesai(ws, header_end, judul_baris=judul_baris, kolom_lebar={2: 30, 3: 36})

    wp = wb.create_sheet("Anggaran Program")
    baris = _tulis_judul_dokumen(wp, _judul(doc, "Realisasi anggaran per program dan kegiatan"), 8)
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
        span = r.get("span", 0)
        rows.append(
            [
                _sel(span, r.get("no")),
                _sel(span, r.get("program")),
                _sel(span, r.get("program_pagu")),
                _sel(span, r.get("program_realisasi")),
                _sel(span, r.get("program_penyerapan")),
                r.get("kegiatan"),
                r.get("pagu"),
                r.get("realisasi"),
                r.get("penyerapan"),
            ]
        )
    formats = [
        None,
        None,
        xlsx.FMT_RUPIAH,
        xlsx.FMT_RUPIAH,
        xlsx.FMT_PERSEN,
        None,
        xlsx.FMT_RUPIAH,
        xlsx.FMT_RUPIAH,
        xlsx.FMT_PERSEN,
    ]
    _, header_end = _tulis_tabel(
        wp,
        baris,
        header,
        rows,
        formats=formats,
        total=(5, [None, doc["total_pagu"], doc["total_realisasi"], doc["total_penyerapan"]]),
    )
    _selesai(wp, header_end, judul_baris=judul_baris, kolom_lebar={1: 5, 2: 36, 6: 36})
    if doc.get("pk"):
        ekspor_pk(wb, doc["pk"])
    for pengukuran in doc.get("pengukuran") or []:
        ekspor_pengukuran(wb, pengukuran)
    return wb


EKSPOR = {
    "pk": ekspor_pk,
    "rencana-aksi": ekspor_rencana_aksi,
    "pengukuran": ekspor_pengukuran,
    "lkjip": ekspor_lkjip,
    "iku": ekspor_iku,
    "cascading": ekspor_cascading,
}


def dokumen_workbook(doc):
    """The workbook of a document dict from laporan.selectors.build_document."""
    wb = xlsx.workbook_baru()
    EKSPOR[doc["jenis"]](wb, doc)
    return wb
