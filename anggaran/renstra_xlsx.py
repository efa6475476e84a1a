"""The Renstra workbook: one documented format for the empty template, the import and the
export (issue 6, item 1).

One sheet per level, one row per item, codes linking a row to its parent:

    Tujuan        Kode | Uraian
    Sasaran       Kode | Kode Tujuan | Uraian
    Program       Kode | Kode Sasaran | Nama
    Kegiatan      Kode | Kode Program | Nama
    Sub Kegiatan  Kode | Kode Kegiatan | Nama | Unit Kerja | Lokasi | Pagu <tahun> ...
    Indikator     Tingkat | Kode Induk | Kode Indikator | Uraian | Satuan | ... | Target <tahun> ...

plus "Petunjuk" (the documentation, also in README "Format workbook Renstra") and a
hidden "Daftar" sheet holding the data-validation lists. Reading is by hand over
read-only rows (DESIGN section 6); writing is in anggaran.renstra_impor.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from anggaran.models import Pagu
from renstra.models import (
    Indikator,
    Kegiatan,
    LevelKategori,
    Program,
    SkalaKategori,
    SubKegiatan,
    TargetTahunan,
    UnitKerja,
)
from sakip import angka as fmt
from sakip import batas, xlsx

SHEET_PETUNJUK = "Petunjuk"
SHEET_DAFTAR = "Daftar"
SHEET_TUJUAN = "Tujuan"
SHEET_SASARAN = "Sasaran"
SHEET_PROGRAM = "Program"
SHEET_KEGIATAN = "Kegiatan"
SHEET_SUB = "Sub Kegiatan"
SHEET_INDIKATOR = "Indikator"
SHEETS_DATA = [
    SHEET_TUJUAN,
    SHEET_SASARAN,
    SHEET_PROGRAM,
    SHEET_KEGIATAN,
    SHEET_SUB,
    SHEET_INDIKATOR,
]

SATUAN_UMUM = [
    "%",
    "orang",
    "dokumen",
    "laporan",
    "unit",
    "indeks",
    "kategori",
    "kegiatan",
    "lembaga",
    "keluarga",
    "anak",
    "kasus",
    "desa/kelurahan",
    "kali",
    "bulan",
    "paket",
    "nilai",
    "predikat",
]

TINGKAT = {
    "tujuan": "tujuan",
    "sasaran": "sasaran",
    "program": "program",
    "kegiatan": "kegiatan",
    "sub kegiatan": "sub_kegiatan",
    "subkegiatan": "sub_kegiatan",
    "sub_kegiatan": "sub_kegiatan",
}
TINGKAT_LABEL = {
    "tujuan": "Tujuan",
    "sasaran": "Sasaran",
    "program": "Program",
    "kegiatan": "Kegiatan",
    "sub_kegiatan": "Sub Kegiatan",
}
TIPE_LABEL = {
    "angka": "angka",
    "persentase": "persentase",
    "rasio": "rasio",
    "indeks": "indeks",
    "kategori": "kategori",
}
POLARITAS_LABEL = {"positif": "positif", "negatif": "negatif", "rentang": "rentang"}
AGREGASI_LABEL = {"kumulatif": "kumulatif", "terakhir": "terakhir", "rata_rata": "rata-rata"}
YA_TIDAK = ["Ya", "Tidak"]

MAX_PANJANG = {
    SHEET_TUJUAN: 30,
    SHEET_SASARAN: 30,
    SHEET_PROGRAM: Program._meta.get_field("kode").max_length,
    SHEET_KEGIATAN: Kegiatan._meta.get_field("kode").max_length,
    SHEET_SUB: SubKegiatan._meta.get_field("kode").max_length,
}


# ---------------------------------------------------------------- the format


@dataclass(frozen=True)
class Kolom:
    judul: str
    catatan: str
    wajib: bool = False
    lebar: int = 14
    format: str = xlsx.FMT_ANGKA
    daftar: str = ""  # name of a list in the "Daftar" sheet used for data validation
    daftar_ketat: bool = True


def kolom_sheet(tahun_list):
    """The columns of every data sheet for a period; year columns follow the period."""
    pagu = [
        Kolom(
            f"Pagu {t}",
            f"Pagu sub kegiatan tahun {t} dalam rupiah (angka, tidak negatif). Sel kosong "
            "tidak mengubah pagu yang sudah ada.",
            lebar=18,
            format=xlsx.FMT_RUPIAH,
        )
        for t in tahun_list
    ]
    target = [
        Kolom(
            f"Target {t}",
            f"Target tahun {t}: angka (86,5 atau 86.5), atau nama level untuk indikator "
            "kategori. Target tahun terakhir adalah target akhir Renstra.",
            lebar=12,
        )
        for t in tahun_list
    ]
    return {
        SHEET_TUJUAN: [
            Kolom("Kode", "Kode tujuan, unik dalam periode (mis. T1).", True, 10),
            Kolom("Uraian", "Rumusan tujuan.", True, 60),
        ],
        SHEET_SASARAN: [
            Kolom("Kode", "Kode sasaran, unik dalam periode (mis. S1.1).", True, 10),
            Kolom("Kode Tujuan", "Kode tujuan induk (sheet Tujuan).", True, 12),
            Kolom("Uraian", "Rumusan sasaran strategis.", True, 60),
        ],
        SHEET_PROGRAM: [
            Kolom("Kode", "Kode program nomenklatur (mis. 1.06.04), unik dalam periode.", True, 14),
            Kolom("Kode Sasaran", "Kode sasaran yang didukung (boleh kosong).", False, 12),
            Kolom("Nama", "Nama program.", True, 60),
        ],
        SHEET_KEGIATAN: [
            Kolom("Kode", "Kode kegiatan, diawali kode programnya (mis. 1.06.04.2.01).", True, 16),
            Kolom("Kode Program", "Kode program induk.", True, 14),
            Kolom("Nama", "Nama kegiatan.", True, 60),
        ],
        SHEET_SUB: [
            Kolom(
                "Kode",
                "Kode sub kegiatan, diawali kode kegiatannya (mis. 1.06.04.2.01.0001).",
                True,
                20,
            ),
            Kolom("Kode Kegiatan", "Kode kegiatan induk.", True, 16),
            Kolom("Nama", "Nama sub kegiatan.", True, 50),
            Kolom(
                "Unit Kerja",
                "Unit kerja pelaksana: nama atau singkatan unit OPD ini (pilih dari daftar).",
                False,
                30,
                daftar="unit",
            ),
            Kolom("Lokasi", "Lokasi kegiatan (mis. Kota Probolinggo).", False, 20),
            *pagu,
        ],
        SHEET_INDIKATOR: [
            Kolom(
                "Tingkat",
                "Tujuan, Sasaran, Program, Kegiatan atau Sub Kegiatan.",
                True,
                14,
                daftar="tingkat",
            ),
            Kolom(
                "Kode Induk",
                "Kode tujuan/sasaran/program/kegiatan/sub kegiatan pemilik indikator.",
                True,
                18,
            ),
            Kolom(
                "Kode Indikator",
                "Kode indikator (boleh kosong; bila kosong indikator dicocokkan dengan uraiannya).",
                False,
                10,
            ),
            Kolom("Uraian", "Rumusan indikator.", True, 50),
            Kolom(
                "Satuan",
                "Satuan (%, orang, dokumen …); boleh di luar daftar.",
                False,
                10,
                daftar="satuan",
                daftar_ketat=False,
            ),
            Kolom(
                "Tipe",
                "angka, persentase, rasio, indeks atau kategori (kosong = persentase).",
                False,
                12,
                daftar="tipe",
            ),
            Kolom(
                "Polaritas",
                "positif (makin tinggi makin baik), negatif, atau rentang (kosong = positif).",
                False,
                11,
                daftar="polaritas",
            ),
            Kolom(
                "Batas Bawah",
                "Batas bawah rentang target (wajib bila polaritas rentang).",
                False,
                10,
            ),
            Kolom(
                "Batas Atas", "Batas atas rentang target (wajib bila polaritas rentang).", False, 10
            ),
            Kolom(
                "Nilai Tahunan",
                "Cara nilai triwulan membentuk nilai tahunan: kumulatif, terakhir, rata-rata (kosong = terakhir).",
                False,
                12,
                daftar="agregasi",
            ),
            Kolom(
                "Skala Kategori",
                "Nama skala kategori (wajib bila tipe kategori).",
                False,
                22,
                daftar="skala",
            ),
            Kolom("IKU", "Ya bila indikator kinerja utama.", False, 6, daftar="ya_tidak"),
            Kolom("Formula", "Penjelasan / formulasi perhitungan.", False, 30),
            Kolom("Pembilang", "Uraian pembilang (indikator rasio).", False, 20),
            Kolom("Penyebut", "Uraian penyebut (indikator rasio).", False, 20),
            Kolom("Sumber Data", "Sumber data.", False, 20),
            Kolom(
                "Penanggung Jawab",
                "Unit penanggung jawab; beberapa unit dipisah titik koma (;).",
                False,
                24,
            ),
            Kolom(
                "Kondisi Awal",
                "Capaian awal (angka, atau level untuk indikator kategori).",
                False,
                10,
            ),
            Kolom("Tahun Kondisi Awal", "Tahun kondisi awal (mis. 2020).", False, 10, format="0"),
            *target,
        ],
    }


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
    agregasi: str
    skala_id: int | None
    is_iku: bool
    formula: str
    label_pembilang: str
    label_penyebut: str
    sumber_data: str
    penanggung_jawab: list
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


class Konteks:
    """What the parser needs from the database: the OPD's units and the category scales."""

    def __init__(self, opd):
        self.opd = opd
        self.unit = {}
        self.unit_nama = []
        for unit in UnitKerja.objects.filter(opd=opd).order_by("urutan", "nama"):
            self.unit_nama.append(unit.nama)
            for key in (unit.nama, unit.singkatan, unit.slug):
                if key:
                    self.unit[_norm(key)] = unit.pk
        self.skala = {}
        self.skala_nama = []
        self.level = {}
        skala_qs = SkalaKategori.objects.filter(pemda__isnull=True) | SkalaKategori.objects.filter(
            pemda_id=opd.pemda_id
        )
        for skala in skala_qs.order_by("nama"):
            self.skala[_norm(skala.nama)] = skala.pk
            self.skala_nama.append(skala.nama)
        for level in LevelKategori.objects.filter(skala_id__in=self.skala.values()):
            self.level[(level.skala_id, _norm(level.nama))] = level.pk


