"""What the Word documents share: the page (A4, the PDF's margins), headings that are Word
headings, narrative paragraphs, tables with merged cells and a header row repeated on every
page, the signature blocks of the PDF (`_ttd_pair.html`), and the text of a typed value.

Numbers are formatted here with sakip.angka, the functions behind the templates' filters,
so the .docx prints every figure exactly as the PDF does; nothing is computed here."""

from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from sakip import angka as fmt

HURUF = "Arial"
TENGAH = WD_ALIGN_PARAGRAPH.CENTER
KANAN = WD_ALIGN_PARAGRAPH.RIGHT


@dataclass(frozen=True)
class Sel:
    """One table cell: its text and how far it reaches (rowspan / colspan)."""

    teks: str = ""
    baris: int = 1
    kolom: int = 1
    tebal: bool = False
    rata: object = None


LEWAT = object()  # a grid position covered by a merged cell to its left or above


def teks(value):
    """The printed text of a typed row value, as the template filters print it."""
    if value is None:
        return fmt.TANPA_NILAI
    return fmt.besaran(value)


def rupiah(value, simbol=True):
    return fmt.rupiah(value, simbol=simbol)


def persen(value):
    return fmt.persen(value, simbol=True)


def dokumen_baru():
    """An empty A4 portrait document with the PDF's margins (cetak.css) and font."""
    d = Document()
    normal = d.styles["Normal"]
    normal.font.name = HURUF
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(4)
    for nama in ("Heading 1", "Heading 2", "Heading 3", "Heading 4", "Title"):
        gaya = d.styles[nama]
        gaya.font.name = HURUF
        gaya.font.color.rgb = None
    section = d.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(18), Mm(26)
    section.left_margin, section.right_margin = Mm(22), Mm(18)
    _nomor_halaman(section)
    return d


def _nomor_halaman(section):
    """'Halaman N' in the footer, as the PDF's bottom-right margin box."""
    p = section.footer.paragraphs[0]
    p.alignment = KANAN
    p.add_run("Halaman ").font.size = Pt(8)
    run = p.add_run()
    run.font.size = Pt(8)
    for jenis, isi in (("begin", None), (None, "PAGE"), ("end", None)):
        if jenis:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), jenis)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = isi
        run._r.append(el)


def halaman_baru(d, *, lanskap=None):
    """A page break; with lanskap=True/False a new section in that orientation (the
    Pengukuran annexes are landscape, as in the PDF)."""
    if lanskap is None:
        d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        return
    section = d.add_section(WD_SECTION.NEW_PAGE)
    lebar, tinggi = Mm(297), Mm(210)
    if lanskap:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = lebar, tinggi
        section.left_margin = section.right_margin = Mm(10)
        section.top_margin, section.bottom_margin = Mm(12), Mm(24)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = tinggi, lebar
        section.top_margin, section.bottom_margin = Mm(18), Mm(26)
        section.left_margin, section.right_margin = Mm(22), Mm(18)


def judul(d, baris, *, ukuran=12):
    """The centred, bold, upper-case title lines of a document (.judul-dokumen)."""
    for t in baris:
        p = d.add_paragraph()
        p.alignment = TENGAH
        p.paragraph_format.space_after = Pt(1)
        run = p.add_run(str(t).upper())
        run.bold = True
        run.font.size = Pt(ukuran)
    d.add_paragraph()


def judul_bab(d, teks_judul, level=1):
    """A heading that is a Word heading (navigation pane, table of contents)."""
    h = d.add_heading(teks_judul, level=level)
    if level == 1:
        h.alignment = TENGAH
    return h


def paragraf(d, isi, *, rata=WD_ALIGN_PARAGRAPH.JUSTIFY, tebal=False):
    p = d.add_paragraph()
    p.alignment = rata
    p.add_run(isi).bold = tebal
    return p


def narasi(d, isi, *, kosong=""):
    """Entered narrative as the template's |linebreaks: a blank line starts a paragraph, a
    single line break stays a line break inside it."""
    isi = (isi or "").replace("\r\n", "\n").strip()
    if not isi:
        if kosong:
            paragraf(d, kosong).runs[0].italic = True
        return
    for blok in isi.split("\n\n"):
        blok = blok.strip("\n")
        if not blok:
            continue
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        for i, baris in enumerate(blok.split("\n")):
            if i:
                p.add_run().add_break()
            p.add_run(baris)


def judul_tabel(d, baris):
    for t in baris:
        p = d.add_paragraph()
        p.alignment = TENGAH
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.keep_with_next = True
        p.add_run(t).bold = True


