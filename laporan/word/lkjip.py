"""The LKjIP as .docx, from the same document dict as templates/laporan/lkjip.html: cover,
kata pengantar, a Word table of contents, ikhtisar eksekutif, BAB I–IV with their headings
in order and tables 2.2, 2.3, the predicate scale, 3.1.x.A–I per sasaran and 3.2, the
signature blocks, and the lampiran (PK and the four Pengukuran, landscape). The narrative
is the one entered in the application; the OPD polishes it in Word."""

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from laporan.word import umum
from laporan.word.pengukuran import tulis_pengukuran
from laporan.word.pk import tulis_pk
from laporan.word.umum import KANAN, LEWAT, TENGAH, Sel, persen, rupiah, teks
from sakip import angka as fmt

KOSONG = "–"


def _daftar_isi(d):
    """A Word TOC field over headings 1–3: Word fills in the page numbers when the
    document is opened and the field updated (F9)."""
    p = d.add_paragraph()
    run = p.add_run()
    for jenis, isi in (("begin", None), (None, 'TOC \\o "1-3" \\h \\z \\u'), ("separate", None)):
        if jenis:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), jenis)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = isi
        run._r.append(el)
    p.add_run("(Klik kanan lalu pilih Update Field untuk menyusun daftar isi.)").italic = True
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    p.add_run()._r.append(end)


def _sampul(d, doc):
    for isi, ukuran in (
        ("LAPORAN KINERJA", 22),
        ("INSTANSI PEMERINTAH", 22),
        ("(LKjIP)", 22),
        (f"TAHUN {doc['tahun']}", 22),
        ("", 12),
        (doc["opd"].pemda.nama, 14),
        (doc["opd"].nama.upper(), 16),
        (doc["opd"].alamat or "", 10),
    ):
        p = d.add_paragraph()
        p.alignment = TENGAH
        run = p.add_run(isi)
        run.bold = ukuran > 10
        run.font.size = Pt(ukuran)


def _tabel_program(d, doc, rows, pct):
    header = [["NO", "PROGRAM", "KEGIATAN", "PAGU ANGGARAN", "REALISASI"] + (["%"] if pct else [])]
    isi = []
    for r in rows:
        span = r.get("span")
        baris = [
            Sel(str(r["no"]), baris=span, rata=TENGAH) if span else LEWAT,
            Sel(r["program"], baris=span) if span else LEWAT,
            r["kegiatan"],
            Sel(rupiah(r["pagu"], False), rata=KANAN),
            Sel(rupiah(r["realisasi"], False), rata=KANAN),
        ]
        if pct:
            baris.append(Sel(persen(r["penyerapan"]), rata=KANAN))
        isi.append(baris)
    total = [
        "",
        Sel("Jumlah", kolom=2, tebal=True),
        LEWAT,
        Sel(rupiah(doc["total_pagu"], False), tebal=True, rata=KANAN),
        Sel(rupiah(doc["total_realisasi"], False), tebal=True, rata=KANAN),
    ]
    if pct:
        total.append(Sel(persen(doc["total_penyerapan"]), tebal=True, rata=KANAN))
    isi.append(total)
    lebar = [5, 23, 30, 15, 15, 12] if pct else [5, 23, 42, 15, 15]
    umum.tabel(d, header, isi, lebar=lebar)


def _pk_tabel(d, pk):
    rows = []
    for row in pk["indikator_rows"]:
        span = row.get("sasaran_rowspan")
        rows.append(
            [
                Sel(str(row["sasaran_no"]), baris=span, rata=TENGAH) if span else LEWAT,
                Sel(row["sasaran"], baris=span) if span else LEWAT,
                row["indikator"],
                Sel(teks(row["target"]), rata=TENGAH),
            ]
        )
    umum.tabel(
        d, [["No", "Sasaran Strategis", "Indikator Kinerja", "Target"]], rows, lebar=[7, 38, 40, 15]
    )
    rows = [
        [
            Sel(str(i), rata=TENGAH),
            r["program"],
            Sel(rupiah(r["anggaran"]), rata=KANAN),
            Sel(r["sumber_dana"] or "", rata=TENGAH),
        ]
        for i, r in enumerate(pk["program_rows"], start=1)
    ]
    rows.append(
        [
            "",
            Sel("Jumlah", tebal=True),
            Sel(rupiah(pk["total_anggaran"]), tebal=True, rata=KANAN),
            "",
        ]
    )
    umum.tabel(d, [["No", "Program", "Anggaran", "Keterangan"]], rows, lebar=[7, 55, 23, 15])


