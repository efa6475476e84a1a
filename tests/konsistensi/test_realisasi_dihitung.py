"""One read model in both modes of "which realisations count" (issue 11 item 7).

The world of tests.konsistensi with every realisation of TW III (kinerja and anggaran) only
submitted, not verified, read at TW III (a closed quarter: its Pengukuran is final):

- "semua": every surface counts them: every row shows the hand-computed figures of
  test_konsistensi, as if they were verified;
- "terverifikasi": every surface but the entry sheets shows what it shows when those rows
  do not exist at all;
- the default "final_terverifikasi": the final document (the closed quarter's Pengukuran,
  HTML and XLSX) counts only verified rows, the dashboards, listings and the `capaian`
  command count all; each page says which."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from anggaran.models import RealisasiAnggaran
from kinerja.models import Realisasi
from renstra.models import Pemda
from sakip.alur import RealisasiDihitung, StatusRealisasi
from tests.konsistensi.dunia import TAHUN, buat_dunia
from tests.konsistensi.permukaan import PERMUKAAN, baca_semua
from tests.konsistensi.test_konsistensi import _baris, _selisih

pytestmark = pytest.mark.django_db
TW = 3
LEMBAR = {"entri", "entri_anggaran"}  # working sheets: always every row
FINAL = {p.id for p in PERMUKAAN if p.id.startswith("pengukuran")}
SEMUA, TERVERIFIKASI, BAWAAN = (
    RealisasiDihitung.SEMUA,
    RealisasiDihitung.TERVERIFIKASI,
    RealisasiDihitung.FINAL_TERVERIFIKASI,
)


def _atur(pemda, aturan):
    Pemda.objects.filter(pk=pemda.pk).update(realisasi_dihitung=aturan)


@pytest.fixture(scope="module")
def terbaca(django_db_setup, django_db_blocker):
    """{mode or "tanpa": {surface: {row: {figure: value}}}} and the pages' own words."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            dunia = buat_dunia()
            pemda = dunia.opd.pemda
            for model in (Realisasi, RealisasiAnggaran):
                model.objects.filter(tahun=TAHUN, triwulan=TW).update(
                    status=StatusRealisasi.DIAJUKAN
                )
            client = Client()
            client.force_login(dunia.admin)
            hasil, kata = {}, {}
            for aturan in (SEMUA, TERVERIFIKASI, BAWAAN):
                _atur(pemda, aturan)
                hasil[aturan] = baca_semua(client, dunia, TW)
                kata[aturan] = {
                    "pengukuran": client.get(
                        f"/laporan/{dunia.opd.slug}/{TAHUN}/pengukuran/{TW}/"
                    ).content.decode(),
                    "dasbor": client.get(
                        f"/kinerja/dasbor/{dunia.opd.slug}/?tahun={TAHUN}&triwulan={TW}"
                    ).content.decode(),
                    "daftar": client.get(
                        f"/kinerja/indikator/?tahun={TAHUN}&triwulan={TW}"
                    ).content.decode(),
                }
            with transaction.atomic():
                _atur(pemda, SEMUA)
                for model in (Realisasi, RealisasiAnggaran):
                    model.objects.filter(status=StatusRealisasi.DIAJUKAN).delete()
                hasil["tanpa"] = baca_semua(client, dunia, TW)
                transaction.set_rollback(True)
            yield hasil, kata
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _sama(dibaca, acuan, surface):
    """Differences of one surface from the reference reading, over the reference's rows."""
    beda = []
    shown = dibaca.get(surface, {})
    for key, figures in acuan.get(surface, {}).items():
        if shown.get(key) != figures:
            beda.append(f"{surface} {key}: {shown.get(key)} != {figures}")
    return beda


def test_counting_every_realisation_every_surface_shows_the_hand_computed_figures(terbaca):
    hasil, _ = terbaca
    beda = []
    for triwulan, key, _judul, harapan, ada in _baris():
        if triwulan == TW:
            beda += _selisih({TW: hasil[SEMUA]}, TW, key, harapan, ada)[1]
    assert not beda, "\n".join(beda)


def test_submitted_rows_change_what_the_verified_only_surfaces_show(terbaca):
    hasil, _ = terbaca
    assert hasil["tanpa"]["pengukuran"] != hasil[SEMUA]["pengukuran"]
    assert hasil["tanpa"]["dasbor_opd"] != hasil[SEMUA]["dasbor_opd"]


@pytest.mark.parametrize("surface", [p.id for p in PERMUKAAN if TW in p.momen])
def test_counting_only_verified_rows_every_surface_but_the_sheets_ignores_submitted_ones(
    terbaca, surface
):
    hasil, _ = terbaca
    acuan = hasil[SEMUA] if surface in LEMBAR else hasil["tanpa"]
    assert not _sama(hasil[TERVERIFIKASI], acuan, surface)


@pytest.mark.parametrize("surface", [p.id for p in PERMUKAAN if TW in p.momen])
def test_by_default_only_the_final_document_ignores_submitted_rows(terbaca, surface):
    hasil, _ = terbaca
    acuan = hasil["tanpa"] if surface in FINAL else hasil[SEMUA]
    assert not _sama(hasil[BAWAAN], acuan, surface)


def test_every_page_says_which_realisations_it_counts(terbaca):
    _, kata = terbaca
    hanya = "Menampilkan realisasi terverifikasi saja"
    semua = "Menampilkan realisasi termasuk yang belum diverifikasi"
    assert hanya in kata[BAWAAN]["pengukuran"]
    assert semua in kata[BAWAAN]["dasbor"] and semua in kata[BAWAAN]["daftar"]
    assert all(semua in page for page in kata[SEMUA].values())
    assert all(hanya in page for page in kata[TERVERIFIKASI].values())
