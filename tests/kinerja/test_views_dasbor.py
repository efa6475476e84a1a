"""The OPD and Pemda dashboards (issue 4 item 6): figures from the engine, scoping by role,
links to the rows, and query counts that do not grow with the plan."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja import selectors_pohon
from renstra.models import IndikatorRPJMD, Jenjang, NodePohon, TriwulanPelaporan, TujuanRPJMD
from sakip import roles
from tests import builders, builders_pohon
from tests.factories import PenggunaFactory, buat_dunia_dasbor, buat_pengguna_dasbor

pytestmark = pytest.mark.django_db

TW1 = "?tahun=2025&triwulan=1"


@pytest.fixture
def dunia():
    d = buat_dunia_dasbor(n=1)
    d["users"] = buat_pengguna_dasbor(d)
    return d


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


def _teks(response):
    html = response.content.decode()
    html = re.sub(r"<svg.*?</svg>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _queries(client, user, url):
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_kepala_dinas_sees_capaian_penyerapan_and_completeness_of_own_opd(client, dunia):
    response = _get(client, dunia["users"]["kadis_a"], f"/kinerja/dasbor/dinas-a/{TW1}")
    assert response.status_code == 200
    teks = _teks(response)
    # IKU: realisation 40 against the yearly target 80 -> 50,00%, Permendagri "Sangat Rendah".
    assert "50,00%" in teks and "Sangat Rendah" in teks
    # Two sub-kegiatan of Rp 100.000.000, one spent Rp 25.000.000 in TW I -> 12,50%.
    assert "Rp 25.000.000 dari pagu Rp 200.000.000" in teks
    assert "12,50%" in teks
    # Rows of TW I: 3 indicators (2 filled) and 2 sub-kegiatan with pagu (1 filled) -> 3 of 5.
    assert "3 dari 5 baris terisi" in teks
    assert "60,00%" in teks
    assert "Tahun 2025" in teks  # a year is not grouped by thousands


def test_opd_dashboard_lists_the_missing_rows_with_links_to_their_sheet(client, dunia):
    a = dunia["a"]
    response = _get(client, dunia["users"]["kadis_a"], f"/kinerja/dasbor/dinas-a/{TW1}")
    html = response.content.decode()
    sub_a2 = a["subs"][1]
    assert sub_a2.nama in html
    # The kepala dinas verifies: the links open the verification sheet at the row.
    url = reverse("kinerja:verifikasi_triwulan", args=[2025, 1])
    assert f"{url}?unit={sub_a2.unit_id}#sub-{sub_a2.pk}" in html
    iku = a["indikator_sasaran"][0]
    assert f"{url}?unit={a['units'][0].pk}#ind-{iku.pk}" in html


def test_operator_sees_only_the_slice_of_their_unit(client, dunia):
    response = _get(client, dunia["users"]["operator_a2"], "/kinerja/dasbor/opd/" + TW1)
    assert response.status_code == 302
    response = client.get(response["Location"])
    teks = _teks(response)
    assert "hanya Bidang A2" in teks
    # Unit A2 has one sub-kegiatan of Rp 100.000.000 and has spent nothing.
    assert "Rp 0 dari pagu Rp 100.000.000" in teks
    assert "0,00%" in teks
    assert "Bidang A1" not in teks
    # The operator enters rows: links go to the entry sheet.
    assert reverse("kinerja:entri_triwulan", args=[2025, 1]) in response.content.decode()


def test_user_of_another_opd_gets_404_for_an_opd_dashboard(client, dunia):
    for name in ("operator_b1", "operator_a1", "perencana_a", "kadis_a"):
        target = "dinas-a" if name == "operator_b1" else "dinas-b"
        response = _get(client, dunia["users"][name], f"/kinerja/dasbor/{target}/")
        assert response.status_code == 404, name


def test_anonymous_user_is_sent_to_login(client, dunia):
    for url in ("/kinerja/dasbor/dinas-a/", "/kinerja/dasbor/"):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_pimpinan_sees_one_line_per_opd_that_opens_each_dashboard(client, dunia):
    pimpinan = dunia["users"]["pimpinan"]
    response = _get(client, pimpinan, f"/kinerja/dasbor/{TW1}")
    assert response.status_code == 200
    html = response.content.decode()
    teks = _teks(response)
    for slug in ("dinas-a", "dinas-b"):
        link = reverse("kinerja:dasbor_opd", args=[slug]) + "?tahun=2025&amp;triwulan=1"
        assert link in html
        assert _get(client, pimpinan, f"/kinerja/dasbor/{slug}/{TW1}").status_code == 200
    # Both OPDs: Rp 25.000.000 of Rp 200.000.000 each; Pemda total 50 of 400 million.
    assert teks.count("12,50%") >= 3
    assert "Rp 50.000.000 dari pagu Rp 400.000.000" in teks
    assert teks.count("3 dari 5 baris") == 2


def test_operator_and_kepala_dinas_cannot_open_the_pemda_dashboard(client, dunia):
    for name in ("operator_a1", "kadis_a", "perencana_a"):
        assert _get(client, dunia["users"][name], "/kinerja/dasbor/").status_code == 403


def test_opd_dashboard_without_slug_sends_each_role_home(client, dunia):
    response = _get(client, dunia["users"]["kadis_a"], "/kinerja/dasbor/opd/")
    assert response["Location"] == reverse("kinerja:dasbor_opd", args=["dinas-a"])
    response = _get(client, dunia["users"]["pimpinan"], "/kinerja/dasbor/opd/")
    assert response["Location"] == reverse("kinerja:dasbor_pemda")


def test_bad_year_or_quarter_is_reported_in_indonesian_and_the_active_quarter_shown(client, dunia):
    response = _get(
        client, dunia["users"]["kadis_a"], "/kinerja/dasbor/dinas-a/?tahun=dua&triwulan=7"
    )
    assert response.status_code == 200
    teks = _teks(response)
    assert "Tahun harus berupa angka" in teks
    assert "Triwulan harus I, II, III atau IV" in teks
    assert "Ditampilkan tahun 2025 triwulan I" in teks


def test_year_without_a_renstra_period_says_so(client, dunia):
    response = _get(
        client, dunia["users"]["kadis_a"], "/kinerja/dasbor/dinas-a/?tahun=2030&triwulan=1"
    )
    assert "Belum ada Renstra" in _teks(response)


def _bangun(kali):
    """Two OPDs of one Pemda built by tests/builders.py at size `kali`, TW IV 2023 open,
    and a kepala dinas, an operator (of the first OPD) and a pimpinan."""
    rencana = builders.build_opd(kali=kali, tahun=2023, triwulan=4)
    builders.build_opd(pemda=rencana.opd.pemda, kali=kali, tahun=2023, triwulan=4)
    TriwulanPelaporan.objects.create(opd=rencana.opd, tahun=2023, triwulan=4)
    pemda, opd = rencana.opd.pemda, rencana.opd
    unit = opd.unit_set.order_by("urutan").first()
    users = {
        "kadis": PenggunaFactory(role=roles.KEPALA_DINAS, pemda=pemda, opd=opd),
        "operator": PenggunaFactory(role=roles.OPERATOR, pemda=pemda, opd=opd, unit=unit),
        "pimpinan": PenggunaFactory(role=roles.PIMPINAN, pemda=pemda),
    }
    return rencana, users


# Pinned: a change here is a real change of the page's queries (STYLE rule 8). They include
# the session, the user, their groups and the page frame's own reads.
# (+1 since the roll-up reads the budget of indicators naming their serving programs.)
# (+1 since the per-unit counts read the OPD's (unit, indicator) pairs in a query of their
# own instead of walking every indicator of the database per unit, issue 15 item 4.)
# (+12 since the page marks unverified rows (2 queries) and draws the quarters of the year:
# the same rows at TW I-III (4) and the budget total at each (2 x 3).)
QUERIES_DASBOR_OPD = 45
QUERIES_DASBOR_OPD_OPERATOR = 44
# (+1 since the page looks up the RPJMD period for the crosscutting table; -1 at each of the
# four quarters it reads since the roll-up reads only the yearly targets, issue 15 item 7;
# +30 since it marks
# unverified rows per OPD (2), reads the settings once more (1) and reads the quarters
# TW I-III: pemda_rows and the budget total of each; -1 since the header names the Pemda of
# a Pemda-wide reader, not an OPD.)
# (-14 since the roll-up of every quarter TW I..the quarter is one pass, issue 15 item 7
# (kinerja.selectors.pemda_rows_triwulan): the periods, indicators with their targets, the
# three aggregates of the realisations and the OPDs are read once (6) and the budget per
# OPD once per quarter (4), instead of six queries per quarter (4 x 6) at TW IV.)
QUERIES_DASBOR_PEMDA = 36
# The workbooks read what the pages read, less the OPD page frame's own reads (two).
QUERIES_DASBOR_OPD_XLSX = QUERIES_DASBOR_OPD - 2
QUERIES_DASBOR_PEMDA_XLSX = QUERIES_DASBOR_PEMDA
# With a pohon kinerja: its nodes, crosscutting links and IKU Kota (three more), and one
# more lookup of the active quarter since that Pemda has no quarter open.
QUERIES_DASBOR_PEMDA_POHON = QUERIES_DASBOR_PEMDA + 4
# The seed OPD in TW I: every quarter's program budget is one query, and TW I has no
# earlier quarter to read (-10).
QUERIES_DASBOR_OPD_SEED_TW1 = QUERIES_DASBOR_OPD - 10


def test_query_counts_of_both_dashboards_do_not_grow_with_the_plan(client):
    counts = {}
    for kali in (1, 10):
        rencana, users = _bangun(kali)
        opd_url = f"/kinerja/dasbor/{rencana.opd.slug}/?tahun=2023&triwulan=4"
        xlsx_url = f"/kinerja/dasbor/{rencana.opd.slug}/dasbor.xlsx?tahun=2023&triwulan=4"
        counts[kali] = (
            _queries(client, users["kadis"], opd_url),
            _queries(client, users["operator"], opd_url),
            _queries(client, users["pimpinan"], "/kinerja/dasbor/?tahun=2023&triwulan=4"),
            _queries(client, users["kadis"], xlsx_url),
            _queries(client, users["pimpinan"], "/kinerja/dasbor/pemda.xlsx?tahun=2023&triwulan=4"),
        )
        sizes = rencana.counts
    assert sizes["indikator"] > 300 and sizes["sub_kegiatan"] > 200
    assert counts[1] == counts[10]
    assert counts[10] == (
        QUERIES_DASBOR_OPD,
        QUERIES_DASBOR_OPD_OPERATOR,
        QUERIES_DASBOR_PEMDA,
        QUERIES_DASBOR_OPD_XLSX,
        QUERIES_DASBOR_PEMDA_XLSX,
    )


def test_opd_dashboard_of_the_seed_fixtures_renders_with_the_pinned_query_count(client, seed_data):
    from renstra.models import PerangkatDaerah

    opd = PerangkatDaerah.objects.get(slug="dinsos-pppa-probolinggo")
    TriwulanPelaporan.objects.get_or_create(opd=opd, tahun=2025, triwulan=1)
    kadis = PenggunaFactory(role=roles.KEPALA_DINAS, pemda=opd.pemda, opd=opd)
    url = f"/kinerja/dasbor/{opd.slug}/{TW1}"
    assert _queries(client, kadis, url) == QUERIES_DASBOR_OPD_SEED_TW1
    teks = _teks(client.get(url))
    assert "Bidang Rehabilitasi, Perlindungan dan Jaminan Sosial" in teks


def test_absorption_chart_has_one_bar_per_quarter_cumulated_and_flags_overspending(client, dunia):
    from decimal import Decimal

    from tests.factories import RealisasiAnggaranFactory

    sub_a1 = dunia["a"]["subs"][0]
    RealisasiAnggaranFactory(sub_kegiatan=sub_a1, tahun=2025, triwulan=2, jumlah=Decimal(30000000))
    response = _get(
        client, dunia["users"]["kadis_a"], "/kinerja/dasbor/dinas-a/?tahun=2025&triwulan=2"
    )
    html = response.content.decode()
    # Program pagu Rp 200.000.000: 25 million to TW I, 55 million to TW II.
    assert "<title>TW I: 12,50%</title>" in html
    assert "<title>TW II: 27,50%</title>" in html
    assert "melebihi pagu" not in html
    # The A1 operator's slice: pagu Rp 100.000.000, 55 million to TW II, 80 million more in TW III.
    RealisasiAnggaranFactory(sub_kegiatan=sub_a1, tahun=2025, triwulan=3, jumlah=Decimal(80000000))
    response = _get(
        client, dunia["users"]["operator_a1"], "/kinerja/dasbor/dinas-a/?tahun=2025&triwulan=3"
    )
    html = response.content.decode()
    assert "<title>TW III: 135,00%</title>" in html
    assert "135,00% melebihi pagu" in html


def _bangun_pohon(kali):
    """Two OPDs of one Pemda under one RPJMD tujuan (tests/builders_pohon.py), and a
    pimpinan."""
    rencana = builders.build_opd(kali=kali, tahun=2023, triwulan=4)
    kedua = builders.build_opd(pemda=rencana.opd.pemda, kali=kali, tahun=2023, triwulan=4)
    periode_rpjmd = builders_pohon.build_pohon(rencana)
    builders_pohon.build_pohon(kedua, periode_rpjmd=periode_rpjmd)
    pimpinan = PenggunaFactory(role=roles.PIMPINAN, pemda=rencana.opd.pemda)
    return rencana, kedua, periode_rpjmd, pimpinan


def test_pemda_dashboard_shows_which_opds_contribute_to_each_rpjmd_tujuan(client):
    rencana, kedua, periode_rpjmd, pimpinan = _bangun_pohon(1)
    tujuan_lain = TujuanRPJMD.objects.create(
        pemda=rencana.opd.pemda, periode_rpjmd=periode_rpjmd, kode="2", uraian="Tujuan lain"
    )
    IndikatorRPJMD.objects.create(tujuan_rpjmd=tujuan_lain, uraian="Indeks lain", satuan="")
    node_lain = NodePohon.objects.create(
        periode_rpjmd=periode_rpjmd, jenjang=Jenjang.PEMDA, tujuan_rpjmd=tujuan_lain, urutan=9
    )
    # only the second OPD serves the other tujuan, through one of its sasaran (crosscutting)
    sasaran_node = NodePohon.objects.filter(
        opd=kedua.opd, jenjang=Jenjang.OPD, sasaran__isnull=False
    ).first()
    sasaran_node.crosscutting.add(node_lain)

    baris = {k.judul: k for k in selectors_pohon.kontribusi_rpjmd(rencana.opd.pemda, 2023)}
    assert [o.opd_nama for o in baris["Tujuan RPJMD uji"].opd] == sorted(
        [rencana.opd.nama, kedua.opd.nama]
    )
    assert baris["Tujuan RPJMD uji"].iku == ["Persentase penduduk miskin"]
    (lain,) = baris["Tujuan lain"].opd
    assert (lain.opd_nama, lain.node) == (kedua.opd.nama, [sasaran_node.judul])

    teks = _teks(_get(client, pimpinan, "/kinerja/dasbor/?tahun=2023&triwulan=4"))
    assert "Kontribusi perangkat daerah pada tujuan dan sasaran RPJMD" in teks
    assert "2 perangkat daerah" in teks and "Indeks lain" in teks


def test_pemda_dashboard_with_a_tree_keeps_its_query_count_at_two_sizes(client):
    counts = {}
    for kali in (1, 3):
        rencana, kedua, periode_rpjmd, pimpinan = _bangun_pohon(kali)
        assert NodePohon.objects.filter(periode_rpjmd=periode_rpjmd).count() > 20 * kali
        counts[kali] = _queries(client, pimpinan, "/kinerja/dasbor/?tahun=2023&triwulan=4")
    assert counts[1] == counts[3] == QUERIES_DASBOR_PEMDA_POHON


def test_a_planner_of_the_pemda_without_an_opd_gets_a_choice_not_a_404(client, dunia):
    """A Bappeda perencana (a Pemda, no OPD) follows the "Dasbor OPD" link of the menu: a
    page that says why there is no OPD to open, not a 404."""
    bappeda = PenggunaFactory(
        username="dasbor_bappeda", role=roles.PERENCANA, pemda=dunia["pemda"], opd=None
    )
    client.force_login(bappeda)
    response = client.get("/kinerja/dasbor/opd/" + TW1)
    assert response.status_code == 200
    assert 'href="/kinerja/dasbor/opd/"' in response.content.decode()  # the menu's link
    teks = _teks(response)
    assert "Dasbor OPD" in teks
    assert f"terdaftar pada {dunia['pemda'].nama} tanpa perangkat daerah" in teks
    assert 'data-testid="tanpa-opd"' in response.content.decode()