def _c(value):
    return Sel(value, rata=TENGAH)


def _bagian(d, doc, b):
    tahun = doc["tahun"]
    nomor = b["nomor"]
    rows = b["rows"]
    n = len(rows)
    umum.judul_bab(d, f"{nomor}. Capaian Kinerja Sasaran Strategis {b['uraian']}", level=3)

    def sub(huruf, judul_sub):
        umum.judul_bab(d, f"{huruf}. {judul_sub}", level=4)
        umum.judul_tabel(d, [f"Tabel {nomor}.{huruf}."])

    sub("A", "Perbandingan antara Target dan Realisasi")
    umum.tabel(
        d,
        [["INDIKATOR KINERJA UTAMA", "TARGET", "REALISASI", "PERSENTASE", "PREDIKAT"]],
        [
            [
                r["uraian"],
                _c(teks(r["target"])),
                _c(teks(r["realisasi"])),
                _c(_capaian(r)),
                _c(_predikat(r)),
            ]
            for r in rows
        ],
        lebar=[46, 13, 13, 13, 15],
    )
    sub("B", f"Perbandingan Realisasi Kinerja Tahun {tahun - 1} dengan Tahun {tahun}")
    umum.tabel(
        d,
        [
            [
                Sel("INDIKATOR KINERJA UTAMA", baris=2),
                Sel("TARGET", baris=2),
                Sel("REALISASI", kolom=2),
                LEWAT,
            ],
            [LEWAT, LEWAT, f"Tahun {tahun - 1}", f"Tahun {tahun}"],
        ],
        [
            [
                r["uraian"],
                _c(teks(r["target"])),
                _c(teks(r["realisasi_lalu"])),
                _c(teks(r["realisasi"])),
            ]
            for r in rows
        ],
        lebar=[52, 16, 16, 16],
    )
    sub("C", f"Perbandingan Realisasi Kinerja Tahun {tahun} sampai dengan akhir Periode Renstra")
    umum.tabel(
        d,
        [
            [
                "INDIKATOR KINERJA UTAMA",
                "TARGET AKHIR RENSTRA",
                f"REALISASI TAHUN {tahun}",
                "TINGKAT KEMAJUAN",
            ]
        ],
        [
            [
                r["uraian"],
                _c(teks(r["target_akhir"])),
                _c(teks(r["realisasi"])),
                _c(persen(r["kemajuan"])),
            ]
            for r in rows
        ],
        lebar=[52, 16, 16, 16],
    )
    sub("D", "Perbandingan Realisasi Kinerja dengan Target Nasional")
    umum.tabel(
        d,
        [
            [
                "INDIKATOR KINERJA UTAMA",
                f"REALISASI TAHUN {tahun}",
                "REALISASI NASIONAL",
                "KETERANGAN",
            ]
        ],
        [
            [
                r["uraian"],
                _c(teks(r["realisasi"])),
                _c(teks(r["nasional"])),
                r.get("keterangan_nasional") or KOSONG,
            ]
            for r in rows
        ],
        lebar=[46, 16, 16, 22],
    )
    per = bool(b.get("per_indikator"))
    sub("E", "Tabel Alokasi Per-Sasaran Pembangunan")
    umum.tabel(
        d,
        [
            [
                "INDIKATOR KINERJA UTAMA",
                "ANGGARAN",
                "PERSENTASE ANGGARAN TERHADAP ANGGARAN PERANGKAT DAERAH",
            ]
        ],
        [
            [r["uraian"]]
            + (
                # One budget line per indicator when its indicators name their budget.
                [
                    Sel(rupiah(_attr(r.get("anggaran"), "pagu")), rata=KANAN),
                    Sel(persen(r.get("pangsa")), rata=TENGAH),
                ]
                if per
                else [
                    Sel(rupiah(_attr(b["anggaran"], "pagu")), baris=n, rata=KANAN),
                    Sel(persen(b["pangsa"]), baris=n, rata=TENGAH),
                ]
                if i == 0
                else [LEWAT, LEWAT]
            )
            for i, r in enumerate(rows)
        ],
        lebar=[46, 24, 30],
    )
    sub("F", "Tabel Pencapaian Kinerja dan Anggaran")
    umum.tabel(
        d,
        [
            [
                Sel("INDIKATOR KINERJA UTAMA", baris=2),
                Sel("KINERJA", kolom=3),
                LEWAT,
                LEWAT,
                Sel("ANGGARAN", kolom=3),
                LEWAT,
                LEWAT,
            ],
            [LEWAT, "TARGET", "REALISASI", "CAPAIAN", "TARGET", "REALISASI", "CAPAIAN"],
        ],
        [
            [r["uraian"], _c(teks(r["target"])), _c(teks(r["realisasi"])), _c(_capaian(r))]
            + (
                [
                    Sel(rupiah(_attr(r.get("anggaran"), "pagu"), False), rata=KANAN),
                    Sel(rupiah(_attr(r.get("anggaran"), "realisasi"), False), rata=KANAN),
                    Sel(persen(r.get("penyerapan")), rata=TENGAH),
                ]
                if per
                else [
                    Sel(rupiah(_attr(b["anggaran"], "pagu"), False), baris=n, rata=KANAN),
                    Sel(rupiah(_attr(b["anggaran"], "realisasi"), False), baris=n, rata=KANAN),
                    Sel(persen(b["penyerapan"]), baris=n, rata=TENGAH),
                ]
                if i == 0
                else [LEWAT, LEWAT, LEWAT]
            )
            for i, r in enumerate(rows)
        ],
        lebar=[23, 9, 11, 11, 16, 16, 14],
    )
    sub("G", "Tabel Efisiensi Penggunaan Sumberdaya")
    indeks = _attr(doc["pengaturan"], "konvensi_efisiensi") == "indeks"
    isi = []
    for i, r in enumerate(rows):
        e = r["efisiensi"]
        # The index convention prints three decimals (an index of 1,004 is not 1,00).
        if e.indeks:
            nilai, tingkat = fmt.angka(e.nilai, 3), fmt.angka(e.tingkat, 3)
        else:
            nilai, tingkat = persen(e.nilai), persen(e.tingkat)
        ket = e.label if e.status else "belum dapat dinilai"
        isi.append(
            [
                r["uraian"],
                _c(_capaian(r)),
                Sel(persen(r.get("penyerapan")), rata=TENGAH)
                if per
                else Sel(persen(b["penyerapan"]), baris=n, rata=TENGAH)
                if i == 0
                else LEWAT,
                _c(nilai),
                _c(tingkat),
                _c(ket),
            ]
        )
    umum.tabel(
        d,
        [
            [
                "INDIKATOR KINERJA UTAMA",
                "PERSENTASE CAPAIAN KINERJA",
                "PERSENTASE PENYERAPAN ANGGARAN",
                "INDEKS EFISIENSI" if indeks else "RASIO EFISIENSI",
                "TINGKAT EFISIENSI",
                "KETERANGAN",
            ]
        ],
        isi,
        lebar=[34, 13, 13, 13, 13, 14],
    )
    umum.judul_bab(
        d,
        "H. Analisis Penyebab Keberhasilan / Peningkatan dan Kegagalan / Penurunan Kinerja serta Solusi yang telah dilakukan",
        level=4,
    )
    umum.judul_tabel(d, [f"Tabel {nomor}.H."])
    umum.tabel(
        d,
        [["INDIKATOR KINERJA UTAMA", "TARGET", "REALISASI", "ANALISA PENYEBAB", "SOLUSI"]],
        [
            [
                r["uraian"],
                _c(teks(r["target"])),
                _c(teks(r["realisasi"])),
                r.get("analisis_penyebab") or KOSONG,
                r.get("solusi") or KOSONG,
            ]
            for r in rows
        ],
        lebar=[26, 10, 10, 30, 24],
    )
    umum.judul_bab(
        d,
        "I. Analisis Program/Kegiatan yang Menunjang Keberhasilan / Kegagalan Pencapaian Kinerja",
        level=4,
    )
    umum.judul_tabel(d, [f"Tabel {nomor}.I."])
    penunjang = (
        "\n".join(p["nama"] if p.get("program") else f"    {p['nama']}" for p in b["penunjang"])
        or KOSONG
    )
    ada = b.get("ada_analisis_program")
    header = ["INDIKATOR KINERJA UTAMA", "TARGET", "REALISASI", "PROGRAM/KEGIATAN"] + (
        ["ANALISIS"] if ada else []
    )
    isi = []
    for r in rows:
        baris = [r["uraian"], _c(teks(r["target"])), _c(teks(r["realisasi"])), penunjang]
        if ada:
            baris.append(r.get("analisis_program") or KOSONG)
        isi.append(baris)
    umum.tabel(d, [header], isi, lebar=[22, 9, 9, 32, 28] if ada else [30, 10, 10, 50])


