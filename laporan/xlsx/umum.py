"""The table writer every document workbook uses: merged headers like the printed tables,
a row of column numbers, data rows with rowspans merged, a total row; frozen headers and
fitted widths.

Cells are written from the rows' typed values (STYLE rule 0b), never from text: a Decimal
or an int is a number in the column's number format, a capaian.Hasil / Efisiensi its
figure as a percentage, a Besaran its number (two decimals at most, as the page shows it)
with its unit in the number format ('86' shown as 86%, '50' as 50 Orang) or its level or
written target as text; any str stays text."""

from decimal import Decimal

from sakip import angka as fmt
from sakip import xlsx
from sakip.angka import Besaran


class Gabung:
    """A value merged down over `span` rows (an HTML rowspan)."""

    __slots__ = ("nilai", "span")

    def __init__(self, nilai, span):
        self.nilai, self.span = nilai, max(1, span or 1)


class Menjorok:
    """Text indented one level under the row above (a kegiatan under its program)."""

    __slots__ = ("teks",)

    def __init__(self, teks):
        self.teks = teks


JOROK = xlsx.Alignment(vertical="top", wrap_text=True, indent=1)
NOMOR_KOLOM = xlsx.Font(italic=True, size=8)


class _Lewat:
    """A cell covered by a merge above it (an HTML cell absent because of a rowspan)."""


LEWAT = _Lewat()


def sel(span, value):
    """A cell of a rowspan run: the value merged on the run's first row, skipped after."""
    return Gabung(value, span) if span else LEWAT


def format_satuan(satuan):
    """The number format that prints a number with its unit: 86 as 86%, 50 as 50 Orang."""
    satuan = (satuan or "").strip().replace('"', "")
    if not satuan:
        return None
    if satuan == "%":
        return 'General"%"'
    return f'General" {satuan}"'


def isi_sel(value):
    """(cell value, number format or None) of a typed row value."""
    if value is None or isinstance(value, str):
        return (value or None), None
    if getattr(value, "tidak_terukur", False):
        # "Tidak dapat diukur": n/a, with the reason where the value carries one (a Hasil).
        alasan = getattr(value, "alasan", "")
        return (f"{fmt.TIDAK_TERUKUR} ({alasan})" if alasan else fmt.TIDAK_TERUKUR), None
    if isinstance(value, Besaran):
        if value.teks or value.level:
            return value.teks or value.level, None
        if value.nilai is None:
            return None, None
        return fmt.bulatkan(value.nilai, 2), format_satuan(value.satuan)
    if isinstance(value, bool | int | float | Decimal):
        return value, None
    if hasattr(value, "nilai"):
        # capaian.Hasil and Efisiensi: the figure, None when it cannot be judged.
        return value.nilai, xlsx.FMT_PERSEN
    raise TypeError(f"Nilai sel bertipe {type(value).__name__} tidak dikenal.")


def teks_rumus(rumus):
    """The formula cell of a Rumus: the ratio's labels or the formula text, then the entered
    numbers on a second line (as the page prints them)."""
    lines = []
    if rumus.rasio:
        lines.append(
            f"{rumus.label_pembilang} / {rumus.label_penyebut} × {fmt.angka(rumus.pengali)}%"
        )
    elif rumus.formula:
        lines.append(rumus.formula)
    if rumus.ada_angka:
        lines.append(
            f"{fmt.angka(rumus.pembilang)} / {fmt.angka(rumus.penyebut)} × "
            f"{fmt.angka(rumus.pengali)}%"
        )
    return "\n".join(lines)


def baris_ind(items, key):
    """Several indicators of one plan element in one cell, one per line."""
    return "\n".join(str(i[key] if isinstance(i, dict) else i) for i in items) if items else None


def target_ind(items, key="target"):
    """One target keeps its number; several in one cell are listed as text lines."""
    if not items:
        return None
    if len(items) == 1:
        return items[0][key]
    return "\n".join(fmt.besaran(i[key]) for i in items)


