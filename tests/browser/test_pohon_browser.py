"""The interactive pohon kinerja in a real browser (headless Debian chromium): nodes fold
and unfold, the search keeps the matching nodes and their ancestors, the page runs under
the Content-Security-Policy without a violation, and a screenshot is written."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from renstra.models import NodePohon
from sakip import roles
from tests.builders import build_opd
from tests.builders_pohon import build_pohon
from tests.factories import PenggunaFactory

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="chromium tidak terpasang (/usr/bin/chromium)"
    ),
]
PASSWORD = "rahasia-uji-123"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("koneksi_singkat")
def test_the_tree_folds_searches_and_shows_capaian_colours(live_server, browser, tmp_path):
    rencana = build_opd(kali=1, tahun=2025)
    rpjmd = build_pohon(rencana)
    PenggunaFactory(username="perencana_pohon", opd=rencana.opd, role=roles.PERENCANA)
    program = NodePohon.objects.filter(periode_rpjmd=rpjmd, program__isnull=False).first()

    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    page = context.new_page()
    masalah = []
    page.on("console", lambda m: m.type in ("error", "warning") and masalah.append(m.text))
    page.on("pageerror", lambda exc: masalah.append(str(exc)))
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", "perencana_pohon")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    url = reverse("laporan:pohon", args=[rencana.opd.slug, 2025]) + "?triwulan=2"
    page.goto(live_server.url + url)
    page.wait_for_load_state("networkidle")

    nodes = page.locator("details.pohon-node")
    assert nodes.count() == NodePohon.objects.filter(periode_rpjmd=rpjmd).count()
    # the capaian colours are SVG fills of the read model's predicate
    assert page.locator("details.pohon-node svg.predikat-dot circle").count() >= nodes.count()

    page.click("#pohon-tutup")
    assert page.locator("details.pohon-node[open]").count() == 0
    page.click("#pohon-buka")
    assert page.locator("details.pohon-node[open]").count() == nodes.count()

    page.fill("#pohon-cari", program.program.kode.lower())
    terlihat = page.locator("details.pohon-node:not([hidden])")
    # the program, its ancestors (Pemda, OPD tujuan, sasaran) and what matches below it
    assert 4 <= terlihat.count() < nodes.count()
    assert page.locator(f"#node-{program.pk}").is_visible()
    assert "cocok" in page.locator("#pohon-hasil").text_content()
    shot = Path(os.environ.get("SAKIP_ARTIFACTS") or tmp_path) / "pohon_kinerja.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000

    page.fill("#pohon-cari", "")
    assert page.locator("details.pohon-node:not([hidden])").count() == nodes.count()
    assert masalah == []
    context.close()
