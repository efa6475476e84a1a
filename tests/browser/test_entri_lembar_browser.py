"""The dense entry sheet in a real browser (issue 13, "Tests that must be in the suite"):
the operator fills twenty rows with the keyboard only ("1.250", "86,5"), saves them with
one "Simpan semua" (Ctrl+S), saves one row with Enter and lands on the next row; then
types a value, presses "Ajukan" and is offered "Simpan semua" first. Screenshots of the
desktop and of a 390 px phone go to $SAKIP_ARTIFACTS/screenshots."""

from decimal import Decimal
from pathlib import Path

import pytest

from tests.browser.test_alur_browser import (
    HTMX_TENANG,
    foto,
    masuk,
    screenshots_dir,
)
from tests.kinerja.dunia import siapkan

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="chromium tidak terpasang (/usr/bin/chromium)"
    ),
]

JUMLAH = 20


def _baris_tambahan(d):
    """Twenty more rows of unit A: counted things ("1.250 orang") and percentages."""
    from renstra.models import Indikator
    from tests.factories import IndikatorFactory, TargetTahunanFactory, TargetTriwulanFactory

    rows = []
    for i in range(JUMLAH):
        orang = i % 2 == 0
        ind = IndikatorFactory(
            sasaran=None,
            sub_kegiatan=d.sub_a,
            kode=f"U.{i + 1:02d}",
            uraian=f"Indikator uji papan ketik {i + 1:02d}",
            tipe=Indikator.Tipe.ANGKA if orang else Indikator.Tipe.PERSENTASE,
            satuan="orang" if orang else "%",
            urutan=100 + i,
        )
        TargetTahunanFactory(indikator=ind, tahun=d.tahun, nilai=Decimal("2000" if orang else "90"))
        TargetTriwulanFactory(
            indikator=ind,
            tahun=d.tahun,
            triwulan=d.triwulan,
            nilai=Decimal("1000" if orang else "90"),
        )
        rows.append((ind, "1.250" if orang else "86,5", Decimal("1250" if orang else "86.5")))
    return rows


def _fokus_id(page):
    return page.evaluate("document.activeElement && document.activeElement.id")


def _tab_ke(page, element_id, maks=12):
    """Press Tab until the field `element_id` has the focus (the row's other fields, its
    buttons, then the next row)."""
    for _ in range(maks):
        page.keyboard.press("Tab")
        if _fokus_id(page) == element_id:
            return
    raise AssertionError(f"Tab tidak sampai ke #{element_id} (fokus: {_fokus_id(page)})")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("koneksi_singkat")
