"""Backups that restore (issue "[2 of 9] Hardening", item 10): `backup` writes the
database, the issued documents and the evidence files into one archive; `restore` brings
every row and file back into an empty database, and refuses a database with data unless
--force. Runs on the suite's database (SQLite here, PostgreSQL in CI's second run), plus
a SQLite file database through manage.py as in production."""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from anggaran.models import RealisasiAnggaran
from anggaran.services import realisasi_anggaran_simpan
from kinerja import services
from kinerja.models import BuktiRealisasi, Realisasi
from laporan.models import DokumenTerbit
from sakip import cadangan
from tests.kinerja.dunia import siapkan

ROOT = Path(__file__).resolve().parent.parent
PDF_BUKTI = b"%PDF-1.4 bukti dukung"
PDF_DOKUMEN = b"%PDF-1.4 dokumen terbit"

butuh_pg_dump = pytest.mark.skipif(
    connection.vendor == "postgresql" and not shutil.which("pg_dump"),
    reason="pg_dump/pg_restore are not installed",
)
transaksional = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def data(settings, tmp_path):
    """Realisations, a budget realisation, an evidence file and an issued PDF, with the
    private root inside MEDIA_ROOT as in the default layout."""
    d = siapkan(settings, tmp_path)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media" / "private"
    row = services.realisasi_simpan(
        user=d.operator,
        indikator=d.ind_persen,
        tahun=d.tahun,
        triwulan=d.triwulan,
        versi=0,
        nilai="72,5",
    )
    services.realisasi_simpan(
        user=d.operator,
        indikator=d.ind_kategori,
        tahun=d.tahun,
        triwulan=d.triwulan,
        versi=0,
        level=d.levels["Madya"],
    )
    realisasi_anggaran_simpan(
        user=d.operator,
        sub_kegiatan=d.sub_a,
        tahun=d.tahun,
        triwulan=d.triwulan,
        jumlah="1.500.000",
        versi=0,
    )
    services.bukti_simpan(
        user=d.operator, realisasi=row, berkas=SimpleUploadedFile("foto.pdf", PDF_BUKTI)
    )
    pdf = settings.MEDIA_ROOT / "dokumen" / "pk-2025.pdf"
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(PDF_DOKUMEN)
    DokumenTerbit.objects.create(
        kode="UJI12345", jenis="pk", opd=d.opd, tahun=d.tahun, berkas="dokumen/pk-2025.pdf"
    )
    return d


def keadaan(settings):
    """Every row and file the test made, to compare before and after."""
    files = {
        str(p.relative_to(settings.MEDIA_ROOT)): p.read_bytes()
        for p in Path(settings.MEDIA_ROOT).rglob("*")
        if p.is_file()
    }
    return (
        list(Realisasi.objects.order_by("pk").values()),
        list(RealisasiAnggaran.objects.order_by("pk").values()),
        list(BuktiRealisasi.objects.order_by("pk").values()),
        list(DokumenTerbit.objects.order_by("pk").values()),
        files,
    )


@butuh_pg_dump
@transaksional
def test_a_backup_restores_every_row_and_file_into_an_empty_database(data, settings, tmp_path):
    before = keadaan(settings)
    assert len(before[0]) == 2 and len(before[4]) == 2
    archive = tmp_path / "cadangan.tar.gz"
    out = io.StringIO()
    call_command("backup", "-o", str(archive), stdout=out)
    assert "1 berkas dokumen, 1 berkas bukti" in out.getvalue()
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = tar.getnames()
    assert manifest["engine"] == connection.vendor
    assert manifest["files"] == {"media": 1, "private": 1}
    assert manifest["tables"]["kinerja_realisasi"] == 2
    assert not any(n.startswith("media/private") for n in names)

    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    assert not Realisasi.objects.exists()

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "Dipulihkan dari" in out.getvalue()
    assert keadaan(settings) == before


