"""The quarter entry sheet (issue 4 item 2) and its htmx row saves."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anggaran.models import RealisasiAnggaran
from kinerja import services
from kinerja.models import Realisasi
from renstra.models import LevelKategori, Pengguna, SkalaKategori, TriwulanPelaporan
from sakip import roles
from sakip.alur import StatusRealisasi
from tests.builders import build_opd
from tests.factories import PenggunaFactory
from tests.kinerja.dunia import siapkan, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def d(db, settings, tmp_path):
    return siapkan(settings, tmp_path)


HX = {"HTTP_HX_REQUEST": "true"}


def url_simpan(d, ind):
    return reverse("kinerja:realisasi_simpan", args=[d.tahun, d.triwulan, ind.pk])


def url_anggaran(d, sub):
    return reverse("kinerja:realisasi_anggaran_simpan", args=[d.tahun, d.triwulan, sub.pk])


@pytest.mark.parametrize(
    "who, url_name",
    [
        ("operator", "kinerja:entri"),
        ("verifikator", "kinerja:verifikasi"),
        ("admin", "kinerja:triwulan_list"),
        ("kadis", "kinerja:dasbor_opd"),
        ("perencana", "kinerja:dasbor_opd"),
        ("pimpinan", "kinerja:dasbor_pemda"),
    ],
)
def test_each_role_lands_on_its_own_home_page(client, d, who, url_name):
    client.force_login(getattr(d, who))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse(url_name)


def test_login_page_is_indonesian_and_logs_in(client, d):
    page = client.get(reverse("login"))
    assert "Kata sandi" in page.content.decode() and "Masuk" in page.content.decode()
    response = client.post(
        reverse("login"),
        {"username": "operator", "password": "rahasia-uji-123"},
        REMOTE_ADDR="10.0.0.1",
    )
    assert response.status_code == 302
    assert client.get(reverse("home"))["Location"] == reverse("kinerja:entri")


def test_wrong_password_shows_an_indonesian_message(client, d):
    response = client.post(
        reverse("login"), {"username": "operator", "password": "salah"}, REMOTE_ADDR="10.0.0.2"
    )
    assert response.status_code == 200
    assert "dan sandi yang benar" in response.content.decode()


def test_repeated_failed_logins_are_locked_out(client, d, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"), {"username": "operator", "password": "salah"}, REMOTE_ADDR="10.0.0.3"
        )
    response = client.post(
        reverse("login"),
        {"username": "operator", "password": "rahasia-uji-123"},
        REMOTE_ADDR="10.0.0.3",
    )
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk" in response.content.decode()


def test_password_change_page_is_indonesian(client, d):
    client.force_login(d.operator)
    body = client.get(reverse("password_change")).content.decode()
    assert "Ganti kata sandi" in body and "Sandi lama" in body


def test_logout_needs_post_and_returns_to_login(client, d):
    client.force_login(d.operator)
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert client.get(reverse("kinerja:entri")).status_code == 302


def test_entry_page_shows_only_the_operators_unit(client, d):
    client.force_login(d.operator)
    body = client.get(reverse("kinerja:entri")).content.decode()
    assert "Entri realisasi TW II 2025" in body
    assert d.ind_persen.uraian in body and d.ind_rasio.uraian in body
    assert d.ind_kategori.uraian in body  # a sasaran indicator the unit answers for
    assert d.ind_b.uraian not in body
    assert d.sub_a.nama in body and d.sub_b.nama not in body
    assert "Rp 100.000.000" in body  # pagu in force of unit A's sub-kegiatan


def test_operator_cannot_switch_unit_through_the_url(client, d):
    client.force_login(d.operator)
    body = client.get(reverse("kinerja:entri") + f"?unit={d.unit_b.pk}").content.decode()
    assert d.ind_b.uraian not in body and d.ind_persen.uraian in body


def test_perencana_chooses_a_unit_of_their_opd_only(client, d):
    client.force_login(d.perencana)
    body = client.get(reverse("kinerja:entri") + f"?unit={d.unit_b.pk}").content.decode()
    assert d.ind_b.uraian in body and d.ind_persen.uraian not in body
    other_unit = d.operator_lain.unit
    assert client.get(reverse("kinerja:entri") + f"?unit={other_unit.pk}").status_code == 404


def test_row_save_shows_capaian_without_reload(client, d):
    client.force_login(d.operator)
    response = client.post(
        url_simpan(d, d.ind_persen),
        {"nilai": "86,5", "versi": 0, "penjelasan": "Sesuai data"},
        **HX,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert f'id="ind-{d.ind_persen.pk}"' in body
    assert "108,13%" in body  # 86,5 / 80 × 100
    assert "Tersimpan" in body
    assert "<html" not in body  # a fragment, swapped in place
    assert Realisasi.objects.filter(indikator__periode=d.periode).get().nilai == Decimal("86.5")


def test_ratio_row_stores_numerator_denominator_and_value(client, d):
    client.force_login(d.operator)
    response = client.post(
        url_simpan(d, d.ind_rasio), {"pembilang": "1.277", "penyebut": "1.816", "versi": 0}, **HX
    )
    # "1.277" is one thousand two hundred and seventy-seven, as the page prints it
    assert response.status_code == 200
    obj = Realisasi.objects.filter(indikator__periode=d.periode).get()
    assert (obj.pembilang, obj.penyebut, obj.nilai) == (1277, 1816, Decimal("70.3194"))
    assert "87,90%" in response.content.decode()  # 70,3194 / 80


def invalid_cases(d):
    other = SkalaKategori.objects.create(nama="Skala lain")
    foreign = LevelKategori.objects.create(skala=other, nama="Emas", urutan=1, skor=1)
    return [
        (d.ind_persen, {"nilai": "sembilan"}, "bukan angka"),
        (d.ind_persen, {"nilai": "-3"}, "Nilai realisasi tidak boleh negatif."),
        (
            d.ind_kategori,
            {"level": str(foreign.pk)},
            "Kategori tidak ada pada skala indikator ini.",
        ),
        (d.ind_rasio, {"pembilang": "4", "penyebut": "0"}, "Penyebut tidak boleh nol."),
    ]


def test_every_invalid_row_returns_the_message_next_to_the_field(client, d):
    client.force_login(d.operator)
    for ind, data, message in invalid_cases(d):
        before = snapshot()
        response = client.post(url_simpan(d, ind), {**data, "versi": 0}, **HX)
        body = response.content.decode()
        assert response.status_code == 422, message
        assert message in body
        assert "is-invalid" in body and "invalid-feedback" in body
        assert snapshot() == before


def test_closed_quarter_refuses_the_save_and_shows_read_only(client, d):
    client.force_login(d.operator)
    TriwulanPelaporan.objects.filter(pk=d.tw.pk).update(status=TriwulanPelaporan.Status.TUTUP)
    before = snapshot()
    response = client.post(url_simpan(d, d.ind_persen), {"nilai": "50", "versi": 0}, **HX)
    assert response.status_code == 422
    assert "sudah ditutup" in response.content.decode()
    assert snapshot() == before
    page = client.get(reverse("kinerja:entri")).content.decode()
    assert "Triwulan ditutup" in page
    assert 'name="nilai"' not in page and "Ajukan" not in page


def test_verified_row_refuses_the_save(client, d):
    obj = services.realisasi_simpan(
        user=d.operator,
        indikator=d.ind_persen,
        tahun=d.tahun,
        triwulan=d.triwulan,
        versi=0,
        nilai="50",
    )
    services.realisasi_ajukan(user=d.operator, unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan)
    obj = services.realisasi_verifikasi(user=d.verifikator, realisasi=obj)
    client.force_login(d.operator)
    before = snapshot()
    response = client.post(url_simpan(d, d.ind_persen), {"nilai": "70", "versi": obj.versi}, **HX)
    assert response.status_code == 422
    assert "sudah diverifikasi" in response.content.decode()
    assert snapshot() == before


def test_budget_above_pagu_returns_the_message_and_changes_nothing(client, d):
    client.force_login(d.operator)
    before = snapshot()
    response = client.post(url_anggaran(d, d.sub_a), {"jumlah": "100.000.001", "versi": 0}, **HX)
    assert response.status_code == 422
    assert "melebihi pagu yang berlaku Rp 100.000.000" in response.content.decode()
    assert snapshot() == before
    response = client.post(url_anggaran(d, d.sub_a), {"jumlah": "1.250.000", "versi": 0}, **HX)
    assert response.status_code == 200
    assert "1,25%" in response.content.decode()  # penyerapan 1.250.000 / 100.000.000
    assert (
        RealisasiAnggaran.objects.filter(sub_kegiatan__periode=d.periode).get().jumlah == 1_250_000
    )


def test_concurrent_edit_is_refused_with_the_other_persons_value(client, d):
    from django.test import Client

    other = Client()
    client.force_login(d.operator)
    other.force_login(d.perencana)
    # Both load the page with no row yet (versi 0); the perencana saves first.
    assert (
        other.post(
            url_simpan(d, d.ind_persen), {"nilai": "90", "versi": 0, "unit": d.unit_a.pk}, **HX
        ).status_code
        == 200
    )
    before = snapshot()
    response = client.post(url_simpan(d, d.ind_persen), {"nilai": "70", "versi": 0}, **HX)
    assert response.status_code == 409
    body = response.content.decode()
    assert "sudah diubah oleh Perencana" in body
    assert "nilai sekarang: 90" in body
    assert "Nilai yang Anda ketik: 70" in body
    assert snapshot() == before
    # the re-rendered row carries the current version, so a deliberate second save works
    assert 'name="versi" value="1"' in body


def test_operator_cannot_write_another_units_row_by_changing_the_id(client, d):
    client.force_login(d.operator)
    before = snapshot()
    assert client.post(url_simpan(d, d.ind_b), {"nilai": "10", "versi": 0}, **HX).status_code == 404
    assert (
        client.post(
            url_simpan(d, d.ind_b), {"nilai": "10", "versi": 0, "unit": d.unit_b.pk}, **HX
        ).status_code
        == 404
    )
    assert (
        client.post(url_anggaran(d, d.sub_b), {"jumlah": "10", "versi": 0}, **HX).status_code == 404
    )
    assert snapshot() == before


def test_operator_cannot_read_another_units_row_history_or_evidence(client, d, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    row_b = services.realisasi_simpan(
        user=d.operator_b, indikator=d.ind_b, tahun=d.tahun, triwulan=d.triwulan, versi=0, nilai="5"
    )
    bukti = services.bukti_simpan(
        user=d.operator_b, realisasi=row_b, berkas=SimpleUploadedFile("b.pdf", b"%PDF-1.4 rahasia")
    )
    client.force_login(d.operator)
    assert client.get(reverse("kinerja:realisasi_riwayat", args=[row_b.pk])).status_code == 404
    assert client.get(reverse("kinerja:bukti_unduh", args=[bukti.pk])).status_code == 404
    client.force_login(d.operator_b)
    response = client.get(reverse("kinerja:bukti_unduh", args=[bukti.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 rahasia"
    # stored under the private root, never reachable under a public URL
    assert (settings.PRIVATE_MEDIA_ROOT / bukti.berkas.name).exists()
    assert client.get("/media/" + bukti.berkas.name).status_code == 404
    assert client.get("/static/" + bukti.berkas.name).status_code == 404


def test_upload_through_the_row_and_download(client, d):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(d.operator)
    client.post(url_simpan(d, d.ind_persen), {"nilai": "50", "versi": 0}, **HX)
    row = Realisasi.objects.filter(indikator__periode=d.periode).get()
    response = client.post(
        reverse("kinerja:bukti_unggah", args=[row.pk]),
        {"berkas": SimpleUploadedFile("daftar hadir.pdf", b"%PDF-1.7 isi")},
        **HX,
    )
    assert response.status_code == 200
    assert "daftar hadir.pdf" in response.content.decode()
    bad = client.post(
        reverse("kinerja:bukti_unggah", args=[row.pk]),
        {"berkas": SimpleUploadedFile("virus.exe", b"MZ\x90\x00")},
        **HX,
    )
    assert bad.status_code == 422
    assert "Jenis berkas tidak diizinkan" in bad.content.decode()
    assert row.bukti_set.count() == 1


def test_history_is_visible_on_the_row(client, d):
    client.force_login(d.operator)
    client.post(url_simpan(d, d.ind_persen), {"nilai": "50", "versi": 0}, **HX)
    client.post(url_simpan(d, d.ind_persen), {"nilai": "62,5", "versi": 1}, **HX)
    row = Realisasi.objects.filter(indikator__periode=d.periode).get()
    body = client.get(reverse("kinerja:realisasi_riwayat", args=[row.pk]), **HX).content.decode()
    assert "Riwayat perubahan" in body
    assert "Operator" in body  # who
    assert "<td>50</td><td>62,5</td>" in body  # old, new
    assert "Target tahunan 2025" in body  # the target's history sits beside it


def test_submit_moves_the_unit_quarter_to_verification(client, d):
    client.force_login(d.operator)
    client.post(url_simpan(d, d.ind_persen), {"nilai": "50", "versi": 0}, **HX)
    response = client.post(reverse("kinerja:realisasi_ajukan", args=[d.tahun, d.triwulan]))
    assert response.status_code == 302
    assert (
        Realisasi.objects.filter(indikator__periode=d.periode).get().status
        == StatusRealisasi.DIAJUKAN
    )
    page = client.get(response["Location"]).content.decode()
    assert "1 realisasi diajukan untuk verifikasi." in page
    assert 'name="nilai"' not in page.split(d.ind_persen.uraian, 1)[1].split("entri-row", 1)[0]


def _entri_queries(client, user, tahun, triwulan):
    client.force_login(user)
    url = reverse("kinerja:entri_triwulan", args=[tahun, triwulan])
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_entry_page_query_count_does_not_grow_with_rows(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    counts = []
    for kali in (1, 10):
        rencana = build_opd(kali=kali, tahun=2023, triwulan=3)
        TriwulanPelaporan.objects.create(opd=rencana.opd, tahun=2023, triwulan=3)
        unit = rencana.opd.unit_set.order_by("urutan").first()
        user = PenggunaFactory(role=roles.OPERATOR, unit=unit)
        n, response = _entri_queries(client, user, 2023, 3)
        assert response.content.decode().count("data-entri-row") > 5 * kali
        counts.append(n)
    assert counts[0] == counts[1], counts
    assert counts[0] <= 30, counts


def test_user_without_unit_role_cannot_open_the_entry_page(client, d):
    client.force_login(d.pimpinan)
    assert client.get(reverse("kinerja:entri")).status_code == 403
    assert Pengguna.objects.filter(username="pimpinan").exists()


def test_entry_page_on_the_seed_opd_stays_within_the_same_query_budget(client, seed_data, settings):
    """The fixture OPD (Dinas Sosial PPPA Kota Probolinggo, Rencana Aksi 2025) against a
    generated OPD ten times larger: no more queries (one fewer when the unit has no
    categorical indicator, whose scale levels are then not fetched)."""
    from renstra.demo import DEMO_OPD_SLUG, DEMO_USERS
    from renstra.models import UnitKerja

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    unit = UnitKerja.objects.get(opd__slug=DEMO_OPD_SLUG, slug=DEMO_USERS["operator"][1])
    TriwulanPelaporan.objects.create(opd=unit.opd, tahun=2025, triwulan=2)
    seed_count, response = _entri_queries(
        client, PenggunaFactory(role=roles.OPERATOR, unit=unit), 2025, 2
    )
    rows = response.content.decode().count("data-entri-row")
    assert rows > 5, rows

    rencana = build_opd(kali=10, tahun=2023, triwulan=3)
    TriwulanPelaporan.objects.create(opd=rencana.opd, tahun=2023, triwulan=3)
    big_unit = rencana.opd.unit_set.order_by("urutan").first()
    big_count, big = _entri_queries(
        client, PenggunaFactory(role=roles.OPERATOR, unit=big_unit), 2023, 3
    )
    assert big.content.decode().count("data-entri-row") > 5 * rows
    assert big_count - 1 <= seed_count <= big_count, (seed_count, big_count)


def test_budget_row_history_shows_the_pagu_revisions_too(client, d):
    from anggaran.models import Pagu

    client.force_login(d.operator)
    client.post(url_anggaran(d, d.sub_a), {"jumlah": "1.000.000", "versi": 0}, **HX)
    pagu = Pagu.objects.get(pk=d.pagu_a.pk)
    pagu.jumlah = Decimal("90000000")
    pagu._history_user = d.perencana
    pagu.save()
    row = RealisasiAnggaran.objects.filter(sub_kegiatan__periode=d.periode).get()
    body = client.get(
        reverse("kinerja:realisasi_anggaran_riwayat", args=[row.pk]), **HX
    ).content.decode()
    assert "Realisasi anggaran TW 2" in body and "Rp 1.000.000" in body
    assert "Pagu 2025" in body
    assert "<td>Rp 100.000.000</td><td>Rp 90.000.000</td>" in body
    assert "Perencana" in body


def test_without_any_quarter_the_operator_is_told_none_is_open(client, d):
    TriwulanPelaporan.objects.all().delete()
    client.force_login(d.operator)
    body = client.get(reverse("kinerja:entri")).content.decode()
    assert "Belum ada triwulan yang dibuka" in body
    assert 'name="nilai"' not in body


def test_user_without_a_role_gets_a_home_page_that_says_so(client, d):
    client.force_login(PenggunaFactory(username="tanpa_peran"))
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "Akun Anda belum diberi peran" in response.content.decode()
