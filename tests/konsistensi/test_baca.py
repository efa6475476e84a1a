"""The readers of the consistency test read a figure the way a person does (no database)."""

from decimal import Decimal

import pytest

from tests.konsistensi import baca


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rp 1.765.363.950", Decimal("1765363950")),
        ("86,34%", Decimal("86.34")),
        ("1.250,50", Decimal("1250.50")),
        ("50 orang", Decimal("50")),
        ("3,4 indeks", Decimal("3.4")),
        ("1.277", Decimal("1277")),
        ("0,00%", Decimal("0")),
        ("-12,5", Decimal("-12.5")),
        ("37,5 (15 / 40)", Decimal("37.5")),
        ("–", None),
        ("", None),
        ("Madya", None),
        (None, None),
    ],
)
def test_indonesian_display_text_reads_back_as_the_number_it_shows(text, expected):
    assert baca.angka(text) == expected


def test_a_cell_that_holds_a_number_is_taken_as_is():
    assert baca.angka(37.5) == Decimal("37.5")
    assert baca.angka(200000000) == Decimal(200000000)
    assert baca.angka(True) is None


def test_a_level_name_stays_text_and_a_dash_is_no_figure():
    assert baca.teks_atau_angka(" Madya ") == "Madya"
    assert baca.teks_atau_angka("80%") == Decimal(80)
    assert baca.teks_atau_angka("–") is None


def test_export_cells_are_machine_numbers_with_a_decimal_point():
    # A CSV export writes Decimals as "83.3333": not "83.333" grouped by thousands.
    assert baca.nilai_ekspor("83.3333") == Decimal("83.3333")
    assert baca.nilai_ekspor("100") == Decimal(100)
    assert baca.nilai_ekspor(54.54545) == Decimal("54.54545")
    assert baca.nilai_ekspor("Madya") == "Madya"
    assert baca.nilai_ekspor("") is None
    assert baca.nilai_ekspor(None) is None


def test_figures_are_compared_at_two_decimals_rounded_half_up():
    assert baca.bulat(Decimal(60) / Decimal(110) * 100) == Decimal("54.55")
    assert baca.bulat(Decimal("2.345")) == Decimal("2.35")
    assert baca.bulat(Decimal(30)) == baca.bulat(Decimal("30.00"))
    assert baca.bulat("  Sangat   Tinggi ") == "Sangat Tinggi"
    assert baca.bulat(None) is None


def test_the_html_tree_gives_rows_cells_tokens_and_predicate_titles():
    root = baca.pohon(
        "<table><tr><th>Indikator</th><th>Capaian</th></tr>"
        "<tr><td><a href='#'>[S01] angka</a> <span class='badge'>IKU</span></td>"
        "<td><svg class='predikat-dot' role='img' aria-label='Tinggi'><title>Tinggi</title>"
        "<circle r='5'/></svg>90,00%</td></tr>"
        "<tr><td>[S02]</td><td><svg class='predikat-dot'><title> Sangat Tinggi </title></svg>"
        "100,00%</td></tr>"
        "<tr><td colspan='2'>Tidak ada data</td></tr></table><br><p>akhir</p>"
    )
    header, row, tanpa_label, kosong = baca.baris_tabel(root.satu("table"))
    assert baca.kolom(header, "Capaian") == 1
    assert baca.token_di(row[0].teks) == "[S01]"
    assert row[0].teks == "[S01] angka IKU"
    assert baca.judul_predikat(row[1]) == "Tinggi"
    assert row[1].teks == "90,00%"  # an SVG's <title> is not part of the cell's text
    assert baca.angka(row[1].teks) == Decimal(90)
    assert baca.judul_predikat(tanpa_label[1]) == "Sangat Tinggi"
    assert baca.judul_predikat(row[0]) is None
    assert len(kosong) == 1
    assert root.satu("p").teks == "akhir"  # a void <br> does not swallow what follows


def test_a_missing_column_is_reported_with_the_headers_there_are():
    header = baca.baris_tabel(baca.pohon("<table><tr><th>Indikator</th></tr></table>"))[0]
    with pytest.raises(LookupError, match="Indikator"):
        baca.kolom(header, "Capaian")


def test_an_aligned_text_table_is_cut_by_its_dashes_line():
    lines = [
        "Indikator  Satuan  Target  Predikat",
        "---------  ------  ------  --------",
        "[S01] a    orang      100  Tinggi",
        "[S02] b                 –  –",
        "",
        "next",
    ]
    header, rows = baca.tabel_teks(lines, 0)
    assert header == ["Indikator", "Satuan", "Target", "Predikat"]
    assert rows == [["[S01] a", "orang", "100", "Tinggi"], ["[S02] b", "", "–", "–"]]