JUDUL_UTAMA = xlsx.Font(bold=True, size=12)
JUDUL_BARIS = xlsx.Font(bold=True, size=11)
TENGAH = xlsx.Alignment(horizontal="center")


def tulis_judul_dokumen(ws, lines, lebar_kolom):
    """The document's title lines on a Lembar, each merged across the table. Returns the
    table's first row (one empty row below the titles)."""
    for index, line in enumerate(lines, start=1):
        ws.cell(index, 1, line).gaya(
            font=JUDUL_UTAMA if index == 1 else JUDUL_BARIS, alignment=TENGAH
        )
        ws.gabung(index, 1, index, lebar_kolom)
    return len(lines) + 2


def _tulis_sel(ws, r, col, value, fmt_col):
    number, number_format = isi_sel(value)
    cell = ws.cell(r, col, xlsx.nilai_excel(number))
    if fmt_col and isinstance(number, int | float | Decimal):
        cell.number_format = fmt_col
    elif number_format:
        cell.number_format = number_format
    return cell


def tulis_tabel(ws, baris, header, rows, *, formats=None, nomor_kolom=True, total=None):
    """Write on a Lembar the header (list of (row offset, column, text, rowspan,
    colspan)), a row of column numbers like the printed tables, the data rows (values or
    Gabung), and a total row. Returns (row after the table, last header row)."""
    n_kolom = max(c + cs - 1 for _, c, _, _, cs in header)
    start = ws.header_bertingkat(header, baris_awal=baris)
    if nomor_kolom:
        for col in range(1, n_kolom + 1):
            ws.judul(start, col, col).gaya(font=NOMOR_KOLOM)
        start += 1
    header_end = start - 1
    formats = formats or [None] * n_kolom

    def fmt_of(col):
        return formats[col - 1] if col - 1 < len(formats) else None

    r = start
    for values in rows:
        for col, value in enumerate(values, start=1):
            span = 1
            if isinstance(value, Gabung):
                value, span = value.nilai, value.span
            elif value is LEWAT:
                continue
            alignment = xlsx.WRAP
            if isinstance(value, Menjorok):
                value, alignment = value.teks, JOROK
            _tulis_sel(ws, r, col, value, fmt_of(col)).gaya(border=xlsx.BORDER, alignment=alignment)
            if span > 1:
                # Every cell it covers gets its border when its own row is written.
                ws.gabung(r, col, r + span - 1, col)
        for col in range(1, n_kolom + 1):
            ws.cell(r, col).gaya(border=xlsx.BORDER)
        r += 1
    if total:
        label_cols, values = total
        ws.cell(r, 1, "Jumlah" if label_cols else None)
        if label_cols > 1:
            ws.gabung(r, 1, r, label_cols)
        for col, value in enumerate(values, start=label_cols + 1):
            cell = _tulis_sel(ws, r, col, value, fmt_of(col))
            if fmt_of(col):
                cell.number_format = fmt_of(col)
        for col in range(1, n_kolom + 1):
            ws.cell(r, col).gaya(border=xlsx.BORDER, font=xlsx.HEADER_FONT)
        r += 1
    return r, header_end


def selesai(ws, header_end, *, judul_baris, kolom_lebar=None, orientasi="landscape"):
    """Freeze the header, fit the widths (then the fixed ones), set the page and the print
    titles, and write the Lembar's rows."""
    xlsx.bekukan(ws.ws, header_end)
    ws.sesuaikan_lebar(maksimum=45, lewati_baris=judul_baris)
    for col, width in (kolom_lebar or {}).items():
        ws.lebar(col, width)
    ws.ws.page_setup.orientation = orientasi
    ws.ws.print_title_rows = f"{judul_baris + 1}:{header_end}"
    ws.tulis()


def judul(doc, *extra):
    return [doc["judul"], doc["opd"].nama, doc["opd"].pemda.nama, *extra]


# Which realisations the figures count (issue 11 item 7), as the page says it.
CAKUPAN = {
    True: "Menampilkan realisasi terverifikasi saja",
    False: "Menampilkan realisasi termasuk yang belum diverifikasi",
}
