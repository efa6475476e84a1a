"""The review checks of a pohon kinerja, each on a small tree built to break it (pure: the
tree's read model rows are built by hand, no database)."""

from decimal import Decimal
from types import SimpleNamespace

from kinerja import selectors
from kinerja.selectors_pohon import IndikatorPohon, NodeRow, Pohon
from kinerja.telaah_pohon import (
    ObjekAnggaran,
    Rencana,
    SasaranRencana,
    anak_di_luar_unit,
    anggaran_tanpa_node,
    indikator_aktivitas,
    indikator_tanpa_target,
    kata_aktivitas,
    node_tanpa_indikator,
    sasaran_tanpa_rpjmd,
    telaah,
)
from renstra.models import Jenjang

RPJMD = SimpleNamespace(tahun_awal=2021, tahun_akhir=2026)


def _ind(id, uraian="Persentase PPKS terlayani", satuan="%", tahun=(2025,), rpjmd=False):
    return IndikatorPohon(
        id=id,
        uraian=uraian,
        satuan=satuan,
        rpjmd=rpjmd,
        target=selectors.Nilai(Decimal(80)),
        tahun_bertarget=frozenset(tahun),
    )


def _node(id, jenjang, *, induk=None, objek=None, unit=None, ind=(), cross=(), periode=7):
    field, objek_id = objek if objek else (None, None)
    return NodeRow(
        id=id,
        induk_id=induk,
        jenjang=jenjang,
        objek_field=field,
        objek_id=objek_id,
        kode="",
        judul=f"Node {id}",
        opd_id=None if jenjang == Jenjang.PEMDA else 1,
        opd_nama="" if jenjang == Jenjang.PEMDA else "Dinas Uji",
        periode_id=None if jenjang == Jenjang.PEMDA else periode,
        unit_id=unit,
        unit_nama=f"Bidang {unit}" if unit else "",
        jabatan="",
        pejabat_id=None,
        pejabat_nama="",
        urutan=id,
        indikator=list(ind),
        crosscutting=list(cross),
    )


def _pohon(*nodes, tahun=2025):
    per = {n.id: n for n in nodes}
    akar = []
    for n in nodes:
        (per[n.induk_id].anak if n.induk_id else akar).append(n)
    return Pohon(RPJMD, tahun, 4, akar, per)


def _sehat():
    """A tree that passes every check."""
    return _pohon(
        _node(1, Jenjang.PEMDA, objek=("tujuan_rpjmd", 1), ind=[_ind(100, rpjmd=True)]),
        _node(2, Jenjang.OPD, induk=1, objek=("sasaran", 10), ind=[_ind(1)]),
        _node(3, Jenjang.ESELON_III, induk=2, objek=("program", 20), unit=5, ind=[_ind(2)]),
        _node(4, Jenjang.ESELON_IV, induk=3, objek=("kegiatan", 30), unit=5, ind=[_ind(3)]),
    )


RENCANA_SEHAT = Rencana(
    tahun_periode={7: (2021, 2026)},
    sasaran=[SasaranRencana(10, "1", "Sasaran uji", iku_kota_id=1)],
    anggaran=[
        ObjekAnggaran("program", 20, "1.06.04", "Program", Decimal(100)),
        ObjekAnggaran("kegiatan", 30, "1.06.04.2.01", "Kegiatan", Decimal(100)),
    ],
)


def test_a_sound_tree_has_no_findings():
    assert all(not v for v in telaah(_sehat(), RENCANA_SEHAT).values())


def test_a_node_without_an_indicator_is_found():
    pohon = _sehat()
    pohon.node[4].indikator = []
    temuan = node_tanpa_indikator(pohon)
    assert [t.node_id for t in temuan] == [4]
    assert "belum memiliki indikator" in temuan[0].pesan


def test_an_indicator_without_a_target_for_the_year_is_found_once():
    pohon = _sehat()
    pohon.node[3].indikator = [_ind(2, tahun=(2024,))]
    temuan = indikator_tanpa_target(pohon, RENCANA_SEHAT)
    assert [(t.node_id, t.indikator_id) for t in temuan] == [(3, 2)]
    assert "2025" in temuan[0].pesan


