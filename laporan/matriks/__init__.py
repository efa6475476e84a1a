"""The Renstra matrices of Permendagri 86/2017 (seed 004, Lumajang): one set of rows per
matrix for the HTML page, the PDF and the XLSX (STYLE rule 4).

    tc23(periode)   T-C.23 target, realisation and rasio capaian of the tujuan and sasaran
                    indicators per year of the period
    tc24(periode)   T-C.24 anggaran, realisasi and rasio per program per year, with the
                    average growth of both
    tc27(periode)   T-C.27 program / kegiatan / sub-kegiatan with code, indicators, kondisi
                    awal, target and Rp per year, end of period, unit kerja and lokasi
    tc28(periode)   T-C.28 tujuan and sasaran indicators with kondisi awal, the target of
                    every year and the end-of-period condition

Every function reads a fixed number of queries whatever the size of the plan. Capaian,
penyerapan and growth come from sakip.capaian (through kinerja.selectors where the
engine offers the rows); program and kegiatan Rp are SQL sums of sub-kegiatan pagu
(anggaran.selectors.jumlah_pagu); nothing here adds money or divides.

Each matrix is one module (t_c_23, t_c_24, t_c_27, t_c_28) holding its rows and its
XLSX sheet; umum holds what they share; this package picks the builder by slug.
"""

from laporan.matriks.t_c_23 import tc23, xlsx_tc23
from laporan.matriks.t_c_24 import tc24, xlsx_tc24
from laporan.matriks.t_c_27 import tc27, xlsx_tc27
from laporan.matriks.t_c_28 import tc28, xlsx_tc28
from laporan.matriks.umum import MATRIKS, MatriksTidakAda, nama_pemda_pendek, tampil
from sakip import xlsx

__all__ = [
    "MATRIKS",
    "MatriksTidakAda",
    "matriks",
    "matriks_workbook",
    "nama_pemda_pendek",
    "tampil",
    "tc23",
    "tc24",
    "tc27",
    "tc28",
]

BUILDERS = {"t-c-23": tc23, "t-c-24": tc24, "t-c-27": tc27, "t-c-28": tc28}


def matriks(jenis, periode, *, tanggal=None):
    """The document dict of a matrix by its slug ('t-c-27'); MatriksTidakAda otherwise."""
    builder = BUILDERS.get(jenis)
    if builder is None:
        raise MatriksTidakAda(f"Matriks “{jenis}” tidak dikenal.")
    return builder(periode, tanggal=tanggal)


XLSX_BUILDERS = {
    "t-c-23": xlsx_tc23,
    "t-c-24": xlsx_tc24,
    "t-c-27": xlsx_tc27,
    "t-c-28": xlsx_tc28,
}


def matriks_workbook(doc):
    """The matrix as a workbook: title rows, the printed table's merged header, real numbers
    (Rp as whole rupiah, percentages as numbers with two decimals), frozen header rows."""
    wb = xlsx.workbook_baru()
    ws = wb.create_sheet(doc["kode_tabel"])
    header_bawah = XLSX_BUILDERS[doc["jenis"]](ws, doc)
    xlsx.bekukan(ws, header_bawah)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.print_title_rows = f"5:{header_bawah}"
    return wb
