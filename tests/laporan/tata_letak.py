"""Layout check of a rendered WeasyPrint document (issue 14, "Layout"): walks the layout tree
of every page (`document.pages[i]._page_box`) and names each defect a signer would see.

    masalah_tata_letak(document) -> list of messages, empty when the layout is clean
    masalah_tabel_panjang(document) -> the same for the tables that run over pages

A defect of masalah_tata_letak is
- a table whose border box crosses the page's content box (the colgroup adds up to more
  than the page, or a long cell pushes the table out),
- a cell's text that runs outside its cell (into the right half of its padding or beyond,
  or below it at a page break),
- a word split across two lines without a hyphen ("PERLINDUNG" / "AN", "100,0" / "0%"),
- a signature block (`table.ttd-tabel`, or the `.keep` block that holds it) that starts a
  page, so it stands without the rows it signs;

one of masalah_tabel_panjang is
- a page that carries body rows of a table with a header (<thead>) but not that header
  row: a long table repeats its header on every page it runs over,
- a page a table runs on from, filled less than `ISI_MINIMUM` of its height: the rows
  that would fit were pushed to the next page (a forced break or a block kept whole).

Positions are WeasyPrint's CSS pixels; half a pixel of tolerance absorbs rounding of
collapsed borders.
"""

import re

from weasyprint.formatting_structure import boxes

TOLERANSI = 0.5
ISI_MINIMUM = 0.6  # of the content height, on a page a table runs on from


def _kelas(box):
    element = getattr(box, "element", None)
    if element is None or not hasattr(element, "get"):
        return ()
    return (element.get("class") or "").split()


def _normal(text):
    return " ".join((text or "").split())


INLINE = {"span", "b", "strong", "i", "em", "a", "sup", "sub", "small", "u"}


def _potongan(element):
    """The text of an element as it reads: a block child or a <br> separates words."""
    yield element.text or ""
    for child in element:
        pisah = not isinstance(child.tag, str) or child.tag not in INLINE
        if pisah:
            yield " "
        yield from _potongan(child)
        if pisah:
            yield " "
        yield child.tail or ""


def _teks_elemen(element):
    return _normal("".join(_potongan(element))) if element is not None else ""


def _kotak_isi(page_box):
    left, top = page_box.content_box_x(), page_box.content_box_y()
    return left, top, left + page_box.width, top + page_box.height


def _jalan(box, leluhur=()):
    """(box, ancestors) in document order, leaving out margin boxes (the running footer),
    running and positioned boxes (the DRAF watermark): they are not the document flow."""
    if isinstance(box, boxes.MarginBox):
        return
    if not isinstance(box, boxes.PageBox) and not box.is_in_normal_flow():
        return
    yield box, leluhur
    for child in getattr(box, "children", ()):
        if isinstance(child, boxes.Box):
            yield from _jalan(child, (*leluhur, box))


def _teks_baris(line):
    return "".join(b.text for b in line.descendants() if isinstance(b, boxes.TextBox))


def _memuat_ttd(box):
    return any("ttd-tabel" in _kelas(b) for b in box.descendants() if isinstance(b, boxes.Box))


def _nama(box):
    element = getattr(box, "element", None)
    teks = _teks_elemen(element)[:60]
    return f"<{box.element_tag} class='{' '.join(_kelas(box))}'> “{teks}”"


def _kata_terpotong(baris_sebelum, baris_sesudah, sumber):
    """A line break inside a word: both sides are letters or digits, the source holds the
    two halves joined without a space, and the first half does not end in a hyphen."""
    a, b = baris_sebelum.rstrip(), baris_sesudah.lstrip()
    if not a or not b or not re.match(r"\w", a[-1]) or not re.match(r"[\w%]", b[0]):
        return False
    return (a + b) in sumber and (a + " " + b) not in sumber


def masalah_halaman(nomor, page):
    """The defects of one laid-out page (nomor counts from 1, for the messages)."""
    page_box = page._page_box
    left, top, right, bottom = _kotak_isi(page_box)
    masalah = []
    teks_pertama = None
    for box, leluhur in _jalan(page_box):
        if isinstance(box, boxes.TableBox):
            x0, y0 = box.border_box_x(), box.border_box_y()
            x1, y1 = x0 + box.border_width(), y0 + box.border_height()
            if x0 < left - TOLERANSI or x1 > right + TOLERANSI or y1 > bottom + TOLERANSI:
                masalah.append(
                    f"halaman {nomor}: tabel {_nama(box)} melewati batas isi halaman "
                    f"(tabel {x0:.1f}–{x1:.1f} × …{y1:.1f}, halaman {left:.1f}–{right:.1f} × …{bottom:.1f})"
                )
        elif isinstance(box, boxes.TableCellBox):
            masalah.extend(_masalah_sel(nomor, box, leluhur))
        elif isinstance(box, boxes.TextBox) and teks_pertama is None and box.text.strip():
            teks_pertama = (box, leluhur)
    if teks_pertama is not None:
        box, leluhur = teks_pertama
        for induk in leluhur:
            kelas = _kelas(induk)
            if "ttd-tabel" in kelas or (
                ("keep" in kelas or "ttd-blok" in kelas) and _memuat_ttd(induk)
            ):
                masalah.append(
                    f"halaman {nomor}: blok tanda tangan memulai halaman (“{box.text.strip()}”)"
                )
                break
    return masalah