def test_missing_targets_over_several_years_name_each_year_inside_the_period():
    temuan = indikator_tanpa_target(_sehat(), RENCANA_SEHAT, tahun_list=range(2024, 2029))
    assert temuan and all("2024, 2026" in t.pesan for t in temuan)
    assert not any("2027" in t.pesan for t in temuan)


def test_an_opd_sasaran_outside_the_rpjmd_branch_is_found():
    pohon = _pohon(
        _node(1, Jenjang.PEMDA, objek=("tujuan_rpjmd", 1), ind=[_ind(100, rpjmd=True)]),
        _node(2, Jenjang.OPD, objek=("sasaran", 10), ind=[_ind(1)]),
    )
    temuan = sasaran_tanpa_rpjmd(pohon, RENCANA_SEHAT)
    assert [t.node_id for t in temuan] == [2]


def test_a_crosscutting_link_to_an_rpjmd_node_counts_as_linked():
    pohon = _pohon(
        _node(1, Jenjang.PEMDA, objek=("tujuan_rpjmd", 1), ind=[_ind(100, rpjmd=True)]),
        _node(2, Jenjang.OPD, objek=("sasaran", 10), ind=[_ind(1)], cross=[1]),
    )
    assert sasaran_tanpa_rpjmd(pohon, RENCANA_SEHAT) == []


def test_a_sasaran_without_iku_kota_or_without_a_node_is_found():
    rencana = Rencana(
        tahun_periode={7: (2021, 2026)},
        sasaran=[
            SasaranRencana(10, "1", "Sasaran uji", iku_kota_id=None),
            SasaranRencana(11, "2", "Sasaran tanpa node", iku_kota_id=1),
        ],
    )
    temuan = sasaran_tanpa_rpjmd(_sehat(), rencana)
    assert sorted(t.objek for t in temuan) == ["sasaran:10", "sasaran:11"]


def test_a_program_or_kegiatan_with_pagu_but_no_node_is_found_and_one_without_pagu_is_not():
    rencana = Rencana(
        anggaran=[
            *RENCANA_SEHAT.anggaran,
            ObjekAnggaran("kegiatan", 31, "1.06.04.2.02", "Kegiatan lepas", Decimal(5)),
            ObjekAnggaran("program", 21, "1.06.05", "Program tanpa pagu", None),
            ObjekAnggaran("program", 22, "1.06.06", "Program pagu nol", Decimal(0)),
        ]
    )
    temuan = anggaran_tanpa_node(_sehat(), rencana)
    assert [t.objek for t in temuan] == ["kegiatan:31"]
    assert "1.06.04.2.02" in temuan[0].pesan


def test_a_child_of_another_unit_is_found():
    pohon = _sehat()
    pohon.node[4].unit_id, pohon.node[4].unit_nama = 6, "Bidang 6"
    temuan = anak_di_luar_unit(pohon)
    assert [t.node_id for t in temuan] == [4]
    assert "Bidang 6" in temuan[0].pesan and "Bidang 5" in temuan[0].pesan


def test_an_activity_count_where_an_outcome_is_expected_is_a_warning_only():
    pohon = _sehat()
    pohon.node[3].indikator = [_ind(2, "Jumlah kegiatan sosialisasi yang terlaksana", "kegiatan")]
    pohon.node[4].indikator = [_ind(3, "Jumlah laporan yang tersusun", "laporan")]
    temuan = indikator_aktivitas(pohon)
    # the eselon IV output may count products; the eselon III outcome may not
    assert [(t.node_id, t.tingkat) for t in temuan] == [(3, "peringatan")]


def test_the_activity_heuristic_reads_satuan_and_wording():
    assert kata_aktivitas("Persentase anak terlindungi", "dokumen")
    assert kata_aktivitas("Terselenggaranya rapat koordinasi", "")
    assert not kata_aktivitas("Persentase PMKS yang terpenuhi kebutuhan dasarnya", "%")
    assert not kata_aktivitas("Jumlah orang yang mendapatkan layanan", "orang")
