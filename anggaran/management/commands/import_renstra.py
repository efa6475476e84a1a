"""python manage.py import_renstra <file.xlsx> --opd <slug> --periode 2021-2026 [--dry-run]"""

import re

from django.core.management.base import BaseCommand, CommandError

from anggaran.renstra_impor import renstra_impor
from renstra.models import PerangkatDaerah
from sakip.xlsx import BerkasTidakValid


def baca_periode(text):
    match = re.fullmatch(r"\s*(\d{4})\s*[-–/]\s*(\d{4})\s*", text or "")
    if not match:
        raise ValueError("Periode ditulis sebagai tahun awal-tahun akhir, mis. 2021-2026.")
    awal, akhir = int(match[1]), int(match[2])
    if not (2000 <= awal <= akhir <= 2100) or akhir - awal > 6:
        raise ValueError("Periode tidak sah: tahun akhir paling lama 6 tahun setelah tahun awal.")
    return awal, akhir


class Command(BaseCommand):
    help = "Impor Renstra dari workbook Excel (format: lihat README, 'Format workbook Renstra')."

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="berkas .xlsx")
        parser.add_argument("--opd", required=True, help="slug perangkat daerah")
        parser.add_argument("--periode", required=True, help="mis. 2021-2026")
        parser.add_argument("--dry-run", action="store_true", help="periksa saja, tidak menyimpan")

    def handle(self, *args, **options):
        try:
            opd = PerangkatDaerah.objects.get(slug=options["opd"])
        except PerangkatDaerah.DoesNotExist:
            raise CommandError(
                f"Perangkat daerah dengan slug '{options['opd']}' tidak ada."
            ) from None
        try:
            awal, akhir = baca_periode(options["periode"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        try:
            with open(options["berkas"], "rb") as handle:
                hasil = renstra_impor(
                    opd=opd,
                    tahun_awal=awal,
                    tahun_akhir=akhir,
                    berkas=handle,
                    dry_run=options["dry_run"],
                )
        except FileNotFoundError:
            raise CommandError(f"Berkas {options['berkas']} tidak ditemukan.") from None
        except BerkasTidakValid as exc:
            raise CommandError(str(exc)) from None
        if hasil.kesalahan:
            for kesalahan in hasil.kesalahan:
                self.stderr.write(str(kesalahan))
            raise CommandError(f"{len(hasil.kesalahan)} sel salah; tidak ada data yang disimpan.")
        self.stdout.write(
            f"{'Jenis':<14}{'ditambah':>10}{'diubah':>10}{'tetap':>10}{'dibiarkan':>11}"
        )
        for jenis, counts in hasil.baris_ringkasan():
            self.stdout.write(
                f"{jenis:<14}{counts['ditambah']:>10}{counts['diubah']:>10}"
                f"{counts['tetap']:>10}{counts['dibiarkan']:>11}"
            )
        if options["dry_run"]:
            self.stdout.write(
                self.style.WARNING("Pemeriksaan saja (--dry-run): tidak ada yang disimpan.")
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Renstra {opd.nama} {awal}–{akhir} tersimpan."))
