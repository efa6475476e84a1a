"""A document sheet laid out in memory, then written in write-only mode (issue 15 item 6).

A document merges cells like the printed table and fits its column widths to the values,
and a write-only sheet takes its widths and frozen panes before its first row and its rows
in order, never changed after. So a document sheet is laid out first, as light records:
cells (value, font, fill, border, alignment, number format), merged ranges, widths.
`Lembar.tulis` then appends the rows in order: a styled cell is a WriteOnlyCell whose style
is made once per workbook for each combination of style objects (openpyxl otherwise
hashes every style object of every cell), text becomes a string cell as it is appended
(never a formula: what simpan_bytes does for a normal sheet), and the merged ranges go to
the sheet's merged_cells, which openpyxl writes after the rows. The cells a merge covers
are written with the borders their own row gives them, as Excel draws each cell's border.
"""

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange

from sakip import xlsx


class Sel:
    """A cell of a sheet being laid out; a style left None is the default one."""

    __slots__ = ("value", "font", "fill", "border", "alignment", "number_format")

    def __init__(self):
        self.value = self.font = self.fill = self.border = None
        self.alignment = self.number_format = None

    def gaya(self, *, font=None, fill=None, border=None, alignment=None):
        """Set the styles given (shared style objects, like xlsx.BORDER); None keeps one."""
        if font is not None:
            self.font = font
        if fill is not None:
            self.fill = fill
        if border is not None:
            self.border = border
        if alignment is not None:
            self.alignment = alignment
        return self


class _SheetTulis(WriteOnlyWorksheet):
    """A write-only sheet whose rows are appended as finished cells (value, row, column
    and style set). openpyxl's own append first tries every value as a cell value, which
    raises and formats an error for each styled cell, then makes a new cell after it: a
    third of the writing of a document sheet, where nearly every cell is styled."""

    def _values_to_row(self, values, row_idx):
        return values


def _gaya_sel(ws, kunci, sel):
    """The StyleArray of a combination of style objects, made once per workbook and shared
    by its cells (a write-only cell is written as it is appended, never changed after).
    The cache holds the style objects, so their ids stay theirs."""
    cache = ws.parent.__dict__.setdefault("_sakip_gaya_sel", {})
    hit = cache.get(kunci)
    if hit is None:
        contoh = WriteOnlyCell(ws)
        for nama in ("font", "fill", "border", "alignment", "number_format"):
            value = getattr(sel, nama)
            if value is not None:
                setattr(contoh, nama, value)
        hit = cache[kunci] = (contoh._style, sel.font, sel.fill, sel.border, sel.alignment)
    return hit[0]


