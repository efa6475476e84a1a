"""The quarterly realisation workbook (issue 6, item 2): an operator downloads it for their
unit and an open quarter, fills it offline and uploads it. The upload goes through the same
services as the web form (kinerja.services.realisasi_simpan,
anggaran.services.realisasi_anggaran_simpan), so scope, closed quarters, submitted or
verified rows, concurrent edits (versi) and budget above pagu are refused by the same rules.

Layout: sheets "Kinerja" and "Anggaran" with the row ids and the version loaded in hidden
columns A-B, every cell locked except the input cells (yellow, validated), the sheets
protected; a hidden sheet "_meta" names the unit, year and quarter."""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from anggaran.models import RealisasiAnggaran
from anggaran.services import realisasi_anggaran_simpan
from kinerja import format as fmt
from kinerja import lembar
from kinerja.lingkup import indikator_unit
from kinerja.models import Realisasi
from kinerja.services import realisasi_simpan
from renstra.models import Indikator, LevelKategori, SubKegiatan, UnitKerja
from sakip import xlsx

SHEET_KINERJA = "Kinerja"
SHEET_ANGGARAN = "Anggaran"
SHEET_META = "_meta"
SHEET_LEVEL = "_kategori"

KOLOM_KINERJA = [
    ("ID", 6),
    ("Versi", 6),
    ("Tingkat / Kode", 22),
    ("Indikator", 50),
    ("Satuan", 10),
    ("Tipe", 11),
    ("Target TW", 12),
    ("Target Tahun", 12),
    ("Realisasi TW Lalu", 14),
    ("Realisasi", 14),
    ("Pembilang", 12),
    ("Penyebut", 12),
    ("Penjelasan", 40),
    ("Status", 14),
]
KOLOM_ANGGARAN = [
    ("ID", 6),
    ("Versi", 6),
    ("Kode", 22),
    ("Sub Kegiatan", 50),
    ("Pagu Berlaku (Rp)", 18),
    ("Realisasi s.d. TW Lalu (Rp)", 20),
    ("Realisasi TW Ini (Rp)", 20),
    ("Penjelasan", 40),
    ("Status", 14),
]
K_REALISASI, K_PEMBILANG, K_PENYEBUT, K_PENJELASAN = 10, 11, 12, 13
A_JUMLAH, A_PENJELASAN = 7, 8


def _target_teks(target):
    if target is None:
        return None
    if target.level_id:
        return target.level.nama
    if target.nilai is not None:
        return target.nilai
    return target.teks or None


def _realisasi_nilai(r):
    if r is None:
        return None
    if r.level_id:
        return r.level.nama
    return r.nilai


