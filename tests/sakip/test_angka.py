"""Indonesian display formatting and the number parser (sakip/angka.py) and the template
filters that wrap them."""

import datetime
from decimal import Decimal as D

import pytest
from django.template import Context, Template
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip import angka as fmt
from sakip import capaian as c
from sakip.templatetags import sakip_format
from tests.sakip.tabel_angka import DITOLAK, TERBACA


def test_percent_has_two_decimals_and_a_comma():
    assert fmt.persen(D("86.3446")) == "86,34"
    assert fmt.persen(D("86.3")) == "86,30"
    assert fmt.persen(D(100)) == "100,00"


def test_percent_rounds_half_up_instead_of_truncating():
    # Pengukuran Kinerja TW I 2020 prints 70,31 for 1277 / 1816 = 70,3193…: a truncation.
    assert fmt.persen(c.nilai_rasio(D(1277), D(1816))) == "70,32"
    assert fmt.persen(D("0.005")) == "0,01"


def test_percent_with_symbol():
    assert fmt.persen(D("86.34"), simbol=True) == "86,34%"


def test_no_figure_is_a_dash_everywhere():
    assert fmt.persen(None) == "–"
    assert fmt.rupiah(None) == "–"
    assert fmt.angka(None) == "–"
    assert fmt.tanggal_id(None) == "–"
    assert fmt.persen(c.kosong()) == "–"
    assert fmt.persen(None, simbol=True) == "–"


def test_percent_of_hasil_uses_its_value():
    assert fmt.persen(c.capaian_positif(D(86), D(92))) == "106,98"


def test_rupiah_is_whole_with_dots():
    assert fmt.rupiah(D(1765363950)) == "Rp 1.765.363.950"
    assert fmt.rupiah(D("999.5")) == "Rp 1.000"
    assert fmt.rupiah(0) == "Rp 0"
    assert fmt.rupiah(D(1765363950), simbol=False) == "1.765.363.950"


def test_number_keeps_stored_decimals_without_trailing_zeros():
    assert fmt.angka(D("49.4800")) == "49,48"
    assert fmt.angka(D("1277.0000")) == "1.277"
    assert fmt.angka(D("92")) == "92"
    assert fmt.angka(D("1E+3")) == "1.000"
    assert fmt.angka(D("-1234.5")) == "-1.234,5"
    assert fmt.angka(D("1234567.891"), 2) == "1.234.567,89"


def test_long_numbers_are_shown_in_full_not_rounded_by_the_decimal_context():
    big = D("-9999999999999999999999999999.5000")
    assert fmt.angka(big) == "-9.999.999.999.999.999.999.999.999.999,5"
    assert fmt.rupiah(D("12345678901234567890123456789.6")) == (
        "Rp 12.345.678.901.234.567.890.123.456.790"
    )


def test_indonesian_date():
    assert fmt.tanggal_id(datetime.date(2025, 1, 4)) == "4 Januari 2025"
    assert fmt.tanggal_id(datetime.datetime(2020, 12, 31, 9, 0)) == "31 Desember 2020"


def test_quarter_roman_numeral():
    assert fmt.triwulan_romawi(3) == "III"
    assert fmt.triwulan_romawi(7) == "–"


@pytest.mark.parametrize("text, expected, reading", TERBACA)
def test_parse_angka_reads_the_indonesian_way(text, expected, reading):
    assert fmt.parse_angka(text) == expected
    assert fmt.angka(fmt.parse_angka(text)) == reading


@pytest.mark.parametrize("text", ["", "  ", None])
def test_parse_angka_reads_empty_input_as_no_figure(text):
    assert fmt.parse_angka(text) is None


@pytest.mark.parametrize("text, fragment", DITOLAK)
def test_parse_angka_refuses_bad_input_in_indonesian(text, fragment):
    with pytest.raises(fmt.AngkaTidakSah) as err:
        fmt.parse_angka(text)
    assert fragment in str(err.value)


def test_reading_is_shown_only_when_the_input_is_not_written_as_the_app_prints_it():
    assert fmt.bacaan("1.250") == ""
    assert fmt.bacaan("86,5") == ""
    assert fmt.bacaan("86,5%") == ""
    assert fmt.bacaan("") == ""
    assert fmt.bacaan("86.5") == "86,5"
    assert fmt.bacaan("1250000") == "1.250.000"


@settings(deadline=None, max_examples=200)
@given(st.decimals(allow_nan=False, allow_infinity=False, places=4, max_value=10**15))
def test_every_number_the_app_prints_reads_back_to_the_same_value(value):
    assert fmt.parse_angka(fmt.angka(value)) == value
    assert fmt.parse_angka(fmt.angka(value, 2)) == fmt.bulatkan(value, 2)
    assert fmt.parse_angka(fmt.rupiah(value)) == fmt.bulatkan(value, 0)


