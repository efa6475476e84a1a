"""Both dashboards in a real browser (headless Debian chromium): as the kepala dinas and
the pimpinan, at desktop width and at 390 px, with no CSP violation or script error, and
printed to PDF as A4 landscape (the print stylesheet hides the menu and the forms).
Screenshots and PDFs go to $SAKIP_ARTIFACTS (else a temporary directory)."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import buat_dunia_dasbor, buat_pengguna_dasbor

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="chromium tidak terpasang (/usr/bin/chromium)"
    ),
]
PASSWORD = "rahasia-uji-123"
A4_LANDSCAPE = (842, 595)  # points: 297 x 210 mm


def _masuk(browser, live_server, username, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="id-ID")
    page = context.new_page()
    masalah = []
    page.on("console", lambda m: m.type in ("error", "warning") and masalah.append(m.text))
    page.on("pageerror", lambda exc: masalah.append(str(exc)))
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    return context, page, masalah


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("koneksi_singkat")
def test_dashboards_render_at_both_widths_and_print_on_a4_landscape(live_server, browser, tmp_path):
    dunia = buat_dunia_dasbor(n=3)
    users = buat_pengguna_dasbor(dunia)
    out = Path(os.environ.get("SAKIP_ARTIFACTS", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    halaman = {
        "kadis": (users["kadis_a"], "/kinerja/dasbor/dinas-a/?tahun=2025&triwulan=1"),
        "pimpinan": (users["pimpinan"], "/kinerja/dasbor/?tahun=2025&triwulan=1"),
    }
    for nama, (user, url) in halaman.items():
        for width in (1366, 390):
            context, page, masalah = _masuk(browser, live_server, user.username, width)
            page.goto(live_server.url + url)
            page.wait_for_load_state("networkidle")
            assert page.locator("[data-testid=grafik-tren] svg rect").count() >= 2
            assert page.locator("[data-testid=dasar-rata]").is_visible()
            # Nothing sticks out sideways on a phone but the tables' own scroll boxes.
            lebar = page.evaluate("document.documentElement.scrollWidth")
            assert lebar <= width + 1, (nama, width, lebar)
            page.screenshot(path=str(out / f"dasbor_{nama}_{width}.png"), full_page=True)
            if width == 1366:
                page.emulate_media(media="print")
                assert not page.locator("nav.sakip-navbar").is_visible()
                assert not page.locator("form[aria-label='Pilih tahun dan triwulan']").is_visible()
                pdf = out / f"dasbor_{nama}_a4.pdf"
                page.pdf(path=str(pdf), format="A4", landscape=True, print_background=True)
                boxes = re.findall(
                    rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes()
                )
                assert boxes, "no page in the PDF"
                for w, h in boxes:  # chromium rounds A4 to 843 x 596 points
                    assert abs(float(w) - A4_LANDSCAPE[0]) <= 2, (w, h)
                    assert abs(float(h) - A4_LANDSCAPE[1]) <= 2, (w, h)
                if shutil.which("pdftoppm"):
                    subprocess.run(
                        [
                            "pdftoppm",
                            "-png",
                            "-r",
                            "60",
                            "-f",
                            "1",
                            "-l",
                            "2",
                            str(pdf),
                            str(out / f"dasbor_{nama}_a4"),
                        ],
                        check=True,
                    )
            assert masalah == [], masalah
            context.close()