def templat_realisasi(*, unit, tahun, triwulan):
    """The workbook of one unit's indicators and sub-kegiatan for a quarter, pre-filled with
    what is stored now (so an unchanged upload changes nothing)."""
    groups = lembar.lembar_unit(unit=unit, tahun=tahun, triwulan=triwulan)
    wb = xlsx.workbook_baru()
    label_tw = f"Triwulan {fmt.triwulan_romawi(triwulan)} {tahun}"

    petunjuk = wb.create_sheet("Petunjuk")
    for line in [
        f"Realisasi {label_tw} · {unit.nama} · {unit.opd.nama}",
        "Isi hanya sel berwarna kuning: Realisasi (atau Pembilang dan Penyebut untuk indikator rasio, "
        "atau pilih kategori), Penjelasan, dan Realisasi TW Ini pada sheet Anggaran (rupiah bulat).",
        "Angka boleh 86,5 atau 86.5. Sel kosong berarti tidak ada perubahan.",
        "Baris yang sudah diajukan atau diverifikasi terkunci. Jangan menambah, menghapus atau "
        "memindah baris, dan jangan mengubah kolom tersembunyi ID dan Versi.",
        "Unggah kembali di halaman Realisasi via Excel: Anda melihat pratinjau perubahan, lalu "
        "menyimpan semuanya sekaligus. Bila ada satu baris yang ditolak, tidak ada yang disimpan.",
        "Bila orang lain mengubah baris yang sama setelah workbook ini diunduh, baris itu ditolak; "
        "unduh workbook baru.",
    ]:
        petunjuk.append([line])
    petunjuk["A1"].font = xlsx.Font(bold=True, size=13)
    petunjuk.column_dimensions["A"].width = 120

    meta = wb.create_sheet(SHEET_META)
    for key, value in (
        ("unit", unit.pk),
        ("tahun", tahun),
        ("triwulan", triwulan),
        ("opd", unit.opd_id),
    ):
        meta.append([key, value])
    meta.sheet_state = "hidden"

    # Category levels for the drop-downs, one column per scale.
    levels_sheet = wb.create_sheet(SHEET_LEVEL)
    levels_sheet.sheet_state = "hidden"
    skala_ref = {}

    ws = wb.create_sheet(SHEET_KINERJA)
    for index, (judul, lebar) in enumerate(KOLOM_KINERJA, start=1):
        xlsx.tulis_judul(ws, 1, index, judul)
        ws.column_dimensions[get_column_letter(index)].width = lebar
    ws.cell(row=1, column=K_REALISASI).comment = Comment(
        "Nilai realisasi triwulan ini; untuk indikator kategori pilih level dari daftar.", "SAKIP"
    )
    angka_dv = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Bukan angka",
        error="Isi angka tidak negatif, mis. 86,5.",
    )
    ws.add_data_validation(angka_dv)
    row = 2
    for g in groups:
        for b in g.indikator:
            ind = b.indikator
            values = [
                ind.pk,
                b.versi,
                f"{g.level} {g.kode}".strip(),
                ind.uraian,
                ind.satuan,
                ind.get_tipe_display(),
                _target_teks(b.target_triwulan),
                _target_teks(b.target_tahunan),
                _realisasi_nilai(b.sebelumnya),
                _realisasi_nilai(b.realisasi),
                b.realisasi.pembilang if b.realisasi else None,
                b.realisasi.penyebut if b.realisasi else None,
                b.realisasi.penjelasan if b.realisasi else "",
                b.realisasi.get_status_display() if b.realisasi else "Belum diisi",
            ]
            xlsx.tulis_baris(ws, row, values, wrap_kolom=(4, 13))
            if b.dapat_diubah:
                if ind.tipe == Indikator.Tipe.RASIO:
                    inputs = [K_PEMBILANG, K_PENYEBUT, K_PENJELASAN]
                else:
                    inputs = [K_REALISASI, K_PENJELASAN]
                for col in inputs:
                    cell = ws.cell(row=row, column=col)
                    cell.protection = xlsx.UNLOCKED
                    cell.fill = xlsx.INPUT_FILL
                    if (
                        col in (K_REALISASI, K_PEMBILANG, K_PENYEBUT)
                        and ind.tipe != Indikator.Tipe.KATEGORI
                    ):
                        angka_dv.add(cell.coordinate)
                if ind.tipe == Indikator.Tipe.KATEGORI and b.levels:
                    if ind.skala_id not in skala_ref:
                        col = len(skala_ref) + 1
                        letter = get_column_letter(col)
                        for r, lv in enumerate(b.levels, start=1):
                            levels_sheet.cell(row=r, column=col, value=lv.nama)
                        skala_ref[ind.skala_id] = (
                            f"{quote_sheetname(SHEET_LEVEL)}!${letter}$1:${letter}${len(b.levels)}"
                        )
                    dv = DataValidation(
                        type="list",
                        formula1=skala_ref[ind.skala_id],
                        allow_blank=True,
                        showErrorMessage=True,
                        errorTitle="Kategori tidak dikenal",
                        error="Pilih kategori dari daftar.",
                    )
                    ws.add_data_validation(dv)
                    dv.add(ws.cell(row=row, column=K_REALISASI).coordinate)
            row += 1
    _kunci(ws)

    wa = wb.create_sheet(SHEET_ANGGARAN)
    for index, (judul, lebar) in enumerate(KOLOM_ANGGARAN, start=1):
        xlsx.tulis_judul(wa, 1, index, judul)
        wa.column_dimensions[get_column_letter(index)].width = lebar
    rupiah_dv = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Bukan rupiah",
        error="Isi rupiah bulat tidak negatif.",
    )
    wa.add_data_validation(rupiah_dv)
    row = 2
    for g in groups:
        b = g.anggaran
        if b is None:
            continue
        this = b.realisasi.jumlah if b.realisasi else None
        before = b.sd_triwulan - (this or 0)
        values = [
            b.sub_kegiatan.pk,
            b.versi,
            b.sub_kegiatan.kode,
            b.sub_kegiatan.nama,
            b.pagu.jumlah if b.pagu else None,
            before,
            this,
            b.realisasi.penjelasan if b.realisasi else "",
            b.realisasi.get_status_display() if b.realisasi else "Belum diisi",
        ]
        xlsx.tulis_baris(
            wa,
            row,
            values,
            [None, None, None, None, xlsx.FMT_RUPIAH, xlsx.FMT_RUPIAH, xlsx.FMT_RUPIAH],
            wrap_kolom=(4, 8),
        )
        if b.dapat_diubah:
            for col in (A_JUMLAH, A_PENJELASAN):
                cell = wa.cell(row=row, column=col)
                cell.protection = xlsx.UNLOCKED
                cell.fill = xlsx.INPUT_FILL
            rupiah_dv.add(wa.cell(row=row, column=A_JUMLAH).coordinate)
        row += 1
    _kunci(wa)
    wb.active = wb.sheetnames.index(SHEET_KINERJA)
    return wb


def _kunci(ws):
    ws.column_dimensions["A"].hidden = True
    ws.column_dimensions["B"].hidden = True
    xlsx.bekukan(ws, 1, 4)
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths may still be changed
    ws.protection.autoFilter = False


# ---------------------------------------------------------------- upload


@dataclass
class Perubahan:
    """One row whose input differs from what is stored."""

    jenis: str  # "kinerja" or "anggaran"
    sheet: str
    baris: int
    obj_id: int
    versi: int
    label: str
    lama: str
    baru: str
    data: dict

    def as_session(self):
        return {
            k: getattr(self, k)
            for k in ("jenis", "sheet", "baris", "obj_id", "versi", "label", "lama", "baru", "data")
        }


@dataclass
class HasilUnggah:
    perubahan: list = field(default_factory=list)
    kesalahan: list = field(default_factory=list)  # (sheet, baris, pesan)
    tetap: int = 0
    disimpan: bool = False


def _meta(wb):
    if SHEET_META not in wb.sheetnames or SHEET_KINERJA not in wb.sheetnames:
        raise xlsx.BerkasTidakValid(
            "Workbook ini bukan templat realisasi SAKIP (sheet Kinerja/_meta tidak ada). "
            "Unduh templat dari halaman Realisasi via Excel."
        )
    values = {}
    for key, value in wb[SHEET_META].iter_rows(values_only=True, max_col=2):
        values[xlsx.teks(key)] = value
    try:
        return int(values["unit"]), int(values["tahun"]), int(values["triwulan"])
    except (KeyError, TypeError, ValueError):
        raise xlsx.BerkasTidakValid(
            "Data templat (sheet _meta) rusak; unduh templat baru."
        ) from None


