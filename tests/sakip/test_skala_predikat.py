"""Issue 11 items 1–3 as pure rules: predicate bands with both bounds, the cap, the
efficiency index. No database."""

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from sakip import angka as fmt
from sakip import capaian as c

# LKjIP 2020 Dinas Sosial PPPA Kota Probolinggo, 3.1 (seed 003): "Lebih dari 89% Sangat
# Baik; 60% hingga 80% Baik; 40% hingga 60% Cukup; 20% hingga 40% Kurang; Kurang dari 20%
# Sangat Kurang" — 80 to 89 is in no band.
SKALA_LKJIP_2020 = (
    c.Tingkat(D(89), "Sangat Baik", bawah_inklusif=False),
    c.Tingkat(D(60), "Baik", batas_atas=D(80), atas_inklusif=True),
    c.Tingkat(D(40), "Cukup", batas_atas=D(60)),
    c.Tingkat(D(20), "Kurang", batas_atas=D(40)),
    c.Tingkat(None, "Sangat Kurang", batas_atas=D(20)),
)

# A scale with nothing above 100% ("> 80 – 100").
SKALA_SAMPAI_100 = (
    c.Tingkat(D(80), "Baik", batas_atas=D(100), bawah_inklusif=False, atas_inklusif=True),
    c.Tingkat(D(0), "Kurang", batas_atas=D(80), atas_inklusif=True),
)


def label(value, skala=SKALA_LKJIP_2020):
    return c.predikat(value, skala).label


def test_a_band_holds_values_between_its_lower_and_upper_bound():
    assert label(D(60)) == "Baik"
    assert label(D(70)) == "Baik"
    assert label(D(80)) == "Baik"
    assert label(D(45)) == "Cukup"


def test_exclusive_bounds_leave_the_bound_to_the_neighbouring_band():
    assert label(D(60)) == "Baik"  # Cukup ends below 60
    assert label(D("59.99")) == "Cukup"
    assert label(D(20)) == "Kurang"
    assert label(D("19.99")) == "Sangat Kurang"
    assert label(D("89.01")) == "Sangat Baik"


def test_a_value_in_a_gap_between_bands_is_di_luar_skala():
    hasil = c.predikat(D(85), SKALA_LKJIP_2020)
    assert hasil is c.DI_LUAR_SKALA
    assert hasil.label == "di luar skala"
    assert c.predikat(D(89), SKALA_LKJIP_2020) is c.DI_LUAR_SKALA  # "lebih dari 89"


def test_a_scale_without_a_band_above_100_grades_nothing_above_100():
    assert label(D(100), SKALA_SAMPAI_100) == "Baik"
    assert c.predikat(D("100.01"), SKALA_SAMPAI_100) is c.DI_LUAR_SKALA
    assert c.predikat(D(120), SKALA_SAMPAI_100) is c.DI_LUAR_SKALA


def test_an_open_band_has_no_bound_on_that_side():
    assert label(D(250)) == "Sangat Baik"
    assert label(D(-3)) == "Sangat Kurang"


def test_no_figure_has_no_predicate_not_di_luar_skala():
    assert c.predikat(c.kosong(), SKALA_LKJIP_2020) is None
    assert c.predikat(None, SKALA_LKJIP_2020) is None


def test_the_grade_uses_the_figure_as_printed_rounded_to_two_decimals():
    skala = c.SKALA_PERMENDAGRI_86
    assert fmt.persen(D("90.995")) == "91,00"
    assert c.predikat(D("90.995"), skala).label == "Sangat Tinggi"
    assert c.predikat(D("90.994"), skala).label == "Tinggi"
    # At an exclusive edge of the seed's scale: 89,004 prints 89,00, which is not above 89.
    assert c.predikat(D("89.004"), SKALA_LKJIP_2020) is c.DI_LUAR_SKALA
    assert label(D("89.005")) == "Sangat Baik"


def test_the_permendagri_scale_as_bands_grades_as_before():
    skala = c.SKALA_PERMENDAGRI_86
    assert c.predikat(D("90.99"), skala).label == "Tinggi"
    assert c.predikat(D("50.5"), skala).label == "Sangat Rendah"
    assert c.predikat(D(51), skala).label == "Rendah"
    assert c.bands_bertumpuk(skala) is None


def test_overlapping_bands_are_found_and_touching_exclusive_ones_are_not():
    assert c.bands_bertumpuk(SKALA_LKJIP_2020) is None
    bertumpuk = (
        c.Tingkat(D(60), "Baik", batas_atas=D(80), atas_inklusif=True),
        c.Tingkat(D(80), "Sangat Baik"),
    )
    a, b = c.bands_bertumpuk(bertumpuk)
    assert {a.label, b.label} == {"Baik", "Sangat Baik"}
    assert c.bands_bertumpuk((c.Tingkat(None, "A"), c.Tingkat(D(10), "B"))) is not None


