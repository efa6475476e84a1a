"""Time the realisation upload of a large unit (issue 15 item 3).

    .venv/bin/python bench/unggah.py                      # SQLite (a fresh test DB)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sakip_bench .venv/bin/python bench/unggah.py
    .venv/bin/python bench/unggah.py --baris 900

Builds, in a fresh test database (created and dropped here; the real database is not
touched), the workflow test world (tests/kinerja/dunia.py) with --baris more percentage
indicators in one unit, half of them with a stored draft, downloads the unit's workbook
(kinerja.excel.templat_realisasi), types a new value in every row and then times, with
wall and CPU seconds and the query count:

- the floor: openpyxl reading the same workbook (read-only), nothing else
- the preview: kinerja.excel.baca_unggahan (every row checked once)
- the save: kinerja.excel.terapkan(simpan=True) (bulk INSERT/UPDATE with history)
- before: the same rows through the single-row service (realisasi_simpan) one by one, as
  the upload did before; rolled back
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


def _ukur(fungsi):
    from django.db import connection

    kueri = [0]

    def hitung(execute, sql, params, many, context):
        kueri[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(hitung):
        w0, c0 = time.perf_counter(), time.process_time()
        hasil = fungsi()
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    return hasil, wall, cpu, kueri[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baris", type=int, default=900, help="jumlah indikator (bawaan 900)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, transaction
    from django.test.utils import setup_databases, teardown_databases
    from openpyxl import load_workbook

    from kinerja import excel
    from kinerja.models import Realisasi
    from kinerja.services import realisasi_simpan
    from renstra.models import Indikator
    from tests.factories import IndikatorFactory
    from tests.kinerja.dunia import buat_dunia

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    vendor = connection.vendor
    old_config = setup_databases(verbosity=0, interactive=False, keepdb=False)
    try:
        t0 = time.perf_counter()
        d = buat_dunia()
        baru = []
        for i in range(args.baris):
            ind = IndikatorFactory(
                sasaran=None, sub_kegiatan=d.sub_a, uraian=f"Persentase bench {i}", satuan="%"
            )
            if i % 2:
                baru.append(
                    Realisasi(indikator=ind, tahun=d.tahun, triwulan=d.triwulan, nilai=10, versi=1)
                )
        Realisasi.objects.bulk_create(baru)
        wb = excel.templat_realisasi(unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan)
        ws = wb[excel.SHEET_KINERJA]
        ids = {
            i.pk for i in Indikator.objects.filter(uraian__startswith="Persentase bench").only("pk")
        }
        for r in ws.iter_rows(min_row=2):
            if r[0].value in ids:
                r[excel.K_REALISASI - 1].value = "55,5"
                r[excel.K_PENJELASAN - 1].value = "Diisi bench"
        buffer = io.BytesIO()
        wb.save(buffer)
        content = buffer.getvalue()
        if vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"Basis data: {vendor} ({connection.settings_dict['NAME']})")
        print(
            f"Dibangun dalam {time.perf_counter() - t0:.1f} s: {args.baris} indikator di satu "
            f"unit, {len(baru)} dengan realisasi tersimpan; workbook {len(content) // 1024} KB"
        )

        def lantai():
            wb = load_workbook(io.BytesIO(content), read_only=True)
            n = sum(1 for _ in wb[excel.SHEET_KINERJA].iter_rows(values_only=True))
            wb.close()
            return n

        def pratinjau():
            return excel.baca_unggahan(content, unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan)

        hasil, *ukur_pratinjau = _ukur(pratinjau)
        assert not hasil.kesalahan, hasil.kesalahan[:3]
        perubahan = [p.as_session() for p in hasil.perubahan]

        def satu_per_satu():
            with transaction.atomic():
                for p in perubahan:
                    if p["jenis"] != "kinerja":
                        continue
                    realisasi_simpan(
                        user=d.operator,
                        indikator=Indikator(pk=p["obj_id"]),
                        tahun=d.tahun,
                        triwulan=d.triwulan,
                        versi=p["dasar"]["versi"],
                        nilai=p["data"]["nilai"],
                        penjelasan=p["data"]["penjelasan"],
                    )
                transaction.set_rollback(True)

        def simpan():
            return excel.terapkan(
                user=d.operator,
                unit=d.unit_a,
                tahun=d.tahun,
                triwulan=d.triwulan,
                perubahan=perubahan,
                simpan=True,
            )

        baris = [
            ("lantai: openpyxl membaca workbook", _ukur(lantai)[1:]),
            ("pratinjau (baca_unggahan)", ukur_pratinjau),
            ("sebelum: layanan satu per satu", _ukur(satu_per_satu)[1:]),
        ]
        if os.environ.get("BENCH_PROFIL"):
            import cProfile
            import pstats

            prof = cProfile.Profile()
            prof.enable()
            kesalahan, *ukur_simpan = _ukur(simpan)
            prof.disable()
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        else:
            kesalahan, *ukur_simpan = _ukur(simpan)
        assert not kesalahan, kesalahan[:3]
        baris.append(("simpan massal (terapkan)", ukur_simpan))
        print(f"{len(perubahan)} baris berubah")
        print(f"{'langkah':<36} {'wall s':>8} {'CPU s':>8} {'kueri':>7}")
        for nama, (wall, cpu, kueri) in baris:
            print(f"{nama:<36} {wall:>8.2f} {cpu:>8.2f} {kueri:>7}")
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
