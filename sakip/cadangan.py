"""Backup and restore of the whole application state: the database and both media roots
(issued PDFs under MEDIA_ROOT, evidence files under PRIVATE_MEDIA_ROOT), in one tar.gz.

Archive layout (FORMAT 1):
    manifest.json   created_at, engine, database file, counts of files and of table rows
    db.sqlite3      SQLite: an online copy made with sqlite3's backup API
    db.dump         PostgreSQL: pg_dump --format=custom
    media/...       MEDIA_ROOT without the private root when it lies inside it
    private/...     PRIVATE_MEDIA_ROOT

Generic on purpose (STYLE rule 0: sakip is the base layer): it knows database engines and
settings, not the apps' models, so a new app's tables and files are backed up untouched.
The database is copied before the files, so every row that names a file finds it."""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
DB_FILE = {"sqlite": "db.sqlite3", "postgresql": "db.dump"}
ENGINE_LABEL = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}

# Tables `migrate` fills by itself (and `flush` lets Django fill again): a database holding
# rows only in these is empty for the purpose of a restore.
TABEL_BAWAAN = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "auth_group",
    "auth_group_permissions",
}


class CadanganError(Exception):
    """A refused backup or restore; the message is for the person at the terminal."""


@dataclass
class Hasil:
    path: Path
    manifest: dict


def _engine():
    vendor = connection.vendor
    if vendor not in DB_FILE:
        raise CadanganError(f"Basis data {vendor} belum didukung; gunakan SQLite atau PostgreSQL.")
    return vendor


def _roots():
    """(archive prefix, directory, directories to leave out) of both media roots."""
    media = Path(settings.MEDIA_ROOT).resolve()
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    return [("media", media, {private}), ("private", private, set())]


def _files(root, skip):
    if not root.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if (here / d).resolve() not in skip)
        for name in sorted(filenames):
            path = here / name
            if path.is_file() and not path.is_symlink():
                yield path


def table_counts():
    """Rows per table of the current database."""
    quote = connection.ops.quote_name
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def tabel_berisi():
    """Tables outside TABEL_BAWAAN that hold rows."""
    return sorted(t for t, n in table_counts().items() if n and t not in TABEL_BAWAAN)


def _pg_env_args():
    conf = connection.settings_dict
    env = dict(os.environ)
    if conf.get("PASSWORD"):
        env["PGPASSWORD"] = str(conf["PASSWORD"])
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if conf.get(key):
            args += [flag, str(conf[key])]
    return env, args, conf["NAME"]


def _run(cmd, env, what):
    if shutil.which(cmd[0]) is None:
        raise CadanganError(f"Program {cmd[0]} tidak ditemukan; pasang klien PostgreSQL.")
    result = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise CadanganError(f"{what} gagal: {result.stderr.strip() or result.returncode}")


def _dump_database(engine, target):
    if engine == "sqlite":
        connection.ensure_connection()
        dest = sqlite3.connect(target)
        try:
            # The online backup API copies a consistent snapshot while the app keeps writing.
            connection.connection.backup(dest)
        finally:
            dest.close()
    else:
        env, args, name = _pg_env_args()
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                *args,
                "--file",
                str(target),
                name,
            ],
            env,
            "pg_dump",
        )


