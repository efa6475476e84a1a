"""The LKjIP lampiran (issue 14): in the seed's daftar lampiran order — the Renstra matrix
T-C.27, the PK, the four Pengukuran, then uploaded attachments (images printed, PDFs listed
as handed in separately); the perencana uploads and deletes (asked first) while the LKjIP is
a draft, a bad file is refused with an Indonesian message and changes nothing."""

import io
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from laporan import pdf, selectors
from laporan.models import LampiranLkjip, LaporanKinerja
from laporan.selectors.lampiran import daftar_lampiran, urutan_berikut
from sakip import roles
from tests.factories import PenggunaFactory

from .conftest import read_pdf

TAHUN_DRAF = 2025
PDF = b"%PDF-1.4\n%lampiran uji\n"


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def test_the_daftar_lampiran_puts_the_matrix_pk_and_pengukuran_before_the_uploads():
    unggahan = [
        SimpleNamespace(pk=7, judul="Piagam KLA", gambar=True, nama_asli="kla.png"),
        SimpleNamespace(pk=9, judul="PK Tahun 2021", gambar=False, nama_asli="pk.pdf"),
    ]
    rows = daftar_lampiran(tahun=2020, kode_matriks="T-C.27", unggahan_list=unggahan)
    assert [r.nomor for r in rows] == [1, 2, 3, 4, 5]
    assert [r.jenis for r in rows] == ["matriks", "pk", "pengukuran", "unggahan", "unggahan"]
    assert rows[0].judul == "Matriks Renstra (Tabel T-C.27)"
    assert rows[3].gambar and rows[3].jangkar == "lampiran-unggahan-7"
    assert rows[4].terpisah and rows[4].jangkar == ""


def _masuk(client, opd, role):
    user = PenggunaFactory(role=role, opd=opd, pemda=opd.pemda)
    client.force_login(user)
    return user


def _unggah(client, opd, tahun, nama, isi, judul="Piagam Penghargaan", urutan=1):
    return client.post(
        reverse("laporan:lampiran_daftar", args=[opd.slug, tahun]),
        {"judul": judul, "urutan": urutan, "berkas": SimpleUploadedFile(nama, isi)},
    )


@pytest.mark.django_db
def test_the_lkjip_pdf_lists_its_lampiran_in_order_with_the_matrix_and_the_image(
    probolinggo, settings
):
    laporan = LaporanKinerja.objects.get(opd=probolinggo, tahun=2020)
    storage_root = settings.PRIVATE_MEDIA_ROOT / "lampiran-lkjip"
    storage_root.mkdir(parents=True)
    (storage_root / "piagam").write_bytes(_png())
    (storage_root / "pk2021").write_bytes(PDF)
    for judul, urutan, nama, jenis in (
        ("Perjanjian Kinerja Tahun 2021", 1, "pk2021", "application/pdf"),
        ("Piagam Penghargaan Kota Layak Anak", 2, "piagam", "image/png"),
    ):
        LampiranLkjip.objects.create(
            laporan=laporan,
            judul=judul,
            urutan=urutan,
            berkas=f"lampiran-lkjip/{nama}",
            nama_asli=nama,
            content_type=jenis,
            ukuran=10,
        )
    doc = selectors.build_document("lkjip", probolinggo, 2020)
    rendered = pdf.html_to_pdf(pdf.render_html(doc, pdf=True))
    reader, text = read_pdf(rendered.content)
    daftar = text[text.index("LAMPIRAN-LAMPIRAN") :]
    urutan = [
        "Matriks Renstra (Tabel T-C.27)",
        "Perjanjian Kinerja Tahun 2020",
        "Pengukuran Kinerja Perangkat Daerah Tahun 2020",
        "Perjanjian Kinerja Tahun 2021 (dilampirkan terpisah)",
        "Piagam Penghargaan Kota Layak Anak",
    ]
    posisi = [daftar.index(judul) for judul in urutan]
    assert posisi == sorted(posisi)
    # The matrix itself follows, titled as its own document, before the PK.
    assert daftar.index("Tabel T-C.27") < daftar.index("PERJANJIAN KINERJA TAHUN 2020")
    assert "Lampiran 5. Piagam Penghargaan Kota Layak Anak" in text
    gambar = [
        name
        for page in reader.pages[-2:]
        for name in (page.images and [i.name for i in page.images])
    ]
    assert gambar, "the uploaded PNG is printed on the last page"


