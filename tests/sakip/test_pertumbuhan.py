"""sakip.pertumbuhan.rata_rata_pertumbuhan: the "Rata-rata Pertumbuhan" of Renstra T-C.24,
without a database."""

from decimal import Decimal as D

from sakip import pertumbuhan as c


def test_average_growth_is_the_mean_of_the_yearly_growth_rates():
    # 100 -> 150 (+50%) -> 120 (-20%): mean 15%.
    assert c.rata_rata_pertumbuhan([D(100), D(150), D(120)]).nilai == D(15)


def test_average_growth_of_the_penunjang_program_budget_of_seed_004():
    # T-C.24 prints no growth; the budgets 2017–2021 give 63,29% a year on average.
    hasil = c.rata_rata_pertumbuhan(
        [D(2150518300), D(1117219900), D(1815952988), D(1105972900), D(4178136501)]
    )
    assert hasil.nilai.quantize(D("0.01")) == D("63.29")


def test_a_missing_year_breaks_the_chain_instead_of_counting_as_zero():
    # 100 -> NA -> 200 -> 300: only 200 -> 300 (+50%) is a pair of consecutive years.
    assert c.rata_rata_pertumbuhan([D(100), None, D(200), D(300)]).nilai == D(50)


def test_growth_from_zero_is_skipped():
    assert c.rata_rata_pertumbuhan([D(0), D(100), D(110)]).nilai == D(10)


def test_one_year_or_none_gives_no_figure_with_a_reason():
    for values in ([], [D(5)], [None, D(5)], [D(0), D(5)]):
        hasil = c.rata_rata_pertumbuhan(values)
        assert hasil.nilai is None
        assert hasil.alasan == c.ALASAN_PERTUMBUHAN


def test_ints_and_strings_are_accepted_and_bad_values_are_no_figure():
    assert c.rata_rata_pertumbuhan([100, "200"]).nilai == D(100)
    assert c.rata_rata_pertumbuhan(["abc", "def"]).nilai is None