def baca_unggahan(berkas, *, unit, tahun, triwulan):
    """Compare an uploaded workbook with what is stored for the unit and quarter. Returns
    HasilUnggah with the rows that change and every refused row (another unit's row, a
    locked row, a value that is not a number or not a level of the scale). Writes nothing."""
    wb = xlsx.buka_workbook(berkas)
    hasil = HasilUnggah()
    try:
        m_unit, m_tahun, m_tw = _meta(wb)
        if (m_unit, m_tahun, m_tw) != (unit.pk, tahun, triwulan):
            other = UnitKerja.objects.filter(pk=m_unit).first()
            raise xlsx.BerkasTidakValid(
                f"Workbook ini untuk {other.nama if other else 'unit lain'}, Triwulan "
                f"{fmt.triwulan_romawi(m_tw)} {m_tahun}; bukan untuk {unit.nama} Triwulan "
                f"{fmt.triwulan_romawi(triwulan)} {tahun}."
            )
        k_rows = list(wb[SHEET_KINERJA].iter_rows(min_row=2, values_only=True))
        a_rows = (
            list(wb[SHEET_ANGGARAN].iter_rows(min_row=2, values_only=True))
            if SHEET_ANGGARAN in wb.sheetnames
            else []
        )
    finally:
        wb.close()
    _banding_kinerja(k_rows, unit, tahun, triwulan, hasil)
    _banding_anggaran(a_rows, unit, tahun, triwulan, hasil)
    return hasil


def _id(value):
    try:
        number = xlsx.angka(value)
    except ValueError:
        return None
    if number is None or number != number.to_integral_value():
        return None
    return int(number)


def _baris_milik(rows, *, kolom, milik, sheet, label, unit, hasil):
    """(row number, row padded to `kolom`, id) of every filled row whose hidden id is one of
    the unit's own; a row of anything else is reported in `hasil` and skipped."""
    for nomor, r in enumerate(rows, start=2):
        if not r or xlsx.baris_kosong(r):
            continue
        r = list(r) + [None] * (len(kolom) - len(r))
        obj_id = _id(r[0])
        if obj_id is None or obj_id not in milik:
            hasil.kesalahan.append(
                (sheet, nomor, f"{label} baris ini bukan tanggungan {unit.nama}; baris ditolak.")
            )
            continue
        yield nomor, r, obj_id


def _teks_angka(value):
    return fmt.angka(value) if value is not None else "–"


def _banding_kinerja(rows, unit, tahun, triwulan, hasil):
    ids = [_id(r[0]) for r in rows if r and not xlsx.baris_kosong(r)]
    milik = set(
        indikator_unit(unit.pk).filter(pk__in=[i for i in ids if i]).values_list("pk", flat=True)
    )
    indikator = {i.pk: i for i in Indikator.objects.filter(pk__in=milik).select_related("skala")}
    stored = {
        r.indikator_id: r
        for r in Realisasi.objects.filter(
            indikator_id__in=milik, tahun=tahun, triwulan=triwulan
        ).select_related("level")
    }
    levels = {}
    for lv in LevelKategori.objects.filter(
        skala_id__in={i.skala_id for i in indikator.values() if i.skala_id}
    ):
        levels[(lv.skala_id, lv.nama.lower())] = lv
    for nomor, r, obj_id in _baris_milik(
        rows,
        kolom=KOLOM_KINERJA,
        milik=milik,
        sheet=SHEET_KINERJA,
        label="Indikator",
        unit=unit,
        hasil=hasil,
    ):
        ind = indikator[obj_id]
        lama = stored.get(obj_id)
        versi = _id(r[1]) if r[1] is not None else 0
        penjelasan = xlsx.teks(r[K_PENJELASAN - 1]) if r[K_PENJELASAN - 1] is not None else ""
        data = {"penjelasan": penjelasan}
        try:
            if ind.tipe == Indikator.Tipe.KATEGORI:
                nama = xlsx.teks(r[K_REALISASI - 1])
                if not nama:
                    if lama is None and not penjelasan:
                        continue
                    level = lama.level if lama else None
                else:
                    level = levels.get((ind.skala_id, nama.lower()))
                    if level is None:
                        raise ValueError(
                            f"Kategori “{nama}” tidak ada pada skala {ind.skala.nama}."
                        )
                data["level_id"] = level.pk if level else None
                berubah = lama is None or lama.level_id != data["level_id"]
                baru_teks = level.nama if level else "–"
                lama_teks = lama.level.nama if lama and lama.level_id else "–"
            elif ind.tipe == Indikator.Tipe.RASIO:
                p = xlsx.angka(r[K_PEMBILANG - 1])
                q = xlsx.angka(r[K_PENYEBUT - 1])
                if p is None and q is None and lama is None and not penjelasan:
                    continue
                data["pembilang"] = str(p) if p is not None else None
                data["penyebut"] = str(q) if q is not None else None
                berubah = lama is None or lama.pembilang != p or lama.penyebut != q
                baru_teks = f"{_teks_angka(p)} / {_teks_angka(q)}"
                lama_teks = (
                    f"{_teks_angka(lama.pembilang)} / {_teks_angka(lama.penyebut)}" if lama else "–"
                )
            else:
                n = xlsx.angka(r[K_REALISASI - 1])
                if n is None and lama is None and not penjelasan:
                    continue
                if n is None and lama is not None:
                    n = lama.nilai
                data["nilai"] = str(n) if n is not None else None
                berubah = lama is None or lama.nilai != n
                baru_teks = _teks_angka(n)
                lama_teks = _teks_angka(lama.nilai) if lama else "–"
        except ValueError as exc:
            hasil.kesalahan.append((SHEET_KINERJA, nomor, f"{ind.uraian}: {exc}"))
            continue
        if lama is not None and lama.penjelasan != penjelasan:
            berubah = True
        if not berubah:
            hasil.tetap += 1
            continue
        hasil.perubahan.append(
            Perubahan(
                "kinerja",
                SHEET_KINERJA,
                nomor,
                obj_id,
                versi if versi is not None else -1,
                ind.uraian,
                lama_teks,
                baru_teks,
                data,
            )
        )


