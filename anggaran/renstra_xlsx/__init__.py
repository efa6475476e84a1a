"""The Renstra workbook: one documented format for the empty template, the import and the
export (issue 6, item 1).

One sheet per level, one row per item, codes linking a row to its parent:

    Tujuan        Kode | Uraian
    Sasaran       Kode | Kode Tujuan | Uraian
    Program       Kode | Kode Sasaran | Nama | Sasaran per Tahun ("2025=S1.1; 2026=-")
    Kegiatan      Kode | Kode Program | Nama
    Sub Kegiatan  Kode | Kode Kegiatan | Nama | Unit Kerja | Lokasi | Pagu <tahun> ...
    Indikator     Tingkat | Kode Induk | Kode Indikator | Uraian | Satuan | ... | Target <tahun> ...

plus "Petunjuk" (the documentation, also in README "Format workbook Renstra") and a
hidden "Daftar" sheet holding the data-validation lists. Reading is by hand over
read-only rows (DESIGN section 6); writing is in anggaran.renstra_impor.

    format   sheets, columns, the context they need and the empty template
    baca     reading and checking the cells into rows
    ekspor   a period's plan written in the same format
"""

from anggaran.renstra_xlsx.baca import (
    BarisIndikator,
    BarisInduk,
    IsiWorkbook,
    KesalahanSel,
    baca_workbook,
)
from anggaran.renstra_xlsx.ekspor import renstra_export
from anggaran.renstra_xlsx.format import (
    PENUNJANG,
    SASARAN_TAHUNAN,
    SHEET_DAFTAR,
    SHEET_INDIKATOR,
    SHEET_KEGIATAN,
    SHEET_PETUNJUK,
    SHEET_PROGRAM,
    SHEET_SASARAN,
    SHEET_SUB,
    SHEET_TUJUAN,
    SHEETS_DATA,
    TINGKAT_LABEL,
    Kolom,
    Konteks,
    baca_sasaran_tahunan,
    kolom_sheet,
    renstra_template,
    tulis_sasaran_tahunan,
)

__all__ = [
    "PENUNJANG",
    "SASARAN_TAHUNAN",
    "SHEET_DAFTAR",
    "SHEET_INDIKATOR",
    "SHEET_KEGIATAN",
    "SHEET_PETUNJUK",
    "SHEET_PROGRAM",
    "SHEET_SASARAN",
    "SHEET_SUB",
    "SHEET_TUJUAN",
    "SHEETS_DATA",
    "TINGKAT_LABEL",
    "BarisIndikator",
    "BarisInduk",
    "IsiWorkbook",
    "KesalahanSel",
    "Kolom",
    "Konteks",
    "baca_sasaran_tahunan",
    "baca_workbook",
    "kolom_sheet",
    "renstra_export",
    "renstra_template",
    "tulis_sasaran_tahunan",
]
