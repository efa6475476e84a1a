"""The interactive pohon kinerja page of an OPD (issue 16); its PDF and XLSX are the
document "pohon-kinerja" (laporan.views.dokumen, laporan.xlsx.pohon)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from laporan import selectors
from laporan.views.dokumen import opd_for
from renstra import lingkup
from renstra.models import UnitKerja
from sakip import access, roles


def _triwulan(request):
    tw = request.GET.get("triwulan", "")
    return int(tw) if tw in ("1", "2", "3", "4") else 4


@login_required
@require_GET
def pohon(request, opd, tahun):
    opd = opd_for(request.user, opd)
    unit_id = lingkup.unit_terikat(request.user)
    # Pimpinan / Bappeda and the admin read the whole Pemda's tree: who contributes to what
    boleh_pemda = access.has_role(request.user, roles.PIMPINAN, roles.ADMIN)
    seluruh = boleh_pemda and request.GET.get("lingkup") == "pemda"
    try:
        doc = selectors.pohon_document(
            opd=opd,
            tahun=tahun,
            triwulan=_triwulan(request),
            unit_id=unit_id,
            seluruh_pemda=seluruh,
        )
    except selectors.DokumenTidakAda as exc:
        raise Http404(str(exc)) from exc
    unit = UnitKerja.objects.filter(pk=unit_id).first() if unit_id else None
    return render(
        request,
        "laporan/pohon.html",
        {
            "doc": doc,
            "unit": unit,
            "pilihan_triwulan": (1, 2, 3, 4),
            "boleh_pemda": boleh_pemda,
        },
    )
