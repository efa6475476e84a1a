"""Files go through Django's storage API (issue 15 item 8): evidence files and LKjIP
attachments through the STORAGES alias "bukti", issued PDFs through "dokumen". With an
in-memory storage swapped in (as a deployment would swap in S3 or MinIO), uploading,
downloading, issuing and serving work, and nothing is written to the local folders."""

from pathlib import Path

import pytest
from django.core.files.storage import InMemoryStorage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluasi.models import BuktiLke
from kinerja import services
from kinerja.models import BuktiRealisasi
from laporan import pdf
from laporan.models import DokumenTerbit, LampiranLkjip
from laporan.services_lampiran import lampiran_simpan
from sakip import berkas as sakip_berkas
from tests.kinerja.dunia import siapkan

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 bukti dukung"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
MEMORI = {"BACKEND": "django.core.files.storage.InMemoryStorage"}


@pytest.fixture
def d(db, settings, tmp_path):
    dunia = siapkan(settings, tmp_path)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "bukti": MEMORI, "dokumen": MEMORI}
    dunia.folder = tmp_path
    return dunia


def _berkas_lokal(folder):
    return [p for p in Path(folder).rglob("*") if p.is_file()]


def test_the_aliases_default_to_the_local_folders(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "pribadi"
    settings.MEDIA_ROOT = tmp_path / "media"
    bukti, dokumen = storages[sakip_berkas.BUKTI], storages[sakip_berkas.DOKUMEN]
    assert Path(bukti.location) == tmp_path / "pribadi"
    assert Path(dokumen.location) == tmp_path / "media"
    for model in (BuktiRealisasi, BuktiLke, LampiranLkjip):
        assert model._meta.get_field("berkas").storage._wrapped is storages["bukti"]
    assert DokumenTerbit._meta.get_field("berkas").storage._wrapped is storages["dokumen"]


def test_evidence_uploads_downloads_and_is_removed_through_the_storage(
    client, d, django_capture_on_commit_callbacks
):
    row = services.realisasi_simpan(
        user=d.operator,
        indikator=d.ind_persen,
        tahun=d.tahun,
        triwulan=d.triwulan,
        versi=0,
        nilai="5",
    )
    client.force_login(d.operator)
    response = client.post(
        reverse("kinerja:bukti_unggah", args=[row.pk]),
        {"berkas": SimpleUploadedFile("laporan.pdf", PDF), "unit": d.unit_a.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200, response.content.decode()[:300]
    bukti = row.bukti_set.get()
    storage = storages["bukti"]
    assert isinstance(storage, InMemoryStorage) and storage.exists(bukti.berkas.name)
    assert bukti.baca() == PDF

    unduh = client.get(reverse("kinerja:bukti_unduh", args=[bukti.pk]))
    assert unduh.status_code == 200
    assert b"".join(unduh.streaming_content) == PDF

    with django_capture_on_commit_callbacks(execute=True):
        services.bukti_hapus(user=d.operator, bukti=bukti)
    assert not storage.exists(bukti.berkas.name)
    assert _berkas_lokal(d.folder) == []


def test_an_lkjip_attachment_is_stored_and_printed_from_the_storage(d):
    lampiran = lampiran_simpan(
        user=d.perencana,
        opd=d.opd,
        tahun=d.tahun,
        judul="Piagam",
        urutan=1,
        berkas=SimpleUploadedFile("piagam.png", PNG),
    )
    assert storages["bukti"].exists(lampiran.berkas.name)
    assert lampiran.baca() == PNG
    assert _berkas_lokal(d.folder) == []


def test_a_pdf_is_issued_into_the_storage_and_served_from_its_bytes(client, d, monkeypatch):
    monkeypatch.setattr(
        pdf, "html_to_pdf", lambda html, base_url=None: pdf.RenderedPdf(b"%PDF-1.4 pk", 1)
    )
    client.force_login(d.kadis)
    url = reverse("laporan:pk_pdf", args=[d.opd.slug, d.tahun])

    response = client.get(url)

    assert response.status_code == 200, response.content[:300]
    dokumen = DokumenTerbit.objects.get()
    assert isinstance(storages["dokumen"], InMemoryStorage)
    with storages["dokumen"].open(dokumen.berkas.name, "rb") as handle:
        assert handle.read() == response.content == b"%PDF-1.4 pk"
    # The same draft again is served from the stored bytes, not rendered a second time.
    monkeypatch.setattr(pdf, "html_to_pdf", pytest.fail)
    again = client.get(url)
    assert again.status_code == 200 and again.content == b"%PDF-1.4 pk"
    assert DokumenTerbit.objects.count() == 1
    assert _berkas_lokal(d.folder) == []
