"""The pohon kinerja pages: the interactive tree, its landscape PDF and its XLSX, read from
one read model; an operator sees only their unit's nodes; query counts at two sizes."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.models import Realisasi
from kinerja.selectors_pohon import pohon_rows
from laporan import pdf
from laporan.models import DokumenTerbit
from laporan.selectors.pohon import SKP_KOLOM
from renstra.models import Indikator, NodePohon, Pejabat
from sakip import roles
from tests.builders import build_opd
from tests.builders_pohon import build_pohon
from tests.factories import PenggunaFactory
from tests.laporan.conftest import orientation, read_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def kecil():
    rencana = build_opd(kali=1, tahun=2025)
    return rencana, build_pohon(rencana)


def _masuk(client, rencana, role, **extra):
    user = PenggunaFactory(opd=rencana.opd, role=role, **extra)
    client.force_login(user)
    return user


def _url(name, rencana, query=""):
    return reverse(f"laporan:{name}", args=[rencana.opd.slug, rencana.tahun]) + query


def test_the_tree_page_shows_every_node_with_its_capaian_colour(client, kecil):
    rencana, rpjmd = kecil
    _masuk(client, rencana, roles.PERENCANA)
    response = client.get(_url("pohon", rencana, "?triwulan=2"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="pohon-node') == NodePohon.objects.filter(periode_rpjmd=rpjmd).count()
    tree = pohon_rows(rpjmd, 2025, 2)
    dinilai = [n for n in tree.urut() if n.predikat]
    assert dinilai and f'fill="{dinilai[0].predikat.warna}"' in html
    assert "Telaah pohon kinerja" in html and 'src="/static/js/pohon.js"' in html
    assert "<script>" not in html and 'style="' not in html


def test_an_operator_sees_only_their_units_nodes(client, kecil):
    rencana, rpjmd = kecil
    unit = rencana.opd.unit_set.order_by("urutan").first()
    _masuk(client, rencana, roles.OPERATOR, unit=unit)
    html = client.get(_url("pohon", rencana)).content.decode()
    own = NodePohon.objects.filter(periode_rpjmd=rpjmd, unit=unit)
    other = NodePohon.objects.filter(periode_rpjmd=rpjmd).exclude(unit=unit)
    assert html.count('class="pohon-node') == own.count() > 0
    assert all(f'id="node-{n.pk}"' not in html for n in other)
    wb = load_workbook(io.BytesIO(client.get(_url("pohon_kinerja_xlsx", rencana)).content))
    units = {c.value for c in wb["Pohon Kinerja"]["I"] if isinstance(c.value, str)}
    assert units <= {"Unit kerja", unit.nama}


def test_another_opds_user_gets_404(client, kecil):
    rencana, _ = kecil
    lain = build_opd(kali=1, tahun=2025)
    _masuk(client, lain, roles.PERENCANA)
    assert client.get(_url("pohon", rencana)).status_code == 404
    assert client.get(_url("pohon_kinerja_xlsx", rencana)).status_code == 404


def test_the_tree_prints_landscape_and_its_workbook_rows_are_the_nodes(client, kecil):
    rencana, rpjmd = kecil
    _masuk(client, rencana, roles.PERENCANA)
    response = client.get(_url("pohon_kinerja_pdf", rencana))
    assert response.status_code == 200
    reader, text = read_pdf(response.content)
    assert orientation(reader.pages[0]) == "landscape"
    assert "Pohon Kinerja" in text and "Tujuan RPJMD uji" in text
    wb = load_workbook(io.BytesIO(client.get(_url("pohon_kinerja_xlsx", rencana)).content))
    ws = wb["Pohon Kinerja"]
    judul = {c.value for c in ws["C"] if c.value}
    tree = pohon_rows(rpjmd, 2025, 4)
    assert {n.judul for n in tree.urut()} <= judul
    assert "Telaah" in wb.sheetnames


def _count(client, rencana):
    client.get(_url("pohon", rencana))
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(_url("pohon", rencana))
    assert response.status_code == 200
    return len(ctx)


def test_the_tree_page_costs_the_same_queries_at_two_sizes(client):
    kecil = build_opd(kali=1, tahun=2025)
    besar = build_opd(kali=10, tahun=2025, pemda=kecil.opd.pemda)
    build_pohon(kecil)
    build_pohon(besar)
    assert (
        NodePohon.objects.filter(opd=besar.opd).count()
        > 5 * NodePohon.objects.filter(opd=kecil.opd).count()
    )
    _masuk(client, kecil, roles.ADMIN)
    assert _count(client, kecil) == _count(client, besar)


def test_the_tree_pdf_issues_a_verifiable_record(client, kecil, monkeypatch):
    rencana, _ = kecil
    monkeypatch.setattr(
        pdf, "html_to_pdf", lambda html, base_url=None: pdf.RenderedPdf(b"%PDF-1.7 uji", 1)
    )
    _masuk(client, rencana, roles.PERENCANA)
    assert client.get(_url("pohon_kinerja_pdf", rencana, "?triwulan=2")).status_code == 200
    dokumen = DokumenTerbit.objects.get(jenis="pohon-kinerja")
    assert (dokumen.opd, dokumen.tahun, dokumen.triwulan) == (rencana.opd, 2025, 2)


def test_the_skp_export_reopened_holds_one_row_per_node_indicator_of_the_official(client, kecil):
    rencana, rpjmd = kecil
    _masuk(client, rencana, roles.PERENCANA)
    kabid = Pejabat.objects.filter(opd=rencana.opd, eselon__startswith="III").first()
    nodes = NodePohon.objects.filter(periode_rpjmd=rpjmd, pejabat=kabid)
    diharapkan = set()
    for node in nodes:
        for ind in Indikator.objects.filter(program=node.program_id):
            diharapkan.add((node.program.nama, ind.uraian))
    args = [rencana.opd.slug, 2025, kabid.pk]
    response = client.get(reverse("laporan:skp_xlsx", args=args))
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0] == SKP_KOLOM
    assert {(r[4], r[5]) for r in rows[1:]} == diharapkan
    assert {r[0] for r in rows[1:]} == {kabid.nip} and {r[8] for r in rows[1:]} == {
        n.induk.sasaran.uraian for n in nodes
    }
    # the quarterly realisation is what was entered for the node's indicator
    ind = Indikator.objects.get(uraian=rows[1][5], program__in=[n.program_id for n in nodes])
    real = {r.triwulan: r.nilai for r in Realisasi.objects.filter(indikator=ind, tahun=2025)}
    assert [rows[1][9 + i] for i in range(4)] == [float(real[tw]) for tw in (1, 2, 3, 4)]

    text = client.get(reverse("laporan:skp_csv", args=args)).content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == SKP_KOLOM and len(lines) == len(rows)

    daftar = client.get(reverse("laporan:skp_daftar", args=[rencana.opd.slug, 2025]))
    assert kabid.nama in daftar.content.decode()


def test_an_operator_cannot_open_the_skp_of_another_units_official(client, kecil):
    rencana, _ = kecil
    unit, lain = rencana.opd.unit_set.order_by("urutan")[:2]
    _masuk(client, rencana, roles.OPERATOR, unit=unit)
    kabid_lain = Pejabat.objects.get(unit=lain, eselon__startswith="III")
    url = reverse("laporan:skp_xlsx", args=[rencana.opd.slug, 2025, kabid_lain.pk])
    assert client.get(url).status_code == 404
    daftar = client.get(reverse("laporan:skp_daftar", args=[rencana.opd.slug, 2025]))
    assert kabid_lain.nama not in daftar.content.decode()


def test_pimpinan_reads_the_whole_pemdas_tree_with_every_contributing_opd(client, kecil):
    rencana, rpjmd = kecil
    lain = build_opd(kali=1, tahun=2025, pemda=rencana.opd.pemda)
    build_pohon(lain, periode_rpjmd=rpjmd)
    _masuk(client, rencana, roles.PIMPINAN)
    satu = client.get(_url("pohon", rencana)).content.decode()
    semua = client.get(_url("pohon", rencana, "?lingkup=pemda")).content.decode()
    assert lain.opd.nama not in satu
    assert f"Kontributor: {', '.join(sorted([rencana.opd.nama, lain.opd.nama]))}" in semua
    # a perencana's page stays on their OPD whatever the address says
    _masuk(client, rencana, roles.PERENCANA)
    assert (
        lain.opd.nama not in client.get(_url("pohon", rencana, "?lingkup=pemda")).content.decode()
    )
