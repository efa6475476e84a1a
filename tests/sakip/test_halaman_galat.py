"""No dead ends in English (issue 12): the 403, 404 and 500 pages speak Indonesian in the
app's frame, the 500 page renders without a database or a request context, the public
verification page explains an unknown code, dates are shown and typed as dd/mm/yyyy, and
every upload page has the Indonesian file picker."""

import datetime
import re

import pytest
from django import forms
from django.template import loader
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.views.defaults import server_error

from sakip.widgets import PESAN_TANGGAL, TanggalInput
from tests.kinerja.dunia import siapkan

TANPA_PROSESOR = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": []},
    }
]


def test_the_500_page_renders_without_database_or_request_context(settings):
    # No django_db mark: any query here fails the test.
    settings.TEMPLATES = [{**TANPA_PROSESOR[0], "DIRS": settings.TEMPLATES[0]["DIRS"]}]
    response = server_error(RequestFactory().get("/laporan/"))
    teks = response.content.decode()
    assert response.status_code == 500
    assert "Terjadi kesalahan pada server (500)" in teks
    assert 'lang="id"' in teks and "sakip-navbar" in teks
    assert "Server Error" not in teks


def test_the_500_template_renders_from_an_empty_context():
    teks = loader.get_template("500.html").render()
    assert "Kembali ke beranda" in teks


def test_a_date_is_shown_and_read_as_day_month_year_in_a_text_box():
    html = TanggalInput().render("tanggal", datetime.date(2025, 1, 6))
    assert 'type="text"' in html and 'value="06/01/2025"' in html
    assert 'placeholder="hh/bb/tttt"' in html
    field = forms.DateField(widget=TanggalInput())
    assert field.clean("06/01/2025") == datetime.date(2025, 1, 6)
    assert field.clean("2025-01-06") == datetime.date(2025, 1, 6)  # what older pages sent


def test_a_bad_date_gets_an_indonesian_message():
    field = forms.DateField(widget=TanggalInput(), error_messages=PESAN_TANGGAL)
    with pytest.raises(forms.ValidationError) as exc:
        field.clean("31/02/2025")
    assert exc.value.messages == [PESAN_TANGGAL["invalid"]]


@pytest.fixture
def d(db, settings, tmp_path):
    return siapkan(settings, tmp_path)


def test_an_unknown_address_gets_the_indonesian_404_page_in_the_frame(client, d):
    client.force_login(d.perencana)
    response = client.get("/tidak-ada-halaman-ini/")
    teks = response.content.decode()
    assert response.status_code == 404
    assert "Halaman tidak ditemukan (404)" in teks
    assert "/tidak-ada-halaman-ini/" in teks
    assert "nav-utama" in teks  # the app's menu, not a bare page


def test_a_refusal_gets_the_indonesian_403_page_with_its_reason(client, d):
    client.force_login(d.kadis)
    url = reverse("anggaran:pagu_grid", args=[d.opd.slug, d.tahun])
    response = client.post(url, {f"p-{d.sub_a.pk}-1": "1"})
    teks = response.content.decode()
    assert response.status_code == 403
    assert "Akses ditolak (403)" in teks
    assert "Hanya perencana atau admin yang dapat mengubah pagu." in teks


def test_the_public_verification_page_explains_an_unknown_code(client, db):
    response = client.get(reverse("laporan:verifikasi", args=["ZZZZ-TIDAK-ADA"]))
    teks = response.content.decode()
    assert response.status_code == 404
    assert "ZZZZ-TIDAK-ADA" in teks and "tidak terdaftar" in teks


def test_every_upload_page_shows_the_indonesian_file_picker(client, d):
    pages = [
        (d.operator, reverse("kinerja:realisasi_excel")),
        (d.admin, reverse("anggaran:renstra_impor")),
        (d.perencana, reverse("anggaran:pagu_grid", args=[d.opd.slug, d.tahun])),
    ]
    for user, url in pages:
        client.force_login(user)
        teks = client.get(url).content.decode()
        inputs = re.findall(r"<input[^>]*type=\"file\"", teks)
        assert inputs, url
        assert teks.count("Pilih berkas") >= len(inputs), url
        assert "pilih-berkas" in teks, url


@override_settings(DEBUG=False)
def test_the_base_frame_loads_the_indonesian_form_messages(client, d):
    client.force_login(d.perencana)
    teks = client.get(reverse("anggaran:pagu_grid", args=[d.opd.slug, d.tahun])).content.decode()
    assert "js/formulir.js" in teks
