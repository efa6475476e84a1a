"""The LKE of PermenPAN-RB 88/2021 as loaded from fixtures/lke_88_2021.json: the counts
per sub-component of the reference (§2 "Counts"), weights that add up, a scale for every
criterion, and versions that are added, never edited."""

import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from evaluasi import bukti
from evaluasi.management.commands.load_lke import FIXTURE
from evaluasi.models import Kriteria, SubKomponen, VersiLke

REFERENSI = {
    "1.a": 6, "1.b": 11, "1.c": 8,
    "2.a": 3, "2.b": 7, "2.c": 10,
    "3.a": 6, "3.b": 9, "3.c": 7,
    "4.a": 3, "4.b": 5, "4.c": 5,
}  # fmt: skip
BOBOT = {"1": 30, "2": 30, "3": 15, "4": 25}

pytestmark = pytest.mark.django_db


def _versi():
    return VersiLke.objects.get(kode="permenpanrb-88-2021")


def test_each_sub_component_holds_the_number_of_criteria_the_reference_gives():
    subs = SubKomponen.objects.filter(komponen__versi=_versi())
    assert {s.kode: s.kriteria_set.count() for s in subs} == REFERENSI
    assert Kriteria.objects.filter(sub_komponen__komponen__versi=_versi()).count() == 80


def test_component_weights_add_up_to_100_and_split_20_30_50():
    versi = _versi()
    komponen = {k.kode: k for k in versi.komponen_set.all()}
    assert {k: v.bobot for k, v in komponen.items()} == {k: Decimal(v) for k, v in BOBOT.items()}
    assert sum(k.bobot for k in komponen.values()) == 100
    bagian = {
        "keberadaan": Decimal("0.2"),
        "kualitas": Decimal("0.3"),
        "pemanfaatan": Decimal("0.5"),
    }
    for k in komponen.values():
        subs = list(k.sub_komponen_set.all())
        assert sum(s.bobot for s in subs) == k.bobot
        for s in subs:
            assert s.bobot == k.bobot * bagian[s.jenis]


def test_every_criterion_has_an_answer_scale_and_its_rule_exists():
    for k in Kriteria.objects.filter(sub_komponen__komponen__versi=_versi()):
        assert k.skala in ("YT", "AE"), k.kode
        assert not k.aturan or k.aturan in bukti.ATURAN, k.kode


def test_every_evidence_rule_is_used_by_at_least_one_criterion():
    dipakai = set(Kriteria.objects.exclude(aturan="").values_list("aturan", flat=True))
    assert dipakai == set(bukti.ATURAN)


def test_loading_the_same_version_again_changes_nothing(capsys):
    sebelum = Kriteria.objects.count()
    call_command("load_lke")
    assert "tidak diubah" in capsys.readouterr().out
    assert Kriteria.objects.count() == sebelum


def test_a_later_regulation_is_a_new_version_chosen_by_year(tmp_path):
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data.update(kode="regulasi-baru-2027", regulasi="Regulasi uji 2027", tahun_mulai=2027)
    berkas = tmp_path / "lke.json"
    berkas.write_text(json.dumps(data), encoding="utf-8")
    call_command("load_lke", berkas=str(berkas))
    assert VersiLke.objects.untuk_tahun(2026) == _versi()
    assert VersiLke.objects.untuk_tahun(2027).kode == "regulasi-baru-2027"
    assert VersiLke.objects.untuk_tahun(2020) is None
