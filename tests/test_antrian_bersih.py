"""Retention of the job table (issue 15 item 1; README "Antrian"): `bersihkan_pekerjaan`
deletes finished and failed jobs older than SAKIP_PEKERJAAN_SIMPAN_HARI and the files only
they use, through the storage API; an issued document's file (final, or a stored draft)
stays; --coba changes nothing. It is a command (and a beat task), never a URL."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import get_resolver
from django.utils import timezone

from laporan.models import DokumenTerbit
from sakip import antrian
from sakip.berkas import penyimpanan_dokumen
from sakip.models import Pekerjaan
from sakip.tasks import bersihkan_pekerjaan
from tests.factories import OPDFactory, PenggunaFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%uji\n"


@pytest.fixture
def dunia(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SAKIP_PEKERJAAN_SIMPAN_HARI = 7
    opd = OPDFactory()
    return opd, PenggunaFactory(opd=opd, role="Perencana")


def _umur(pekerjaan, hari):
    waktu = timezone.now() - datetime.timedelta(days=hari)
    Pekerjaan.objects.filter(pk=pekerjaan.pk).update(created_at=waktu, finished_at=waktu)


def _docx(dunia, hari, status=Pekerjaan.Status.SELESAI):
    opd, pemilik = dunia
    pekerjaan = Pekerjaan(jenis="dokumen-docx", pemilik=pemilik, opd=opd, status=status)
    pekerjaan.berkas.save("iku.docx", ContentFile(b"PK\x03\x04docx"), save=False)
    pekerjaan.save()
    _umur(pekerjaan, hari)
    return pekerjaan


def _pdf(dunia, hari, *, final, kode):
    """A PDF job whose file is the issued document's own (laporan.tasks.kerjakan)."""
    opd, pemilik = dunia
    dokumen = DokumenTerbit(kode=kode, jenis="iku", opd=opd, tahun=2025, is_final=final)
    dokumen.berkas.save(f"iku-{kode}.pdf", ContentFile(PDF), save=False)
    dokumen.save()
    pekerjaan = Pekerjaan.objects.create(
        jenis="dokumen-pdf",
        pemilik=pemilik,
        opd=opd,
        status=Pekerjaan.Status.SELESAI,
        berkas=dokumen.berkas.name,
        hasil={"dokumen_terbit": dokumen.pk},
    )
    _umur(pekerjaan, hari)
    return pekerjaan, dokumen


def _ada(name):
    return penyimpanan_dokumen().exists(name)


def _jalankan(*args):
    out = io.StringIO()
    call_command("bersihkan_pekerjaan", *args, stdout=out)
    return out.getvalue()


def test_an_old_job_and_its_file_go_and_a_recent_one_stays(dunia):
    lama, baru = _docx(dunia, 8), _docx(dunia, 2)
    gagal = _docx(dunia, 30, status=Pekerjaan.Status.GAGAL)
    nama_lama, nama_baru = lama.berkas.name, baru.berkas.name

    teks = _jalankan()

    assert set(Pekerjaan.objects.values_list("pk", flat=True)) == {baru.pk}
    assert not _ada(nama_lama) and not _ada(gagal.berkas.name) and _ada(nama_baru)
    assert f"pekerjaan #{lama.pk} dokumen-docx (selesai" in teks
    assert f"berkas {nama_lama} dihapus" in teks
    assert "2 pekerjaan dan 2 berkas dihapus (lebih dari 7 hari)" in teks


def test_an_issued_documents_bytes_stay_when_its_old_job_goes(dunia):
    pekerjaan, final = _pdf(dunia, 10, final=True, kode="FINAL0001")
    _, draf = _pdf(dunia, 10, final=False, kode="DRAF00001")

    teks = _jalankan()

    assert not Pekerjaan.objects.exists()
    for dokumen in (final, draf):
        dokumen.refresh_from_db()
        assert dokumen.berkas.read() == PDF  # the row and its bytes are untouched
    assert f"berkas {final.berkas.name} tetap" in teks
    assert "0 berkas dihapus" in teks


