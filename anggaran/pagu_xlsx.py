"""The pagu grid as a workbook (issue 12): the export a perencana fills in and the reading
of it back. Written through sakip.xlsx (simpan_bytes: text stays text), read with the
bounded reader (buka_workbook, baris_sheet) and the one number parser (xlsx.angka).

Sheet "Pagu": one row per program, kegiatan and sub-kegiatan of the grid; only the
sub-kegiatan rows are read back, by their kode. Per quarter a pagu column (TW I: APBD
murni) and, from TW II, its jenis (Pergeseran / Perubahan); an empty cell means no row
starting in that quarter."""

from dataclasses import dataclass, field

from openpyxl.worksheet.datavalidation import DataValidation

from anggaran.models import Pagu
from anggaran.services import nama_sel
from sakip import angka as fmt
from sakip import xlsx

SHEET = "Pagu"
BARIS_HEADER = 4
KOLOM = (
    ("Tingkat", 14),
    ("Kode", 20),
    ("Uraian", 55),
    ("Unit", 14),
    ("Pagu TW I (APBD Murni)", 18),
    ("Pagu mulai TW II", 18),
    ("Jenis TW II", 16),
    ("Pagu mulai TW III", 18),
    ("Jenis TW III", 16),
    ("Pagu mulai TW IV", 18),
    ("Jenis TW IV", 16),
    ("Pagu berlaku TW IV (dihitung)", 20),
)
TINGKAT = {"program": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "Sub kegiatan"}
JENIS_TEKS = {Pagu.Jenis.PERGESERAN: "Pergeseran", Pagu.Jenis.PERUBAHAN: "Perubahan"}
TEKS_JENIS = {
    "pergeseran": Pagu.Jenis.PERGESERAN,
    "pergeseran / refocusing": Pagu.Jenis.PERGESERAN,
    "refocusing": Pagu.Jenis.PERGESERAN,
    "perubahan": Pagu.Jenis.PERUBAHAN,
    "apbd perubahan": Pagu.Jenis.PERUBAHAN,
}


def _kolom_pagu(q):
    """1-based column of the pagu of quarter q (and q's jenis is the next one)."""
    return 5 if q == 1 else 6 + (q - 2) * 2


def ekspor(grid, opd):
    wb = xlsx.workbook_baru()
    ws = wb.create_sheet(SHEET)
    ws.cell(row=1, column=1, value=f"Pagu sub kegiatan {opd.nama} tahun {grid.tahun}")
    ws.cell(row=1, column=1).font = xlsx.HEADER_FONT
    ws.cell(
        row=2,
        column=1,
        value=(
            "Isi sel kuning saja: pagu dalam rupiah penuh (mis. 1.250.000); kosong = tidak ada "
            "pagu yang mulai berlaku di triwulan itu. Jenis: Pergeseran atau Perubahan."
        ),
    )
    for kolom, (judul, _lebar) in enumerate(KOLOM, start=1):
        xlsx.tulis_judul(ws, BARIS_HEADER, kolom, judul)
    xlsx.atur_lebar(ws, [lebar for _, lebar in KOLOM])
    pilihan = DataValidation(type="list", formula1='"Pergeseran,Perubahan"', allow_blank=True)
    ws.add_data_validation(pilihan)
    baris = BARIS_HEADER + 1
    for row in grid.baris:
        nilai = [TINGKAT[row.tingkat], row.kode, row.nama, row.unit]
        nilai += [None] * 7 + [row.berlaku_akhir]
        xlsx.tulis_baris(ws, baris, nilai, [None] * 11 + [xlsx.FMT_RUPIAH], wrap_kolom=(3,))
        if row.tingkat == "sub_kegiatan":
            for sel in row.sel:
                kolom = _kolom_pagu(sel.triwulan)
                cell = ws.cell(row=baris, column=kolom, value=xlsx.nilai_excel(sel.jumlah))
                cell.number_format = xlsx.FMT_RUPIAH
                xlsx.gaya(cell, fill=xlsx.INPUT_FILL, protection=xlsx.UNLOCKED)
                if sel.triwulan > 1:
                    jenis = ws.cell(
                        row=baris, column=kolom + 1, value=JENIS_TEKS.get(sel.jenis) or None
                    )
                    xlsx.gaya(jenis, fill=xlsx.INPUT_FILL, protection=xlsx.UNLOCKED)
                    pilihan.add(jenis)
        else:
            for kolom in range(1, len(KOLOM) + 1):
                xlsx.gaya(ws.cell(row=baris, column=kolom), font=xlsx.HEADER_FONT)
        baris += 1
    xlsx.tulis_baris(
        ws,
        baris,
        ["Jumlah", "", "", ""] + [None] * 7 + [grid.total[-1]],
        [None] * 11 + [xlsx.FMT_RUPIAH],
    )
    xlsx.bekukan(ws, BARIS_HEADER, 3)
    return wb