def _norm(value):
    return xlsx.teks(value).lower()


# ---------------------------------------------------------------- reading


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
    expected = {_norm(k.judul): k.judul for k in kolom}
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
        if k.judul not in posisi:
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
        value = _norm(self.mentah(judul)).replace("-", "_")
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
    iku_raw = _norm(sel.mentah("IKU"))
    if iku_raw not in ("", "ya", "y", "tidak", "t", "1", "0", "iku"):
        sel.salah("IKU", "Isi Ya atau Tidak.")
    is_iku = iku_raw in ("ya", "y", "1", "iku")
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
            name = _norm(raw)
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
        agregasi=agregasi,
        skala_id=skala_id,
        is_iku=is_iku,
        formula=sel.teks("Formula"),
        label_pembilang=sel.teks("Pembilang", maks=500),
        label_penyebut=sel.teks("Penyebut", maks=500),
        sumber_data=sel.teks("Sumber Data"),
        penanggung_jawab=penanggung_jawab,
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
    seen = {}
    for row in isi.indikator:
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


# ---------------------------------------------------------------- writing


def _daftar(konteks):
    return {
        "tingkat": list(TINGKAT_LABEL.values()),
        "satuan": SATUAN_UMUM,
        "tipe": list(TIPE_LABEL.values()),
        "polaritas": list(POLARITAS_LABEL.values()),
        "agregasi": list(AGREGASI_LABEL.values()),
        "ya_tidak": YA_TIDAK,
        "unit": konteks.unit_nama,
        "skala": konteks.skala_nama,
    }


