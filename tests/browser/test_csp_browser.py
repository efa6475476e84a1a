"""The main pages under the Content-Security-Policy in a real browser (headless Debian
chromium through Playwright), signed in as each demo user of `load_demo`: no page reports a
`securitypolicyviolation`, a console error or warning, or a script error, and what used to
be inline code (htmx saving a row, the history panel's close button, the year select that
submits itself) still works from the static scripts."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="chromium tidak terpasang (/usr/bin/chromium)"
    ),
]

OPD = "dinsos-pppa-probolinggo"
# 2020 is the demo year with every document and a full year of realisations; 2025 TW I is
# the quarter load_demo opens for entry.
PERIODE = "?tahun=2020&triwulan=4"

# Registered before any page script, so a violation on the first paint is counted too.
PANTAU = """
window.__pelanggaran = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__pelanggaran.push(e.violatedDirective + " " + (e.blockedURI || "inline") +
    " " + (e.sourceFile || "") + ":" + e.lineNumber);
});
"""


class Pengamat:
    """Console errors and warnings, script errors, failed loads and CSP violations of one
    page, each with the address it happened on."""

    def __init__(self, context, page):
        self.temuan = []
        self.page = page
        context.add_init_script(PANTAU)
        page.on("console", self.konsol)
        page.on("pageerror", lambda exc: self.temuan.append(f"{page.url} pageerror: {exc}"))
        page.on("response", self.respons)

    def konsol(self, msg):
        # A failed load is reported by respons() with its address; the console names none.
        if msg.type in ("error", "warning") and not msg.text.startswith("Failed to load resource"):
            self.temuan.append(f"{self.page.url} console {msg.type}: {msg.text}")

    def respons(self, response):
        # /favicon.ico is the browser's own guess on pages that link no icon (the admin's)
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            self.temuan.append(f"{self.page.url} HTTP {response.status}: {response.url}")

    def periksa(self, page):
        """Collect the page's CSP violations so far; call before leaving it."""
        for v in page.evaluate("(window.__pelanggaran || []).splice(0)"):
            self.temuan.append(f"{page.url} CSP: {v}")


def masuk(browser, live_server, username):
    from renstra.demo import DEMO_PASSWORD

    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    page = context.new_page()
    pengamat = Pengamat(context, page)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(live_server.url + "/akun/masuk/")
    pengamat.periksa(page)
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    pengamat.periksa(page)
    return page, pengamat


def kunjungi(page, pengamat, url):
    response = page.goto(url)
    assert response.status == 200, (url, response.status)
    page.wait_for_load_state("networkidle")
    pengamat.periksa(page)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("koneksi_singkat")
def test_the_watcher_reports_an_inline_style_the_policy_refuses(live_server, browser):
    context = browser.new_context()
    page = context.new_page()
    pengamat = Pengamat(context, page)
    kunjungi(page, pengamat, live_server.url + "/akun/masuk/")
    assert pengamat.temuan == []
    # an inline style attribute, which the policy refuses to apply
    page.evaluate(
        "document.body.appendChild(document.createElement('p')).setAttribute('style', 'color: red')"
    )
    page.wait_for_function("window.__pelanggaran.length > 0")
    pengamat.periksa(page)
    assert any("CSP: style-src-attr" in t for t in pengamat.temuan), pengamat.temuan
    assert any("console error: Applying inline style violates" in t for t in pengamat.temuan)
    context.close()


@pytest.fixture
def demo(settings):
    # The production password hasher would cost seconds per demo user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", no_migrate=True, verbosity=0)
    from renstra.models import PeriodeRenstra

    return PeriodeRenstra.objects.filter(opd__slug=OPD).order_by("-tahun_awal").first()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("koneksi_singkat")
