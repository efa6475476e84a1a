"""The verification QR is drawn once per document (issue 15 item 5): one PNG at print
resolution, referenced by the running footer of every page as one shared image, instead
of an SVG path drawn again on each page."""

import base64
import io

import pytest
from PIL import Image

from laporan import pdf, selectors

from .conftest import read_pdf

pytestmark = pytest.mark.django_db

URL = "http://localhost:8000/verifikasi/ABCD-EFGH-1234/"


def test_the_qr_is_a_black_and_white_png_of_at_least_300_dpi_at_its_printed_size():
    uri = pdf.qr_data_uri(URL)
    assert uri.startswith("data:image/png;base64,")
    image = Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))
    assert image.format == "PNG" and image.mode == "1"
    lebar_inci = pdf.QR_LEBAR_MM / 25.4
    assert image.width == image.height >= pdf.QR_DPI * lebar_inci


def test_a_pdf_draws_its_qr_once_and_every_footer_shows_the_same_image(probolinggo, monkeypatch):
    calls = []
    asli = pdf.qr_data_uri

    def hitung(text):
        calls.append(text)
        return asli(text)

    monkeypatch.setattr(pdf, "qr_data_uri", hitung)
    doc = selectors.build_document("pengukuran", probolinggo, 2020, triwulan=1)
    dokumen, rendered = pdf.issue_pdf(doc)
    assert len(calls) == 1 and dokumen.kode in calls[0]

    reader, text = read_pdf(rendered.content)
    assert len(reader.pages) >= 2
    qr = set()
    for page in reader.pages:
        images = {
            ref.idnum
            for ref in (page["/Resources"].get("/XObject") or {}).values()
            if ref.get_object().get("/Subtype") == "/Image"
        }
        assert images, "a page without the QR image"
        qr |= images
    # One image object shared by every page: the QR was embedded once.
    assert len(qr) == 1
    assert text.count(f"Kode verifikasi: {dokumen.kode}") == len(reader.pages)


def test_the_page_html_names_the_qr_once(probolinggo):
    doc = selectors.build_document("pengukuran", probolinggo, 2020, triwulan=1)
    uri = pdf.qr_data_uri(URL)
    html = pdf.render_html(doc, pdf=True, kode="K", qr=uri, url=URL)
    assert html.count(uri) == 1
