"""The Renstra matrices T-C.23, T-C.24, T-C.27 and T-C.28 (Permendagri 86/2017) computed
from the Lumajang fixture equal seed 004 (/work/shared/seeds/004_a4869d78fc72157b.txt),
and the same rows come out as HTML, as a landscape PDF and as an XLSX workbook.

Where the seed's printed figure is wrong, the correct one is asserted and the comment says
so (fixtures/README.md, "Lumajang", lists the seed's inconsistencies)."""

import hashlib
import io
import re
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from anggaran.models import AnggaranProgramHistoris
from laporan import matriks as laporan
from laporan.models import DokumenTerbit
from renstra.demo import FIXTURE_DIR
from renstra.models import PeriodeRenstra, Program
from sakip import angka as fmt
from sakip import roles
from tests.builders import build_opd
from tests.factories import (
    IndikatorFactory,
    KegiatanFactory,
    OPDFactory,
    PaguFactory,
    PenggunaFactory,
    PeriodeFactory,
    ProgramFactory,
    SasaranFactory,
    SubKegiatanFactory,
    TargetTahunanFactory,
)

A4_SHORT, A4_LONG = 595, 842
TANGGAL = timezone.datetime(2022, 2, 14).date()
MATRIKS = ["t-c-23", "t-c-24", "t-c-27", "t-c-28"]


