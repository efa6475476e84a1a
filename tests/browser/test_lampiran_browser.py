"""The Daftar Lampiran page in a real browser: the perencana picks a file with the
Indonesian picker, a bad file is refused with its message beside the field, an image is
listed after the matrix, the PK and the Pengukuran; no CSP violation on the way."""

import io

import pytest
from PIL import Image

from tests.browser.test_csp_browser import OPD, demo, masuk  # noqa: F401 (fixture)

SCREENSHOT = "/tmp/lampiran-lkjip.png"


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (20, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("koneksi_singkat")
def test_the_perencana_uploads_a_piagam_and_a_bad_file_is_refused_beside_the_field(
    live_server,
    browser,
    demo,  # noqa: F811 (the fixture imported above)
    settings,
    tmp_path,
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    page, pengamat = masuk(browser, live_server, "perencana")
    url = f"{live_server.url}/laporan/{OPD}/2025/lkjip/lampiran/"
    page.goto(url)
    page.fill("#id_judul", "Piagam rusak")
    page.set_input_files(
        "input[name=berkas]", {"name": "rusak.png", "mimeType": "image/png", "buffer": b"xx"}
    )
    page.click("button:has-text('Unggah lampiran')")
    page.wait_for_load_state("networkidle")
    assert "Jenis berkas tidak diizinkan" in page.inner_text("[data-testid=galat-berkas]")
    page.fill("#id_judul", "Piagam Penghargaan KLA")
    page.set_input_files(
        "input[name=berkas]", {"name": "kla.png", "mimeType": "image/png", "buffer": _png()}
    )
    page.click("button:has-text('Unggah lampiran')")
    page.wait_for_load_state("networkidle")
    daftar = page.inner_text("[data-testid=daftar-lampiran]")
    assert daftar.index("Matriks Renstra") < daftar.index("Pengukuran") < daftar.index("KLA")
    page.screenshot(path=SCREENSHOT, full_page=True)
    pengamat.periksa(page)
    assert [t for t in pengamat.temuan if "HTTP 422" not in t] == []
    page.context.close()