def _tulis_petunjuk(wb, opd, tahun_list, spec):
    ws = wb.create_sheet(SHEET_PETUNJUK, 0)
    ws.append([f"Workbook Renstra {opd.nama} {tahun_list[0]}–{tahun_list[-1]}"])
    ws["A1"].font = xlsx.Font(bold=True, size=13)
    for line in PETUNJUK_UMUM:
        ws.append([line])
    ws.append([])
    header_row = ws.max_row + 1
    ws.append(["Sheet", "Kolom", "Wajib", "Isi"])
    for cell in ws[header_row]:
        cell.font = xlsx.HEADER_FONT
        cell.fill = xlsx.HEADER_FILL
        cell.border = xlsx.BORDER
    for sheet, kolom in spec.items():
        for k in kolom:
            ws.append([sheet, k.judul, "ya" if k.wajib else "", k.catatan])
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 20
    ws.column_dimensions["C"].width = 7
    ws.column_dimensions["D"].width = 100
    for row in ws.iter_rows(min_row=header_row + 1):
        row[3].alignment = xlsx.WRAP


PETUNJUK_UMUM = [
    "Isi sheet Tujuan, Sasaran, Program, Kegiatan, Sub Kegiatan dan Indikator mulai baris 2; jangan ubah judul kolom di baris 1.",
    "Satu baris satu butir. Baris induk dirujuk dengan kodenya: sasaran menunjuk kode tujuan, program kode sasaran, kegiatan kode program, sub kegiatan kode kegiatan.",
    "Kode kegiatan diawali kode programnya dan kode sub kegiatan diawali kode kegiatannya (nomenklatur: program 1.06.04, kegiatan 1.06.04.2.01, sub kegiatan 1.06.04.2.01.0001).",
    "Angka boleh ditulis sebagai angka Excel atau teks Indonesia (86,5 · 1.765.363.950). "
    f"Pagu dalam rupiah bulat, tidak negatif, paling banyak {fmt.rupiah(batas.UANG.terbesar, simbol=False)}; "
    f"angka lain paling banyak {fmt.angka(batas.UKURAN.terbesar, batas.UKURAN.desimal)} "
    f"dengan {batas.UKURAN.desimal} angka di belakang koma.",
    "Indikator kategori (mis. Kategori Kota Layak Anak) diisi nama level skalanya (Pratama, Madya …) pada target dan kondisi awal.",
    "Impor bersifat semua-atau-tidak-sama-sekali: bila ada satu sel salah, tidak ada yang disimpan dan semua sel salah dilaporkan (sheet, baris, kolom, nilai, alasan).",
    "Impor ulang memperbarui data yang kodenya sama (indikator: kode indikator, atau uraiannya bila kode kosong) dan menambah yang baru. Tidak ada yang dihapus: butir yang tidak ada di workbook dibiarkan, sel target/pagu kosong tidak menghapus nilai lama, realisasi tidak pernah disentuh.",
    "Sheet Petunjuk dan Daftar tidak dibaca saat impor.",
]


