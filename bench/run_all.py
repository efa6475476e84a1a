"""Every figure of issue 15 beside its floor, measured in the same run, as one markdown table.

    .venv/bin/python bench/run_all.py                          # SQLite (in-memory test DB)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sakip_bench .venv/bin/python bench/run_all.py
    .venv/bin/python bench/run_all.py --kali 1 --pemda 10 --tanpa-pdf --ulang 3

In a fresh test database (created and dropped here; the database DATABASE_URL names is not
touched, only its test_ twin) it builds the worlds of bench/dunia.py: an OPD at each --kali
(1 = demo size, ~70 rows in the entry sheet; 10 = ~670 rows) and a Pemda of --pemda OPDs
(0 skips it). Then, through Django's test Client with DEBUG off and production security
settings, it times for each size:

    entri        the entry sheet of the unit (operator)         floor: plain template table
    simpan       one row save (htmx POST, operator)             floor: one UPDATE + its row
    unggah       the realisation workbook: preview, then save   floor: read-only parse + bulk
    verifikasi   the verification sheet (verifier)              floor: plain template table
    dasbor OPD   the OPD dashboard (kepala dinas)               floor: plain template table
    dasbor Pemda the Pemda dashboard (pimpinan)                 floor: plain template table
    daftar HTML  the realisation listing, 100 rows a page       floor: plain template table
    daftar XLSX  the same listing exported (every row)          floor: openpyxl write-only
    LKjIP PDF    the whole LKjIP rendered to PDF                floor: WeasyPrint plain table

and for the Pemda the all-indicator roll-up (kinerja.selectors.pemda_rows, tingkat=None)
beside one aggregate query over the same realisations, and its dashboard page.

"Same cells": the floor table has the rows and cells counted in the app's HTML (<tr>, <td>,
<th>), the floor workbook the app workbook's rows and columns, the floor PDF the app PDF's
pages. Times are medians over --ulang runs after one warm-up (PDF and upload: one run).
CPU is this process's (time.process_time): with SQLite it includes the database engine,
with PostgreSQL not (the server's CPU is its own; so a floor that is one aggregate query,
the Pemda roll-up's, costs the client almost nothing there: compare wall times for it). The machine is shared, so read the ratio
to the floor (both measured in the same minute), not the wall time alone. Nothing is
asserted: tests never time.
"""