def test_operator_fills_twenty_rows_by_keyboard_and_is_offered_to_save_before_submitting(
    live_server, browser, settings, tmp_path
):
    from kinerja.models import Realisasi
    from sakip.alur import StatusRealisasi

    d = siapkan(settings, tmp_path)
    rows = _baris_tambahan(d)
    shots = screenshots_dir()

    page = masuk(browser, live_server, "operator")
    page.wait_for_function(HTMX_TENANG)
    assert page.locator("[data-testid=simpan-semua]").is_disabled()

    # 1. Twenty rows by keyboard only: type, Tab through the row to the next one.
    page.focus(f"#nilai-{rows[0][0].pk}")
    for i, (ind, teks, _) in enumerate(rows):
        assert _fokus_id(page) == f"nilai-{ind.pk}"
        page.keyboard.type(teks)
        if i + 1 < len(rows):
            _tab_ke(page, f"nilai-{rows[i + 1][0].pk}")
    page.wait_for_selector(f"[data-testid=jumlah-berubah]:has-text('{JUMLAH} baris berubah')")
    assert page.locator(".entri-row.is-dirty").count() == JUMLAH
    # the filter "Berubah" shows exactly those rows
    page.click(".entri-saring [data-tampil=berubah]")
    assert page.locator("#lembar [data-baris]:visible").count() == JUMLAH
    page.click(".entri-saring [data-tampil='']")
    foto(page, shots / "10-entri-duapuluh-baris-diketik.png")

    # 2. One "Simpan semua" (Ctrl+S): one request, every row saved.
    with page.expect_response(lambda r: "simpan-semua" in r.url) as jawaban:
        page.keyboard.press("Control+s")
    assert jawaban.value.status == 200
    page.wait_for_selector("#simpan-semua-hasil[data-gagal='0']")
    page.wait_for_function(HTMX_TENANG)
    assert page.locator("#simpan-semua-hasil").inner_text().startswith(f"{JUMLAH} baris tersimpan")
    assert page.locator(".entri-row.is-dirty").count() == 0
    saved = {
        r.indikator_id: r.nilai
        for r in Realisasi.objects.filter(indikator__in=[ind for ind, _, _ in rows])
    }
    assert saved == {ind.pk: nilai for ind, _, nilai in rows}
    assert page.locator("[data-testid=jumlah-terisi]").inner_text() == str(JUMLAH)
    foto(page, shots / "11-entri-simpan-semua.png")

    # 3. Enter saves one row and moves on to the next row's first field.
    persen, rasio = f"nilai-{d.ind_persen.pk}", f"pembilang-{d.ind_rasio.pk}"
    page.focus(f"#{persen}")
    page.keyboard.type("86,5")
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        page.keyboard.press("Enter")
    page.wait_for_function(HTMX_TENANG)
    page.wait_for_selector(f"#ind-{d.ind_persen.pk} .capaian-nilai:has-text('108,13%')")
    page.wait_for_function(f"document.activeElement && document.activeElement.id === '{rasio}'")
    assert Realisasi.objects.get(indikator=d.ind_persen).nilai == Decimal("86.5")

    # 4. The search box and the "Hanya kosong" filter.
    page.fill("#cari-baris", "papan ketik 07")
    assert page.locator("#lembar [data-baris]:visible").count() == 1
    page.fill("#cari-baris", "")
    page.click(".entri-saring [data-tampil=kosong]")
    kosong = page.locator("#lembar [data-baris]:visible")
    assert kosong.count() == 3  # the ratio, the category and the budget row
    page.click(".entri-saring [data-tampil='']")

    # 5. The phone: rows in a few short lines at 390 px, the page not wider than the screen.
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="id-ID", is_mobile=True
    )
    hp = context.new_page()
    hp.goto(live_server.url + "/akun/masuk/")
    hp.fill("#id_username", "operator")
    hp.fill("#id_password", "rahasia-uji-123")
    hp.click("button[type=submit]")
    hp.wait_for_selector("#lembar")
    lebar = hp.evaluate("document.documentElement.scrollWidth")
    assert lebar <= 392, lebar
    hp.click(f"#penyebut-{d.ind_rasio.pk}")
    hp.keyboard.type("60")
    hp.screenshot(path=str(shots / "13-entri-hp-390.png"))
    foto(hp, shots / "14-entri-hp-390-penuh.png")
    # closing the tab with a typed value: the browser's own leave-page question
    with hp.expect_event("dialog") as tanya:
        hp.close(run_before_unload=True)
    assert tanya.value.type == "beforeunload"
    tanya.value.accept()
    context.close()

    # 6. A typed value and "Ajukan": the save offer comes first.
    page.fill(f"#{rasio}", "45")
    page.fill(f"#penyebut-{d.ind_rasio.pk}", "60")
    page.click("[data-testid=ajukan]")
    dialog = page.locator("[data-testid=dialog-perubahan]")
    dialog.wait_for(state="visible")
    assert "belum disimpan" in dialog.inner_text()
    foto(page, shots / "12-entri-tawaran-simpan.png")
    # "Batal" keeps the page and what was typed
    page.click("[data-testid=dialog-perubahan] [data-pilihan=batal]")
    dialog.wait_for(state="hidden")
    assert page.input_value(f"#{rasio}") == "45"
    # a link of the navigation is held the same way
    page.click("a.nav-link:has-text('Dasbor')")
    dialog.wait_for(state="visible")
    assert page.url.endswith("/kinerja/entri/")
    # "Simpan semua lalu lanjutkan": saved, then "Ajukan" goes on (its own confirm accepted)
    page.click("[data-testid=dialog-perubahan] [data-pilihan=batal]")
    page.click("[data-testid=ajukan]")
    dialog.wait_for(state="visible")
    page.evaluate("window.__halamanLama = true")
    page.click("[data-testid=dialog-simpan-semua]")
    page.wait_for_function("() => window.__halamanLama === undefined")
    page.wait_for_selector("text=realisasi diajukan untuk verifikasi")
    row = Realisasi.objects.get(indikator=d.ind_rasio)
    assert (row.pembilang, row.penyebut, row.status) == (
        Decimal("45"),
        Decimal("60"),
        StatusRealisasi.DIAJUKAN,
    )
    page.context.close()
    from django.db import connections

    connections.close_all()
