"""The quarterly realisation workbook (issue 6, item 2): an operator downloads it for their
unit and an open quarter, fills it offline and uploads it. The upload goes through the same
services as the web form (kinerja.services.realisasi_simpan,
anggaran.services.realisasi_anggaran_simpan), so scope, closed quarters, submitted or
verified rows, concurrent edits (versi) and budget above pagu are refused by the same rules.

Layout: sheets "Kinerja" and "Anggaran" with the row ids and the version loaded in hidden
columns A-B, every cell locked except the input cells (yellow, validated), the sheets
protected; a hidden sheet "_meta" names the unit, year and quarter."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from anggaran.models import RealisasiAnggaran
from anggaran.services import realisasi_anggaran_simpan
from kinerja import lembar
from kinerja.models import Realisasi
from kinerja.services import realisasi_simpan
from renstra.lingkup import indikator_unit
from renstra.models import Indikator, LevelKategori, SubKegiatan, UnitKerja
from sakip import angka as fmt
from sakip import batas, xlsx

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


def _sel(nilai):
    """A read-model value (kinerja.selectors.Nilai) as a cell: a level's name, the number
    itself, or a target's text; empty when none."""
    if nilai.level is not None:
        return nilai.level.nama
    if nilai.angka is not None:
        return nilai.angka
    return nilai.teks or None


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
                _sel(b.target_triwulan),
                _sel(b.target_tahunan),
                _sel(b.sebelumnya),
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
                    xlsx.gaya(cell, protection=xlsx.UNLOCKED, fill=xlsx.INPUT_FILL)
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
        values = [
            b.sub_kegiatan.pk,
            b.versi,
            b.sub_kegiatan.kode,
            b.sub_kegiatan.nama,
            b.pagu,
            b.angka.realisasi_lalu,
            b.realisasi.jumlah if b.realisasi else None,
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
                xlsx.gaya(
                    wa.cell(row=row, column=col), protection=xlsx.UNLOCKED, fill=xlsx.INPUT_FILL
                )
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
    for key, value in xlsx.baris_sheet(wb[SHEET_META], max_col=2):
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
        k_rows = list(xlsx.baris_sheet(wb[SHEET_KINERJA], min_row=2, max_col=len(KOLOM_KINERJA)))
        a_rows = (
            list(xlsx.baris_sheet(wb[SHEET_ANGGARAN], min_row=2, max_col=len(KOLOM_ANGGARAN)))
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
                p = xlsx.angka(r[K_PEMBILANG - 1], jenis=batas.UKURAN)
                q = xlsx.angka(r[K_PENYEBUT - 1], jenis=batas.UKURAN)
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
                n = xlsx.angka(r[K_REALISASI - 1], jenis=batas.UKURAN)
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
            jumlah = xlsx.angka(r[A_JUMLAH - 1], uang=True, jenis=batas.UANG)
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