import argparse
import io
import os
import re
import secrets
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BASE_DIR / "bench"))
# Production settings (DEBUG off) on the test client's host, as bench/load.py runs gunicorn.
os.environ.update(
    DEBUG="0",
    SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
    ALLOWED_HOSTS="testserver,127.0.0.1",
    SECURE_SSL_REDIRECT="0",
    SECURE_HSTS_SECONDS="0",
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")

ROW = re.compile(
    r'hx-post="(/kinerja/entri/\d+/\d+/indikator/(\d+)/)".*?name="versi" value="(\d+)"'
    r'.*?name="unit" value="(\d+)"(.*?)</form>',
    re.S,
)
VERSI = re.compile(r'name="versi" value="(\d+)"')
TOKEN = re.compile(r'name="token" value="([^"]+)"')


def ukur(fn, ulang, *, pemanasan=True):
    """(median wall s, median CPU s, queries of the last run, result of the last run)."""
    from django.db import connection

    if pemanasan:
        fn()
    walls, cpus = [], []
    for _ in range(max(1, ulang)):
        # counted by a wrapper: CaptureQueriesContext keeps at most 9,000 queries
        kueri = [0]

        def hitung(execute, sql, params, many, context, kueri=kueri):
            kueri[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(hitung):
            t, c = time.perf_counter(), time.process_time()
            hasil = fn()
            walls.append(time.perf_counter() - t)
            cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus), kueri[0], hasil


# The cases to run (--kasus); empty: all of them.
KASUS: set[str] = set()


def dipilih(kasus):
    return not KASUS or kasus in KASUS


class Tabel:
    def __init__(self):
        self.baris = []

    def tambah(self, kasus, ukuran, app, lantai, catatan=""):
        wall, cpu, kueri, _ = app
        fwall, fcpu = lantai[0], lantai[1]
        self.baris.append(
            f"| {kasus} | {ukuran} | {kueri} | {wall * 1000:,.0f} | {cpu * 1000:,.0f} "
            f"| {fwall * 1000:,.1f} | {fcpu * 1000:,.1f} "
            f"| {cpu / fcpu if fcpu else float('nan'):,.1f}× | {catatan} |"
        )
        print(self.baris[-1], flush=True)

    def cetak(self, judul):
        print(f"\n{judul}\n")
        print(
            "| kasus | ukuran | kueri | app wall ms | app CPU ms | lantai wall ms "
            "| lantai CPU ms | app/lantai (CPU) | catatan |"
        )
        print("|---|---|--:|--:|--:|--:|--:|--:|---|")
        for b in self.baris:
            print(b)


def _get(client, user, url, **extra):
    client.force_login(user)

    def fn():
        response = client.get(url, **extra)
        assert response.status_code == 200, (url, response.status_code)
        return response

    return fn


def bench_opd(tabel, dunia, kali, ulang, pdf):
    import lantai
    from django.test import Client

    from kinerja.models import Realisasi
    from sakip import roles

    u = dunia.users
    opd = dunia.opd
    q = "?tahun=2023&triwulan=4"
    ukuran = f"{kali}×"
    client = Client()

    def halaman(kasus, user, url):
        if not dipilih(kasus):
            return ""
        app = ukur(_get(client, user, url), ulang)
        html = app[3].content.decode()
        n_baris, n_sel = hitung_sel(html)
        floor = ukur(lambda: lantai.tabel_template(n_baris, n_sel), ulang)
        tabel.tambah(
            kasus, ukuran, app, floor, f"{n_baris} baris, {n_sel} sel, {len(html) / 1024:,.0f} KB"
        )
        return html

    hitung_sel = lantai.hitung_sel
    html = halaman("entri", u[roles.OPERATOR], f"/kinerja/entri/2023/4/{q}")

    # one row save: a numeric row of the sheet, its version followed across saves
    rows = [
        (url, int(pk), int(versi), unit)
        for url, pk, versi, unit, rest in ROW.findall(html)
        if 'name="nilai"' in rest
    ]
    if rows and dipilih("simpan"):
        url, pk, versi, unit = rows[len(rows) // 2]
        state = {"versi": versi, "n": 0}
        client.force_login(u[roles.OPERATOR])

        def simpan():
            state["n"] += 1
            response = client.post(
                url,
                {"nilai": str(10 + state["n"] % 80), "versi": state["versi"], "unit": unit},
                HTTP_HX_REQUEST="true",
            )
            assert response.status_code == 200, response.status_code
            found = VERSI.search(response.content.decode())
            if found:
                state["versi"] = int(found.group(1))
            return response

        app = ukur(simpan, ulang)
        real = Realisasi.objects.filter(indikator_id=pk, tahun=2023, triwulan=4).first()
        floor = ukur(lambda: lantai.simpan_satu(real.pk, 42), ulang)
        tabel.tambah("simpan", ukuran, app, floor, f"{len(rows)} baris angka di lembar")
    elif dipilih("simpan"):
        print("(lembar entri tanpa baris angka: simpan dilewati)")

    if dipilih("unggah"):
        unggah(tabel, client, u[roles.OPERATOR], ukuran)

    Realisasi.objects.filter(
        indikator__periode__opd=opd, tahun=2023, triwulan=4, status="draft"
    ).update(status="diajukan")
    halaman("verifikasi", u[roles.VERIFIKATOR], f"/kinerja/verifikasi/2023/4/{q}")
    halaman("dasbor OPD", u[roles.KEPALA_DINAS], f"/kinerja/dasbor/{opd.slug}/{q}")
    halaman("dasbor Pemda", u[roles.PIMPINAN], f"/kinerja/dasbor/{q}")
    halaman("daftar HTML", u[roles.PERENCANA], f"/kinerja/realisasi/{q}&per_page=100")

    if dipilih("daftar XLSX"):
        app = ukur(_get(client, u[roles.PERENCANA], f"/kinerja/realisasi/{q}&_export=xlsx"), ulang)
        n_baris, n_kol = _ukuran_xlsx(app[3].content)
        floor = ukur(lambda: lantai.xlsx_write_only(n_baris, n_kol), ulang)
        tabel.tambah(
            "daftar XLSX",
            ukuran,
            app,
            floor,
            f"{n_baris} × {n_kol} sel, {len(app[3].content) // 1024} KB",
        )
    if pdf and dipilih("LKjIP PDF"):
        lkjip(tabel, opd, ukuran)


def _ukuran_xlsx(content):
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(content), read_only=True)
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    return len(rows), max((len(r) for r in rows), default=0)


def unggah(tabel, client, operator, ukuran):
    """The realisation workbook of the operator's unit, every number changed: preview, save."""
    import lantai
    from openpyxl import load_workbook

    from kinerja import excel

    client.force_login(operator)
    response = client.get("/kinerja/excel/realisasi/2023/4/templat.xlsx")
    assert response.status_code == 200, response.status_code
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb[excel.SHEET_KINERJA]
    judul = [c.value for c in ws[1]]
    k_tipe, k_nilai = judul.index("Tipe"), judul.index("Realisasi")
    k_id = judul.index("ID")
    pks, n = [], 0
    for row in ws.iter_rows(min_row=2):
        if row[k_id].value and row[k_tipe].value in ("Angka", "Persentase", "angka", "persentase"):
            n += 1
            row[k_nilai].value = 11 + n % 70
            pks.append(row[k_id].value)
    out = io.BytesIO()
    wb.save(out)
    berkas = out.getvalue()

    # the file object needs a name for the upload
    def kirim():
        handle = io.BytesIO(berkas)
        handle.name = "realisasi.xlsx"
        response = client.post("/kinerja/excel/realisasi/2023/4/unggah/", {"berkas": handle})
        assert response.status_code == 200, response.status_code
        return response

    app = ukur(kirim, 1, pemanasan=False)
    token = TOKEN.search(app[3].content.decode())
    floor = ukur(lambda: lantai.unggah_massal(berkas, pks, 33), 1, pemanasan=False)
    tabel.tambah("unggah pratinjau", ukuran, app, floor, f"{n} baris angka diubah")
    if not token:
        print("(pratinjau tanpa token: simpan dilewati)", app[3].content.decode()[:300])
        return
    app = ukur(
        lambda: client.post("/kinerja/excel/realisasi/2023/4/simpan/", {"token": token.group(1)}),
        1,
        pemanasan=False,
    )
    tabel.tambah("unggah simpan", ukuran, app, floor, "lantai: parse + bulk_update yang sama")


def lkjip(tabel, opd, ukuran):
    import lantai

    from laporan import pdf, selectors

    def app_pdf():
        doc = selectors.build_document("lkjip", opd, 2023)
        html = pdf.render_html(
            doc, pdf=True, kode="BENCH00000", qr=pdf.qr_data_uri("bench"), url="http://x/"
        )
        return pdf.html_to_pdf(html)

    app = ukur(app_pdf, 1, pemanasan=False)
    rendered = app[3]
    per_halaman = lantai.baris_per_halaman()
    floor = ukur(lambda: lantai.pdf_tabel(rendered.halaman, per_halaman), 1, pemanasan=False)
    tabel.tambah(
        "LKjIP PDF",
        ukuran,
        app,
        floor,
        f"{rendered.halaman} hlm app, {floor[3][1]} hlm lantai, {len(rendered.content) // 1024} KB",
    )


def bench_pemda(tabel, n_opd, ulang):
    import dunia
    import lantai
    from django.db import connection
    from django.db.models import Avg, Count
    from django.test import Client

    from kinerja import selectors
    from kinerja.models import Realisasi
    from sakip import roles
    from tests.factories import PenggunaFactory

    t0 = time.perf_counter()
    pemda, _ = dunia.dunia_pemda(n_opd)
    print(f"Pemda {n_opd} OPD dibangun dalam {time.perf_counter() - t0:.0f} s", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def lantai_agregat():
        return list(
            Realisasi.objects.filter(
                indikator__periode__opd__pemda=pemda, tahun=2023, triwulan__lte=4
            )
            .values("indikator__periode__opd")
            .annotate(n=Count("indikator", distinct=True), rata=Avg("nilai"))
        )

    app = ukur(lambda: selectors.pemda_rows(pemda, 2023, 4, tingkat=None), ulang)
    floor = ukur(lantai_agregat, ulang)
    n = sum(r.jumlah_indikator for r in app[3])
    tabel.tambah(
        "roll-up Pemda (semua indikator)",
        f"{n_opd} OPD",
        app,
        floor,
        f"{n:,} indikator; lantai: 1 agregat",
    )
    pimpinan = PenggunaFactory(role=roles.PIMPINAN, pemda=pemda)
    client = Client()
    app = ukur(_get(client, pimpinan, "/kinerja/dasbor/?tahun=2023&triwulan=4"), ulang)
    html = app[3].content.decode()
    n_baris, n_sel = lantai.hitung_sel(html)
    floor = ukur(lambda: lantai.tabel_template(n_baris, n_sel), ulang)
    tabel.tambah("dasbor Pemda", f"{n_opd} OPD", app, floor, f"{n_baris} baris, {n_sel} sel")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kali", default="1,10", help="ukuran OPD, dipisah koma (bawaan 1,10)")
    parser.add_argument("--pemda", type=int, default=40, help="OPD di Pemda (0: lewati)")
    parser.add_argument("--ulang", type=int, default=3, help="pengulangan (bawaan 3)")
    parser.add_argument("--tanpa-pdf", action="store_true", help="lewati LKjIP PDF")
    parser.add_argument(
        "--kasus",
        default="",
        help="hanya kasus ini, dipisah koma (mis. 'entri,simpan,verifikasi'; bawaan semua)",
    )
    parser.add_argument(
        "--gc-bawaan",
        action="store_true",
        help="biarkan pengumpul sampah Python seperti bawaannya (tanpa sakip.proses)",
    )
    args = parser.parse_args()
    KASUS.update(k.strip() for k in args.kasus.split(",") if k.strip())

    import django

    django.setup()
    import dunia
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    from sakip.celery import app as celery_app
    from sakip.proses import siapkan_proses

    setup_test_environment(debug=False)
    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest, as deployed
    settings.MEDIA_ROOT = Path("/tmp/sakip-bench-media")
    # Documents and uploads are queued jobs (issue 15 item 1); the bench runs them in this
    # process, as the tests do, so the request's figure includes the job's own work.
    settings.CELERY_TASK_ALWAYS_EAGER = True
    celery_app.conf.task_always_eager = True
    vendor = connection.vendor
    old_config = setup_databases(verbosity=0, interactive=False, keepdb=False)
    if not args.gc_bawaan:
        # What sakip/wsgi.py does in each gunicorn worker once the app is loaded; the
        # floors run in this same process, under the same collector.
        siapkan_proses()
    tabel = Tabel()
    try:
        for kali in [int(k) for k in args.kali.split(",") if k]:
            t0 = time.perf_counter()
            world = dunia.dunia_opd(kali)
            if vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            counts = ", ".join(f"{v} {k}" for k, v in world.rencana.counts.items())
            print(f"OPD {kali}× dibangun dalam {time.perf_counter() - t0:.0f} s: {counts}")
            bench_opd(tabel, world, kali, args.ulang, not args.tanpa_pdf)
        if args.pemda and (dipilih("roll-up Pemda") or dipilih("dasbor Pemda")):
            bench_pemda(tabel, args.pemda, args.ulang)
    finally:
        teardown_databases(old_config, verbosity=0)
    cpu = os.cpu_count()
    tabel.cetak(
        f"Basis data: {vendor}; {cpu} CPU, load average {os.getloadavg()[0]:.1f}; "
        f"DEBUG off; median dari {args.ulang} (PDF dan unggah: 1)"
    )


if __name__ == "__main__":
    main()
