"""The pure rules of sakip/capaian.py (DESIGN section 3), without a database."""

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from sakip import capaian as c

KLA = {
    "Pratama": c.Level("Pratama", D(1), 1),
    "Madya": c.Level("Madya", D(2), 2),
    "Nindya": c.Level("Nindya", D(3), 3),
    "Utama": c.Level("Utama", D(4), 4),
    "KLA": c.Level("KLA", D(5), 5),
}


def test_positive_capaian_is_realisation_over_target():
    assert c.capaian_positif(D(86), D(92)).nilai == D(92) / D(86) * 100


def test_positive_capaian_accepts_ints_and_strings():
    assert c.capaian_positif(80, "40").nilai == D(50)


def test_zero_target_gives_no_figure_with_reason():
    hasil = c.capaian_positif(D(0), D(5))
    assert hasil.nilai is None
    assert not hasil.ada
    assert "target nol" in hasil.alasan


def test_missing_realisation_gives_no_figure_not_zero():
    hasil = c.capaian_positif(D(80), None)
    assert hasil.nilai is None
    assert "realisasi belum diisi" in hasil.alasan


def test_missing_target_gives_no_figure():
    assert c.capaian_positif(None, D(3)).alasan == c.ALASAN_TARGET_KOSONG


def test_zero_realisation_is_a_real_zero():
    assert c.capaian_positif(D(80), D(0)).nilai == D(0)


def test_negative_selisih_rule():
    # (2T − R) / T × 100: target 10 cases, 8 happened -> 120%.
    assert c.capaian_negatif(D(10), D(8)).nilai == D(120)


def test_negative_selisih_rule_is_floored_at_zero():
    assert c.capaian_negatif(D(10), D(35)).nilai == D(0)


def test_negative_kebalikan_rule():
    assert c.capaian_negatif(D(10), D(8), c.KEBALIKAN).nilai == D(125)


def test_negative_kebalikan_with_zero_realisation_gives_no_figure():
    hasil = c.capaian_negatif(D(10), D(0), c.KEBALIKAN)
    assert hasil.nilai is None
    assert "realisasi nol" in hasil.alasan


def test_negative_unknown_rule_gives_no_figure():
    assert c.capaian_negatif(D(10), D(8), "lain").nilai is None


def test_indicator_rule_overrides_pemda_default_through_dispatch():
    pemda_default = c.capaian(polaritas="negatif", target=D(10), realisasi=D(8))
    override = c.capaian(
        polaritas="negatif", target=D(10), realisasi=D(8), rumus_negatif=c.KEBALIKAN
    )
    assert pemda_default.nilai == D(120)
    assert override.nilai == D(125)


def test_range_inside_gives_hundred():
    assert c.capaian_rentang(D(2), D(4), D(3)).nilai == D(100)
    assert c.capaian_rentang(D(2), D(4), D(4)).nilai == D(100)


def test_range_above_uses_negative_rule_against_upper_bound():
    # inflation 3 ± 1, realised 5: (2×4 − 5) / 4 × 100 = 75
    assert c.capaian_rentang(D(2), D(4), D(5)).nilai == D(75)


def test_range_below_uses_positive_rule_against_lower_bound():
    assert c.capaian_rentang(D(2), D(4), D(1)).nilai == D(50)


def test_range_without_bounds_gives_no_figure():
    assert c.capaian_rentang(None, D(4), D(1)).nilai is None
    assert c.capaian_rentang(D(5), D(4), D(1)).nilai is None


def test_categorical_madya_against_madya_is_hundred():
    assert c.capaian_kategori(KLA["Madya"], KLA["Madya"]).nilai == D(100)


def test_categorical_nindya_against_utama_is_three_quarters_on_rank_scores():
    assert c.capaian_kategori(KLA["Utama"], KLA["Nindya"]).nilai == D(75)


def test_categorical_missing_level_gives_no_figure():
    hasil = c.capaian_kategori(KLA["Madya"], None)
    assert hasil.nilai is None
    assert "kategori belum diisi" in hasil.alasan


def test_categorical_zero_target_score_gives_no_figure():
    assert c.capaian_kategori(c.Level("Nol", D(0)), KLA["Madya"]).nilai is None


def test_dispatch_categorical_uses_levels():
    hasil = c.capaian(
        polaritas="positif",
        kategori=True,
        target_level=KLA["Utama"],
        realisasi_level=KLA["Nindya"],
    )
    assert hasil.nilai == D(75)


