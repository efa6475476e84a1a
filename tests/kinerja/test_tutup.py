"""Closing a quarter knowingly (issue 13 item 4): the page names, unit by unit, the rows
still awaiting verification, returned, in draft and empty; the close needs a confirmation
naming them, is refused when the list changed since the page was shown, and is recorded
with that list."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anggaran.models import RealisasiAnggaran
from anggaran.services import realisasi_anggaran_simpan
from kinerja import selectors_dasbor, selectors_tutup, services
from kinerja.models import PenutupanTriwulan, Realisasi
from kinerja.services_tutup import PESAN_BERUBAH, PESAN_KONFIRMASI
from renstra.models import Pemda, TriwulanPelaporan
from sakip import roles
from sakip.alur import RealisasiDihitung, StatusRealisasi
from tests.builders import build_opd
from tests.factories import PenggunaFactory
from tests.kinerja.dunia import siapkan, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def d(db, settings, tmp_path):
    """Unit A: two rows submitted (an indicator and its budget row), one returned, one
    empty; unit B: its indicator and its budget row empty."""
    d = siapkan(settings, tmp_path)
    tw = {"tahun": d.tahun, "triwulan": d.triwulan}
    services.realisasi_simpan(user=d.operator, indikator=d.ind_persen, versi=0, nilai="86,5", **tw)
    kategori = services.realisasi_simpan(
        user=d.operator, indikator=d.ind_kategori, versi=0, level=d.levels["Madya"], **tw
    )
    realisasi_anggaran_simpan(
        user=d.operator, sub_kegiatan=d.sub_a, jumlah="10.000.000", versi=0, **tw
    )
    services.realisasi_ajukan(user=d.operator, unit=d.unit_a, **tw)
    kategori.refresh_from_db()
    services.realisasi_kembalikan(
        user=d.verifikator, realisasi=kategori, versi=kategori.versi, catatan="Lampirkan SK"
    )
    return d


def _url(d):
    return reverse("kinerja:triwulan_tutup", args=[d.tw.pk])


def _sidik(body):
    return re.search(r'name="sidik" value="([0-9a-f]+)"', body).group(1)


def _bagian(body, unit):
    """The section of the page for one unit."""
    mulai = body.index(f'data-testid="tutup-unit-{unit.pk}"')
    akhir = body.find("</section>", mulai)
    return body[mulai:akhir]


def test_the_page_names_every_pending_and_empty_row_unit_by_unit(client, d):
    client.force_login(d.admin)
    response = client.get(_url(d))
    assert response.status_code == 200
    body = response.content.decode()
    a, b = _bagian(body, d.unit_a), _bagian(body, d.unit_b)
    assert d.unit_a.nama in a and d.unit_b.nama in b
    assert "1 menunggu verifikasi" not in a  # two: the indicator and the budget row
    assert "2 menunggu verifikasi" in a and "1 dikembalikan" in a and "1 kosong" in a
    assert d.ind_persen.uraian in a and "Realisasi anggaran: Penyediaan Permakanan" in a
    assert d.ind_kategori.uraian in a and d.ind_rasio.uraian in a
    assert d.ind_b.uraian not in a
    assert "2 kosong" in b and d.ind_b.uraian in b
    assert "Realisasi anggaran: Perlindungan Anak Terlantar" in b
    assert (
        "Saya menutup TW II 2025 Dinas Sosial Uji dengan 3 baris belum diverifikasi "
        "dan 3 baris kosong." in body
    )
    assert 'name="setuju"' in body and "required" in body


def test_the_counts_are_the_dashboards_counts(d):
    rincian = selectors_tutup.rincian_penutupan(d.tw)
    lengkap = selectors_dasbor.kelengkapan_opd(d.periode, d.tahun, d.triwulan)
    assert rincian.n_kosong_indikator == lengkap.n_indikator_kosong == 2
    assert rincian.n_kosong_anggaran == lengkap.n_sub_kosong == 1
    assert (rincian.n_diajukan, rincian.n_dikembalikan, rincian.n_draf) == (2, 1, 0)


def test_closing_without_the_confirmation_is_refused_and_changes_nothing(client, d):
    client.force_login(d.admin)
    sidik = _sidik(client.get(_url(d)).content.decode())
    before = snapshot()
    response = client.post(_url(d), {"sidik": sidik})
    assert response.status_code == 422
    assert PESAN_KONFIRMASI in response.content.decode()
    assert snapshot() == before and not PenutupanTriwulan.objects.exists()


def test_a_stale_confirmation_is_refused_and_changes_nothing(client, d):
    client.force_login(d.admin)
    sidik = _sidik(client.get(_url(d)).content.decode())
    # Meanwhile the verifier approves a row: the list the admin read is no longer true.
    realisasi = Realisasi.objects.get(indikator=d.ind_persen, tahun=d.tahun, triwulan=d.triwulan)
    services.realisasi_verifikasi(user=d.verifikator, realisasi=realisasi, versi=realisasi.versi)
    before = snapshot()
    response = client.post(_url(d), {"sidik": sidik, "setuju": "ya", "alasan": "Batas waktu"})
    assert response.status_code == 409
    body = response.content.decode()
    assert PESAN_BERUBAH in body
    assert "dengan 2 baris belum diverifikasi dan 3 baris kosong." in body  # the new list
    assert _sidik(body) != sidik
    assert snapshot() == before and not PenutupanTriwulan.objects.exists()
    d.tw.refresh_from_db()
    assert d.tw.status == TriwulanPelaporan.Status.BUKA


def test_a_value_typed_into_an_empty_row_also_makes_the_confirmation_stale(client, d):
    client.force_login(d.admin)
    sidik = _sidik(client.get(_url(d)).content.decode())
    services.realisasi_simpan(
        user=d.operator_b, indikator=d.ind_b, tahun=d.tahun, triwulan=d.triwulan, versi=0, nilai="5"
    )
    assert client.post(_url(d), {"sidik": sidik, "setuju": "ya"}).status_code == 409
    d.tw.refresh_from_db()
    assert d.tw.status == TriwulanPelaporan.Status.BUKA


def test_the_confirmed_close_is_recorded_with_its_list(client, d):
    client.force_login(d.admin)
    sidik = _sidik(client.get(_url(d)).content.decode())
    response = client.post(_url(d), {"sidik": sidik, "setuju": "ya", "alasan": "Batas waktu"})
    assert response.status_code == 302
    assert response["Location"] == reverse("kinerja:triwulan_detail", args=[d.tw.pk])
    d.tw.refresh_from_db()
    assert d.tw.status == TriwulanPelaporan.Status.TUTUP
    rekam = PenutupanTriwulan.objects.get()
    assert (rekam.oleh, rekam.alasan) == (d.admin, "Batas waktu")
    assert (rekam.n_diajukan, rekam.n_dikembalikan, rekam.n_draf, rekam.n_kosong) == (2, 1, 0, 3)
    assert rekam.realisasi_dihitung == RealisasiDihitung.FINAL_TERVERIFIKASI
    per_unit = {u["nama"]: u for u in rekam.daftar}
    a = per_unit[d.unit_a.nama]
    assert [r["uraian"] for r in a["dikembalikan"]] == [d.ind_kategori.uraian]
    assert {r["jenis"] for r in a["diajukan"]} == {"indikator", "anggaran"}
    assert [r["id"] for r in per_unit[d.unit_b.nama]["kosong"]] == [d.ind_b.pk, d.sub_b.pk]
    assert d.tw.riwayat_set.filter(aksi="tutup").count() == 1

    detail = client.get(response["Location"]).content.decode()
    assert "3 baris belum diverifikasi" in detail and d.ind_kategori.uraian in detail
    assert d.ind_b.uraian in detail and "Batas waktu" in detail
    daftar = client.get(reverse("kinerja:triwulan_list") + "?tahun=2025").content.decode()
    assert "3 belum diverifikasi, 3 kosong" in daftar
    # the closed quarter's page now only points to the record
    assert client.get(_url(d)).status_code == 302


def test_a_quarter_with_nothing_pending_closes_with_a_simple_confirmation(client, d):
    tw = {"tahun": d.tahun, "triwulan": d.triwulan}
    services.realisasi_simpan(user=d.operator, indikator=d.ind_rasio, versi=0, **tw,
                              pembilang="3", penyebut="4")  # fmt: skip
    kategori = Realisasi.objects.get(indikator=d.ind_kategori, **tw)
    services.realisasi_simpan(
        user=d.operator,
        indikator=d.ind_kategori,
        versi=kategori.versi,
        level=d.levels["Nindya"],
        **tw,
    )
    services.realisasi_simpan(user=d.operator_b, indikator=d.ind_b, versi=0, nilai="5", **tw)
    realisasi_anggaran_simpan(user=d.operator_b, sub_kegiatan=d.sub_b, jumlah="1", versi=0, **tw)
    for unit in (d.unit_a, d.unit_b):
        services.realisasi_ajukan(user=d.admin, unit=unit, **tw)
    for unit, verifier in ((d.unit_a, d.verifikator), (d.unit_b, d.verifikator_b)):
        services.triwulan_verifikasi_semua(user=verifier, unit=unit, setujui=True, catatan="", **tw)
    assert not Realisasi.objects.exclude(status=StatusRealisasi.DIVERIFIKASI).exists()
    assert not RealisasiAnggaran.objects.exclude(status=StatusRealisasi.DIVERIFIKASI).exists()

    client.force_login(d.admin)
    body = client.get(_url(d)).content.decode()
    assert 'data-testid="tutup-bersih"' in body and 'name="setuju"' not in body
    response = client.post(_url(d), {"sidik": _sidik(body)})
    assert response.status_code == 302
    d.tw.refresh_from_db()
    assert d.tw.status == TriwulanPelaporan.Status.TUTUP
    assert PenutupanTriwulan.objects.get().daftar == []


@pytest.mark.parametrize(
    ("aturan", "kata"),
    [
        (RealisasiDihitung.FINAL_TERVERIFIKASI, "tidak dihitung di dokumen; dasbor dan daftar"),
        (RealisasiDihitung.SEMUA, "akan ikut menghitung 3 baris yang belum diverifikasi"),
        (RealisasiDihitung.TERVERIFIKASI, "tidak akan dihitung di dokumen, dasbor maupun"),
    ],
)
def test_the_page_says_what_the_documents_will_count(client, d, aturan, kata):
    Pemda.objects.filter(pk=d.pemda.pk).update(realisasi_dihitung=aturan)
    client.force_login(d.admin)
    body = client.get(_url(d)).content.decode()
    assert kata in body


@pytest.mark.parametrize("who", ["operator", "verifikator", "kadis", "perencana", "pimpinan"])
def test_only_the_admin_closes(client, d, who):
    client.force_login(d.admin)
    sidik = _sidik(client.get(_url(d)).content.decode())
    client.force_login(getattr(d, who))
    before = snapshot()
    assert client.get(_url(d)).status_code == 403
    assert client.post(_url(d), {"sidik": sidik, "setuju": "ya"}).status_code == 403
    assert client.get(reverse("kinerja:triwulan_detail", args=[d.tw.pk])).status_code == 403
    assert snapshot() == before


def test_the_admin_of_another_pemda_gets_404(client, d):
    client.force_login(d.admin_lain)
    assert client.get(_url(d)).status_code == 404
    assert client.post(_url(d), {"sidik": "x", "setuju": "ya"}).status_code == 404
    assert client.get(reverse("kinerja:triwulan_detail", args=[d.tw.pk])).status_code == 404


def test_the_closing_page_query_count_does_not_grow_with_rows(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    counts = []
    for kali in (1, 3):
        rencana = build_opd(kali=kali, tahun=2023, triwulan=3)
        tw = TriwulanPelaporan.objects.create(opd=rencana.opd, tahun=2023, triwulan=3)
        Realisasi.objects.filter(indikator__periode=rencana.periode, triwulan=3).update(
            status=StatusRealisasi.DIAJUKAN
        )
        kosong = Realisasi.objects.filter(indikator__periode=rencana.periode, triwulan=3)
        Realisasi.objects.filter(pk__in=list(kosong.values_list("pk", flat=True)[:3])).delete()
        admin = PenggunaFactory(role=roles.ADMIN, pemda=rencana.opd.pemda)
        client.force_login(admin)
        url = reverse("kinerja:triwulan_tutup", args=[tw.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count("<li>") > 20 * kali
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
