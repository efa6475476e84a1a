"""Every document of issue 5 as .xlsx: reopened with openpyxl it holds the same figures as
the HTML page, as numbers with Indonesian number formats, merged and frozen headers."""

import html
import io
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse
from openpyxl import load_workbook

from anggaran.models import Pagu
from laporan.xlsx.umum import isi_sel
from renstra.models import PeriodeRenstra
from sakip import angka as fmt
from sakip import xlsx
from sakip.angka import Besaran
from sakip.capaian import Hasil
from tests.factories import PenggunaFactory

OPD = "dinsos-pppa-probolinggo"


@pytest.fixture
def client_admin(client, seed_data):
    client.force_login(PenggunaFactory(is_superuser=True))
    return client


def ambil(client, name, *args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200, response.content[:500]
    return response


def buka(client, name, *args):
    response = ambil(client, name, *args)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def halaman(client, name, *args):
    return html.unescape(ambil(client, name, *args).content.decode())


def angka_sel(ws, kolom, format_prefix=None):
    """Numeric cells of a column below the header, with their number format."""
    from openpyxl.utils.cell import coordinate_from_string

    first = coordinate_from_string(ws.freeze_panes)[1] if ws.freeze_panes else 1
    out = []
    for row in ws.iter_rows(min_row=first, min_col=kolom, max_col=kolom):
        cell = row[0]
        is_number = isinstance(cell.value, int | float) and not isinstance(cell.value, bool)
        if is_number and (format_prefix is None or cell.number_format.startswith(format_prefix)):
            out.append(cell)
    return out


def assert_struktur(ws):
    assert ws.freeze_panes and ws.freeze_panes != "A1"
    assert ws.merged_cells.ranges, "header cells are merged like the printed table"
    widths = [d.width for d in ws.column_dimensions.values() if d.width]
    assert widths and max(widths) <= 60


def test_document_cells_are_written_from_typed_values_with_the_unit_in_the_format():
    assert isi_sel(Besaran(Decimal("86"), "%")) == (Decimal("86.00"), 'General"%"')
    # 1277 / 1816 × 100: two decimals, as the page prints 70,32%.
    ratio = Decimal(1277) / Decimal(1816) * 100
    assert isi_sel(Besaran(ratio, "%")) == (Decimal("70.32"), 'General"%"')
    assert isi_sel(Besaran(Decimal("50"), "Orang")) == (Decimal("50.00"), 'General" Orang"')
    assert isi_sel(Besaran(level="Madya")) == ("Madya", None)
    assert isi_sel(Besaran()) == (None, None)
    assert isi_sel(Hasil(Decimal("106.97"))) == (Decimal("106.97"), xlsx.FMT_PERSEN)
    assert isi_sel(Decimal("1765363950")) == (Decimal("1765363950"), None)


def test_document_cell_text_stays_text_even_when_it_looks_like_a_number():
    # The writer never reads a number out of text: only typed values become numbers.
    assert isi_sel("86%") == ("86%", None)
    assert isi_sel("1.250") == ("1.250", None)
    assert isi_sel("") == (None, None)
    with pytest.raises(TypeError):
        isi_sel(object())


def test_pk_lampiran_xlsx_has_the_html_targets_and_budgets(client_admin):
    wb = buka(client_admin, "laporan:pk_xlsx", OPD, 2020)
    page = halaman(client_admin, "laporan:pk", OPD, 2020)
    assert reverse("laporan:pk_xlsx", args=[OPD, 2020]) in page, "the page links its .xlsx"
    ws = wb["Lampiran PK"]
    assert_struktur(ws)
    targets = [c.value for c in angka_sel(ws, 4)]
    assert targets, "targets are numbers"
    for value in targets:
        assert (
            f"{fmt.angka(Decimal(str(value)))}%" in page or fmt.angka(Decimal(str(value))) in page
        )
    budgets = angka_sel(ws, 4, "#,##0")
    rupiah = [c for c in budgets if c.value > 1_000_000]
    assert len(rupiah) >= 2
    for cell in rupiah:
        assert cell.number_format == "#,##0"
        assert fmt.rupiah(Decimal(cell.value)) in page
    # The last figure is the total of the program table, as on the page.
    assert rupiah[-1].value == sum(c.value for c in rupiah[:-1])


def test_pengukuran_xlsx_has_the_html_budget_and_capaian_figures(client_admin):
    wb = buka(client_admin, "laporan:pengukuran_xlsx", OPD, 2020, 1)
    page = halaman(client_admin, "laporan:pengukuran", OPD, 2020, 1)
    ws = wb["Pengukuran TW I"]
    assert_struktur(ws)
    assert ws.cell(row=5, column=10).value == "Anggaran"
    assert ws.cell(row=6, column=10).value == "Pagu (Rp)"
    pagu = angka_sel(ws, 10, "#,##0")
    realisasi = angka_sel(ws, 11, "#,##0")
    assert pagu and realisasi
    for cell in pagu + realisasi:
        assert fmt.rupiah(Decimal(cell.value)) in page
    capaian = angka_sel(ws, 8) + angka_sel(ws, 12)
    assert capaian
    for cell in capaian:
        assert cell.number_format == "0.00"
        assert fmt.persen(Decimal(str(cell.value))) in page


def test_rencana_aksi_xlsx_has_one_sheet_per_unit_with_the_html_rows(client_admin):
    wb = buka(client_admin, "laporan:rencana_aksi_xlsx", OPD, 2025)
    page = halaman(client_admin, "laporan:rencana_aksi", OPD, 2025)
    assert len(wb.sheetnames) >= 2
    ws = wb[wb.sheetnames[0]]
    assert_struktur(ws)
    texts = [
        c.value
        for row in ws.iter_rows(min_row=9)
        for c in row
        if isinstance(c.value, str) and len(c.value) > 15 and "\n" not in c.value
    ]
    assert texts
    for text in texts:
        assert text in page, text
    ticks = [c for row in ws.iter_rows() for c in row if c.value == "✓"]
    assert ticks


def test_iku_xlsx_has_the_html_rows(client_admin):
    wb = buka(client_admin, "laporan:iku_xlsx", OPD, 2023)
    page = halaman(client_admin, "laporan:iku", OPD, 2023)
    ws = wb["IKU"]
    assert ws.freeze_panes
    indikator = [r[2] for r in ws.iter_rows(min_row=6, values_only=True) if r[2]]
    assert len(indikator) >= 3
    for text in indikator:
        assert text in page


def test_cascading_xlsx_has_the_html_budgets_and_total(client_admin):
    wb = buka(client_admin, "laporan:cascading_xlsx", OPD, 2023)
    page = halaman(client_admin, "laporan:cascading", OPD, 2023)
    ws = wb["Cascading"]
    assert_struktur(ws)
    anggaran = angka_sel(ws, 12, "#,##0")
    assert len(anggaran) >= 3
    # A sub-kegiatan without pagu in the year is 0 here; the page may print it blank.
    for cell in (c for c in anggaran if c.value):
        assert fmt.rupiah(Decimal(cell.value)) in page


def test_lkjip_xlsx_has_the_html_capaian_penyerapan_and_program_tables(client_admin):
    wb = buka(client_admin, "laporan:lkjip_xlsx", OPD, 2020)
    page = halaman(client_admin, "laporan:lkjip", OPD, 2020)
    assert {"Capaian Sasaran", "Anggaran Program", "Lampiran PK"} <= set(wb.sheetnames)
    ws = wb["Capaian Sasaran"]
    assert_struktur(ws)
    capaian = angka_sel(ws, 6)
    assert capaian
    for cell in capaian:
        assert fmt.persen(Decimal(str(cell.value))) in page
    wp = wb["Anggaran Program"]
    assert_struktur(wp)
    money = angka_sel(wp, 3, "#,##0") + angka_sel(wp, 7, "#,##0")
    assert money
    for cell in money:
        assert fmt.rupiah(Decimal(cell.value)) in page


def test_tc27_xlsx_of_lumajang_sums_pagu_per_level_and_period(client_admin):
    """The former T-C.27 workbook address leads to the one T-C.27 builder (the Renstra
    matrix); its program rows carry the SQL sum of their sub-kegiatan pagu per year."""
    periode = PeriodeRenstra.objects.get(opd__slug__icontains="lumajang")
    old = client_admin.get(reverse("laporan:tc27_xlsx", args=[periode.opd.slug, periode.pk]))
    target = reverse("laporan:matriks_xlsx", args=[periode.opd.slug, periode.pk, "t-c-27"])
    assert old.status_code == 302 and old["Location"] == target
    wb = buka(client_admin, "laporan:matriks_xlsx", periode.opd.slug, periode.pk, "t-c-27")
    ws = wb.active
    assert_struktur(ws)
    header_row = next(r for r in ws.iter_rows() if any(c.value == "Akhir Periode" for c in r))
    header = [c.value for c in header_row]
    years = [int(v) for v in header if isinstance(v, str) and v.isdigit()]
    assert 2023 in years
    checked = 0
    for row in ws.iter_rows(min_row=header_row[0].row + 2):
        kode = row[0].value
        if not isinstance(kode, str) or kode.count(".") != 2:
            continue
        for year in years:
            expected = (
                Pagu.objects.filter(
                    sub_kegiatan__kegiatan__program__kode=kode,
                    sub_kegiatan__periode=periode,
                    tahun=year,
                ).aggregate(s=Sum("jumlah"))["s"]
                or 0
            )
            cell = row[header.index(str(year)) + 1]  # the Rp column under the merged year
            assert (cell.value or 0) == expected, (kode, year)
        checked += 1
    assert checked >= 5