@butuh_pg_dump
@transaksional
def test_restore_refuses_a_database_with_data_unless_forced(data, settings, tmp_path):
    archive = tmp_path / "cadangan.tar.gz"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    before = keadaan(settings)
    Realisasi.objects.filter(indikator=data.ind_persen).update(penjelasan="diubah setelah cadangan")
    with pytest.raises(CommandError, match="Basis data tujuan tidak kosong.*--force"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert Realisasi.objects.filter(penjelasan="diubah setelah cadangan").exists()
    call_command("restore", str(archive), "--force", stdout=io.StringIO())
    assert keadaan(settings) == before


def _arsip(path, manifest, members=()):
    with tarfile.open(path, "w:gz") as tar:
        for name, data in [("manifest.json", json.dumps(manifest).encode()), *members]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


# Without the database: every refusal here comes before the database is read. (A
# non-transactional database test would also pull this module's transactional tests, which
# leave the database empty, ahead of the other modules; see pytest-django's test order.)
def test_restore_refuses_files_that_are_not_a_backup_of_this_database(tmp_path):
    bukan = tmp_path / "bukan.tar.gz"
    bukan.write_bytes(b"bukan arsip")
    with pytest.raises(CommandError, match="bukan arsip tar.gz"):
        call_command("restore", str(bukan))
    with pytest.raises(CommandError, match="bukan cadangan SAKIP"):
        call_command("restore", str(_tanpa_manifest(tmp_path)))
    with pytest.raises(CommandError, match="Format cadangan tidak dikenal"):
        call_command("restore", str(_arsip(tmp_path / "a.tar.gz", {"format": 99})))
    lain = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    with pytest.raises(CommandError, match="Cadangan ini dari basis data"):
        call_command("restore", str(_arsip(tmp_path / "b.tar.gz", {"format": 1, "engine": lain})))
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("restore", str(tmp_path / "tidak-ada.tar.gz"))


def _tanpa_manifest(tmp_path):
    path = tmp_path / "tanpa.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo("lain.txt")
        tar.addfile(info, io.BytesIO(b""))
    return path


def test_archive_members_that_could_leave_the_media_roots_are_never_written():
    for name in ("../x", "/etc/passwd", "private/a/../../x", ""):
        assert cadangan._aman(name) is None
    assert str(cadangan._aman("private/bukti/2025/abc")) == "private/bukti/2025/abc"


def _manage(db, *args):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DATABASE_URL=f"sqlite:///{db}", MEDIA_ROOT=str(db.parent / "media"))
    env["PRIVATE_MEDIA_ROOT"] = str(db.parent / "media" / "private")
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite file database case")
@transaksional
def test_a_sqlite_file_database_round_trips_through_manage_py(data, settings, tmp_path):
    # A migrated file database with the data, copied from the test database (migrating
    # a fresh file would take most of the time budget).
    live = tmp_path / "site" / "db.sqlite3"
    live.parent.mkdir()
    dest = sqlite3.connect(live)
    connection.ensure_connection()
    connection.connection.backup(dest)
    dest.execute("PRAGMA journal_mode=WAL")
    dest.close()
    shutil.copytree(settings.MEDIA_ROOT, live.parent / "media")
    archive = tmp_path / "cadangan.tar.gz"
    result = _manage(live, "backup", "-o", str(archive))
    assert result.returncode == 0, result.stderr

    for p in live.parent.glob("db.sqlite3*"):
        p.unlink()
    shutil.rmtree(live.parent / "media")
    result = _manage(live, "restore", str(archive))
    assert result.returncode == 0, result.stderr
    assert "1 berkas dokumen, 1 berkas bukti" in result.stdout
    again = _manage(live, "restore", str(archive))
    assert again.returncode != 0 and "tidak kosong" in again.stderr

    restored = sqlite3.connect(live)
    assert restored.execute("SELECT COUNT(*) FROM kinerja_realisasi").fetchone() == (2,)
    assert restored.execute("SELECT kode FROM laporan_dokumenterbit").fetchall() == [("UJI12345",)]
    restored.close()
    files = sorted(
        str(p.relative_to(live.parent)) for p in (live.parent / "media").rglob("*") if p.is_file()
    )
    assert files[0] == "media/dokumen/pk-2025.pdf" and files[1].startswith("media/private/bukti/")
