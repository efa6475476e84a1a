"""The Lumajang Renstra of the fixtures (seed 004) through the Excel format."""

import pytest

from anggaran import renstra_xlsx as excel
from anggaran.renstra_impor import renstra_impor
from renstra.models import PeriodeRenstra
from tests.excel.helpers import as_file, dump_rencana


@pytest.fixture
def lumajang(seed_data):
    return PeriodeRenstra.objects.select_related("opd").get(opd__slug__icontains="lumajang")


def test_lumajang_exported_and_reimported_into_an_empty_database_gives_the_same_plan(lumajang):
    opd = lumajang.opd
    awal, akhir = lumajang.tahun_awal, lumajang.tahun_akhir
    before = dump_rencana(lumajang)
    assert len(before["sub"]) > 100
    berkas = as_file(excel.renstra_export(lumajang))
    lumajang.delete()

    hasil = renstra_impor(opd=opd, tahun_awal=awal, tahun_akhir=akhir, berkas=berkas)

    assert hasil.kesalahan == [], [str(k) for k in hasil.kesalahan[:10]]
    after = PeriodeRenstra.objects.get(opd=opd, tahun_awal=awal, tahun_akhir=akhir)
    assert dump_rencana(after) == before
    assert hasil.ringkasan["Sub Kegiatan"]["ditambah"] == len(before["sub"])


def test_lumajang_reimport_of_its_own_export_leaves_everything_unchanged(lumajang):
    berkas = as_file(excel.renstra_export(lumajang))

    hasil = renstra_impor(
        opd=lumajang.opd,
        tahun_awal=lumajang.tahun_awal,
        tahun_akhir=lumajang.tahun_akhir,
        berkas=berkas,
    )

    assert hasil.kesalahan == [], [str(k) for k in hasil.kesalahan[:10]]
    for jenis, counts in hasil.baris_ringkasan():
        assert counts["ditambah"] == counts["diubah"] == 0, (jenis, counts)