def test_unknown_polarity_gives_no_figure():
    assert c.capaian(polaritas="aneh", target=D(1), realisasi=D(1)).nilai is None


def test_cap_prints_the_cap_and_keeps_uncapped_value():
    hasil = c.capaian(polaritas="positif", target=D(50), realisasi=D(75), batas=D(100))
    assert hasil.nilai == D(100)
    assert hasil.nilai_tampil == D(100)
    assert hasil.tanpa_batas == D(150)
    assert hasil.dibatasi


def test_cap_off_by_default():
    hasil = c.capaian(polaritas="positif", target=D(50), realisasi=D(75))
    assert hasil.nilai_tampil == D(150)
    assert not hasil.dibatasi


def test_cap_does_not_touch_values_below_it():
    hasil = c.batasi(c.capaian_positif(D(100), D(90)), D(120))
    assert hasil.nilai_tampil == D(90)
    assert not hasil.dibatasi


def test_tingkat_kemajuan_uses_end_of_renstra_target():
    # LKjIP 2020 table 3.1.1.C: 92 against the end-of-Renstra target 75.
    hasil = c.tingkat_kemajuan(polaritas="positif", target=D(75), realisasi=D(92))
    assert hasil.nilai == D(92) / D(75) * 100


def test_ratio_value_from_numerator_and_denominator():
    assert c.nilai_rasio(D(1277), D(1816)) == D(1277) / D(1816) * 100
    assert c.nilai_rasio(D(3), D(4), D(1)) == D("0.75")


def test_ratio_without_denominator_is_none():
    assert c.nilai_rasio(D(3), D(0)) is None
    assert c.nilai_rasio(D(3), None) is None
    assert c.nilai_rasio(None, D(3)) is None


def test_yearly_value_cumulative_sums_reported_quarters():
    assert c.nilai_tahunan([D(10), None, D(5), D(2)], c.KUMULATIF) == D(17)


def test_yearly_value_last_takes_latest_reported_quarter():
    assert c.nilai_tahunan([D(10), D(30), None, None], c.TERAKHIR) == D(30)


def test_yearly_value_average_over_reported_quarters():
    assert c.nilai_tahunan([D(10), None, D(20)], c.RATA_RATA) == D(15)


def test_yearly_value_without_reports_is_none_not_zero():
    assert c.nilai_tahunan([None, None], c.KUMULATIF) is None
    assert c.nilai_tahunan([], c.TERAKHIR) is None


def test_yearly_value_unknown_rule_is_none():
    assert c.nilai_tahunan([D(1)], "median") is None


def test_yearly_ratio_cumulative_divides_sums():
    pairs = [(D(10), D(20)), (D(30), D(20))]
    assert c.nilai_tahunan_rasio(pairs, c.KUMULATIF) == D(100)
    assert c.nilai_tahunan_rasio(pairs, c.TERAKHIR) == D(150)
    assert c.nilai_tahunan_rasio(pairs, c.RATA_RATA) == D(100)
    assert c.nilai_tahunan_rasio([(None, D(2))], c.TERAKHIR) is None


def test_last_level_of_categorical_quarters():
    assert c.level_terakhir([KLA["Pratama"], KLA["Madya"], None]) == KLA["Madya"]
    assert c.level_terakhir([None, None]) is None


def _lap(*values):
    return [c.Laporan(nilai=None if v is None else D(v)) for v in values]


def test_value_to_date_follows_each_rule_over_the_quarters_entered():
    assert c.nilai_sampai_dengan(_lap(30, 47), c.KUMULATIF).nilai == D(77)
    assert c.nilai_sampai_dengan(_lap("61.5", "70.25"), c.TERAKHIR).nilai == D("70.25")
    assert c.nilai_sampai_dengan(_lap(10, 15), c.RATA_RATA).nilai == D("12.5")
    # A quarter without a realisation is skipped, not counted as 0.
    assert c.nilai_sampai_dengan(_lap(60, None, 80), c.RATA_RATA).nilai == D(70)
    assert c.nilai_sampai_dengan([], c.KUMULATIF) == c.NilaiSd()


def test_value_to_date_of_a_categorical_indicator_is_its_last_level():
    laporan = [c.Laporan(level=KLA["Pratama"]), c.Laporan(level=KLA["Nindya"]), c.Laporan()]
    assert c.nilai_sampai_dengan(laporan, kategori=True).level == KLA["Nindya"]