def _siapkan_sheet(wb, sheet, kolom, daftar_ref):
    ws = wb.create_sheet(sheet)
    for index, k in enumerate(kolom, start=1):
        cell = xlsx.tulis_judul(ws, 1, index, k.judul)
        cell.comment = Comment(
            k.catatan + (" (wajib)" if k.wajib else ""), "SAKIP", width=300, height=90
        )
        ws.column_dimensions[get_column_letter(index)].width = k.lebar
        if k.daftar and daftar_ref.get(k.daftar):
            letter = get_column_letter(index)
            dv = DataValidation(
                type="list",
                formula1=daftar_ref[k.daftar],
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="stop" if k.daftar_ketat else "warning",
                errorTitle="Nilai tidak ada di daftar",
                error=k.catatan,
            )
            dv.add(f"{letter}2:{letter}{settings.SAKIP_XLSX_MAX_BARIS}")
            ws.add_data_validation(dv)
    xlsx.bekukan(ws, 1)
    return ws


def _buat_workbook(opd, tahun_list, konteks):
    spec = kolom_sheet(tahun_list)
    wb = xlsx.workbook_baru()
    _tulis_petunjuk(wb, opd, tahun_list, spec)
    lists = _daftar(konteks)
    daftar = wb.create_sheet(SHEET_DAFTAR)
    daftar_ref = {}
    for index, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        daftar.cell(row=1, column=index, value=name)
        for r, value in enumerate(values, start=2):
            daftar.cell(row=r, column=index, value=value)
        if values:
            daftar_ref[name] = (
                f"{quote_sheetname(SHEET_DAFTAR)}!${letter}$2:${letter}${len(values) + 1}"
            )
    daftar.sheet_state = "hidden"
    sheets = {sheet: _siapkan_sheet(wb, sheet, spec[sheet], daftar_ref) for sheet in SHEETS_DATA}
    # The Daftar sheet goes last so the data sheets keep their natural order.
    wb.move_sheet(SHEET_DAFTAR, offset=len(wb.sheetnames))
    return wb, sheets, spec


def renstra_template(opd, tahun_awal, tahun_akhir):
    """The empty Renstra workbook for an OPD and period (headers, notes, validation lists)."""
    konteks = Konteks(opd)
    wb, _, _ = _buat_workbook(opd, list(range(tahun_awal, tahun_akhir + 1)), konteks)
    return wb


