import io

import pytest
from pypdf import PdfReader

from renstra.models import PerangkatDaerah

A4_SHORT, A4_LONG = 595, 842  # points


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Issued PDFs are written under a throw-away MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def probolinggo(seed_data):
    return PerangkatDaerah.objects.select_related("pemda").get(slug="dinsos-pppa-probolinggo")


def read_pdf(content):
    """(reader, full text with whitespace collapsed) of PDF bytes."""
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return reader, " ".join(text.split())


def orientation(page):
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert {round(width), round(height)} == {A4_SHORT, A4_LONG}, (width, height)
    return "portrait" if height > width else "landscape"
