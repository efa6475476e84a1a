"""A document sheet laid out on a Lembar and written in write-only mode reads back like the
same sheet written with openpyxl's normal worksheet and the normal-mode helpers: every
cell as written (value, type, number format, font, fill, alignment, the borders of the
cells a merge covers), the merged ranges, widths, frozen rows and print titles; and text
that looks like a formula stays text."""

import io
from decimal import Decimal

from openpyxl import load_workbook
from openpyxl.cell.read_only import EmptyCell

from laporan.xlsx.lembar import Lembar
from sakip import xlsx

HEADER = [(0, 1, "No", 2, 1), (0, 2, "Program", 2, 1), (0, 3, "Anggaran", 1, 2)]
HEADER += [(1, 3, "Pagu (Rp)", 1, 1), (1, 4, "Capaian (%)", 1, 1)]
JUDUL = xlsx.Font(bold=True, size=12)
TENGAH = xlsx.Alignment(horizontal="center")
ROWS = [
    [1, "=HYPERLINK(1)", Decimal("1765363950"), Decimal("86.34")],
    [None, "#N/A", 7, None],
]


def _isi(content):
    """What the file holds: each <c> element (a read-only load, which does not rebuild the
    cells a merge covers from its first cell) and the sheet's layout."""
    wb = load_workbook(io.BytesIO(content))
    ws = wb["Uji"]
    layout = (
        sorted(str(r) for r in ws.merged_cells.ranges),
        sorted((k, d.width) for k, d in ws.column_dimensions.items() if d.width),
        ws.freeze_panes,
        ws.print_title_rows,
        ws.page_setup.orientation,
    )
    cells = []
    for row in load_workbook(io.BytesIO(content), read_only=True)["Uji"].iter_rows():
        for c in row:
            if isinstance(c, EmptyCell):
                continue
            b = c.border
            cells.append(
                (
                    c.coordinate,
                    c.value,
                    c.data_type,
                    c.number_format,
                    c.font.b,
                    c.font.sz,
                    c.fill.fgColor.rgb,
                    (c.alignment.horizontal, c.alignment.vertical, c.alignment.wrap_text),
                    (b.left.style, b.right.style, b.top.style, b.bottom.style),
                )
            )
    return layout, cells


def _normal():
    wb = xlsx.workbook_baru()
    ws = wb.create_sheet("Uji")
    ws.cell(row=1, column=1, value="Judul")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4)
    ws.cell(row=1, column=1).font = JUDUL
    ws.cell(row=1, column=1).alignment = TENGAH
    r = xlsx.tulis_header_bertingkat(ws, HEADER, baris_awal=3)
    for values in ROWS:
        xlsx.tulis_baris(ws, r, values, [None, None, xlsx.FMT_RUPIAH, xlsx.FMT_PERSEN])
        r += 1
    xlsx.gabung(ws, r - 2, 1, r - 1, 1)  # the No merged down both rows
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
    xlsx.tulis_baris(ws, r, ["Jumlah", None, Decimal("1765363957"), None], [None, None, "#,##0"])
    xlsx.bekukan(ws, 4)
    xlsx.sesuaikan_lebar(ws, maksimum=45, lewati_baris=2)
    ws.column_dimensions["B"].width = 30
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = "3:4"
    return xlsx.simpan_bytes(wb)


def _lembar():
    wb = xlsx.workbook_baru(write_only=True)
    ws = Lembar(wb, "Uji")
    ws.cell(1, 1, "Judul").gaya(font=JUDUL, alignment=TENGAH)
    ws.gabung(1, 1, 1, 4)
    r = ws.header_bertingkat(HEADER, baris_awal=3)
    for values in ROWS:
        r = ws.baris(r, values, [None, None, xlsx.FMT_RUPIAH, xlsx.FMT_PERSEN])
    ws.gabung(r - 2, 1, r - 1, 1)
    ws.gabung(r, 1, r, 2)
    ws.baris(r, ["Jumlah", None, Decimal("1765363957"), None], [None, None, "#,##0"])
    xlsx.bekukan(ws.ws, 4)
    ws.sesuaikan_lebar(maksimum=45, lewati_baris=2)
    ws.lebar(2, 30)
    ws.ws.page_setup.orientation = "landscape"
    ws.ws.print_title_rows = "3:4"
    ws.tulis()
    return xlsx.simpan_bytes(wb)


def test_a_lembar_writes_what_the_normal_worksheet_writes():
    assert _isi(_lembar()) == _isi(_normal())


def test_a_lembar_keeps_text_that_looks_like_a_formula_or_an_error_as_text():
    _, cells = _isi(_lembar())
    teks = {c[1]: c[2] for c in cells if isinstance(c[1], str)}
    assert teks["=HYPERLINK(1)"] == "s"
    assert teks["#N/A"] == "s"
