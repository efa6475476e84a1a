"""The LKjIP and the PK as Word (.docx), from the same rows as their HTML and PDF."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from laporan.views import dokumen


@login_required
@require_GET
def dokumen_docx(request, opd, tahun, jenis):
    """A PK or LKjIP as .docx (laporan.word) for an OPD that polishes it in Word, rendered
    on the queue (laporan.antrian)."""

    return dokumen.minta(
        request, opd, tahun, jenis, bentuk="docx", nama_berkas="{jenis}-{opd}-{tahun}.docx"
    )
