from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET

from laporan import antrian, matriks
from laporan import matriks_pdf as pdf_matriks  # the view below is named matriks_pdf
from renstra.models import PerangkatDaerah, PeriodeRenstra
from sakip import access, roles, xlsx

# Paper: A4 landscape by default; F4 (215 × 330 mm) on request (?kertas=f4). The sizes are
# the @page rules of static/css/cetak.css (no inline CSS under the Content-Security-Policy).
KERTAS = ("a4", "f4")


def _matriks(request, opd, periode, jenis):
    opd = get_object_or_404(PerangkatDaerah.objects.select_related("pemda"), slug=opd)
    if not access.can_see_opd(request.user, opd):
        raise Http404("Perangkat daerah tidak ditemukan.")
    periode = get_object_or_404(PeriodeRenstra, pk=periode, opd=opd)
    periode.opd = opd
    try:
        return matriks.matriks(jenis, periode)
    except matriks.MatriksTidakAda as exc:
        raise Http404(str(exc)) from exc


def _kertas(request):
    kertas = request.GET.get("kertas", "a4").lower()
    return kertas if kertas in KERTAS else "a4"


def _actions(request, doc):
    args = [doc["opd"].slug, doc["periode"].pk]
    pdf_url = reverse("laporan:matriks_pdf", args=[*args, doc["jenis"]])
    actions = [
        ("← Beranda", reverse("home")),
        ("Unduh PDF (A4)", pdf_url),
        ("Unduh PDF (F4)", pdf_url + "?kertas=f4"),
        ("Unduh Excel", reverse("laporan:matriks_xlsx", args=[*args, doc["jenis"]])),
    ]
    if access.has_role(request.user, roles.PERENCANA) and access.can_see_opd(
        request.user, doc["opd"]
    ):
        actions.append(
            (
                "Tanggal & penandatangan",
                reverse("laporan:matriks_pengesahan", args=[*args, doc["jenis"]]),
            )
        )
    for jenis, (kode, _) in matriks.MATRIKS.items():
        if jenis != doc["jenis"]:
            actions.append((kode, reverse("laporan:matriks", args=[*args, jenis])))
    return actions


_render = pdf_matriks.render


def _nama_berkas(doc, ext):
    return f"{doc['jenis']}-{doc['opd'].slug}-{doc['periode'].tahun_awal}-{doc['periode'].tahun_akhir}.{ext}"


@login_required
@require_GET
def matriks_html(request, opd, periode, jenis):
    doc = _matriks(request, opd, periode, jenis)
    return HttpResponse(
        _render(doc, kertas=_kertas(request), request=request, actions=_actions(request, doc))
    )


@login_required
@require_GET
def matriks_pdf(request, opd, periode, jenis):
    """The matrix as PDF: its stored draft at once, otherwise through the queue."""
    doc = _matriks(request, opd, periode, jenis)
    kertas = _kertas(request)
    return antrian.minta_dokumen(
        request,
        doc,
        bentuk="pdf",
        params={
            "sumber": "matriks",
            "jenis": jenis,
            "periode": doc["periode"].pk,
            "kertas": kertas,
        },
        nama_berkas=_nama_berkas(doc, "pdf"),
        sidik=pdf_matriks.sidik(doc, kertas),
        jenis_terbit=pdf_matriks.jenis_terbit(doc),
    )


@login_required
@require_GET
def matriks_xlsx(request, opd, periode, jenis):
    doc = _matriks(request, opd, periode, jenis)
    return xlsx.xlsx_response(
        matriks.matriks_workbook(doc, kertas=_kertas(request)), _nama_berkas(doc, "xlsx")
    )
