"""The verifier's sheet at scale (issue 13 item 3, issue 15 item 2): the counts follow each
action (sent out of band with the row, from one aggregate query) and equal what the sheet
lists; the rows render in one loop, in a fixed number of queries and templates; without
?unit= the Kepala Dinas lands on the unit with rows waiting."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anggaran.models import RealisasiAnggaran
from anggaran.services import realisasi_anggaran_simpan
from kinerja import lembar, services
from kinerja.models import Realisasi
from renstra.models import TriwulanPelaporan
from sakip import roles
from sakip.alur import StatusRealisasi
from tests.builders import build_opd
from tests.factories import PenggunaFactory
from tests.kinerja.dunia import siapkan

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}
# Pinned: the sheet and one action on a row, whatever the number of rows.
KUERI_LEMBAR = 19  # 24 before: the sheet's rows in one query of tuples (-2) and the header
# reusing the unit, OPD and Pemda read with the unit (-3)
KUERI_AKSI = 27


@pytest.fixture
def d(db, settings, tmp_path):
    d = siapkan(settings, tmp_path)
    tw = {"tahun": d.tahun, "triwulan": d.triwulan}
    d.a = services.realisasi_simpan(
        user=d.operator, indikator=d.ind_persen, versi=0, nilai="86,5", **tw
    )
    d.b = services.realisasi_simpan(
        user=d.operator, indikator=d.ind_kategori, versi=0, level=d.levels["Madya"], **tw
    )
    d.c = realisasi_anggaran_simpan(
        user=d.operator, sub_kegiatan=d.sub_a, jumlah="10.000.000", versi=0, **tw
    )
    services.realisasi_ajukan(user=d.operator, unit=d.unit_a, **tw)
    for obj in (d.a, d.b, d.c):
        obj.refresh_from_db()
    return d


def _angka(body, nama):
    return int(re.search(rf'data-testid="ver-{nama}">(\d+)<', body).group(1))


def _hitung_di(body):
    return tuple(_angka(body, n) for n in ("diajukan", "diverifikasi", "dikembalikan"))


def test_the_counts_follow_each_action_out_of_band(client, d):
    client.force_login(d.verifikator)
    page = client.get(reverse("kinerja:verifikasi")).content.decode()
    assert _hitung_di(page) == (3, 0, 0)
    assert 'data-confirm="Setujui semua 3 realisasi yang diajukan?"' in page

    response = client.post(
        reverse("kinerja:realisasi_verifikasi", args=[d.a.pk]),
        {"aksi": "setujui", "versi": d.a.versi, "unit": d.unit_a.pk},
        **HX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="ver-{d.ind_persen.pk}"' in body  # the row itself
    assert 'id="ver-ringkasan"' in body and 'hx-swap-oob="true"' in body
    assert _hitung_di(body) == (2, 1, 0)
    assert 'data-confirm="Setujui semua 2 realisasi yang diajukan?"' in body
    assert "entri-group-title" not in body  # only the row, not its group

    body = client.post(
        reverse("kinerja:realisasi_verifikasi", args=[d.b.pk]),
        {"aksi": "kembalikan", "catatan": "Lampirkan SK", "versi": d.b.versi},
        **HX,
    ).content.decode()
    assert _hitung_di(body) == (1, 1, 1)

    body = client.post(
        reverse("kinerja:realisasi_anggaran_verifikasi", args=[d.c.pk]),
        {"aksi": "setujui", "versi": d.c.versi},
        **HX,
    ).content.decode()
    assert f'id="ver-ang-{d.sub_a.pk}"' in body
    assert _hitung_di(body) == (0, 2, 1)
    assert "Setujui semua" not in body  # nothing left to approve at once


def test_a_refused_action_answers_with_the_unchanged_counts(client, d):
    client.force_login(d.verifikator)
    response = client.post(
        reverse("kinerja:realisasi_verifikasi", args=[d.a.pk]),
        {"aksi": "kembalikan", "catatan": "", "versi": d.a.versi},
        **HX,
    )
    assert response.status_code == 422
    assert _hitung_di(response.content.decode()) == (3, 0, 0)


def test_verify_all_leads_back_to_fresh_counts(client, d):
    client.force_login(d.verifikator)
    page = client.post(
        reverse("kinerja:verifikasi_semua", args=[d.tahun, d.triwulan]),
        {"aksi": "setujui", "catatan": ""},
        follow=True,
    ).content.decode()
    assert "3 realisasi diverifikasi." in page
    assert _hitung_di(page) == (0, 3, 0)


def _dunia_besar(kali):
    rencana = build_opd(kali=kali, tahun=2023, triwulan=3)
    TriwulanPelaporan.objects.create(opd=rencana.opd, tahun=2023, triwulan=3)
    unit = rencana.opd.unit_set.order_by("urutan").first()
    rows = Realisasi.objects.filter(indikator__periode=rencana.periode, triwulan=3)
    rows.update(status=StatusRealisasi.DIAJUKAN)
    pks = sorted(rows.values_list("pk", flat=True))
    Realisasi.objects.filter(pk__in=pks[::3]).update(status=StatusRealisasi.DIVERIFIKASI)
    Realisasi.objects.filter(pk__in=pks[1::5]).update(status=StatusRealisasi.DIKEMBALIKAN)
    Realisasi.objects.filter(pk__in=pks[2::7]).update(status=StatusRealisasi.DRAFT)
    RealisasiAnggaran.objects.filter(sub_kegiatan__periode=rencana.periode, triwulan=3).update(
        status=StatusRealisasi.DIAJUKAN
    )
    return rencana, unit


def test_the_counts_are_what_the_sheet_lists(settings):
    rencana, unit = _dunia_besar(1)
    groups = lembar.lembar_unit(unit=unit, tahun=2023, triwulan=3)
    statuses = [b.status for g in groups for b in g.indikator]
    statuses += [g.anggaran.status for g in groups if g.anggaran]
    hitung = lembar.hitung_verifikasi(unit=unit, tahun=2023, triwulan=3)
    assert hitung.diajukan == statuses.count(StatusRealisasi.DIAJUKAN) > 0
    assert hitung.diverifikasi == statuses.count(StatusRealisasi.DIVERIFIKASI) > 0
    assert hitung.dikembalikan == statuses.count(StatusRealisasi.DIKEMBALIKAN) > 0
    assert hitung.draf == statuses.count(StatusRealisasi.DRAFT) > 0


def test_sheet_and_action_cost_a_fixed_number_of_queries_and_templates(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    lembar_q, aksi_q, templat = [], [], []
    for kali in (1, 4):
        rencana, unit = _dunia_besar(kali)
        client.force_login(PenggunaFactory(role=roles.VERIFIKATOR, unit=unit))
        url = reverse("kinerja:verifikasi_triwulan", args=[2023, 3])
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count("Setujui</button>") > 5 * kali
        lembar_q.append(len(ctx.captured_queries))
        templat.append(len(response.templates))

        row = Realisasi.objects.filter(
            indikator__sub_kegiatan__unit=unit, triwulan=3, status=StatusRealisasi.DIAJUKAN
        ).first()
        with CaptureQueriesContext(connection) as ctx:
            response = client.post(
                reverse("kinerja:realisasi_verifikasi", args=[row.pk]),
                {"aksi": "setujui", "versi": row.versi},
                **HX,
            )
        assert response.status_code == 200, response.content.decode()[:300]
        aksi_q.append(len(ctx.captured_queries))
    assert lembar_q == [KUERI_LEMBAR] * 2, lembar_q
    assert aksi_q == [KUERI_AKSI] * 2, aksi_q
    assert templat[0] == templat[1], templat  # no template per row


def test_kadis_without_unit_lands_on_the_unit_with_rows_waiting(client, d):
    services.triwulan_verifikasi_semua(
        user=d.verifikator, unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan, setujui=True
    )
    services.realisasi_simpan(
        user=d.operator_b, indikator=d.ind_b, tahun=d.tahun, triwulan=d.triwulan, versi=0, nilai="5"
    )
    services.realisasi_ajukan(user=d.operator_b, unit=d.unit_b, tahun=d.tahun, triwulan=d.triwulan)
    client.force_login(d.kadis)
    body = client.get(reverse("kinerja:verifikasi")).content.decode()
    assert f'<option value="{d.unit_b.pk}" selected>' in body
    assert d.ind_b.uraian in body and d.ind_persen.uraian not in body
    assert _hitung_di(body) == (1, 0, 0)
    # asked for a unit, the choice stands
    body = client.get(reverse("kinerja:verifikasi") + f"?unit={d.unit_a.pk}").content.decode()
    assert d.ind_persen.uraian in body and d.ind_b.uraian not in body


def test_kadis_keeps_the_first_unit_when_it_has_rows_waiting(client, d):
    client.force_login(d.kadis)
    body = client.get(reverse("kinerja:verifikasi")).content.decode()
    assert d.ind_persen.uraian in body and _hitung_di(body) == (3, 0, 0)
