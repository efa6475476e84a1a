"""Time the XLSX exports beside the openpyxl write-only floor of the same cells.

    .venv/bin/python bench/ekspor.py                 # SQLite (a fresh test DB), 1x and 10x
    .venv/bin/python bench/ekspor.py --kali 1 5      # other sizes
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sakip_bench .venv/bin/python bench/ekspor.py

In a fresh test database (created and dropped here; the real database is not touched) it
builds one generated OPD per size with tests/builders.py and downloads, as the admin would,
the listings (realisations, indicators, sub-kegiatan, budget realisations), the OPD
dashboard workbook and the LKjIP and Pengukuran workbooks
(queries, build and layout included). The floor is measured in the same run: the cells of
each downloaded workbook (values and number formats, read back once outside the timing)
written with a bare openpyxl write-only workbook (`Workbook(write_only=True)`, one
`append` per row, nothing else). It prints wall and CPU seconds of both, their ratio and,
for the listings, the CPU milliseconds per row; for the two documents also the writing
alone (the workbook from the already built rows), beside the same floor. CPU seconds are
the figure to compare when other jobs share the machine. The document workbooks merge
cells like the printed tables and style nearly every cell (borders, header fill); they are
written in write-only mode too (laporan.xlsx.lembar: each sheet laid out in memory, then
its rows appended in order as styled cells, the merged ranges added to the sheet's
merged_cells); their floor writes the same values and number formats, without the
styles and without the styled empty cells of bordered tables and merged ranges.
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")

ULANG = 3  # best of three: the CPU is shared
DAFTAR = ("realisasi", "indikator", "sub-kegiatan", "realisasi anggaran")  # the listings


def _ukur(fungsi):
    """(wall, cpu, result) of the best of ULANG runs."""
    terbaik = None
    for _ in range(ULANG):
        t0, c0 = time.perf_counter(), time.process_time()
        hasil = fungsi()
        waktu = (time.perf_counter() - t0, time.process_time() - c0, hasil)
        if terbaik is None or waktu[1] < terbaik[1]:
            terbaik = waktu
    return terbaik


def sel_workbook(content):
    """[(sheet title, [[(value, number_format), …], …])] of a workbook's cells."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(content))
    return [
        (
            ws.title,
            [[(c.value, c.number_format) for c in row] for row in ws.iter_rows()],
        )
        for ws in wb.worksheets
    ]


def lantai(sheets):
    """The openpyxl write-only floor: the same cells, appended row by row; a cell with a
    number format other than General is a WriteOnlyCell with that format."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            values = []
            for value, number_format in row:
                if number_format != "General" and value is not None:
                    cell = WriteOnlyCell(ws, value=value)
                    cell.number_format = number_format
                    value = cell
                values.append(value)
            ws.append(values)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kali", type=int, nargs="+", default=[1, 10], help="ukuran OPD buatan")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_databases, teardown_databases
    from django.urls import reverse

    from laporan import selectors
    from laporan.xlsx import dokumen_workbook
    from sakip import xlsx
    from tests.builders import build_opd

    settings.ALLOWED_HOSTS = ["*"]
    settings.MEDIA_ROOT = Path("/tmp/sakip-bench-media")
    old_config = setup_databases(verbosity=0, interactive=False, keepdb=False)
    try:
        from django.contrib.auth import get_user_model

        admin = get_user_model().objects.create_superuser("bench", "b@x.id", "bench-sandi")
        client = Client()
        client.force_login(admin)
        print(
            f"{'ekspor':34} {'baris':>6} {'sel':>7} {'app dinding':>11} {'app CPU':>8} "
            f"{'lantai dinding':>14} {'lantai CPU':>10} {'rasio CPU':>9} {'ms/baris':>8}"
        )
        for kali in args.kali:
            rencana = build_opd(kali=kali, tahun=2023)
            slug, tahun = rencana.opd.slug, rencana.tahun
            cases = [
                ("realisasi", reverse("kinerja:realisasi_list") + "?tahun=&_export=xlsx"),
                (
                    "indikator",
                    reverse("kinerja:indikator_list") + f"?tahun={tahun}&triwulan=4&_export=xlsx",
                ),
                (
                    "sub-kegiatan",
                    reverse("kinerja:subkegiatan_list") + f"?tahun={tahun}&triwulan=4&_export=xlsx",
                ),
                (
                    "realisasi anggaran",
                    reverse("anggaran:realisasi_anggaran_list") + f"?tahun={tahun}&_export=xlsx",
                ),
                (
                    "dasbor OPD",
                    reverse("kinerja:dasbor_opd_xlsx", args=[slug]) + f"?tahun={tahun}&triwulan=4",
                ),
                ("lkjip", reverse("laporan:lkjip_xlsx", args=[slug, tahun])),
                ("pengukuran TW IV", reverse("laporan:pengukuran_xlsx", args=[slug, tahun, 4])),
            ]
            for nama, url in cases:
                client.get(url)  # session, caches
                wall, cpu, response = _ukur(lambda url=url: client.get(url))
                assert response.status_code == 200, (url, response.status_code)
                sheets = sel_workbook(response.content)
                baris = sum(len(rows) for _, rows in sheets)
                sel = sum(len(r) for _, rows in sheets for r in rows)
                f_wall, f_cpu, _ = _ukur(lambda sheets=sheets: lantai(sheets))
                per_baris = f"{cpu / baris * 1000:8.3f}" if nama in DAFTAR else ""
                print(
                    f"{nama + f' ×{kali}':34} {baris:6d} {sel:7d} {wall:10.3f}s {cpu:7.3f}s "
                    f"{f_wall:13.3f}s {f_cpu:9.3f}s {cpu / f_cpu:8.1f}× {per_baris:>8}"
                )
            # A document's download also builds the document (its queries and the engine);
            # the writing alone, from the built rows, beside the same floor:
            for jenis, kwargs in (("lkjip", {}), ("pengukuran", {"triwulan": 4})):
                doc = selectors.build_document(jenis, rencana.opd, tahun, **kwargs)
                wall, cpu, content = _ukur(lambda doc=doc: xlsx.simpan_bytes(dokumen_workbook(doc)))
                sheets = sel_workbook(content)
                baris = sum(len(rows) for _, rows in sheets)
                sel = sum(len(r) for _, rows in sheets for r in rows)
                f_wall, f_cpu, _ = _ukur(lambda sheets=sheets: lantai(sheets))
                print(
                    f"{jenis + f' (tulis saja) ×{kali}':34} {baris:6d} {sel:7d} {wall:10.3f}s "
                    f"{cpu:7.3f}s {f_wall:13.3f}s {f_cpu:9.3f}s {cpu / f_cpu:8.1f}×"
                )
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
