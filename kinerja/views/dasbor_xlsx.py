"""The two dashboards as workbooks (issue 13 item 6): the same context as the page
(kinerja.views.dasbor.konteks_opd / konteks_pemda), so every figure is the one the page
shows; numbers are numbers with number formats (sakip.xlsx), percentages in percent
points with two decimals ("0.00"), rupiah whole ("#,##0")."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from kinerja.views.dasbor import konteks_opd, konteks_pemda
from sakip import xlsx
from sakip.angka import triwulan_romawi as romawi

P, RP, TEKS = xlsx.FMT_PERSEN, xlsx.FMT_RUPIAH, None


def _n(hasil):
    """The figure of a Hasil (or a plain number), None when there is none."""
    return getattr(hasil, "nilai", hasil)


def _sheet(wb, judul, header, rows, formats):
    ws = wb.create_sheet(xlsx.judul_sheet(judul))
    for kolom, teks in enumerate(header, start=1):
        xlsx.tulis_judul(ws, 1, kolom, teks)
    baris = 2
    for row in rows:
        baris = xlsx.tulis_baris(ws, baris, row, formats)
    xlsx.bekukan(ws, 1)
    xlsx.sesuaikan_lebar(ws)
    return ws


def _verifikasi(belum, ada, hanya_terverifikasi):
    if belum:
        return (
            "menunggu verifikasi (tidak dihitung)" if hanya_terverifikasi else "belum diverifikasi"
        )
    return "terverifikasi" if ada else ""


def _cakupan(hanya_terverifikasi):
    if hanya_terverifikasi:
        return "Menampilkan realisasi terverifikasi saja"
    return "Menampilkan realisasi termasuk yang belum diverifikasi"


def _tren(wb, tren):
    _sheet(
        wb,
        "Tren triwulanan",
        [
            "Triwulan",
            "Capaian kinerja rata-rata (%)",
            "Indikator dinilai",
            "Indikator",
            "Penyerapan anggaran (%)",
        ],
        [
            (
                f"TW {romawi(t.triwulan)}",
                t.capaian.nilai,
                t.capaian.n_dinilai,
                t.capaian.n_semua,
                _n(t.penyerapan),
            )
            for t in tren
        ],
        [TEKS, P, None, None, P],
    )


def workbook_opd(c):
    wb = xlsx.workbook_baru()
    opd, rerata = c["opd"], c.get("rerata")
    ringkasan = [
        ("Perangkat daerah", opd.nama),
        ("Pemerintah daerah", opd.pemda.nama),
        ("Tahun", c["tahun"]),
        ("Triwulan", romawi(c["triwulan"])),
        ("Cakupan realisasi", _cakupan(c["hanya_terverifikasi"])),
    ]
    if c.get("irisan_unit"):
        ringkasan.append(("Unit kerja", c["irisan_unit"].nama))
    if c["periode"] is not None:
        ringkasan += [
            ("Capaian rata-rata (%)", c["rata_iku"]),
            ("Dasar rata-rata", "IKU" if c["ada_iku"] else "indikator sasaran"),
            ("Indikator dinilai", rerata.n_dinilai),
            ("Indikator", rerata.n_semua),
            ("Belum dinilai", ", ".join(rerata.belum)),
            ("Predikat", c["rata_iku_tingkat"].label if c["rata_iku_tingkat"] else ""),
            ("Pagu (Rp)", c["pagu_total"]),
            ("Realisasi anggaran (Rp)", c["realisasi_total"]),
            ("Penyerapan anggaran (%)", _n(c["penyerapan_total"])),
            ("Kelengkapan pengisian (%)", _n(c["kelengkapan"])),
            ("Baris terisi", c["jumlah_terisi"]),
            ("Baris", c["jumlah_baris"]),
            ("Indikator belum diisi", c["n_indikator_kosong"]),
            ("Sub kegiatan belum diisi", c["n_sub_kosong"]),
        ]
    formats = {
        "Capaian rata-rata (%)": P,
        "Penyerapan anggaran (%)": P,
        "Kelengkapan pengisian (%)": P,
        "Pagu (Rp)": RP,
        "Realisasi anggaran (Rp)": RP,
    }
    ws = wb.create_sheet("Ringkasan")
    for baris, (judul, nilai) in enumerate(ringkasan, start=1):
        xlsx.tulis_baris(ws, baris, (judul, nilai), [None, formats.get(judul)])
    xlsx.sesuaikan_lebar(ws)
    if c["periode"] is None:
        return wb

    hanya = c["hanya_terverifikasi"]
    _sheet(
        wb,
        "Capaian per sasaran",
        ["Kode", "Sasaran", "Capaian rata-rata (%)", "Indikator dinilai", "Indikator"],
        [
            (s.kode, s.uraian, s.capaian_rata, r.n_dinilai, r.n_semua)
            for s, r in c["rerata_sasaran"]
        ],
        [TEKS, TEKS, P, None, None],
    )
    rows = []
    for sasaran, indikator in c["sasaran_list"]:
        for row in indikator:
            rows.append(
                (
                    sasaran.kode,
                    row.uraian,
                    row.label if row.is_iku else "",
                    row.satuan,
                    row.target_level.nama if row.kategori and row.target_level else row.target,
                    row.realisasi_level.nama
                    if row.kategori and row.realisasi_level
                    else row.realisasi,
                    _n(row.capaian),
                    row.predikat.label if row.predikat else row.capaian.alasan,
                    _verifikasi(row.belum_verifikasi, row.terverifikasi, hanya),
                )
            )
    _sheet(
        wb,
        "Capaian indikator",
        [
            "Sasaran",
            "Indikator",
            "IKU",
            "Satuan",
            f"Target {c['tahun']}",
            f"Realisasi s.d. TW {romawi(c['triwulan'])}",
            "Capaian (%)",
            "Predikat",
            "Verifikasi",
        ],
        rows,
        [TEKS, TEKS, TEKS, TEKS, xlsx.FMT_DESIMAL, xlsx.FMT_DESIMAL, P, TEKS, TEKS],
    )
    header = ["Kode", "Program"]
    formats = [TEKS, TEKS]
    for q in range(1, c["triwulan"] + 1):
        header += [f"Pagu TW {romawi(q)} (Rp)", f"Realisasi s.d. TW {romawi(q)} (Rp)", "%"]
        formats += [RP, RP, P]
    _sheet(
        wb,
        "Penyerapan per program",
        header,
        [
            (
                row.program.kode,
                row.program.nama,
                *(v for pagu, real, pct in row.kolom for v in (pagu, real, _n(pct))),
            )
            for row in c["program_rows"]
        ],
        formats,
    )
    _tren(wb, c["tren"])
    _sheet(
        wb,
        "Belum diisi per unit",
        [
            "Unit kerja",
            "Indikator belum diisi",
            "Indikator",
            "Sub kegiatan belum diisi",
            "Sub kegiatan",
            "Kelengkapan (%)",
        ],
        [
            (
                u.nama,
                u.n_indikator_kosong,
                u.n_indikator,
                u.n_sub_kosong,
                u.n_sub,
                _n(u.kelengkapan),
            )
            for u in c["unit_rows"]
        ],
        [TEKS, None, None, None, None, P],
    )
    return wb


def workbook_pemda(c):
    wb = xlsx.workbook_baru()
    pemda, rerata = c["pemda"], c["rerata"]
    ws = wb.create_sheet("Ringkasan")
    ringkasan = [
        ("Pemerintah daerah", pemda.nama, None),
        ("Tahun", c["tahun"], None),
        ("Triwulan", romawi(c["triwulan"]), None),
        ("Cakupan realisasi", _cakupan(c["hanya_terverifikasi"]), None),
        ("Capaian rata-rata perangkat daerah (%)", c["rata_capaian"], P),
        ("Perangkat daerah dinilai", rerata.n_dinilai, None),
        ("Perangkat daerah", rerata.n_semua, None),
        ("Belum dinilai", ", ".join(rerata.belum), None),
        ("Pagu (Rp)", c["pagu_total"], RP),
        ("Realisasi anggaran (Rp)", c["realisasi_total"], RP),
        ("Penyerapan anggaran (%)", _n(c["penyerapan_total"]), P),
    ]
    for baris, (judul, nilai, fmt) in enumerate(ringkasan, start=1):
        xlsx.tulis_baris(ws, baris, (judul, nilai), [None, fmt])
    xlsx.sesuaikan_lebar(ws)
    _sheet(
        wb,
        "Perangkat daerah",
        [
            "Pemerintah daerah",
            "Perangkat daerah",
            "Status triwulan",
            "Capaian rata-rata (%)",
            "Indikator dinilai",
            "Indikator sasaran",
            "Predikat",
            "Pagu (Rp)",
            "Realisasi (Rp)",
            "Penyerapan (%)",
            "Kelengkapan (%)",
            "Baris terisi",
            "Baris",
            "Realisasi kinerja belum diverifikasi",
            "Realisasi anggaran belum diverifikasi",
        ],
        [
            (
                pemda.nama,
                b.opd.nama,
                {"buka": "Dibuka", "tutup": "Ditutup"}.get(b.status_tw, "Belum dibuka"),
                b.opd.capaian_rata,
                b.opd.jumlah_dinilai,
                b.opd.jumlah_indikator,
                b.opd.predikat.label if b.opd.predikat else "",
                b.opd.anggaran.pagu if b.opd.anggaran else None,
                b.opd.anggaran.realisasi if b.opd.anggaran else None,
                _n(b.opd.anggaran.penyerapan) if b.opd.anggaran else None,
                _n(b.kelengkapan),
                b.n_terisi,
                b.n_baris,
                b.belum_verifikasi_kinerja,
                b.belum_verifikasi_anggaran,
            )
            for b in c["baris_opd"]
        ],
        [TEKS, TEKS, TEKS, P, None, None, TEKS, RP, RP, P, P, None, None, None, None],
    )
    _tren(wb, c["tren"])
    return wb


@login_required
@require_GET
def dasbor_opd_xlsx(request, slug):
    c = konteks_opd(request, slug)
    if isinstance(c, HttpResponse):
        return c
    nama = f"dasbor-{c['opd'].slug}-{c['tahun']}-tw{c['triwulan']}.xlsx"
    return xlsx.xlsx_response(workbook_opd(c), nama)


@login_required
@require_GET
def dasbor_pemda_xlsx(request):
    c = konteks_pemda(request)
    nama = f"dasbor-{c['pemda'].slug}-{c['tahun']}-tw{c['triwulan']}.xlsx"
    return xlsx.xlsx_response(workbook_pemda(c), nama)