def _banding_anggaran(rows, unit, tahun, triwulan, hasil):
    ids = [_id(r[0]) for r in rows if r and not xlsx.baris_kosong(r)]
    milik = {s.pk: s for s in SubKegiatan.objects.filter(pk__in=[i for i in ids if i], unit=unit)}
    stored = {
        r.sub_kegiatan_id: r
        for r in RealisasiAnggaran.objects.filter(
            sub_kegiatan_id__in=milik, tahun=tahun, triwulan=triwulan
        )
    }
    for nomor, r, obj_id in _baris_milik(
        rows,
        kolom=KOLOM_ANGGARAN,
        milik=milik,
        sheet=SHEET_ANGGARAN,
        label="Sub kegiatan",
        unit=unit,
        hasil=hasil,
    ):
        sub = milik[obj_id]
        lama = stored.get(obj_id)
        versi = _id(r[1]) if r[1] is not None else 0
        try:
            jumlah = xlsx.angka(r[A_JUMLAH - 1], uang=True)
        except ValueError as exc:
            hasil.kesalahan.append((SHEET_ANGGARAN, nomor, f"{sub.kode}: {exc}"))
            continue
        penjelasan = xlsx.teks(r[A_PENJELASAN - 1])
        if jumlah is None:
            if lama is None and not penjelasan:
                continue
            jumlah = lama.jumlah if lama else None
        berubah = lama is None or lama.jumlah != jumlah or lama.penjelasan != penjelasan
        if not berubah:
            hasil.tetap += 1
            continue
        hasil.perubahan.append(
            Perubahan(
                "anggaran",
                SHEET_ANGGARAN,
                nomor,
                obj_id,
                versi if versi is not None else -1,
                f"{sub.kode} {sub.nama}",
                fmt.rupiah(lama.jumlah) if lama else "–",
                fmt.rupiah(jumlah),
                {"jumlah": str(jumlah) if jumlah is not None else None, "penjelasan": penjelasan},
            )
        )


class _Batal(Exception):
    pass


def _pesan(exc):
    if isinstance(exc, PermissionDenied):
        return str(exc) or "Anda tidak berwenang mengubah baris ini."
    if hasattr(exc, "error_dict"):
        return " ".join(m for msgs in exc.message_dict.values() for m in msgs)
    return " ".join(exc.messages)


def terapkan(*, user, unit, tahun, triwulan, perubahan, simpan):
    """Run every change through the services in one transaction. With simpan=False (the
    preview) or when any row is refused, everything is rolled back. Returns the list of
    (sheet, row, message) refusals; empty means all rows pass (and, with simpan, are saved)."""
    kesalahan = []
    levels = {
        lv.pk: lv
        for lv in LevelKategori.objects.filter(
            pk__in=[p["data"].get("level_id") for p in perubahan if p["data"].get("level_id")]
        )
    }
    try:
        with transaction.atomic():
            for p in perubahan:
                try:
                    if p["jenis"] == "kinerja":
                        ind = Indikator.objects.filter(pk=p["obj_id"]).first()
                        if ind is None or not indikator_unit(unit.pk).filter(pk=ind.pk).exists():
                            raise PermissionDenied(f"Indikator bukan tanggungan {unit.nama}.")
                        data = p["data"]
                        realisasi_simpan(
                            user=user,
                            indikator=ind,
                            tahun=tahun,
                            triwulan=triwulan,
                            versi=p["versi"],
                            nilai=data.get("nilai"),
                            pembilang=data.get("pembilang"),
                            penyebut=data.get("penyebut"),
                            level=levels.get(data.get("level_id")),
                            penjelasan=data.get("penjelasan", ""),
                        )
                    else:
                        sub = SubKegiatan.objects.filter(pk=p["obj_id"], unit=unit).first()
                        if sub is None:
                            raise PermissionDenied(f"Sub kegiatan bukan tanggungan {unit.nama}.")
                        realisasi_anggaran_simpan(
                            user=user,
                            sub_kegiatan=sub,
                            tahun=tahun,
                            triwulan=triwulan,
                            jumlah=p["data"].get("jumlah"),
                            versi=p["versi"],
                            penjelasan=p["data"].get("penjelasan", ""),
                        )
                except (ValidationError, PermissionDenied) as exc:
                    kesalahan.append((p["sheet"], p["baris"], f"{p['label']}: {_pesan(exc)}"))
            if kesalahan or not simpan:
                raise _Batal
    except _Batal:
        pass
    return kesalahan


# ---------------------------------------------------------------- document exports
#
# Every document of kinerja.laporan (issue 5) as a workbook, from the same dict the HTML
# and the PDF render (kinerja.laporan.selectors.build_document): numbers stay numbers with
# Indonesian number formats, headers are merged like the printed tables, header rows are
# frozen and widths fitted.


class Gabung:
    """A value merged down over `span` rows (an HTML rowspan)."""

    __slots__ = ("nilai", "span")

    def __init__(self, nilai, span):
        self.nilai, self.span = nilai, max(1, span or 1)


