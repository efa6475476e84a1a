"""The entry page's number preview in a real browser, against the table of the number rule
(tests/sakip/tabel_angka.py) that the server tests use: the page shows what the server's
parser reads, because it asks the server (sakip.views.angka_baca), and refuses what the
server refuses, with the same message."""

from pathlib import Path

import pytest

from sakip import angka as fmt
from tests.browser.test_alur_browser import CHROMIUM, HTMX_TENANG, foto, masuk, screenshots_dir
from tests.kinerja.dunia import siapkan
from tests.sakip.tabel_angka import DITOLAK, TERBACA

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium tidak terpasang"),
]


def ketik(page, selector, text):
    with page.expect_response(lambda r: "/angka/baca/" in r.url):
        page.fill(selector, text)
    page.wait_for_function(HTMX_TENANG)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("koneksi_singkat")
def test_the_entry_preview_reads_every_number_of_the_table_as_the_server(
    live_server, browser, settings, tmp_path
):
    d = siapkan(settings, tmp_path)
    page = masuk(browser, live_server, "operator")
    field = f"#ind-{d.ind_persen.pk} input[name=nilai]"
    out = page.locator(f"#bacaan-{d.ind_persen.pk}")
    for typed, value, reading in TERBACA:
        ketik(page, field, typed)
        assert fmt.parse_angka(typed) == value
        shown = out.inner_text().strip()
        if fmt.bacaan(typed):
            assert shown == f"dibaca: {reading}", typed
        else:
            assert shown == "", typed
    ketik(page, field, "86.5")
    foto(page, screenshots_dir() / "12-bacaan-angka.png")
    for typed, fragment in DITOLAK:
        ketik(page, field, typed)
        assert fragment in out.inner_text(), typed
    foto(page, screenshots_dir() / "12-bacaan-angka-salah.png")
