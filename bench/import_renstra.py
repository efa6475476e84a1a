"""Import time of a generated Renstra with 4,000 sub-kegiatan (issue 6).

    .venv/bin/python bench/import_renstra.py [--sub 4000]

Runs on a throw-away SQLite file unless BENCH_DATABASE_URL is set (e.g.
postgres://postgres@127.0.0.1:5432/sakip_bench_excel; the database must exist and is
migrated). Prints the size of the workbook and the time of: writing it, the first import
(everything added), a dry run, and a re-import of the same file (everything unchanged).
Nothing is asserted: tests never time; this prints figures to compare between machines.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sub", type=int, default=4000, help="number of sub-kegiatan")
    args = parser.parse_args()

    tmpdir = tempfile.mkdtemp(prefix="sakip-bench-")
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{tmpdir}/bench.sqlite3"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)

    from anggaran import renstra_xlsx as excel
    from anggaran.renstra_impor import renstra_impor
    from renstra.models import Pemda, PerangkatDaerah, SubKegiatan, UnitKerja

    pemda, _ = Pemda.objects.get_or_create(slug="bench", defaults={"nama": "Pemda Bench"})
    opd, _ = PerangkatDaerah.objects.get_or_create(
        slug="dinas-bench", defaults={"pemda": pemda, "nama": "Dinas Bench"}
    )
    units = []
    for i in range(1, 6):
        unit, _ = UnitKerja.objects.get_or_create(
            opd=opd, slug=f"bidang-{i}", defaults={"nama": f"Bidang {i}"}
        )
        units.append(unit)

    tahun = list(range(2021, 2027))
    t0 = time.perf_counter()
    wb = excel.renstra_template(opd, 2021, 2026)
    ws_ind = wb[excel.SHEET_INDIKATOR]
    wb[excel.SHEET_TUJUAN].append(["T1", "Tujuan bench"])
    for s in range(1, 5):
        wb[excel.SHEET_SASARAN].append([f"S{s}", "T1", f"Sasaran bench {s}"])
        ws_ind.append(
            [
                "Sasaran",
                f"S{s}",
                f"IKU{s}",
                f"Persentase sasaran {s}",
                "%",
                "persentase",
                "positif",
                None,
                None,
                "terakhir",
                None,
                "Ya",
                None,
                None,
                None,
                None,
                "Bidang 1",
                70,
                2020,
            ]
            + [70 + k for k in range(6)]
        )
    n_program = max(1, args.sub // 100)
    n_sub = 0
    for p in range(1, n_program + 1):
        program = f"1.06.{p:02d}"
        wb[excel.SHEET_PROGRAM].append([program, f"S{(p - 1) % 4 + 1}", f"Program bench {p}"])
        ws_ind.append(
            ["Program", program, "", f"Persentase program {p}", "%"] + [None] * 14 + [80] * 6
        )
        for k in range(1, 11):
            kegiatan = f"{program}.2.{k:02d}"
            wb[excel.SHEET_KEGIATAN].append([kegiatan, program, f"Kegiatan bench {p}.{k}"])
            ws_ind.append(
                ["Kegiatan", kegiatan, "", f"Jumlah layanan {p}.{k}", "orang", "angka"]
                + [None] * 13
                + [100] * 6
            )
            for s in range(1, 11):
                if n_sub >= args.sub:
                    break
                n_sub += 1
                sub = f"{kegiatan}.{s:04d}"
                wb[excel.SHEET_SUB].append(
                    [
                        sub,
                        kegiatan,
                        f"Sub kegiatan bench {n_sub}",
                        units[n_sub % 5].nama,
                        "Kota Bench",
                    ]
                    + [150_000_000 + n_sub * 1000 + i for i in range(6)]
                )
                for j in (1, 2):
                    ws_ind.append(
                        [
                            "Sub Kegiatan",
                            sub,
                            f"{j}",
                            f"Jumlah penerima {n_sub}.{j}",
                            "orang",
                            "angka",
                            "positif",
                            None,
                            None,
                            "kumulatif",
                        ]
                        + [None] * 9
                        + [10 * j + i for i in range(6)]
                    )
    path = Path(tmpdir) / "renstra-bench.xlsx"
    wb.save(path)
    t_write = time.perf_counter() - t0
    rows = sum(wb[s].max_row - 1 for s in excel.SHEETS_DATA)
    size = path.stat().st_size

    def run(label, **kwargs):
        reset_queries()
        with CaptureQueriesContext(connection) as ctx, open(path, "rb") as handle:
            start = time.perf_counter()
            hasil = renstra_impor(
                opd=opd, tahun_awal=2021, tahun_akhir=2026, berkas=handle, **kwargs
            )
            elapsed = time.perf_counter() - start
        if hasil.kesalahan:
            print(f"{label}: {len(hasil.kesalahan)} kesalahan, mis. {hasil.kesalahan[0]}")
            sys.exit(1)
        counts = {k: v for k, v in hasil.ringkasan.items()}
        print(
            f"{label:<32}{elapsed:8.2f} s  {len(ctx.captured_queries):6d} queries  "
            f"sub kegiatan {counts['Sub Kegiatan']}  indikator {counts['Indikator']}"
        )
        return elapsed

    print(
        f"database: {connection.vendor}; workbook: {n_sub} sub kegiatan, {rows} data rows "
        f"in 6 sheets, {size / 1024:.0f} KiB, {len(tahun)} years; generated in {t_write:.2f} s"
    )
    run("dry run (empty period)", dry_run=True)
    run("import (everything added)")
    run("re-import (nothing changed)")
    assert SubKegiatan.objects.filter(periode__opd=opd).count() == n_sub


if __name__ == "__main__":
    main()