@pytest.fixture(scope="module")
def _lumajang_module(django_db_setup, django_db_blocker):
    """Only lumajang.json, loaded once for the module inside a transaction rolled back at
    its end (as tests/conftest.py does for every seed file)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("loaddata", str(FIXTURE_DIR / "lumajang.json"), verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def periode(_lumajang_module, db):
    return PeriodeRenstra.objects.select_related("opd__pemda").get(opd__slug="dinsos-pppa-lumajang")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def dua(hasil):
    return fmt.bulatkan(hasil.nilai, 2)


def url(periode, jenis, ext=""):
    name = {"": "laporan:matriks", ".pdf": "laporan:matriks_pdf", ".xlsx": "laporan:matriks_xlsx"}[
        ext
    ]
    return reverse(name, args=[periode.opd.slug, periode.pk, jenis])


def read_pdf(content):
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return reader, " ".join(text.split())


def landscape(page):
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert {round(width), round(height)} == {A4_SHORT, A4_LONG}, (width, height)
    return width > height


# --- T-C.23 -------------------------------------------------------------------------------


def tc23_row(doc, awal):
    return next(r for r in doc["rows"] if r.indikator.startswith(awal))


def test_tc23_ratios_of_psks_and_ppks_equal_the_seed(periode):
    doc = laporan.tc23(periode, tanggal=TANGGAL)
    assert doc["tahun_list"] == [2018, 2019, 2020, 2021, 2022, 2023]
    assert doc["tahun_kondisi_awal"] == 2017
    ppks = {s.tahun: s for s in tc23_row(doc, "Persentase PPKS yang terpenuhi").sel}
    # Seed: 75 -> 78,76 gives 105,01%; 26,77 -> 15,07 gives 56,29%; 26,75 -> 26,43: 98,80%.
    assert (ppks[2020].target, ppks[2020].realisasi) == (D("75"), D("78.76"))
    assert dua(ppks[2020].capaian) == D("105.01")
    assert dua(ppks[2018].capaian) == D("56.29")
    assert dua(ppks[2019].capaian) == D("98.80")
    # "2021 Semester 1" is stored as TW II: 94,10 against 80 = 117,625 -> 117,63 as printed.
    assert ppks[2021].triwulan == 2
    assert dua(ppks[2021].capaian) == D("117.63")
    assert ppks[2022].capaian.nilai is None  # no realisation yet: "–", not 0
    psks = {
        s.tahun: dua(s.capaian) for s in tc23_row(doc, "Persentase Peningkatan Jumlah PSKS").sel
    }
    assert [psks[t] for t in (2018, 2019, 2020, 2021)] == [
        D("101.39"),
        D("100.79"),
        D("101.01"),
        D("101.96"),
    ]


def test_tc23_ipg_ratio_is_the_correct_arithmetic_not_the_printed_one(periode):
    doc = laporan.tc23(periode, tanggal=TANGGAL)
    ipg = {s.tahun: s for s in tc23_row(doc, "Indeks Pembangunan Gender").sel}
    # The seed prints 99,48 for 88,04 / 88,05; the arithmetic gives 99,99.
    assert dua(ipg[2019].capaian) == D("99.99")
    assert dua(ipg[2020].capaian) == D("99.76")
    # The seed prints the 2018 ratio as the fraction 1,00; as a percentage it is 100.
    assert dua(ipg[2018].capaian) == D("100.00")
    row = tc23_row(doc, "Indeks Pembangunan Gender")
    assert (row.kondisi_awal, row.tahun_kondisi_awal) == (D("58.87"), 2017)


def test_tc23_rows_follow_the_plan_order_with_one_owner_cell_per_tujuan_or_sasaran(periode):
    doc = laporan.tc23(periode, tanggal=TANGGAL)
    assert [r.indikator[:25] for r in doc["rows"]] == [
        "Persentase PPKS Mandiri s",
        "Persentase PPKS yang terp",
        "Persentase Peningkatan Ju",
        "Indeks Pembangunan Gender",
        "Indeks Pemberdayaan Gende",
        "Prosentase Kasus Kekerasa",
    ]
    assert [r.no for r in doc["rows"]] == [1, 2, 3, 4, 5, 6]
    assert all(r.pemilik_rowspan == 1 for r in doc["rows"])


# --- T-C.24 -------------------------------------------------------------------------------


def tc24_row(doc, kode):
    return next(r for r in doc["rows"] if r.kode == kode)


def test_tc24_ratio_of_rehabilitasi_sosial_2017_is_80_28(periode):
    doc = laporan.tc24(periode, tanggal=TANGGAL)
    assert doc["tahun_list"] == [2017, 2018, 2019, 2020, 2021]
    rehab = {s.tahun: s for s in tc24_row(doc, "1.06.04").sel}
    assert (rehab[2017].anggaran, rehab[2017].realisasi) == (D("953475600"), D("765447500"))
    assert dua(rehab[2017].rasio) == D("80.28")  # 765.447.500 / 953.475.600
    assert [dua(rehab[t].rasio) for t in (2018, 2019, 2020, 2021)] == [
        D("78.86"),
        D("98.91"),
        D("98.03"),
        D("36.38"),
    ]


def test_tc24_every_printed_ratio_of_the_penunjang_program_is_reproduced(periode):
    doc = laporan.tc24(periode, tanggal=TANGGAL)
    penunjang = tc24_row(doc, "X.XX.01")
    assert [dua(s.rasio) for s in penunjang.sel] == [
        D("86.72"),
        D("88.09"),
        D("91.37"),
        D("95.43"),
        D("42.29"),
    ]


def test_tc24_average_growth_is_computed_where_the_seed_leaves_it_empty(periode):
    doc = laporan.tc24(periode, tanggal=TANGGAL)
    penunjang = tc24_row(doc, "X.XX.01")
    anggaran = [D(2150518300), D(1117219900), D(1815952988), D(1105972900), D(4178136501)]
    growth = [(b - a) / a * 100 for a, b in zip(anggaran, anggaran[1:], strict=False)]
    assert penunjang.pertumbuhan_anggaran.nilai == sum(growth) / 4
    assert dua(penunjang.pertumbuhan_anggaran) == D("63.29")
    # Programs with one year of figures (2021 only) have no growth: "–".
    assert tc24_row(doc, "1.06.06").pertumbuhan_anggaran.nilai is None


def test_tc24_na_cells_stay_empty_and_the_pug_ratio_is_given(periode):
    doc = laporan.tc24(periode, tanggal=TANGGAL)
    perempuan = tc24_row(doc, "2.08.03")  # PROGRAM PERLINDUNGAN PEREMPUAN: NA everywhere
    assert all(s.anggaran is None and s.rasio.nilai is None for s in perempuan.sel)
    # The seed prints NA for PUG 2021 although both amounts exist: 24.560.406 / 25.050.000.
    pug = {s.tahun: s for s in tc24_row(doc, "2.08.02").sel}
    assert dua(pug[2021].rasio) == D("98.05")
    assert pug[2017].anggaran is None


def test_tc24_a_year_without_history_uses_the_sql_rollup_of_sub_kegiatan(periode):
    from anggaran.models import RealisasiAnggaran
    from renstra.models import SubKegiatan

    sub = SubKegiatan.objects.get(periode=periode, kode="1.06.04.2.01.0001")
    RealisasiAnggaran.objects.create(sub_kegiatan=sub, tahun=2022, triwulan=1, jumlah=D(1000000000))
    RealisasiAnggaran.objects.create(sub_kegiatan=sub, tahun=2022, triwulan=3, jumlah=D(2000000000))
    doc = laporan.tc24(periode, tanggal=TANGGAL)
    assert doc["tahun_list"] == [2017, 2018, 2019, 2020, 2021, 2022]
    rehab = {s.tahun: s for s in tc24_row(doc, "1.06.04").sel}
    # Program pagu 2022 = SQL sum of its sub-kegiatan (T-C.27: 4.204.710.860).
    assert (rehab[2022].anggaran, rehab[2022].realisasi) == (D(4204710860), D(3000000000))
    assert rehab[2021].anggaran == D(342062110)  # history, not the T-C.27 plan figure


# --- T-C.27 -------------------------------------------------------------------------------


def tc27_row(doc, kode):
    return next(r for r in doc["rows"] if r.kode == kode)


def test_tc27_holds_every_program_kegiatan_and_sub_kegiatan_in_code_order(periode):
    doc = laporan.tc27(periode, tanggal=TANGGAL)
    assert doc["tahun_list"] == [2021, 2022, 2023]
    assert doc["tahun_kondisi_awal"] == 2020
    tingkat = [r.tingkat for r in doc["rows"]]
    assert (tingkat.count("program"), tingkat.count("kegiatan"), tingkat.count("sub_kegiatan")) == (
        12,
        32,
        121,
    )
    kode = [r.kode for r in doc["rows"]]
    assert kode[0] == "1.06.02" and kode[-1].startswith("X.XX.01.")
    assert kode.index("1.06.04") < kode.index("1.06.04.2.01") < kode.index("1.06.04.2.01.0001")


def test_tc27_program_and_kegiatan_rp_are_the_sums_of_sub_kegiatan_pagu(periode):
    doc = laporan.tc27(periode, tanggal=TANGGAL)
    # Printed in the seed and equal to the sums:
    assert tc27_row(doc, "1.06.04").pagu == [D(247947750), D(4204710860), D(4204710860)]
    assert tc27_row(doc, "1.06.04").pagu_akhir == D(8657369470)
    assert tc27_row(doc, "1.06.04.2.01").pagu == [D(242859050), D(4196394760), D(4196394760)]
    assert tc27_row(doc, "1.06.04.2.01").pagu_akhir == D(8635648570)
    assert tc27_row(doc, "1.06.05").pagu[0] == D(5428690700)
    assert tc27_row(doc, "1.06.05").pagu[2] == D(7490666750)
    # The seed prints 3.754.630.422 for the penunjang program in 2021 (end of period
    # 17.890.059.572); its own sub-kegiatan add up to 3.785.226.600 (17.920.655.750).
    penunjang = tc27_row(doc, "X.XX.01")
    assert penunjang.pagu == [D(3785226600), D(6870235740), D(7265193410)]
    assert penunjang.pagu_akhir == D(17920655750)
    # The seed prints 5.731.888.300 for 1.06.02 in 2021; the sub-kegiatan give 5.661.284.500.
    assert tc27_row(doc, "1.06.02").pagu[0] == D(5661284500)
    # Whole plan per year: the SQL total equals the sum of the program rows.
    programs = [r for r in doc["rows"] if r.tingkat == "program"]
    for i in range(3):
        assert doc["total_pagu"][i] == sum(r.pagu[i] for r in programs)


def test_tc27_sub_kegiatan_row_has_indicator_baseline_targets_unit_and_lokasi(periode):
    doc = laporan.tc27(periode, tanggal=TANGGAL)
    permakanan = tc27_row(doc, "1.06.04.2.01.0001")
    assert permakanan.nama == "Penyediaan Permakanan"
    (ind,) = permakanan.indikator
    assert ind.kondisi_awal_tampil == "600 Orang"
    assert ind.target_urut == ["616 Orang", "800 Orang", "810 Orang"]
    # End of period = the last year's target (DESIGN section 2); the seed prints 810 too.
    assert ind.target_akhir_tampil == "810 Orang"
    assert permakanan.pagu_akhir == D(8532398100)  # printed 8.532.398.100
    assert permakanan.unit == ["Bidang Perlindungan Anak dan Pelayanan Rehabilitasi Sosial"]
    assert permakanan.lokasi == ["Kab. Lumajang"]
    # A program with two indicators spans two lines; its unit comes from its sub-kegiatan.
    rehab = tc27_row(doc, "1.06.04")
    assert rehab.rowspan == len(rehab.indikator) >= 2
    assert rehab.unit == ["Bidang Perlindungan Anak dan Pelayanan Rehabilitasi Sosial"]


def test_tc27_a_dash_in_the_seed_is_no_target_and_no_rp(periode):
    doc = laporan.tc27(periode, tanggal=TANGGAL)
    reunifikasi = tc27_row(doc, "1.06.04.2.01.0004")
    assert reunifikasi.pagu == [D(0), D(0), D(0)]
    assert reunifikasi.indikator[0].target_urut[0] == "–"


def test_tc27_two_level_period_prints_kegiatan_with_its_indicator_and_the_final_pagu(db):
    periode = PeriodeFactory(dua_level=True, tahun_awal=2019, tahun_akhir=2024)
    sasaran = SasaranFactory(tujuan__periode=periode)
    program = ProgramFactory(sasaran=sasaran, periode=periode, kode="1.06.01")
    kegiatan = KegiatanFactory(program=program, kode="1.06.01.01", nama="Pengelolaan Keuangan")
    sub = SubKegiatanFactory(kegiatan=kegiatan, kode="1.06.01.01.0001", nama=kegiatan.nama)
    ind = IndikatorFactory(sasaran=None, sub_kegiatan=sub, uraian="Laporan tepat waktu", satuan="%")
    TargetTahunanFactory(indikator=ind, tahun=2020, nilai=D(100))
    PaguFactory(sub_kegiatan=sub, tahun=2020, jumlah=D(60000000))
    PaguFactory(
        sub_kegiatan=sub, tahun=2020, berlaku_mulai=4, jenis="perubahan", jumlah=D(51458100)
    )
    doc = laporan.tc27(
        PeriodeRenstra.objects.select_related("opd__pemda").get(pk=periode.pk), tanggal=TANGGAL
    )
    assert doc["tahun_list"] == [2020]
    assert [(r.tingkat, r.kode) for r in doc["rows"]] == [
        ("program", "1.06.01"),
        ("kegiatan", "1.06.01.01"),
    ]
    # The pagu in force at the end of the year (APBD Perubahan from TW IV), not the murni one.
    assert [r.pagu for r in doc["rows"]] == [[D(51458100)], [D(51458100)]]
    assert doc["rows"][1].indikator[0].uraian == "Laporan tepat waktu"
    assert doc["rows"][1].indikator[0].target_urut == ["100%"]


# --- T-C.28 -------------------------------------------------------------------------------


def test_tc28_lists_tujuan_then_sasaran_indicators_with_targets_and_end_condition(periode):
    doc = laporan.tc28(periode, tanggal=TANGGAL)
    assert doc["tahun_list"] == [2018, 2019, 2020, 2021, 2022, 2023]
    assert doc["tahun_kondisi_awal"] == 2017
    assert [(r.kelompok, r.no) for r in doc["rows"]] == [
        ("Tujuan", "1"),
        ("Tujuan", "2"),
        ("Sasaran", "1.1"),
        ("Sasaran", "2.1"),
        ("Sasaran", "3.1"),
        ("Sasaran", "4.1"),
    ]
    mandiri = doc["rows"][0]
    assert mandiri.kondisi_awal_tampil == "8,17%"
    assert mandiri.target_tampil == ["10,82%", "11,89%", "13,08%", "14,40%", "15,84%", "17,35%"]
    assert mandiri.kondisi_akhir == D("17.35")
    ipg = doc["rows"][1]
    assert ipg.target_tampil[1:] == ["88,05", "88,30", "88,12", "88,15", "88,17"]
    # T-C.28 prints the achieved 15,07 / 26,43 / 78,76 in the 2018–2020 target columns of
    # PPKS; the stored targets are the T-C.23 ones (fixtures/README.md).
    ppks = doc["rows"][2]
    assert ppks.target_tampil == ["26,77%", "26,75%", "75%", "80%", "83%", "85%"]
    assert ppks.kondisi_akhir_tampil == "85%"


# --- the three renderings -----------------------------------------------------------------


@pytest.mark.parametrize(
    "jenis, figures",
    [
        (
            "t-c-23",
            [
                "TABEL T-C.23",
                "PENCAPAIAN KINERJA PELAYANAN",
                "105,01",
                "117,63",
                "101,96",
                "s.d. TW II",
            ],
        ),
        (
            "t-c-24",
            [
                "TABEL T-C.24",
                "ANGGARAN DAN REALISASI PENDANAAN",
                "953.475.600",
                "765.447.500",
                "80,28",
                "63,29",
            ],
        ),
        (
            "t-c-27",
            [
                "TABEL T-C.27",
                "RENCANA PROGRAM, KEGIATAN, DAN PENDANAAN",
                "8.657.369.470",
                "3.785.226.600",
                "Penyediaan Permakanan",
                "616 Orang",
            ],
        ),
        (
            "t-c-28",
            ["TABEL T-C.28", "INDIKATOR KINERJA PERANGKAT DAERAH", "Tahun 2017", "17,35%", "88,30"],
        ),
    ],
)
def test_pdf_is_landscape_with_headings_figures_and_verification_code(
    periode, admin_client, jenis, figures
):
    response = admin_client.get(url(periode, jenis, ".pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader, text = read_pdf(response.content)
    assert all(landscape(page) for page in reader.pages)
    for figure in figures:
        assert figure in text, figure
    dokumen = DokumenTerbit.objects.get(opd=periode.opd)
    assert f"Kode verifikasi: {dokumen.kode}" in text
    assert dokumen.halaman == len(reader.pages)
    assert f"Halaman 1 dari {len(reader.pages)}" in text
    assert "KEPALA DINAS SOSIAL" in text
    # The printed code opens the public page naming the matrix and the PDF's checksum.
    assert dokumen.sha256 == hashlib.sha256(response.content).hexdigest()
    page = Client().get(reverse("laporan:verifikasi", args=[dokumen.kode])).content.decode()
    assert laporan.MATRIKS[jenis][0] in page and dokumen.sha256 in page


def test_tc27_pdf_repeats_its_header_on_every_page(periode, admin_client):
    response = admin_client.get(url(periode, "t-c-27", ".pdf"))
    reader, _ = read_pdf(response.content)
    assert len(reader.pages) > 5
    for page in reader.pages:
        assert "Akhir Periode" in page.extract_text()
    _, text = read_pdf(response.content)
    assert re.search(
        r"Jumlah 15\.611\.234\.296 19\.597\.751\.550 20\.063\.594\.220 55\.272\.580\.066", text
    )


def test_f4_paper_is_available_on_request(periode, admin_client):
    response = admin_client.get(url(periode, "t-c-28", ".pdf") + "?kertas=f4")
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (330, 215)


@pytest.mark.parametrize("jenis", MATRIKS)
def test_html_page_shows_the_matrix_with_links_to_pdf_and_excel(periode, admin_client, jenis):
    response = admin_client.get(url(periode, jenis))
    assert response.status_code == 200
    html = response.content.decode()
    assert url(periode, jenis, ".pdf") in html and url(periode, jenis, ".xlsx") in html
    assert "Kode verifikasi" not in html  # the footer is printed on the PDF only


def workbook(client, periode, jenis):
    response = client.get(url(periode, jenis, ".xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def find_row(ws, column, value):
    for row in ws.iter_rows(min_row=1):
        if row[column - 1].value == value:
            return [c.value for c in row]
    raise AssertionError(f"{value!r} not in column {column}")


def test_xlsx_tc24_gives_the_same_numbers_with_a_merged_frozen_header(periode, admin_client):
    ws = workbook(admin_client, periode, "t-c-24").active
    assert ws.freeze_panes == "A7"
    assert "C5:G5" in {
        str(r) for r in ws.merged_cells.ranges
    }  # "Anggaran pada Tahun ke-" over 5 years
    rehab = find_row(ws, 1, "1.06.04")
    assert rehab[2] == 953475600 and rehab[7] == 765447500
    assert round(rehab[12], 2) == 80.28
    assert ws.cell(row=rehab_index(ws, "1.06.04"), column=3).number_format == "#,##0"
    perempuan = find_row(ws, 1, "2.08.03")
    assert perempuan[2:17] == [None] * 15


def rehab_index(ws, kode):
    for row in ws.iter_rows(min_row=1):
        if row[0].value == kode:
            return row[0].row
    raise AssertionError(kode)


def test_xlsx_tc27_rows_carry_real_rupiah_and_merge_program_cells_over_indicator_lines(
    periode, admin_client
):
    ws = workbook(admin_client, periode, "t-c-27").active
    assert ws.freeze_panes == "A7"
    program = find_row(ws, 1, "1.06.04")
    assert program[5] == 247947750 and program[11] == 8657369470
    permakanan = find_row(ws, 1, "1.06.04.2.01.0001")
    assert permakanan[4:12] == [616, 207740700, 800, 4162328700, 810, 4162328700, 810, 8532398100]
    start = rehab_index(ws, "1.06.04")
    assert any(str(r).startswith(f"A{start}:A") for r in ws.merged_cells.ranges)
    total = find_row(ws, 1, "Jumlah")
    assert total[11] == 55272580066


def test_xlsx_tc23_and_tc28_give_the_same_numbers_as_the_rows(periode, admin_client):
    ws = workbook(admin_client, periode, "t-c-23").active
    ppks = find_row(ws, 3, "Persentase PPKS yang terpenuhi kebutuhan dasarnya")
    # No, owner, indicator, kondisi awal, 6 targets, 6 realisations, 6 ratios.
    assert ppks[3] == 26.71
    assert ppks[6] == 75 and ppks[12] == 78.76
    assert round(ppks[18], 2) == 105.01
    ws = workbook(admin_client, periode, "t-c-28").active
    mandiri = find_row(ws, 2, "Persentase PPKS Mandiri secara Ekonomi dan Fisik")
    assert mandiri[3:11] == [8.17, 10.82, 11.89, 13.08, 14.4, 15.84, 17.35, 17.35]


# --- access and query counts --------------------------------------------------------------


def test_a_user_of_another_opd_gets_404(periode, client):
    other = OPDFactory(pemda=periode.opd.pemda)
    user = PenggunaFactory(opd=other, pemda=other.pemda, role=roles.PERENCANA)
    client.force_login(user)
    for jenis in MATRIKS:
        for ext in ("", ".pdf", ".xlsx"):
            assert client.get(url(periode, jenis, ext)).status_code == 404
    assert not DokumenTerbit.objects.exists()


def test_a_user_of_the_opd_reads_the_matrices(periode, client):
    user = PenggunaFactory(opd=periode.opd, pemda=periode.opd.pemda, role=roles.PERENCANA)
    client.force_login(user)
    assert client.get(url(periode, "t-c-28")).status_code == 200
    assert client.get(url(periode, "t-c-28", ".xlsx")).status_code == 200


def test_anonymous_is_sent_to_login(periode, client):
    for ext in ("", ".pdf", ".xlsx"):
        response = client.get(url(periode, "t-c-27", ext))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_unknown_matrix_and_a_period_of_another_opd_are_404(periode, admin_client):
    assert admin_client.get(url(periode, "t-c-99")).status_code == 404
    other = PeriodeRenstra.objects.create(
        opd=OPDFactory(pemda=periode.opd.pemda), tahun_awal=2021, tahun_akhir=2026
    )
    wrong = reverse("laporan:matriks", args=[periode.opd.slug, other.pk, "t-c-27"])
    assert admin_client.get(wrong).status_code == 404


def _queries(client, address):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(address)
    assert response.status_code == 200
    return len(ctx), response


@pytest.mark.parametrize("jenis", MATRIKS)
def test_page_queries_do_not_grow_with_the_plan(admin_client, jenis):
    kecil = build_opd(kali=1, sasaran=2)
    besar = build_opd(kali=4, sasaran=5)
    for rencana in (kecil, besar):
        for program in Program.objects.filter(periode=rencana.periode):
            AnggaranProgramHistoris.objects.create(
                program=program,
                tahun=rencana.periode.tahun_awal - 1,
                anggaran=D(1000),
                realisasi=D(900),
            )
    n_kecil, _ = _queries(admin_client, url(kecil.periode, jenis))
    n_besar, response = _queries(admin_client, url(besar.periode, jenis))
    assert besar.counts["indikator"] > 3 * kecil.counts["indikator"]
    assert n_besar == n_kecil
    assert besar.opd.nama in response.content.decode()
