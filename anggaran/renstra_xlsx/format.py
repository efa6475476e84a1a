"""The format of the Renstra workbook: sheet names, the columns of every data sheet, the
database context the columns need (units, category scales), and the empty template with
its "Petunjuk" and hidden "Daftar" sheets."""

from dataclasses import dataclass

from django.conf import settings
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from renstra.models import (
    Kegiatan,
    LevelKategori,
    Program,
    SkalaKategori,
    SubKegiatan,
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
RUMUS_NEGATIF_LABEL = {"selisih": "selisih", "kebalikan": "kebalikan"}
PENUNJANG = "Program / Kegiatan Penunjang"
SASARAN_TAHUNAN = "Sasaran per Tahun"
TANPA_SASARAN = "-"
AGREGASI_LABEL = {"kumulatif": "kumulatif", "terakhir": "terakhir", "rata_rata": "rata-rata"}
YA_TIDAK = ["Ya", "Tidak"]

MAX_PANJANG = {
    SHEET_TUJUAN: 30,
    SHEET_SASARAN: 30,
    SHEET_PROGRAM: Program._meta.get_field("kode").max_length,
    SHEET_KEGIATAN: Kegiatan._meta.get_field("kode").max_length,
    SHEET_SUB: SubKegiatan._meta.get_field("kode").max_length,
}


@dataclass(frozen=True)
class Kolom:
    judul: str
    catatan: str
    wajib: bool = False
    lebar: int = 14
    format: str = xlsx.FMT_ANGKA
    daftar: str = ""  # name of a list in the "Daftar" sheet used for data validation
    daftar_ketat: bool = True
    # A column added later: a workbook without it is still read (the stored value stays).
    boleh_absen: bool = False


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
            Kolom(
                SASARAN_TAHUNAN,
                "Sasaran yang didukung pada tahun tertentu bila berbeda dari Kode Sasaran, "
                f"mis. '{tahun_list[0]}=S1.1; {tahun_list[-1]}={TANPA_SASARAN}' ('{TANPA_SASARAN}' "
                "= program penunjang tanpa sasaran tahun itu). Kosong = Kode Sasaran di semua "
                "tahun. Workbook tanpa kolom ini tidak mengubah pengaturan tersimpan.",
                False,
                22,
                boleh_absen=True,
            ),
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
            # After the year columns: workbooks made before it keep their column order.
            Kolom(
                "Rumus Negatif",
                "Rumus capaian polaritas negatif bila berbeda dari pengaturan pemda: selisih "
                "((2 × Target − Realisasi) / Target × 100) atau kebalikan (Target / Realisasi "
                "× 100); kosong = pengaturan pemda.",
                False,
                11,
                daftar="rumus_negatif",
                boleh_absen=True,
            ),
            Kolom(
                PENUNJANG,
                "Kode program dan/atau kegiatan yang anggarannya menunjang indikator ini "
                "(tabel LKjIP 3.1.x.E/F), dipisah ';'. Kosong = anggaran sasaran.",
                False,
                22,
                boleh_absen=True,
            ),
        ],
    }


def baca_sasaran_tahunan(teks, tahun_list):
    """'2025=S1.1; 2026=-' -> {2025: 'S1.1', 2026: ''} (an empty code: a support program
    that year). Raises ValueError with the reason (Indonesian) for a malformed part, a year
    outside the period or a year named twice."""
    hasil = {}
    for bagian in (b.strip() for b in str(teks or "").split(";")):
        if not bagian:
            continue
        tahun, sama, kode = (x.strip() for x in bagian.partition("="))
        if not sama or not tahun.isdigit() or not kode:
            raise ValueError(
                f"'{bagian}' tidak sesuai format 'tahun=kode sasaran' (mis. "
                f"{tahun_list[0]}=S1.1 atau {tahun_list[0]}={TANPA_SASARAN})."
            )
        tahun = int(tahun)
        if tahun not in tahun_list:
            raise ValueError(
                f"Tahun {tahun} di luar periode Renstra {tahun_list[0]}–{tahun_list[-1]}."
            )
        if tahun in hasil:
            raise ValueError(f"Tahun {tahun} disebut dua kali.")
        hasil[tahun] = "" if kode == TANPA_SASARAN else kode
    return hasil


def tulis_sasaran_tahunan(per_tahun):
    """{2025: 'S1.1', 2026: ''} -> '2025=S1.1; 2026=-' (years in order)."""
    return "; ".join(f"{t}={kode or TANPA_SASARAN}" for t, kode in sorted(per_tahun.items()))


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
                    self.unit[norm(key)] = unit.pk
        self.skala = {}
        self.skala_nama = []
        self.level = {}
        skala_qs = SkalaKategori.objects.filter(pemda__isnull=True) | SkalaKategori.objects.filter(
            pemda_id=opd.pemda_id
        )
        for skala in skala_qs.order_by("nama"):
            self.skala[norm(skala.nama)] = skala.pk
            self.skala_nama.append(skala.nama)
        for level in LevelKategori.objects.filter(skala_id__in=self.skala.values()):
            self.level[(level.skala_id, norm(level.nama))] = level.pk


def norm(value):
    """A cell as a lookup key: its text, lower case (names match whatever their case)."""
    return xlsx.teks(value).lower()


# ---------------------------------------------------------------- the template


def _daftar(konteks):
    return {
        "tingkat": list(TINGKAT_LABEL.values()),
        "satuan": SATUAN_UMUM,
        "tipe": list(TIPE_LABEL.values()),
        "polaritas": list(POLARITAS_LABEL.values()),
        "rumus_negatif": list(RUMUS_NEGATIF_LABEL.values()),
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


def buat_workbook(opd, tahun_list, konteks):
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
    wb, _, _ = buat_workbook(opd, list(range(tahun_awal, tahun_akhir + 1)), konteks)
    return wb
