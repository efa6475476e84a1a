"""The dense entry sheet (issue 13 item 1, issue 15 item 2): "Simpan semua", the summary
counts from one aggregate query, the unit a perencana lands on, and the query counts of
the sheet, a row save and "Simpan semua" at two sizes."""

from decimal import Decimal

import pytest
from django.urls import reverse

from anggaran.models import RealisasiAnggaran
from anggaran.services import realisasi_anggaran_simpan
from kinerja import lembar, services
from kinerja.models import BuktiRealisasi, Realisasi
from renstra.models import Indikator, TriwulanPelaporan
from sakip import roles
from sakip.alur import StatusRealisasi
from tests.builders import build_opd
from tests.factories import PenggunaFactory
from tests.kinerja.dunia import siapkan

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def d(db, settings, tmp_path):
    return siapkan(settings, tmp_path)


def url_semua(tahun, triwulan):
    return reverse("kinerja:realisasi_simpan_semua", args=[tahun, triwulan])


def isi_indikator(key, **fields):
    return {f"{key}-{name}": value for name, value in fields.items()}


def dari_lembar(groups):
    """The summary counted over the rows of the full sheet (what the page draws)."""
    rows = [b for g in groups for b in g.indikator]
    ang = [g.anggaran for g in groups if g.anggaran]
    semua = rows + ang
    hasil = {
        "indikator": len(rows),
        "terisi": sum(1 for b in rows if b.realisasi),
        "anggaran": len(ang),
        "anggaran_terisi": sum(1 for a in ang if a.realisasi),
    }
    for st in lembar.STATUS_RINGKAS:
        hasil[str(st)] = sum(1 for b in semua if b.status == st)
    hasil["kosong"] = sum(1 for b in semua if not b.realisasi)
    hasil["siap_diajukan"] = hasil["draft"] + hasil["dikembalikan"]
    return hasil


# --- "Simpan semua" --------------------------------------------------------------------


def test_simpan_semua_saves_the_good_rows_and_answers_every_other_row(client, d):
    # The kategori row was saved by the perencana after the operator opened the page.
    lain = services.realisasi_simpan(
        user=d.perencana,
        indikator=d.ind_kategori,
        tahun=d.tahun,
        triwulan=d.triwulan,
        versi=0,
        level=d.levels["Pratama"],
    )
    sebelum_lain = Realisasi.objects.filter(pk=lain.pk).values().get()
    riwayat = (Realisasi.history.count(), RealisasiAnggaran.history.count())
    p, r, k, b, s = (
        f"ind-{d.ind_persen.pk}",
        f"ind-{d.ind_rasio.pk}",
        f"ind-{d.ind_kategori.pk}",
        f"ind-{d.ind_b.pk}",
        f"ang-{d.sub_a.pk}",
    )
    data = {
        "unit": d.unit_a.pk,
        "baris": ",".join([p, r, k, b, s]),
        **isi_indikator(p, versi=0, nilai="86,5", penjelasan="Sesuai data"),
        **isi_indikator(r, versi=0, pembilang="1.2.3,4", penyebut="60"),
        **isi_indikator(k, versi=0, level=d.levels["Madya"].pk),  # stale: now versi 1
        **isi_indikator(b, versi=0, nilai="10"),  # unit B's row
        **isi_indikator(s, versi=0, jumlah="12.500.000"),
    }
    client.force_login(d.operator)
    response = client.post(url_semua(d.tahun, d.triwulan), data, **HX)
    assert response.status_code == 200
    body = response.content.decode()

    # the good rows are saved, each once in the history
    saved = Realisasi.objects.get(indikator=d.ind_persen, tahun=d.tahun, triwulan=d.triwulan)
    assert saved.nilai == Decimal("86.5") and saved.penjelasan == "Sesuai data"
    assert saved.diubah_oleh == d.operator and saved.versi == 1
    belanja = RealisasiAnggaran.objects.get(sub_kegiatan=d.sub_a, triwulan=d.triwulan)
    assert belanja.jumlah == Decimal("12500000")
    assert (Realisasi.history.count(), RealisasiAnggaran.history.count()) == (
        riwayat[0] + 1,
        riwayat[1] + 1,
    )
    # nothing else changed
    assert not Realisasi.objects.filter(indikator__in=[d.ind_rasio, d.ind_b]).exists()
    assert Realisasi.objects.filter(pk=lain.pk).values().get() == sebelum_lain

    # each row answers with its own message, re-rendered out of band
    baris = {
        key: body.split(f'data-baris="{key}"', 1)[1].split("data-baris=", 1)[0]
        for key in (p, r, k, s)
    }
    assert "Tersimpan" in baris[p] and "Tersimpan" in baris[s]
    assert "titik memisahkan ribuan, tiap tiga angka" in baris[r]  # sakip.angka's message
    assert "1.2.3,4" in baris[r]  # what was typed stays in the field
    assert "data-kotor" in baris[r]  # and the row stays "changed" in the browser
    assert "sudah diubah oleh Perencana" in baris[k] and "Nilai yang Anda ketik: Madya" in baris[k]
    assert body.count('hx-swap-oob="true"') >= 6  # four rows, the summary, the report
    assert f'data-baris="{b}"' not in body  # another unit's row is never drawn
    assert f"Indikator #{d.ind_b.pk} bukan tanggungan unit {d.unit_a.nama}" in body
    assert 'data-gagal="3"' in body and 'data-tersimpan="2"' in body
    # the summary counts the saved rows
    assert 'data-testid="jumlah-terisi">2<' in body  # persen + the perencana's kategori
    assert 'data-testid="jumlah-anggaran-terisi">1<' in body


