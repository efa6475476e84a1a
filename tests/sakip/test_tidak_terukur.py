"""The rule "tidak dapat diukur" (issue 11 item 5) as pure functions: an indicator that
cannot be measured prints n/a with its reason, has no capaian and is left out of averages."""

from decimal import Decimal as D

from sakip import angka, capaian
from sakip.capaian import Laporan


def na(alasan="data BPS belum terbit"):
    return Laporan(tidak_terukur=True, alasan=alasan)


def test_an_indicator_whose_latest_quarter_cannot_be_measured_cannot_be_measured_to_date():
    laporan = [Laporan(nilai=D("40")), na()]
    assert capaian.tidak_dapat_diukur(laporan) == "data BPS belum terbit"
    sd = capaian.nilai_sampai_dengan(laporan, capaian.KUMULATIF)
    assert sd.tidak_terukur and sd.nilai is None and sd.alasan == "data BPS belum terbit"


def test_an_earlier_unmeasurable_quarter_is_skipped_by_a_later_measured_one():
    laporan = [Laporan(nilai=D("10")), na(), Laporan(nilai=D("15"))]
    assert capaian.tidak_dapat_diukur(laporan) is None
    assert capaian.nilai_sampai_dengan(laporan, capaian.KUMULATIF).nilai == D("25")
    assert capaian.nilai_sampai_dengan(laporan, capaian.TERAKHIR).nilai == D("15")
    assert capaian.nilai_sampai_dengan(laporan, capaian.RATA_RATA).nilai == D("12.5")


def test_an_unmeasurable_ratio_or_category_quarter_is_skipped_too():
    rasio = [Laporan(pembilang=D(1), penyebut=D(2)), na(), Laporan(pembilang=D(3), penyebut=D(4))]
    sd = capaian.nilai_sampai_dengan(rasio, capaian.KUMULATIF, rasio=True)
    assert sd.nilai == D("4") / D("6") * 100 and not sd.tidak_terukur
    madya = capaian.Level("Madya", D(2), 2)
    kategori = [na(), Laporan(level=madya)]
    assert capaian.nilai_sampai_dengan(kategori, kategori=True).level == madya


def test_no_quarter_at_all_is_missing_not_unmeasurable():
    assert capaian.tidak_dapat_diukur([]) is None
    assert not capaian.nilai_sampai_dengan([]).tidak_terukur


def test_an_unmeasurable_capaian_has_no_figure_and_names_its_reason():
    hasil = capaian.capaian_tidak_terukur("  survei tidak dilaksanakan ")
    assert hasil.nilai is None and not hasil.ada and hasil.tidak_terukur
    assert hasil.alasan == "tidak dapat diukur: survei tidak dilaksanakan"
    assert capaian.predikat(hasil, capaian.SKALA_PERMENDAGRI_86) is None


def test_an_unmeasurable_capaian_is_left_out_of_the_average():
    rows = [capaian.Hasil(D(80)), capaian.capaian_tidak_terukur("x"), capaian.Hasil(D(100))]
    assert capaian.rata_rata(rows) == D(90)


def test_the_cap_keeps_the_unmeasurable_mark():
    assert capaian.batasi(capaian.capaian_tidak_terukur("x"), 100).tidak_terukur


def test_an_unmeasurable_value_prints_n_a_and_a_missing_one_a_dash():
    assert angka.persen(capaian.capaian_tidak_terukur("x"), simbol=True) == "n/a"
    assert angka.persen(capaian.kosong(), simbol=True) == "–"
    assert angka.besaran(angka.Besaran(satuan="%", tidak_terukur=True)) == "n/a"
    assert angka.besaran(angka.Besaran(satuan="%")) == "–"
