"""The fingerprint (sidik) of a document's data: one stored draft per fingerprint.

A draft PDF is stored once for each state of what it prints: its rows and figures, its
narrative, its signatory, date and place, the Pemda's settings and the code that lays it
out. Downloading the same draft twice returns the stored file and its one verification
code; changing any of these gives a new fingerprint, hence a new draft. Issue 15's queue
reuses `sidik_data` to tell whether a queued document is still current.

The fingerprint reads only what the document dict already holds (no query): a model
instance counts by its label and the values of its concrete fields (foreign keys by id),
a dataclass by its fields, a date / Decimal by its exact text.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db import models

# The code a document's look depends on: its selectors, the PDF writer, its templates and
# print styles. A deploy that changes any of them changes every fingerprint.
KODE = ("laporan", "templates/laporan", "static/css", "sakip/angka.py", "sakip/templatetags")
KEDALAMAN = 12  # rows nest a few levels; deeper is a reference loop


@lru_cache(maxsize=1)
def versi_kode():
    """SHA-256 of the source files in KODE (read once per process)."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for bagian in KODE:
        path = base / bagian
        files = [path] if path.is_file() else sorted(path.rglob("*"))
        for f in files:
            if f.is_file() and f.suffix in {".py", ".html", ".css"}:
                digest.update(str(f.relative_to(base)).encode())
                digest.update(f.read_bytes())
    return digest.hexdigest()


def _model(obj, kedalaman):
    nilai = {
        f.attname: _bentuk(getattr(obj, f.attname, None), kedalaman + 1)
        for f in obj._meta.concrete_fields
    }
    return {"__model__": obj._meta.label, **nilai}


def _bentuk(value, kedalaman=0):
    """`value` as plain JSON types, in a stable order."""
    if kedalaman > KEDALAMAN:
        return "…"
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Decimal):
        return f"D{value}"
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, models.Model):
        return _model(value, kedalaman)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            "__dc__": type(value).__name__,
            **{
                f.name: _bentuk(getattr(value, f.name), kedalaman + 1)
                for f in dataclasses.fields(value)
                if f.repr
            },
        }
    if isinstance(value, dict):
        return {str(k): _bentuk(v, kedalaman + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_bentuk(v, kedalaman + 1) for v in value]
        if isinstance(value, (set, frozenset)):
            items.sort(key=lambda x: json.dumps(x, sort_keys=True))
        return items
    if isinstance(value, models.QuerySet):
        return [_bentuk(v, kedalaman + 1) for v in value]
    return {"__obj__": type(value).__name__, "teks": str(value)}


def sidik_data(*bagian):
    """SHA-256 of the given values (stable across processes and runs)."""
    teks = json.dumps([_bentuk(b) for b in bagian], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(teks.encode("utf-8")).hexdigest()


def sidik_dokumen(doc):
    """The fingerprint of a document dict (laporan.selectors / laporan.matriks): its data,
    the Pemda's settings (rules, capital, title of the head of region) and the code."""
    opd = doc.get("opd")
    pemda = getattr(opd, "pemda", None) if opd is not None else None
    return sidik_data(doc, pemda, versi_kode())