# "86", "70,32%", "50 Orang": a number and an optional unit, as the documents print them.
_ANGKA_SATUAN = re.compile(r"^(-?[\d.,]+)\s*(%|[A-Za-z][\w /.-]{0,20})?$")


def nilai_sel(value):
    """A figure for a cell. Computed results (capaian.Hasil, Efisiensi) give their number;
    a display text such as '86%', '70,32%' or '50 Orang' gives (number, number format with
    the unit) so the cell is a real number that still reads like the document; any other
    text stays text; '–' (no figure) becomes an empty cell."""
    if value is None:
        return None, None
    if hasattr(value, "nilai") and not isinstance(value, str | int | float):
        return value.nilai, xlsx.FMT_PERSEN
    if isinstance(value, str):
        text = value.strip()
        if text in ("", fmt.TANPA_NILAI, "-"):
            return None, None
        match = _ANGKA_SATUAN.match(text)
        if match:
            try:
                number = fmt.parse_angka(match[1])
            except fmt.AngkaTidakSah:
                return text, None
            unit = match[2] or ""
            if unit == "%":
                return number, 'General"%"'
            if unit:
                return number, 'General" ' + unit.replace('"', "") + '"'
            return number, None
        return text, None
    return value, None


def _tulis_judul_dokumen(ws, lines, lebar_kolom):
    for index, line in enumerate(lines, start=1):
        ws.cell(row=index, column=1, value=line)
        ws.merge_cells(start_row=index, start_column=1, end_row=index, end_column=lebar_kolom)
        ws.cell(row=index, column=1).font = xlsx.Font(bold=True, size=12 if index == 1 else 11)
        ws.cell(row=index, column=1).alignment = xlsx.Alignment(horizontal="center")
    return len(lines) + 2


def _tulis_tabel(ws, baris, header, rows, *, formats=None, wrap=(), nomor_kolom=True, total=None):
    """Write header (list of (row offset, column, text, rowspan, colspan)), a row of column
    numbers like the printed tables, the data rows (values or Gabung), and a total row.
    Returns (row after the table, last header row)."""
    n_kolom = max(c + cs - 1 for _, c, _, _, cs in header)
    start = xlsx.tulis_header_bertingkat(ws, header, baris_awal=baris)
    if nomor_kolom:
        for col in range(1, n_kolom + 1):
            cell = xlsx.tulis_judul(ws, start, col, col)
            cell.font = xlsx.Font(italic=True, size=8)
        start += 1
    header_end = start - 1
    formats = formats or [None] * n_kolom
    r = start
    for values in rows:
        for col, value in enumerate(values, start=1):
            span = 1
            if isinstance(value, Gabung):
                value, span = value.nilai, value.span
            elif value is _LEWAT:
                continue
            number, number_format = nilai_sel(value)
            cell = ws.cell(row=r, column=col, value=xlsx.nilai_excel(number))
            cell.border = xlsx.BORDER
            cell.alignment = xlsx.WRAP
            fmt_col = formats[col - 1] if col - 1 < len(formats) else None
            if fmt_col and isinstance(number, int | float | Decimal):
                cell.number_format = fmt_col
            elif number_format:
                cell.number_format = number_format
            if span > 1:
                ws.merge_cells(start_row=r, start_column=col, end_row=r + span - 1, end_column=col)
        for col in range(1, n_kolom + 1):
            ws.cell(row=r, column=col).border = xlsx.BORDER
        r += 1
    if total:
        label_cols, values = total
        ws.cell(row=r, column=1, value="Jumlah" if label_cols else None)
        if label_cols > 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=label_cols)
        for col, value in enumerate(values, start=label_cols + 1):
            number, number_format = nilai_sel(value)
            cell = ws.cell(row=r, column=col, value=xlsx.nilai_excel(number))
            fmt_col = formats[col - 1] if col - 1 < len(formats) else None
            if fmt_col:
                cell.number_format = fmt_col
        for col in range(1, n_kolom + 1):
            cell = ws.cell(row=r, column=col)
            cell.border = xlsx.BORDER
            cell.font = xlsx.HEADER_FONT
        r += 1
    return r, header_end


class _Lewat:
    """A cell covered by a merge above it (an HTML cell absent because of a rowspan)."""


_LEWAT = _Lewat()


def _sel(span, value):
    """A cell of a rowspan run: the value merged on the run's first row, skipped after."""
    return Gabung(value, span) if span else _LEWAT


def _selesai(ws, header_end, *, judul_baris, kolom_lebar=None):
    xlsx.bekukan(ws, header_end)
    xlsx.sesuaikan_lebar(ws, maksimum=45, lewati_baris=judul_baris)
    for col, width in (kolom_lebar or {}).items():
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = f"{judul_baris + 1}:{header_end}"


def _judul(doc, *extra):
    return [doc["judul"], doc["opd"].nama, doc["opd"].pemda.nama, *extra]


def _baris_ind(items, key):
    return "\n".join(str(i[key] if isinstance(i, dict) else i) for i in items) if items else None


def _target_ind(items):
    """One target keeps its number; several in one cell are listed as text lines."""
    if not items:
        return None
    if len(items) == 1:
        return items[0]["target"]
    return "\n".join(i["target"] for i in items)


