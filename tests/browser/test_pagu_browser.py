"""The pagu screen in a real browser (issue 12): the perencana types a pergeseran as
"1.250.000" in the grid, saves, and sees the OPD dashboard's penyerapan of that quarter
change. Screenshots go to $SAKIP_ARTIFACTS/screenshots (default artifacts/), like the
workflow test's."""

from decimal import Decimal
from pathlib import Path

import pytest

from anggaran.models import Pagu
from tests.browser.test_alur_browser import CHROMIUM, foto, kirim_halaman, masuk, screenshots_dir
from tests.factories import RealisasiAnggaranFactory
from tests.kinerja.dunia import siapkan

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="chromium tidak terpasang (/usr/bin/chromium)"
    ),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_perencana_types_a_pergeseran_and_the_dashboard_absorption_changes(
    browser, live_server, settings, tmp_path, koneksi_singkat
):
    d = siapkan(settings, tmp_path)
    # Spent in TW I: Rp 25.000.000 of the murni pagu Rp 150.000.000 (sub A 100, sub B 50).
    RealisasiAnggaranFactory(
        sub_kegiatan=d.sub_a, tahun=d.tahun, triwulan=1, jumlah=Decimal(25_000_000)
    )
    shots = screenshots_dir()
    dasbor = f"{live_server.url}/kinerja/dasbor/{d.opd.slug}/?tahun={d.tahun}&triwulan=2"

    page = masuk(browser, live_server, d.perencana.username)
    page.goto(dasbor)
    assert page.get_by_test_id("penyerapan-total").inner_text() == "16,67%"  # 25 / 150
    foto(page, shots / "pagu-01-dasbor-sebelum.png")

    page.click("nav >> text=Pagu")
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "Pagu sub kegiatan 2025"
    # The upload form: an Indonesian file button and, sent empty, an Indonesian bubble.
    berkas = page.locator("#judul-unggah ~ form input[type=file]")
    page.click("#judul-unggah ~ form button[type=submit]")
    assert berkas.evaluate("el => el.validationMessage") == "Pilih berkas terlebih dahulu."
    contoh = tmp_path / "pagu-contoh.xlsx"
    contoh.write_bytes(b"bukan workbook")
    berkas.set_input_files(str(contoh))
    assert page.locator("#judul-unggah ~ form .nama-berkas").inner_text() == "pagu-contoh.xlsx"
    assert "Pilih berkas" in page.locator("#judul-unggah ~ form .pilih-berkas").inner_text()

    sel = f"input[name=p-{d.sub_b.pk}-2]"
    page.fill(sel, "1.250.000")
    page.select_option(f"select[name=j-{d.sub_b.pk}-2]", "pergeseran")
    foto(page, shots / "pagu-02-grid-diisi.png")
    kirim_halaman(page, "#form-pagu button[type=submit]")
    assert "1 pagu disimpan." in page.locator(".sakip-messages").inner_text()
    assert page.input_value(sel) == "1.250.000"
    assert page.locator(f"[data-pagu-berlaku='{d.sub_b.pk}']").inner_text() == "Rp 1.250.000"
    foto(page, shots / "pagu-03-grid-tersimpan.png")
    baru = Pagu.objects.get(sub_kegiatan=d.sub_b, tahun=d.tahun, berlaku_mulai=2)
    assert (baru.jumlah, baru.jenis) == (Decimal(1_250_000), Pagu.Jenis.PERGESERAN)

    page.goto(dasbor)
    # Pagu in force at TW II: 100.000.000 + 1.250.000; 25 / 101,25 = 24,69%.
    assert page.get_by_test_id("penyerapan-total").inner_text() == "24,69%"
    foto(page, shots / "pagu-04-dasbor-sesudah.png")

    # No dead end in English: an unknown address and an unknown document code.
    response = page.goto(f"{live_server.url}/anggaran/pagu/tidak-ada/2025/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Halaman tidak ditemukan (404)"
    foto(page, shots / "pagu-05-404.png")
    response = page.goto(f"{live_server.url}/verifikasi/TIDAK-ADA/")
    assert response.status == 404
    assert "tidak terdaftar" in page.content()
    foto(page, shots / "pagu-06-verifikasi-tidak-ada.png")
