"""The quarterly workflow in a real browser (headless Debian chromium through Playwright):
the operator types a value with a decimal comma and sees capaian appear without a reload,
submits; the verifier returns one row with a comment; the operator sees it highlighted.
A screenshot of each step goes to $SAKIP_ARTIFACTS/screenshots (default artifacts/)."""

import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.kinerja.dunia import PASSWORD, siapkan

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="chromium tidak terpasang (/usr/bin/chromium)"
    ),
]


def screenshots_dir():
    root = Path(os.environ.get("SAKIP_ARTIFACTS") or Path(django_settings.BASE_DIR) / "artifacts")
    path = root / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


# htmx marks the element of a request in flight (htmx-request), the target being swapped
# (htmx-swapping), the new content until it settles (htmx-settling) and each swapped-in
# element until it is processed (htmx-added). From the response to the end of the settle
# those classes hand over to each other within one task, and a follow-up request started
# by an HX-Trigger event is marked before the first one is unmarked, so "none left" means
# every swap is done and the new rows' own hx-post forms work.
HTMX_TENANG = (
    "() => window.htmx !== undefined"
    " && !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')"
)


def kirim_htmx(page, selector):
    """Click a button whose form htmx posts, and return once the answer is swapped in and
    settled. Until the settle the new row is in the page but htmx has not yet bound its
    form, so a click there would post the plain form and load a new page."""
    with page.expect_response(
        lambda response: response.request.headers.get("hx-request") == "true"
    ):
        page.click(selector)
    page.wait_for_function(HTMX_TENANG)


def kirim_halaman(page, selector):
    """Click a button of an ordinary form and return once the page it leads to (after the
    redirect) has loaded. The old page is marked first so its text cannot pass for the
    answer's."""
    page.evaluate("window.__halamanLama = true")
    page.click(selector)
    page.wait_for_function("() => window.__halamanLama === undefined")
    page.wait_for_load_state("load")


def foto(page, path):
    """A full-page screenshot from the top (the summary bar is sticky)."""
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(path), full_page=True)


