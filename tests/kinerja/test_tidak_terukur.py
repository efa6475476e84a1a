"""'Tidak dapat diukur' through the application (issue 11 item 5): the operator records it
on the entry sheet with a required reason, the verifier verifies it like any row, and the
Pengukuran and LKjIP print n/a with the reason in HTML, PDF text and XLSX; it is left out of
averages and does not count as missing."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from kinerja import selectors, services
from kinerja.models import Realisasi
from kinerja.selectors_dasbor import kelengkapan_opd
from renstra.models import Indikator
from sakip.alur import StatusRealisasi
from tests.factories import IndikatorFactory, TargetTahunanFactory
from tests.kinerja.dunia import siapkan, snapshot
from tests.laporan.conftest import read_pdf

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}
ALASAN = "Data Susenas BPS belum terbit"


@pytest.fixture
def d(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    d = siapkan(settings, tmp_path)
    d.ind_sasaran = IndikatorFactory(
        sasaran=d.sasaran,
        uraian="Persentase PPKS yang tertangani",
        tipe=Indikator.Tipe.PERSENTASE,
        satuan="%",
        urutan=1,
    )
    d.ind_sasaran.unit_penanggung_jawab.add(d.unit_a)
    TargetTahunanFactory(indikator=d.ind_sasaran, tahun=d.tahun, nilai=Decimal("80"))
    return d


def simpan(client, d, ind, **data):
    return client.post(
        reverse("kinerja:realisasi_simpan", args=[d.tahun, d.triwulan, ind.pk]),
        {"versi": 0, "unit": d.unit_a.pk, **data},
        **HX,
    )


def test_unmeasurable_without_a_reason_is_refused_next_to_the_field_and_changes_nothing(client, d):
    client.force_login(d.operator)
    before = snapshot()
    response = simpan(client, d, d.ind_sasaran, tidak_terukur="on", alasan_tidak_terukur=" ")
    assert response.status_code == 422
    assert "Alasan wajib diisi bila indikator tidak dapat diukur." in response.content.decode()
    assert snapshot() == before


def test_unmeasurable_drops_a_typed_figure_and_shows_n_a_with_the_reason_on_the_sheet(client, d):
    client.force_login(d.operator)
    response = simpan(
        client, d, d.ind_sasaran, nilai="55", tidak_terukur="on", alasan_tidak_terukur=ALASAN
    )
    assert response.status_code == 200, response.content.decode()
    obj = Realisasi.objects.get(indikator=d.ind_sasaran)
    assert obj.tidak_terukur and obj.nilai is None and obj.alasan_tidak_terukur == ALASAN
    body = response.content.decode()
    assert 'data-testid="na-capaian-' in body and f"tidak dapat diukur: {ALASAN}" in body
    assert "realisasi s.d. TW II: n/a" in body


def test_an_unmeasurable_row_is_left_out_of_the_average_and_not_counted_missing(client, d):
    client.force_login(d.operator)
    simpan(client, d, d.ind_sasaran, tidak_terukur="on", alasan_tidak_terukur=ALASAN)
    services.realisasi_simpan(
        user=d.operator,
        indikator=d.ind_kategori,
        tahun=d.tahun,
        triwulan=d.triwulan,
        versi=0,
        level=d.levels["Madya"],
    )
    data = selectors.capaian_opd(d.opd, d.tahun, d.triwulan)
    rows = {r.id: r for r in data.indikator}
    assert rows[d.ind_sasaran.pk].capaian.tidak_terukur
    assert rows[d.ind_sasaran.pk].predikat is None
    assert data.capaian_rata == Decimal(100)  # only the Madya / Madya row counts
    lengkap = kelengkapan_opd(d.periode, d.tahun, d.triwulan)
    kosong = {i.pk for i in lengkap.daftar_indikator_kosong}
    assert d.ind_sasaran.pk not in kosong and d.ind_persen.pk in kosong


def test_unmeasurable_is_verified_and_printed_n_a_with_its_reason_in_every_document(client, d):
    client.force_login(d.operator)
    simpan(client, d, d.ind_sasaran, tidak_terukur="on", alasan_tidak_terukur=ALASAN)
    services.realisasi_ajukan(user=d.operator, unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan)
    obj = Realisasi.objects.get(indikator=d.ind_sasaran)

    client.force_login(d.verifikator)
    sheet = client.get(reverse("kinerja:verifikasi"), {"unit": d.unit_a.pk})
    assert f"(tidak dapat diukur: {ALASAN})" in sheet.content.decode()
    response = client.post(
        reverse("kinerja:realisasi_verifikasi", args=[obj.pk]),
        {"aksi": "setujui", "versi": obj.versi},
        **HX,
    )
    assert response.status_code == 200
    obj.refresh_from_db()
    assert obj.status == StatusRealisasi.DIVERIFIKASI

    client.force_login(d.kadis)
    args = [d.opd.slug, d.tahun, d.triwulan]
    html = client.get(reverse("laporan:pengukuran", args=args)).content.decode()
    assert "n/a" in html and f"tidak dapat diukur: {ALASAN}" in html
    _, text = read_pdf(client.get(reverse("laporan:pengukuran_pdf", args=args)).content)
    assert "n/a" in text and ALASAN in text
    wb = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("laporan:pengukuran_xlsx", args=args)).content)
    )
    cells = [c for row in wb.active.iter_rows(values_only=True) for c in row if c]
    assert "n/a" in cells and f"n/a (tidak dapat diukur: {ALASAN})" in cells

    lkjip = client.get(reverse("laporan:lkjip", args=[d.opd.slug, d.tahun])).content.decode()
    assert f"tidak dapat diukur: {ALASAN}" in lkjip
