"""Time the LKjIP PDF: the fixture OPD (Probolinggo 2020, seed 003) and a large generated OPD.

    .venv/bin/python bench/render_lkjip.py                 # SQLite (a fresh test DB)
    .venv/bin/python bench/render_lkjip.py --kali 10       # the generated OPD ten times larger
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sakip_bench .venv/bin/python bench/render_lkjip.py

In a fresh test database (created and dropped here; the real database is not touched) it
loads the demo fixtures and builds one OPD with tests/builders.py, then for each renders
the LKjIP (all chapters, the PK and the four quarterly measurements as annexes) to PDF the
way the site and `render_report` do, and prints the queries and seconds spent building the
rows, the seconds rendering the HTML and laying out the PDF (wall clock), the CPU seconds of
the process (meaningful when other jobs share the machine), the page count, the size and peak
memory.
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")


def _rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kali", type=int, default=5, help="ukuran OPD buatan (bawaan 5)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases

    from laporan import pdf, selectors
    from renstra.demo import FIXTURES
    from renstra.models import PerangkatDaerah
    from tests.builders import build_opd

    settings.MEDIA_ROOT = Path("/tmp/sakip-bench-media")
    old_config = setup_databases(verbosity=0, interactive=False, keepdb=False)
    try:
        call_command("loaddata", *FIXTURES, verbosity=0)
        t0 = time.perf_counter()
        besar = build_opd(
            kali=args.kali, tahun=2023, sasaran=5, indikator_per_sasaran=2, sub_per_kegiatan=3
        )
        print(
            f"Basis data: {connection.vendor}; OPD buatan dibangun dalam {time.perf_counter() - t0:.1f} s: "
            + ", ".join(f"{v} {k}" for k, v in besar.counts.items())
        )
        cases = [
            (
                "Probolinggo 2020 (fikstur)",
                PerangkatDaerah.objects.get(slug="dinsos-pppa-probolinggo"),
                2020,
            ),
            (f"OPD buatan ×{args.kali}", besar.opd, besar.tahun),
        ]
        print(
            f"{'dokumen':32} {'kueri':>6} {'baris':>7} {'HTML':>7} {'PDF':>7} {'total':>7} {'CPU':>7} {'halaman':>8} {'ukuran':>9} {'RSS':>8}"
        )
        for label, opd, tahun in cases:
            t0, c0 = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as kueri:
                doc = selectors.build_document("lkjip", opd, tahun)
            t1 = time.perf_counter()
            html = pdf.render_html(
                doc,
                pdf=True,
                kode="BENCH00000",
                qr=pdf.qr_data_uri("bench"),
                url="http://localhost/",
            )
            t2 = time.perf_counter()
            rendered = pdf.html_to_pdf(html)
            t3 = time.perf_counter()
            print(
                f"{label:32} {len(kueri):6d} {t1 - t0:6.2f}s {t2 - t1:6.2f}s {t3 - t2:6.2f}s {t3 - t0:6.2f}s {time.process_time() - c0:6.2f}s "
                f"{rendered.halaman:8d} {len(rendered.content) / 1024:7.0f}KB {_rss_mb():6.0f}MB"
            )
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
