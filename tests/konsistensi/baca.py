"""Reading figures back from what a user gets: HTML pages (a small element tree over the
standard library's html.parser, as neither BeautifulSoup nor lxml is installed), XLSX
workbooks (openpyxl) and the text of the `capaian` command.

A row is found by the token in its name ("[S01]", "[B3]"); its figures are the cells that
follow it, as a person reads the table. Numbers are read the Indonesian way the app prints
them: "." groups thousands, "," marks decimals ("Rp 1.250.000", "86,34%", "50 orang");
"–" is no figure."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from html.parser import HTMLParser

from openpyxl import load_workbook

TANPA_NILAI = {"", "–", "-", "—"}
_ANGKA = re.compile(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?|-?\d+(?:,\d+)?")
TOKEN = re.compile(r"\[[SKB]\d+\]")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


def angka(text) -> Decimal | None:
    """The first number of an Indonesian display text ("Rp 1.250.000" → 1250000,
    "86,34%" → 86.34, "50 orang" → 50), a number cell as is, None for "–" or no number."""
    if text is None:
        return None
    if isinstance(text, bool):
        return None
    if isinstance(text, int | Decimal):
        return Decimal(text)
    if isinstance(text, float):
        return Decimal(str(text))
    text = " ".join(str(text).split())
    if text in TANPA_NILAI:
        return None
    match = _ANGKA.search(text)
    if match is None:
        return None
    try:
        return Decimal(match[0].replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def bulat(value) -> Decimal | str | None:
    """What two figures are compared by: numbers to two decimals (half up), texts (a
    category level, a predicate) stripped."""
    if value is None:
        return None
    if isinstance(value, str):
        return " ".join(value.split()) or None
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


_DESIMAL = re.compile(r"-?\d+(?:\.\d+)?")


def nilai_ekspor(value):
    """A cell of a listing's export, where numbers are machine numbers (XLSX) or their
    plain text with a decimal point (CSV: "83.3333"), and a level name stays text."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return angka(value)
    text = " ".join(str(value).split())
    if _DESIMAL.fullmatch(text):
        return Decimal(text)
    return None if text in TANPA_NILAI else text


def teks_atau_angka(text):
    """A cell that holds a number or a level name ("Madya")."""
    number = angka(text)
    if number is not None:
        return number
    if text is None:
        return None
    text = " ".join(str(text).split())
    return None if text in TANPA_NILAI else text


# --- HTML --------------------------------------------------------------------------------


@dataclass
class Elemen:
    tag: str
    attrs: dict
    anak: list = field(default_factory=list)  # Elemen or str
    induk: Elemen | None = None

    @property
    def teks(self) -> str:
        parts = []

        def walk(node):
            for child in node.anak:
                if isinstance(child, str):
                    parts.append(child)
                elif child.tag not in ("script", "style", "svg"):
                    walk(child)

        walk(self)
        return " ".join(" ".join(parts).split())

    @property
    def kelas(self) -> set:
        return set((self.attrs.get("class") or "").split())

    def semua(self, tag=None, kelas=None, **attrs):
        """Every descendant element with this tag, CSS class and attribute values."""
        found = []

        def walk(node):
            for child in node.anak:
                if isinstance(child, str):
                    continue
                if (
                    (tag is None or child.tag == tag)
                    and (kelas is None or kelas in child.kelas)
                    and all(child.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
                ):
                    found.append(child)
                walk(child)

        walk(self)
        return found

    def satu(self, tag=None, kelas=None, **attrs):
        found = self.semua(tag, kelas, **attrs)
        return found[0] if found else None

    def elemen_anak(self, tag=None):
        return [c for c in self.anak if isinstance(c, Elemen) and (tag is None or c.tag == tag)]


class _Pohon(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.akar = Elemen("#dokumen", {})
        self.kini = self.akar

    def handle_starttag(self, tag, attrs):
        el = Elemen(tag, {k: (v or "") for k, v in attrs}, induk=self.kini)
        self.kini.anak.append(el)
        if tag not in _VOID:
            self.kini = el

    def handle_startendtag(self, tag, attrs):
        self.kini.anak.append(Elemen(tag, {k: (v or "") for k, v in attrs}, induk=self.kini))

    def handle_endtag(self, tag):
        node = self.kini
        while node is not None and node.tag != tag:
            node = node.induk
        if node is not None and node.induk is not None:
            self.kini = node.induk

    def handle_data(self, data):
        self.kini.anak.append(data)


def pohon(html: str) -> Elemen:
    parser = _Pohon()
    parser.feed(html)
    parser.close()
    return parser.akar


def baris_tabel(table: Elemen):
    """The rows of a table as lists of cell elements (th and td, as present in the HTML)."""
    rows = []
    for tr in table.semua("tr"):
        rows.append([c for c in tr.elemen_anak() if c.tag in ("td", "th")])
    return rows


def token_di(text):
    match = TOKEN.search(text or "")
    return match[0] if match else None


def sel_bertoken(cells, awalan=""):
    """(index, token) of the first cell whose text starts with `awalan` and holds a token."""
    for i, cell in enumerate(cells):
        text = cell.teks if isinstance(cell, Elemen) else ("" if cell is None else str(cell))
        token = token_di(text)
        if token and text.startswith(awalan):
            return i, token
    return None, None


def kolom(header_cells, judul):
    """Index of the header cell whose text starts with `judul`."""
    for i, cell in enumerate(header_cells):
        if cell.teks.startswith(judul):
            return i
    raise LookupError(f"kolom {judul!r} tidak ada: {[c.teks for c in header_cells]}")


def judul_predikat(cell: Elemen):
    """The predicate a capaian cell names by its coloured dot (an SVG include since the CSP
    change: its accessible name, aria-label, or its <title>), else None."""
    dot = cell.satu(None, "predikat-dot")
    if dot is None:
        return None
    if dot.attrs.get("aria-label"):
        return dot.attrs["aria-label"]
    title = dot.satu("title")
    return " ".join("".join(c for c in title.anak if isinstance(c, str)).split()) if title else None


# --- XLSX --------------------------------------------------------------------------------


def lembar_kerja(content: bytes):
    return load_workbook(io.BytesIO(content), data_only=True)


def baris_sheet(ws):
    return [list(row) for row in ws.iter_rows(values_only=True)]


# --- command text ------------------------------------------------------------------------


def tabel_teks(lines, start):
    """The aligned text table whose header is lines[start]: column spans from the dashes
    line under it; returns (header, rows of cells) up to the first blank line."""
    header_line, dashes = lines[start], lines[start + 1]
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", dashes)]

    def cells(line):
        out = []
        for i, (a, _b) in enumerate(spans):
            end = spans[i + 1][0] if i + 1 < len(spans) else None
            out.append(line[a:end].strip())
        return out

    rows = []
    for line in lines[start + 2 :]:
        if not line.strip():
            break
        rows.append(cells(line))
    return cells(header_line), rows
