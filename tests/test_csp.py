"""The Content-Security-Policy: the header on every page, templates and Python-built HTML
that need nothing it forbids, and the print stylesheets found by the browser and WeasyPrint."""

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from tests.factories import PenggunaFactory

POLICY = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "frame-ancestors": {"'none'"},
    "form-action": {"'self'"},
}

BASE = Path(settings.BASE_DIR)
TEMPLATES = BASE / "templates"
# Python modules that build HTML (django-tables2 columns, template tags)
PYTHON_HTML = [
    p for app in ("sakip", "renstra", "kinerja", "anggaran") for p in (BASE / app).rglob("*.py")
]

FORBIDDEN = {
    "inline style attribute": re.compile(r"<[a-zA-Z][^>]*\sstyle\s*=", re.S),
    "<style> block": re.compile(r"<style\b", re.I),
    "inline event handler": re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.S),
    "inline <script>": re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>", re.I),
    "hx-on (needs eval)": re.compile(r"\shx-on[:-]"),
    "js: in hx-vals (needs eval)": re.compile(r"hx-(?:vals|headers)\s*=\s*['\"]\s*js:"),
}


def policy_of(response):
    header = response.headers["Content-Security-Policy"]
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {name: set(sources) for name, *sources in directives}


def offences(text):
    return [name for name, pattern in FORBIDDEN.items() if pattern.search(text)]


@pytest.mark.django_db
def test_login_page_carries_the_exact_policy_without_unsafe_sources(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert policy_of(response) == POLICY
    header = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header


@pytest.mark.django_db
def test_signed_in_pages_and_the_admin_carry_the_policy(client):
    client.force_login(PenggunaFactory(is_staff=True, is_superuser=True))
    for url in (reverse("home"), reverse("admin:index"), reverse("laporan:beranda")):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert policy_of(response) == POLICY, url


def test_the_scan_catches_every_forbidden_form():
    assert offences('<div class="x" style="width: 5%">') == ["inline style attribute"]
    assert offences("<style>p { color: red }</style>") == ["<style> block"]
    assert offences('<select name="t" onchange="this.form.submit()">') == ["inline event handler"]
    assert offences("<script>alert(1)</script>") == ["inline <script>"]
    assert offences('<button hx-on:click="x()">') == ["hx-on (needs eval)"]
    assert offences("<div hx-vals='js:{a: 1}'>") == ["js: in hx-vals (needs eval)"]
    # what the templates do instead
    assert offences('<script src="/static/js/sakip.js"></script>') == []
    assert offences('<select data-submit-on-change data-confirm="Yakin?">') == []
    assert offences('<rect width="40" fill="#198754"/>') == []
    assert offences("{% block extra_style %}") == []


def test_no_template_has_inline_styles_scripts_or_handlers():
    found = {
        str(path.relative_to(BASE)): offences(path.read_text(encoding="utf-8"))
        for path in TEMPLATES.rglob("*.html")
    }
    assert {path: names for path, names in found.items() if names} == {}


def test_no_python_module_builds_html_with_inline_styles_or_handlers():
    found = {
        str(path.relative_to(BASE)): offences(path.read_text(encoding="utf-8"))
        for path in PYTHON_HTML
    }
    assert {path: names for path, names in found.items() if names} == {}


@pytest.mark.parametrize(
    "nama", ["cetak", "kertas/lanskap", "kertas/iku", "kertas/matriks-a4", "kertas/matriks-f4"]
)
def test_print_stylesheet_is_a_file_for_weasyprint_and_a_static_url_for_the_browser(nama):
    for_pdf = render_to_string("laporan/_stylesheet.html", {"pdf": True, "nama": nama})
    href = re.search(r'href="([^"]+)"', for_pdf).group(1)
    # html_to_pdf renders with base_url=BASE_DIR, so WeasyPrint reads BASE_DIR / href
    assert (BASE / href).is_file()
    for_browser = render_to_string("laporan/_stylesheet.html", {"nama": nama})
    assert f'href="{settings.STATIC_URL}css/{nama}.css"' in for_browser


def test_weasyprint_reads_the_print_and_paper_stylesheets_from_the_source_tree():
    from pypdf import PdfReader

    from laporan.pdf import html_to_pdf

    links = "".join(
        render_to_string("laporan/_stylesheet.html", {"pdf": True, "nama": nama})
        for nama in ("cetak", "kertas/lanskap")
    )
    rendered = html_to_pdf(f"<html><head>{links}</head><body><p>Uji</p></body></html>")
    page = PdfReader(io.BytesIO(rendered.content)).pages[0]
    # kertas/lanskap.css turns cetak.css's A4 portrait page into A4 landscape
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
    assert "Halaman 1 dari 1" in page.extract_text()  # cetak.css's footer


@pytest.mark.parametrize(
    ("nilai", "lebar"),
    [
        (Decimal("87.456"), "87.46"),
        (Decimal("130"), "100"),
        (Decimal("100"), "100"),
        (Decimal("0.5"), "0.50"),
    ],
)
def test_bar_width_is_an_svg_attribute_capped_at_the_full_track(nilai, lebar):
    html = render_to_string("includes/_batang.html", {"nilai": nilai, "label": "Capaian"})
    assert f'<rect height="1" width="{lebar}" class="batang-isi"/>' in html
    assert 'aria-label="Capaian"' in html and "style" not in html


@pytest.mark.parametrize("nilai", [None, Decimal("0"), Decimal("-12.5")])
def test_bar_without_a_positive_figure_shows_only_the_track(nilai):
    html = render_to_string("includes/_batang.html", {"nilai": nilai, "label": "Penyerapan"})
    assert "<rect" not in html and 'class="batang"' in html
    assert ("aria-valuenow" in html) is (nilai is not None)


def test_bar_takes_the_predikat_colour_as_a_fill():
    html = render_to_string(
        "includes/_batang.html", {"nilai": Decimal("50"), "label": "Capaian", "warna": "#dc3545"}
    )
    assert 'fill="#dc3545"' in html and "batang-isi" not in html


def test_predikat_dot_is_an_svg_fill_with_an_escaped_colour():
    html = render_to_string(
        "includes/_predikat_dot.html", {"warna": '#198754"><script>x', "judul": "Baik"}
    )
    assert 'fill="#198754&quot;&gt;&lt;script&gt;x"' in html
    assert "<title>Baik</title>" in html and offences(html) == []