@pytest.mark.parametrize(
    "satuan, bulat",
    [
        ("orang", True),
        ("Orang", True),
        (" Dokumen ", True),
        ("Laporan", True),
        ("unit", True),
        ("kegiatan", True),
        ("Lembaga Non Pemerintah", True),
        ("instansi/lembaga", True),
        ("%", False),
        ("indeks", False),
        ("Orang/bulan", False),
        ("nilai", False),
        ("", False),
        (None, False),
    ],
)
def test_units_that_count_things_are_known_in_one_place(satuan, bulat):
    assert fmt.satuan_bulat(satuan) is bulat


def test_a_fraction_of_a_counted_unit_is_refused_in_indonesian():
    with pytest.raises(fmt.AngkaTidakSah) as err:
        fmt.cek_satuan(D("12.5"), "orang", "12,5")
    assert "“12,5”: satuan orang dihitung utuh" in str(err.value)
    assert fmt.cek_satuan(D("12"), "orang") == D("12")
    assert fmt.cek_satuan(D("12.0"), "Orang") == D("12.0")
    assert fmt.cek_satuan(D("86.5"), "%") == D("86.5")
    assert fmt.cek_satuan(None, "orang") is None


@settings(deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, places=4, max_value=10**15))
def test_display_rounding_never_changes_the_stored_value(value):
    before = D(value)
    snapshot = (before.as_tuple(), str(before))
    fmt.persen(before)
    fmt.rupiah(before)
    fmt.angka(before)
    fmt.angka(before, 2)
    assert (before.as_tuple(), str(before)) == snapshot


@settings(deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=0, max_value=10**12))
def test_formatted_percent_parses_back_to_the_rounded_value(value):
    assert fmt.parse_angka(fmt.persen(value)) == fmt.bulatkan(value, 2)


def test_money_reads_by_the_same_rule():
    assert fmt.parse_angka("1.250", uang=True) == fmt.parse_angka("1.250") == D("1250")
    assert fmt.parse_angka("12,5", uang=True) == D("12.5")


def test_hasil_keeps_its_value_after_formatting():
    hasil = c.capaian_positif(D(1816), D(1277))
    stored = hasil.nilai
    assert fmt.persen(hasil) == "70,32"
    assert hasil.nilai == stored


def _render(source, **context):
    return Template("{% load sakip_format %}" + source).render(Context(context))


def test_template_filters_render_indonesian_figures():
    out = _render(
        "{{ p|persen }} {{ p|persen:'%' }} {{ r|rupiah }} {{ r|rupiah:'' }} {{ n|angka }} "
        "{{ n|angka:2 }} {{ d|tanggal_id }} {{ 2|romawi }}",
        p=D("86.3446"),
        r=D(1765363950),
        n=D("1277"),
        d=datetime.date(2025, 1, 4),
    )
    assert out == ("86,34 86,34% Rp 1.765.363.950 1.765.363.950 1.277 1.277,00 4 Januari 2025 II")


def test_template_filters_show_dash_and_reason_for_no_figure():
    out = _render("{{ h|persen }} ({{ h|alasan }})", h=c.capaian_positif(D(0), D(3)))
    assert out == "– (belum dapat dinilai: target nol)"
    assert _render("{{ h|alasan }}", h=c.capaian_positif(D(1), D(3))) == ""


def test_a_moment_is_dated_where_the_agency_is():
    # 20.31 UTC on 1 December 2026 is 2 December in Asia/Jakarta (settings.TIME_ZONE).
    utc = datetime.datetime(2026, 12, 1, 20, 31, tzinfo=datetime.UTC)
    assert sakip_format.tanggal_id(utc) == "2 Desember 2026"
    naive = datetime.datetime(2026, 12, 1, 20, 31)
    assert sakip_format.tanggal_id(naive) == "1 Desember 2026"  # naive: as it is


@pytest.mark.parametrize(
    "nilai",
    [D("86.5"), D("86.50"), D("-0"), D("0.005"), D("1E+30"), D("1" + "0" * 30), D("NaN")],
)
def test_a_memoised_number_text_is_the_text_of_the_format_itself(nilai):
    # The filters remember a Decimal's text by value; twice, and after an equal Decimal
    # written otherwise, each text is still what sakip.angka writes for that very number.
    for _ in range(2):
        assert sakip_format.persen(nilai, "%") == fmt.persen(nilai, simbol=True)
        assert sakip_format.rupiah(nilai) == fmt.rupiah(nilai)
        assert sakip_format.rupiah(nilai, "") == fmt.rupiah(nilai, simbol=False)
        assert sakip_format.angka(nilai) == fmt.angka(nilai)
        assert sakip_format.angka(nilai, 2) == fmt.angka(nilai, 2)
        assert sakip_format.angka_tampil(nilai) == fmt.angka(fmt.bulatkan(nilai, 2))


def test_a_signalling_nan_is_formatted_without_being_remembered():
    assert sakip_format.persen(D("sNaN")) == "–"
    assert sakip_format.angka_tampil(D("sNaN")) == "–"
