"""The Perjanjian Kinerja as .docx: the same rows as templates/laporan/_pk_isi.html (kop,
agreement text, both signature blocks, then the lampiran tables of sasaran / indikator /
target and program / anggaran), so an OPD can polish it in Word."""

from docx.shared import Pt

from laporan.word import umum
from laporan.word.umum import KANAN, LEWAT, TENGAH, Sel

TEKS_PEMBUKA = (
    "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan, dan akuntabel "
    "serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini :"
)
TEKS_JANJI = (
    "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran "
    "perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah "
    "ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target "
    "kinerja tersebut menjadi tanggung jawab kami."
)
TEKS_SUPERVISI = (
    "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi "
    "terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan "
    "dalam rangka pemberian penghargaan dan sanksi."
)


def _nama_dokumen(p):
    return "Perjanjian Kinerja Perubahan" if p.get("is_perubahan") else "Perjanjian Kinerja"


def kop(d, opd):
    for isi, ukuran, tebal in (
        (opd.pemda.nama.upper(), 13, True),
        (opd.nama.upper(), 13, True),
        (" · ".join(x for x in [opd.alamat, getattr(opd, "telepon", "")] if x), 9, False),
    ):
        par = d.add_paragraph()
        par.alignment = TENGAH
        par.paragraph_format.space_after = Pt(0)
        run = par.add_run(isi)
        run.bold = tebal
        run.font.size = Pt(ukuran)
    d.add_paragraph("_" * 80).alignment = TENGAH


def _pihak(d, pihak):
    umum.tabel_polos(
        d, [("Nama", ":", pihak.get("nama") or ""), ("Jabatan", ":", pihak.get("jabatan") or "")]
    )


def tulis_pk(d, p):
    """The PK dict of laporan.selectors.pk_document into the document `d`."""
    kop(d, p["opd"])
    umum.judul(d, [f"{_nama_dokumen(p)} Tahun {p['tahun']}"])
    umum.paragraf(d, TEKS_PEMBUKA)
    _pihak(d, p["pihak_pertama"])
    par = d.add_paragraph("Selanjutnya disebut ")
    par.add_run("pihak pertama").bold = True
    _pihak(d, p["pihak_kedua"])
    par = d.add_paragraph("Selaku atasan pihak pertama, selanjutnya disebut ")
    par.add_run("pihak kedua").bold = True
    umum.paragraf(d, TEKS_JANJI)
    umum.paragraf(d, TEKS_SUPERVISI)
    umum.paragraf(
        d,
        umum.baris_tempat(
            {"tempat": p["tempat"], "tanggal": p.get("tanggal"), "tahun": p["tahun"]}
        ),
        rata=KANAN,
    )
    umum.ttd_pasangan(d, p["ttd_kedua"], p["ttd_pertama"])

    umum.halaman_baru(d)
    umum.judul(
        d, [f"Lampiran {_nama_dokumen(p)} Tahun {p['tahun']}", p["opd"].nama, p["opd"].pemda.nama]
    )
    header = [["No", "Sasaran Strategis", "Indikator Kinerja", "Target"], ["1", "2", "3", "4"]]
    rows = []
    for row in p["indikator_rows"]:
        span = row.get("sasaran_rowspan")
        rows.append(
            [
                Sel(str(row["sasaran_no"]), baris=span, rata=TENGAH) if span else LEWAT,
                Sel(row["sasaran"], baris=span) if span else LEWAT,
                row["indikator"],
                Sel(umum.teks(row["target"]), rata=TENGAH),
            ]
        )
    if not rows:
        rows = [[Sel("Belum ada indikator sasaran yang dipilih.", kolom=4), LEWAT, LEWAT, LEWAT]]
    umum.tabel(d, header, rows, lebar=[8, 36, 40, 16], ukuran=10)

    rows = [
        [
            Sel(str(i), rata=TENGAH),
            row["program"],
            Sel(umum.rupiah(row["anggaran"]), rata=KANAN),
            Sel(row["sumber_dana"] or "", rata=TENGAH),
        ]
        for i, row in enumerate(p["program_rows"], start=1)
    ]
    if rows:
        rows.append(
            [
                "",
                Sel("Jumlah", tebal=True),
                Sel(umum.rupiah(p["total_anggaran"]), tebal=True, rata=KANAN),
                "",
            ]
        )
    else:
        rows = [[Sel("Belum ada program yang dipilih.", kolom=4), LEWAT, LEWAT, LEWAT]]
    umum.tabel(
        d, [["No", "Program", "Anggaran", "Keterangan"]], rows, lebar=[8, 52, 25, 15], ukuran=10
    )
    umum.ttd_pasangan(d, p["ttd_kedua"], p["ttd_pertama_bertanggal"])


def pk_docx(doc):
    d = umum.dokumen_baru()
    tulis_pk(d, doc)
    return d
