"""Targets for each official's SKP (issue 16 item 7): the officials holding nodes of the
OPD's pohon kinerja, and per official and year their rencana hasil kerja with indicator,
target and the superior's result it supports, with the quarterly realisation, as a page,
an XLSX (sakip.xlsx) and a CSV (text neutralised like the listings' CSV)."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from laporan import selectors
from laporan.selectors.pohon import SKP_KOLOM, pejabat_pohon, skp_document
from laporan.views.dokumen import opd_for
from renstra import lingkup
from renstra.models import Pejabat
from sakip import xlsx
from sakip.tables import teks_csv_aman


def _nilai(v):
    """A read-model Nilai as a cell: the number, the level's name or the written text."""
    if v.level is not None:
        return v.level.nama
    if v.angka is not None:
        return v.angka
    return v.teks or None


def baris_skp(row):
    """One SkpRow as the cells of SKP_KOLOM, typed (numbers stay numbers)."""
    return [
        row.nip,
        row.nama,
        row.jabatan,
        row.unit,
        row.rencana_hasil_kerja,
        row.indikator,
        _nilai(row.target),
        row.satuan,
        row.rhk_atasan,
        *(_nilai(row.realisasi_triwulan[tw]) for tw in (1, 2, 3, 4)),
        row.capaian.nilai,
    ]


def _doc(request, opd, tahun, pejabat):
    opd = opd_for(request.user, opd)
    pejabat = get_object_or_404(Pejabat.objects.select_related("unit"), pk=pejabat, opd=opd)
    unit_id = lingkup.unit_terikat(request.user)
    if unit_id is not None and pejabat.unit_id != unit_id:
        raise Http404("Pejabat tidak ditemukan.")
    try:
        return skp_document(opd=opd, tahun=tahun, pejabat=pejabat, unit_id=unit_id)
    except selectors.DokumenTidakAda as exc:
        raise Http404(str(exc)) from exc


@login_required
@require_GET
def skp_daftar(request, opd, tahun):
    opd = opd_for(request.user, opd)
    daftar = pejabat_pohon(opd, tahun, unit_id=lingkup.unit_terikat(request.user))
    return render(
        request,
        "laporan/skp_daftar.html",
        {"opd": opd, "tahun": tahun, "daftar": daftar, "kolom": SKP_KOLOM},
    )


@login_required
@require_GET
def skp_detail(request, opd, tahun, pejabat):
    doc = _doc(request, opd, tahun, pejabat)
    return render(request, "laporan/skp_detail.html", {"doc": doc, "kolom": SKP_KOLOM})


def _nama_berkas(doc, ekstensi):
    nip = "".join(ch for ch in doc["pejabat"].nip if ch.isdigit()) or str(doc["pejabat"].pk)
    return f"skp-{doc['tahun']}-{nip}.{ekstensi}"


@login_required
@require_GET
def skp_xlsx(request, opd, tahun, pejabat):
    doc = _doc(request, opd, tahun, pejabat)
    wb = xlsx.workbook_tabel(f"SKP {doc['tahun']}", SKP_KOLOM, [baris_skp(r) for r in doc["rows"]])
    return xlsx.xlsx_response(wb, _nama_berkas(doc, "xlsx"))


@login_required
@require_GET
def skp_csv(request, opd, tahun, pejabat):
    doc = _doc(request, opd, tahun, pejabat)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_nama_berkas(doc, "csv")}"'
    response.write("\ufeff")  # so a spreadsheet reads the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(SKP_KOLOM)
    for r in doc["rows"]:
        writer.writerow(["" if v is None else teks_csv_aman(v) for v in baris_skp(r)])
    return response
