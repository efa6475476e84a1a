"""The fast writers give the workbook openpyxl's own API would (issue 15 item 6): styles
through xlsx.gaya equal the same styles assigned cell by cell, a header merged by
xlsx.gabung and bordered reads back like ws.merge_cells, and the write-only listing keeps
numbers as numbers, text as text, its bold frozen header and its widths."""

import io
from decimal import Decimal

from openpyxl import load_workbook

from sakip import xlsx


def _isi(content):
    wb = load_workbook(io.BytesIO(content))
    result = []
    for ws in wb.worksheets:
        result.append((ws.title, ws.freeze_panes, sorted(str(r) for r in ws.merged_cells.ranges)))
        result.append(sorted((k, v.width) for k, v in ws.column_dimensions.items()))
        for row in ws.iter_rows():
            for c in row:
                b = c.border
                result.append(
                    (
                        c.coordinate,
                        c.value,
                        c.data_type,
                        c.number_format,
                        c.font.b,
                        c.font.i,
                        c.fill.fgColor.rgb,
                        c.alignment.wrap_text,
                        c.alignment.horizontal,
                        (b.left.style, b.right.style, b.top.style, b.bottom.style),
                        c.protection.locked,
                    )
                )
    return result


ROWS = [["=SUM(A1)", Decimal("1765363950"), Decimal("86.34")], ["Teks", 7, None]]


def _openpyxl_sendiri():
    """The same sheet written with openpyxl's own merge_cells and style descriptors."""
    wb = xlsx.workbook_baru()
    ws = wb.create_sheet("Uji")
    cell = ws.cell(row=1, column=1, value="Judul")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3)
    for c in range(1, 4):
        ws.cell(row=1, column=c).border = xlsx.BORDER
        ws.cell(row=1, column=c).fill = xlsx.HEADER_FILL
    cell.font = xlsx.Font(bold=True)
    cell.alignment = xlsx.HEADER_ALIGN
    for r, row in enumerate(ROWS, start=2):
        for c, value in enumerate(row, start=1):
            target = ws.cell(row=r, column=c, value=xlsx.nilai_excel(value))
            target.number_format = [None, xlsx.FMT_RUPIAH, xlsx.FMT_PERSEN][c - 1] or "General"
            target.border = xlsx.BORDER
            if c == 1:
                target.alignment = xlsx.WRAP
        ws.cell(row=r, column=3).protection = xlsx.UNLOCKED
    return xlsx.simpan_bytes(wb)


def _sakip():
    wb = xlsx.workbook_baru()
    ws = wb.create_sheet("Uji")
    xlsx.tulis_judul(ws, 1, 1, "Judul", colspan=3)
    for r, row in enumerate(ROWS, start=2):
        xlsx.tulis_baris(ws, r, row, [None, xlsx.FMT_RUPIAH, xlsx.FMT_PERSEN], wrap_kolom=(1,))
        xlsx.gaya(ws.cell(row=r, column=3), protection=xlsx.UNLOCKED)
    return xlsx.simpan_bytes(wb)


def test_gaya_and_gabung_write_what_openpyxls_own_api_writes():
    assert _isi(_sakip()) == _isi(_openpyxl_sendiri())


def test_the_write_only_listing_keeps_types_escaping_header_and_widths():
    wb = xlsx.workbook_tabel("Daftar", ["Uraian", "Pagu", "Capaian"], ROWS)
    assert wb.write_only
    ws = load_workbook(io.BytesIO(xlsx.simpan_bytes(wb))).active
    assert ws.title == "Daftar" and ws.freeze_panes == "A2"
    assert [c.value for c in ws[1]] == ["Uraian", "Pagu", "Capaian"]
    assert all(c.font.b for c in ws[1])
    formula, pagu, capaian = ws[2]
    assert (formula.value, formula.data_type) == ("=SUM(A1)", "s")
    assert (pagu.value, pagu.data_type) == (1765363950, "n")
    assert (capaian.value, capaian.data_type) == (86.34, "n")
    assert ws["C3"].value is None
    # 1.765.363.950 needs 13 characters and 3 of margin; "Uraian" the minimum.
    assert ws.column_dimensions["B"].width == 16
    assert ws.column_dimensions["A"].width == 10


def test_the_write_only_listing_gives_a_columns_numbers_its_number_format():
    rows = [*ROWS, ["=1+1", "teks", Decimal("-0.50")]]
    wb = xlsx.workbook_tabel(
        "Daftar",
        ["Uraian", "Pagu", "Capaian"],
        rows,
        formats=[None, xlsx.FMT_RUPIAH, xlsx.FMT_PERSEN],
    )
    ws = load_workbook(io.BytesIO(xlsx.simpan_bytes(wb))).active
    pagu, capaian = ws["B2"], ws["C2"]
    assert (pagu.value, pagu.number_format) == (1765363950, xlsx.FMT_RUPIAH)
    assert (capaian.value, capaian.number_format) == (86.34, xlsx.FMT_PERSEN)
    assert (ws["B3"].value, ws["B3"].number_format) == (7, xlsx.FMT_RUPIAH)
    # text in a number column stays text, formula-like text a string, in General
    assert (ws["B4"].value, ws["B4"].data_type, ws["B4"].number_format) == ("teks", "s", "General")
    assert (ws["A4"].value, ws["A4"].data_type) == ("=1+1", "s")
    assert (ws["C4"].value, ws["C4"].number_format) == (-0.5, xlsx.FMT_PERSEN)
    assert ws["A2"].number_format == "General"
