"""One read model (issue "[1 of 9] One read model", item 3): every surface a user reads
shows the same figure for the same indicator and budget row.

The world (tests.konsistensi.dunia) holds every indicator type, aggregation and polarity,
the Pemda's cap, missing and zero values, and budgets revised during the year. Its pages,
workbooks and the `capaian` command are fetched once per quarter compared (TW III, and TW
IV with the LKjIP) and read back as a person reads them (tests.konsistensi.permukaan says
which surface shows which figure). Each row is then compared, surface by surface, with the
figure computed by hand next to its data: when every surface equals that figure, every two
surfaces agree.

A row that some surface shows differently today is marked xfail(strict) with what differs
(DIKETAHUI below): the list of what the read model must repair. Once a row is repaired its
test passes, strict xfail reports it, and its marker goes."""

from __future__ import annotations

import re

import pytest
from django.db import transaction
from django.test import Client

from tests.konsistensi.baca import bulat
from tests.konsistensi.diketahui import DIKETAHUI
from tests.konsistensi.dunia import (
    KASUS_ANGGARAN,
    KASUS_INDIKATOR,
    MOMEN,
    buat_dunia,
    harapan_opd,
    predikat_permendagri,
    token_anggaran,
    token_indikator,
)
from tests.konsistensi.permukaan import LABEL, PERMUKAAN, baca_semua

# The tests read what the module fixture fetched; the mark makes pytest-django set up the
# test database that fixture writes to.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def terbaca(django_db_setup, django_db_blocker):
    """{quarter: {surface: {row: {figure: value}}}}: the world is built and every surface
    read once per module, inside a transaction rolled back at the end (as conftest's seed
    data), so that the hundred-odd row tests below cost nothing each."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            dunia = buat_dunia()
            client = Client()
            client.force_login(dunia.admin)
            yield {triwulan: baca_semua(client, dunia, triwulan) for triwulan in MOMEN}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _baris():
    """(quarter, row key, case title, {kind of row: expected figures}, whether the row has
    an entry of that very quarter) for every row and quarter compared."""
    rows = []
    for triwulan in MOMEN:
        for tingkat, jenis in (("sasaran", "S"), ("sub_kegiatan", "K")):
            for kasus in KASUS_INDIKATOR:
                harapan = {
                    "target": kasus.target,
                    "target_tw": kasus.target_triwulan.get(triwulan),
                    "realisasi_tw": kasus.realisasi_tw(triwulan),
                    "sd": kasus.sd,
                    "capaian": kasus.capaian_tampil,
                    "capaian_tw": kasus.capaian_triwulan.get(triwulan),
                    "predikat": kasus.predikat,
                }
                token = token_indikator(tingkat, kasus)
                rows.append(
                    (
                        triwulan,
                        token,
                        kasus.judul,
                        {jenis: harapan},
                        kasus.ada_triwulan(triwulan),
                    )
                )
        for kasus in KASUS_ANGGARAN:
            pagu, realisasi, penyerapan = kasus.harapan[triwulan]
            sub = {"pagu": pagu, "realisasi": realisasi, "penyerapan": penyerapan}
            # A program's or kegiatan's pagu is a sum: Rp 0 when no sub-kegiatan has one.
            jumlah = dict(sub, pagu=pagu if pagu is not None else 0)
            rows.append(
                (
                    triwulan,
                    token_anggaran(kasus),
                    kasus.judul,
                    {"sub": sub, "jumlah": jumlah},
                    triwulan in kasus.belanja,
                )
            )
        opd = harapan_opd(triwulan)
        opd["predikat"] = predikat_permendagri(opd["rata_capaian"])
        rows.append((triwulan, "OPD", "total perangkat daerah", {"opd": opd}, True))
    return rows


def _tampil(value):
    """A compared figure as the pages print it: 1.250.000,00, 86,34, Madya, –."""
    value = bulat(value)
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    return f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def _selisih(terbaca, triwulan, key, harapan, ada_triwulan):
    """Every surface that should show the row, what it shows, and where that differs."""
    dibaca, beda = [], []
    for p in PERMUKAAN:
        kinds = [k for k in harapan if k in p.baris]
        if not kinds or triwulan not in p.momen or (p.per_triwulan and not ada_triwulan):
            continue
        expected = harapan[kinds[0]]
        shown = terbaca[triwulan].get(p.id, {}).get(key)
        if shown is None:
            beda.append(f"{p.label}: row not shown")
            continue
        for figure in p.angka:
            got, want = bulat(shown.get(figure)), bulat(expected[figure])
            dibaca.append(f"  {p.label:<34} {figure:<13} {_tampil(got)}")
            if got != want:
                beda.append(f"{p.label}: {figure} {_tampil(got)}, not {_tampil(want)}")
    return dibaca, beda


def _params():
    params = []
    for triwulan, key, judul, harapan, ada in _baris():
        marks = []
        if (triwulan, key) in DIKETAHUI:
            causes, what = DIKETAHUI[(triwulan, key)]
            reason = f"{'; '.join(causes)} — {what}"
            marks.append(pytest.mark.xfail(strict=True, reason=reason))
        params.append(
            pytest.param(
                triwulan,
                key,
                harapan,
                ada,
                id=f"TW{triwulan}-{key.strip('[]')}-{_slug(judul)}",
                marks=marks,
            )
        )
    return params


@pytest.mark.parametrize(("triwulan", "key", "harapan", "ada_triwulan"), _params())
def test_every_surface_shows_the_hand_computed_figures_of_the_row(
    terbaca, triwulan, key, harapan, ada_triwulan
):
    dibaca, beda = _selisih(terbaca, triwulan, key, harapan, ada_triwulan)
    assert not beda, "\n".join([f"{key} s.d. TW {triwulan} differs:", *beda, "read:", *dibaca])


def test_every_surface_was_read(terbaca):
    """A reader that finds nothing (a renamed column, a moved table) fails here, not only as
    a hundred row failures. A realisation listing of a quarter nobody entered is empty."""
    for triwulan in MOMEN:
        entri = {
            "indikator": any(k.ada_triwulan(triwulan) for k in KASUS_INDIKATOR),
            "anggaran": any(triwulan in k.belanja for k in KASUS_ANGGARAN),
        }
        for p in PERMUKAAN:
            jenis = "anggaran" if p.baris & {"sub", "jumlah", "opd"} else "indikator"
            if triwulan not in p.momen or (p.per_triwulan and not entri[jenis]):
                continue
            assert terbaca[triwulan].get(p.id), f"{LABEL[p.id]} TW {triwulan}: nothing read"