def _masalah_sel(nomor, sel, leluhur):
    masalah = []
    y1 = sel.border_box_y() + sel.border_height()
    tabel = next((b for b in reversed(leluhur) if isinstance(b, boxes.TableBox)), None)
    bawah_tabel = tabel.border_box_y() + tabel.border_height() if tabel is not None else y1
    # The text keeps at least half the cell's right padding clear (a kode or number that
    # touches the border reads as part of the next column).
    kanan = sel.content_box_x() + sel.width + sel.padding_right / 2
    for teks in sel.descendants():
        if not isinstance(teks, boxes.TextBox) or not teks.text.strip():
            continue
        tx1 = teks.position_x + teks.width
        ty1 = teks.position_y + teks.height
        if tx1 > kanan + TOLERANSI:
            masalah.append(
                f"halaman {nomor}: teks “{teks.text.strip()}” keluar di kanan selnya "
                f"({tx1:.1f} > {kanan:.1f})"
            )
        if ty1 > min(y1, bawah_tabel) + TOLERANSI:
            masalah.append(
                f"halaman {nomor}: teks “{teks.text.strip()}” keluar di bawah selnya/tabelnya "
                f"({ty1:.1f} > {min(y1, bawah_tabel):.1f})"
            )
    for blok in sel.descendants():
        if not isinstance(blok, boxes.BlockContainerBox):
            continue
        baris = [c for c in blok.children if isinstance(c, boxes.LineBox)]
        if len(baris) < 2:
            continue
        sumber = _teks_elemen(blok.element)
        teks_baris = [_teks_baris(b) for b in baris]
        for a, b in zip(teks_baris, teks_baris[1:], strict=False):
            if _kata_terpotong(a, b, sumber):
                masalah.append(
                    f"halaman {nomor}: kata terpotong tanpa tanda hubung “{a.strip()}” / “{b.strip()}”"
                )
    return masalah


def _tanpa_spasi(teks):
    # hyphenation adds a hyphen at a line break of the laid-out header
    return re.sub(r"[\s\-\u00ad\u2010]", "", teks or "")


def tabel_halaman(page):
    """{table element: (header text laid out on the page or None, whether body rows are on
    the page, the foot of its last row)} for every table of one laid-out page."""
    hasil = {}
    for box, _ in _jalan(page._page_box):
        if not isinstance(box, boxes.TableBox) or box.element is None:
            continue
        kepala, isi, bawah = None, False, None
        for grup in box.children:
            if not isinstance(grup, boxes.TableRowGroupBox):
                continue
            rows = [r for r in grup.children if isinstance(r, boxes.TableRowBox)]
            if grup.is_header:
                kepala = "".join(t.text for t in grup.descendants() if isinstance(t, boxes.TextBox))
            elif rows and not grup.is_footer:
                isi = True
                bawah = max(r.position_y + r.margin_height() for r in rows)
        lama = hasil.get(box.element)
        if lama is not None:  # a table split into two boxes on one page: one entry
            kepala = kepala if kepala is not None else lama[0]
            isi = isi or lama[1]
            bawah = max(b for b in (bawah, lama[2]) if b is not None) if isi else None
        hasil[box.element] = (kepala, isi, bawah)
    return hasil


def masalah_tabel_panjang(document):
    """The header row repeated on every page a long table runs over, and no page a table
    runs on from left mostly empty."""
    masalah = []
    per_halaman = [tabel_halaman(page) for page in document.pages]
    for nomor, (page, tabel) in enumerate(zip(document.pages, per_halaman, strict=True), 1):
        _, top, _, bottom = _kotak_isi(page._page_box)
        berikut = per_halaman[nomor] if nomor < len(per_halaman) else {}
        for element, (kepala, isi, bawah) in tabel.items():
            if not isi:
                continue
            thead = element.find("thead")
            if thead is not None and _tanpa_spasi(kepala) != _tanpa_spasi(_teks_elemen(thead)):
                masalah.append(
                    f"halaman {nomor}: baris tabel “{_teks_elemen(thead)[:60]}” tanpa baris "
                    "judulnya di halaman ini"
                )
            if berikut.get(element, (None, False))[1] and bawah is not None:
                isi_halaman = (bawah - top) / (bottom - top)
                if isi_halaman < ISI_MINIMUM:
                    masalah.append(
                        f"halaman {nomor}: tabel “{_teks_elemen(thead)[:40]}” berlanjut ke "
                        f"halaman berikut, tetapi halaman ini hanya terisi {isi_halaman:.0%}"
                    )
    return masalah


def masalah_tata_letak(document):
    """Every defect of a rendered document, page by page (an empty list when clean)."""
    masalah = []
    for nomor, page in enumerate(document.pages, start=1):
        masalah.extend(masalah_halaman(nomor, page))
    return masalah
