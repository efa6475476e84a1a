"""Documents rendered on the task queue (README, "Antrian"): a PDF or a Word file that is
not stored yet (a draft, a final document's first rendering). The web request records a
job (sakip.models.Pekerjaan) with what names the document; the worker builds the document
dict again from those names, renders it, and stores it as the web request would have
(a PDF as a DokumenTerbit with its verification code, a .docx as the job's file).

Builders by `params["sumber"]`: "laporan" (laporan.selectors.build_document), "pk-jenjang"
(one official's PK per jenjang); a higher app adds its own (evaluasi's LHE)."""

import logging
import time
from contextlib import contextmanager

from celery import shared_task
from django.core.files.base import ContentFile

from laporan import matriks, matriks_pdf, pdf, selectors, word
from laporan.models import PerjanjianKinerja
from laporan.selectors.pk import pk_document
from renstra.models import PerangkatDaerah, PeriodeRenstra
from sakip import antrian


def _laporan(params, opd):
    return selectors.build_document(params["jenis"], opd, params["tahun"], **params["args"])


def _pk_jenjang(params, opd):
    pk = PerjanjianKinerja.objects.filter(pk=params["pk"], opd=opd).first()
    if pk is None:
        raise antrian.GagalPekerjaan("PK per jenjang ini sudah tidak ada.")
    return pk_document(opd=opd, tahun=params["tahun"], pk=pk)


def _matriks(params, opd):
    periode = PeriodeRenstra.objects.filter(pk=params["periode"], opd=opd).first()
    if periode is None:
        raise antrian.GagalPekerjaan("Periode Renstra matriks ini sudah tidak ada.")
    periode.opd = opd
    try:
        return matriks.matriks(params["jenis"], periode)
    except matriks.MatriksTidakAda as exc:
        raise antrian.GagalPekerjaan(str(exc)) from exc


PEMBANGUN = {"laporan": _laporan, "pk-jenjang": _pk_jenjang, "matriks": _matriks}


def _terbitkan(doc, params, user):
    """Issue the PDF (or find the one issued meanwhile): (DokumenTerbit, RenderedPdf)."""
    if params.get("sumber") == "matriks":
        return matriks_pdf.terbitkan(
            doc, kertas=params["kertas"], user=user, base_url=params.get("base_url")
        )
    return pdf.issued_final(doc) or pdf.issue_pdf(doc, user=user, base_url=params.get("base_url"))


def bangun(params):
    """The document dict the job names, read afresh from the database."""
    opd = PerangkatDaerah.objects.select_related("pemda").filter(pk=params["opd"]).first()
    if opd is None:
        raise antrian.GagalPekerjaan("Perangkat daerah dokumen ini sudah tidak ada.")
    try:
        return PEMBANGUN[params.get("sumber", "laporan")](params, opd)
    except selectors.DokumenTidakAda as exc:
        raise antrian.GagalPekerjaan(str(exc)) from exc


class _Tahap(logging.Handler):
    """WeasyPrint logs each step of a render on "weasyprint.progress" ("Step 5 - Creating
    layout - Page 12"): the job's progress follows the pages laid out (at most once a
    second, so a long LKjIP does not write its job row per page). A document that prints
    "page n of N" is laid out twice; the second pass counts against the first's pages, so
    the bar never goes back."""

    def __init__(self, lapor):
        super().__init__(logging.INFO)
        self.lapor, self.terakhir = lapor, 0.0
        self.halaman = self.jumlah = 0
        self.ulang = False

    def emit(self, record):
        teks, sekarang = record.getMessage(), time.monotonic()
        if teks.startswith("Step 6"):
            self.lapor(88, "Menulis berkas PDF")
            return
        halaman = teks.rsplit(" ", 1)[-1]
        if not teks.startswith("Step 5") or not halaman.isdigit():
            return
        halaman = int(halaman)
        if halaman < self.halaman:
            self.ulang = True
        self.halaman, self.jumlah = halaman, max(self.jumlah, halaman)
        if sekarang - self.terakhir < 1:
            return
        self.terakhir = sekarang
        if self.ulang:
            self.lapor(
                70 + 15 * halaman // self.jumlah,
                f"Menata ulang halaman {halaman} dari {self.jumlah}",
            )
        else:
            self.lapor(min(70, 30 + halaman // 2), f"Menata halaman {halaman}")


@contextmanager
def _ikuti_weasyprint(lapor):
    logger = logging.getLogger("weasyprint.progress")
    handler, level, propagate = _Tahap(lapor), logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # the steps feed the job's progress, not the worker's log
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def kerjakan(pekerjaan, lapor):
    params = pekerjaan.params
    lapor(10, "Membaca data dokumen")
    doc = bangun(params)
    if params["bentuk"] == "docx":
        lapor(40, "Menyusun berkas Word")
        content = word.dokumen_docx(doc)
        lapor(90, "Menyimpan berkas")
        nama = params.get("nama_berkas") or f"{doc['jenis']}.docx"
        pekerjaan.berkas.save(nama, ContentFile(content), save=False)
        pekerjaan.nama_berkas, pekerjaan.content_type = nama, word.CONTENT_TYPE
        return
    lapor(30, "Menata halaman PDF")
    # No transaction held over the render (seconds for a long LKjIP): the issued row is
    # one insert, and dokumen_issue removes its file when that insert fails.
    with _ikuti_weasyprint(lapor):
        dokumen, _ = _terbitkan(doc, params, pekerjaan.pemilik)
    nama = params.get("nama_berkas") or dokumen.berkas.name.rsplit("/", 1)[-1]
    pekerjaan.nama_berkas = nama
    pekerjaan.content_type = "application/pdf"
    pekerjaan.hasil = {"dokumen_terbit": dokumen.pk, "kode": dokumen.kode}
    pekerjaan.berkas.name = dokumen.berkas.name  # the issued file itself, not a copy


@shared_task(name="laporan.dokumen", ignore_result=True)
def buat_dokumen(pk):
    antrian.jalankan(pk, kerjakan)