def test_simpan_semua_refuses_every_row_of_another_units_operator(client, d):
    before = list(Realisasi.objects.values())
    client.force_login(d.operator_b)
    key = f"ind-{d.ind_persen.pk}"
    response = client.post(
        url_semua(d.tahun, d.triwulan),
        {
            "unit": d.unit_a.pk,  # ignored: an operator works on their own unit
            "baris": f"{key},ang-{d.sub_a.pk},xyz",
            **isi_indikator(key, versi=0, nilai="5"),
            f"ang-{d.sub_a.pk}-versi": 0,
            f"ang-{d.sub_a.pk}-jumlah": "5",
        },
        **HX,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "bukan tanggungan unit Bidang Perlindungan Anak" in body
    assert f"Sub kegiatan #{d.sub_a.pk} bukan tanggungan" in body
    assert "tidak dikenal" in body
    assert list(Realisasi.objects.values()) == before
    assert not RealisasiAnggaran.objects.exists()


def test_simpan_semua_in_a_closed_quarter_saves_nothing(client, d):
    TriwulanPelaporan.objects.filter(pk=d.tw.pk).update(status=TriwulanPelaporan.Status.TUTUP)
    client.force_login(d.operator)
    key = f"ind-{d.ind_persen.pk}"
    response = client.post(
        url_semua(d.tahun, d.triwulan),
        {"unit": d.unit_a.pk, "baris": key, **isi_indikator(key, versi=0, nilai="5")},
        **HX,
    )
    assert response.status_code == 200
    assert "ditutup" in response.content.decode()
    assert not Realisasi.objects.exists()


def test_simpan_semua_without_rows_says_so(client, d):
    client.force_login(d.operator)
    response = client.post(url_semua(d.tahun, d.triwulan), {"unit": d.unit_a.pk, "baris": ""})
    assert "Tidak ada perubahan untuk disimpan." in response.content.decode()


@pytest.mark.parametrize(
    "who, status",
    [
        ("operator", 200),
        ("perencana", 200),
        ("admin", 200),
        ("operator_b", 200),  # served, every row of unit A refused (test above)
        ("operator_lain", 200),
        ("verifikator", 403),
        ("kadis", 403),
        ("pimpinan", 403),
        ("admin_lain", 404),
        ("tanpa_peran", 403),
        ("anonim", 302),
    ],
)
def test_simpan_semua_permission_per_role(client, d, who, status):
    if who == "tanpa_peran":
        client.force_login(PenggunaFactory(username="tanpa_peran"))
    elif who != "anonim":
        client.force_login(getattr(d, who))
    key = f"ind-{d.ind_persen.pk}"
    response = client.post(
        url_semua(d.tahun, d.triwulan),
        {"unit": d.unit_a.pk, "baris": key, **isi_indikator(key, versi=0, nilai="50")},
        **HX,
    )
    assert response.status_code == status
    saved = Realisasi.objects.filter(indikator=d.ind_persen).exists()
    assert saved == (who in ("operator", "perencana", "admin"))


def test_get_is_not_allowed(client, d):
    client.force_login(d.operator)
    assert client.get(url_semua(d.tahun, d.triwulan)).status_code == 405


# --- the summary: one aggregate query, equal to the sheet ------------------------------


def _dunia_campur(d):
    """Rows in every state: saved, submitted, verified, returned, empty."""
    for ind, nilai in ((d.ind_persen, "50"), (d.ind_b, "10")):
        services.realisasi_simpan(
            user=d.perencana,
            indikator=ind,
            tahun=d.tahun,
            triwulan=d.triwulan,
            versi=0,
            nilai=nilai,
        )
    realisasi_anggaran_simpan(
        user=d.perencana,
        sub_kegiatan=d.sub_a,
        tahun=d.tahun,
        triwulan=d.triwulan,
        jumlah="1.000.000",
        versi=0,
    )
    services.realisasi_ajukan(user=d.perencana, unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan)
    row = Realisasi.objects.get(indikator=d.ind_persen)
    services.realisasi_kembalikan(user=d.kadis, realisasi=row, catatan="Lengkapi bukti")
    services.realisasi_simpan(
        user=d.perencana,
        indikator=d.ind_rasio,
        tahun=d.tahun,
        triwulan=d.triwulan,
        versi=0,
        pembilang="3",
        penyebut="4",
    )


def test_summary_counts_equal_the_full_sheet(d):
    _dunia_campur(d)
    for unit in (d.unit_a, d.unit_b):
        groups = lembar.lembar_unit(unit=unit, tahun=d.tahun, triwulan=d.triwulan)
        assert lembar.ringkasan_unit(unit=unit, tahun=d.tahun, triwulan=d.triwulan) == (
            dari_lembar(groups)
        )
    hasil = lembar.ringkasan_unit(unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan)
    assert hasil["dikembalikan"] == 1 and hasil["diajukan"] == 1 and hasil["draft"] == 1
    assert hasil["kosong"] == 1  # the kategori indicator


def test_summary_counts_equal_the_sheet_of_a_generated_opd(django_assert_num_queries):
    rencana = build_opd(kali=1, tahun=2023, triwulan=3)
    for unit in rencana.opd.unit_set.all():
        for tw in (3, 4):
            groups = lembar.lembar_unit(unit=unit, tahun=2023, triwulan=tw)
            with django_assert_num_queries(1):
                hasil = lembar.ringkasan_unit(unit=unit, tahun=2023, triwulan=tw)
            assert hasil == dari_lembar(groups)
            assert hasil["indikator"] > 5


def test_summary_counts_link_to_their_rows(client, d):
    _dunia_campur(d)
    client.force_login(d.operator)
    body = client.get(reverse("kinerja:entri")).content.decode()
    assert f'href="?unit={d.unit_a.pk}&amp;tampil=dikembalikan" data-tampil="dikembalikan"' in body
    assert 'data-tampil="kosong" data-testid="jumlah-kosong">1 belum diisi</a>' in body
    assert f'data-baris="ind-{d.ind_persen.pk}" data-status="dikembalikan"' in body
    assert f'data-baris="ind-{d.ind_kategori.pk}" data-status="kosong"' in body


def test_row_save_answers_with_its_row_and_the_summary_out_of_band(client, d):
    client.force_login(d.operator)
    response = client.post(
        reverse("kinerja:realisasi_simpan", args=[d.tahun, d.triwulan, d.ind_persen.pk]),
        {"nilai": "86,5", "versi": 0},
        **HX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('data-baris="') == 1
    assert 'id="ringkasan" hx-swap-oob="true"' in body
    assert 'data-testid="jumlah-terisi">1<' in body
    assert "HX-Trigger" not in response  # the summary is not fetched again
    bad = client.post(
        reverse("kinerja:realisasi_simpan", args=[d.tahun, d.triwulan, d.ind_rasio.pk]),
        {"pembilang": "1.2.3,4", "penyebut": "2", "versi": 0},
        **HX,
    )
    assert bad.status_code == 422 and 'id="ringkasan"' not in bad.content.decode()


# --- the unit a perencana lands on -------------------------------------------------------


def test_perencana_lands_on_the_unit_with_rows_returned_then_empty(client, d):
    client.force_login(d.perencana)
    # unit A has three indicators and a budget row empty, unit B one of each
    body = client.get(reverse("kinerja:entri")).content.decode()
    assert d.ind_persen.uraian in body and d.ind_b.uraian not in body
    # a returned row in unit B comes first
    services.realisasi_simpan(
        user=d.perencana, indikator=d.ind_b, tahun=d.tahun, triwulan=d.triwulan, versi=0, nilai="1"
    )
    services.realisasi_ajukan(user=d.perencana, unit=d.unit_b, tahun=d.tahun, triwulan=d.triwulan)
    services.realisasi_kembalikan(
        user=d.kadis, realisasi=Realisasi.objects.get(indikator=d.ind_b), catatan="Periksa"
    )
    body = client.get(reverse("kinerja:entri")).content.decode()
    assert d.ind_b.uraian in body and d.ind_persen.uraian not in body
    # ?unit= still wins
    body = client.get(reverse("kinerja:entri") + f"?unit={d.unit_a.pk}").content.decode()
    assert d.ind_persen.uraian in body


def test_admin_lands_on_the_unit_with_the_most_empty_rows(client, d):
    for ind in (d.ind_persen, d.ind_rasio):
        Indikator.objects.filter(pk=ind.pk).update(sub_kegiatan=d.sub_b)
    client.force_login(d.admin)
    body = client.get(reverse("kinerja:entri")).content.decode()
    assert d.ind_b.uraian in body and d.ind_persen.uraian in body
    assert d.ind_kategori.uraian not in body  # unit A keeps only the kategori indicator


# --- query counts at two sizes -------------------------------------------------------------


def _dunia_besar(kali):
    rencana = build_opd(kali=kali, tahun=2023, triwulan=3)
    TriwulanPelaporan.objects.create(opd=rencana.opd, tahun=2023, triwulan=4)
    unit = rencana.opd.unit_set.order_by("urutan").first()
    user = PenggunaFactory(role=roles.OPERATOR, unit=unit)
    rows = [
        b
        for g in lembar.lembar_unit(unit=unit, tahun=2023, triwulan=4)
        for b in g.indikator
        if b.indikator.tipe in (Indikator.Tipe.ANGKA, Indikator.Tipe.PERSENTASE)
    ]
    subs = [
        g.anggaran.sub_kegiatan
        for g in lembar.lembar_unit(unit=unit, tahun=2023, triwulan=4)
        if g.anggaran
    ]
    return unit, user, rows, subs


@pytest.mark.parametrize("kali", [1, 3])
def test_query_counts_of_sheet_row_save_and_simpan_semua(
    client, settings, django_assert_num_queries, kali
):
    """The same number of queries for the demo-like plan and three times its rows."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    unit, user, rows, subs = _dunia_besar(kali)
    assert len(rows) >= 3 * kali
    client.force_login(user)
    url = reverse("kinerja:entri_triwulan", args=[2023, 4])
    client.get(url)  # warm caches (content types, session)
    with django_assert_num_queries(21):
        page = client.get(url)
    assert page.content.decode().count("data-entri-row") >= len(rows)

    simpan = reverse("kinerja:realisasi_simpan", args=[2023, 4, rows[0].indikator.pk])
    with django_assert_num_queries(45):
        response = client.post(simpan, {"nilai": "12,5", "versi": 0}, **HX)
    assert response.status_code == 200 and "Tersimpan" in response.content.decode()

    data = {"unit": unit.pk}
    keys = []
    for b in rows[1:4]:
        key = f"ind-{b.indikator.pk}"
        keys.append(key)
        data.update(isi_indikator(key, versi=0, nilai="1.250"))
    key = f"ang-{subs[0].pk}"
    keys.append(key)
    data.update(isi_indikator(key, versi=0, jumlah="1.000"))
    data["baris"] = ",".join(keys)
    with django_assert_num_queries(133):
        response = client.post(url_semua(2023, 4), data, **HX)
    assert 'data-gagal="0"' in response.content.decode()
    assert Realisasi.objects.filter(tahun=2023, triwulan=4, nilai=Decimal("1250")).count() == 3
    assert Realisasi.objects.get(indikator=rows[1].indikator, triwulan=4).status == (
        StatusRealisasi.DRAFT
    )


# --- escaping (the rows are built in Python: kinerja.views.entri_baris) ------------------

SKRIP = "<script>alert(1)</script>"


def test_every_text_of_a_row_is_escaped_in_the_sheet_and_in_a_row_save(client, d):
    ind = d.ind_persen
    Indikator.objects.filter(pk=ind.pk).update(uraian=f"Uraian {SKRIP}", satuan='%"')
    real = services.realisasi_simpan(
        user=d.operator,
        indikator=ind,
        tahun=d.tahun,
        triwulan=d.triwulan,
        versi=0,
        nilai=Decimal("50"),
        penjelasan=f"Penjelasan {SKRIP}",
    )
    Realisasi.objects.filter(pk=real.pk).update(
        status=StatusRealisasi.DIKEMBALIKAN, catatan_verifikasi=f"Catatan {SKRIP}"
    )
    BuktiRealisasi.objects.create(
        realisasi=real, berkas="bukti/x.pdf", nama_asli=f"{SKRIP}.pdf", content_type="x", ukuran=1
    )
    client.force_login(d.operator)
    sheet = client.get(reverse("kinerja:entri_triwulan", args=[d.tahun, d.triwulan]))
    real.refresh_from_db()
    save = client.post(
        reverse("kinerja:realisasi_simpan", args=[d.tahun, d.triwulan, ind.pk]),
        {"nilai": "60", "versi": real.versi, "penjelasan": f"Baru {SKRIP}"},
        **HX,
    )
    assert save.status_code == 200
    for body in (sheet.content.decode(), save.content.decode()):
        assert SKRIP not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "Uraian &lt;script&gt;" in sheet.content.decode()
    assert "Catatan &lt;script&gt;" in sheet.content.decode()
    assert "Penjelasan &lt;script&gt;" in sheet.content.decode()
    assert "Baru &lt;script&gt;" in save.content.decode()
    assert '"satuan": "%\\u0022"' in sheet.content.decode()  # escapejs inside hx-vals
