"""Figures typed in a narrative against the computed ones (sakip.narasi), without a DB."""

from decimal import Decimal

from sakip.narasi import AngkaTerhitung, Blok, angka_bertentangan, blok_narasi

ANGGARAN = AngkaTerhitung("realisasi anggaran", Decimal("86.5760657"), ("anggaran",))


def test_a_typed_budget_percentage_that_contradicts_the_table_is_flagged():
    teks = "Realisasi sebesar Rp7.655.837.652,- dengan rata-rata capaian anggaran 91,29 %."
    [p] = angka_bertentangan(teks, [ANGGARAN])
    assert p.tertulis == Decimal("91.29") and p.label == "realisasi anggaran"


def test_the_same_figure_rounded_as_printed_is_not_flagged():
    assert angka_bertentangan("Realisasi anggaran sebesar 86,58%.", [ANGGARAN]) == []


def test_round_estimates_and_figures_of_other_sentences_are_left_alone():
    teks = "Refocusing anggaran hampir 50%. Capaian indikator rata-rata 91,29%."
    assert angka_bertentangan(teks, [ANGGARAN]) == []


def test_an_empty_narrative_or_missing_figure_flags_nothing():
    assert angka_bertentangan("", [ANGGARAN]) == []
    kosong = AngkaTerhitung("x", None, ("anggaran",))
    assert angka_bertentangan("anggaran 91,29%", [kosong]) == []


def test_numbered_lines_become_headings_and_lists_lose_their_doubled_markers():
    teks = "1.1.1 Sejarah Organisasi\n\nAntara lain :\n\n- a. Peningkatan kebutuhan;\n- b. Kedua;"
    blok = blok_narasi(teks)
    assert blok[0] == Blok("judul", "Sejarah Organisasi", nomor="1.1.1")
    assert blok[1] == Blok("paragraf", "Antara lain :")
    assert blok[2] == Blok("ol", butir=("Peningkatan kebutuhan;", "Kedua;"))


def test_a_paragraph_broken_mid_sentence_is_joined_with_the_next():
    teks = (
        "Dalam kurun waktu 47 Tahun Dinas Sosial dan\n\nPerlindungan Anak telah berganti.\n\nBaru."
    )
    assert [b.isi for b in blok_narasi(teks)] == [
        "Dalam kurun waktu 47 Tahun Dinas Sosial dan Perlindungan Anak telah berganti.",
        "Baru.",
    ]


def test_bullets_without_numbers_make_an_unordered_list():
    assert blok_narasi("- satu\n- dua") == [Blok("ul", butir=("satu", "dua"))]
