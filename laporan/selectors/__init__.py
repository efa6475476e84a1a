"""The rows of each document (STYLE rules 0b and 4: one set of typed rows for HTML, PDF and
XLSX), one module per document:

    pk            Perjanjian Kinerja              rencana_aksi  Rencana Aksi per unit
    pengukuran    Pengukuran Kinerja TW I–IV      lkjip         LKjIP with its annexes
    iku           Indikator Kinerja Utama         cascading     Keterkaitan IKU (seed 000)
    indeks        the documents page of a year    target        the targets grid
    pohon         Pohon Kinerja (tree, review)
    umum          the per-request Konteks, the plan tree, typed values, signatures

Each `*_document` returns a plain dict the templates render and laporan.xlsx writes. The
plan is read in a fixed number of queries; every figure comes from the engine
(kinerja.selectors.capaian_opd / indikator_rows, anggaran.selectors for money, sakip.capaian
for the rules), computed once per request through a Konteks. Nothing here formats a number.
"""

from laporan.pengesahan import (
    Pengesahan,
    kepala_menjabat,
    pengesahan,
    rekaman_untuk,
    ttd_pengesahan,
)
from laporan.selectors.cascading import cascading_document
from laporan.selectors.iku import iku_document
from laporan.selectors.indeks import indeks_context, tahun_pelaporan
from laporan.selectors.lkjip import lkjip_document, lkjip_indikator
from laporan.selectors.pengukuran import pengukuran_document
from laporan.selectors.pk import (
    pk_default_choices,
    pk_document,
    pk_kekurangan,
    pk_list,
    pk_live_rows,
    pk_pendukung,
)
from laporan.selectors.pohon import pohon_document, pohon_untuk
from laporan.selectors.rencana_aksi import aksi_list, rencana_aksi_document
from laporan.selectors.target import target_rows
from laporan.selectors.umum import (
    JENIS,
    LANDSCAPE,
    DokumenTidakAda,
    Konteks,
    kepala_daerah,
    kepala_opd,
    periode_wajib,
    pk_for,
)
from renstra.models import UnitKerja
from renstra.selectors import periode_aktif

__all__ = [
    "JENIS",
    "LANDSCAPE",
    "Pengesahan",
    "DokumenTidakAda",
    "Konteks",
    "aksi_list",
    "build_document",
    "cascading_document",
    "iku_document",
    "indeks_context",
    "tahun_pelaporan",
    "kepala_daerah",
    "kepala_menjabat",
    "kepala_opd",
    "lkjip_document",
    "lkjip_indikator",
    "pengesahan",
    "pengukuran_document",
    "periode_aktif",
    "periode_wajib",
    "pk_default_choices",
    "pk_document",
    "pk_for",
    "pk_kekurangan",
    "pk_list",
    "pk_live_rows",
    "pk_pendukung",
    "pohon_document",
    "pohon_untuk",
    "rekaman_untuk",
    "rencana_aksi_document",
    "target_rows",
    "ttd_pengesahan",
]


def build_document(
    jenis,
    opd,
    tahun,
    *,
    triwulan=None,
    unit_slug=None,
    versi=None,
    unit_id=None,
    semua_sub=False,
):
    """The dict of one document, by its URL name (views and render_report use this)."""
    if jenis == "pk":
        pk = pk_for(opd, tahun, versi)
        if versi and pk is None:
            raise DokumenTidakAda(f"PK versi {versi} tahun {tahun} tidak ada.")
        return pk_document(opd=opd, tahun=tahun, pk=pk)
    if jenis == "rencana-aksi":
        unit = None
        if unit_slug:
            unit = UnitKerja.objects.filter(opd=opd, slug=unit_slug).first()
            if unit is None:
                raise DokumenTidakAda(f"Unit kerja '{unit_slug}' tidak ada di {opd.nama}.")
        return rencana_aksi_document(opd=opd, tahun=tahun, unit=unit)
    if jenis == "pengukuran":
        if triwulan not in (1, 2, 3, 4):
            raise DokumenTidakAda("Triwulan harus 1 sampai 4.")
        return pengukuran_document(opd=opd, tahun=tahun, triwulan=triwulan)
    if jenis == "lkjip":
        return lkjip_document(opd=opd, tahun=tahun)
    if jenis == "iku":
        return iku_document(opd=opd, tahun=tahun)
    if jenis == "cascading":
        return cascading_document(opd=opd, tahun=tahun, semua_sub=semua_sub)
    if jenis == "pohon-kinerja":
        return pohon_document(opd=opd, tahun=tahun, triwulan=triwulan or 4, unit_id=unit_id)
    raise DokumenTidakAda(f"Jenis dokumen '{jenis}' tidak dikenal.")
