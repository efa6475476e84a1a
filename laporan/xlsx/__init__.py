"""Every document as a workbook (PK lampiran, Rencana Aksi, Pengukuran, IKU, cascading,
LKjIP tables), one module per document, from the same typed rows the HTML and the PDF
render (laporan.selectors): numbers stay numbers with Indonesian number formats, headers
are merged like the printed tables, header rows are frozen and widths fitted. The cells
are written by laporan.xlsx.umum, which never reads a number out of text, on sheets laid
out by laporan.xlsx.lembar and written in write-only mode."""

from laporan.xlsx.cascading import ekspor_cascading
from laporan.xlsx.iku import ekspor_iku
from laporan.xlsx.lkjip import ekspor_lkjip
from laporan.xlsx.pengukuran import ekspor_pengukuran
from laporan.xlsx.pk import ekspor_pk
from laporan.xlsx.pohon import ekspor_pohon
from laporan.xlsx.rencana_aksi import ekspor_rencana_aksi
from sakip import xlsx

EKSPOR = {
    "pk": ekspor_pk,
    "rencana-aksi": ekspor_rencana_aksi,
    "pengukuran": ekspor_pengukuran,
    "lkjip": ekspor_lkjip,
    "iku": ekspor_iku,
    "cascading": ekspor_cascading,
    "pohon-kinerja": ekspor_pohon,
}


def dokumen_workbook(doc):
    """The workbook of a document dict from laporan.selectors.build_document, written in
    write-only mode (laporan.xlsx.lembar): save it once, with xlsx.simpan_bytes."""
    wb = xlsx.workbook_baru(write_only=True)
    EKSPOR[doc["jenis"]](wb, doc)
    return wb
