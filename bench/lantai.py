"""Floors: what the framework costs for the same output with nothing of the app's in it.

    tabel_template(n_baris, n_sel)   a plain Django template <table> of the same cells, its
                                     values read in one query
    pdf_tabel(halaman)               WeasyPrint on a plain table of (about) the same pages
    xlsx_write_only(n_baris, n_kol)  openpyxl write-only of the same cells
    simpan_satu(pk)                  one UPDATE of a realisation and its row rendered
    unggah_massal(berkas, pks)       read the workbook read-only and write its rows in bulk

Each returns what it made (bytes, pages) so the caller can print it beside the app's; the
caller times them. bench/run_all.py measures each floor in the same run as the app figure.
"""

from __future__ import annotations

import io
import itertools
import re
from decimal import Decimal

from django.db import transaction
from django.template import engines
from openpyxl import Workbook, load_workbook
from weasyprint import HTML

from kinerja.models import Realisasi

_TABEL = engines["django"].from_string(
    "<!doctype html><html><body><table>{% for baris in rows %}<tr>"
    "{% for sel in baris %}<td>{{ sel }}</td>{% endfor %}</tr>{% endfor %}"
    "</table></body></html>"
)
_SEL = re.compile(r"<t[dh][\s>]")
_BARIS = re.compile(r"<tr[\s>]")


_LEMBAR_BARIS = re.compile(r'class="entri-row[\s"]')
# What a sheet row shows: its text, each figure (<dd>) and each field a person fills in.
_LEMBAR_SEL = re.compile(
    r'class="uraian"|<dd[\s>]|<textarea[\s>]|<select[\s>]|<input(?![^>]*type="hidden")[^>]*>'
)


def hitung_sel(html: str) -> tuple[int, int]:
    """(rows, cells) of an HTML page: of its entry / verification sheet rows when it has
    them (they are not a <table>), else of its tables (<tr>; <td> and <th>)."""
    sheet = len(_LEMBAR_BARIS.findall(html))
    if sheet:
        return sheet, len(_LEMBAR_SEL.findall(html))
    return len(_BARIS.findall(html)), len(_SEL.findall(html))


def _nilai(n):
    """`n` values read in one query (realisations), repeated as needed."""
    rows = list(
        Realisasi.objects.order_by("pk").values_list("indikator__uraian", "nilai", "status")[:n]
    )
    flat = [v for row in rows for v in row] or ["-"]
    return itertools.cycle(flat)


def tabel_template(n_baris, n_sel):
    per_baris = max(1, round(n_sel / max(n_baris, 1)))
    nilai = _nilai(n_baris)
    rows = [[next(nilai) for _ in range(per_baris)] for _ in range(n_baris)]
    return _TABEL.render({"rows": rows}).encode()


_PDF = """<!doctype html><html><head><style>
@page {{ size: A4 landscape; margin: 1.5cm }}
body {{ font-family: sans-serif; font-size: 9pt }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed }}
td, th {{ border: 0.5pt solid #888; padding: 2pt 4pt }}
</style></head><body><table><thead><tr>{kepala}</tr></thead><tbody>{badan}</tbody></table>
</body></html>"""


def _pdf_html(n_baris, kolom):
    kepala = "".join(f"<th>Kolom {i}</th>" for i in range(kolom))
    badan = "".join(
        "<tr>" + "".join(f"<td>Sel {r}.{c} 1.250,50</td>" for c in range(kolom)) + "</tr>"
        for r in range(n_baris)
    )
    return _PDF.format(kepala=kepala, badan=badan)


def baris_per_halaman(kolom=8):
    """Rows of the floor table on one page, from a short render (call before timing)."""
    doc = HTML(string=_pdf_html(200, kolom)).render()
    return 200 / len(doc.pages)


def pdf_tabel(halaman, per_halaman, kolom=8):
    """The floor PDF of `halaman` pages (per_halaman from baris_per_halaman())."""
    doc = HTML(string=_pdf_html(round(halaman * per_halaman), kolom)).render()
    return doc.write_pdf(), len(doc.pages)


def xlsx_write_only(n_baris, n_kol):
    nilai = _nilai(n_baris)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    for _ in range(n_baris):
        ws.append([next(nilai) for _ in range(n_kol)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def simpan_satu(pk, nilai):
    with transaction.atomic():
        Realisasi.objects.filter(pk=pk).update(nilai=nilai)
    row = Realisasi.objects.filter(pk=pk).values_list("indikator__uraian", "nilai", "status")
    return _TABEL.render({"rows": list(row)}).encode()


def unggah_massal(berkas: bytes, pks, nilai):
    """Parse the workbook read-only, then one bulk UPDATE of the rows it names."""
    wb = load_workbook(io.BytesIO(berkas), read_only=True, data_only=True)
    n = sum(1 for ws in wb.worksheets for _ in ws.iter_rows(values_only=True))
    with transaction.atomic():
        rows = list(Realisasi.objects.filter(pk__in=pks))
        for row in rows:
            row.nilai = Decimal(nilai)
        Realisasi.objects.bulk_update(rows, ["nilai"], batch_size=500)
    return n
