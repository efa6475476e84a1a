from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from renstra import demo
from renstra.models import PerangkatDaerah, TriwulanPelaporan


class Command(BaseCommand):
    help = (
        "Migrasi basis data, muat semua fixture dari dokumen sumber, dan buat satu pengguna "
        "demo per peran. Aman dijalankan berulang kali."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-migrate", action="store_true", help="Lewati migrate.")

    def handle(self, *args, **options):
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        with transaction.atomic():
            call_command("loaddata", *demo.FIXTURES, verbosity=0)
            opd = PerangkatDaerah.objects.select_related("pemda").get(slug=demo.DEMO_OPD_SLUG)
            demo.create_demo_users(opd)
            demo.create_demo_pejabat(opd)
            demo.create_demo_pohon(opd)
            tahun, triwulan = demo.DEMO_TRIWULAN
            TriwulanPelaporan.objects.get_or_create(opd=opd, tahun=tahun, triwulan=triwulan)
        self.stdout.write(
            self.style.SUCCESS(
                f"Data demo dimuat ({len(demo.FIXTURES)} berkas fixture). Pengguna: "
                f"{', '.join(demo.DEMO_USERS)}; kata sandi: {demo.DEMO_PASSWORD}"
            )
        )