def test_the_scale_table_prints_each_band_with_its_bounds():
    assert [fmt.rentang(t.batas_bawah, t.batas_atas, t.bawah_inklusif, t.atas_inklusif)
            for t in SKALA_LKJIP_2020] == [
        "> 89%",
        "60% ≤ x ≤ 80%",
        "40% ≤ x < 60%",
        "20% ≤ x < 40%",
        "< 20%",
    ]  # fmt: skip


# --- cap ----------------------------------------------------------------------------------


def test_cap_shows_the_capped_figure_for_a_positive_indicator():
    hasil = c.capaian(polaritas=c.POSITIF, target=D(80), realisasi=D(100), batas=D(100))
    assert hasil.nilai == D(100)
    assert hasil.tanpa_batas == D(125)
    assert fmt.persen(hasil, simbol=True) == "100,00%"


def test_cap_shows_the_capped_figure_for_a_negative_indicator():
    # Poverty rate 8% against a target of 10%: (2 × 10 − 8) / 10 = 120%.
    hasil = c.capaian(polaritas=c.NEGATIF, target=D(10), realisasi=D(8), batas=D(100))
    assert hasil.nilai == D(100)
    assert hasil.tanpa_batas == D(120)
    kebalikan = c.capaian(
        polaritas=c.NEGATIF, target=D(10), realisasi=D(8), rumus_negatif=c.KEBALIKAN, batas=120
    )
    assert kebalikan.nilai == D(120) and kebalikan.tanpa_batas == D("125")


def test_cap_at_120_leaves_figures_up_to_120_alone():
    hasil = c.capaian(polaritas=c.POSITIF, target=D(100), realisasi=D(110), batas=D(120))
    assert hasil.nilai == D(110) and not hasil.dibatasi


def test_averages_and_predicates_use_the_capped_figure():
    skala = (c.Tingkat(D(0), "Biasa", batas_atas=D(110)), c.Tingkat(D(110), "Luar biasa"))
    capped = c.capaian(polaritas=c.POSITIF, target=D(50), realisasi=D(75), batas=D(100))
    assert c.predikat(capped, skala).label == "Biasa"
    assert c.rata_rata([capped, D(80)]) == D(90)


def test_capping_twice_keeps_the_first_uncapped_figure():
    once = c.batasi(c.capaian_positif(D(50), D(75)), D(120))
    twice = c.batasi(once, D(100))
    assert twice.nilai == D(100) and twice.tanpa_batas == D(150)


# --- efficiency ---------------------------------------------------------------------------


def test_efficiency_index_prints_with_three_decimals():
    e = c.efisiensi(D("100.4"), D(100), c.INDEKS)
    assert fmt.angka(e.nilai, 3) == "1,004"
    assert fmt.angka(e.tingkat, 3) == "0,004"
    assert e.status == c.EFISIEN and e.label == "Efisien"


def test_efficiency_index_above_the_ceiling_is_not_efficient():
    label = c.LabelEfisiensi("Efisien", "Belum efisien", "Perlu ditinjau perencanaannya")
    e = c.efisiensi(D(150), D(100), c.INDEKS, batas_atas=D("1.2"), label=label)
    assert e.status == c.DI_ATAS_BATAS
    assert e.efisien is False
    assert e.label == "Perlu ditinjau perencanaannya"
    at_ceiling = c.efisiensi(D(120), D(100), c.INDEKS, batas_atas=D("1.2"), label=label)
    assert at_ceiling.status == c.EFISIEN
    below = c.efisiensi(D(90), D(100), c.INDEKS, batas_atas=D("1.2"), label=label)
    assert below.status == c.TIDAK_EFISIEN and below.label == "Belum efisien"


def test_efficiency_ratio_ceiling_applies_to_the_tingkat():
    # 86 / 107 → rasio 80,37%, tingkat 19,63%: above a ceiling of 15% it needs a review.
    e = c.efisiensi(D(107), D(86), c.RASIO, batas_atas=D(15))
    assert e.status == c.DI_ATAS_BATAS
    assert c.efisiensi(D(107), D(86), c.RASIO).status == c.EFISIEN


def test_efficiency_uses_the_capped_capaian_that_is_printed():
    capped = c.capaian(polaritas=c.POSITIF, target=D(50), realisasi=D(75), batas=D(100))
    assert c.efisiensi(capped, D(80), c.INDEKS).nilai == D("1.25")


@settings(max_examples=60, deadline=None)
@given(value=st.decimals(min_value=-50, max_value=300, places=3))
def test_every_value_gets_at_most_one_band_and_none_in_a_gap(value):
    matches = [t for t in SKALA_LKJIP_2020 if t.memuat(c.dibulatkan(value))]
    assert len(matches) <= 1
    result = c.predikat(value, SKALA_LKJIP_2020)
    assert result is (matches[0] if matches else c.DI_LUAR_SKALA)
