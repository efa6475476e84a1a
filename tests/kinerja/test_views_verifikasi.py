"""The verification sheet (issue 4 item 3)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anggaran.models import RealisasiAnggaran
from anggaran.services import realisasi_anggaran_simpan
from kinerja import services
from kinerja.models import BuktiRealisasi, Realisasi
from renstra.models import TriwulanPelaporan
from sakip import roles
from sakip.alur import StatusRealisasi
from tests.builders import build_opd
from tests.factories import PenggunaFactory
from tests.kinerja.dunia import siapkan, snapshot

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def d(db, settings, tmp_path):
    return siapkan(settings, tmp_path)


@pytest.fixture
def diajukan(d):
    """Unit A's quarter filled and submitted: two indicator rows and one budget row."""
    a = services.realisasi_simpan(
        user=d.operator,
        indikator=d.ind_persen,
        tahun=d.tahun,
        triwulan=d.triwulan,
        versi=0,
        nilai="86,5",
    )
    b = services.realisasi_simpan(
        user=d.operator,
        indikator=d.ind_kategori,
        tahun=d.tahun,
        triwulan=d.triwulan,
        versi=0,
        level=d.levels["Madya"],
    )
    c = realisasi_anggaran_simpan(
        user=d.operator,
        sub_kegiatan=d.sub_a,
        tahun=d.tahun,
        triwulan=d.triwulan,
        jumlah="10.000.000",
        versi=0,
    )
    services.realisasi_ajukan(user=d.operator, unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan)
    for obj in (a, b, c):
        obj.refresh_from_db()
    return a, b, c