def test_main_pages_of_every_demo_user_run_without_a_csp_violation(
    live_server, browser, demo, settings, tmp_path
):
    from laporan.models import DokumenTerbit
    from renstra.models import Indikator

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    base = live_server.url
    temuan = []

    # The operator: the entry sheet, where htmx saves a row in place and the history panel
    # opens and closes.
    page, pengamat = masuk(browser, live_server, "operator")
    assert page.url.endswith("/kinerja/entri/")
    pengamat.periksa(page)
    row = page.locator("[data-entri-row]:has(input[name=nilai])").first
    row_id = row.get_attribute("id")
    page.evaluate("window.__tanpaMuatUlang = true")
    page.fill(f"#{row_id} input[name=nilai]", "12,5")
    page.click(f"#{row_id} button[type=submit]")
    page.wait_for_selector(f"#{row_id} >> text=Tersimpan")
    assert page.evaluate("window.__tanpaMuatUlang") is True
    page.click(f"#{row_id} button:has-text('Riwayat')")
    panel = page.locator(f"#riwayat-{row_id.removeprefix('ind-')} .card")
    panel.wait_for()
    page.click(f"#riwayat-{row_id.removeprefix('ind-')} [data-remove-closest]")
    assert panel.count() == 0
    pengamat.periksa(page)
    for url in ("/kinerja/realisasi/" + PERIODE, "/anggaran/realisasi/" + PERIODE):
        kunjungi(page, pengamat, base + url)
    temuan += pengamat.temuan
    page.context.close()

    page, pengamat = masuk(browser, live_server, "verifikator")
    assert page.url.endswith("/kinerja/verifikasi/")
    # The quarter switcher is a Bootstrap dropdown placed by Popper, which styles through
    # the CSSOM (allowed), not through style attributes.
    page.click("button.dropdown-toggle:has-text('TW ')")
    page.locator(".dropdown-menu.show").wait_for()
    pengamat.periksa(page)
    temuan += pengamat.temuan
    page.context.close()

    # Dashboards of a year with realisations: predikat dots and bars in the data's colours.
    page, pengamat = masuk(browser, live_server, "kadis")
    kunjungi(page, pengamat, f"{base}/kinerja/dasbor/{OPD}/{PERIODE}")
    assert page.locator("svg.predikat-dot circle[fill]").count() > 0
    assert page.locator(".batang svg rect").count() > 0
    temuan += pengamat.temuan
    page.context.close()

    page, pengamat = masuk(browser, live_server, "pimpinan")
    kunjungi(page, pengamat, f"{base}/kinerja/dasbor/{PERIODE}")
    temuan += pengamat.temuan
    page.context.close()

    # The documents as pages, styled by cetak.css, and the public check of an issued PDF.
    page, pengamat = masuk(browser, live_server, "perencana")
    laporan = f"{base}/laporan/{OPD}/2020/"
    for url in (f"{base}/laporan/", laporan, f"{base}/renstra/indikator/{PERIODE}"):
        kunjungi(page, pengamat, url)
    for url in (
        laporan + "pk/",
        laporan + "pengukuran/4/",
        laporan + "lkjip/",
        laporan + "iku/",
        laporan + "cascading/",
        f"{base}/laporan/{OPD}/2025/rencana-aksi/",
        f"{base}/renstra/{OPD}/{demo.pk}/matriks/t-c-27/",
    ):
        kunjungi(page, pengamat, url)
        # cetak.css's grey screen background: the document's stylesheet applied
        latar = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert latar == "rgb(233, 236, 239)", url
    pdf = page.request.get(laporan + "iku.pdf")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    kode = DokumenTerbit.objects.latest("created_at").kode
    kunjungi(page, pengamat, f"{base}/verifikasi/{kode}/")
    assert page.evaluate("getComputedStyle(document.querySelector('.kartu')).maxWidth") != "none"
    temuan += pengamat.temuan
    page.context.close()

    # The admin: the Django admin and the quarter list, whose year select submits itself.
    page, pengamat = masuk(browser, live_server, "admin")
    indikator = Indikator.objects.filter(periode=demo).first()
    for url in (
        "/admin/",
        "/admin/renstra/indikator/",
        f"/admin/renstra/indikator/{indikator.pk}/change/",
    ):
        kunjungi(page, pengamat, base + url)
    kunjungi(page, pengamat, base + "/kinerja/triwulan/")
    pilihan = page.locator("#pilih-tahun option").all_inner_texts()
    with page.expect_navigation():
        page.select_option("#pilih-tahun", pilihan[0])
    assert re.search(rf"tahun={pilihan[0]}", page.url)
    pengamat.periksa(page)
    temuan += pengamat.temuan
    page.context.close()

    from django.db import connections

    connections.close_all()
    assert temuan == []
