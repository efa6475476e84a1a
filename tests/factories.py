"""factory-boy factories for the domain. Tests build small worlds with these; the real
seed data comes from fixtures/ (see tests/conftest.py)."""

from decimal import Decimal

import factory
from django.contrib.auth.models import Group

from anggaran.models import DPA, Pagu, RealisasiAnggaran
from kinerja.models import Realisasi, TargetTriwulan
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
    TriwulanPelaporan,
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


def buat_dunia_dasbor(n=1, tahun=2025):
    """A small Pemda for dashboard and listing tests: OPD A (units A1, A2) and OPD B (unit B1),
    each with a Renstra 2021–2026, `n` sasaran indicators (the first IKU) and `n` programs of
    two sub-kegiatan (one per unit) with an indicator, a pagu and targets; TW I of `tahun` is
    open and partly filled. Returns a dict of the objects tests refer to. Row counts grow with
    `n`; the number of units, OPDs and users does not."""
    from decimal import Decimal as D

    from sakip.alur import StatusRealisasi

    pemda = PemdaFactory(nama="Pemerintah Kota Dasbor", slug="kota-dasbor")
    dunia = {"pemda": pemda}
    for kode_opd in ("a", "b"):
        opd = OPDFactory(
            pemda=pemda,
            nama=f"Dinas {kode_opd.upper()}",
            singkatan=f"DIN{kode_opd.upper()}",
            slug=f"dinas-{kode_opd}",
        )
        units = [
            UnitFactory(
                opd=opd,
                nama=f"Bidang {kode_opd.upper()}{i}",
                slug=f"bidang-{kode_opd}{i}",
                urutan=i,
            )
            for i in (1, 2)
        ]
        periode = PeriodeFactory(opd=opd)
        tujuan = TujuanFactory(periode=periode, kode=f"T.{kode_opd}")
        sasaran = SasaranFactory(
            tujuan=tujuan,
            kode=f"S.{kode_opd}",
            uraian=f"Meningkatnya layanan Dinas {kode_opd.upper()}",
        )
        indikator_sasaran = []
        for i in range(n):
            ind = IndikatorFactory(
                sasaran=sasaran,
                uraian=f"Persentase layanan {kode_opd.upper()}-{i}",
                is_iku=i == 0,
                urutan=i,
            )
            ind.unit_penanggung_jawab.add(units[0])
            TargetTahunanFactory(indikator=ind, tahun=tahun, nilai=D("80"))
            TargetTriwulanFactory(indikator=ind, tahun=tahun, triwulan=1, nilai=D("20"))
            if i % 2 == 0:
                RealisasiFactory(
                    indikator=ind,
                    tahun=tahun,
                    triwulan=1,
                    nilai=D("40"),
                    status=StatusRealisasi.DIAJUKAN,
                )
            indikator_sasaran.append(ind)
        subs = []
        for i in range(n):
            program = ProgramFactory(
                sasaran=sasaran,
                periode=periode,
                kode=f"1.0{'12'[kode_opd == 'b']}.{i + 1:02d}",
                nama=f"Program {kode_opd.upper()}-{i}",
            )
            kegiatan = KegiatanFactory(program=program, kode=f"{program.kode}.2.01")
            for j, unit in enumerate(units):
                sub = SubKegiatanFactory(
                    kegiatan=kegiatan,
                    kode=f"{kegiatan.kode}.{j + 1:04d}",
                    unit=unit,
                    nama=f"Sub kegiatan {unit.nama} {i}",
                )
                PaguFactory(sub_kegiatan=sub, tahun=tahun, jumlah=D("100000000"))
                ind = IndikatorFactory(
                    sasaran=None,
                    sub_kegiatan=sub,
                    uraian=f"Jumlah peserta {sub.kode}",
                    satuan="orang",
                    tipe="angka",
                    agregasi="kumulatif",
                )
                TargetTahunanFactory(indikator=ind, tahun=tahun, nilai=D("100"))
                if j == 0:
                    RealisasiAnggaranFactory(
                        sub_kegiatan=sub, tahun=tahun, triwulan=1, jumlah=D("25000000")
                    )
                    RealisasiFactory(indikator=ind, tahun=tahun, triwulan=1, nilai=D("30"))
                subs.append(sub)
        TriwulanPelaporanFactory(opd=opd, tahun=tahun, triwulan=1)
        dunia[kode_opd] = {
            "opd": opd,
            "units": units,
            "periode": periode,
            "sasaran": sasaran,
            "indikator_sasaran": indikator_sasaran,
            "subs": subs,
        }
    return dunia


def buat_pengguna_dasbor(dunia):
    """One user per persona: operators of A1, A2 and B1, the verifier of A1, perencana and
    kepala dinas of A, pimpinan and admin of the Pemda."""
    a, b = dunia["a"], dunia["b"]
    pemda = dunia["pemda"]
    spec = {
        "operator_a1": ("Operator", a["opd"], a["units"][0]),
        "operator_a2": ("Operator", a["opd"], a["units"][1]),
        "operator_b1": ("Operator", b["opd"], b["units"][0]),
        "verifikator_a1": ("Verifikator", a["opd"], a["units"][0]),
        "perencana_a": ("Perencana", a["opd"], None),
        "kadis_a": ("Kepala Dinas", a["opd"], None),
        "pimpinan": ("Pimpinan", None, None),
        "admin": ("Admin", None, None),
    }
    return {
        name: PenggunaFactory(username=f"dasbor_{name}", role=role, pemda=pemda, opd=opd, unit=unit)
        for name, (role, opd, unit) in spec.items()
    }
