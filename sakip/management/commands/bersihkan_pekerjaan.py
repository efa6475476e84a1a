"""Delete queued jobs that ended more than SAKIP_PEKERJAAN_SIMPAN_HARI days ago and the
files only they use (README, "Antrian"); an issued document's file always stays.

    python manage.py bersihkan_pekerjaan [--hari N] [--coba]

The Celery beat runs the same nightly (sakip.tasks.bersihkan_pekerjaan) when a beat runs;
scripts/start.sh runs this command once before it starts the worker."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sakip import antrian


class Command(BaseCommand):
    help = (
        "Hapus pekerjaan antrian yang selesai/gagal lebih dari SAKIP_PEKERJAAN_SIMPAN_HARI "
        "hari lalu beserta berkas yang hanya dipakai pekerjaan itu."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hari",
            type=int,
            default=None,
            help="batas umur dalam hari (bawaan: SAKIP_PEKERJAAN_SIMPAN_HARI)",
        )
        parser.add_argument(
            "--coba",
            "--dry-run",
            action="store_true",
            dest="coba",
            help="hanya tampilkan apa yang akan dihapus; tidak mengubah apa pun",
        )

    def handle(self, *args, hari=None, coba=False, **options):
        hari = settings.SAKIP_PEKERJAAN_SIMPAN_HARI if hari is None else hari
        if hari < 0:
            raise CommandError("--hari tidak boleh negatif.")
        hasil = antrian.bersihkan(hari=hari, coba=coba)
        kata = "akan dihapus" if coba else "dihapus"
        for pk, jenis, status, waktu in hasil.pekerjaan:
            self.stdout.write(f"pekerjaan #{pk} {jenis} ({status}, {waktu:%Y-%m-%d %H:%M}) {kata}")
        for name in hasil.berkas:
            self.stdout.write(f"berkas {name} {kata}")
        for name in hasil.disimpan:
            self.stdout.write(f"berkas {name} tetap (dipakai dokumen terbit atau pekerjaan lain)")
        for pk in hasil.ditinggalkan:
            self.stdout.write(
                f"pekerjaan #{pk} macet lebih dari {hari} hari "
                f"{'akan ditandai' if coba else 'ditandai'} gagal"
            )
        awalan = "Uji coba, tidak ada yang diubah: " if coba else ""
        self.stdout.write(
            f"{awalan}{len(hasil.pekerjaan)} pekerjaan dan {len(hasil.berkas)} berkas {kata} "
            f"(lebih dari {hari} hari); {len(hasil.disimpan)} berkas tetap."
        )
