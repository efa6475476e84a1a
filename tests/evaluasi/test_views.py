"""The evaluasi pages over HTTP: refusals change nothing, list pages keep their query
count at two sizes, the LKE workbook and the Laporan Hasil Evaluasi carry the same rows."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from evaluasi import services
from evaluasi.models import BuktiLke, Jawaban, Kriteria, Pemantauan, Pihak
from laporan import pdf
from laporan.models import DokumenTerbit
from sakip import roles
from tests.evaluasi.dunia import TAHUN, buat_opd, evaluasi_untuk, pengguna
from tests.factories import OPDFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%uji\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def _isi(e, user, pihak, huruf=("Y", "B"), semua=True):
    kriteria = Kriteria.objects.filter(sub_komponen__komponen__versi=e.versi_id)
    Jawaban.objects.bulk_create(
        Jawaban(
            evaluasi=e,
            kriteria=k,
            pihak=pihak,
            jawaban=huruf[0] if k.skala == "YT" else huruf[1],
            diubah_oleh=user,
        )
        for k in (kriteria if semua else kriteria[:3])
    )


def _lke_url(opd, name="evaluasi:lke"):
    return reverse(name, args=[opd.slug, TAHUN])


def test_the_opd_posting_the_inspektorat_side_is_refused_and_writes_nothing(client):
    opd, _ = buat_opd()
    e = evaluasi_untuk(opd)
    k = Kriteria.objects.get(sub_komponen__komponen__versi=e.versi_id, kode="1.a.1")
    client.force_login(pengguna(roles.PERENCANA, opd))
    url = reverse("evaluasi:jawaban_simpan", args=[opd.slug, TAHUN, k.pk])
    response = client.post(url, {"pihak": Pihak.INSPEKTORAT, "jawaban": "Y"})
    assert response.status_code == 403
    assert not Jawaban.objects.exists()
    response = client.post(url, {"pihak": Pihak.MANDIRI, "jawaban": "Y"})
    assert response.status_code == 302
    assert Jawaban.objects.get().pihak == Pihak.MANDIRI


def test_the_inspektorat_posting_the_opd_side_is_refused(client):
    opd, _ = buat_opd()
    e = evaluasi_untuk(opd)
    k = Kriteria.objects.get(sub_komponen__komponen__versi=e.versi_id, kode="1.a.1")
    client.force_login(pengguna(roles.INSPEKTORAT, pemda=opd.pemda))
    url = reverse("evaluasi:jawaban_simpan", args=[opd.slug, TAHUN, k.pk])
    assert client.post(url, {"pihak": Pihak.MANDIRI, "jawaban": "Y"}).status_code == 403
    assert not Jawaban.objects.exists()


def test_an_evidence_file_of_the_wrong_kind_is_refused_with_a_message(client):
    opd, _ = buat_opd()
    e = evaluasi_untuk(opd)
    k = Kriteria.objects.get(sub_komponen__komponen__versi=e.versi_id, kode="1.a.1")
    client.force_login(pengguna(roles.PERENCANA, opd))
    url = reverse("evaluasi:bukti_unggah", args=[opd.slug, TAHUN, k.pk])
    berkas = SimpleUploadedFile("bukti.pdf", b"bukan pdf", content_type="application/pdf")
    response = client.post(url, {"pihak": "mandiri", "berkas": berkas}, follow=True)
    assert "Jenis berkas tidak diizinkan" in response.content.decode()
    assert not BuktiLke.objects.exists()
    berkas = SimpleUploadedFile("bukti.pdf", PDF, content_type="application/pdf")
    client.post(url, {"pihak": "mandiri", "berkas": berkas})
    assert BuktiLke.objects.get().nama_asli == "bukti.pdf"


def test_a_monitoring_record_with_a_bad_date_changes_nothing(client):
    opd, units = buat_opd(1)
    client.force_login(pengguna(roles.PERENCANA, opd))
    url = _lke_url(opd, "evaluasi:pemantauan")
    data = {"unit": units[0].pk, "triwulan": "2", "kendala": "k", "tindak_lanjut": "t"}
    response = client.post(
        url, {**data, "batas_waktu": "31-02-2024", "status": "rencana"}, follow=True
    )
    assert "Tanggal tidak sah" in response.content.decode()
    assert not Pemantauan.objects.exists()
    # Typed the Indonesian way, dd/mm/yyyy (yyyy-mm-dd is still read).
    client.post(url, {**data, "batas_waktu": "30/06/2024", "status": "rencana"})
    assert Pemantauan.objects.get().batas_waktu.isoformat() == "2024-06-30"


def _jumlah_query(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def test_the_lke_page_keeps_its_query_count_at_two_sizes(client):
    kecil, _ = buat_opd(1)
    besar, units = buat_opd(6)
    admin = pengguna(roles.ADMIN)
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    for opd, semua in ((kecil, False), (besar, True)):
        e = evaluasi_untuk(opd)
        _isi(e, admin, Pihak.MANDIRI, semua=semua)
        _isi(e, admin, Pihak.INSPEKTORAT, semua=semua)
        k = Kriteria.objects.get(sub_komponen__komponen__versi=e.versi_id, kode="4.c.1")
        for _ in range(1 if not semua else 4):
            services.rekomendasi_buat(user=admin, evaluasi=e, kriteria=k, uraian="Perbaiki")
    client.get(_lke_url(kecil))  # warm caches (content types, sessions)
    assert _jumlah_query(client, _lke_url(kecil)) == _jumlah_query(client, _lke_url(besar))


def test_the_ranking_and_open_recommendations_keep_their_query_count_at_two_sizes(client):
    opd, _ = buat_opd(1)
    pemda = opd.pemda
    inspektorat = pengguna(roles.INSPEKTORAT, pemda=pemda)
    client.force_login(inspektorat)
    k = None

    def tambah():
        nonlocal k
        o = OPDFactory(pemda=pemda)
        e = evaluasi_untuk(o)
        _isi(e, inspektorat, Pihak.INSPEKTORAT)
        k = k or Kriteria.objects.get(sub_komponen__komponen__versi=e.versi_id, kode="1.a.1")
        services.rekomendasi_buat(user=inspektorat, evaluasi=e, kriteria=k, uraian="Perbaiki")

    tambah()
    urls = [reverse("evaluasi:peringkat", args=[TAHUN]), reverse("evaluasi:rekomendasi_list")]
    client.get(urls[0])
    sebelum = [_jumlah_query(client, u) for u in urls]
    for _ in range(3):
        tambah()
    assert [_jumlah_query(client, u) for u in urls] == sebelum
    html = client.get(urls[0]).content.decode()
    assert "<svg" in html and "<rect" in html


def test_the_lke_workbook_carries_both_sides_scores(client):
    opd, _ = buat_opd()
    e = evaluasi_untuk(opd)
    kadis = pengguna(roles.KEPALA_DINAS, opd)
    _isi(e, kadis, Pihak.MANDIRI, ("Y", "A"))
    client.force_login(kadis)
    response = client.get(_lke_url(opd, "evaluasi:lke_xlsx"))
    ws = load_workbook(io.BytesIO(response.content))["LKE"]
    nilai = {r[1]: r for r in ws.iter_rows(min_row=5, values_only=True)}
    assert nilai["Nilai AKIP"][7] == 100
    assert nilai["Predikat"][6] == "AA"
    assert len([r for r in nilai if r]) >= 80


def test_the_evaluation_report_pdf_gets_a_verification_code(client, monkeypatch):
    monkeypatch.setattr(pdf, "html_to_pdf", lambda html, base_url=None: pdf.RenderedPdf(PDF, 1))
    opd, _ = buat_opd()
    evaluasi_untuk(opd)
    client.force_login(pengguna(roles.INSPEKTORAT, pemda=opd.pemda))
    html = client.get(_lke_url(opd, "evaluasi:lhe")).content.decode()
    assert "LAPORAN HASIL EVALUASI" in html
    response = client.get(_lke_url(opd, "evaluasi:lhe_pdf"))
    assert response["Content-Type"] == "application/pdf"
    dokumen = DokumenTerbit.objects.get()
    assert (dokumen.jenis, dokumen.opd, dokumen.is_final) == ("lhe", opd, False)
    halaman = client.get(reverse("laporan:verifikasi", args=[dokumen.kode])).content.decode()
    assert "Laporan Hasil Evaluasi AKIP" in halaman


def test_another_pemda_reads_no_lke(client):
    opd, _ = buat_opd()
    lain = pengguna(roles.INSPEKTORAT, pemda=OPDFactory().pemda)
    client.force_login(lain)
    assert client.get(_lke_url(opd)).status_code == 404


def test_the_monitoring_page_keeps_its_query_count_at_two_sizes(client):
    kecil, _ = buat_opd(1)
    besar, units = buat_opd(6)
    for unit in units:
        for tw in (1, 2):
            Pemantauan.objects.create(
                unit=unit,
                tahun=TAHUN,
                triwulan=tw,
                kendala="k",
                tindak_lanjut="t",
                batas_waktu="2024-06-30",
            )
    hitung = []
    for opd in (kecil, besar):
        client.force_login(pengguna(roles.PERENCANA, opd))
        client.get(_lke_url(opd, "evaluasi:pemantauan"))
        hitung.append(_jumlah_query(client, _lke_url(opd, "evaluasi:pemantauan")))
    assert hitung[0] == hitung[1]


def test_follow_up_evidence_downloads_for_the_opd_and_not_for_another_pemda(client):
    opd, _ = buat_opd()
    e = evaluasi_untuk(opd)
    k = Kriteria.objects.get(sub_komponen__komponen__versi=e.versi_id, kode="4.c.1")
    inspektorat = pengguna(roles.INSPEKTORAT, pemda=opd.pemda)
    perencana = pengguna(roles.PERENCANA, opd)
    rek = services.rekomendasi_buat(user=inspektorat, evaluasi=e, kriteria=k, uraian="Perbaiki")
    client.force_login(perencana)
    berkas = SimpleUploadedFile("tl.pdf", PDF, content_type="application/pdf")
    url = reverse("evaluasi:tindak_lanjut_simpan", args=[rek.pk])
    client.post(url, {"uraian": "Sudah", "batas_waktu": "2025-06-30", "berkas": berkas})
    tl = rek.tindak_lanjut_set.get()
    unduh = reverse("evaluasi:tindak_lanjut_unduh", args=[tl.pk])
    response = client.get(unduh)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    client.force_login(pengguna(roles.INSPEKTORAT, pemda=OPDFactory().pemda))
    assert client.get(unduh).status_code == 404
