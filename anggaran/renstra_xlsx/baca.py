"""Reading a Renstra workbook: every cell checked against the format, every bad cell
reported (sheet, row, column, value, reason), the good ones parsed into typed rows."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from openpyxl.utils import get_column_letter

from anggaran.renstra_xlsx.format import (
    AGREGASI_LABEL,
    MAX_PANJANG,
    PENUNJANG,
    POLARITAS_LABEL,
    RUMUS_NEGATIF_LABEL,
    SASARAN_TAHUNAN,
    SHEET_INDIKATOR,
    SHEET_KEGIATAN,
    SHEET_PROGRAM,
    SHEET_SASARAN,
    SHEET_SUB,
    SHEET_TUJUAN,
    SHEETS_DATA,
    TINGKAT,
    TIPE_LABEL,
    baca_sasaran_tahunan,
    kolom_sheet,
    norm,
)
from renstra.models import Indikator
from sakip import batas, xlsx


@dataclass
class KesalahanSel:
    """One bad cell: where it is, what it holds and why it is refused."""

    sheet: str
    baris: int
    kolom: str
    nilai: str
    alasan: str

    def __str__(self):
        posisi = (
            f"{self.sheet}!{self.kolom}{self.baris}"
            if self.kolom
            else f"{self.sheet} baris {self.baris}"
        )
        nilai = f" [{self.nilai}]" if self.nilai else ""
        return f"{posisi}{nilai}: {self.alasan}"


@dataclass
class BarisInduk:
    """A row of the Tujuan/Sasaran/Program/Kegiatan/Sub Kegiatan sheets."""

    baris: int
    kode: str
    induk: str
    nama: str
    unit_id: int | None = None
    lokasi: str = ""
    pagu: dict = field(default_factory=dict)
    # Program: {tahun: kode sasaran, "" = support program}; None: the column is absent.
    sasaran_tahunan: dict | None = None
    sasaran_tahunan_kolom: str = ""


@dataclass
class BarisIndikator:
    baris: int
    tingkat: str
    kode_induk: str
    kode: str
    uraian: str
    satuan: str
    tipe: str
    polaritas: str
    rentang_bawah: Decimal | None
    rentang_atas: Decimal | None
    rumus_negatif: str | None  # None: the column is absent (the stored rule stays)
    agregasi: str
    skala_id: int | None
    is_iku: bool
    formula: str
    label_pembilang: str
    label_penyebut: str
    sumber_data: str
    penanggung_jawab: list
    penunjang: list | None  # program / kegiatan codes; None: the column is absent
    penunjang_kolom: str
    kondisi_awal: Decimal | None
    kondisi_awal_level_id: int | None
    tahun_kondisi_awal: int | None
    target: dict  # tahun -> (nilai, level_id)

    @property
    def kunci(self):
        return (self.tingkat, self.kode_induk, self.kode or self.uraian.lower())


@dataclass
class IsiWorkbook:
    """The parsed workbook: rows per sheet, or the list of bad cells."""

    rows: dict = field(default_factory=dict)
    indikator: list = field(default_factory=list)
    kesalahan: list = field(default_factory=list)
    kode_gagal: dict = field(default_factory=dict)


def baca_workbook(berkas, *, tahun_awal, tahun_akhir, konteks, kode_ada=None):
    """Parse a Renstra workbook. Returns IsiWorkbook; its `kesalahan` lists every bad cell
    found (all of them, not the first). Raises xlsx.BerkasTidakValid for a file that is
    not a readable xlsx."""
    wb = xlsx.buka_workbook(berkas)
    tahun_list = list(range(tahun_awal, tahun_akhir + 1))
    spec = kolom_sheet(tahun_list)
    isi = IsiWorkbook()
    try:
        for sheet in SHEETS_DATA:
            if sheet not in wb.sheetnames:
                isi.kesalahan.append(
                    KesalahanSel(
                        sheet, 1, "", "", f"Sheet '{sheet}' tidak ada. Gunakan template Renstra."
                    )
                )
                continue
            _baca_sheet(wb[sheet], sheet, spec[sheet], tahun_list, konteks, isi)
    finally:
        wb.close()
    if (
        not isi.kesalahan
        and not any(isi.rows.get(s) for s in SHEETS_DATA[:-1])
        and not isi.indikator
    ):
        isi.kesalahan.append(
            KesalahanSel(SHEET_TUJUAN, 2, "", "", "Workbook tidak memuat satu pun baris data.")
        )
    _periksa_silang(isi, kode_ada)
    return isi


def _baca_sheet(ws, sheet, kolom, tahun_list, konteks, isi):
    # The header is read whole (an unknown column anywhere is reported); the data rows only
    # as wide as the last known column.
    baris_judul = xlsx.baris_sheet(ws)
    header = next(baris_judul, None) or ()
    baris_judul.close()
    posisi = _periksa_header(sheet, header, kolom, tahun_list, isi)
    if posisi is None:
        return
    hasil = []
    isi.rows[sheet] = hasil
    rows = xlsx.baris_sheet(ws, min_row=2, max_col=max(posisi.values(), default=0) + 1)
    for nomor, values in enumerate(rows, start=2):
        if values is None or xlsx.baris_kosong(values):
            continue
        sel = _Pembaca(sheet, nomor, values, posisi, isi.kesalahan)
        if sheet == SHEET_INDIKATOR:
            row = _baca_indikator(sel, tahun_list, konteks)
            if row:
                isi.indikator.append(row)
        else:
            row = _baca_induk(sel, sheet, tahun_list, konteks)
            if row:
                hasil.append(row)
            elif xlsx.teks(sel.mentah("Kode")):
                # A bad row's code still counts as known, so its children are not reported
                # as orphans on top of the real mistake.
                isi.kode_gagal.setdefault(sheet, set()).add(xlsx.teks(sel.mentah("Kode")))


def _periksa_header(sheet, header, kolom, tahun_list, isi):
    """Map expected column titles to their index; report missing, unknown and out-of-period
    columns. Returns None when the sheet cannot be read."""
    expected = {norm(k.judul): k.judul for k in kolom}
    posisi = {}
    ok = True
    for index, value in enumerate(header):
        title = xlsx.teks(value)
        if not title:
            continue
        key = title.lower()
        letter = get_column_letter(index + 1)
        if key in expected:
            if expected[key] in posisi:
                isi.kesalahan.append(KesalahanSel(sheet, 1, letter, title, "Kolom ganda."))
                ok = False
            posisi[expected[key]] = index
            continue
        parts = key.split()
        if len(parts) == 2 and parts[0] in ("target", "pagu") and parts[1].isdigit():
            isi.kesalahan.append(
                KesalahanSel(
                    sheet,
                    1,
                    letter,
                    title,
                    f"Tahun {parts[1]} di luar periode Renstra {tahun_list[0]}–{tahun_list[-1]}.",
                )
            )
        else:
            isi.kesalahan.append(
                KesalahanSel(
                    sheet,
                    1,
                    letter,
                    title,
                    "Kolom tidak dikenal; hapus kolom ini atau gunakan template.",
                )
            )
        # An unknown column is reported but the known ones are still read, so the user
        # sees every bad cell at once.
    for k in kolom:
        if k.judul not in posisi and not k.boleh_absen:
            isi.kesalahan.append(
                KesalahanSel(
                    sheet, 1, "", k.judul, f"Kolom '{k.judul}' tidak ada; gunakan template Renstra."
                )
            )
            ok = False
    return posisi if ok else None


class _Pembaca:
    """Reads the cells of one row by column title and records bad cells."""

    def __init__(self, sheet, nomor, values, posisi, kesalahan):
        self.sheet, self.nomor, self.values, self.posisi = sheet, nomor, values, posisi
        self.kesalahan = kesalahan
        self.gagal = False

    def mentah(self, judul):
        index = self.posisi[judul]
        return self.values[index] if index < len(self.values) else None

    def salah(self, judul, alasan, nilai=None):
        if nilai is None:
            nilai = xlsx.teks(self.mentah(judul))
        letter = get_column_letter(self.posisi[judul] + 1)
        self.kesalahan.append(KesalahanSel(self.sheet, self.nomor, letter, nilai, alasan))
        self.gagal = True

    def teks(self, judul, *, wajib=False, maks=None):
        value = xlsx.teks(self.mentah(judul))
        if wajib and not value:
            self.salah(judul, f"Kolom '{judul}' wajib diisi.")
        elif maks and len(value) > maks:
            self.salah(
                judul,
                f"Terlalu panjang ({len(value)} karakter; maksimal {maks}).",
                value[:40] + "…",
            )
        return value

    def angka(self, judul, *, nonneg=False, nama="Nilai", uang=False):
        raw = self.mentah(judul)
        try:
            value = xlsx.angka(raw, uang=uang)
        except ValueError as exc:
            self.salah(judul, f"{nama} bukan angka. {exc}".strip())
            return None
        if value is not None and nonneg and value < 0:
            self.salah(judul, f"{nama} tidak boleh negatif.")
            return None
        if value is not None:
            # The import writes in bulk, past the model validators: the bounds of the
            # column (and whole rupiah for money) are checked here.
            try:
                value = batas.cek_batas(value, batas.UANG if uang else batas.UKURAN)
            except ValidationError as exc:
                self.salah(judul, f"{nama}: {' '.join(exc.messages)}")
                return None
        return value

    def pilihan(self, judul, pilihan, default):
        value = norm(self.mentah(judul)).replace("-", "_")
        if not value:
            return default
        for key, label in pilihan.items():
            if value in (key, label.replace("-", "_")):
                return key
        self.salah(judul, f"Nilai tidak dikenal; pilih salah satu: {', '.join(pilihan.values())}.")
        return default


def _baca_induk(sel, sheet, tahun_list, konteks):
    kode = sel.teks("Kode", wajib=True, maks=MAX_PANJANG[sheet])
    induk_judul = {
        SHEET_TUJUAN: None,
        SHEET_SASARAN: "Kode Tujuan",
        SHEET_PROGRAM: "Kode Sasaran",
        SHEET_KEGIATAN: "Kode Program",
        SHEET_SUB: "Kode Kegiatan",
    }[sheet]
    induk = sel.teks(induk_judul, wajib=sheet != SHEET_PROGRAM) if induk_judul else ""
    nama_judul = "Uraian" if sheet in (SHEET_TUJUAN, SHEET_SASARAN) else "Nama"
    nama = sel.teks(nama_judul, wajib=True, maks=None if nama_judul == "Uraian" else 500)
    row = BarisInduk(sel.nomor, kode, induk, nama)
    if sheet == SHEET_PROGRAM and SASARAN_TAHUNAN in sel.posisi:
        row.sasaran_tahunan_kolom = get_column_letter(sel.posisi[SASARAN_TAHUNAN] + 1)
        try:
            row.sasaran_tahunan = baca_sasaran_tahunan(sel.teks(SASARAN_TAHUNAN), tahun_list)
        except ValueError as exc:
            sel.salah(SASARAN_TAHUNAN, str(exc))
    if sheet == SHEET_SUB:
        unit = sel.teks("Unit Kerja")
        if unit:
            row.unit_id = konteks.unit.get(unit.lower())
            if row.unit_id is None:
                sel.salah("Unit Kerja", f"Unit kerja tidak dikenal di {konteks.opd.nama}.")
        row.lokasi = sel.teks("Lokasi", maks=255)
        for tahun in tahun_list:
            value = sel.angka(f"Pagu {tahun}", nonneg=True, nama="Pagu", uang=True)
            if value is not None:
                row.pagu[tahun] = value
    return None if sel.gagal else row


def _baca_indikator(sel, tahun_list, konteks):
    tingkat_raw = sel.teks("Tingkat", wajib=True)
    tingkat = TINGKAT.get(tingkat_raw.lower())
    if tingkat_raw and tingkat is None:
        sel.salah(
            "Tingkat",
            "Tingkat tidak dikenal; pilih Tujuan, Sasaran, Program, Kegiatan atau Sub Kegiatan.",
        )
    kode_induk = sel.teks("Kode Induk", wajib=True)
    kode = sel.teks("Kode Indikator", maks=40)
    uraian = sel.teks("Uraian", wajib=True)
    satuan = sel.teks("Satuan", maks=60)
    tipe = sel.pilihan("Tipe", TIPE_LABEL, Indikator.Tipe.PERSENTASE.value)
    polaritas = sel.pilihan("Polaritas", POLARITAS_LABEL, Indikator.Polaritas.POSITIF.value)
    agregasi = sel.pilihan("Nilai Tahunan", AGREGASI_LABEL, Indikator.Agregasi.TERAKHIR.value)
    bawah = sel.angka("Batas Bawah", nama="Batas bawah")
    atas = sel.angka("Batas Atas", nama="Batas atas")
    rumus_negatif = (
        sel.pilihan("Rumus Negatif", RUMUS_NEGATIF_LABEL, "")
        if "Rumus Negatif" in sel.posisi
        else None
    )
    if polaritas == "rentang" and (bawah is None or atas is None) and not sel.gagal:
        sel.salah("Polaritas", "Polaritas rentang memerlukan Batas Bawah dan Batas Atas.")
    if bawah is not None and atas is not None and bawah > atas:
        sel.salah("Batas Bawah", "Batas bawah lebih besar dari batas atas.")
    skala_nama = sel.teks("Skala Kategori")
    skala_id = None
    if skala_nama:
        skala_id = konteks.skala.get(skala_nama.lower())
        if skala_id is None:
            sel.salah("Skala Kategori", "Skala kategori tidak dikenal.")
    elif tipe == "kategori":
        sel.salah("Skala Kategori", "Indikator kategori memerlukan skala kategori.")
    iku_raw = norm(sel.mentah("IKU"))
    if iku_raw not in ("", "ya", "y", "tidak", "t", "1", "0", "iku"):
        sel.salah("IKU", "Isi Ya atau Tidak.")
    is_iku = iku_raw in ("ya", "y", "1", "iku")
    penunjang, penunjang_kolom = None, ""
    if PENUNJANG in sel.posisi:
        penunjang = [k for k in (p.strip() for p in sel.teks(PENUNJANG).split(";")) if k]
        penunjang_kolom = get_column_letter(sel.posisi[PENUNJANG] + 1)
    penanggung_jawab = []
    for nama in filter(None, (p.strip() for p in sel.teks("Penanggung Jawab").split(";"))):
        unit_id = konteks.unit.get(nama.lower())
        if unit_id is None:
            sel.salah(
                "Penanggung Jawab", f"Unit kerja '{nama}' tidak dikenal di {konteks.opd.nama}."
            )
        elif unit_id not in penanggung_jawab:
            penanggung_jawab.append(unit_id)

    def nilai_atau_level(judul, nama):
        raw = sel.mentah(judul)
        if tipe == "kategori" and skala_id:
            name = norm(raw)
            if not name:
                return None
            level_id = konteks.level.get((skala_id, name))
            if level_id is None:
                sel.salah(judul, f"Level '{xlsx.teks(raw)}' tidak ada pada skala {skala_nama}.")
                return None
            return (None, level_id)
        value = sel.angka(judul, nama=nama)
        return None if value is None else (value, None)

    awal = nilai_atau_level("Kondisi Awal", "Kondisi awal")
    tahun_awal_raw = sel.mentah("Tahun Kondisi Awal")
    tahun_kondisi_awal = None
    try:
        value = xlsx.angka(tahun_awal_raw)
        if value is not None:
            if value != value.to_integral_value() or not 2000 <= value <= 2100:
                raise ValueError(value)
            tahun_kondisi_awal = int(value)
    except ValueError:
        sel.salah("Tahun Kondisi Awal", "Tahun tidak sah (isi tahun empat angka, mis. 2020).")
    target = {}
    for tahun in tahun_list:
        value = nilai_atau_level(f"Target {tahun}", "Target")
        if value is not None:
            target[tahun] = value
    if sel.gagal:
        return None
    return BarisIndikator(
        baris=sel.nomor,
        tingkat=tingkat,
        kode_induk=kode_induk,
        kode=kode,
        uraian=uraian,
        satuan=satuan,
        tipe=tipe,
        polaritas=polaritas,
        rentang_bawah=bawah,
        rentang_atas=atas,
        rumus_negatif=rumus_negatif,
        agregasi=agregasi,
        skala_id=skala_id,
        is_iku=is_iku,
        formula=sel.teks("Formula"),
        label_pembilang=sel.teks("Pembilang", maks=500),
        label_penyebut=sel.teks("Penyebut", maks=500),
        sumber_data=sel.teks("Sumber Data"),
        penanggung_jawab=penanggung_jawab,
        penunjang=penunjang,
        penunjang_kolom=penunjang_kolom,
        kondisi_awal=awal[0] if awal else None,
        kondisi_awal_level_id=awal[1] if awal else None,
        tahun_kondisi_awal=tahun_kondisi_awal,
        target=target,
    )


INDUK_SHEET = {
    SHEET_SASARAN: (SHEET_TUJUAN, "Kode Tujuan", "B"),
    SHEET_PROGRAM: (SHEET_SASARAN, "Kode Sasaran", "B"),
    SHEET_KEGIATAN: (SHEET_PROGRAM, "Kode Program", "B"),
    SHEET_SUB: (SHEET_KEGIATAN, "Kode Kegiatan", "B"),
}
TINGKAT_SHEET = {
    "tujuan": SHEET_TUJUAN,
    "sasaran": SHEET_SASARAN,
    "program": SHEET_PROGRAM,
    "kegiatan": SHEET_KEGIATAN,
    "sub_kegiatan": SHEET_SUB,
}


def _periksa_silang(isi, kode_ada=None):
    """Rules across rows: duplicate codes, parents that exist, codes that fit their parent.
    `kode_ada` maps a sheet to codes already stored in the period (a re-import may name a
    parent it does not repeat)."""
    kode_ada = kode_ada or {}
    kode = {}
    for sheet in SHEETS_DATA[:-1]:
        seen = {}
        for row in isi.rows.get(sheet, []):
            if row.kode in seen:
                isi.kesalahan.append(
                    KesalahanSel(
                        sheet,
                        row.baris,
                        "A",
                        row.kode,
                        f"Kode ganda (sudah dipakai di baris {seen[row.kode]}).",
                    )
                )
            else:
                seen[row.kode] = row.baris
        kode[sheet] = set(seen) | set(kode_ada.get(sheet, ())) | isi.kode_gagal.get(sheet, set())
        if sheet not in isi.rows and sheet not in kode_ada:
            kode[sheet] = None  # the sheet could not be read: do not report orphans
    for sheet, (induk_sheet, judul, letter) in INDUK_SHEET.items():
        for row in isi.rows.get(sheet, []):
            if not row.induk:
                continue
            if kode[induk_sheet] is None:
                continue
            if row.induk not in kode[induk_sheet]:
                isi.kesalahan.append(
                    KesalahanSel(
                        sheet,
                        row.baris,
                        letter,
                        row.induk,
                        f"{judul} tidak ditemukan di sheet {induk_sheet}.",
                    )
                )
            elif sheet in (SHEET_KEGIATAN, SHEET_SUB) and not row.kode.startswith(row.induk + "."):
                isi.kesalahan.append(
                    KesalahanSel(
                        sheet,
                        row.baris,
                        "A",
                        row.kode,
                        f"Kode tidak sesuai induknya: harus diawali '{row.induk}.'.",
                    )
                )
    for row in isi.rows.get(SHEET_PROGRAM, []):
        for kode_sasaran in (row.sasaran_tahunan or {}).values():
            dikenal = kode[SHEET_SASARAN]
            if dikenal is not None and kode_sasaran and kode_sasaran not in dikenal:
                isi.kesalahan.append(
                    KesalahanSel(
                        SHEET_PROGRAM,
                        row.baris,
                        row.sasaran_tahunan_kolom,
                        kode_sasaran,
                        f"Kode sasaran tidak ditemukan di sheet {SHEET_SASARAN}.",
                    )
                )
    seen = {}
    for row in isi.indikator:
        for k in row.penunjang or ():
            dikenal = [kode[s] for s in (SHEET_PROGRAM, SHEET_KEGIATAN) if kode[s] is not None]
            if dikenal and not any(k in d for d in dikenal):
                isi.kesalahan.append(
                    KesalahanSel(
                        SHEET_INDIKATOR,
                        row.baris,
                        row.penunjang_kolom,
                        k,
                        "Kode program / kegiatan penunjang tidak ditemukan.",
                    )
                )
        known = kode[TINGKAT_SHEET[row.tingkat]] if row.tingkat else None
        if known is not None and row.kode_induk not in known:
            isi.kesalahan.append(
                KesalahanSel(
                    SHEET_INDIKATOR,
                    row.baris,
                    "B",
                    row.kode_induk,
                    f"Kode induk tidak ditemukan di sheet {TINGKAT_SHEET[row.tingkat]}.",
                )
            )
        if row.kunci in seen:
            isi.kesalahan.append(
                KesalahanSel(
                    SHEET_INDIKATOR,
                    row.baris,
                    "C" if row.kode else "D",
                    row.kode or row.uraian[:40],
                    f"Indikator ganda untuk induk yang sama (sudah ada di baris {seen[row.kunci]}).",
                )
            )
        else:
            seen[row.kunci] = row.baris
    isi.kesalahan.sort(
        key=lambda k: (SHEETS_DATA.index(k.sheet) if k.sheet in SHEETS_DATA else 99, k.baris)
    )