def masuk(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "Ajukan ...?" confirmations
    page.goto(live_server.url + "/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    kirim_halaman(page, "button[type=submit]")
    return page


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("koneksi_singkat")
def test_operator_enters_verifier_returns_operator_sees_the_returned_row(
    live_server, browser, settings, tmp_path
):
    from kinerja.models import Realisasi
    from sakip.alur import StatusRealisasi

    d = siapkan(settings, tmp_path)
    shots = screenshots_dir()
    row = f"#ind-{d.ind_persen.pk}"

    # 1. The operator logs in and lands on the entry sheet of the open quarter.
    page = masuk(browser, live_server, "operator")
    assert page.url.endswith("/kinerja/entri/")
    assert page.locator("h1").inner_text().startswith("Entri realisasi TW II 2025")
    assert page.locator(f"#ind-{d.ind_b.pk}").count() == 0  # another unit's indicator
    foto(page, shots / "01-operator-entri.png")

    # 2. A value with a decimal comma; capaian appears in place, without a page load.
    page.evaluate("window.__tanpaMuatUlang = true")
    page.fill(f"{row} input[name=nilai]", "86,5")
    page.fill(f"{row} textarea[name=penjelasan]", "Sesuai data penerima permakanan")
    kirim_htmx(page, f"{row} button[type=submit]")
    page.wait_for_selector(f"{row} .capaian-nilai:has-text('108,13%')")
    assert page.evaluate("window.__tanpaMuatUlang") is True
    assert "Tersimpan" in page.locator(row).inner_text()

    # The ratio row shows its value while typing, before saving: the server reads it.
    rasio = f"#ind-{d.ind_rasio.pk}"
    page.fill(f"{rasio} input[name=pembilang]", "45")
    page.fill(f"{rasio} input[name=penyebut]", "60")
    page.wait_for_selector(f"{rasio} [data-testid=rasio-hasil]:text-is('75,00')")
    kirim_htmx(page, f"{rasio} button[type=submit]")
    page.wait_for_selector(f"{rasio} .capaian-nilai:has-text('93,75%')")
    # still shown after the swap
    assert page.locator(f"{rasio} [data-testid=rasio-hasil]").inner_text() == "75,00"

    # A bad value gets the message next to the field.
    kategori = f"#ind-{d.ind_kategori.pk}"
    kirim_htmx(page, f"{kategori} button[type=submit]")
    page.wait_for_selector(f"{kategori} .invalid-feedback:has-text('Pilih kategori realisasi.')")
    page.select_option(f"{kategori} select[name=level]", label="Madya")
    kirim_htmx(page, f"{kategori} button[type=submit]")
    page.wait_for_selector(f"{kategori} .capaian-nilai:has-text('100,00%')")

    # Evidence through the row's Indonesian file picker, in the panel its "Bukti" opens.
    page.click(f"{row} [data-panel]")
    page.wait_for_selector(f"{row} .pilih-berkas", state="visible")
    page.set_input_files(
        f"{row} input[type=file]",
        files=[
            {
                "name": "daftar-penerima.pdf",
                "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4 uji",
            }
        ],
    )
    assert page.locator(f"{row} .nama-berkas").inner_text() == "daftar-penerima.pdf"
    kirim_htmx(page, f"{row} .pilih-berkas button[type=submit]")
    page.wait_for_selector(f"{row} .bukti-list a:has-text('daftar-penerima.pdf')")

    anggaran = f"#ang-{d.sub_a.pk}"
    page.fill(f"{anggaran} input[name=jumlah]", "12.500.000")
    kirim_htmx(page, f"{anggaran} button[type=submit]")
    page.wait_for_selector(f"{anggaran} .capaian-nilai:has-text('12,50%')")
    assert page.locator(f"{anggaran} input[name=jumlah]").input_value() == "12.500.000"
    assert page.evaluate("window.__tanpaMuatUlang") is True
    foto(page, shots / "02-operator-capaian-tampil.png")

    # 3. Submit the quarter.
    kirim_halaman(page, "[data-testid=ajukan]")
    page.wait_for_selector("text=realisasi diajukan untuk verifikasi")
    assert set(
        Realisasi.objects.filter(indikator__periode=d.periode).values_list("status", flat=True)
    ) == {StatusRealisasi.DIAJUKAN}
    foto(page, shots / "03-operator-diajukan.png")
    page.context.close()

    # 4. The verifier returns one row with a comment.
    page = masuk(browser, live_server, "verifikator")
    assert page.url.endswith("/kinerja/verifikasi/")
    ver = f"#ver-{d.ind_persen.pk}"
    page.wait_for_selector(ver)
    foto(page, shots / "04-verifikator-daftar.png")
    page.fill(f"{ver} textarea[name=catatan]", "Lampirkan daftar penerima permakanan TW II")
    kirim_htmx(page, f"{ver} [data-testid=kembalikan-{d.ind_persen.pk}]")
    page.wait_for_selector(f"{ver} >> text=Dikembalikan ke operator")
    kirim_htmx(page, f"#ver-{d.ind_rasio.pk} [data-testid=setujui-{d.ind_rasio.pk}]")
    page.wait_for_selector(f"#ver-{d.ind_rasio.pk} >> text=Diverifikasi")
    foto(page, shots / "05-verifikator-kembalikan.png")
    page.context.close()
    returned = Realisasi.objects.get(indikator=d.ind_persen)
    assert returned.status == StatusRealisasi.DIKEMBALIKAN

    # 5. Back as operator: the returned row is highlighted with the comment, editable again.
    page = masuk(browser, live_server, "operator")
    page.wait_for_selector(f"{row}.is-dikembalikan")
    assert (
        "Lampirkan daftar penerima permakanan TW II"
        in page.locator(f"{row} [data-testid=catatan]").inner_text()
    )
    assert page.locator(f"{row} input[name=nilai]").input_value() == "86,5"
    background = page.eval_on_selector(row, "el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
    assert (
        page.locator(f"#ind-{d.ind_rasio.pk} input[name=pembilang]").count() == 0
    )  # verified: read-only
    page.locator(row).scroll_into_view_if_needed()
    foto(page, shots / "06-operator-baris-dikembalikan.png")
    page.context.close()
    # ORM calls made while Playwright runs may hold a connection of their own context.
    from django.db import connections

    connections.close_all()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("koneksi_singkat")
def test_admin_closes_and_reopens_a_quarter_with_a_reason(live_server, browser, settings, tmp_path):
    from renstra.models import RiwayatTriwulan, TriwulanPelaporan

    d = siapkan(settings, tmp_path)
    shots = screenshots_dir()

    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.goto(live_server.url + "/akun/masuk/")
    foto(page, shots / "00-halaman-masuk.png")
    context.close()

    page = masuk(browser, live_server, "admin_pemda")
    assert page.url.endswith("/kinerja/triwulan/")
    cell = f"[data-testid=tw-{d.opd.pk}-2]"
    # Closing goes through the page naming what is left behind (tests/browser/test_tutup_browser.py).
    kirim_halaman(page, f"{cell} a:has-text('Tutup')")
    page.check("input[name=setuju]")
    kirim_halaman(page, "[data-testid=tutup-ya]")
    page.goto(live_server.url + "/kinerja/triwulan/?tahun=2025")
    page.wait_for_selector(f"{cell} >> text=Ditutup")
    # Reopening without a reason is refused by the browser and by the server.
    page.fill(f"{cell} input[name=alasan]", "Koreksi data permakanan TW II")
    kirim_halaman(page, f"{cell} button:has-text('Buka kembali')")
    page.wait_for_selector("text=dibuka.")
    foto(page, shots / "07-admin-triwulan.png")
    page.context.close()
    assert TriwulanPelaporan.objects.get(pk=d.tw.pk).status == TriwulanPelaporan.Status.BUKA
    assert RiwayatTriwulan.objects.filter(
        aksi="buka kembali", alasan="Koreksi data permakanan TW II"
    ).exists()

    from django.db import connections

    connections.close_all()
