"""The quarterly realisation workbook (issue 6, item 2): an operator downloads it for their
unit and an open quarter, fills it offline and uploads it. The upload is checked by the same
rules as the web form (kinerja.services.periksa_realisasi,
anggaran.services.periksa_realisasi_anggaran), so scope, closed quarters, submitted or
verified rows, concurrent edits (versi) and budget above pagu are refused by the same rules.

Layout: sheets "Kinerja" and "Anggaran" with the row ids and the version loaded in hidden
columns A-B, every cell locked except the input cells (yellow, validated), the sheets
protected; a hidden sheet "_meta" names the unit, year and quarter.

The upload (issue 15 item 3) checks all rows at once against data read once and saves them
in bulk with their history (kinerja.unggah)."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from kinerja import lembar, unggah
from kinerja.services import nilai_tampil_realisasi
from renstra.models import Indikator, UnitKerja
from renstra.services import triwulan_terbuka
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
    ("Alasan Tidak Terukur", 30),
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
# The last column, "Alasan Tidak Terukur" (a workbook from before it had none: read as
# empty). A reason typed there records the indicator as not measurable this quarter (n/a),
# the same rule as the web form (a reason is required, any figure dropped); the template
# pre-fills the stored reason, so an n/a row uploaded unchanged stays as it is.
K_ALASAN_TT = len(KOLOM_KINERJA)
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
        "Indikator yang tidak dapat diukur triwulan ini: tulis alasannya di kolom Alasan Tidak "
        "Terukur (angka realisasi pada baris itu diabaikan). Untuk mengisi angka lagi, kosongkan "
        "alasan itu dan isi Realisasi.",
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
    ws.cell(row=1, column=K_ALASAN_TT).comment = Comment(
        "Isi bila indikator tidak dapat diukur triwulan ini: alasan wajib, angka diabaikan.",
        "SAKIP",
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
                b.realisasi.alasan_tidak_terukur if b.realisasi else "",
            ]
            xlsx.tulis_baris(ws, row, values, wrap_kolom=(4, 13, K_ALASAN_TT))
            if b.dapat_diubah:
                if ind.tipe == Indikator.Tipe.RASIO:
                    inputs = [K_PEMBILANG, K_PENYEBUT, K_PENJELASAN, K_ALASAN_TT]
                else:
                    inputs = [K_REALISASI, K_PENJELASAN, K_ALASAN_TT]
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
    """One row whose input differs from what is stored: `data` holds the values the one
    check accepted (what the save writes), `dasar` what they were checked against
    (kinerja.unggah)."""

    jenis: str  # "kinerja" or "anggaran"
    sheet: str
    baris: int
    obj_id: int
    versi: int
    label: str
    lama: str
    baru: str
    data: dict
    dasar: dict = field(default_factory=dict)

    def as_session(self):
        return {
            k: getattr(self, k)
            for k in (
                "jenis",
                "sheet",
                "baris",
                "obj_id",
                "versi",
                "label",
                "lama",
                "baru",
                "data",
                "dasar",
            )
        }


@dataclass
class HasilUnggah:
    perubahan: list = field(default_factory=list)
    kesalahan: list = field(default_factory=list)  # (sheet, baris, pesan)
    tetap: int = 0
    disimpan: bool = False

    @property
    def sidik(self):
        """The fingerprint of the validated rows (kinerja.unggah.sidik)."""
        return unggah.sidik([p.as_session() for p in self.perubahan])


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
    """Compare an uploaded workbook with what is stored for the unit and quarter and check
    every changed row by the one check of a single save (kinerja.unggah), against data
    read once. Returns HasilUnggah with the rows that change (their validated values) and
    every refused row (another unit's row, a locked or stale row, a value that is not a
    number, out of bounds or not a level of the scale, a budget above the pagu). A closed
    quarter refuses the whole file (BerkasTidakValid). Writes nothing."""
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
        k_rows = list(xlsx.baris_sheet(wb[SHEET_KINERJA], min_row=2, max_col=K_ALASAN_TT))
        a_rows = (
            list(xlsx.baris_sheet(wb[SHEET_ANGGARAN], min_row=2, max_col=len(KOLOM_ANGGARAN)))
            if SHEET_ANGGARAN in wb.sheetnames
            else []
        )
    finally:
        wb.close()
    try:
        triwulan_terbuka(opd_id=unit.opd_id, tahun=tahun, triwulan=triwulan)
    except ValidationError as exc:
        raise xlsx.BerkasTidakValid(" ".join(exc.messages)) from None
    keadaan = unggah.baca_keadaan(
        unit=unit,
        tahun=tahun,
        triwulan=triwulan,
        indikator_ids=[_id(r[0]) for r in k_rows if r and not xlsx.baris_kosong(r)],
        sub_ids=[_id(r[0]) for r in a_rows if r and not xlsx.baris_kosong(r)],
    )
    _banding_kinerja(k_rows, keadaan, hasil)
    _banding_anggaran(a_rows, keadaan, hasil)
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
        r = list(r) + [None] * (kolom - len(r))
        obj_id = _id(r[0])
        if obj_id is None or obj_id not in milik:
            hasil.kesalahan.append(
                (sheet, nomor, f"{label} baris ini bukan tanggungan {unit.nama}; baris ditolak.")
            )
            continue
        yield nomor, r, obj_id


def _teks_angka(value):
    return fmt.angka(value) if value is not None else "–"


def _masukan_kinerja(ind, lama, r, levels):
    """(typed data, whether it differs from `lama`, old text, new text) of a Kinerja row,
    None for a row left empty; ValueError with the message for a cell that cannot be read."""
    penjelasan = xlsx.teks(r[K_PENJELASAN - 1]) if r[K_PENJELASAN - 1] is not None else ""
    alasan_tt = xlsx.teks(r[K_ALASAN_TT - 1])
    data = {"penjelasan": penjelasan}
    lama_tt = lama is not None and lama.tidak_terukur
    if ind.tipe == Indikator.Tipe.RASIO:
        isian = [r[K_PEMBILANG - 1], r[K_PENYEBUT - 1]]
    else:
        isian = [r[K_REALISASI - 1]]
    kosong = all(v is None or xlsx.teks(v) == "" for v in isian)
    if alasan_tt or (lama_tt and kosong):
        # "Tidak dapat diukur" with its reason (the optional column), or kept as stored.
        if lama_tt and (not alasan_tt or alasan_tt == xlsx.teks(lama.alasan_tidak_terukur)):
            alasan_tt = lama.alasan_tidak_terukur  # the pre-filled reason (its line breaks)
        data.update(tidak_terukur=True, alasan_tidak_terukur=alasan_tt)
        berubah = not lama_tt or lama.alasan_tidak_terukur != alasan_tt
        baru_teks = f"{fmt.TIDAK_TERUKUR} ({alasan_tt})"
        lama_teks = nilai_tampil_realisasi(lama) if lama else "–"
    elif ind.tipe == Indikator.Tipe.KATEGORI:
        nama = xlsx.teks(r[K_REALISASI - 1])
        if not nama:
            if lama is None and not penjelasan:
                return None
            level = lama.level if lama else None
        else:
            level = levels.get((ind.skala_id, nama.lower()))
            if level is None:
                raise ValueError(f"Kategori “{nama}” tidak ada pada skala {ind.skala.nama}.")
        data["level_id"] = level.pk if level else None
        berubah = lama is None or lama.level_id != data["level_id"]
        baru_teks = level.nama if level else "–"
        lama_teks = lama.level.nama if lama and lama.level_id else "–"
    elif ind.tipe == Indikator.Tipe.RASIO:
        p = xlsx.angka(r[K_PEMBILANG - 1], jenis=batas.UKURAN)
        q = xlsx.angka(r[K_PENYEBUT - 1], jenis=batas.UKURAN)
        if p is None and q is None and lama is None and not penjelasan:
            return None
        data["pembilang"] = p
        data["penyebut"] = q
        berubah = lama is None or lama.pembilang != p or lama.penyebut != q
        baru_teks = f"{_teks_angka(p)} / {_teks_angka(q)}"
        lama_teks = f"{_teks_angka(lama.pembilang)} / {_teks_angka(lama.penyebut)}" if lama else "–"
    else:
        n = xlsx.angka(r[K_REALISASI - 1], jenis=batas.UKURAN)
        if n is None and lama is None and not penjelasan:
            return None
        if n is None and lama is not None:
            n = lama.nilai
        data["nilai"] = n
        berubah = lama is None or lama.nilai != n
        baru_teks = _teks_angka(n)
        lama_teks = _teks_angka(lama.nilai) if lama else "–"
    if lama is not None and not data.get("tidak_terukur") and lama_tt:
        berubah = True
    if lama is not None and lama.penjelasan != penjelasan:
        berubah = True
    return data, berubah, lama_teks, baru_teks


def _banding_kinerja(rows, keadaan, hasil):
    for nomor, r, obj_id in _baris_milik(
        rows,
        kolom=K_ALASAN_TT,
        milik=keadaan.indikator,
        sheet=SHEET_KINERJA,
        label="Indikator",
        unit=keadaan.unit,
        hasil=hasil,
    ):
        ind = keadaan.indikator[obj_id]
        lama = keadaan.realisasi.get(obj_id)
        versi = _id(r[1]) if r[1] is not None else 0
        try:
            masukan = _masukan_kinerja(ind, lama, r, keadaan.level_nama)
        except ValueError as exc:
            hasil.kesalahan.append((SHEET_KINERJA, nomor, f"{ind.uraian}: {exc}"))
            continue
        if masukan is None:
            continue
        data, berubah, lama_teks, baru_teks = masukan
        if not berubah:
            hasil.tetap += 1
            continue
        versi = versi if versi is not None else -1
        try:
            _, nilai, dasar = unggah.periksa_kinerja(keadaan, obj_id=obj_id, versi=versi, data=data)
        except (ValidationError, PermissionDenied) as exc:
            hasil.kesalahan.append((SHEET_KINERJA, nomor, f"{ind.uraian}: {unggah._pesan(exc)}"))
            continue
        hasil.perubahan.append(
            Perubahan(
                "kinerja",
                SHEET_KINERJA,
                nomor,
                obj_id,
                versi,
                ind.uraian,
                lama_teks,
                baru_teks,
                nilai,
                dasar,
            )
        )


def _banding_anggaran(rows, keadaan, hasil):
    for nomor, r, obj_id in _baris_milik(
        rows,
        kolom=len(KOLOM_ANGGARAN),
        milik=keadaan.sub,
        sheet=SHEET_ANGGARAN,
        label="Sub kegiatan",
        unit=keadaan.unit,
        hasil=hasil,
    ):
        sub = keadaan.sub[obj_id]
        lama = keadaan.anggaran.get(obj_id)
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
        label = f"{sub.kode} {sub.nama}"
        versi = versi if versi is not None else -1
        try:
            nilai, dasar = unggah.periksa_anggaran(
                keadaan,
                obj_id=obj_id,
                versi=versi,
                data={"jumlah": jumlah, "penjelasan": penjelasan},
            )
        except (ValidationError, PermissionDenied) as exc:
            hasil.kesalahan.append((SHEET_ANGGARAN, nomor, f"{label}: {unggah._pesan(exc)}"))
            continue
        hasil.perubahan.append(
            Perubahan(
                "anggaran",
                SHEET_ANGGARAN,
                nomor,
                obj_id,
                versi,
                label,
                fmt.rupiah(lama.jumlah) if lama else "–",
                fmt.rupiah(jumlah),
                nilai,
                dasar,
            )
        )


def terapkan(*, user, unit, tahun, triwulan, perubahan, simpan):
    """Write the changes of a preview (HasilUnggah.perubahan as_session) in one
    transaction, in bulk with their history (kinerja.unggah.terapkan). With simpan=False,
    or when any row is refused (the quarter closed, a row changed since the preview),
    nothing is written. Returns the list of (sheet, row, message) refusals; empty means
    all rows pass (and, with simpan, are saved)."""
    return unggah.terapkan(
        user=user,
        unit=unit,
        tahun=tahun,
        triwulan=triwulan,
        perubahan=perubahan,
        simpan=simpan,
    )
