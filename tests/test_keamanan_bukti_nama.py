"""An evidence file with a long name keeps its extension (issue "[2 of 9] Hardening",
item 8): the stored name is shortened in its stem, so the type check still sees .pdf."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja import services
from kinerja.services import nama_berkas_pendek
from tests.kinerja.dunia import siapkan

PDF = b"%PDF-1.4 bukti"


@pytest.fixture
def d(db, settings, tmp_path):
    return siapkan(settings, tmp_path)


def _draft(d):
    return services.realisasi_simpan(
        user=d.operator,
        indikator=d.ind_persen,
        tahun=d.tahun,
        triwulan=d.triwulan,
        versi=0,
        nilai="5",
    )


def test_a_long_name_is_cut_in_its_stem_and_keeps_the_extension():
    nama = "a" * 240 + ".PDF"
    pendek = nama_berkas_pendek(nama)
    assert len(pendek) == 200
    assert pendek.endswith(".PDF")
    assert nama_berkas_pendek("laporan.pdf") == "laporan.pdf"
    assert nama_berkas_pendek("x" * 300) == "x" * 200


@pytest.mark.parametrize("panjang", [201, 230, 255])
def test_an_evidence_file_named_up_to_255_characters_is_accepted(d, panjang):
    nama = "b" * (panjang - 4) + ".pdf"
    bukti = services.bukti_simpan(
        user=d.operator, realisasi=_draft(d), berkas=SimpleUploadedFile(nama, PDF)
    )
    assert bukti.content_type == "application/pdf"
    assert bukti.nama_asli.endswith(".pdf") and len(bukti.nama_asli) == 200


def test_a_long_evidence_name_uploads_through_the_entry_page(client, d):
    row = _draft(d)
    client.force_login(d.operator)
    nama = "Laporan kegiatan triwulan " * 9 + ".pdf"
    assert 201 <= len(nama) <= 255
    response = client.post(
        reverse("kinerja:bukti_unggah", args=[row.pk]),
        {"berkas": SimpleUploadedFile(nama, PDF), "unit": d.unit_a.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200, response.content.decode()[:300]
    assert "Jenis berkas tidak diizinkan" not in response.content.decode()
    assert row.bukti_set.get().nama_asli.endswith(".pdf")


def test_a_long_name_with_a_wrong_extension_is_still_refused(d):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Jenis berkas tidak diizinkan"):
        services.bukti_simpan(
            user=d.operator,
            realisasi=_draft(d),
            berkas=SimpleUploadedFile("c" * 230 + ".exe", PDF),
        )
