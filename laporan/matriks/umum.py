"""What every Renstra matrix shares: the registry of matrices, the document dict with
the signature block, the order of the tujuan and sasaran indicators, how a target or
realisation is printed, and the title rows of the workbook."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from django.db.models import Q
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from laporan.pengesahan import pengesahan, ttd_pengesahan
from laporan.xlsx.umum import format_satuan
from renstra.models import Indikator, PeriodeRenstra
from sakip import angka as fmt
from sakip import xlsx

# slug: (kode tabel, judul sebelum nama OPD)
MATRIKS = {
    "t-c-23": ("T-C.23", "Pencapaian Kinerja Pelayanan"),
    "t-c-24": ("T-C.24", "Anggaran dan Realisasi Pendanaan Pelayanan"),
    "t-c-27": ("T-C.27", "Rencana Program, Kegiatan, dan Pendanaan"),
    "t-c-28": (
        "T-C.28",
        "Indikator Kinerja Perangkat Daerah yang Mengacu pada Tujuan dan Sasaran RPJMD",
    ),
}

NOL = Decimal(0)


class MatriksTidakAda(Exception):
    """No such matrix; the message is for the user."""


def tampil(nilai=None, level=None, teks="", satuan=""):
    """A target or realisation as the seed prints it: '80%', '616 Orang', 'Madya', '–'."""
    if teks:
        return teks
    if level is not None:
        return str(getattr(level, "nama", level))
    if nilai is None:
        return fmt.TANPA_NILAI
    # Whole numbers as they are (80%, 616 Orang), others with two decimals as the seed
    # prints them (14,40; 88,30; 76,60%).
    rounded = fmt.bulatkan(nilai, 2)
    text = fmt.angka(rounded, 0 if rounded == rounded.to_integral_value() else 2)
    satuan = (satuan or "").strip()
    if satuan == "%":
        return text + "%"
    if satuan.lower() == "indeks":
        return text
    return f"{text} {satuan}".strip()


def nama_pemda_pendek(pemda):
    """'Pemerintah Kabupaten Lumajang' -> 'Kabupaten Lumajang' (as the seed's titles)."""
    nama = pemda.nama
    return nama[len("Pemerintah ") :] if nama.startswith("Pemerintah ") else nama


def _pengesahan(jenis, periode, tanggal):
    """The matrix's own date, place and signatory (its PenandatanganDokumen), dated by the
    document, never by the day it is rendered; `tanggal` overrides the record's date."""
    opd = periode.opd
    p = pengesahan(opd, jenis, periode=periode)
    if tanggal is not None:
        p = pengesahan(
            opd,
            jenis,
            periode=periode,
            tempat=p.tempat,
            tanggal=tanggal,
            penandatangan=p.rekaman.penandatangan if p.rekaman else None,
            rekaman=None,
        )
    ttd = ttd_pengesahan(p)
    ttd["tempat"] = p.tempat or nama_pemda_pendek(opd.pemda).split(" ", 1)[-1]
    ttd["jabatan"] = ttd["jabatan"] or f"Kepala {opd.nama}"
    return ttd, list(p.catatan)


def dokumen_matriks(jenis, periode, *, tanggal=None, **extra):
    """The document dict every matrix template and the PDF footer read."""
    kode, judul = MATRIKS[jenis]
    opd = periode.opd
    doc = {
        "jenis": jenis,
        "kode_tabel": kode,
        "judul_tabel": f"{judul} {opd.nama} {nama_pemda_pendek(opd.pemda)}",
        "judul": f"Renstra {periode.tahun_awal}–{periode.tahun_akhir} · Tabel {kode}",
        "opd": opd,
        "periode": periode,
        "tahun": periode.tahun_awal,
        "versi": periode.versi,
        "is_final": periode.status == PeriodeRenstra.Status.DITETAPKAN,
    }
    doc["ttd"], doc["peringatan"] = _pengesahan(jenis, periode, tanggal)
    # An undated or unsigned matrix is a draft, whatever its period's status.
    doc["is_final"] = doc["is_final"] and not doc["peringatan"]
    doc.update(extra)
    return doc


def tahun_terbanyak(values, cadangan):
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else cadangan


def indikator_tujuan_sasaran(periode):
    """Tujuan and sasaran indicators in the plan's order: each tujuan's own indicators,
    then the indicators of its sasaran (tabel 4.1 / T-C.28 order). One query."""
    indikator = list(
        Indikator.objects.filter(periode=periode)
        .filter(Q(tujuan__isnull=False) | Q(sasaran__isnull=False))
        .select_related("tujuan", "sasaran__tujuan", "kondisi_awal_level")
    )

    def kunci(ind):
        if ind.tujuan_id:
            tujuan, sasaran = ind.tujuan, None
        else:
            tujuan, sasaran = ind.sasaran.tujuan, ind.sasaran
        return (
            tujuan.urutan,
            tujuan.kode,
            0 if sasaran is None else 1,
            sasaran.urutan if sasaran else 0,
            sasaran.kode if sasaran else "",
            ind.urutan,
            ind.pk,
        )

    return sorted(indikator, key=kunci)


def tampil_kondisi_awal(ind):
    return tampil(ind.kondisi_awal, ind.kondisi_awal_level, "", ind.satuan)


def persen_xlsx(hasil):
    return hasil.nilai if hasil is not None and hasil.nilai is not None else None


def judul_xlsx(ws, doc, lebar_kolom):
    ws.cell(row=1, column=1, value=f"Tabel {doc['kode_tabel']}").font = xlsx.HEADER_FONT
    ws.cell(row=2, column=1, value=doc["judul_tabel"]).font = xlsx.HEADER_FONT
    periode = doc["periode"]
    ws.cell(
        row=3,
        column=1,
        value=f"{periode.nama or 'Renstra'} ({periode.tahun_awal}–{periode.tahun_akhir})",
    )
    xlsx.atur_lebar(ws, lebar_kolom)
    return 5  # first header row


def format_besaran(satuan):
    """The number format of a target or realisation cell: the unit inside the format, as the
    kinerja workbooks write it (80 shows as 80%, 616 as 616 Orang), never 80.00."""
    return format_satuan(satuan) or xlsx.FMT_ANGKA


def sel_besaran(nilai, tampil=""):
    """A target or realisation cell: the number, else the printed text of a level or a
    written target ("Madya"), else empty where the document prints "–" (never 0)."""
    if nilai is not None:
        return nilai
    if tampil and tampil != fmt.TANPA_NILAI:
        return tampil
    return None


def rp_xlsx(nilai):
    """An Rp cell that the document prints as "–" when there is no pagu: empty, never 0."""
    return nilai if nilai else None


KERTAS_XLSX = {"a4": "9", "f4": "14"}  # openpyxl PAPERSIZE_A4, PAPERSIZE_FOLIO (8,5 × 13 in)


def cetak_xlsx(ws, *, header_awal, header_akhir, kertas="a4"):
    """Print settings as the PDF: landscape on A4 (or F4 / folio), one page wide, the
    header rows repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = KERTAS_XLSX.get(kertas, KERTAS_XLSX["a4"])
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_awal}:{header_akhir}"
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top, ws.page_margins.bottom = 0.5, 0.8


def baris_tempat_tanggal(ttd) -> str:
    """The place-and-date line as the PDF prints it (laporan/_ttd_pair.html): the date, else
    the month, else a blank to fill in, never the bare year."""
    if not ttd.get("tempat"):
        return ""
    if ttd.get("tanggal"):
        return f"{ttd['tempat']}, {fmt.tanggal_id(ttd['tanggal'])}"
    if ttd.get("bulan"):
        return f"{ttd['tempat']}, {fmt.bulan_id(ttd['bulan'])}"
    return f"{ttd['tempat']}, ……………………"


def ttd_xlsx(ws, ttd, *, baris, kolom_akhir, lebar=4):
    """The signature block of the PDF under the table, in its last `lebar` columns: place
    and date, jabatan, room to sign, name (bold, underlined), pangkat, NIP."""
    kolom_awal = max(1, kolom_akhir - lebar + 1)
    baris_ttd = [
        (baris_tempat_tanggal(ttd), None),
        (ttd.get("label"), None),
        ((ttd.get("jabatan") or "").upper(), Font(bold=True)),
        (None, None),
        (None, None),
        (None, None),
        (ttd.get("nama") or "(belum ditentukan)", Font(bold=True, underline="single")),
        (ttd.get("pangkat"), None),
        (f"NIP. {ttd['nip']}" if ttd.get("nip") else None, None),
    ]
    for offset, (teks, font) in enumerate(baris_ttd):
        r = baris + offset
        cell = ws.cell(row=r, column=kolom_awal, value=teks or None)
        if font is not None:
            cell.font = font
        cell.alignment = Alignment(horizontal="center", vertical="top", wrap_text=True)
        if kolom_akhir > kolom_awal:
            ws.merge_cells(
                f"{get_column_letter(kolom_awal)}{r}:{get_column_letter(kolom_akhir)}{r}"
            )
    return baris + len(baris_ttd)