def buat_cadangan(output):
    """Write the archive to `output` (readable by its owner only: it holds password hashes
    and personal data). Returns Hasil with the manifest written."""
    engine = _engine()
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / DB_FILE[engine]
        _dump_database(engine, db_path)
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "engine": engine,
            "database": DB_FILE[engine],
            "files": {},
            # Informative: on PostgreSQL counted just after pg_dump's snapshot, not in it.
            "tables": table_counts(),
        }
        partial = output.with_name(output.name + ".sebagian")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                tar.add(db_path, arcname=DB_FILE[engine])
                for prefix, root, skip in _roots():
                    n = 0
                    for path in _files(root, skip):
                        tar.add(path, arcname=f"{prefix}/{path.relative_to(root).as_posix()}")
                        n += 1
                    manifest["files"][prefix] = n
                data = json.dumps(manifest, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = int(timezone.now().timestamp())
                tar.addfile(info, fileobj=io.BytesIO(data))
            os.replace(partial, output)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return Hasil(output, manifest)


def _aman(name):
    """The member name as a relative path inside the archive, or None when it could
    escape the target directory."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        return None
    return path


def baca_manifest(tar):
    try:
        member = tar.getmember(MANIFEST)
        manifest = json.load(tar.extractfile(member))
    except (KeyError, ValueError, AttributeError):
        raise CadanganError("Berkas ini bukan cadangan SAKIP (manifest.json tidak ada).") from None
    if manifest.get("format") != FORMAT or manifest.get("engine") not in DB_FILE:
        raise CadanganError("Format cadangan tidak dikenal; buat cadangan dengan versi SAKIP ini.")
    return manifest


def _restore_database(engine, source):
    if engine == "sqlite":
        connection.close()
        connection.ensure_connection()
        src = sqlite3.connect(source)
        try:
            # Written through the live connection, so the WAL and any open readers stay
            # consistent (copying the file over a WAL database would corrupt it).
            src.backup(connection.connection)
        finally:
            src.close()
    else:
        connection.close()
        env, args, name = _pg_env_args()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                *args,
                "--dbname",
                name,
                str(source),
            ],
            env,
            "pg_restore",
        )


def pulihkan(archive, *, force=False):
    """Restore an archive into the configured database and media roots. Refuses a
    database that already holds data unless `force`. Files already in the media roots
    that the archive does not hold are left in place. Returns Hasil with the manifest."""
    engine = _engine()
    archive = Path(archive)
    if not archive.is_file():
        raise CadanganError(f"Berkas cadangan {archive} tidak ditemukan.")
    try:
        tar = tarfile.open(archive, mode="r:gz")  # noqa: SIM115 - closed by the with below
    except (tarfile.TarError, OSError):
        raise CadanganError(f"{archive} bukan arsip tar.gz yang dapat dibaca.") from None
    with tar, tempfile.TemporaryDirectory() as tmp:
        manifest = baca_manifest(tar)
        if manifest["engine"] != engine:
            raise CadanganError(
                f"Cadangan ini dari basis data {ENGINE_LABEL[manifest['engine']]}, sedangkan "
                f"basis data tujuan {ENGINE_LABEL[engine]}."
            )
        berisi = tabel_berisi()
        if berisi and not force:
            raise CadanganError(
                f"Basis data tujuan tidak kosong ({len(berisi)} tabel berisi data, mis. "
                f"{', '.join(berisi[:3])}). Pulihkan ke basis data kosong, atau ulangi dengan "
                "--force untuk menimpanya."
            )
        db_path = Path(tmp) / DB_FILE[engine]
        try:
            member = tar.getmember(manifest["database"])
        except KeyError:
            raise CadanganError("Cadangan tidak memuat salinan basis data.") from None
        with tar.extractfile(member) as src, open(db_path, "wb") as dest:
            shutil.copyfileobj(src, dest)
        _restore_database(engine, db_path)
        roots = {prefix: root for prefix, root, _ in _roots()}
        counts = dict.fromkeys(roots, 0)
        for member in tar.getmembers():
            path = _aman(member.name)
            if path is None or not member.isfile() or path.parts[0] not in roots:
                continue
            target = roots[path.parts[0]].joinpath(*path.parts[1:])
            target.parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(member) as src, open(target, "wb") as dest:
                shutil.copyfileobj(src, dest)
            counts[path.parts[0]] += 1
    if counts != manifest["files"]:
        raise CadanganError(
            f"Jumlah berkas yang dipulihkan ({counts}) tidak sama dengan manifest "
            f"({manifest['files']})."
        )
    return Hasil(archive, manifest)
