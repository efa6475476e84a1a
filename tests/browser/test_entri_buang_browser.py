"""The entry sheet's "Buang perubahan" in a real browser: a saved value and a typed
change, a link of the navigation, "Buang perubahan": the page goes on, and coming back
shows the saved value again (not what was typed), in a row drawn on load and in a row
that a save has drawn again since."""

from decimal import Decimal
from pathlib import Path

import pytest

from tests.browser.test_alur_browser import HTMX_TENANG, kirim_htmx, masuk
from tests.kinerja.dunia import siapkan

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="chromium tidak terpasang (/usr/bin/chromium)"
    ),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("koneksi_singkat")
def test_buang_perubahan_restores_the_saved_values_and_goes_on(
    live_server, browser, settings, tmp_path
):
    from kinerja.models import Realisasi
    from tests.factories import RealisasiFactory

    d = siapkan(settings, tmp_path)
    RealisasiFactory(
        indikator=d.ind_persen, tahun=d.tahun, triwulan=d.triwulan, nilai=Decimal("70")
    )
    nilai, penjelasan = f"#nilai-{d.ind_persen.pk}", f"#penjelasan-{d.ind_persen.pk}"
    pemb, peny = f"#pembilang-{d.ind_rasio.pk}", f"#penyebut-{d.ind_rasio.pk}"

    page = masuk(browser, live_server, "operator")
    page.wait_for_function(HTMX_TENANG)
    assert page.input_value(nilai) == "70"
    # the ratio row is saved once, so the sheet draws it again (45 / 60 is now saved)
    page.fill(pemb, "45")
    page.fill(peny, "60")
    kirim_htmx(page, f"#ind-{d.ind_rasio.pk} button[type=submit]")
    page.wait_for_function(HTMX_TENANG)

    # a value the server refuses: the row comes back drawn with what was typed
    page.fill(nilai, "dua belas")
    kirim_htmx(page, f"#ind-{d.ind_persen.pk} button[type=submit]")
    page.wait_for_selector(f"#ind-{d.ind_persen.pk}[data-kotor] .is-invalid")
    assert page.input_value(nilai) == "dua belas"
    page.fill(penjelasan, "ketikan yang dibuang")
    page.fill(pemb, "1")
    page.wait_for_selector("[data-testid=jumlah-berubah]:has-text('2 baris berubah')")
    page.click("a.nav-link:has-text('Dasbor')")
    dialog = page.locator("[data-testid=dialog-perubahan]")
    dialog.wait_for(state="visible")
    # what the fields hold as the page is left (sessionStorage outlives the page)
    page.evaluate(
        "(ids) => window.addEventListener('pagehide', () => sessionStorage.setItem('ditinggal',"
        " JSON.stringify(ids.map((id) => document.querySelector(id).value))))",
        [nilai, penjelasan, pemb, peny],
    )
    page.evaluate("window.__halamanLama = true")
    page.click("[data-testid=dialog-perubahan] [data-pilihan=buang]")
    page.wait_for_function("() => window.__halamanLama === undefined")
    assert "/kinerja/entri/" not in page.url
    assert Realisasi.objects.get(indikator=d.ind_persen).nilai == Decimal("70")
    ditinggal = page.evaluate("JSON.parse(sessionStorage.getItem('ditinggal'))")
    assert ditinggal == ["70", "", "45", "60"]

    # back (the browser's own history, which may restore the page as it was left) ...
    page.go_back()
    page.wait_for_selector(nilai)
    print(
        "DEBUG",
        page.evaluate("performance.getEntriesByType('navigation')[0].type"),
        page.input_value(nilai),
        page.input_value(pemb),
        page.input_value(penjelasan),
    )
    assert page.input_value(nilai) == "70"
    assert page.input_value(penjelasan) == ""
    assert (page.input_value(pemb), page.input_value(peny)) == ("45", "60")
    # ... and a fresh visit of the sheet
    page.goto(live_server.url + "/kinerja/entri/")
    page.wait_for_function(HTMX_TENANG)
    assert page.input_value(nilai) == "70"
    assert (page.input_value(pemb), page.input_value(peny)) == ("45", "60")
    assert page.locator(".entri-row.is-dirty").count() == 0
    page.context.close()
    from django.db import connections

    connections.close_all()
