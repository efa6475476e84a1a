"""python manage.py export_renstra --opd <slug> --periode 2021-2026 [-o berkas.xlsx]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from anggaran.management.commands.import_renstra import baca_periode
from anggaran.renstra_xlsx import renstra_export
from renstra.models import PeriodeRenstra
from sakip import xlsx


class Command(BaseCommand):
    help = "Ekspor Renstra satu periode ke workbook Excel dengan format impor."

    def add_arguments(self, parser):
        parser.add_argument("--opd", required=True, help="slug perangkat daerah")
        parser.add_argument("--periode", required=True, help="mis. 2021-2026")
        parser.add_argument("--versi", type=int, help="versi Renstra (bawaan: versi terakhir)")
        parser.add_argument(
            "-o", "--output", help="berkas tujuan (bawaan: renstra-<opd>-<periode>.xlsx)"
        )

    def handle(self, *args, **options):
        try:
            awal, akhir = baca_periode(options["periode"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        qs = PeriodeRenstra.objects.filter(
            opd__slug=options["opd"], tahun_awal=awal, tahun_akhir=akhir
        ).select_related("opd")
        if options["versi"]:
            qs = qs.filter(versi=options["versi"])
        periode = qs.order_by("-versi").first()
        if periode is None:
            raise CommandError(f"Renstra {awal}–{akhir} untuk '{options['opd']}' tidak ada.")
        output = options["output"] or f"renstra-{periode.opd.slug}-{awal}-{akhir}.xlsx"
        # Through the one writer: text cells are saved as text, never as formulas.
        Path(output).write_bytes(xlsx.simpan_bytes(renstra_export(periode)))
        self.stdout.write(self.style.SUCCESS(f"Tersimpan: {output}"))
