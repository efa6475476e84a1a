"""The database and model rules of issue 2 reject bad data."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from anggaran.models import Pagu, RealisasiAnggaran
from kinerja.models import Realisasi, TargetTriwulan
from renstra.models import Indikator, Kegiatan, Program, SubKegiatan, TargetTahunan
from tests import factories as f

pytestmark = pytest.mark.django_db


def _integrity(callable_):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


def test_duplicate_program_code_in_one_period_is_rejected():
    program = f.ProgramFactory(kode="1.06.04")
    _integrity(lambda: Program.objects.create(periode=program.periode, kode="1.06.04", nama="Lain"))


def test_same_program_code_in_another_period_is_allowed():
    program = f.ProgramFactory(kode="1.06.04")
    other = f.ProgramFactory(kode="1.06.04")
    assert program.periode_id != other.periode_id


def test_duplicate_kegiatan_and_sub_kegiatan_codes_are_rejected():
    sub = f.SubKegiatanFactory()
    kegiatan = sub.kegiatan
    _integrity(
        lambda: Kegiatan.objects.create(program=kegiatan.program, kode=kegiatan.kode, nama="x")
    )
    _integrity(lambda: SubKegiatan.objects.create(kegiatan=kegiatan, kode=sub.kode, nama="x"))


def test_kegiatan_code_must_fit_its_program():
    program = f.ProgramFactory(kode="1.06.04")
    kegiatan = Kegiatan(program=program, kode="1.06.05.2.01", nama="Salah induk")
    with pytest.raises(ValidationError) as exc:
        kegiatan.full_clean()
    assert "harus diawali kode programnya" in str(exc.value)


def test_two_yearly_targets_for_one_indicator_and_year_are_rejected():
    target = f.TargetTahunanFactory(tahun=2023)
    _integrity(
        lambda: TargetTahunan.objects.bulk_create(
            [TargetTahunan(indikator=target.indikator, tahun=2023, nilai=Decimal("1"))]
        )
    )


def test_two_realisations_for_one_indicator_year_and_quarter_are_rejected():
    realisasi = f.RealisasiFactory(tahun=2023, triwulan=2)
    _integrity(
        lambda: Realisasi.objects.bulk_create(
            [Realisasi(indikator=realisasi.indikator, tahun=2023, triwulan=2, nilai=Decimal("1"))]
        )
    )


@pytest.mark.parametrize("model", [Realisasi, TargetTriwulan])
def test_quarter_five_is_rejected_by_the_database(model):
    indikator = f.IndikatorFactory()
    _integrity(
        lambda: model.objects.bulk_create(
            [model(indikator=indikator, tahun=2023, triwulan=5, nilai=Decimal("1"))]
        )
    )


def test_quarter_five_is_rejected_on_save_with_a_message():
    indikator = f.IndikatorFactory()
    with pytest.raises(ValidationError) as exc:
        Realisasi.objects.create(indikator=indikator, tahun=2023, triwulan=5, nilai=Decimal("1"))
    assert "triwulan" in exc.value.message_dict


def test_budget_realisation_quarter_five_is_rejected():
    sub = f.SubKegiatanFactory()
    _integrity(
        lambda: RealisasiAnggaran.objects.bulk_create(
            [RealisasiAnggaran(sub_kegiatan=sub, tahun=2023, triwulan=5, jumlah=1)]
        )
    )


def test_negative_pagu_is_rejected_by_the_database():
    sub = f.SubKegiatanFactory()
    _integrity(lambda: Pagu.objects.bulk_create([Pagu(sub_kegiatan=sub, tahun=2023, jumlah=-1)]))


def test_negative_pagu_is_rejected_on_save_with_a_message():
    sub = f.SubKegiatanFactory()
    with pytest.raises(ValidationError) as exc:
        Pagu.objects.create(sub_kegiatan=sub, tahun=2023, jumlah=Decimal("-5"))
    assert "jumlah" in exc.value.message_dict


def test_negative_budget_realisation_is_rejected_by_the_database():
    sub = f.SubKegiatanFactory()
    _integrity(
        lambda: RealisasiAnggaran.objects.bulk_create(
            [RealisasiAnggaran(sub_kegiatan=sub, tahun=2023, triwulan=1, jumlah=-1)]
        )
    )


def test_two_pagu_rows_from_the_same_quarter_are_rejected():
    pagu = f.PaguFactory(tahun=2023, berlaku_mulai=1)
    _integrity(
        lambda: Pagu.objects.bulk_create(
            [Pagu(sub_kegiatan=pagu.sub_kegiatan, tahun=2023, berlaku_mulai=1, jumlah=5)]
        )
    )


@pytest.mark.parametrize(
    "factory,kwargs",
    [
        (f.TargetTahunanFactory, {}),
        (f.TargetTriwulanFactory, {"triwulan": 1}),
        (f.RealisasiFactory, {"triwulan": 1}),
    ],
)
def test_a_year_outside_the_renstra_period_is_rejected(factory, kwargs):
    indikator = f.IndikatorFactory()  # period 2021-2026
    with pytest.raises(ValidationError) as exc:
        factory(indikator=indikator, tahun=2030, **kwargs)
    assert "di luar periode Renstra 2021–2026" in str(exc.value)


def test_a_pagu_outside_the_renstra_period_is_rejected():
    sub = f.SubKegiatanFactory()
    with pytest.raises(ValidationError) as exc:
        Pagu.objects.create(sub_kegiatan=sub, tahun=2019, jumlah=10)
    assert "di luar periode" in str(exc.value)


def test_an_indicator_attached_to_two_levels_is_rejected_by_the_database():
    sub = f.SubKegiatanFactory()
    _integrity(
        lambda: Indikator.objects.bulk_create(
            [
                Indikator(
                    periode=sub.periode,
                    kegiatan=sub.kegiatan,
                    sub_kegiatan=sub,
                    uraian="Dua tingkat",
                )
            ]
        )
    )


def test_an_indicator_attached_to_no_level_is_rejected_by_the_database():
    periode = f.PeriodeFactory()
    _integrity(lambda: Indikator.objects.bulk_create([Indikator(periode=periode, uraian="Yatim")]))


def test_an_indicator_attached_to_two_levels_gets_a_message_from_validation():
    sub = f.SubKegiatanFactory()
    indikator = Indikator(periode=sub.periode, kegiatan=sub.kegiatan, sub_kegiatan=sub, uraian="x")
    with pytest.raises(ValidationError) as exc:
        indikator.full_clean()
    assert "tepat satu tingkat" in str(exc.value)


def test_a_denominator_of_zero_is_rejected_by_the_database():
    indikator = f.IndikatorFactory()
    _integrity(
        lambda: Realisasi.objects.bulk_create(
            [Realisasi(indikator=indikator, tahun=2023, triwulan=1, pembilang=1, penyebut=0)]
        )
    )


def test_a_period_ending_before_it_starts_is_rejected():
    _integrity(lambda: f.PeriodeFactory(tahun_awal=2026, tahun_akhir=2021))


def test_indicator_periode_follows_its_owner():
    sub = f.SubKegiatanFactory()
    indikator = Indikator.objects.create(sub_kegiatan=sub, uraian="Jumlah orang", satuan="orang")
    assert indikator.periode_id == sub.periode_id
    assert indikator.level == "sub_kegiatan"
