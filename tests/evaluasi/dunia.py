"""Small worlds for the evaluasi tests: an OPD with units, officials and an evaluation."""

import datetime

from evaluasi import services
from renstra.models import Pejabat
from tests.factories import OPDFactory, PenggunaFactory, UnitFactory

TAHUN = 2024


def buat_opd(n_unit=2):
    opd = OPDFactory()
    units = [UnitFactory(opd=opd) for _ in range(n_unit)]
    return opd, units


def pejabat(opd, jabatan, eselon="", atasan=None, unit=None, **extra):
    return Pejabat.objects.create(
        pemda=opd.pemda,
        opd=opd,
        unit=unit,
        nama=f"Pejabat {jabatan}",
        jabatan=jabatan,
        eselon=eselon,
        atasan=atasan,
        mulai_menjabat=datetime.date(2020, 1, 1),
        **extra,
    )


def evaluasi_untuk(opd, tahun=TAHUN):
    return services.evaluasi_buka(opd=opd, tahun=tahun)


def pengguna(role, opd=None, pemda=None, unit=None):
    return PenggunaFactory(
        role=role, opd=opd, pemda=pemda or (opd.pemda if opd else None), unit=unit
    )