def ekspor_pk(wb, doc):
    ws = wb.create_sheet("Lampiran PK")
    baris = _tulis_judul_dokumen(
        ws, ["Lampiran " + doc["judul"], doc["opd"].nama, doc["opd"].pemda.nama], 5
    )
    judul_baris = baris - 1
    header = [
        (0, 1, "No", 1, 1),
        (0, 2, "Sasaran Strategis", 1, 1),
        (0, 3, "Indikator Kinerja", 1, 1),
        (0, 4, "Target", 1, 1),
        (0, 5, "Satuan", 1, 1),
    ]
    rows = []
    for row in doc["indikator_rows"]:
        span = row.get("sasaran_rowspan")
        target = (
            row["target_nilai"]
            if row.get("target_nilai") is not None
            else (row.get("target_teks") or None)
        )
        rows.append(
            [
                _sel(span, row["sasaran_no"]),
                _sel(span, row["sasaran"]),
                row["indikator"],
                target,
                row.get("satuan", ""),
            ]
        )
    after, header_end = _tulis_tabel(
        ws, baris, header, rows, formats=[None, None, None, "#,##0.##", None]
    )
    header2 = [
        (0, 1, "No", 1, 1),
        (0, 2, "Program", 1, 2),
        (0, 4, "Anggaran (Rp)", 1, 1),
        (0, 5, "Keterangan", 1, 1),
    ]
    rows2 = [
        [i, row["program"], _LEWAT, row["anggaran"], row["sumber_dana"]]
        for i, row in enumerate(doc["program_rows"], start=1)
    ]
    start2 = after + 1
    end2, header2_end = _tulis_tabel(ws, start2, header2, [], nomor_kolom=False)
    r = header2_end + 1
    for values in rows2:
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=3)
        xlsx.tulis_baris(
            ws,
            r,
            values[:2] + [None] + values[3:],
            [None, None, None, xlsx.FMT_RUPIAH, None],
            wrap_kolom=(2,),
        )
        r += 1
    if rows2:
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
        xlsx.tulis_baris(
            ws,
            r,
            ["Jumlah", None, None, doc["total_anggaran"], None],
            [None, None, None, xlsx.FMT_RUPIAH, None],
        )
        for col in range(1, 6):
            ws.cell(row=r, column=col).font = xlsx.HEADER_FONT
    _selesai(ws, header_end, judul_baris=judul_baris, kolom_lebar={1: 5, 2: 40, 3: 45})
    ws.page_setup.orientation = "portrait"
    return ws


def ekspor_pengukuran(wb, doc, nama_sheet=None):
    ws = wb.create_sheet(nama_sheet or f"Pengukuran TW {doc['triwulan_romawi']}")
    baris = _tulis_judul_dokumen(ws, _judul(doc), 12)
    judul_baris = baris - 1
    header = [
        (0, c, t, 2, 1)
        for c, t in enumerate(
            [
                "NO",
                "Tujuan di RPJMD",
                "Sasaran strategis",
                "Indikator Kinerja",
                "Formulasi Perhitungan Indikator Kinerja",
                "Target",
                "Realisasi",
                "Capaian (%)",
                "Program / Kegiatan",
            ],
            start=1,
        )
    ]
    header += [
        (0, 10, "Anggaran", 1, 3),
        (1, 10, "Pagu (Rp)", 1, 1),
        (1, 11, "Realisasi (Rp)", 1, 1),
        (1, 12, "Capaian (%)", 1, 1),
    ]
    rows = []
    for b in doc["blocks"]:
        for i, r in enumerate(b["rows"]):
            first = i == 0
            values = [
                _sel(b["span"] if first else 0, b["no"]),
                _sel(b["span"] if first else 0, b["tujuan_rpjmd"]),
                _sel(b["span"] if first else 0, b["sasaran"]),
            ]
            ind = r.get("indikator")
            if ind:
                rumus = ind["rumus"]["teks"] + (
                    f"\n{ind['rumus']['angka']}" if ind["rumus"].get("angka") else ""
                )
                values += [
                    Gabung(ind["uraian"], ind["span"]),
                    Gabung(rumus, ind["span"]),
                    Gabung(ind["target"], ind["span"]),
                    Gabung(ind["realisasi"], ind["span"]),
                    Gabung(ind["capaian"], ind["span"]),
                ]
            elif r.get("indikator_kosong"):
                values += [Gabung("–", b["span"]), _LEWAT, _LEWAT, _LEWAT, _LEWAT]
            else:
                values += [_LEWAT] * 5
            budget = r.get("budget")
            if budget:
                values += [
                    budget["nama"] if budget["program"] else "    " + budget["nama"],
                    budget["pagu"],
                    budget["realisasi"],
                    budget["penyerapan"],
                ]
            else:
                values += [None, None, None, None]
            rows.append(values)
    formats = [None] * 9 + [xlsx.FMT_RUPIAH, xlsx.FMT_RUPIAH, xlsx.FMT_PERSEN]
    formats[7] = xlsx.FMT_PERSEN
    after, header_end = _tulis_tabel(
        ws,
        baris,
        header,
        rows,
        formats=formats,
        total=(9, [doc["total_pagu"], doc["total_realisasi"], doc["total_penyerapan"]]),
    )
    ws.cell(row=after - 1, column=1, value="Total")
    r = after + 1
    for label, value in (
        (f"Jumlah Anggaran (DPA) Tahun {doc['tahun']}", doc["dpa"]),
        (f"Pagu program dan kegiatan Triwulan {doc['triwulan_romawi']}", doc["total_pagu"]),
        (
            f"Realisasi s.d. Triwulan {doc['triwulan_romawi']} Tahun {doc['tahun']}",
            doc["total_realisasi"],
        ),
    ):
        ws.cell(row=r, column=2, value=label)
        cell = ws.cell(row=r, column=10, value=xlsx.nilai_excel(getattr(value, "jumlah", value)))
        cell.number_format = xlsx.FMT_RUPIAH
        r += 1
    _selesai(
        ws,
        header_end,
        judul_baris=judul_baris,
        kolom_lebar={1: 5, 2: 22, 3: 28, 4: 32, 5: 36, 9: 36},
    )
    return ws


