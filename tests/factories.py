"""factory-boy factories for the domain. Tests build small worlds with these; the real
seed data comes from fixtures/ (see tests/conftest.py)."""

from decimal import Decimal

import factory
from django.contrib.auth.models import Group

from anggaran.models import DPA, Pagu, RealisasiAnggaran
from kinerja.models import Realisasi, TargetTriwulan, TriwulanPelaporan
from renstra.models import (
    Indikator,
    Kegiatan,
    Pemda,
    Pengguna,
    PerangkatDaerah,
    PeriodeRenstra,
    Program,
    Sasaran,
    SubKegiatan,
    TargetTahunan,
    Tujuan,
    UnitKerja,
)


class PemdaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pemda

    nama = factory.Sequence(lambda n: f"Pemerintah Kota Uji {n}")
    slug = factory.Sequence(lambda n: f"kota-uji-{n}")
    ibukota = "Kota Uji"


class OPDFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerangkatDaerah

    pemda = factory.SubFactory(PemdaFactory)
    nama = factory.Sequence(lambda n: f"Dinas Uji {n}")
    slug = factory.Sequence(lambda n: f"dinas-uji-{n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitKerja

    opd = factory.SubFactory(OPDFactory)
    nama = factory.Sequence(lambda n: f"Bidang Uji {n}")
    slug = factory.Sequence(lambda n: f"bidang-uji-{n}")


class PenggunaFactory(factory.django.DjangoModelFactory):
    """A user; pass role="Operator" (see sakip.roles) to put them in that group."""

    class Meta:
        model = Pengguna
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    password = factory.django.Password("rahasia-uji-123")

    @factory.post_generation
    def role(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.groups.add(Group.objects.get(name=extracted))


class PeriodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PeriodeRenstra

    opd = factory.SubFactory(OPDFactory)
    tahun_awal = 2021
    tahun_akhir = 2026


class TujuanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tujuan

    periode = factory.SubFactory(PeriodeFactory)
    kode = factory.Sequence(lambda n: f"T{n}")
    uraian = factory.Sequence(lambda n: f"Tujuan uji {n}")


class SasaranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sasaran

    tujuan = factory.SubFactory(TujuanFactory)
    kode = factory.Sequence(lambda n: f"S{n}")
    uraian = factory.Sequence(lambda n: f"Sasaran uji {n}")


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    sasaran = factory.SubFactory(SasaranFactory)
    periode = factory.SelfAttribute("sasaran.periode")
    kode = factory.Sequence(lambda n: f"1.06.{n:02d}")
    nama = factory.Sequence(lambda n: f"Program uji {n}")


class KegiatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kegiatan

    program = factory.SubFactory(ProgramFactory)
    kode = factory.LazyAttributeSequence(lambda o, n: f"{o.program.kode}.2.{n:02d}")
    nama = factory.Sequence(lambda n: f"Kegiatan uji {n}")


class SubKegiatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubKegiatan

    kegiatan = factory.SubFactory(KegiatanFactory)
    kode = factory.LazyAttributeSequence(lambda o, n: f"{o.kegiatan.kode}.{n:04d}")
    nama = factory.Sequence(lambda n: f"Sub kegiatan uji {n}")


class IndikatorFactory(factory.django.DjangoModelFactory):
    """An indicator of a sasaran unless another level is given."""

    class Meta:
        model = Indikator

    sasaran = factory.SubFactory(SasaranFactory)
    uraian = factory.Sequence(lambda n: f"Persentase uji {n}")
    satuan = "%"


class TargetTahunanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetTahunan

    indikator = factory.SubFactory(IndikatorFactory)
    tahun = 2023
    nilai = Decimal("80")


class TargetTriwulanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetTriwulan

    indikator = factory.SubFactory(IndikatorFactory)
    tahun = 2023
    triwulan = 4
    nilai = Decimal("80")


class RealisasiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Realisasi

    indikator = factory.SubFactory(IndikatorFactory)
    tahun = 2023
    triwulan = 1
    nilai = Decimal("50")


class PaguFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pagu

    sub_kegiatan = factory.SubFactory(SubKegiatanFactory)
    tahun = 2023
    jumlah = Decimal("100000000")


class RealisasiAnggaranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RealisasiAnggaran

    sub_kegiatan = factory.SubFactory(SubKegiatanFactory)
    tahun = 2023
    triwulan = 1
    jumlah = Decimal("25000000")


class DPAFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DPA

    opd = factory.SubFactory(OPDFactory)
    tahun = 2023
    jumlah = Decimal("1000000000")


class TriwulanPelaporanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TriwulanPelaporan

    opd = factory.SubFactory(OPDFactory)
    tahun = 2023
    triwulan = 1