def test_value_to_date_of_a_cumulative_ratio_divides_the_summed_parts():
    laporan = [
        c.Laporan(pembilang=D(10), penyebut=D(20)),
        c.Laporan(pembilang=D(30), penyebut=D(40)),
    ]
    sd = c.nilai_sampai_dengan(laporan, c.KUMULATIF, rasio=True)
    assert (sd.pembilang, sd.penyebut) == (D(40), D(60))
    assert sd.nilai == D(40) / D(60) * 100
    last = c.nilai_sampai_dengan(laporan, c.TERAKHIR, rasio=True)
    assert (last.nilai, last.pembilang, last.penyebut) == (D(75), D(30), D(40))


def test_value_to_date_of_a_ratio_takes_a_typed_yearly_value_when_parts_are_missing():
    laporan = [c.Laporan(pembilang=D(10), penyebut=D(20)), c.Laporan(nilai=D(80))]
    # Not every quarter has its parts: the values are cumulated as they are, without parts.
    assert c.nilai_sampai_dengan(laporan, c.KUMULATIF, rasio=True) == c.NilaiSd(D(130))
    assert c.nilai_sampai_dengan(laporan, c.TERAKHIR, rasio=True) == c.NilaiSd(D(80))
    zero = [c.Laporan(pembilang=D(1), penyebut=D(0))]
    assert c.nilai_sampai_dengan(zero, c.TERAKHIR, rasio=True) == c.NilaiSd()


def test_penyerapan_is_realisation_over_pagu():
    # LKjIP 2020 table 3.2, Pengelolaan Administrasi Keuangan: printed 84,21%.
    hasil = c.penyerapan(D(51458100), D(43332500))
    assert hasil.nilai.quantize(D("0.01")) == D("84.21")


def test_penyerapan_with_zero_or_missing_pagu_gives_no_figure():
    assert "pagu nol" in c.penyerapan(D(0), D(10)).alasan
    assert "pagu belum" in c.penyerapan(None, D(10)).alasan
    assert c.penyerapan(D(10), None).nilai is None


def test_share_of_budget():
    assert c.persentase(D(25), D(200)).nilai == D("12.5")
    assert c.persentase(D(25), D(0)).nilai is None


def test_efficiency_ratio_convention_from_lkjip_2020_table_3_1_1_g():
    e = c.efisiensi(D(107), D(86))
    assert e.nilai == D(86) / D(107) * 100  # printed 80%
    assert e.tingkat == 100 - e.nilai  # the text reads 80% as "20% efficient"
    assert e.efisien is True


def test_efficiency_index_convention():
    e = c.efisiensi(D(107), D(86), c.INDEKS)
    assert e.nilai == D(107) / D(86)
    assert e.tingkat == e.nilai - 1
    assert e.efisien is True


def test_inefficient_when_absorption_exceeds_capaian():
    assert c.efisiensi(D(80), D(95)).efisien is False
    assert c.efisiensi(D(80), D(95), c.INDEKS).efisien is False


def test_efficiency_accepts_hasil_and_handles_missing_and_zero():
    assert c.efisiensi(c.capaian_positif(D(86), D(92)), c.penyerapan(D(100), D(86))).ada
    assert not c.efisiensi(c.kosong(), D(86)).ada
    assert not c.efisiensi(D(0), D(86)).ada
    assert not c.efisiensi(D(10), D(0), c.INDEKS).ada
    assert not c.efisiensi(D(10), D(10), "lain").ada


def test_predicate_permendagri_boundaries():
    skala = c.SKALA_PERMENDAGRI_86
    assert c.predikat(D(91), skala).label == "Sangat Tinggi"
    assert c.predikat(D("90.99"), skala).label == "Tinggi"
    assert c.predikat(D(76), skala).label == "Tinggi"
    assert c.predikat(D(75), skala).label == "Sedang"
    assert c.predikat(D(66), skala).label == "Sedang"
    assert c.predikat(D(65), skala).label == "Rendah"
    assert c.predikat(D(50), skala).label == "Sangat Rendah"
    assert c.predikat(D(0), skala).label == "Sangat Rendah"


def test_predicate_of_lkjip_2020_own_scale_expressed_as_tuples():
    # LKjIP 2020 BAB III: > 89 Sangat Baik, 60–80 Baik, 40–60 Cukup, 20–40 Kurang, < 20
    # Sangat Kurang; as lower bounds only, 80–89 falls to Baik (the real bands, with the gap,
    # are in tests/sakip/test_skala_predikat.py).
    skala = [
        (D("89.01"), "Sangat Baik", "#198754"),
        (D(60), "Baik", "#20c997"),
        (D(40), "Cukup", "#ffc107"),
        (D(20), "Kurang", "#fd7e14"),
        (D(0), "Sangat Kurang", "#dc3545"),
    ]
    assert c.predikat(D("106.98"), skala).label == "Sangat Baik"
    assert c.predikat(D(70), skala).label == "Baik"
    assert c.predikat(D(19), skala).label == "Sangat Kurang"


