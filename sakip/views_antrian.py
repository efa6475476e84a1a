"""The progress page of a queued job and its file (README, "Antrian").

GET /antrian/<pk>/ shows "Dokumen sedang disiapkan …" with its progress; htmx asks again
every 2 seconds for the fragment alone (hx-trigger on the fragment: no script, CSP-safe).
A finished job offers its file, or sends the browser on to its result page (an import's
preview or messages); a failed one shows its Indonesian message. A job still queued after
a minute says that no worker has picked it up; a running one that reported no progress for
SAKIP_ANTRIAN_MACET_MENIT minutes says that its worker has most likely stopped."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from sakip import antrian
from sakip.models import Pekerjaan


def ikuti(request, pekerjaan, hasil):
    """After queueing: the result at once when the job is already done (a reused job, or
    CELERY_TASK_ALWAYS_EAGER), else the progress page. `hasil(request, pekerjaan)` renders
    a finished job's result page."""
    if pekerjaan.status == Pekerjaan.Status.SELESAI:
        return hasil(request, pekerjaan)
    return redirect(reverse("pekerjaan", args=[pekerjaan.pk]))


def pekerjaan_untuk(user, pk):
    """The job when the user may follow it (404 otherwise: its id says nothing)."""
    pekerjaan = get_object_or_404(Pekerjaan.objects.select_related("opd", "pemilik"), pk=pk)
    if not antrian.boleh_lihat(user, pekerjaan):
        raise Http404("Pekerjaan tidak ditemukan.")
    return pekerjaan


def _konteks(pekerjaan):
    return {
        "pekerjaan": pekerjaan,
        "belum_diambil": antrian.belum_diambil(pekerjaan, settings.SAKIP_ANTRIAN_TUNGGU_DETIK),
        "macet": antrian.macet(pekerjaan, settings.SAKIP_ANTRIAN_MACET_MENIT),
        "macet_menit": settings.SAKIP_ANTRIAN_MACET_MENIT,
        "ada_berkas": pekerjaan.status == Pekerjaan.Status.SELESAI
        and antrian.berkas_ada(pekerjaan),
    }


@login_required
@require_GET
def pekerjaan_status(request, pk):
    pekerjaan = pekerjaan_untuk(request.user, pk)
    selesai = pekerjaan.status == Pekerjaan.Status.SELESAI
    if selesai and pekerjaan.url_hasil and not pekerjaan.berkas:
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = pekerjaan.url_hasil
            return response
        return redirect(pekerjaan.url_hasil)
    template = "sakip/_pekerjaan.html" if request.htmx else "sakip/pekerjaan.html"
    return render(request, template, _konteks(pekerjaan))


@login_required
@require_GET
def pekerjaan_berkas(request, pk):
    pekerjaan = pekerjaan_untuk(request.user, pk)
    if pekerjaan.status != Pekerjaan.Status.SELESAI or not antrian.berkas_ada(pekerjaan):
        return redirect(reverse("pekerjaan", args=[pekerjaan.pk]))
    return berkas_response(pekerjaan)


def berkas_response(pekerjaan, *, inline=None):
    """The job's file: PDFs inline (as the PDF links always were), others as attachments."""
    content_type = pekerjaan.content_type or "application/octet-stream"
    if inline is None:
        inline = content_type == "application/pdf"
    return FileResponse(
        pekerjaan.berkas.open("rb"),
        content_type=content_type,
        as_attachment=not inline,
        filename=pekerjaan.nama_berkas or pekerjaan.berkas.name.rsplit("/", 1)[-1],
    )