def _isi_sel(cell, sel, *, ukuran, header=False):
    paragraphs = str(sel.teks).split("\n")
    cell.paragraphs[0].text = ""
    for i, baris in enumerate(paragraphs):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        if sel.rata is not None:
            p.alignment = sel.rata
        elif header:
            p.alignment = TENGAH
        run = p.add_run(baris)
        run.font.size = Pt(ukuran)
        run.bold = sel.tebal or header


def _ulang_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def tabel(d, header, rows, *, lebar=None, ukuran=8):
    """A bordered table like table.data: `header` and `rows` are lists of grid rows whose
    items are text, Sel (with rowspan / colspan) or LEWAT for a covered position. Header
    rows repeat on every page; `lebar` gives the column widths in percent of the page."""
    grid = [*header, *rows]
    n_kolom = len(grid[0]) if grid else 1
    t = d.add_table(rows=len(grid), cols=n_kolom)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    gabung = []
    for r, baris in enumerate(grid):
        row = t.rows[r]
        if r < len(header):
            _ulang_header(row)
        for c, item in enumerate(baris):
            if item is LEWAT:
                continue
            sel = item if isinstance(item, Sel) else Sel("" if item is None else str(item))
            _isi_sel(row.cells[c], sel, ukuran=ukuran, header=r < len(header))
            if sel.baris > 1 or sel.kolom > 1:
                gabung.append((r, c, r + sel.baris - 1, c + sel.kolom - 1))
    for r0, c0, r1, c1 in gabung:
        t.cell(r0, c0).merge(t.cell(r1, c1))
    if lebar:
        section = d.sections[-1]
        isi = section.page_width - section.left_margin - section.right_margin
        for c, persen_lebar in enumerate(lebar):
            for row in t.rows:
                row.cells[c].width = int(isi * persen_lebar / 100)
    d.add_paragraph()
    return t


def baris_tempat(ttd):
    """The place-and-date line of a signature block, as _ttd_pair.html prints it."""
    if not ttd:
        return ""
    if ttd.get("tempat_tanggal"):
        return ttd["tempat_tanggal"]
    if not ttd.get("tempat"):
        return ""
    if ttd.get("tanggal"):
        waktu = fmt.tanggal_id(ttd["tanggal"])
    elif ttd.get("bulan"):
        waktu = fmt.bulan_id(ttd["bulan"])
    else:
        waktu = str(ttd.get("tahun") or "")
    return f"{ttd['tempat']}, {waktu}"


def ttd_pasangan(d, kiri, kanan):
    """Two signature blocks side by side (either may be empty), the lines of
    _ttd_pair.html: place and date, label, jabatan, room to sign, name, pangkat, NIP."""
    t = d.add_table(rows=7, cols=2)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for kolom, ttd in enumerate((kiri, kanan)):
        nama = (ttd.get("nama") or "(belum ditentukan)") if ttd else ""
        baris = [
            (baris_tempat(ttd), False, False),
            ((ttd or {}).get("label") or "", False, False),
            (((ttd or {}).get("jabatan") or "").upper(), True, False),
            ("", False, False),
            (nama, True, True),
            ((ttd or {}).get("pangkat") or "", False, False),
            (f"NIP. {ttd['nip']}" if ttd and ttd.get("nip") else "", False, False),
        ]
        for r, (isi, tebal, garis) in enumerate(baris):
            p = t.cell(r, kolom).paragraphs[0]
            p.alignment = TENGAH
            p.paragraph_format.space_after = Pt(0)
            p.paragraph_format.keep_with_next = r < 6
            run = p.add_run(isi)
            run.bold = tebal
            run.underline = garis
            if r == 3:
                p.paragraph_format.space_before = Pt(48)
    d.add_paragraph()
    return t


def ttd(d, blok):
    """One signature block at the right (_ttd.html)."""
    return ttd_pasangan(d, None, blok)


def simpan(d):
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def tabel_polos(d, rows):
    """A borderless label : value table (Nama : …, Jabatan : …)."""
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, baris in enumerate(rows):
        for c, isi in enumerate(baris):
            p = t.cell(r, c).paragraphs[0]
            p.paragraph_format.space_after = Pt(0)
            p.add_run(isi)
    lebar = [Mm(25), Mm(5), Mm(130)]
    for row in t.rows:
        for c, cell in enumerate(row.cells):
            cell.width = lebar[min(c, 2)]
    return t
