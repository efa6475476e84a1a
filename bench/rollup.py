"""Time the roll-ups on a Pemda-sized plan.

    .venv/bin/python bench/rollup.py                      # SQLite (a fresh in-memory test DB)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sakip_bench .venv/bin/python bench/rollup.py

Builds, in a fresh test database (created and dropped here; the real database is not
touched), a Pemda of 40 OPDs, each with 5 sasaran, 10 programs, 20 kegiatan, 100
sub-kegiatan and 300 indicators (about 12,000 indicators and 4,000 sub-kegiatan), targets,
four quarters of realisations, pagu with revisions, quarterly spending and a DPA
(tests/builders.py). Then times, as medians over --ulang runs, with the query count:

- pemda_rows(pemda, tahun, 4)                 the Pemda dashboard (sasaran indicators)
- pemda_rows(pemda, tahun, 4, tingkat=None)   the same over every indicator of every OPD
- pemda_rows_triwulan(pemda, tahun, (1..4))   the dashboard's trend: TW I-IV in one pass
- capaian_opd(opd, tahun, 4)                  one OPD: budget per level, 300 indicators
- anggaran_rows(periode, tahun, 4)            one OPD's budget roll-up alone
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opd", type=int, default=40, help="jumlah OPD (bawaan 40)")
    parser.add_argument("--ulang", type=int, default=5, help="jumlah pengulangan (bawaan 5)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection, reset_queries
    from django.test.utils import setup_databases, teardown_databases

    from anggaran import selectors as anggaran_selectors
    from kinerja import selectors
    from tests.builders import build_pemda

    vendor = connection.vendor
    old_config = setup_databases(verbosity=0, interactive=False, keepdb=False)
    try:
        t0 = time.perf_counter()
        pemda, rencana = build_pemda(
            n_opd=args.opd,
            tahun=2023,
            sasaran=5,
            program_per_sasaran=2,
            kegiatan_per_program=2,
            sub_per_kegiatan=5,
            indikator_per_sasaran=2,
            indikator_per_program=1,
            indikator_per_kegiatan=4,
            indikator_per_sub=2,
        )
        build_s = time.perf_counter() - t0
        if vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        totals = {}
        for plan in rencana:
            for key, value in plan.counts.items():
                totals[key] = totals.get(key, 0) + value
        print(f"Basis data: {vendor} ({connection.settings_dict['NAME']})")
        print(
            f"Dibangun dalam {build_s:.1f} s: {args.opd} OPD, "
            + ", ".join(f"{v:,} {k}".replace(",", ".") for k, v in totals.items())
        )

        one = rencana[len(rencana) // 2]
        cases = [
            ("pemda_rows (indikator sasaran)", lambda: selectors.pemda_rows(pemda, 2023, 4)),
            (
                "pemda_rows (semua indikator)",
                lambda: selectors.pemda_rows(pemda, 2023, 4, tingkat=None),
            ),
            (
                "pemda_rows_triwulan (TW I-IV)",
                lambda: selectors.pemda_rows_triwulan(pemda, 2023, (1, 2, 3, 4)),
            ),
            ("capaian_opd (satu OPD)", lambda: selectors.capaian_opd(one.opd, 2023, 4)),
            (
                "anggaran_rows (satu OPD)",
                lambda: anggaran_selectors.anggaran_rows(one.periode, 2023, 4),
            ),
        ]
        print()
        # CPU = this process only (Python and, for SQLite, the database engine too); the
        # machine is shared, so wall time alone can mislead.
        print(f"{'roll-up':34} {'median':>10} {'min':>10} {'maks':>10} {'CPU':>10} {'query':>6}")
        from django.conf import settings

        settings.DEBUG = True  # record queries for the count
        for name, fn in cases:
            fn()  # warm up
            times, cpu = [], []
            for _ in range(args.ulang):
                reset_queries()
                t, c = time.perf_counter(), time.process_time()
                fn()
                times.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c)
                queries = len(connection.queries)
            print(
                f"{name:34} {statistics.median(times) * 1000:8.1f} ms"
                f" {min(times) * 1000:8.1f} ms {max(times) * 1000:8.1f} ms"
                f" {statistics.median(cpu) * 1000:8.1f} ms {queries:6d}"
            )
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
