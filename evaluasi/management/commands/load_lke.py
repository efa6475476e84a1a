"""Load the LKE of PermenPAN-RB 88/2021 (fixtures/lke_88_2021.json) as a VersiLke.

Running it again changes nothing: an existing version is never edited."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from evaluasi import services

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "lke_88_2021.json"


class Command(BaseCommand):
    help = "Muat LKE PermenPAN-RB 88/2021 dari fixtures/lke_88_2021.json."

    def add_arguments(self, parser):
        parser.add_argument("--berkas", default=str(FIXTURE))

    def handle(self, *args, berkas, **options):
        data = json.loads(Path(berkas).read_text(encoding="utf-8"))
        versi, dibuat = services.lke_muat(data=data)
        pesan = "dimuat" if dibuat else "sudah ada, tidak diubah"
        self.stdout.write(f"{versi}: {pesan}.")