def ekspor_rencana_aksi(wb, doc):
    used = set()
    for section in doc["sections"]:
        unit = section["unit"]
        name = (unit.singkatan or unit.nama)[:28]
        while name in used:
            name = name[:26] + f"{len(used)}"
        used.add(name)
        ws = wb.create_sheet(name)
        baris = _tulis_judul_dokumen(ws, [doc["judul"], unit.nama, doc["opd"].nama], 16)
        judul_baris = baris - 1
        header = [
            (0, 1, "NO", 2, 1),
            (0, 2, "SASARAN STRATEGIS", 2, 1),
            (0, 3, "INDIKATOR KINERJA", 2, 1),
            (0, 4, "TARGET TRIWULAN", 1, 4),
        ] + [(1, 4 + i, t, 1, 1) for i, t in enumerate(["I", "II", "III", "IV"])]
        rows = []
        for r in section["sasaran_rows"]:
            span = r.get("sasaran_rowspan")
            rows.append(
                [_sel(span, r["sasaran_no"]), _sel(span, r["sasaran"]), r["indikator"], *r["tw"]]
            )
        after, header_end = _tulis_tabel(ws, baris, header, rows)
        header2 = [
            (0, 1, "NO", 2, 1),
            (0, 2, "PROGRAM", 1, 3),
            (0, 5, "KEGIATAN", 1, 3),
            (0, 8, "SUB KEGIATAN", 1, 3),
            (0, 11, "AKSI", 2, 1),
            (0, 12, "VOLUME", 2, 1),
            (0, 13, "JADWAL PELAKSANAAN TRIWULAN", 1, 4),
        ]
        for i, t in enumerate(["NAMA", "INDIKATOR", "TARGET"] * 3):
            header2.append((1, 2 + i, t, 1, 1))
        for i, t in enumerate(["I", "II", "III", "IV"]):
            header2.append((1, 13 + i, t, 1, 1))
        rows2 = []
        for r in section["rows"]:
            ps, ks, ss = r["program_span"], r["kegiatan_span"], r["sub_span"]
            rows2.append(
                [
                    _sel(ps, r["no"]),
                    _sel(ps, r["program"]),
                    _sel(ps, _baris_ind(r["program_ind"], "uraian")),
                    _sel(ps, _target_ind(r["program_ind"])),
                    _sel(ks, r["kegiatan"]),
                    _sel(ks, _baris_ind(r["kegiatan_ind"], "uraian")),
                    _sel(ks, _target_ind(r["kegiatan_ind"])),
                    _sel(ss, r["sub"]),
                    _sel(ss, _baris_ind(r["sub_ind"], "uraian")),
                    _sel(ss, _target_ind(r["sub_ind"])),
                    r["aksi"] or None,
                    r["volume"] or None,
                    *["✓" if t else None for t in r["tw"]],
                ]
            )
        _tulis_tabel(ws, after + 1, header2, rows2)
        _selesai(
            ws,
            header_end,
            judul_baris=judul_baris,
            kolom_lebar={1: 5, 2: 28, 3: 32, 5: 28, 6: 30, 8: 28, 9: 30, 11: 30},
        )
    return wb


def ekspor_iku(wb, doc):
    ws = wb.create_sheet("IKU")
    baris = _tulis_judul_dokumen(ws, _judul(doc), 6)
    judul_baris = baris - 1
    header = [
        (0, c, t, 1, 1)
        for c, t in enumerate(
            [
                "NO",
                "KINERJA UTAMA/ SASARAN/ OUTCOME",
                "INDIKATOR KINERJA UTAMA",
                "PENJELASAN/FORMULASI PERHITUNGAN",
                "SUMBER DATA",
                "PENANGGUNG JAWAB",
            ],
            start=1,
        )
    ]
    rows = []
    for r in doc["rows"]:
        span = r.get("sasaran_rowspan")
        rows.append(
            [
                _sel(span, r["sasaran_no"]),
                _sel(span, r["sasaran"]),
                r["indikator"],
                r["rumus"] or r["formula"],
                r["sumber_data"],
                "\n".join(str(p) for p in r["penanggung_jawab"]),
            ]
        )
    _, header_end = _tulis_tabel(ws, baris, header, rows, nomor_kolom=False)
    _selesai(
        ws,
        header_end,
        judul_baris=judul_baris,
        kolom_lebar={1: 5, 2: 35, 3: 40, 4: 40, 5: 28, 6: 28},
    )
    return ws


def ekspor_cascading(wb, doc):
    ws = wb.create_sheet("Cascading")
    baris = _tulis_judul_dokumen(ws, _judul(doc), 12)
    judul_baris = baris - 1
    titles = [
        "NO",
        "Tujuan di RPJMD",
        "IKU KOTA",
        "Sasaran strategis",
        "Indikator Kinerja",
        f"Target {doc['tahun']}",
        f"Capaian {doc['tahun_lalu']}",
        "Program",
        "Indikator Program",
        "Kegiatan",
        "Indikator Kegiatan",
        "Anggaran (Rp)",
    ]
    header = [(0, c, t, 1, 1) for c, t in enumerate(titles, start=1)]
    rows = []
    for r in doc["rows"]:
        ts, ss, ps = r.get("tujuan_span"), r.get("sasaran_span"), r.get("program_span")
        rows.append(
            [
                _sel(ts, r["tujuan_no"]),
                _sel(ts, r["tujuan_rpjmd"]),
                _sel(ss, r["iku_kota"]),
                _sel(ss, r["sasaran"]),
                _sel(ss, _baris_ind(r["indikator"], "uraian")),
                _sel(ss, _target_ind(r["indikator"])),
                _sel(ss, _target_ind([{"target": i["lalu"]} for i in r["indikator"]])),
                _sel(ps, r["program"]),
                _sel(ps, _baris_ind(r["program_ind"], "uraian")),
                ("    " if r["sub"] else "") + r["nama"],
                _baris_ind(r["ind"], "uraian"),
                r["anggaran"],
            ]
        )
    formats = [None] * 11 + [xlsx.FMT_RUPIAH]
    _, header_end = _tulis_tabel(
        ws, baris, header, rows, formats=formats, total=(11, [doc["total"]])
    )
    _selesai(
        ws,
        header_end,
        judul_baris=judul_baris,
        kolom_lebar={1: 5, 2: 22, 3: 22, 4: 26, 5: 30, 8: 26, 9: 28, 10: 30, 11: 30},
    )
    return ws


