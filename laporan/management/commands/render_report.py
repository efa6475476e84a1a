"""Render a document to HTML, PDF or (PK and LKjIP) Word outside the web workers (batch
printing; long LKjIPs).

    python manage.py render_report lkjip --opd dinsos-pppa-probolinggo --tahun 2020 \
        --format pdf --output lkjip-2020.pdf

    python manage.py render_report lkjip --opd dinsos-pppa-probolinggo --tahun 2020 \
        --format docx --output lkjip-2020.docx

A PDF is issued like one downloaded from the site: it gets a verification code, and its
bytes, page count and SHA-256 are stored as a DokumenTerbit.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from laporan import pdf, selectors, word
from renstra.models import Pengguna, PerangkatDaerah

JENIS = ["pk", "rencana-aksi", "pengukuran", "lkjip", "iku", "cascading"]


class Command(BaseCommand):
    help = (
        "Cetak dokumen (PK, Rencana Aksi, Pengukuran, LKjIP, IKU, cascading) ke HTML atau PDF; "
        "PK dan LKjIP juga ke Word (docx)."
    )

    def add_arguments(self, parser):
        parser.add_argument("jenis", choices=JENIS)
        parser.add_argument("--opd", required=True, help="slug perangkat daerah")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument("--triwulan", type=int, choices=[1, 2, 3, 4], help="untuk pengukuran")
        parser.add_argument("--unit", help="slug unit kerja (Rencana Aksi satu unit)")
        parser.add_argument("--versi", type=int, help="versi PK (bawaan: terbaru)")
        parser.add_argument("--format", choices=["html", "pdf", "docx"], default="pdf")
        parser.add_argument("--output", required=True, help="berkas tujuan")
        parser.add_argument("--oleh", help="username pencetak (dicatat pada dokumen terbit)")

    def handle(self, *args, **options):
        jenis = options["jenis"]
        if options["format"] == "docx" and jenis not in word.EKSPOR:
            raise CommandError("Format docx hanya untuk PK dan LKjIP.")
        if jenis == "pengukuran" and not options["triwulan"]:
            raise CommandError("Pengukuran memerlukan --triwulan 1 sampai 4.")
        opd = PerangkatDaerah.objects.select_related("pemda").filter(slug=options["opd"]).first()
        if opd is None:
            raise CommandError(f"Perangkat daerah '{options['opd']}' tidak ditemukan.")
        user = None
        if options["oleh"]:
            user = Pengguna.objects.filter(username=options["oleh"]).first()
            if user is None:
                raise CommandError(f"Pengguna '{options['oleh']}' tidak ditemukan.")
        start = time.perf_counter()
        try:
            doc = selectors.build_document(
                jenis,
                opd,
                options["tahun"],
                triwulan=options["triwulan"],
                unit_slug=options["unit"],
                versi=options["versi"],
            )
        except selectors.DokumenTidakAda as exc:
            raise CommandError(str(exc)) from exc
        output = Path(options["output"])
        output.parent.mkdir(parents=True, exist_ok=True)
        if options["format"] == "docx":
            content = word.dokumen_docx(doc)
            output.write_bytes(content)
            self.stdout.write(
                f"{output}: Word, {len(content)} byte ({time.perf_counter() - start:.2f} detik)"
            )
            return
        if options["format"] == "html":
            output.write_text(pdf.render_html(doc), encoding="utf-8")
            self.stdout.write(f"{output}: HTML ({time.perf_counter() - start:.2f} detik)")
            return
        dokumen, rendered = pdf.issue_pdf(doc, user=user)
        output.write_bytes(rendered.content)
        self.stdout.write(
            f"{output}: {rendered.halaman} halaman, kode verifikasi {dokumen.kode}, "
            f"SHA-256 {rendered.sha256} ({time.perf_counter() - start:.2f} detik)"
        )
