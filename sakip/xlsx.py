"""Shared openpyxl helpers for every workbook SAKIP reads or writes.

Numbers are written as numbers with Excel number formats, never as text: '#,##0' shows
1765363950 as 1.765.363.950 in an Excel set to Indonesian and can still be summed.
Text is always written as text: `simpan_bytes`, the one place a workbook becomes bytes
(every download, the listing exports and the export command), turns a cell that openpyxl
would write as a formula ("=HYPERLINK(…)" typed into an uraian) or an error code back into
a string, so nothing SAKIP writes runs when the workbook is opened.
Reading accepts what people type in an Indonesian sheet ("86,5", "1.765.363.950", "80%"),
and refuses a workbook too large to read (`buka_workbook`, `baris_sheet`) before its rows
are read.

Writing fast (issue 15 item 6; bench/ekspor.py compares with a bare openpyxl write-only
workbook of the same cells): a listing is written in write-only mode (`workbook_tabel`,
widths worked out from the values before the first row, a column's number format made
into one style shared by its cells, formula-like text made a string cell as it is
appended). The document workbooks, which merge cells like the printed tables, are
written in write-only mode too (laporan/xlsx/lembar.py: each distinct style made once per
workbook, the merged ranges added to the sheet's own list). The other normal-mode
workbooks (pagu, entry templates, evaluation, matrices) give cells their styles through
`gaya` (each style object looked up once per workbook; openpyxl otherwise hashes the
whole style object on every assignment) and merge with `gabung`.
"""

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.merge import MergedCellRange

from sakip import angka as fmt
from sakip import batas
from sakip.angka import parse_angka

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FMT_RUPIAH = "#,##0"
FMT_PERSEN = "0.00"
FMT_INDEKS = "0.000"  # the efficiency index (standard 1): three decimals
FMT_DESIMAL = "#,##0.00"
FMT_ANGKA = "General"
FMT_TEKS = "@"

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FONT = Font(bold=True)
FONT_BIASA = Font(bold=False)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)
UNLOCKED = Protection(locked=False)

MIN_WIDTH = 6
MAX_WIDTH = 60


class BerkasTidakValid(Exception):
    """The uploaded file is not a workbook we can read; the message is for the user."""


@dataclass(frozen=True)
class Kolom:
    """A column of a tabular sheet: header text, number format and width hint."""

    judul: str
    format: str = FMT_ANGKA
    lebar: int | None = None
    catatan: str = ""


# ---------------------------------------------------------------- reading


