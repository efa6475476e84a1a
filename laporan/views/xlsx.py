"""Documents as .xlsx (issue 6), from the same rows as their HTML pages."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from laporan import xlsx as laporan_xlsx
from laporan.views import dokumen
from sakip import xlsx


@login_required
@require_GET
def dokumen_xlsx(request, opd, tahun, jenis, triwulan=None):
    """A document as .xlsx, from the same rows as its HTML page (laporan.xlsx)."""

    opd = dokumen.opd_for(request.user, opd)
    doc = dokumen.build(request, opd, tahun, jenis, triwulan)
    nama = jenis + (f"-tw{triwulan}" if triwulan else "")
    unit = request.GET.get("unit")
    if unit:
        nama += f"-{unit}"
    return xlsx.xlsx_response(laporan_xlsx.dokumen_workbook(doc), f"{nama}-{opd.slug}-{tahun}.xlsx")


@login_required
@require_GET
def tc27_xlsx(request, opd, pk):
    """The former address of T-C.27 as .xlsx: the Renstra matrix is built once, in
    laporan.matriks."""
    return redirect("laporan:matriks_xlsx", opd, pk, "t-c-27")
