"""The pagu grid of the perencana (issue 12): murni and revisions per sub-kegiatan and
quarter, totals from the read model, history on each figure, the Excel round trip, and
who may write. The access matrix (tests/test_matriks_akses.py) covers every persona."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from anggaran import pagu_xlsx, selectors_pagu, services
from anggaran.models import Pagu
from renstra.models import SubKegiatan
from sakip import roles
from tests.builders import build_opd
from tests.factories import PenggunaFactory, RealisasiAnggaranFactory
from tests.kinerja.dunia import siapkan

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def d(settings, tmp_path):
    return siapkan(settings, tmp_path)


def _url(d, name="anggaran:pagu_grid"):
    return reverse(name, args=[d.opd.slug, d.tahun])


def _sel(sub, q):
    return services.nama_sel(sub.pk, q)


def _jenis(sub, q):
    return services.nama_jenis(sub.pk, q)


def _form(response):
    """Every input and select of the rendered grid with the value it carries."""
    data = {}
    for _row, cells in response.context["baris"]:
        for c in cells:
            data[c.nama] = c.nilai
            if c.triwulan > 1:
                data[c.nama_jenis] = c.jenis
    assert data
    return data


# --- the service --------------------------------------------------------------------------


def test_a_revision_typed_with_thousands_dots_starts_a_new_pagu_from_its_quarter(d):
    n = services.pagu_simpan(
        user=d.perencana,
        periode=d.periode,
        tahun=d.tahun,
        isian={(d.sub_a.pk, 3): ("1.250.000", "perubahan")},
    )
    assert n == 1
    baru = Pagu.objects.get(sub_kegiatan=d.sub_a, tahun=d.tahun, berlaku_mulai=3)
    assert (baru.jumlah, baru.jenis) == (D(1_250_000), Pagu.Jenis.PERUBAHAN)
    grid = selectors_pagu.grid_pagu(d.periode, d.tahun)
    row = next(r for r in grid.sub_kegiatan if r.id == d.sub_a.pk)
    assert row.berlaku == [D(100_000_000), D(100_000_000), D(1_250_000), D(1_250_000)]
    kegiatan = next(r for r in grid.baris if r.tingkat == "kegiatan")
    assert kegiatan.berlaku == [D(150_000_000), D(150_000_000), D(51_250_000), D(51_250_000)]
    assert grid.total == kegiatan.berlaku


def test_the_first_quarter_is_always_the_murni_pagu(d):
    services.pagu_simpan(
        user=d.perencana,
        periode=d.periode,
        tahun=d.tahun,
        isian={(d.sub_a.pk, 1): ("90.000.000", "perubahan")},
    )
    d.pagu_a.refresh_from_db()
    assert (d.pagu_a.jumlah, d.pagu_a.jenis) == (D(90_000_000), Pagu.Jenis.MURNI)


def test_bad_cells_are_all_reported_in_indonesian_and_nothing_is_saved(d):
    before = list(Pagu.objects.order_by("pk").values())
    with pytest.raises(ValidationError) as exc:
        services.pagu_simpan(
            user=d.perencana,
            periode=d.periode,
            tahun=d.tahun,
            isian={
                (d.sub_a.pk, 1): ("80.000.000", ""),
                (d.sub_a.pk, 2): ("sejuta", "pergeseran"),
                (d.sub_b.pk, 2): ("-5", "pergeseran"),
                (d.sub_b.pk, 3): ("1.000,50", "pergeseran"),
                (d.sub_b.pk, 4): ("1.000", "murni"),
            },
        )
    errors = exc.value.message_dict
    assert set(errors) == {_sel(d.sub_a, 2), _sel(d.sub_b, 2), _sel(d.sub_b, 3), _sel(d.sub_b, 4)}
    assert "bukan angka" in errors[_sel(d.sub_a, 2)][0]
    assert "negatif" in errors[_sel(d.sub_b, 2)][0]
    assert "rupiah penuh" in errors[_sel(d.sub_b, 3)][0]
    assert "Pergeseran atau APBD Perubahan" in errors[_sel(d.sub_b, 4)][0]
    assert list(Pagu.objects.order_by("pk").values()) == before


def test_a_pagu_below_what_was_already_spent_is_refused(d):
    RealisasiAnggaranFactory(sub_kegiatan=d.sub_a, tahun=d.tahun, triwulan=1, jumlah=D(40_000_000))
    with pytest.raises(ValidationError) as exc:
        services.pagu_simpan(
            user=d.perencana,
            periode=d.periode,
            tahun=d.tahun,
            isian={(d.sub_a.pk, 2): ("30.000.000", "pergeseran")},
        )
    assert "lebih kecil dari realisasi" in exc.value.message_dict[_sel(d.sub_a, 2)][0]
    assert not Pagu.objects.filter(sub_kegiatan=d.sub_a, berlaku_mulai=2).exists()


def test_an_emptied_cell_removes_the_revision_and_the_history_keeps_every_version(d):
    isian = {(d.sub_b.pk, 2): ("60.000.000", "pergeseran")}
    services.pagu_simpan(user=d.perencana, periode=d.periode, tahun=d.tahun, isian=isian)
    isian = {(d.sub_b.pk, 2): ("", "pergeseran")}
    services.pagu_simpan(user=d.perencana, periode=d.periode, tahun=d.tahun, isian=isian)
    assert not Pagu.objects.filter(sub_kegiatan=d.sub_b, berlaku_mulai=2).exists()
    riwayat = list(selectors_pagu.riwayat_pagu(d.sub_b, d.tahun).filter(berlaku_mulai=2))
    assert [h.history_type for h in riwayat] == ["-", "+"]
    assert {h.history_user for h in riwayat} == {d.perencana}


def test_a_sub_kegiatan_of_another_plan_is_refused(d):
    lain = build_opd(kali=1, tahun=d.tahun)
    sub_id = SubKegiatan.objects.filter(periode=lain.periode).values_list("pk", flat=True)[0]
    with pytest.raises(ValidationError) as exc:
        services.pagu_simpan(
            user=d.perencana,
            periode=d.periode,
            tahun=d.tahun,
            isian={(sub_id, 1): ("1.000.000", "")},
        )
    assert "tidak dikenal" in exc.value.message_dict[services.nama_sel(sub_id, 1)][0]


# --- the page -----------------------------------------------------------------------------


def test_the_grid_resubmitted_unchanged_saves_without_error_and_changes_nothing(client, d):
    Pagu.objects.create(
        sub_kegiatan=d.sub_a, tahun=d.tahun, berlaku_mulai=3, jenis="perubahan", jumlah=D(1_250_000)
    )
    client.force_login(d.perencana)
    response = client.get(_url(d))
    assert response.status_code == 200
    data = _form(response)
    assert data[_sel(d.sub_a, 1)] == "100.000.000"
    assert data[_sel(d.sub_a, 3)] == "1.250.000"
    before = list(Pagu.objects.order_by("pk").values())
    history = Pagu.history.count()
    response = client.post(_url(d), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert list(Pagu.objects.order_by("pk").values()) == before
    assert Pagu.history.count() == history


def test_the_perencana_types_a_pergeseran_and_sees_the_new_totals(client, d):
    client.force_login(d.perencana)
    response = client.post(
        _url(d), {_sel(d.sub_b, 2): "1.250.000", _jenis(d.sub_b, 2): "pergeseran"}, follow=True
    )
    assert response.status_code == 200
    teks = response.content.decode()
    assert "1 pagu disimpan." in teks
    assert "Rp 101.250.000" in teks  # the kegiatan's pagu in force from TW II


def test_a_refused_cell_is_shown_with_its_message_and_what_was_typed(client, d):
    client.force_login(d.perencana)
    response = client.post(_url(d), {_sel(d.sub_b, 2): "12,5,0", _jenis(d.sub_b, 2): "pergeseran"})
    assert response.status_code == 422
    teks = response.content.decode()
    assert "tidak ada yang disimpan" in teks
    assert 'value="12,5,0"' in teks
    assert "is-invalid" in teks


def test_the_kadis_reads_the_grid_without_inputs_and_may_not_post(client, d):
    client.force_login(d.kadis)
    response = client.get(_url(d))
    assert response.status_code == 200
    assert 'name="p-' not in response.content.decode()
    assert client.post(_url(d), {_sel(d.sub_a, 1): "1"}).status_code == 403
    assert Pagu.objects.get(pk=d.pagu_a.pk).jumlah == D(100_000_000)


def test_an_admin_of_another_pemda_does_not_find_the_grid(client, d):
    client.force_login(d.admin_lain)
    assert client.get(_url(d)).status_code == 404
    assert client.post(_url(d), {_sel(d.sub_a, 1): "1"}).status_code == 404


def test_the_history_page_lists_who_changed_a_figure(client, d):
    services.pagu_simpan(
        user=d.perencana,
        periode=d.periode,
        tahun=d.tahun,
        isian={(d.sub_a.pk, 2): ("80.000.000", "pergeseran")},
    )
    client.force_login(d.kadis)
    url = reverse("anggaran:pagu_riwayat", args=[d.opd.slug, d.tahun, d.sub_a.pk])
    teks = client.get(url).content.decode()
    assert "Rp 80.000.000" in teks and "Perencana" in teks and "Triwulan II" in teks


def _grid_queries(client, rencana):
    user = PenggunaFactory(
        username=f"perencana-{rencana.opd.slug}", role=roles.PERENCANA, opd=rencana.opd
    )
    client.force_login(user)
    url = reverse("anggaran:pagu_grid", args=[rencana.opd.slug, rencana.tahun])
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_grid_page_costs_the_same_queries_whatever_the_size_of_the_plan(client):
    small, large = build_opd(kali=1), build_opd(kali=4)
    assert large.counts["sub_kegiatan"] >= 4 * small.counts["sub_kegiatan"]
    n = _grid_queries(client, small)
    assert n == _grid_queries(client, large)
    assert n <= 16


# --- the workbook -------------------------------------------------------------------------


def _isi(content, kode, kolom, nilai):
    wb = load_workbook(io.BytesIO(content))
    ws = wb[pagu_xlsx.SHEET]
    for row in ws.iter_rows(min_row=pagu_xlsx.BARIS_HEADER + 1):
        if row[1].value == kode:
            row[kolom - 1].value = nilai
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _unggah(client, d, content):
    berkas = SimpleUploadedFile("pagu.xlsx", content)
    return client.post(_url(d, "anggaran:pagu_unggah"), {"berkas": berkas})


def test_the_workbook_round_trip_previews_then_saves_the_changed_cells(client, d):
    client.force_login(d.perencana)
    content = client.get(_url(d, "anggaran:pagu_ekspor")).content
    unchanged = _unggah(client, d, content)
    assert unchanged.status_code == 200
    assert "Tidak ada perubahan" in unchanged.content.decode()
    content = _isi(content, d.sub_b.kode, 8, "1.250.000")  # TW III
    content = _isi(content, d.sub_b.kode, 9, "Perubahan")
    preview = _unggah(client, d, content)
    assert preview.status_code == 200
    assert "Rp 1.250.000 (Perubahan)" in preview.content.decode()
    assert not Pagu.objects.filter(sub_kegiatan=d.sub_b, berlaku_mulai=3).exists()
    token = preview.context["token"]
    response = client.post(_url(d, "anggaran:pagu_unggah_simpan"), {"token": token})
    assert response.status_code == 302
    baru = Pagu.objects.get(sub_kegiatan=d.sub_b, berlaku_mulai=3)
    assert (baru.jumlah, baru.jenis) == (D(1_250_000), Pagu.Jenis.PERUBAHAN)


def test_every_bad_row_of_the_workbook_is_listed_and_nothing_is_saved(client, d):
    client.force_login(d.perencana)
    content = client.get(_url(d, "anggaran:pagu_ekspor")).content
    content = _isi(content, d.sub_a.kode, 5, "seratus")
    content = _isi(content, d.sub_b.kode, 7, "Tambahan")
    content = _isi(content, d.sub_b.kode, 6, 5_000)
    before = list(Pagu.objects.order_by("pk").values())
    response = _unggah(client, d, content)
    assert response.status_code == 422
    teks = response.content.decode()
    assert "2 isian ditolak" in teks
    assert "bukan angka" in teks and "bukan Pergeseran atau Perubahan" in teks
    assert list(Pagu.objects.order_by("pk").values()) == before


def test_a_file_that_is_not_a_workbook_gets_an_indonesian_message(client, d):
    client.force_login(d.perencana)
    response = _unggah(client, d, b"bukan excel")
    assert response.status_code == 422
    assert "bukan workbook Excel" in response.content.decode()