def test_a_file_a_recent_job_still_names_stays(dunia):
    lama = _docx(dunia, 9)
    opd, pemilik = dunia
    Pekerjaan.objects.create(
        jenis="dokumen-docx",
        pemilik=pemilik,
        opd=opd,
        status=Pekerjaan.Status.SELESAI,
        berkas=lama.berkas.name,
    )
    _jalankan()
    assert _ada(lama.berkas.name) and Pekerjaan.objects.count() == 1


def test_a_dry_run_changes_nothing(dunia):
    lama = _docx(dunia, 8)
    pdf, _ = _pdf(dunia, 8, final=True, kode="FINAL0002")
    macet = Pekerjaan.objects.create(
        jenis="dokumen-pdf", pemilik=dunia[1], opd=dunia[0], status=Pekerjaan.Status.BERJALAN
    )
    Pekerjaan.objects.filter(pk=macet.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    sebelum = list(Pekerjaan.objects.order_by("pk").values())

    teks = _jalankan("--dry-run")

    assert list(Pekerjaan.objects.order_by("pk").values()) == sebelum
    assert _ada(lama.berkas.name) and _ada(pdf.berkas.name)
    assert f"berkas {lama.berkas.name} akan dihapus" in teks
    assert f"pekerjaan #{macet.pk} macet lebih dari 7 hari akan ditandai gagal" in teks
    assert teks.rstrip().splitlines()[-1].startswith("Uji coba, tidak ada yang diubah: 2 pekerjaan")


def test_a_job_dead_for_longer_than_the_limit_is_marked_failed_then_goes(dunia):
    opd, pemilik = dunia
    macet = Pekerjaan.objects.create(
        jenis="dokumen-pdf",
        pemilik=pemilik,
        opd=opd,
        sidik="abc",
        status=Pekerjaan.Status.BERJALAN,
        dilaporkan_at=timezone.now() - datetime.timedelta(days=8),
    )
    hidup = Pekerjaan.objects.create(
        jenis="dokumen-pdf",
        pemilik=pemilik,
        opd=opd,
        status=Pekerjaan.Status.BERJALAN,
        dilaporkan_at=timezone.now(),
    )
    _jalankan()
    macet.refresh_from_db()
    assert (
        macet.status == Pekerjaan.Status.GAGAL and macet.pesan_galat == antrian.PESAN_DITINGGALKAN
    )
    assert Pekerjaan.objects.get(pk=hidup.pk).status == Pekerjaan.Status.BERJALAN
    assert antrian.sama("dokumen-pdf", "abc", opd=opd) is None  # may be asked for again


def test_a_leftover_upload_of_an_old_failed_job_goes(dunia, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    opd, pemilik = dunia
    pekerjaan = Pekerjaan(
        jenis="realisasi-pratinjau", pemilik=pemilik, opd=opd, status=Pekerjaan.Status.GAGAL
    )
    pekerjaan.masukan.save("unggah.xlsx", ContentFile(b"PK"), save=False)
    pekerjaan.save()
    _umur(pekerjaan, 8)
    storage = pekerjaan.masukan.storage
    assert storage.exists(pekerjaan.masukan.name)
    _jalankan()
    assert not storage.exists(pekerjaan.masukan.name)


def test_the_beat_task_runs_the_same_cleanup(dunia):
    lama, baru = _docx(dunia, 8), _docx(dunia, 1)
    bersihkan_pekerjaan.apply()
    assert list(Pekerjaan.objects.values_list("pk", flat=True)) == [baru.pk]
    assert not _ada(lama.berkas.name)


def test_the_cleanup_is_a_command_only_no_address_reaches_it():
    def semua(patterns):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                yield from semua(p.url_patterns)
            else:
                yield p

    for p in semua(get_resolver().url_patterns):
        nama = f"{getattr(p.callback, '__module__', '')}.{getattr(p.callback, '__name__', '')}"
        assert "bersih" not in nama and "bersih" not in str(p.pattern)