class Lembar:
    """A document sheet: cells by (row, column), merged ranges, then written once by
    `tulis`. The sheet itself (`ws`, write-only) is made at once, so sheets keep the order
    they are begun in; its widths, panes, print titles and page setup are set on it."""

    def __init__(self, wb, judul):
        # wb.create_sheet of a write-only workbook, with the sheet class above.
        self.ws = _SheetTulis(parent=wb, title=judul)
        wb._add_sheet(self.ws)
        self._sel = {}
        self._gabungan = []

    def cell(self, row, column, value=None):
        """The cell at (row, column), made when absent; `value` set unless None (as
        openpyxl's ws.cell)."""
        sel = self._sel.get((row, column))
        if sel is None:
            sel = self._sel[row, column] = Sel()
        if value is not None:
            sel.value = value
        return sel

    def gabung(self, start_row, start_column, end_row, end_column):
        """Merge a range. As openpyxl's merge, the cells it covers lose what they held;
        give them their borders after (the callers merge first, then style every cell)."""
        for row in range(start_row, end_row + 1):
            for column in range(start_column, end_column + 1):
                if (row, column) != (start_row, start_column):
                    self._sel.pop((row, column), None)
        self._gabungan.append(
            CellRange(min_col=start_column, min_row=start_row, max_col=end_column, max_row=end_row)
        )

    def judul(self, baris, kolom, teks_judul, *, rowspan=1, colspan=1, bold=True):
        """A header cell merged over rowspan x colspan, centred, bordered and shaded (every
        cell of the range), as xlsx.tulis_judul writes it on a normal sheet."""
        cell = self.cell(baris, kolom, teks_judul)
        if rowspan > 1 or colspan > 1:
            self.gabung(baris, kolom, baris + rowspan - 1, kolom + colspan - 1)
        for r in range(baris, baris + rowspan):
            for c in range(kolom, kolom + colspan):
                self.cell(r, c).gaya(border=xlsx.BORDER, fill=xlsx.HEADER_FILL)
        return cell.gaya(
            font=xlsx.HEADER_FONT if bold else xlsx.FONT_BIASA, alignment=xlsx.HEADER_ALIGN
        )

    def header_bertingkat(self, spesifikasi, *, baris_awal=1):
        """A multi-row header: (row_offset, column, text, rowspan, colspan) tuples, as
        xlsx.tulis_header_bertingkat. Returns the first row below it."""
        tinggi = 0
        for offset, kolom, teks_judul, rowspan, colspan in spesifikasi:
            self.judul(baris_awal + offset, kolom, teks_judul, rowspan=rowspan, colspan=colspan)
            tinggi = max(tinggi, offset + rowspan)
        return baris_awal + tinggi

    def baris(self, baris, nilai, formats=None, *, wrap_kolom=()):
        """A bordered data row, number formats by column (None = General), as
        xlsx.tulis_baris. Returns the next row."""
        for index, value in enumerate(nilai, start=1):
            cell = self.cell(baris, index, xlsx.nilai_excel(value))
            fmt = formats[index - 1] if formats and index - 1 < len(formats) else None
            if fmt:
                cell.number_format = fmt
            cell.gaya(border=xlsx.BORDER, alignment=xlsx.WRAP if index in wrap_kolom else None)
        return baris + 1

    def sesuaikan_lebar(self, *, minimum=xlsx.MIN_WIDTH, maksimum=xlsx.MAX_WIDTH, lewati_baris=0):
        """Every column as wide as its longest value below `lewati_baris` (the first cell
        of a range merged across columns not counted), bounded, as xlsx.sesuaikan_lebar."""
        merged_starts = {(r.min_row, r.min_col) for r in self._gabungan if r.max_col > r.min_col}
        widths = {}
        for (row, column), sel in self._sel.items():
            if row <= lewati_baris or sel.value is None or (row, column) in merged_starts:
                continue
            width = xlsx.lebar_dari_nilai(sel.value)
            if width > widths.get(column, 0):
                widths[column] = width
        for column in sorted(widths):
            self.lebar(column, max(minimum, min(maksimum, widths[column])))

    def lebar(self, column, width):
        self.ws.column_dimensions[get_column_letter(column)].width = width

    def tulis(self):
        """Append the rows in order (row 1 to the last; a row without cells is an empty
        row), then give the sheet its merged ranges. Call once, after the widths and
        panes."""
        ws = self.ws
        per_baris = {}
        for (row, column), sel in sorted(self._sel.items()):
            cell = Cell(ws, row, column, sel.value)
            if cell.data_type != "s" and isinstance(sel.value, str):
                # Formula-like or error-like text stays text (formula injection).
                cell.data_type = "s"
            kunci = (id(sel.font), id(sel.fill), id(sel.border), id(sel.alignment))
            kunci += (sel.number_format,)
            if kunci != _TANPA_GAYA:
                cell._style = _gaya_sel(ws, kunci, sel)
            per_baris.setdefault(row, []).append(cell)
        for row in range(1, max(per_baris, default=0) + 1):
            ws.append(per_baris.get(row, []))
        if self._gabungan:
            ws.merged_cells = MultiCellRange(self._gabungan)
        return ws


_TANPA_GAYA = (id(None),) * 4 + (None,)
