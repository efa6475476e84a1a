"""The RPJMD and the pohon kinerja as data: node rules, the tree cascaded from a Renstra,
intermediate nodes whose own indicators reach the unit's entry sheet, crosscutting, and
the read model's query count at two sizes."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.lembar import lembar_unit
from kinerja.models import Realisasi, TargetTriwulan
from kinerja.selectors_pohon import pohon_rows
from renstra import lingkup, services_pohon
from renstra.models import (
    Indikator,
    Jenjang,
    NodePohon,
    PerangkatDaerah,
    PeriodeRenstra,
    TargetRPJMD,
)
from tests.builders import build_opd
from tests.builders_pohon import build_pohon

pytestmark = pytest.mark.django_db


@pytest.fixture
def pohon():
    rencana = build_opd(kali=1, tahun=2025)
    return rencana, build_pohon(rencana)


def test_the_cascade_gives_every_plan_level_its_jenjang_unit_and_official(pohon):
    rencana, rpjmd = pohon
    nodes = NodePohon.objects.filter(periode_rpjmd=rpjmd)
    assert nodes.filter(jenjang=Jenjang.PEMDA).count() == 1
    assert nodes.filter(jenjang=Jenjang.OPD, sasaran__isnull=False).count() == 3
    assert nodes.filter(jenjang=Jenjang.ESELON_III).count() == rencana.counts["program"]
    assert nodes.filter(jenjang=Jenjang.ESELON_IV).count() == rencana.counts["kegiatan"]
    assert nodes.filter(jenjang=Jenjang.PELAKSANA).count() == rencana.counts["sub_kegiatan"]
    program = nodes.filter(jenjang=Jenjang.ESELON_III).select_related("pejabat", "unit").first()
    assert program.pejabat.eselon.startswith("III") and program.pejabat.unit == program.unit
    kegiatan = program.anak_set.select_related("pejabat").first()
    assert kegiatan.pejabat.atasan_id == program.pejabat_id
    assert PeriodeRenstra.objects.get(pk=rencana.periode.pk).periode_rpjmd == rpjmd


def test_running_the_cascade_again_makes_no_second_node(pohon):
    rencana, rpjmd = pohon
    before = NodePohon.objects.count()
    assert services_pohon.pohon_dari_renstra(periode_rpjmd=rpjmd, periode=rencana.periode) == {}
    assert NodePohon.objects.count() == before


def test_a_node_reuses_the_plans_indicators_without_a_copy(pohon):
    rencana, rpjmd = pohon
    jumlah = Indikator.objects.count()
    tree = pohon_rows(rpjmd, 2025, 4)
    program = next(n for n in tree.urut() if n.objek_field == "program")
    assert [i.id for i in program.indikator] == list(
        Indikator.objects.filter(program_id=program.objek_id).values_list("pk", flat=True)
    )
    assert Indikator.objects.count() == jumlah


def test_a_node_refuses_two_plan_objects_and_a_descendant_as_parent(pohon):
    rencana, rpjmd = pohon
    node = NodePohon.objects.filter(jenjang=Jenjang.ESELON_III).first()
    node.kegiatan = node.program.kegiatan_set.first()
    with pytest.raises(ValidationError):
        node.save()
    induk = NodePohon.objects.get(pk=node.induk_id)
    induk.induk = NodePohon.objects.filter(induk=node.pk).first()
    with pytest.raises(ValidationError):
        induk.save()


def test_a_node_of_another_opds_object_is_refused(pohon):
    rencana, rpjmd = pohon
    lain = build_opd(kali=1, tahun=2025, pemda=rencana.opd.pemda)
    node = NodePohon(
        periode_rpjmd=rpjmd,
        jenjang=Jenjang.ESELON_III,
        opd=rencana.opd,
        program=lain.periode.program_set.first(),
    )
    with pytest.raises(ValidationError):
        node.full_clean()


def _antara(rencana, rpjmd):
    sasaran = NodePohon.objects.filter(periode_rpjmd=rpjmd, sasaran__isnull=False).first()
    unit = rencana.opd.unit_set.order_by("urutan").first()
    node = services_pohon.node_buat(
        periode_rpjmd=rpjmd,
        jenjang=Jenjang.ESELON_III,
        induk=sasaran,
        unit=unit,
        uraian="Meningkatnya ketepatan sasaran bantuan sosial",
    )
    ind = services_pohon.indikator_node_buat(
        node=node,
        uraian="Persentase penerima bantuan tepat sasaran",
        satuan="%",
        target={2025: Decimal(90)},
    )
    return node, unit, ind


def test_an_intermediate_node_owns_ordinary_indicators_on_its_units_entry_sheet(pohon):
    rencana, rpjmd = pohon
    node, unit, ind = _antara(rencana, rpjmd)
    assert node.periode_id == rencana.periode.pk and node.opd_id == rencana.opd.pk
    assert ind.periode_id == rencana.periode.pk and ind.level == "node_pohon"
    TargetTriwulan.objects.create(indikator=ind, tahun=2025, triwulan=1, nilai=Decimal(80))
    Realisasi.objects.create(indikator=ind, tahun=2025, triwulan=1, nilai=Decimal(72))

    assert lingkup.indikator_unit(unit.pk).filter(pk=ind.pk).exists()
    other = rencana.opd.unit_set.exclude(pk=unit.pk).first()
    assert not lingkup.indikator_unit(other.pk).filter(pk=ind.pk).exists()

    sheet = lembar_unit(unit=unit, tahun=2025, triwulan=1)
    kelompok = next(g for g in sheet if g.level == "Pohon Kinerja")
    baris = next(b for b in kelompok.indikator if b.indikator.pk == ind.pk)
    assert baris.target_triwulan.angka == Decimal(80)
    assert baris.capaian.nilai == Decimal(80)  # 72 / 90 × 100

    tree = pohon_rows(rpjmd, 2025, 1)
    row = tree.node[node.pk]
    assert row.hasil_antara and row.capaian.nilai == Decimal(80)
    assert row.indikator[0].capaian == baris.capaian


def test_a_node_indicator_needs_a_node_of_a_renstra_period(pohon):
    rencana, rpjmd = pohon
    akar = NodePohon.objects.get(periode_rpjmd=rpjmd, jenjang=Jenjang.PEMDA)
    with pytest.raises(ValidationError):
        services_pohon.indikator_node_buat(node=akar, uraian="Indikator pemda", satuan="%")
    assert not Indikator.objects.filter(node_pohon=akar).exists()


def test_crosscutting_shows_every_contributing_opd_on_the_pemda_node(pohon):
    rencana, rpjmd = pohon
    lain = build_opd(kali=1, tahun=2025, pemda=rencana.opd.pemda)
    build_pohon(lain, periode_rpjmd=rpjmd)
    tree = pohon_rows(rpjmd, 2025, 4)
    akar = tree.akar[0]
    assert akar.kontributor == sorted([rencana.opd.nama, lain.opd.nama])
    # one OPD's page reads only its own nodes below the Pemda's
    satu = pohon_rows(rpjmd, 2025, 4, opd=rencana.opd)
    assert {n.opd_id for n in satu.urut()} == {None, rencana.opd.pk}


def test_a_sasaran_serving_another_rpjmd_tujuan_is_linked_crosscutting(pohon):
    rencana, rpjmd = pohon
    kedua_rpjmd = rpjmd.tujuan_set.create(pemda=rpjmd.pemda, kode="2", uraian="Tujuan kedua")
    iku2 = kedua_rpjmd.indikator_set.create(uraian="Indeks pemberdayaan gender", satuan="indeks")
    TargetRPJMD.objects.create(indikator=iku2, tahun=2025, nilai=Decimal(70))
    sasaran = rencana.periode.sasaran_set.order_by("kode").last()
    sasaran.iku_kota = iku2
    sasaran.save()
    services_pohon.pohon_dari_renstra(periode_rpjmd=rpjmd, periode=rencana.periode)
    tree = pohon_rows(rpjmd, 2025, 4)
    kedua = next(n for n in tree.akar if n.objek_id == kedua_rpjmd.pk)
    node = next(n for n in tree.urut() if n.objek_field == "sasaran" and n.objek_id == sasaran.pk)
    assert node.crosscutting == [kedua.id] and kedua.didukung == [node.id]
    assert kedua.kontributor == [rencana.opd.nama]
    assert kedua.indikator[0].target.angka == Decimal(70)


def test_an_operator_scope_keeps_only_their_units_nodes(pohon):
    rencana, rpjmd = pohon
    unit = rencana.opd.unit_set.order_by("urutan").first()
    tree = pohon_rows(rpjmd, 2025, 4, unit_id=unit.pk)
    assert tree.node and {n.unit_id for n in tree.urut()} == {unit.pk}


def _count(rpjmd, opd):
    with CaptureQueriesContext(connection) as ctx:
        pohon_rows(rpjmd, 2025, 4, opd=opd)
    return len(ctx)


def test_the_tree_read_model_costs_the_same_queries_at_two_sizes():
    kecil = build_opd(kali=1, tahun=2025)
    besar = build_opd(kali=10, tahun=2025)
    a, b = build_pohon(kecil), build_pohon(besar)
    assert (
        NodePohon.objects.filter(periode_rpjmd=b).count()
        > 5 * NodePohon.objects.filter(periode_rpjmd=a).count()
    )
    assert _count(a, kecil.opd) == _count(b, besar.opd)
    assert PerangkatDaerah.objects.count() == 2
