from django.core.management.base import BaseCommand, CommandError

from sakip import cadangan


class Command(BaseCommand):
    help = (
        "Pulihkan arsip dari perintah backup ke basis data dan folder media yang "
        "dikonfigurasi. Menolak basis data yang sudah berisi data kecuali dengan --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("arsip", help="Berkas .tar.gz hasil perintah backup.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Timpa basis data tujuan walaupun sudah berisi data.",
        )

    def handle(self, *args, **options):
        try:
            hasil = cadangan.pulihkan(options["arsip"], force=options["force"])
        except cadangan.CadanganError as exc:
            raise CommandError(str(exc)) from None
        m = hasil.manifest
        self.stdout.write(
            self.style.SUCCESS(
                f"Dipulihkan dari {hasil.path} (dibuat {m['created_at']}): basis data "
                f"{cadangan.ENGINE_LABEL[m['engine']]}, {m['files']['media']} berkas dokumen, "
                f"{m['files']['private']} berkas bukti."
            )
        )