def test_verifier_sees_the_submitted_rows_of_their_unit_with_evidence(client, d, diajukan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    a, _, _ = diajukan
    Realisasi.objects.filter(pk=a.pk).update(status=StatusRealisasi.DRAFT)
    services.bukti_simpan(
        user=d.operator, realisasi=a, berkas=SimpleUploadedFile("sk.pdf", b"%PDF-1.4")
    )
    Realisasi.objects.filter(pk=a.pk).update(status=StatusRealisasi.DIAJUKAN)
    client.force_login(d.verifikator)
    body = client.get(reverse("kinerja:verifikasi")).content.decode()
    assert d.ind_persen.uraian in body and d.ind_kategori.uraian in body
    assert "sk.pdf" in body and reverse("kinerja:bukti_unduh", args=[a.bukti_set.get().pk]) in body
    assert "Rp 10.000.000" in body
    assert d.ind_b.uraian not in body
    assert "Setujui semua" in body


SKRIP = "<script>alert('x')</script>"
SKRIP_AMAN = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"


def test_text_typed_by_people_is_escaped_on_the_sheet_and_in_an_action_answer(client, d, diajukan):
    a, b, c = diajukan
    type(d.ind_persen).objects.filter(pk=d.ind_persen.pk).update(uraian=SKRIP, satuan=SKRIP)
    Realisasi.objects.filter(pk=a.pk).update(penjelasan=f"baris\n{SKRIP}")
    Realisasi.objects.filter(pk=b.pk).update(
        status=StatusRealisasi.DIKEMBALIKAN, catatan_verifikasi=SKRIP
    )
    RealisasiAnggaran.objects.filter(pk=c.pk).update(penjelasan=SKRIP)
    BuktiRealisasi.objects.create(
        realisasi=a, berkas="x/a.pdf", nama_asli=SKRIP, content_type="application/pdf", ukuran=1
    )
    client.force_login(d.verifikator)
    body = client.get(reverse("kinerja:verifikasi")).content.decode()
    assert SKRIP not in body
    # uraian, satuan, penjelasan (after its line break), evidence name, catatan, budget note
    assert body.count(SKRIP_AMAN) == 6
    assert f"baris<br>{SKRIP_AMAN}" in body
    Realisasi.objects.filter(pk=a.pk).update(
        nilai=None, tidak_terukur=True, alasan_tidak_terukur=SKRIP
    )
    a.refresh_from_db()
    response = client.post(
        reverse("kinerja:realisasi_verifikasi", args=[a.pk]),
        {"aksi": "kembalikan", "catatan": SKRIP, "versi": a.versi + 1},
        **HX,
    )
    answer = response.content.decode()
    assert response.status_code == 422  # stale: the row comes back with the typed comment
    assert SKRIP not in answer
    assert f"(tidak dapat diukur: {SKRIP_AMAN})" in answer
    assert f">{SKRIP_AMAN}</textarea>" in answer


def test_draft_rows_are_not_shown_to_the_verifier(client, d):
    services.realisasi_simpan(
        user=d.operator,
        indikator=d.ind_persen,
        tahun=d.tahun,
        triwulan=d.triwulan,
        versi=0,
        nilai="50",
    )
    client.force_login(d.verifikator)
    body = client.get(reverse("kinerja:verifikasi")).content.decode()
    assert d.ind_persen.uraian not in body
    assert "Belum ada realisasi yang diajukan" in body


def test_approve_one_row(client, d, diajukan):
    a, _, _ = diajukan
    client.force_login(d.verifikator)
    response = client.post(
        reverse("kinerja:realisasi_verifikasi", args=[a.pk]),
        {"aksi": "setujui", "versi": a.versi},
        **HX,
    )
    assert response.status_code == 200
    assert "Diverifikasi" in response.content.decode()
    a.refresh_from_db()
    assert a.status == StatusRealisasi.DIVERIFIKASI and a.diverifikasi_oleh == d.verifikator


def test_return_one_row_with_a_comment_and_the_operator_sees_it_highlighted(client, d, diajukan):
    a, _, _ = diajukan
    client.force_login(d.verifikator)
    response = client.post(
        reverse("kinerja:realisasi_verifikasi", args=[a.pk]),
        {"aksi": "kembalikan", "catatan": "Lampirkan data PMKS triwulan II", "versi": a.versi},
        **HX,
    )
    assert response.status_code == 200
    a.refresh_from_db()
    assert a.status == StatusRealisasi.DIKEMBALIKAN
    client.force_login(d.operator)
    body = client.get(reverse("kinerja:entri")).content.decode()
    row = (
        body.split(f'id="ind-{d.ind_persen.pk}"', 1)[0].rsplit("<div", 1)[1]
        + body.split(f'id="ind-{d.ind_persen.pk}"', 1)[1][:3000]
    )
    assert "is-dikembalikan" in row
    assert "Lampirkan data PMKS triwulan II" in row
    assert 'name="nilai"' in row  # editable again
    assert "1 dikembalikan" in body


def test_returning_without_a_comment_is_refused_next_to_the_field(client, d, diajukan):
    a, _, _ = diajukan
    client.force_login(d.verifikator)
    before = snapshot()
    response = client.post(
        reverse("kinerja:realisasi_verifikasi", args=[a.pk]),
        {"aksi": "kembalikan", "catatan": "", "versi": a.versi},
        **HX,
    )
    assert response.status_code == 422
    assert "Catatan wajib diisi saat mengembalikan realisasi." in response.content.decode()
    assert snapshot() == before


def test_stale_verification_is_refused(client, d, diajukan):
    a, _, _ = diajukan
    client.force_login(d.verifikator)
    before = snapshot()
    response = client.post(
        reverse("kinerja:realisasi_verifikasi", args=[a.pk]),
        {"aksi": "setujui", "versi": a.versi - 1},
        **HX,
    )
    assert response.status_code == 422
    assert "sudah berubah" in response.content.decode()
    assert snapshot() == before


def test_whole_quarter_return_needs_a_comment_and_then_returns_everything(client, d, diajukan):
    client.force_login(d.verifikator)
    url = reverse("kinerja:verifikasi_semua", args=[d.tahun, d.triwulan])
    before = snapshot()
    page = client.post(url, {"aksi": "kembalikan", "catatan": ""}, follow=True).content.decode()
    assert "Catatan wajib diisi" in page
    assert snapshot() == before
    page = client.post(
        url, {"aksi": "kembalikan", "catatan": "Bukti belum lengkap"}, follow=True
    ).content.decode()
    assert "3 realisasi dikembalikan ke operator." in page
    assert set(
        Realisasi.objects.filter(indikator__periode=d.periode).values_list("status", flat=True)
    ) == {StatusRealisasi.DIKEMBALIKAN}
    assert (
        RealisasiAnggaran.objects.filter(sub_kegiatan__periode=d.periode).get().catatan_verifikasi
        == "Bukti belum lengkap"
    )


def test_budget_row_can_be_approved(client, d, diajukan):
    _, _, c = diajukan
    client.force_login(d.verifikator)
    response = client.post(
        reverse("kinerja:realisasi_anggaran_verifikasi", args=[c.pk]),
        {"aksi": "setujui", "versi": c.versi},
        **HX,
    )
    assert response.status_code == 200
    c.refresh_from_db()
    assert c.status == StatusRealisasi.DIVERIFIKASI


def test_verifier_of_another_unit_cannot_touch_the_rows(client, d, diajukan):
    a, _, c = diajukan
    client.force_login(d.verifikator_b)
    before = snapshot()
    assert (
        client.post(
            reverse("kinerja:realisasi_verifikasi", args=[a.pk]), {"aksi": "setujui"}, **HX
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("kinerja:realisasi_anggaran_verifikasi", args=[c.pk]), {"aksi": "setujui"}, **HX
        ).status_code
        == 404
    )
    assert snapshot() == before
    assert d.ind_persen.uraian not in client.get(reverse("kinerja:verifikasi")).content.decode()


def test_closed_quarter_cannot_be_verified(client, d, diajukan):
    a, _, _ = diajukan
    TriwulanPelaporan.objects.filter(pk=d.tw.pk).update(status=TriwulanPelaporan.Status.TUTUP)
    client.force_login(d.verifikator)
    before = snapshot()
    response = client.post(
        reverse("kinerja:realisasi_verifikasi", args=[a.pk]),
        {"aksi": "setujui", "versi": a.versi},
        **HX,
    )
    assert response.status_code == 422
    assert "sudah ditutup" in response.content.decode()
    assert snapshot() == before
    assert "Setujui semua" not in client.get(reverse("kinerja:verifikasi")).content.decode()


def test_kepala_dinas_chooses_any_unit_of_the_opd(client, d, diajukan):
    client.force_login(d.kadis)
    body = client.get(reverse("kinerja:verifikasi") + f"?unit={d.unit_a.pk}").content.decode()
    assert d.ind_persen.uraian in body
    assert (
        client.get(reverse("kinerja:verifikasi") + f"?unit={d.operator_lain.unit_id}").status_code
        == 404
    )


def test_verification_page_query_count_does_not_grow_with_rows(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    counts = []
    for kali in (1, 10):
        rencana = build_opd(kali=kali, tahun=2023, triwulan=3)
        TriwulanPelaporan.objects.create(opd=rencana.opd, tahun=2023, triwulan=3)
        unit = rencana.opd.unit_set.order_by("urutan").first()
        Realisasi.objects.filter(indikator__periode=rencana.periode, triwulan=3).update(
            status=StatusRealisasi.DIAJUKAN
        )
        RealisasiAnggaran.objects.filter(sub_kegiatan__periode=rencana.periode, triwulan=3).update(
            status=StatusRealisasi.DIAJUKAN
        )
        user = PenggunaFactory(role=roles.VERIFIKATOR, unit=unit)
        client.force_login(user)
        url = reverse("kinerja:verifikasi_triwulan", args=[2023, 3])
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count("Setujui</button>") > 5 * kali
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 30, counts
