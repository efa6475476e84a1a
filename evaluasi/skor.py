"""The LKE score of PermenPAN-RB 88/2021 as pure functions: answers in, Decimals out.

Source: ../shared/reference/lke-88-2021.md (cited in fixtures/README.md) — §3.1 the
regulation's rule (one answer AA…E per sub-component from the share of fulfilled
criteria), §3.2 the per-criterion practice of regional apps, §3.3 the worked example,
§4 the grade bands. No ORM here; selectors feed it and the views only format its rows."""

from dataclasses import dataclass
from decimal import Decimal

SERATUS = Decimal(100)

# Per-criterion answer values (§2 "Scale (practice)"): Y/T = 1/0, A–E = 1/0.75/0.5/0.25/0.
NILAI_JAWABAN = {
    "Y": Decimal(1),
    "T": Decimal(0),
    "A": Decimal(1),
    "B": Decimal("0.75"),
    "C": Decimal("0.5"),
    "D": Decimal("0.25"),
    "E": Decimal(0),
}
SKALA = {"YT": ("Y", "T"), "AE": ("A", "B", "C", "D", "E")}

# The sub-component answers of §3.1 (a different scale from the grade: it has an E).
NILAI_PILIHAN = {
    "AA": Decimal(100),
    "A": Decimal(90),
    "BB": Decimal(80),
    "B": Decimal(70),
    "CC": Decimal(60),
    "C": Decimal(50),
    "D": Decimal(30),
    "E": Decimal(0),
}

# §4: (exclusive lower bound, letter, word). D covers 0 – 30 inclusive.
PREDIKAT = (
    (Decimal(90), "AA", "Sangat Memuaskan"),
    (Decimal(80), "A", "Memuaskan"),
    (Decimal(70), "BB", "Sangat Baik"),
    (Decimal(60), "B", "Baik"),
    (Decimal(50), "CC", "Cukup (Memadai)"),
    (Decimal(30), "C", "Kurang"),
)
PREDIKAT_TERENDAH = ("D", "Sangat Kurang")


@dataclass(frozen=True)
class Predikat:
    huruf: str
    sebutan: str


def nilai_jawaban(huruf, skala):
    """The value of one criterion's answer on its scale (§2); ValueError when the letter is
    not on the scale, None when there is no answer yet (never a silent 0, §3.3)."""
    if not huruf:
        return None
    if huruf not in SKALA[skala]:
        raise ValueError(f"Jawaban {huruf!r} tidak ada pada skala {skala}.")
    return NILAI_JAWABAN[huruf]


def pemenuhan_persen(nilai):
    """§3.1 step 2: fulfilled / number of criteria × 100 (a partial A–E answer counts
    as its share). None while any criterion is unanswered."""
    nilai = list(nilai)
    if not nilai or any(n is None for n in nilai):
        return None
    return sum(nilai, Decimal(0)) / len(nilai) * SERATUS


def pilihan_sub_komponen(persen, *, syarat_bb=False, syarat_a=False, syarat_aa=False):
    """§3.1 step 3, the answer AA…E of a sub-component from its fulfilment %.

    At 100 % the letter depends on the evaluator's explicit checks, never inferred:
    `syarat_bb` quality as the national policy mandate requires; `syarat_a` kept up at
    least 1 year (keberadaan) or an extra effort worth recognising (kualitas/pemanfaatan);
    `syarat_aa` kept up at least 5 years, or an innovation fit to be a national model.
    Without a check 100 % is B (its range is "> 75 % – 100 %")."""
    if persen is None:
        return None
    if persen >= SERATUS:
        if syarat_aa:
            return "AA"
        if syarat_a:
            return "A"
        return "BB" if syarat_bb else "B"
    if persen > 75:
        return "B"
    if persen > 50:
        return "CC"
    if persen > 25:
        return "C"
    if persen > 0:
        return "D"
    return "E"


def nilai_sub_metode_a(pilihan, bobot):
    """§3.1 step 4: value / 100 × bobot of the sub-component."""
    if pilihan is None:
        return None
    return NILAI_PILIHAN[pilihan] / SERATUS * Decimal(bobot)


def nilai_sub_metode_b(nilai, bobot):
    """§3.2: mean of the criterion values × bobot; None while any is unanswered."""
    persen = pemenuhan_persen(nilai)
    return None if persen is None else persen / SERATUS * Decimal(bobot)


def jumlah(nilai):
    """A component's (or the total's) value: the sum of its parts; None when a part is
    not scored yet, so an incomplete LKE never shows a grade that looks final."""
    nilai = list(nilai)
    if not nilai or any(n is None for n in nilai):
        return None
    return sum(nilai, Decimal(0))


def predikat(total):
    """§4: the grade of a Nilai AKIP; lower bounds exclusive (90.00 is A, 90.01 AA)."""
    if total is None:
        return None
    for batas, huruf, sebutan in PREDIKAT:
        if total > batas:
            return Predikat(huruf, sebutan)
    return Predikat(*PREDIKAT_TERENDAH)