def renstra_export(periode):
    """The period's plan in the import format: exporting then importing gives the same plan."""
    konteks = Konteks(periode.opd)
    tahun_list = periode.tahun_list
    wb, sheets, spec = _buat_workbook(periode.opd, tahun_list, konteks)
    unit_nama = dict(UnitKerja.objects.filter(opd=periode.opd).values_list("pk", "nama"))

    def tulis(sheet, rows):
        ws = sheets[sheet]
        formats = [k.format for k in spec[sheet]]
        for nomor, values in enumerate(rows, start=2):
            xlsx.tulis_baris(ws, nomor, values, formats, border=False)

    tujuan = list(periode.tujuan_set.order_by("urutan", "kode"))
    tulis(SHEET_TUJUAN, ([t.kode, t.uraian] for t in tujuan))
    sasaran = list(periode.sasaran_set.select_related("tujuan").order_by("urutan", "kode"))
    tulis(SHEET_SASARAN, ([s.kode, s.tujuan.kode, s.uraian] for s in sasaran))
    program = list(periode.program_set.select_related("sasaran").order_by("urutan", "kode"))
    tulis(SHEET_PROGRAM, ([p.kode, p.sasaran.kode if p.sasaran else "", p.nama] for p in program))
    kegiatan = list(periode.kegiatan_set.select_related("program").order_by("urutan", "kode"))
    tulis(SHEET_KEGIATAN, ([k.kode, k.program.kode, k.nama] for k in kegiatan))

    pagu = {
        (p.sub_kegiatan_id, p.tahun): p.jumlah
        for p in Pagu.objects.filter(sub_kegiatan__periode=periode, berlaku_mulai=1)
    }
    sub = list(periode.sub_kegiatan_set.select_related("kegiatan").order_by("urutan", "kode"))
    tulis(
        SHEET_SUB,
        (
            [s.kode, s.kegiatan.kode, s.nama, unit_nama.get(s.unit_id, ""), s.lokasi]
            + [pagu.get((s.pk, t)) for t in tahun_list]
            for s in sub
        ),
    )
    kode_pemilik = {
        "tujuan": {t.pk: t.kode for t in tujuan},
        "sasaran": {s.pk: s.kode for s in sasaran},
        "program": {p.pk: p.kode for p in program},
        "kegiatan": {k.pk: k.kode for k in kegiatan},
        "sub_kegiatan": {s.pk: s.kode for s in sub},
    }
    levels = {
        lv.pk: lv.nama for lv in LevelKategori.objects.filter(skala_id__in=konteks.skala.values())
    }
    skala_nama = {pk: nama for nama, pk in ((s.nama, s.pk) for s in SkalaKategori.objects.all())}
    target = {}
    for t in TargetTahunan.objects.filter(indikator__periode=periode):
        if t.level_id:
            target[(t.indikator_id, t.tahun)] = levels.get(t.level_id)
        elif t.nilai is not None:
            target[(t.indikator_id, t.tahun)] = t.nilai
        else:
            target[(t.indikator_id, t.tahun)] = t.teks or None
    through = Indikator.unit_penanggung_jawab.through
    pj = {}
    for indikator_id, unit_id in through.objects.filter(indikator__periode=periode).values_list(
        "indikator_id", "unitkerja_id"
    ):
        pj.setdefault(indikator_id, []).append(unit_nama.get(unit_id, ""))
    order = {name: i for i, name in enumerate(TINGKAT_LABEL)}
    indikator = sorted(
        periode.indikator_set.all(),
        key=lambda i: (
            order[i.level],
            kode_pemilik[i.level].get(getattr(i, f"{i.level}_id"), ""),
            i.urutan,
            i.pk,
        ),
    )
    rows = []
    for i in indikator:
        level = i.level
        awal = levels.get(i.kondisi_awal_level_id) if i.kondisi_awal_level_id else i.kondisi_awal
        rows.append(
            [
                TINGKAT_LABEL[level],
                kode_pemilik[level].get(getattr(i, f"{level}_id"), ""),
                i.kode,
                i.uraian,
                i.satuan,
                TIPE_LABEL[i.tipe],
                POLARITAS_LABEL[i.polaritas],
                i.rentang_bawah,
                i.rentang_atas,
                AGREGASI_LABEL[i.agregasi],
                skala_nama.get(i.skala_id, "") if i.skala_id else "",
                "Ya" if i.is_iku else "",
                i.formula,
                i.label_pembilang,
                i.label_penyebut,
                i.sumber_data,
                "; ".join(sorted(pj.get(i.pk, []))),
                awal,
                i.tahun_kondisi_awal,
            ]
            + [target.get((i.pk, t)) for t in tahun_list]
        )
    tulis(SHEET_INDIKATOR, rows)
    return wb