@pytest.mark.django_db
def test_a_bad_file_is_refused_in_indonesian_and_changes_nothing(client, probolinggo):
    _masuk(client, probolinggo, roles.PERENCANA)
    sebelum = LaporanKinerja.objects.filter(opd=probolinggo, tahun=TAHUN_DRAF).count()
    response = _unggah(client, probolinggo, TAHUN_DRAF, "piagam.png", b"bukan gambar sama sekali")
    assert response.status_code == 422
    assert "Jenis berkas tidak diizinkan. Unggah PDF, JPG, atau PNG." in response.content.decode()
    # A PDF named .png is refused too (the type is read from the bytes and the name).
    response = _unggah(client, probolinggo, TAHUN_DRAF, "piagam.png", PDF)
    assert response.status_code == 422
    assert not LampiranLkjip.objects.exists()
    assert LaporanKinerja.objects.filter(opd=probolinggo, tahun=TAHUN_DRAF).count() == sebelum


@pytest.mark.django_db
def test_a_too_large_file_is_refused_with_the_limit(client, probolinggo, settings):
    settings.BUKTI_MAX_BYTES = 10
    _masuk(client, probolinggo, roles.PERENCANA)
    response = _unggah(client, probolinggo, TAHUN_DRAF, "piagam.png", _png())
    assert response.status_code == 422
    assert "Ukuran berkas melebihi batas" in response.content.decode()
    assert not LampiranLkjip.objects.exists()


@pytest.mark.django_db
def test_the_perencana_uploads_sees_it_listed_and_deletes_it_after_being_asked(client, probolinggo):
    _masuk(client, probolinggo, roles.PERENCANA)
    response = _unggah(client, probolinggo, TAHUN_DRAF, "kla.png", _png(), judul="Piagam KLA")
    assert response.status_code == 302
    lampiran = LampiranLkjip.objects.get()
    assert lampiran.content_type == "image/png" and lampiran.laporan.tahun == TAHUN_DRAF
    halaman = client.get(reverse("laporan:lampiran_daftar", args=[probolinggo.slug, TAHUN_DRAF]))
    isi = halaman.content.decode()
    assert isi.index("Matriks Renstra") < isi.index("Perjanjian Kinerja") < isi.index("Piagam KLA")
    berkas = client.get(
        reverse("laporan:lampiran_berkas", args=[probolinggo.slug, TAHUN_DRAF, lampiran.pk])
    )
    assert berkas.status_code == 200 and berkas["Content-Type"] == "image/png"
    hapus = reverse("laporan:lampiran_hapus", args=[probolinggo.slug, TAHUN_DRAF, lampiran.pk])
    tanya = client.get(hapus)
    assert "Hapus lampiran?" in tanya.content.decode() and LampiranLkjip.objects.exists()
    assert client.post(hapus).status_code == 302
    assert not LampiranLkjip.objects.exists()


@pytest.mark.django_db
def test_only_the_perencana_uploads_or_deletes(client, probolinggo):
    _masuk(client, probolinggo, roles.PERENCANA)
    _unggah(client, probolinggo, TAHUN_DRAF, "kla.png", _png())
    lampiran = LampiranLkjip.objects.get()
    _masuk(client, probolinggo, roles.KEPALA_DINAS)
    daftar = reverse("laporan:lampiran_daftar", args=[probolinggo.slug, TAHUN_DRAF])
    assert client.get(daftar).status_code == 200
    assert "Unggah lampiran" not in client.get(daftar).content.decode()
    assert _unggah(client, probolinggo, TAHUN_DRAF, "b.png", _png()).status_code == 403
    hapus = reverse("laporan:lampiran_hapus", args=[probolinggo.slug, TAHUN_DRAF, lampiran.pk])
    assert client.post(hapus).status_code == 403
    assert LampiranLkjip.objects.count() == 1


@pytest.mark.django_db
def test_a_final_lkjip_takes_no_new_attachment(client, probolinggo):
    _masuk(client, probolinggo, roles.PERENCANA)
    response = _unggah(client, probolinggo, 2020, "kla.png", _png())
    assert response.status_code == 422
    assert "LKjIP sudah final" in response.content.decode()
    assert not LampiranLkjip.objects.exists()


def test_the_next_upload_is_proposed_after_the_last_one():
    unggahan = [SimpleNamespace(pk=1, judul="A", gambar=True, nama_asli="a.png")]
    rows = daftar_lampiran(tahun=2020, kode_matriks="T-C.27", unggahan_list=unggahan)
    assert urutan_berikut(rows) == 2
    assert urutan_berikut(daftar_lampiran(tahun=2020, kode_matriks="T-C.27", unggahan_list=[])) == 1
