"""A quarter's Pengukuran Kinerja (an LKjIP annex) as .docx, from the same dict as
templates/laporan/_pengukuran_isi.html: the twelve columns, the rowspans of each sasaran
and indicator, the programme totals and the signature block."""

from laporan.word import umum
from laporan.word.umum import KANAN, LEWAT, TENGAH, Sel, rupiah, teks
from sakip import angka as fmt

HEADER = [
    [
        Sel("NO", baris=2),
        Sel("Tujuan di RPJMD", baris=2),
        Sel("Sasaran strategis", baris=2),
        Sel("Indikator Kinerja", baris=2),
        Sel("Formulasi Perhitungan Indikator Kinerja", baris=2),
        Sel("Target", baris=2),
        Sel("Realisasi", baris=2),
        Sel("Capaian (%)", baris=2),
        Sel("Program / Kegiatan", baris=2),
        Sel("Anggaran", kolom=3),
        LEWAT,
        LEWAT,
    ],
    [LEWAT] * 9 + ["Pagu", "Realisasi", "Capaian (%)"],
    [str(i) for i in range(1, 13)],
]
LEBAR = [3, 8, 9, 11, 15, 5.5, 5.5, 5.5, 15, 8.5, 8.5, 5.5]


def _rumus(ru):
    if ru.rasio:
        baris = [f"{ru.label_pembilang} / {ru.label_penyebut} × {fmt.angka(ru.pengali)}%"]
    else:
        baris = [ru.formula or ""]
    if ru.ada_angka:
        baris.append(
            f"{fmt.angka(ru.pembilang)} / {fmt.angka(ru.penyebut)} × {fmt.angka(ru.pengali)}%"
        )
    return "\n".join(baris)


def tulis_pengukuran(d, p):
    umum.judul(
        d,
        [
            f"Pengukuran Kinerja {p['opd'].nama}",
            p["opd"].pemda.nama,
            f"Tahun {p['tahun']}",
            f"Triwulan {fmt.triwulan_romawi(p['triwulan'])}",
        ],
        ukuran=11,
    )
    rows = []
    for b in p["blocks"]:
        for i, r in enumerate(b["rows"]):
            baris = [LEWAT] * 12
            if i == 0:
                baris[0] = Sel(str(b["no"]), baris=b["span"], rata=TENGAH)
                baris[1] = Sel(b["tujuan_rpjmd"] or "", baris=b["span"])
                baris[2] = Sel(b["sasaran"] or "", baris=b["span"])
            ind = r.get("indikator")
            if ind:
                span = ind["span"]
                baris[3] = Sel(ind["uraian"], baris=span)
                baris[4] = Sel(_rumus(ind["rumus"]), baris=span)
                baris[5] = Sel(teks(ind["target"]), baris=span, rata=TENGAH)
                baris[6] = Sel(teks(ind["realisasi"]), baris=span, rata=TENGAH)
                baris[7] = Sel(fmt.persen(ind["capaian"]), baris=span, rata=TENGAH)
            elif r.get("indikator_kosong"):
                baris[3] = Sel("–", baris=b["span"], kolom=5, rata=TENGAH)
            budget = r.get("budget")
            if budget:
                nama = budget["nama"] if budget.get("program") else f"    {budget['nama']}"
                baris[8] = Sel(nama, tebal=bool(budget.get("program")))
                baris[9] = Sel(rupiah(budget["pagu"]), rata=KANAN)
                baris[10] = Sel(rupiah(budget["realisasi"]), rata=KANAN)
                baris[11] = Sel(fmt.persen(budget["penyerapan"]), rata=KANAN)
            else:
                baris[8:12] = ["", "", "", ""]
            rows.append(baris)
    rows.append(
        [
            Sel("Total", kolom=9, tebal=True, rata=KANAN),
            *[LEWAT] * 8,
            Sel(rupiah(p["total_pagu"]), tebal=True, rata=KANAN),
            Sel(rupiah(p["total_realisasi"]), tebal=True, rata=KANAN),
            Sel(fmt.persen(p["total_penyerapan"]), tebal=True, rata=KANAN),
        ]
    )
    umum.tabel(d, HEADER, rows, lebar=LEBAR, ukuran=7)
    tw = fmt.triwulan_romawi(p["triwulan"])
    umum.tabel_polos(
        d,
        [
            (f"Jumlah Anggaran (DPA) Tahun {p['tahun']}", ":", rupiah(p["dpa"])),
            (f"Pagu program dan kegiatan Triwulan {tw}", ":", rupiah(p["total_pagu"])),
            (f"Realisasi s.d. Triwulan {tw} Tahun {p['tahun']}", ":", rupiah(p["total_realisasi"])),
        ],
    )
    umum.ttd(d, p["ttd"])
