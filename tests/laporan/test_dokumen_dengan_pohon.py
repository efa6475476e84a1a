"""Every document of the demo still builds once the demo's pohon kinerja exists (load_demo
builds it): an indicator owned by a tree node (an intermediate result) belongs to the tree
document, not to the Renstra tables. The cascading 2023 used to fail on it (KeyError
'node_pohon') while the tests, which load only the fixtures, passed."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from laporan import matriks, pdf, selectors
from laporan.xlsx import dokumen_workbook
from renstra import demo
from renstra.models import Indikator, NodePohon, PerangkatDaerah, PeriodeRenstra
from sakip import xlsx
from tests.laporan.conftest import read_pdf

pytestmark = pytest.mark.django_db

DOKUMEN = [
    ("pk", 2025, {}),
    ("rencana-aksi", 2025, {}),
    ("pengukuran", 2025, {"triwulan": 1}),
    ("lkjip", 2025, {}),
    ("iku", 2025, {}),
    ("cascading", 2023, {}),
    ("cascading", 2025, {"semua_sub": True}),
    ("pohon-kinerja", 2025, {}),
]


@pytest.fixture
def probolinggo(seed_data):
    opd = PerangkatDaerah.objects.select_related("pemda").get(slug=demo.DEMO_OPD_SLUG)
    demo.create_demo_pejabat(opd)
    demo.create_demo_pohon(opd)
    assert Indikator.objects.filter(periode__opd=opd, node_pohon__isnull=False).exists()
    return opd


@pytest.mark.parametrize("jenis, tahun, extra", DOKUMEN, ids=[f"{j}-{t}" for j, t, _ in DOKUMEN])
def test_every_document_builds_with_the_demo_tree(probolinggo, jenis, tahun, extra):
    doc = selectors.build_document(jenis, probolinggo, tahun, **extra)
    assert doc["opd"] == probolinggo or doc.get("opd") is not None


def test_the_cascading_is_built_from_the_tree_with_its_intermediate_result(probolinggo):
    doc = selectors.build_document("cascading", probolinggo, 2025, semua_sub=True)
    assert doc["dari_pohon"]
    node = NodePohon.objects.get(
        periode__opd=probolinggo, uraian__startswith="Meningkatnya ketepatan"
    )
    ind = node.indikator_set.get()
    baris = next(r for r in doc["rows"] if r["program_id"] == node.pk)
    assert baris["program_antara"] and baris["program"] == node.uraian
    assert baris["program_pj"] == node.jabatan
    assert [(i["uraian"], i["target"].nilai) for i in baris["program_ind"]] == [
        (ind.uraian, Decimal(90))
    ]
    # every node of the OPD has its place in the table: tujuan, sasaran, program column,
    # kegiatan and sub-kegiatan lines
    tempat = set()
    for r in doc["rows"]:
        tempat |= {r["tujuan_id"], r["sasaran_id"], r["program_id"], r["node_id"]}
    semua = set(NodePohon.objects.filter(opd=probolinggo).values_list("pk", flat=True))
    assert semua <= tempat
    # the small tree: every node down to the kegiatan, sub-kegiatan named under theirs
    pohon = doc["pohon"]
    judul = {n["judul"] for n in pohon}
    assert node.uraian in judul and "Wali Kota Probolinggo" in {
        n["penanggung_jawab"] for n in pohon
    }
    antara = next(n for n in pohon if n["judul"] == node.uraian)
    assert antara["antara"] and antara["indikator"][0]["target"].nilai == Decimal(90)
    sub = {s for n in pohon for s in n["sub"]}
    assert sub == set(
        NodePohon.objects.filter(opd=probolinggo, jenjang="pelaksana").values_list(
            "sub_kegiatan__nama", flat=True
        )
    )


def test_the_cascading_keeps_the_plans_order_of_programs_and_the_iku_kota_of_seed_000(
    probolinggo,
):
    doc = selectors.build_document("cascading", probolinggo, 2023)
    program = [r["program"] for r in doc["rows"] if r["program_span"] and r["program"]]
    assert program[:3] == [
        "PROGRAM REHABILITASI SOSIAL",
        "PROGRAM PENANGANAN BENCANA",
        "PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL",
    ]
    tujuan = [(r["tujuan_no"], r["tujuan_rpjmd"]) for r in doc["rows"] if r["tujuan_span"]]
    assert [n for n, _ in tujuan] == list(range(1, len(tujuan) + 1))
    iku = {i["uraian"] for r in doc["rows"] for i in r["iku_kota"]}
    assert {"Persentase Penduduk Miskin", "Indeks Pemberdayaan Gender"} <= iku
    pertama = doc["rows"][0]
    assert (pertama["indikator"][0]["target"].nilai, pertama["indikator"][0]["lalu"].nilai) == (
        Decimal(89),
        Decimal("80.9"),
    )


def test_the_cascading_pdf_from_the_tree_starts_its_table_on_page_1(probolinggo):
    doc = selectors.build_document("cascading", probolinggo, 2025)
    rendered = pdf.html_to_pdf(pdf.render_html(doc, pdf=True))
    reader, text = read_pdf(rendered.content)
    halaman_1 = " ".join((reader.pages[0].extract_text() or "").split())
    assert "Tujuan di RPJMD" in halaman_1 and "Persentase Penduduk Miskin" in halaman_1
    assert "hasil antara".upper() in text.upper() and "POHON KINERJA (CASCADING)" in text.upper()
    assert "Persentase PPKS penerima bantuan sosial" in text


def test_every_renstra_matrix_builds_with_the_demo_tree(probolinggo):
    periode = PeriodeRenstra.objects.filter(opd=probolinggo, tahun_awal=2021).first()
    for jenis in matriks.MATRIKS:
        assert matriks.matriks(jenis, periode)["judul"]


def test_the_review_of_the_demo_tree_finds_what_fixtures_readme_lists(probolinggo):
    """fixtures/README.md, "What the review checks find on the demo tree (2025)": keep the
    two in step."""
    doc = selectors.build_document("pohon-kinerja", probolinggo, 2025)
    temuan = {cek: items for cek, items in doc["telaah"]}
    assert {cek: len(items) for cek, items in temuan.items()} == {
        "Node tanpa indikator": 0,
        "Indikator tanpa target tahunan": 34,
        "Sasaran OPD tanpa keterkaitan RPJMD": 1,
        "Program / kegiatan berpagu tanpa node": 0,
        "Node anak di luar unit induknya": 1,
        "Indikator aktivitas pada jenjang outcome": 0,
    }
    per_jenjang = {}
    for t in temuan["Indikator tanpa target tahunan"]:
        n = doc["pohon"].node[t.node_id]
        per_jenjang[n.objek_field] = per_jenjang.get(n.objek_field, 0) + 1
    assert per_jenjang == {
        "tujuan_rpjmd": 2,
        "tujuan": 2,
        "sasaran": 2,
        "program": 4,
        "kegiatan": 12,
        "sub_kegiatan": 12,
    }
    assert "Meningkatnya Manajemen Perkantoran" in (
        temuan["Sasaran OPD tanpa keterkaitan RPJMD"][0].pesan
    )
    assert "Fasilitasi Bantuan Sosial Kesejahteraan Keluarga" in (
        temuan["Node anak di luar unit induknya"][0].pesan
    )


def test_the_cascading_workbook_from_the_tree_holds_the_iku_kota_and_the_intermediate_result(
    probolinggo,
):
    doc = selectors.build_document("cascading", probolinggo, 2025)
    # A document workbook is written in write-only mode: read it back from its bytes.
    ws = load_workbook(io.BytesIO(xlsx.simpan_bytes(dokumen_workbook(doc))))["Cascading"]
    teks = {str(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
    assert "Persentase Penduduk Miskin" in teks
    assert "Meningkatnya ketepatan sasaran perlindungan dan jaminan sosial bagi PPKS" in teks
