"""Every document rendered from the Probolinggo fixtures (seeds 000–003): a valid PDF of the
right paper and orientation whose text carries the headings, the signatories with NIP and
the engine's figures in Indonesian format in the right rows."""

import hashlib
import re

import pytest
from django.urls import reverse

from laporan import pdf, selectors
from laporan.models import DokumenTerbit

from .conftest import orientation, read_pdf

pytestmark = pytest.mark.django_db


def render(opd, jenis, tahun, **kwargs):
    doc = selectors.build_document(jenis, opd, tahun, **kwargs)
    dokumen, rendered = pdf.issue_pdf(doc)
    reader, text = read_pdf(rendered.content)
    assert rendered.halaman == len(reader.pages)
    assert dokumen.sha256 == hashlib.sha256(rendered.content).hexdigest()
    assert f"Kode verifikasi: {dokumen.kode}" in text
    return doc, reader, text


def test_pk_2020_is_a4_portrait_with_agreement_signatories_and_frozen_figures(
    probolinggo, admin_client
):
    response = admin_client.get(reverse("laporan:pk_pdf", args=[probolinggo.slug, 2020]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader, text = read_pdf(response.content)
    assert len(reader.pages) == 2
    assert all(orientation(p) == "portrait" for p in reader.pages)
    assert "PERJANJIAN KINERJA TAHUN 2020" in text
    assert "Selanjutnya disebut pihak pertama" in text
    assert "Drs. ZAINULLAH, MM." in text and "NIP. 19630811 198701 1 002" in text
    assert "Pembina Utama Muda" in text
    assert "HADI ZAINAL ABIDIN" in text and "WALI KOTA PROBOLINGGO" in text
    assert "Probolinggo, 2 Januari 2020" in text
    # lampiran rows: sasaran -> indicator -> target; program -> anggaran (frozen at finalising)
    assert re.search(r"tenaga kerja perempuan di eksekutif, legislatif dan swasta 48,25%", text)
    assert re.search(r"Kategori Kota Layak Anak Madya", text)
    assert re.search(
        r"Pelayanan Rehabilitasi, Perlindungan, dan Jaminan Sosial Rp 2\.501\.951\.000 APBD", text
    )
    assert "Rp 6.671.926.749" in text  # total of the eight frozen program rows
    assert "Halaman 1 dari 2" in text and "Halaman 2 dari 2" in text
    assert "DRAF" not in text  # the fixture's PK 2020 is final
    dokumen = DokumenTerbit.objects.get(jenis="pk", tahun=2020)
    assert dokumen.is_final and dokumen.halaman == 2


def test_pengukuran_tw2_2020_is_landscape_with_formula_numbers_pagu_in_force_and_totals(
    probolinggo,
):
    doc, reader, text = render(probolinggo, "pengukuran", 2020, triwulan=2)
    assert all(orientation(p) == "landscape" for p in reader.pages)
    assert "PENGUKURAN KINERJA" in text and "TRIWULAN II" in text
    # ratio indicator: the entered numerator / denominator, 1277/1816 = 70,3194 -> 70,32%
    # (the seed prints the truncated 70,31%), capaian 70,3194 / 86 = 81,77
    assert "1.277 / 1.816 × 100%" in text
    assert re.search(r"86% 70,32% 81,77", text)
    # pagu in force at TW II and realisation cumulated to TW II for the program
    assert re.search(
        r"Pelayanan Rehabilitasi, Perlindungan, dan Jaminan Sosial Rp 1\.009\.235\.000 Rp 360\.447\.250 35,71",
        text,
    )
    assert re.search(r"Total Rp 3\.407\.000\.210 Rp 1\.047\.264\.062 30,74", text)
    assert "NIP. 19630811 198701 1 002" in text


def test_pengukuran_tw4_uses_the_pagu_in_force_at_tw4(probolinggo):
    _, _, text = render(probolinggo, "pengukuran", 2020, triwulan=4)
    assert "TRIWULAN IV" in text
    # the fixture's TW IV revision is the final pagu of LKjIP table 3.2 (986.235.100, not
    # the TW III figure 2.501.951.000); realisation for the whole year 885.242.850 -> 89,76
    assert re.search(
        r"Pelayanan Rehabilitasi, Perlindungan, dan Jaminan Sosial Rp 986\.235\.100 Rp 885\.242\.850 89,76",
        text,
    )


def test_lkjip_2020_has_cover_toc_chapters_tables_and_annexes(probolinggo):
    doc, reader, text = render(probolinggo, "lkjip", 2020)
    assert orientation(reader.pages[0]) == "portrait"
    assert orientation(reader.pages[-1]) == "landscape"  # the TW IV measurement annex
    for heading in (
        "LAPORAN KINERJA INSTANSI PEMERINTAH",
        "KATA PENGANTAR",
        "DAFTAR ISI",
        "IKHTISAR EKSEKUTIF",
        "BAB I PENDAHULUAN",
        "BAB II PERENCANAAN KINERJA",
        "BAB III AKUNTABILITAS KINERJA",
        "BAB IV PENUTUP",
        "Tabel 2.2.",
        "Tabel 2.3.",
        "Tabel 3.2.",
        "LAMPIRAN-LAMPIRAN",
        "PERJANJIAN KINERJA TAHUN 2020",
        "TRIWULAN I ",
        "TRIWULAN IV",
    ):
        assert heading in text, heading
    for sasaran in (1, 2, 3):
        for letter in "ABCDEFGHI":
            assert f"Tabel 3.1.{sasaran}.{letter}." in text
    # daftar isi carries real page numbers: BAB III's entry points at the page it starts on
    bab3_page = next(
        i
        for i, p in enumerate(reader.pages, 1)
        if "AKUNTABILITAS KINERJA" in (p.extract_text() or "") and i > 3
    )
    assert re.search(rf"BAB III AKUNTABILITAS KINERJA {bab3_page}\b", text)
    # 3.1.1.A: 92 against 86 -> 106,98% (the seed prints a rounded 107%)
    assert re.search(r"PMKS\) yang terpenuhi kebutuhan dasarnya 86% 92% 106,98%", text)
    # 3.1.1.C: 92 against the end-of-Renstra 75 -> 122,67% (the seed's 215% is wrong)
    assert "122,67%" in text
    assert "RACHMA NURCAHYARINI, S.Sos., M.Si." in text and "NIP. 19731110 199302 2 002" in text
    assert doc["is_final"] and "DRAF" not in text


def test_rencana_aksi_2025_of_one_unit_follows_seed_001(probolinggo):
    doc, reader, text = render(
        probolinggo, "rencana-aksi", 2025, unit_slug="rehabilitasi-perlindungan-jaminan-sosial"
    )
    assert all(orientation(p) == "landscape" for p in reader.pages)
    assert "RENCANA AKSI" in text and "BIDANG REHABILITASI, PERLINDUNGAN DAN JAMINAN SOSIAL" in text
    assert "JADWAL PELAKSANAAN TRIWULAN" in text
    assert re.search(r"– – – 88%", text)  # the sasaran indicator's TW IV target only
    assert "Program Rantang Sehat bagi Lanjut Usia Terlantar 1 tahun v v v v" in text
    assert "Probolinggo, 4 Januari 2025" in text
    assert "Dr. REY SUWIGTYO, S.Sos., M.Si." in text and "NIP. 19670711 198809 1 001" in text
    assert "DRAF" in text  # the fixture's Rencana Aksi are drafts


def test_iku_and_cascading_documents_follow_seeds_002_and_000(probolinggo):
    _, reader, text = render(probolinggo, "iku", 2023)
    assert all(orientation(p) == "landscape" for p in reader.pages)
    assert "INDIKATOR KINERJA UTAMA (IKU)" in text
    assert "PENJELASAN/FORMULASI PERHITUNGAN" in text
    assert re.search(
        r"Kategori Kota Layak Anak Level Kota Layak Anak Dokumen Penilaian Kota Layak Anak", text
    )
    assert "NIP. 19670711 198809 1 001" in text

    doc, reader, text = render(probolinggo, "cascading", 2023)
    assert all(orientation(p) == "landscape" for p in reader.pages)
    assert "TABEL KETERKAITAN IKU DENGAN PROGRAM KEGIATAN OPD" in text
    assert "Persentase Penduduk Miskin" in text  # IKU Kota
    assert re.search(r"89% 80,9%", text)  # target 2023 and realisation 2022 of IKU 1
    assert "Rp 783.242.000" in text
    assert doc["total"] > 0
