"""Every surface where a user reads a figure, and a reader for each that returns what the
page, workbook or command text shows: {surface id: {row key: {figure: value}}}.

Row keys are the tokens of tests.konsistensi.dunia ("[S01]" a sasaran indicator, "[K01]" a
sub-kegiatan indicator, "[B1]" a budget case) and "OPD" for the OPD's totals. Figures:

    target        the yearly target
    realisasi_tw  the quarter's own realisation (what was entered for TW q)
    sd            the value to date by the indicator's rule (s.d. TW q)
    target_tw     the quarter's own target (Rencana Aksi), when one is set
    capaian       capaian as printed (two decimals), against the yearly target
    capaian_tw    the second figure "Capaian thd target TW q": to date against target_tw
    predikat      the predicate label
    pagu          pagu in force at TW q;  realisasi  spent s.d. TW q;  penyerapan
    rata_capaian  the mean capaian of the OPD's sasaran indicators

Which surface shows which figure of which rows is PERMUKAAN below; a surface that does not
show a figure for a kind of row is not asked for it."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from django.core.management import call_command

from tests.konsistensi import baca
from tests.konsistensi.baca import angka, teks_atau_angka
from tests.konsistensi.dunia import TAHUN

ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}

INDIKATOR = ("target", "target_tw", "realisasi_tw", "sd", "capaian", "capaian_tw", "predikat")
EKSPOR = INDIKATOR[:-1]  # a listing's export has no predicate
DOKUMEN = ("target", "sd", "capaian", "predikat")
ANGGARAN = ("pagu", "realisasi", "penyerapan")
OPD = ("pagu", "realisasi", "penyerapan", "rata_capaian", "predikat")


@dataclass(frozen=True)
class Permukaan:
    """A surface: `baris` the kinds of rows it shows ("S", "K" indicators of a sasaran /
    sub-kegiatan, "sub" a sub-kegiatan's budget, "jumlah" a program's or kegiatan's
    budget, "opd" the OPD's totals), `angka` the figures it shows of them, `momen` the
    quarters it is read at, `per_triwulan` when it lists only rows that have an entry of
    that very quarter (the realisation listings)."""

    id: str
    label: str
    baris: frozenset
    angka: tuple
    momen: tuple = (3, 4)
    per_triwulan: bool = False


def _p(ident, label, baris, angka, **kw):
    return Permukaan(ident, label, frozenset(baris), angka, **kw)


PERMUKAAN = (
    _p("entri", "lembar entri", "SK", INDIKATOR),
    _p("entri_anggaran", "lembar entri (anggaran)", {"sub"}, ANGGARAN),
    _p("daftar_indikator", "daftar indikator", "SK", INDIKATOR),
    _p("daftar_indikator_xlsx", "daftar indikator XLSX", "SK", EKSPOR),
    _p("daftar_indikator_csv", "daftar indikator CSV", "SK", EKSPOR),
    _p("daftar_realisasi", "daftar realisasi", "SK", INDIKATOR, per_triwulan=True),
    _p("daftar_realisasi_xlsx", "daftar realisasi XLSX", "SK", EKSPOR, per_triwulan=True),
    _p("daftar_realisasi_csv", "daftar realisasi CSV", "SK", EKSPOR, per_triwulan=True),
    _p("daftar_sub", "daftar sub kegiatan", {"sub"}, ANGGARAN),
    _p("daftar_sub_xlsx", "daftar sub kegiatan XLSX", {"sub"}, ANGGARAN),
    _p("daftar_sub_csv", "daftar sub kegiatan CSV", {"sub"}, ANGGARAN),
    _p("daftar_belanja", "daftar realisasi anggaran", {"sub"}, ANGGARAN, per_triwulan=True),
    _p(
        "daftar_belanja_xlsx",
        "daftar realisasi anggaran XLSX",
        {"sub"},
        ANGGARAN,
        per_triwulan=True,
    ),
    _p("daftar_belanja_csv", "daftar realisasi anggaran CSV", {"sub"}, ANGGARAN, per_triwulan=True),
    _p("dasbor_opd", "dasbor OPD", "S", DOKUMEN),
    _p("dasbor_opd_program", "dasbor OPD (program)", {"jumlah"}, ANGGARAN),
    _p("dasbor_opd_total", "dasbor OPD (kartu)", {"opd"}, OPD),
    _p("dasbor_pemda", "dasbor pemda (baris OPD)", {"opd"}, OPD),
    _p("dasbor_pemda_kartu", "dasbor pemda (kartu)", {"opd"}, OPD[:4]),
    _p("pengukuran", "Pengukuran", "S", DOKUMEN[:3]),
    _p("pengukuran_program", "Pengukuran (program)", {"jumlah"}, ANGGARAN),
    _p("pengukuran_kegiatan", "Pengukuran (kegiatan)", {"jumlah"}, ANGGARAN),
    _p("pengukuran_total", "Pengukuran (total)", {"opd"}, ANGGARAN),
    _p("pengukuran_xlsx", "Pengukuran XLSX", "S", DOKUMEN[:3]),
    _p("pengukuran_xlsx_program", "Pengukuran XLSX (program)", {"jumlah"}, ANGGARAN),
    _p("pengukuran_xlsx_kegiatan", "Pengukuran XLSX (kegiatan)", {"jumlah"}, ANGGARAN),
    _p("pengukuran_xlsx_total", "Pengukuran XLSX (total)", {"opd"}, ANGGARAN),
    _p("lkjip", "LKjIP (tabel 3.1.x.A)", "S", DOKUMEN, momen=(4,)),
    _p("lkjip_kegiatan", "LKjIP (tabel 3.2)", {"jumlah"}, ANGGARAN, momen=(4,)),
    _p("lkjip_total", "LKjIP (tabel 3.2 jumlah)", {"opd"}, ANGGARAN, momen=(4,)),
    _p("lkjip_sasaran", "LKjIP (tabel 3.1.x.F)", {"opd"}, ANGGARAN, momen=(4,)),
    _p("lkjip_xlsx", "LKjIP XLSX", "S", DOKUMEN, momen=(4,)),
    _p("lkjip_xlsx_program", "LKjIP XLSX (program)", {"jumlah"}, ANGGARAN, momen=(4,)),
    _p("lkjip_xlsx_kegiatan", "LKjIP XLSX (kegiatan)", {"jumlah"}, ANGGARAN, momen=(4,)),
    _p("lkjip_xlsx_total", "LKjIP XLSX (jumlah)", {"opd"}, ANGGARAN, momen=(4,)),
    _p("capaian", "perintah capaian", "S", DOKUMEN),
    _p("capaian_program", "perintah capaian (program)", {"jumlah"}, ANGGARAN),
    _p("capaian_kegiatan", "perintah capaian (kegiatan)", {"jumlah"}, ANGGARAN),
    _p("capaian_jumlah", "perintah capaian (jumlah)", {"opd"}, ANGGARAN),
    _p("capaian_sasaran", "perintah capaian (sasaran)", {"opd"}, ANGGARAN + ("rata_capaian",)),
)
LABEL = {p.id: p.label for p in PERMUKAAN}


# --- readers: HTML pages -----------------------------------------------------------------


def _teks(el):
    return el.teks if el is not None else None


def _tiga(values):
    """(pagu, realisasi, penyerapan) cells as figures."""
    return dict(zip(ANGGARAN, (angka(v) for v in values), strict=True))


def _setelah_label(el):
    """A dense-sheet cell's text without its own label (span.lbl: "Target TW I 12,5")."""
    if el is None:
        return None
    lbl = el.satu("span", "lbl")
    teks = el.teks
    if lbl is not None and teks.startswith(lbl.teks):
        teks = teks[len(lbl.teks) :].strip()
    return teks


def _setelah_titik_dua(text, awalan):
    """The part after "<awalan>…: " of a title or line ("Target 2025: 80" -> "80")."""
    for bagian in (text or "").split("; "):
        match = re.fullmatch(awalan + r"[^:]*: (.*)", bagian.strip())
        if match:
            return match[1]
    return None


def _realisasi_tw(row):
    """This quarter's realisation as the row shows it: the input's value, the ratio's
    reading, the chosen category, or the read-only figure."""
    isi = row.satu("div", "k-isi")
    nilai = isi.satu("input", name="nilai")
    if nilai is not None:
        return nilai.attrs.get("value") or None
    if isi.satu("input", name="pembilang") is not None:
        hasil = isi.satu("strong", data_testid="rasio-hasil")
        return _teks(hasil) or None
    pilihan = isi.satu("select", name="level")
    if pilihan is not None:
        dipilih = [o for o in pilihan.semua("option") if "selected" in o.attrs]
        return dipilih[0].teks if dipilih else None
    return _teks(isi.satu("span", "nilai-baca"))


def baca_entri(html):
    """The entry sheet of one unit (one grid line per row, issue 13): indicator rows and the
    budget row of each sub-kegiatan, which follows its sub-kegiatan's heading."""
    root = baca.pohon(html)
    indikator, anggaran = {}, {}
    judul = None
    for el in root.semua("div"):
        if "entri-kelompok" in el.kelas:
            judul = el.teks
            continue
        if "entri-row" not in el.kelas:
            continue
        row = el
        box = row.satu("div", "capaian-box")
        if "entri-anggaran" in row.kelas:
            anggaran[baca.token_di(judul)] = {
                "pagu": angka(_setelah_label(row.satu("div", "k-tgt"))),
                "realisasi": angka(_setelah_label(row.satu("div", "k-lalu"))),
                "penyerapan": angka(_teks(box.satu("span", "capaian-nilai"))),
            }
            continue
        token = baca.token_di(_teks(row.satu("span", "uraian")))
        tgt = row.satu("div", "k-tgt")
        sd = box.satu("span", "sd", data_testid=f"realisasi-sd-{row.attrs['id'][4:]}")
        predikat = box.satu("span", "predikat")
        indikator[token] = {
            "target": teks_atau_angka(
                _setelah_titik_dua(tgt.attrs.get("title"), f"Target {TAHUN}")
            ),
            "target_tw": teks_atau_angka(_setelah_label(tgt)),
            "realisasi_tw": teks_atau_angka(_realisasi_tw(row)),
            "sd": teks_atau_angka(_setelah_titik_dua(_teks(sd), r"s\.d\. TW")),
            "capaian": angka(_teks(box.satu("span", "capaian-nilai"))),
            "capaian_tw": angka(
                _setelah_titik_dua(box.attrs.get("title"), r"terhadap target TW [IV]+")
            ),
            "predikat": (predikat.teks or None) if predikat is not None else None,
        }
    return {"entri": indikator, "entri_anggaran": anggaran}


def _tabel_daftar(html):
    """(header cells, body rows) of a django-tables2 listing (without the one-cell row
    that says the list is empty)."""
    table = baca.pohon(html).satu("table")
    rows = baca.baris_tabel(table)
    return rows[0], [r for r in rows[1:] if len(r) == len(rows[0]) and r[0].tag == "td"]


def _baca_daftar_kinerja(html, judul):
    """An indicator listing read by `judul` {figure: start of its column header}; the
    predicate is the dot in the capaian cell (against the yearly target)."""
    header, rows = _tabel_daftar(html)
    col = {figure: baca.kolom(header, awal) for figure, awal in judul.items()}
    result = {}
    for cells in rows:
        values = {f: teks_atau_angka(cells[c].teks) for f, c in col.items() if f != "uraian"}
        values["predikat"] = baca.judul_predikat(cells[col["capaian"]])
        result[baca.token_di(cells[col["uraian"]].teks)] = values
    return result


def baca_daftar_indikator(html):
    judul = {
        "uraian": "Indikator",
        "target": f"Target {TAHUN}",
        "target_tw": "Target TW",
        "realisasi_tw": "Realisasi TW",
        "sd": "Realisasi s.d. TW",
        # Against the year's target; "Capaian thd target TW" is the second figure.
        "capaian": "Capaian s.d. TW",
        "capaian_tw": "Capaian thd target TW",
    }
    return _baca_daftar_kinerja(html, judul)


def baca_daftar_realisasi(html):
    judul = {
        "uraian": "Indikator",
        "target": "Target tahun",
        "target_tw": "Target TW",
        # "Realisasi" holds a category's level name too (the "Kategori" column is gone).
        "realisasi_tw": "Realisasi",
        "sd": "Realisasi s.d. TW",
        "capaian": "Capaian",
        "capaian_tw": "Capaian thd target TW",
    }
    return _baca_daftar_kinerja(html, judul)


def _baca_daftar_anggaran(html, judul_realisasi):
    header, rows = _tabel_daftar(html)
    col = {
        "nama": baca.kolom(header, "Sub kegiatan"),
        "pagu": baca.kolom(header, "Pagu berlaku"),
        "realisasi": baca.kolom(header, judul_realisasi),
        "penyerapan": baca.kolom(header, "Penyerapan"),
    }
    return {
        baca.token_di(cells[col["nama"]].teks): _tiga(cells[col[f]].teks for f in ANGGARAN)
        for cells in rows
    }


def baca_daftar_sub(html):
    return _baca_daftar_anggaran(html, "Realisasi s.d.")


baca_daftar_belanja = baca_daftar_sub  # the same columns: pagu then, spent s.d. TW, penyerapan


def _rp_dari_pagu(card):
    """(pagu, realisasi) of a card's line "Rp 255.000.000 dari pagu Rp 570.000.000"."""
    for line in card.semua("div", "small"):
        match = re.search(r"(Rp [\d.]+|–) dari pagu (Rp [\d.]+|–)", line.teks)
        if match:
            return angka(match[2]), angka(match[1])
    return None, None


def baca_dasbor_opd(html, program_kode):
    """The sasaran table, the figures under the absorption chart ("Lihat angka", a row per
    program code) and the two cards of capaian and penyerapan."""
    root = baca.pohon(html)
    indikator, program = {}, {}
    for table in root.semua("table"):
        rows = baca.baris_tabel(table)
        header = [c.teks for c in rows[0]] if rows else []
        if header[:1] == ["Indikator"]:
            col = {
                "target": header.index(f"Target {TAHUN}"),
                "sd": next(i for i, h in enumerate(header) if h.startswith("Realisasi s.d.")),
                "capaian": header.index("Capaian"),
                "predikat": header.index("Predikat"),
            }
            for cells in rows[1:]:
                token = baca.token_di(cells[0].teks)
                if token is None:
                    continue
                badge = cells[col["predikat"]].satu("span", "badge")
                indikator[token] = {
                    "target": teks_atau_angka(cells[col["target"]].teks),
                    "sd": teks_atau_angka(cells[col["sd"]].teks),
                    "capaian": angka(cells[col["capaian"]].teks),
                    "predikat": badge.teks if badge is not None else None,
                }
        elif header[:1] == ["Program"]:
            # The last three columns are the chosen quarter's.
            for cells in rows[1:]:
                pagu, realisasi, penyerapan = (c.teks for c in cells[-3:])
                program[f"[B{program_kode[cells[0].teks]}]"] = _tiga((pagu, realisasi, penyerapan))
    rata = root.satu("div", data_testid="rata-capaian")
    serapan = root.satu("div", data_testid="penyerapan-total")
    pagu, realisasi = _rp_dari_pagu(serapan.induk)
    badge = rata.induk.satu("span", "badge")
    total = {
        "pagu": pagu,
        "realisasi": realisasi,
        "penyerapan": angka(serapan.teks),
        "rata_capaian": angka(rata.teks),
        "predikat": badge.teks if badge is not None else None,
    }
    return {
        "dasbor_opd": indikator,
        "dasbor_opd_program": program,
        "dasbor_opd_total": {"OPD": total},
    }


def baca_dasbor_pemda(html, nama_opd):
    root = baca.pohon(html)
    table = root.satu("table")
    header, *rows = baca.baris_tabel(table)
    titles = [c.teks for c in header]
    cells = next(r for r in rows if r and r[0].teks.startswith(nama_opd))
    capaian_cell = cells[titles.index("Capaian sasaran")]
    baris = {
        "pagu": angka(cells[titles.index("Pagu")].teks),
        "realisasi": angka(cells[titles.index("Realisasi")].teks),
        "penyerapan": angka(cells[titles.index("Penyerapan")].teks),
        "rata_capaian": angka(_teks(capaian_cell.satu("span", "num"))),
        "predikat": baca.judul_predikat(capaian_cell),
    }
    cards = root.semua("div", "card-body")
    rata = cards[0].satu("div", "display-6")
    pagu, realisasi = _rp_dari_pagu(cards[1])
    kartu = {
        "pagu": pagu,
        "realisasi": realisasi,
        "penyerapan": angka(_teks(cards[1].satu("div", "display-6"))),
        "rata_capaian": angka(_teks(rata)),
    }
    return {"dasbor_pemda": {"OPD": baris}, "dasbor_pemda_kartu": {"OPD": kartu}}


def _baris_dokumen(rows, teks, nilai):
    """Indicator and budget figures of a Pengukuran table read row by row: the cell that
    holds a token is followed by its figures (HTML and XLSX alike: formula, target,
    realisation, capaian after an indicator; pagu, realisation, penyerapan after a program
    or kegiatan). `teks(cell)` is a cell's text, `nilai(cell)` what it holds (an XLSX cell's
    number as is). Returns (indicators, programs, kegiatan)."""
    indikator, program, kegiatan = {}, {}, {}
    for cells in rows:
        for i, cell in enumerate(cells):
            text = teks(cell)
            token = baca.token_di(text)
            if token is None:
                continue
            if token.startswith("[S"):
                indikator[token] = {
                    "target": teks_atau_angka(nilai(cells[i + 2])),
                    "sd": teks_atau_angka(nilai(cells[i + 3])),
                    "capaian": angka(nilai(cells[i + 4])),
                }
            else:
                into = program if text.lstrip().startswith("Program") else kegiatan
                into[token] = _tiga(nilai(c) for c in cells[i + 1 : i + 4])
    return indikator, program, kegiatan


def baca_pengukuran(html):
    table = baca.pohon(html).satu("table", "pengukuran")
    rows = baca.baris_tabel(table)
    indikator, program, kegiatan = _baris_dokumen(rows, lambda c: c.teks, lambda c: c.teks)
    cells = next(r for r in rows if r and r[0].teks == "Total")
    total = _tiga(c.teks for c in cells[1:4])
    return {
        "pengukuran": indikator,
        "pengukuran_program": program,
        "pengukuran_kegiatan": kegiatan,
        "pengukuran_total": {"OPD": total},
    }


def _urut_elemen(root):
    """Every element of the document in reading order."""
    out = []

    def walk(node):
        for child in node.anak:
            if isinstance(child, baca.Elemen):
                out.append(child)
                walk(child)

    walk(root)
    return out


def baca_lkjip(html):
    """Table 3.1.x.A (indicators) and 3.1.x.F (the sasaran's budget) under their headings,
    and table 3.2 (kegiatan and the total) under its caption."""
    root = baca.pohon(html)
    indikator, kegiatan = {}, {}
    total = sasaran = None
    bagian = judul_tabel = ""
    for el in _urut_elemen(root):
        if el.tag == "h3":
            bagian = ""
        elif el.tag == "h4":
            bagian = el.teks
        elif el.tag == "div" and "tabel-judul" in el.kelas:
            judul_tabel = el.teks
        if el.tag != "table":
            continue
        rows = [cells for cells in baca.baris_tabel(el) if cells and cells[0].tag == "td"]
        if judul_tabel.startswith("Tabel 3.2."):
            for cells in rows:
                texts = [c.teks for c in cells]
                if "Jumlah" in texts:
                    i = texts.index("Jumlah")
                    total = _tiga(texts[i + 1 : i + 4])
                    continue
                i, token = baca.sel_bertoken(cells, "Kegiatan")
                if token:
                    kegiatan[token] = _tiga(texts[i + 1 : i + 4])
        elif bagian.startswith("A. Perbandingan antara Target dan Realisasi"):
            for cells in rows:
                indikator[baca.token_di(cells[0].teks)] = {
                    "target": teks_atau_angka(cells[1].teks),
                    "sd": teks_atau_angka(cells[2].teks),
                    "capaian": angka(cells[3].teks),
                    "predikat": teks_atau_angka(cells[4].teks),
                }
        elif bagian.startswith("F. Tabel Pencapaian Kinerja dan Anggaran"):
            sasaran = _tiga([c.teks for c in rows[0][4:7]])
        judul_tabel = ""
    return {
        "lkjip": indikator,
        "lkjip_kegiatan": kegiatan,
        "lkjip_total": {"OPD": total},
        "lkjip_sasaran": {"OPD": sasaran},
    }


# --- readers: workbooks ------------------------------------------------------------------


def _header_xlsx(rows, judul):
    for i, row in enumerate(rows):
        if judul in row:
            return i, row
    raise LookupError(judul)


def _baca_ekspor(rows, kolom_nama, figures):
    """A listing's export (XLSX or CSV rows, header first): {token: {figure: value}};
    `figures` maps a figure to the start of its column header (the headers carry the
    chosen quarter: "Realisasi TW III")."""
    header = [str(h or "") for h in rows[0]]

    def col(judul):
        return next(i for i, h in enumerate(header) if h.startswith(judul))

    cols = {f: col(h) for f, h in figures.items()}
    name = col(kolom_nama)
    return {
        baca.token_di(row[name]): {f: baca.nilai_ekspor(row[c]) for f, c in cols.items()}
        for row in rows[1:]
    }


def baca_daftar_indikator_ekspor(rows):
    figures = {
        "target": f"Target {TAHUN}",
        "target_tw": "Target TW",
        "realisasi_tw": "Realisasi TW",
        "sd": "Realisasi s.d. TW",
        "capaian": "Capaian s.d. TW",
        "capaian_tw": "Capaian thd target TW",
    }
    return _baca_ekspor(rows, "Indikator", figures)


def baca_daftar_realisasi_ekspor(rows):
    figures = {
        "target": "Target tahun",
        "target_tw": "Target TW",
        "realisasi_tw": "Realisasi",
        "sd": "Realisasi s.d. TW",
        "capaian": "Capaian",
        "capaian_tw": "Capaian thd target TW",
    }
    return _baca_ekspor(rows, "Indikator", figures)


def baca_daftar_anggaran_ekspor(rows):
    figures = {"pagu": "Pagu berlaku", "realisasi": "Realisasi s.d.", "penyerapan": "Penyerapan"}
    return _baca_ekspor(rows, "Sub kegiatan", figures)


def baca_pengukuran_xlsx(content, triwulan):
    ws = baca.lembar_kerja(content)[f"Pengukuran TW {ROMAWI[triwulan]}"]
    rows = baca.baris_sheet(ws)
    start, _ = _header_xlsx(rows, "Indikator Kinerja")
    sub_header, body = rows[start + 1], rows[start + 3 :]
    indikator, program, kegiatan = _baris_dokumen(
        body, lambda c: c if isinstance(c, str) else None, lambda c: c
    )
    pagu = sub_header.index("Pagu (Rp)")
    row = next(r for r in body if r[0] == "Total")
    return {
        "pengukuran_xlsx": indikator,
        "pengukuran_xlsx_program": program,
        "pengukuran_xlsx_kegiatan": kegiatan,
        "pengukuran_xlsx_total": {"OPD": _tiga(row[pagu : pagu + 3])},
    }


def baca_lkjip_xlsx(content):
    wb = baca.lembar_kerja(content)
    rows = baca.baris_sheet(wb["Capaian Sasaran"])
    start, header = _header_xlsx(rows, "Indikator")
    c = header.index("Indikator")
    indikator = {}
    for row in rows[start + 2 :]:
        token = baca.token_di(row[c] if isinstance(row[c], str) else None)
        if token:
            indikator[token] = {
                "target": teks_atau_angka(row[c + 1]),
                "sd": teks_atau_angka(row[c + 2]),
                "capaian": angka(row[c + 3]),
                "predikat": teks_atau_angka(row[c + 4]),
            }
    rows = baca.baris_sheet(wb["Anggaran Program"])
    start, header = _header_xlsx(rows, "Program")
    cp, ck = header.index("Program"), header.index("Kegiatan")
    program, kegiatan, total = {}, {}, None
    for row in rows[start + 3 :]:
        if row[0] == "Jumlah":
            total = _tiga(row[ck + 1 : ck + 4])
            continue
        for col, into in ((cp, program), (ck, kegiatan)):
            token = baca.token_di(row[col] if isinstance(row[col], str) else None)
            if token:
                into[token] = _tiga(row[col + 1 : col + 4])
    return {
        "lkjip_xlsx": indikator,
        "lkjip_xlsx_program": program,
        "lkjip_xlsx_kegiatan": kegiatan,
        "lkjip_xlsx_total": {"OPD": total},
    }


# --- reader: the command -----------------------------------------------------------------


def baca_capaian(text):
    lines = text.splitlines()
    indikator, program, kegiatan = {}, {}, {}
    jumlah = sasaran = None
    for n, line in enumerate(lines):
        if line.startswith("Indikator ") and lines[n + 1].startswith("---"):
            header, rows = baca.tabel_teks(lines, n)
            for cells in rows:
                value = dict(zip(header, cells, strict=True))
                indikator[baca.token_di(value["Indikator"])] = {
                    "target": teks_atau_angka(value["Target"]),
                    "sd": teks_atau_angka(value["Realisasi"]),
                    "capaian": angka(value["Capaian (%)"]),
                    "predikat": teks_atau_angka(value["Predikat"]),
                }
        elif line.startswith("Kode ") and lines[n + 1].startswith("---"):
            header, rows = baca.tabel_teks(lines, n)
            for cells in rows:
                figures = _tiga(cells[2:5])
                name = cells[1]
                if name == "Jumlah":
                    jumlah = figures
                elif name.startswith("Program"):
                    program[baca.token_di(name)] = figures
                else:
                    kegiatan[baca.token_di(name)] = figures
        elif line.strip().startswith("Anggaran sasaran:"):
            match = re.search(
                r"pagu (\S+ ?[\d.]*) · realisasi (\S+ ?[\d.]*) · penyerapan (\S+)", line
            )
            sasaran = _tiga(match.groups())
        elif line.strip().startswith("Rata-rata capaian:"):
            sasaran = dict(sasaran or {}, rata_capaian=angka(line.split(":", 1)[1].split("·")[0]))
    return {
        "capaian": indikator,
        "capaian_program": program,
        "capaian_kegiatan": kegiatan,
        "capaian_jumlah": {"OPD": jumlah},
        "capaian_sasaran": {"OPD": sasaran},
    }


# --- fetching every surface --------------------------------------------------------------


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return response.content


def baca_semua(client, dunia, triwulan):
    """Fetch every surface at `triwulan` as the Pemda's admin sees it and read it back."""
    opd = dunia.opd.slug
    q = f"?tahun={TAHUN}&triwulan={triwulan}&per_page=100"
    hasil = {}

    def tambah(bagian):
        for surface, rows in bagian.items():
            hasil.setdefault(surface, {}).update(rows)

    for unit in dunia.units:
        html = _get(client, f"/kinerja/entri/{TAHUN}/{triwulan}/?unit={unit.pk}").decode()
        tambah(baca_entri(html))
    daftar = (
        (
            "daftar_indikator",
            "/kinerja/indikator/",
            baca_daftar_indikator,
            baca_daftar_indikator_ekspor,
        ),
        (
            "daftar_realisasi",
            "/kinerja/realisasi/",
            baca_daftar_realisasi,
            baca_daftar_realisasi_ekspor,
        ),
        ("daftar_sub", "/kinerja/sub-kegiatan/", baca_daftar_sub, baca_daftar_anggaran_ekspor),
        (
            "daftar_belanja",
            "/anggaran/realisasi/",
            baca_daftar_belanja,
            baca_daftar_anggaran_ekspor,
        ),
    )
    for surface, url, html_reader, export_reader in daftar:
        tambah({surface: html_reader(_get(client, url + q).decode())})
        sheet = baca.lembar_kerja(_get(client, url + q + "&_export=xlsx")).active
        tambah({f"{surface}_xlsx": export_reader(baca.baris_sheet(sheet))})
        text = _get(client, url + q + "&_export=csv").decode("utf-8-sig")
        tambah({f"{surface}_csv": export_reader(list(csv.reader(io.StringIO(text))))})
    q = f"?tahun={TAHUN}&triwulan={triwulan}"
    tambah(baca_dasbor_opd(_get(client, f"/kinerja/dasbor/{opd}/{q}").decode(), dunia.program_kode))
    tambah(baca_dasbor_pemda(_get(client, f"/kinerja/dasbor/{q}").decode(), dunia.opd.nama))
    tambah(baca_pengukuran(_get(client, f"/laporan/{opd}/{TAHUN}/pengukuran/{triwulan}/").decode()))
    tambah(
        baca_pengukuran_xlsx(
            _get(client, f"/laporan/{opd}/{TAHUN}/pengukuran/{triwulan}.xlsx"), triwulan
        )
    )
    if triwulan == 4:
        tambah(baca_lkjip(_get(client, f"/laporan/{opd}/{TAHUN}/lkjip/").decode()))
        tambah(baca_lkjip_xlsx(_get(client, f"/laporan/{opd}/{TAHUN}/lkjip.xlsx")))
    out = io.StringIO()
    call_command("capaian", opd=opd, tahun=TAHUN, triwulan=triwulan, stdout=out)
    tambah(baca_capaian(out.getvalue()))
    return hasil
