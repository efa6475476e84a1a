"""The LKjIP and the PK as Word (.docx), from the same rows as their HTML and PDF."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from laporan import word
from laporan.views import dokumen


@login_required
@require_GET
def dokumen_docx(request, opd, tahun, jenis):
    """A PK or LKjIP as .docx (laporan.word) for an OPD that polishes it in Word."""

    opd = dokumen.opd_for(request.user, opd)
    doc = dokumen.build(request, opd, tahun, jenis)
    response = HttpResponse(word.dokumen_docx(doc), content_type=word.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{jenis}-{opd.slug}-{tahun}.docx"'
    return response
