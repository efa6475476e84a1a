from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sakip import cadangan


class Command(BaseCommand):
    help = (
        "Cadangkan basis data (SQLite atau PostgreSQL), dokumen terbit (MEDIA_ROOT) dan "
        "berkas bukti (PRIVATE_MEDIA_ROOT) ke satu arsip .tar.gz dengan manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            help="Berkas arsip yang ditulis (bawaan: sakip-cadangan-<tanggal-jam>.tar.gz).",
        )

    def handle(self, *args, **options):
        output = options["output"] or (
            f"sakip-cadangan-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        )
        try:
            hasil = cadangan.buat_cadangan(output)
        except cadangan.CadanganError as exc:
            raise CommandError(str(exc)) from None
        m = hasil.manifest
        self.stdout.write(
            self.style.SUCCESS(
                f"Cadangan ditulis ke {hasil.path}: basis data {cadangan.ENGINE_LABEL[m['engine']]} "
                f"({sum(m['tables'].values())} baris dalam {len(m['tables'])} tabel), "
                f"{m['files']['media']} berkas dokumen, {m['files']['private']} berkas bukti."
            )
        )