def ekspor_lkjip(wb, doc):
    ws = wb.create_sheet("Capaian Sasaran")
    baris = _tulis_judul_dokumen(
        ws, _judul(doc, "Tabel 3.1.x: capaian, kemajuan dan efisiensi per indikator sasaran"), 14
    )
    judul_baris = baris - 1
    titles = [
        "Tabel",
        "Sasaran",
        "Indikator",
        "Target",
        "Realisasi",
        "Capaian (%)",
        "Predikat",
        f"Realisasi {doc['tahun'] - 1}",
        "Target Akhir Renstra",
        "Tingkat Kemajuan (%)",
        "Realisasi Nasional",
        "Penyerapan Anggaran (%)",
        "Efisiensi (%)",
        "Pangsa Anggaran (%)",
    ]
    header = [(0, c, t, 1, 1) for c, t in enumerate(titles, start=1)]
    rows = []
    for bagian in doc["bagian"]:
        n = len(bagian["rows"])
        for i, r in enumerate(bagian["rows"]):
            span = n if i == 0 else 0
            rows.append(
                [
                    _sel(span, bagian["nomor"]),
                    _sel(span, bagian["uraian"]),
                    r["uraian"],
                    r["target"],
                    r["realisasi"],
                    r["capaian"],
                    r["predikat"].label if r.get("predikat") else None,
                    r["realisasi_lalu"],
                    r["target_akhir"],
                    r["kemajuan"],
                    r["nasional"],
                    _sel(span, bagian["penyerapan"]),
                    r["efisiensi"],
                    _sel(span, bagian["pangsa"]),
                ]
            )
    formats = (
        [None] * 5
        + [xlsx.FMT_PERSEN]
        + [None] * 3
        + [xlsx.FMT_PERSEN, None, xlsx.FMT_PERSEN, xlsx.FMT_PERSEN, xlsx.FMT_PERSEN]
    )
    _, header_end = _tulis_tabel(ws, baris, header, rows, formats=formats)
    _selesai(ws, header_end, judul_baris=judul_baris, kolom_lebar={2: 30, 3: 36})

    wp = wb.create_sheet("Anggaran Program")
    baris = _tulis_judul_dokumen(wp, _judul(doc, "Realisasi anggaran per program dan kegiatan"), 8)
    judul_baris = baris - 1
    header = [
        (0, 1, "No", 2, 1),
        (0, 2, "Program", 2, 1),
        (0, 3, "Anggaran Program", 1, 3),
        (1, 3, "Pagu (Rp)", 1, 1),
        (1, 4, "Realisasi (Rp)", 1, 1),
        (1, 5, "%", 1, 1),
        (0, 6, "Kegiatan", 2, 1),
        (0, 7, "Anggaran Kegiatan", 1, 3),
        (1, 7, "Pagu (Rp)", 1, 1),
        (1, 8, "Realisasi (Rp)", 1, 1),
        (1, 9, "%", 1, 1),
    ]
    rows = []
    for r in doc["tabel_program"]:
        span = r.get("span", 0)
        rows.append(
            [
                _sel(span, r.get("no")),
                _sel(span, r.get("program")),
                _sel(span, r.get("program_pagu")),
                _sel(span, r.get("program_realisasi")),
                _sel(span, r.get("program_penyerapan")),
                r.get("kegiatan"),
                r.get("pagu"),
                r.get("realisasi"),
                r.get("penyerapan"),
            ]
        )
    formats = [
        None,
        None,
        xlsx.FMT_RUPIAH,
        xlsx.FMT_RUPIAH,
        xlsx.FMT_PERSEN,
        None,
        xlsx.FMT_RUPIAH,
        xlsx.FMT_RUPIAH,
        xlsx.FMT_PERSEN,
    ]
    _, header_end = _tulis_tabel(
        wp,
        baris,
        header,
        rows,
        formats=formats,
        total=(5, [None, doc["total_pagu"], doc["total_realisasi"], doc["total_penyerapan"]]),
    )
    _selesai(wp, header_end, judul_baris=judul_baris, kolom_lebar={1: 5, 2: 36, 6: 36})
    if doc.get("pk"):
        ekspor_pk(wb, doc["pk"])
    for pengukuran in doc.get("pengukuran") or []:
        ekspor_pengukuran(wb, pengukuran)
    return wb


EKSPOR = {
    "pk": ekspor_pk,
    "rencana-aksi": ekspor_rencana_aksi,
    "pengukuran": ekspor_pengukuran,
    "lkjip": ekspor_lkjip,
    "iku": ekspor_iku,
    "cascading": ekspor_cascading,
}


def dokumen_workbook(doc):
    """The workbook of a document dict from kinerja.laporan.selectors.build_document."""
    wb = xlsx.workbook_baru()
    EKSPOR[doc["jenis"]](wb, doc)
    return wb
