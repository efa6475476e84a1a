"""The LKE score and grade as pure functions (no database): the worked example of the
reference (../shared/reference/lke-88-2021.md §3.3) recomputed component by component."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluasi import skor

D = Decimal

# (sub, bobot, fulfilled, of, explicit checks, expected letter, expected nilai) — §3.3
CONTOH = [
    ("1.a", "6", 6, 6, {"syarat_a": True}, "A", "5.40"),
    ("1.b", "9", 9, 11, {}, "B", "6.30"),
    ("1.c", "15", 6, 8, {}, "CC", "9.00"),
    ("2.a", "6", 3, 3, {"syarat_bb": True}, "BB", "4.80"),
    ("2.b", "9", 6, 7, {}, "B", "6.30"),
    ("2.c", "15", 5, 10, {}, "C", "7.50"),
    ("3.a", "3", 6, 6, {"syarat_a": True}, "A", "2.70"),
    ("3.b", "4.5", 7, 9, {}, "B", "3.15"),
    ("3.c", "7.5", 5, 7, {}, "CC", "4.50"),
    ("4.a", "5", 3, 3, {"syarat_bb": True}, "BB", "4.00"),
    ("4.b", "7.5", 3, 5, {}, "CC", "4.50"),
    ("4.c", "12.5", 2, 5, {}, "C", "6.25"),
]
KOMPONEN = {"1": "20.70", "2": "18.60", "3": "10.35", "4": "14.75"}


def _sub(bobot, ya, n, syarat):
    nilai = [skor.nilai_jawaban("Y", "YT")] * ya + [skor.nilai_jawaban("T", "YT")] * (n - ya)
    pilihan = skor.pilihan_sub_komponen(skor.pemenuhan_persen(nilai), **syarat)
    return pilihan, skor.nilai_sub_metode_a(pilihan, D(bobot))


@pytest.mark.parametrize(("kode", "bobot", "ya", "n", "syarat", "huruf", "nilai"), CONTOH)
def test_each_sub_component_of_the_worked_example_gets_its_letter_and_value(
    kode, bobot, ya, n, syarat, huruf, nilai
):
    pilihan, hasil = _sub(bobot, ya, n, syarat)
    assert pilihan == huruf
    assert hasil == D(nilai)


def test_components_and_total_of_the_worked_example_give_64_40_and_grade_b():
    per_komponen = {}
    for kode, bobot, ya, n, syarat, _, _ in CONTOH:
        per_komponen.setdefault(kode[0], []).append(_sub(bobot, ya, n, syarat)[1])
    komponen = {k: skor.jumlah(v) for k, v in per_komponen.items()}
    assert komponen == {k: D(v) for k, v in KOMPONEN.items()}
    total = skor.jumlah(komponen.values())
    assert total == D("64.40")
    assert skor.predikat(total) == skor.Predikat("B", "Baik")


def test_method_b_of_sub_component_1b_gives_5_52():
    jawaban = [("Y", "YT"), ("T", "YT")] + [(h, "AE") for h in "BBCABCDBC"]
    nilai = [skor.nilai_jawaban(h, s) for h, s in jawaban]
    hasil = skor.nilai_sub_metode_b(nilai, D(9))
    assert hasil.quantize(D("0.01")) == D("5.52")


def test_full_fulfilment_without_an_explicit_check_is_b_never_inferred_higher():
    assert skor.pilihan_sub_komponen(D(100)) == "B"
    assert skor.pilihan_sub_komponen(D(100), syarat_aa=True) == "AA"


def test_fulfilment_bands_follow_the_exclusive_lower_bounds():
    assert [skor.pilihan_sub_komponen(D(p)) for p in (0, 1, 25, 26, 50, 51, 75, 76)] == [
        "E", "D", "D", "C", "C", "CC", "CC", "B",
    ]  # fmt: skip


def test_grade_bounds_are_exclusive_90_is_a_and_90_01_is_aa():
    assert skor.predikat(D("90")).huruf == "A"
    assert skor.predikat(D("90.01")).huruf == "AA"
    assert skor.predikat(D("30")).huruf == "D"
    assert skor.predikat(D("30.01")).huruf == "C"
    assert skor.predikat(D(0)).huruf == "D"


def test_an_unanswered_criterion_leaves_the_sub_component_unscored_not_zero():
    assert skor.nilai_sub_metode_b([D(1), None], D(6)) is None
    assert skor.jumlah([D(1), None]) is None
    assert skor.predikat(None) is None
    assert skor.nilai_sub_metode_b([D(0), D(0)], D(6)) == D(0)  # E/T is a real answer


def test_an_answer_off_the_scale_is_refused():
    with pytest.raises(ValueError):
        skor.nilai_jawaban("B", "YT")


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from("ABCDE"), min_size=1, max_size=12), st.sampled_from([3, 6, 15]))
def test_a_sub_component_value_never_exceeds_its_weight(huruf, bobot):
    nilai = [skor.nilai_jawaban(h, "AE") for h in huruf]
    hasil = skor.nilai_sub_metode_b(nilai, D(bobot))
    assert D(0) <= hasil <= D(bobot)
