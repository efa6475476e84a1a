from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from kinerja.models import TriwulanPelaporan
from renstra import demo
from renstra.models import Pengguna, PerangkatDaerah


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
            for username, (role, unit_slug) in demo.DEMO_USERS.items():
                self._user(username, role, opd, unit_slug)
            tahun, triwulan = demo.DEMO_TRIWULAN
            TriwulanPelaporan.objects.get_or_create(opd=opd, tahun=tahun, triwulan=triwulan)
        self.stdout.write(
            self.style.SUCCESS(
                f"Data demo dimuat ({len(demo.FIXTURES)} berkas fixture). Pengguna: "
                f"{', '.join(demo.DEMO_USERS)}; kata sandi: {demo.DEMO_PASSWORD}"
            )
        )

    def _user(self, username, role, opd, unit_slug):
        user = Pengguna.objects.filter(username=username).first() or Pengguna(username=username)
        first, last = demo.DEMO_NAMES[username]
        user.first_name, user.last_name = first, last
        user.pemda = opd.pemda
        user.opd = opd
        user.unit = opd.unit_set.get(slug=unit_slug) if unit_slug else None
        user.is_staff = username == "admin"
        user.is_superuser = username == "admin"
        if not user.pk or not user.check_password(demo.DEMO_PASSWORD):
            user.set_password(demo.DEMO_PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=role)])