def test_predicate_of_no_figure_is_none():
    assert c.predikat(None, c.SKALA_PERMENDAGRI_86) is None
    assert c.predikat(c.kosong(), c.SKALA_PERMENDAGRI_86) is None


def test_predicate_of_a_figure_below_every_band_says_di_luar_skala():
    assert c.predikat(D(-5), c.SKALA_PERMENDAGRI_86) is c.DI_LUAR_SKALA


def test_predicate_uses_capped_figure_of_hasil():
    skala = [c.Tingkat(D(0), "Biasa"), c.Tingkat(D(110), "Luar biasa")]
    hasil = c.batasi(c.capaian_positif(D(50), D(75)), D(100))
    assert c.predikat(hasil, skala).label == "Biasa"


def test_mean_ignores_missing_and_uses_cap():
    values = [c.batasi(c.capaian_positif(D(50), D(75)), D(100)), c.kosong(), D(80)]
    assert c.rata_rata(values) == D(90)
    assert c.rata_rata([c.kosong()]) is None


def test_bad_values_give_no_figure_instead_of_raising():
    assert c.capaian_positif("abc", D(1)).alasan == c.ALASAN_TIDAK_SAH
    assert c.capaian_positif(D(1), D("NaN")).alasan == c.ALASAN_TIDAK_SAH
    assert c.capaian_positif(D("Infinity"), D(1)).nilai is None
    assert c.ke_decimal(0.1) == D("0.1")
    assert c.ke_decimal(True) is None
    assert c.ke_decimal(object()) is None


# --- property tests -------------------------------------------------------------------

finite = st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12)
positive = st.decimals(
    allow_nan=False, allow_infinity=False, min_value=D("0.0001"), max_value=10**12
)
anything = st.one_of(
    st.none(),
    st.decimals(),  # NaN, Infinity, huge exponents included
    st.integers(),
    st.floats(),
    st.text(max_size=8),
)


@settings(deadline=None)
@given(t=positive, r1=finite, r2=finite)
def test_positive_capaian_never_decreases_when_realisation_grows(t, r1, r2):
    low, high = sorted([r1, r2])
    assert c.capaian_positif(t, low).nilai <= c.capaian_positif(t, high).nilai


@settings(deadline=None)
@given(t=positive, r1=finite, r2=finite, rumus=st.sampled_from([c.SELISIH, c.KEBALIKAN]))
def test_negative_capaian_never_increases_when_realisation_grows(t, r1, r2, rumus):
    low, high = sorted([r1, r2])
    a, b = c.capaian_negatif(t, low, rumus), c.capaian_negatif(t, high, rumus)
    if rumus == c.KEBALIKAN and (low <= 0 <= high):
        return  # T / R changes sign across R = 0: no order to keep
    if a.ada and b.ada:
        assert a.nilai >= b.nilai


@settings(deadline=None)
@given(t=positive, rumus=st.sampled_from([c.SELISIH, c.KEBALIKAN]))
def test_realisation_equal_to_target_gives_hundred(t, rumus):
    assert c.capaian_positif(t, t).nilai == 100
    assert c.capaian_negatif(t, t, rumus).nilai == 100


@settings(deadline=None)
@given(target=anything, realisasi=anything, a=anything, b=anything, batas=anything)
def test_no_input_raises(target, realisasi, a, b, batas):
    for pol in ("positif", "negatif", "rentang", "kategori?"):
        c.capaian(
            polaritas=pol,
            target=target,
            realisasi=realisasi,
            rentang_bawah=a,
            rentang_atas=b,
            batas=batas,
        )
    c.penyerapan(target, realisasi)
    c.persentase(target, realisasi)
    c.efisiensi(target, realisasi)
    c.efisiensi(target, realisasi, c.INDEKS)
    c.nilai_rasio(target, realisasi, a)
    c.nilai_tahunan([target, realisasi, a], c.KUMULATIF)
    c.nilai_tahunan([target, realisasi, a], c.RATA_RATA)
    c.nilai_tahunan_rasio([(target, realisasi), (a, b)], c.KUMULATIF)
    c.predikat(target, c.SKALA_PERMENDAGRI_86)