@dataclass
class Perubahan:
    """A cell of the workbook that differs from what is stored (for the preview)."""

    baris: int
    kode: str
    nama: str
    triwulan: int
    lama: str
    baru: str


@dataclass
class HasilBaca:
    isian: dict = field(default_factory=dict)  # (sub_id, triwulan) -> (amount text, jenis)
    perubahan: list = field(default_factory=list)
    kesalahan: list = field(default_factory=list)  # (sheet, row, reason)
    tetap: int = 0


def _label(jumlah, jenis, triwulan):
    if jumlah is None:
        return "–"
    teks = fmt.rupiah(jumlah)
    return teks if triwulan == 1 else f"{teks} ({JENIS_TEKS.get(jenis, jenis)})"


def baca(berkas, grid):
    """Read an uploaded pagu workbook against the grid it must match. Every row's errors
    are collected (nothing is saved here); the cells that differ from the stored rows go
    into `isian` for anggaran.services.pagu_simpan."""
    wb = xlsx.buka_workbook(berkas)
    try:
        if SHEET not in wb.sheetnames:
            raise xlsx.BerkasTidakValid(
                f"Sheet “{SHEET}” tidak ditemukan. Unduh workbook pagu dari halaman ini, "
                "isi, lalu unggah kembali."
            )
        ws = wb[SHEET]
        per_kode = {row.kode: row for row in grid.sub_kegiatan}
        hasil = HasilBaca()
        terlihat = set()
        rows = xlsx.baris_sheet(ws, min_row=BARIS_HEADER + 1, max_col=len(KOLOM))
        for nomor, values in enumerate(rows, start=BARIS_HEADER + 1):
            values = tuple(values) + (None,) * (len(KOLOM) - len(values))
            if xlsx.baris_kosong(values):
                continue
            tingkat, kode = xlsx.teks(values[0]).lower(), xlsx.teks(values[1])
            if tingkat != "sub kegiatan":
                continue
            row = per_kode.get(kode)
            if row is None:
                hasil.kesalahan.append(
                    (SHEET, nomor, f"Kode sub kegiatan “{kode}” tidak ada dalam Renstra ini.")
                )
                continue
            if kode in terlihat:
                hasil.kesalahan.append((SHEET, nomor, f"Sub kegiatan {kode} tertulis dua kali."))
                continue
            terlihat.add(kode)
            _baca_baris(hasil, nomor, row, values)
    finally:
        wb.close()
    return hasil


def _baca_baris(hasil, nomor, row, values):
    for sel in row.sel:
        q = sel.triwulan
        kolom = _kolom_pagu(q)
        label = "TW I" if q == 1 else f"TW {fmt.triwulan_romawi(q)}"
        try:
            jumlah = xlsx.angka(values[kolom - 1], uang=True)
        except ValueError as exc:
            hasil.kesalahan.append((SHEET, nomor, f"{row.kode}, pagu {label}: {exc}"))
            continue
        jenis = Pagu.Jenis.MURNI
        if q > 1:
            teks = xlsx.teks(values[kolom]).lower()
            if teks and teks not in TEKS_JENIS:
                hasil.kesalahan.append(
                    (
                        SHEET,
                        nomor,
                        f"{row.kode}, jenis {label}: “{xlsx.teks(values[kolom])}” bukan "
                        "Pergeseran atau Perubahan.",
                    )
                )
                continue
            jenis = TEKS_JENIS.get(teks, sel.jenis or Pagu.Jenis.PERGESERAN)
        if jumlah == sel.jumlah and (jumlah is None or jenis == sel.jenis):
            hasil.tetap += 1
            continue
        hasil.isian[(row.id, q)] = ("" if jumlah is None else str(jumlah), jenis)
        hasil.perubahan.append(
            Perubahan(
                nomor,
                row.kode,
                row.nama,
                q,
                _label(sel.jumlah, sel.jenis, q),
                _label(jumlah, jenis, q),
            )
        )


def nama_kesalahan(errors, grid):
    """The refusals of pagu_simpan (keyed by cell) as (sheet, kode, reason) for a page."""
    per_id = {row.id: row for row in grid.sub_kegiatan}
    hasil = []
    for nama, pesan in errors.items():
        bagian = nama.split("-")
        row = per_id.get(int(bagian[1])) if len(bagian) == 3 and bagian[1].isdigit() else None
        hasil.append((SHEET, row.kode if row else "–", " ".join(pesan)))
    return hasil


__all__ = ["HasilBaca", "Perubahan", "baca", "ekspor", "nama_kesalahan", "nama_sel"]