def buka_workbook(berkas):
    """Open an uploaded file (path, bytes or file object) as a read-only workbook, or raise
    BerkasTidakValid with an Indonesian message: empty file, not an xlsx, damaged, or too
    large to read. The size is judged before openpyxl reads anything: the parts of the zip
    may not hold more than settings.SAKIP_XLSX_MAX_BYTES unzipped (a small file of
    repeated bytes can unzip to gigabytes), and no sheet may claim more rows than
    settings.SAKIP_XLSX_MAX_BARIS in its <dimension>. Read the rows with baris_sheet,
    which holds the same row limit for a sheet that claims no size or a wrong one."""
    if isinstance(berkas, bytes | bytearray):
        berkas = io.BytesIO(berkas)
    if hasattr(berkas, "seek"):
        berkas.seek(0, io.SEEK_END)
        size = berkas.tell()
        berkas.seek(0)
        if size == 0:
            raise BerkasTidakValid("Berkas kosong (0 byte). Unggah workbook Excel (.xlsx).")
    try:
        _periksa_ukuran_zip(berkas)
        wb = load_workbook(berkas, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise BerkasTidakValid(
            "Berkas bukan workbook Excel (.xlsx) yang dapat dibaca. Simpan ulang berkas "
            "sebagai 'Excel Workbook (*.xlsx)' lalu unggah kembali."
        ) from exc
    try:
        for ws in wb.worksheets:
            if (getattr(ws, "max_row", None) or 0) > settings.SAKIP_XLSX_MAX_BARIS:
                raise BerkasTidakValid(_pesan_baris(ws.title))
    except BerkasTidakValid:
        wb.close()
        raise
    return wb


def _mb(jumlah_byte):
    return f"{fmt.angka(fmt.bulatkan(Decimal(jumlah_byte) / 1024 / 1024, 1))} MB"


def _periksa_ukuran_zip(berkas):
    """The sizes the zip declares for its parts once unzipped; zipfile never unzips a part
    past its declared size, so their sum bounds the work of reading the workbook."""
    maks = settings.SAKIP_XLSX_MAX_BYTES
    with zipfile.ZipFile(berkas) as zf:
        infos = zf.infolist()
    if hasattr(berkas, "seek"):
        berkas.seek(0)
    terbesar = max((info.file_size for info in infos), default=0)
    total = sum(info.file_size for info in infos)
    if terbesar > maks or total > maks:
        raise BerkasTidakValid(
            f"Isi workbook terlalu besar: {_mb(total)} setelah dibuka, paling banyak "
            f"{_mb(maks)}. Hapus baris, kolom, gambar atau format yang tidak perlu, atau "
            "bagi data menjadi beberapa workbook, lalu unggah kembali."
        )


def _pesan_baris(sheet):
    maks = fmt.angka(settings.SAKIP_XLSX_MAX_BARIS)
    return (
        f"Sheet “{sheet}” memuat lebih dari {maks} baris; SAKIP membaca paling banyak "
        f"{maks} baris per sheet. Hapus baris kosong di bawah data (pilih barisnya lalu "
        "Hapus Baris) atau bagi data menjadi beberapa workbook, lalu unggah kembali."
    )


def baris_sheet(ws, *, min_row=1, max_col=None):
    """The values of a sheet's rows from `min_row`, as tuples (openpyxl values_only),
    stopping with BerkasTidakValid past row settings.SAKIP_XLSX_MAX_BARIS: a read-only
    sheet without a <dimension>, or with one that lies, yields an empty row for every row
    number up to its last row, and that row may be number 6,000,000. `max_col` bounds the
    width the same way (a cell in column XFD makes every row 16,384 values wide)."""
    maks = settings.SAKIP_XLSX_MAX_BARIS
    rows = ws.iter_rows(min_row=min_row, max_col=max_col, values_only=True)
    for nomor, row in enumerate(rows, start=min_row):
        if nomor > maks:
            raise BerkasTidakValid(_pesan_baris(ws.title))
        yield row


MAKS_KESALAHAN_TAMPIL = 200


def ringkas_kesalahan(kesalahan, batas_tampil=MAKS_KESALAHAN_TAMPIL):
    """The first `batas_tampil` refusals of an upload to list, and how many more there
    are, so a workbook with an error on every row still gives a small page."""
    kesalahan = list(kesalahan)
    return kesalahan[:batas_tampil], max(0, len(kesalahan) - batas_tampil)


def teks(value):
    """A cell value as stripped text ('' for empty)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def angka(value, *, uang=False, jenis=None):
    """A cell value as Decimal, or None when empty. Numbers pass through; text is read by
    the one input parser, sakip.angka.parse_angka ('86,5', '1.765.363.950',
    'Rp 1.765.363.950', '80%'); "1.000" is a thousand in every cell (`uang` kept for callers). With `jenis` (a
    sakip.batas kind) the number is also held to the bounds of its column. Raises
    ValueError (with an Indonesian message) when the value is not such a number."""
    number = _angka(value, uang=uang)
    if jenis is not None and number is not None:
        try:
            number = batas.cek_batas(number, jenis)
        except ValidationError as exc:
            raise ValueError(" ".join(exc.messages)) from None
    return number


def _angka(value, *, uang):
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"“{value}” bukan angka.")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"“{value}” bukan angka.")
        # repr gives the shortest text that reads back as the same float: 86.34, not 86.3399…
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"“{value}” bukan angka.")
        return value
    text = str(value).strip()
    if text in ("-", "–", "—"):
        return None
    return parse_angka(text, uang=uang)


def baris_kosong(values):
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


# ---------------------------------------------------------------- writing


def workbook_baru(write_only=False):
    """A workbook without its default empty sheet."""
    wb = Workbook(write_only=write_only)
    if not write_only:
        wb.remove(wb.active)
    return wb


# Style slots of a cell: (StyleArray field, workbook collection), as openpyxl's descriptors.
_SLOT = {
    "font": ("fontId", "_fonts"),
    "fill": ("fillId", "_fills"),
    "border": ("borderId", "_borders"),
    "alignment": ("alignmentId", "_alignments"),
    "protection": ("protectionId", "_protections"),
}


def gaya(cell, **styles):
    """Give a cell styles (font, fill, border, alignment, protection: style objects, None
    leaves the slot) as `cell.border = …` would, but each style object is looked up in the
    workbook's style tables once per workbook instead of once per cell: openpyxl hashes the
    whole style object on every assignment, which was most of a document workbook's time.
    Pass shared style objects (the constants of this module); the cache keeps them alive."""
    wb = cell.parent.parent
    cache = wb.__dict__.setdefault("_sakip_gaya", {})
    if not cell._style:
        cell._style = StyleArray()
    for nama, value in styles.items():
        if value is None:
            continue
        kunci = (nama, id(value))
        hit = cache.get(kunci)
        if hit is None:
            slot, koleksi = _SLOT[nama]
            hit = cache[kunci] = (value, slot, getattr(wb, koleksi).add(value))
        setattr(cell._style, hit[1], hit[2])
    return cell


def gabung(ws, start_row, start_column, end_row, end_column):
    """ws.merge_cells for a range whose every cell the caller then gives its own border
    (headers, table cells merged down a rowspan): the merge and the covered cells, without
    openpyxl's copying of the first cell's border onto the range's edges (overwritten
    right after, and slow)."""
    coord = CellRange(
        min_col=start_column, min_row=start_row, max_col=end_column, max_row=end_row
    ).coord
    mcr = MergedCellRange(ws, coord)
    ws.merged_cells.add(mcr)
    cells = mcr.cells
    next(cells)
    for row, col in cells:
        ws._cells[row, col] = MergedCell(ws, row, col)
    return mcr


def tulis_judul(ws, baris, kolom, teks_judul, *, rowspan=1, colspan=1, bold=True):
    """Write a header cell, merged over rowspan x colspan, centred, bordered, shaded."""
    cell = ws.cell(row=baris, column=kolom, value=teks_judul)
    if rowspan > 1 or colspan > 1:
        gabung(ws, baris, kolom, baris + rowspan - 1, kolom + colspan - 1)
    for r in range(baris, baris + rowspan):
        for c in range(kolom, kolom + colspan):
            gaya(ws.cell(row=r, column=c), border=BORDER, fill=HEADER_FILL)
    gaya(cell, font=HEADER_FONT if bold else FONT_BIASA, alignment=HEADER_ALIGN)
    return cell


def tulis_header_bertingkat(ws, spesifikasi, *, baris_awal=1):
    """Write a multi-row header laid out like a printed table. `spesifikasi` is a list of
    (row_offset, column, text, rowspan, colspan) tuples. Returns the first data row."""
    tinggi = 0
    for offset, kolom, judul, rowspan, colspan in spesifikasi:
        tulis_judul(ws, baris_awal + offset, kolom, judul, rowspan=rowspan, colspan=colspan)
        tinggi = max(tinggi, offset + rowspan)
    return baris_awal + tinggi


def tulis_baris(ws, baris, nilai, formats=None, *, border=True, wrap_kolom=()):
    """Write one data row; `formats` is a list of number formats by column (None = General)."""
    for index, value in enumerate(nilai, start=1):
        cell = ws.cell(row=baris, column=index, value=nilai_excel(value))
        fmt = formats[index - 1] if formats and index - 1 < len(formats) else None
        if fmt:
            cell.number_format = fmt
        gaya(
            cell, border=BORDER if border else None, alignment=WRAP if index in wrap_kolom else None
        )
    return baris + 1


def nilai_excel(value):
    # openpyxl writes Decimal as a number already; normalise -0 and trailing zeros away.
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    return value


def _sebagai_teks(cell):
    # openpyxl infers "f" (formula) for text starting with "=" and "e" for "#N/A"-like text.
    if isinstance(cell.value, str) and cell.data_type != "s":
        cell.data_type = "s"
    return cell


def sel_write_only(ws, value, fmt=None, *, bold=False):
    """A cell of a write-only sheet, whose rows are written out as they are appended (too
    early for simpan_bytes): text is made a string here."""
    cell = _sebagai_teks(WriteOnlyCell(ws, value=nilai_excel(value)))
    if fmt:
        cell.number_format = fmt
    if bold:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGN
    return cell


def lebar_dari_nilai(value):
    if value is None:
        return 0
    if isinstance(value, int | float | Decimal):
        # 1.765.363.950 takes a separator every three digits.
        digits = len(str(abs(int(value))))
        return digits + digits // 3 + 3
    longest = max((len(line) for line in str(value).splitlines()), default=0)
    return longest + 2


def sesuaikan_lebar(ws, *, minimum=MIN_WIDTH, maksimum=MAX_WIDTH, lewati_baris=0):
    """Set every column's width from its longest value (merged header cells ignored),
    bounded so long texts wrap instead of making a kilometre-wide column."""
    merged_starts = set()
    for rng in ws.merged_cells.ranges:
        if rng.max_col > rng.min_col:
            merged_starts.add((rng.min_row, rng.min_col))
    widths = {}
    for row in ws.iter_rows(min_row=lewati_baris + 1):
        for cell in row:
            if cell.value is None or (cell.row, cell.column) in merged_starts:
                continue
            width = lebar_dari_nilai(cell.value)
            widths[cell.column] = max(widths.get(cell.column, 0), width)
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = max(minimum, min(maksimum, width))


def atur_lebar(ws, lebar):
    """Set explicit widths (list by column), used in write-only mode before any row."""
    for index, width in enumerate(lebar, start=1):
        if width:
            ws.column_dimensions[get_column_letter(index)].width = width


def bekukan(ws, baris_header, kolom_kiri=0):
    """Freeze the header rows (and optionally the first columns)."""
    # A coordinate, not ws.cell(): creating the cell would make append() skip a row.
    ws.freeze_panes = f"{get_column_letter(kolom_kiri + 1)}{baris_header + 1}"


def xlsx_response(wb, filename):
    """A workbook as a download (through simpan_bytes)."""
    response = HttpResponse(simpan_bytes(wb), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def simpan_bytes(wb):
    """The workbook as .xlsx bytes, every text cell written as a string, never as a formula
    (OWASP "CSV injection", which applies to xlsx cells too). Write-only sheets were
    written as they were filled, through sel_write_only."""
    if not wb.write_only:
        for ws in wb.worksheets:
            # _cells holds only the cells that exist; iter_rows() would create every empty
            # cell of the used range.
            for cell in ws._cells.values():
                _sebagai_teks(cell)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def teks_aman(ws, value):
    """A value for a row of write-only sheet `ws`: numbers as numbers (nilai_excel), and
    text that openpyxl would write as a formula or an error code as a string cell; any
    other value as it is (the plain value is the cheapest cell to write)."""
    value = nilai_excel(value)
    if isinstance(value, str) and (value.startswith("=") or value in ERROR_CODES):
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell
    return value


def _lebar_kolom(values):
    """lebar_dari_nilai's widest value of a column, text measured without splitting lines
    unless it has any."""
    lebar = 0
    for value in values:
        if value is None:
            continue
        if isinstance(value, str):
            width = lebar_dari_nilai(value) if "\n" in value else len(value) + 2
        else:
            width = lebar_dari_nilai(value)
        if width > lebar:
            lebar = width
    return lebar


def _gaya_angka(ws, number_format):
    """The style of a cell with `number_format`, made once and shared by a column's cells
    (a write-only cell is written as it is appended, never changed after)."""
    contoh = WriteOnlyCell(ws, value=0)
    contoh.number_format = number_format
    return contoh._style


def workbook_tabel(judul, header, rows, formats=None):
    """A one-sheet workbook of a listing, written in write-only mode: a bold frozen header
    row, then the rows (numbers as numbers, with the number format of their column when
    `formats` gives one, None = General; the style is made once per column; dates and
    times likewise, e.g. "dd/mm/yyyy hh:mm"), columns as
    wide as their values (worked out from the values before the first row is written).
    Save it with simpan_bytes."""
    wb = workbook_baru(write_only=True)
    ws = wb.create_sheet(judul_sheet(judul))
    lebar_kolom = max((len(r) for r in rows), default=0)
    for index in range(max(len(header), lebar_kolom)):
        kolom = [row[index] for row in rows if index < len(row)]
        if index < len(header):
            kolom.append(header[index])
        width = _lebar_kolom(kolom)
        if width:
            ws.column_dimensions[get_column_letter(index + 1)].width = max(
                MIN_WIDTH, min(MAX_WIDTH, width)
            )
    if header:
        bekukan(ws, 1)
        judul_sel = []
        for value in header:
            cell = WriteOnlyCell(ws, value=value)
            cell.font = HEADER_FONT
            judul_sel.append(_sebagai_teks(cell))
        ws.append(judul_sel)
    gaya_kolom = {
        index: _gaya_angka(ws, number_format)
        for index, number_format in enumerate(formats or ())
        if number_format and number_format != FMT_ANGKA
    }
    angka = (int, float, Decimal, datetime, date)
    for row in rows:
        values = []
        for index, value in enumerate(row):
            if isinstance(value, str):
                value = teks_aman(ws, value)
            elif isinstance(value, angka) and not isinstance(value, bool):
                value = nilai_excel(value)
                style = gaya_kolom.get(index)
                if style is not None:
                    value = WriteOnlyCell(ws, value=value)
                    value._style = style
            else:
                value = nilai_excel(value)
            values.append(value)
        ws.append(values)
    return wb


_JUDUL_TERLARANG = re.compile(r"[\\/*?:\[\]]")


def judul_sheet(text):
    """A sheet title Excel accepts: at most 31 characters, none of \\ / * ? : [ ]."""
    return _JUDUL_TERLARANG.sub("-", str(text or "Data"))[:31] or "Data"