def lkjip_docx(doc):
    n = doc["n"]
    tahun = doc["tahun"]
    opd = doc["opd"]
    d = umum.dokumen_baru()
    _sampul(d, doc)

    umum.halaman_baru(d)
    umum.judul_bab(d, "KATA PENGANTAR")
    umum.narasi(d, _n(n, "kata_pengantar"), kosong="(Kata pengantar belum diisi.)")
    umum.ttd(d, doc["ttd"])

    umum.halaman_baru(d)
    p = d.add_paragraph()
    p.alignment = TENGAH
    p.add_run("DAFTAR ISI").bold = True
    _daftar_isi(d)

    umum.halaman_baru(d)
    umum.judul_bab(d, "IKHTISAR EKSEKUTIF")
    umum.narasi(d, _n(n, "ikhtisar_eksekutif"))
    kalimat = (
        f"Pada Tahun {tahun} {opd.nama} {opd.pemda.nama.replace('Pemerintah ', '')} melaksanakan "
        f"{doc['jumlah_program']} program dan {doc['jumlah_kegiatan']} kegiatan dengan pagu program "
        f"dan kegiatan sebesar {rupiah(doc['total_pagu'])} dan realisasi "
        f"{rupiah(doc['total_realisasi'])} ({persen(doc['total_penyerapan'])})."
    )
    dpa = doc.get("dpa")
    if dpa:
        kalimat += f" Jumlah anggaran (DPA) perangkat daerah sebesar {rupiah(_attr(dpa, 'jumlah'))}"
        if _attr(dpa, "realisasi") is not None:
            kalimat += f" dengan realisasi {rupiah(_attr(dpa, 'realisasi'))}"
        kalimat += "."
    umum.paragraf(d, kalimat)
    umum.judul_tabel(d, [f"Ringkasan Capaian Indikator Kinerja Utama Tahun {tahun}"])
    ringkas = []
    for i, b in enumerate(doc["bagian"], start=1):
        for j, r in enumerate(b["rows"], start=1):
            ringkas.append(
                [
                    _c(f"{i}.{j}"),
                    r["uraian"],
                    _c(teks(r["target"])),
                    _c(teks(r["realisasi"])),
                    _c(_capaian(r)),
                    _c(_predikat(r)),
                ]
            )
    umum.tabel(
        d,
        [["No", "Indikator Kinerja Utama", "Target", "Realisasi", "Capaian", "Predikat"]],
        ringkas,
        lebar=[6, 46, 12, 12, 10, 14],
    )

    umum.halaman_baru(d)
    umum.judul_bab(d, "BAB I PENDAHULUAN")
    umum.judul_bab(d, "1.1. Gambaran Umum Organisasi", level=2)
    umum.narasi(d, _n(n, "latar_belakang"))
    umum.narasi(d, _n(n, "gambaran_organisasi"), kosong="(Gambaran organisasi belum diisi.)")
    umum.judul_bab(d, "1.2. Permasalahan Utama yang Dihadapi oleh Instansi", level=2)
    umum.narasi(d, _n(n, "permasalahan_utama"), kosong="(Permasalahan utama belum diisi.)")
    if _n(n, "sistematika"):
        umum.judul_bab(d, "Sistematika Penyajian", level=2)
        umum.narasi(d, _n(n, "sistematika"))

    umum.halaman_baru(d)
    umum.judul_bab(d, "BAB II PERENCANAAN KINERJA")
    umum.judul_bab(d, "2.1. Rencana Strategis", level=2)
    umum.narasi(d, _n(n, "rencana_strategis"))
    umum.paragraf(d, f"Tujuan {opd.nama}:")
    for i, t in enumerate(doc["tujuan_list"]):
        umum.paragraf(d, f"{chr(97 + i)}. {_uraian(t)}")
    umum.paragraf(d, "Sasaran strategis:")
    for i, s in enumerate(doc["sasaran_list"]):
        umum.paragraf(d, f"{chr(97 + i)}. {_uraian(s)}")
    umum.judul_bab(d, "2.2. Program dan Kegiatan", level=2)
    umum.paragraf(
        d,
        f"Program, kegiatan, anggaran dan realisasi anggaran pada Tahun Anggaran {tahun} digambarkan pada tabel berikut.",
    )
    umum.judul_tabel(d, ["Tabel 2.2.", "Program dan Kegiatan", f"{opd.nama} Tahun {tahun}"])
    _tabel_program(d, doc, doc["tabel_program"], pct=False)
    umum.judul_bab(d, "2.3. Perjanjian Kinerja", level=2)
    umum.paragraf(
        d,
        f"Perjanjian Kinerja merupakan tolok ukur keberhasilan organisasi dan menjadi dasar penilaian dalam evaluasi akuntabilitas kinerja pada akhir tahun anggaran {tahun}, sebagaimana tabel berikut.",
    )
    umum.judul_tabel(d, ["Tabel 2.3.", "Perjanjian Kinerja", f"{opd.nama} Tahun {tahun}"])
    _pk_tabel(d, doc["pk"])

    umum.halaman_baru(d)
    umum.judul_bab(d, "BAB III AKUNTABILITAS KINERJA")
    umum.judul_bab(d, "3.1. Capaian Kinerja Organisasi", level=2)
    umum.narasi(d, _n(n, "analisis_umum"))
    pengaturan = doc["pengaturan"]
    nama_skala = getattr(pengaturan, "nama_skala", None) or (
        pengaturan.get("nama_skala") if isinstance(pengaturan, dict) else ""
    )
    umum.paragraf(
        d,
        f"Keberhasilan pencapaian indikator kinerja sasaran dinilai dengan skala berikut ({nama_skala}):",
    )
    umum.tabel(
        d,
        [["No.", "Capaian Kinerja", "Predikat"]],
        [
            [
                _c(f"{i}."),
                _c(
                    fmt.rentang(
                        _attr(t, "batas_bawah"),
                        _attr(t, "batas_atas"),
                        _attr(t, "bawah_inklusif"),
                        _attr(t, "atas_inklusif"),
                    )
                ),
                _c(_attr(t, "label")),
            ]
            for i, t in enumerate(doc["skala"], start=1)
        ],
        lebar=[12, 48, 40],
    )
    for b in doc["bagian"]:
        _bagian(d, doc, b)
    umum.judul_bab(d, "3.2. Realisasi Anggaran", level=2)
    umum.narasi(d, _n(n, "realisasi_anggaran_narasi"))
    umum.paragraf(
        d,
        f"Pagu program dan kegiatan Tahun {tahun} sebesar {rupiah(doc['total_pagu'])} terealisasi "
        f"{rupiah(doc['total_realisasi'])} atau {persen(doc['total_penyerapan'])}, dilaksanakan melalui "
        f"{doc['jumlah_program']} program dan {doc['jumlah_kegiatan']} kegiatan.",
    )
    umum.judul_tabel(d, ["Tabel 3.2.", f"Realisasi Anggaran Tahun {tahun}", f"pada {opd.nama}"])
    _tabel_program(d, doc, doc["tabel_program"], pct=True)

    umum.halaman_baru(d)
    umum.judul_bab(d, "BAB IV PENUTUP")
    umum.judul_bab(d, "4.1. Kesimpulan", level=2)
    umum.narasi(d, _n(n, "kesimpulan"), kosong="(Kesimpulan belum diisi.)")
    umum.judul_bab(d, "4.2. Langkah-langkah untuk Meningkatkan Kinerja", level=2)
    umum.narasi(d, _n(n, "langkah_peningkatan"), kosong="(Langkah peningkatan belum diisi.)")
    umum.ttd(d, doc["ttd"])

    umum.halaman_baru(d)
    umum.judul_bab(d, "LAMPIRAN-LAMPIRAN")
    # The PDF's daftar lampiran; the Word file carries the PK and the Pengukuran, the
    # matrix and the uploads stay with the PDF (their own downloads).
    for lamp in doc["lampiran"]:
        terpisah = " (dilampirkan terpisah)" if lamp.terpisah else ""
        umum.paragraf(d, f"{lamp.nomor}. {lamp.judul}{terpisah}", rata=WD_ALIGN_PARAGRAPH.LEFT)
    umum.halaman_baru(d)
    tulis_pk(d, doc["pk"])
    for p in doc["pengukuran"]:
        umum.halaman_baru(d, lanskap=True)
        tulis_pengukuran(d, p)
    return d


def _n(n, nama):
    return getattr(n, nama, None) if not isinstance(n, dict) else n.get(nama)


def _capaian(r):
    """The capaian as printed: the capped figure, with the uncapped one when the Pemda asks."""
    teks_capaian = persen(r["capaian"])
    asli = _attr(r, "capaian_tanpa_batas")
    if asli is not None:
        teks_capaian += f" (sebelum dibatasi {persen(asli)})"
    return teks_capaian


def _attr(obj, nama):
    return obj.get(nama) if isinstance(obj, dict) else getattr(obj, nama, None)


def _uraian(obj):
    return _attr(obj, "uraian") or ""


def _predikat(r):
    """The predicate label as the template prints it (|default:"–")."""
    return (_attr(r.get("predikat"), "label") if r.get("predikat") else None) or KOSONG
