"""The admin closes a quarter with rows still pending in a real browser (issue 13, the
closing test): the confirmation page names them unit by unit, the close needs the box that
names them ticked, and the record keeps the list. Screenshots at desktop and phone width
go to $SAKIP_ARTIFACTS/screenshots."""

from pathlib import Path

import pytest

from tests.browser.test_alur_browser import foto, kirim_halaman, masuk, screenshots_dir

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="chromium tidak terpasang (/usr/bin/chromium)"
    ),
]


def _baris_tertunda(d):
    """Unit A: an indicator and its budget row submitted, one indicator returned."""
    from anggaran.services import realisasi_anggaran_simpan
    from kinerja import services

    tw = {"tahun": d.tahun, "triwulan": d.triwulan}
    services.realisasi_simpan(user=d.operator, indikator=d.ind_persen, versi=0, nilai="86,5", **tw)
    kategori = services.realisasi_simpan(
        user=d.operator, indikator=d.ind_kategori, versi=0, level=d.levels["Madya"], **tw
    )
    realisasi_anggaran_simpan(
        user=d.operator, sub_kegiatan=d.sub_a, jumlah="10.000.000", versi=0, **tw
    )
    services.realisasi_ajukan(user=d.operator, unit=d.unit_a, **tw)
    kategori.refresh_from_db()
    services.realisasi_kembalikan(
        user=d.verifikator, realisasi=kategori, versi=kategori.versi, catatan="Lampirkan SK"
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("koneksi_singkat")
def test_admin_closes_a_quarter_with_rows_pending_and_sees_them_named(
    live_server, browser, settings, tmp_path
):
    from kinerja.models import PenutupanTriwulan
    from renstra.models import TriwulanPelaporan
    from tests.kinerja.dunia import siapkan

    d = siapkan(settings, tmp_path)
    _baris_tertunda(d)
    shots = screenshots_dir()

    page = masuk(browser, live_server, "admin_pemda")
    cell = f"[data-testid=tw-{d.opd.pk}-2]"
    kirim_halaman(page, f"{cell} a:has-text('Tutup')")
    assert page.locator("h1").inner_text().startswith("Tutup TW II 2025")
    unit_a = page.locator(f"[data-testid=tutup-unit-{d.unit_a.pk}]")
    unit_b = page.locator(f"[data-testid=tutup-unit-{d.unit_b.pk}]")
    assert d.ind_persen.uraian in unit_a.inner_text()
    assert d.ind_kategori.uraian in unit_a.inner_text()
    assert "2 menunggu verifikasi" in unit_a.inner_text()
    assert d.ind_b.uraian in unit_b.inner_text()
    kalimat = page.locator("[data-testid=tutup-kalimat]").inner_text()
    assert "3 baris belum diverifikasi dan 3 baris kosong" in kalimat
    foto(page, shots / "10-admin-tutup-konfirmasi.png")

    # Without the box ticked the browser does not send the form.
    page.click("[data-testid=tutup-ya]")
    assert page.locator("h1").inner_text().startswith("Tutup TW II 2025")
    assert TriwulanPelaporan.objects.get(pk=d.tw.pk).status == TriwulanPelaporan.Status.BUKA

    page.set_viewport_size({"width": 390, "height": 844})
    foto(page, shots / "11-admin-tutup-konfirmasi-ponsel.png")
    page.set_viewport_size({"width": 1366, "height": 900})

    page.fill("#alasan", "Batas waktu pelaporan TW II")
    page.check("input[name=setuju]")
    kirim_halaman(page, "[data-testid=tutup-ya]")
    page.wait_for_selector("text=ditutup.")
    assert (
        "3 baris belum diverifikasi"
        in page.locator("[data-testid=penutupan-ringkasan]").inner_text()
    )
    assert d.ind_kategori.uraian in page.content()
    foto(page, shots / "12-admin-penutupan-tercatat.png")
    page.set_viewport_size({"width": 390, "height": 844})
    foto(page, shots / "13-admin-penutupan-tercatat-ponsel.png")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/kinerja/triwulan/?tahun=2025")
    assert "3 belum diverifikasi, 3 kosong" in page.locator(cell).inner_text()
    foto(page, shots / "14-admin-triwulan-daftar.png")
    page.context.close()

    assert TriwulanPelaporan.objects.get(pk=d.tw.pk).status == TriwulanPelaporan.Status.TUTUP
    rekam = PenutupanTriwulan.objects.get()
    assert (rekam.n_diajukan, rekam.n_dikembalikan, rekam.n_kosong) == (2, 1, 3)
    assert rekam.alasan == "Batas waktu pelaporan TW II"

    from django.db import connections

    connections.close_all()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("koneksi_singkat")
def test_the_verifiers_counts_follow_each_action(live_server, browser, settings, tmp_path):
    from tests.browser.test_alur_browser import kirim_htmx
    from tests.kinerja.dunia import siapkan

    d = siapkan(settings, tmp_path)
    _baris_tertunda(d)
    shots = screenshots_dir()
    page = masuk(browser, live_server, "verifikator")
    assert page.url.endswith("/kinerja/verifikasi/")
    jumlah = "[data-testid=ver-ringkasan]"
    assert page.locator("[data-testid=ver-diajukan]").inner_text() == "2"
    kirim_htmx(page, f"[data-testid=setujui-{d.ind_persen.pk}]")
    page.wait_for_selector(f"#ver-{d.ind_persen.pk} >> text=Diverifikasi")
    assert page.locator("[data-testid=ver-diajukan]").inner_text() == "1"
    assert page.locator("[data-testid=ver-diverifikasi]").inner_text() == "1"
    assert page.locator(jumlah).count() == 1  # swapped in place, not added
    foto(page, shots / "15-verifikator-jumlah-berubah.png")
    page.set_viewport_size({"width": 390, "height": 844})
    foto(page, shots / "16-verifikator-jumlah-berubah-ponsel.png")
    page.context.close()

    from django.db import connections

    connections.close_all()
