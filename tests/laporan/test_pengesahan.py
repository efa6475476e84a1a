"""Who signs and when (issue 14): the head in office on a document's date signs it (a Plt
with that title), an undated draft says so instead of printing "Probolinggo, 2025", the
matrices are dated by their document; drafts and finals (one stored draft per fingerprint
of its data, no DRAF on a closed year); the form that sets date, place and signatory."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kinerja.models import RencanaAksi
from laporan import matriks, pdf, selectors, services
from laporan.models import DokumenTerbit, LaporanKinerja, PenandatanganDokumen, kunci_dokumen
from laporan.pengesahan import catatan_pengesahan, pilih_menjabat
from laporan.sidik import sidik_data
from renstra.models import JenisPenugasan, Pejabat, PerangkatDaerah, PeriodeRenstra
from sakip import roles
from tests.factories import PenggunaFactory

from .conftest import read_pdf

D = datetime.date


def _pejabat(pk, mulai=None, selesai=None, jenis=JenisPenugasan.DEFINITIF, aktif=True):
    return Pejabat(
        pk=pk,
        nama=f"Pejabat {pk}",
        jabatan="Kepala Dinas Sosial",
        jenis_penugasan=jenis,
        mulai_menjabat=mulai,
        selesai_menjabat=selesai,
        aktif=aktif,
    )


# --- pure rules ----------------------------------------------------------------------------


def test_the_head_in_office_on_the_date_signs_and_a_plt_carries_that_title():
    lama = _pejabat(2, selesai=D(2020, 12, 31), aktif=False)
    plt = _pejabat(3, D(2021, 1, 1), D(2021, 3, 31), JenisPenugasan.PLT, aktif=False)
    baru = _pejabat(4, D(2021, 4, 1))
    semua = [lama, plt, baru]
    assert pilih_menjabat(semua, D(2020, 10, 9)) is lama
    assert pilih_menjabat(semua, D(2021, 1, 4)) is plt
    assert plt.jabatan_tertulis == "Plt. Kepala Dinas Sosial"
    assert pilih_menjabat(semua, D(2025, 1, 4)) is baru
    assert pilih_menjabat(semua, None) is baru  # undated: the active one


def test_a_definitif_head_signs_before_a_plh_on_the_same_day():
    kepala = _pejabat(5, D(2020, 1, 1))
    plh = _pejabat(6, D(2021, 2, 1), D(2021, 2, 5), JenisPenugasan.PLH)
    assert pilih_menjabat([plh, kepala], D(2021, 2, 3)) is kepala


def test_nobody_in_office_on_the_date_means_no_signatory():
    assert pilih_menjabat([_pejabat(2, selesai=D(2020, 12, 31))], D(2021, 6, 1)) is None
    assert pilih_menjabat([], None) is None


def test_document_keys_name_one_document_each():
    assert kunci_dokumen("pengukuran", tahun=2020, triwulan=4) == "pengukuran/2020/tw4"
    assert kunci_dokumen("t-c-27", periode=20000) == "t-c-27/p20000"
    assert kunci_dokumen("rencana-aksi", tahun=2025, unit=12) == "rencana-aksi/2025/u12"
    assert kunci_dokumen("pk", tahun=2020, versi=2) == "pk/2020/v2"


def test_the_fingerprint_is_stable_and_changes_with_any_figure_or_date():
    data = {"rows": [{"pagu": Decimal("100.00"), "tanggal": D(2021, 1, 4)}], "nama": "A"}
    same = {"nama": "A", "rows": [{"tanggal": D(2021, 1, 4), "pagu": Decimal("100.00")}]}
    assert sidik_data(data) == sidik_data(same)
    assert sidik_data(data) != sidik_data({**data, "nama": "B"})
    changed = {"rows": [{"pagu": Decimal("100.01"), "tanggal": D(2021, 1, 4)}], "nama": "A"}
    assert sidik_data(data) != sidik_data(changed)


# --- the seed documents ------------------------------------------------------------------


@pytest.fixture
def probolinggo(seed_data):
    return PerangkatDaerah.objects.select_related("pemda").get(slug="dinsos-pppa-probolinggo")


@pytest.fixture
def lumajang(seed_data):
    return PerangkatDaerah.objects.select_related("pemda").get(slug="dinsos-pppa-lumajang")


def _pdf_text(doc):
    _, rendered = pdf.issue_pdf(doc)
    return read_pdf(rendered.content)[1]


@pytest.mark.django_db
def test_pengukuran_tw4_2020_is_signed_by_the_plt_on_its_january_2021_date_without_draf(
    probolinggo,
):
    doc = selectors.build_document("pengukuran", probolinggo, 2020, triwulan=4)
    text = _pdf_text(doc)
    assert "Probolinggo, 4 Januari 2021" in text
    assert "PLT. KEPALA DINAS SOSIAL" in text.upper()
    assert "RACHMA NURCAHYARINI" in text and "Pembina Tk I" in text
    assert "ZAINULLAH" not in text
    assert "DRAF" not in text and "Catatan draf" not in text


@pytest.mark.django_db
def test_pengukuran_tw1_2020_is_signed_by_the_kepala_dinas_of_april_2020(probolinggo):
    doc = selectors.build_document("pengukuran", probolinggo, 2020, triwulan=1)
    assert doc["ttd"]["nama"] == "Drs. ZAINULLAH, MM."
    assert doc["ttd"]["tanggal"] == D(2020, 4, 3)
    assert doc["ttd"]["pangkat"] == "Pembina Utama Muda"


@pytest.mark.django_db
def test_the_final_lkjip_2020_annexes_four_final_pengukuran_without_watermark(probolinggo):
    doc = selectors.build_document("lkjip", probolinggo, 2020)
    assert doc["is_final"]
    assert [p["is_final"] for p in doc["pengukuran"]] == [True, True, True, True]
    html = pdf.render_html(doc, pdf=True)
    assert "draf-watermark" not in html
    assert doc["ttd"]["jabatan"].startswith("Plt. Kepala Dinas")


@pytest.mark.django_db
def test_an_undated_draft_warns_and_never_prints_place_and_bare_year(probolinggo):
    doc = selectors.build_document("iku", probolinggo, 2025)
    assert not doc["is_final"] and doc["ttd"]["tanpa_tanggal"]
    text = _pdf_text(doc)
    assert "Probolinggo, 2025" not in text
    assert "Tanggal dokumen belum ditetapkan" in text


@pytest.mark.django_db
def test_lumajang_matrices_are_dated_by_their_document_and_signed_by_its_head(
    lumajang, admin_client
):
    periode = PeriodeRenstra.objects.get(opd=lumajang)
    url = reverse("laporan:matriks_pdf", args=[lumajang.slug, periode.pk, "t-c-28"])
    response = admin_client.get(url)
    _, text = read_pdf(response.content)
    assert "Lumajang, 1 Februari 2022" in text
    assert "Drs. SUGENG WIDODO, M.Si." in text and "NIP. 19700512 199503 1 004" in text
    assert "(belum ditentukan)" not in text


@pytest.mark.django_db
def test_an_opd_without_any_official_is_told_so_before_printing(lumajang):
    PenandatanganDokumen.objects.filter(opd=lumajang).delete()
    Pejabat.objects.filter(opd=lumajang).delete()
    assert any("belum memiliki pejabat" in c for c in catatan_pengesahan(lumajang, None, None))
    periode = PeriodeRenstra.objects.get(opd=lumajang)
    doc = matriks.matriks("t-c-23", periode)
    assert any("belum memiliki pejabat" in c for c in doc["peringatan"])


# --- drafts are stored once per fingerprint -------------------------------------------------


@pytest.fixture
def cepat(monkeypatch):
    """Stub the PDF layout: these tests are about storing, not about pages."""
    calls = []

    def fake(html, base_url=None):
        calls.append(html)
        return pdf.RenderedPdf(content=b"%PDF-1.4 " + str(len(calls)).encode(), halaman=1)

    monkeypatch.setattr(pdf, "html_to_pdf", fake)
    return calls


@pytest.mark.django_db
def test_a_draft_requested_twice_stores_one_file_with_one_code(probolinggo, admin_client, cepat):
    url = reverse("laporan:iku_pdf", args=[probolinggo.slug, 2025])
    before = DokumenTerbit.objects.count()
    first = admin_client.get(url)
    second = admin_client.get(url)
    assert first.content == second.content
    assert DokumenTerbit.objects.count() == before + 1
    assert len(cepat) == 1


@pytest.mark.django_db
def test_changing_the_signatory_of_a_draft_issues_a_new_draft(probolinggo, admin_client, cepat):
    url = reverse("laporan:iku_pdf", args=[probolinggo.slug, 2025])
    admin_client.get(url)
    PenandatanganDokumen.objects.create(
        opd=probolinggo,
        jenis="iku",
        tahun=2025,
        tempat="Probolinggo",
        tanggal=D(2025, 1, 6),
        penandatangan=Pejabat.objects.get(pk=4),
    )
    admin_client.get(url)
    assert len(cepat) == 2
    kode = DokumenTerbit.objects.filter(jenis="iku").values_list("kode", flat=True)
    assert len(set(kode)) == 2


# --- the form --------------------------------------------------------------------------


def _form_url(opd, dokumen="pengukuran-4", tahun=2020):
    return reverse("laporan:pengesahan_ubah", args=[opd.slug, tahun, dokumen])


@pytest.mark.django_db
def test_perencana_sets_date_place_and_signatory_of_a_pengukuran(probolinggo, client):
    client.force_login(PenggunaFactory(role=roles.PERENCANA, opd=probolinggo))
    data = {"tempat": "Probolinggo", "tanggal": "2021-01-05", "penandatangan": "3"}
    response = client.post(_form_url(probolinggo), data)
    assert response.status_code == 302
    rekaman = PenandatanganDokumen.objects.get(opd=probolinggo, kunci="pengukuran/2020/tw4")
    assert rekaman.tanggal == D(2021, 1, 5) and rekaman.penandatangan_id == 3


@pytest.mark.django_db
def test_a_signatory_not_in_office_on_the_date_is_refused_and_nothing_changes(probolinggo, client):
    client.force_login(PenggunaFactory(role=roles.PERENCANA, opd=probolinggo))
    data = {"tempat": "Probolinggo", "tanggal": "2021-01-05", "penandatangan": "2"}
    response = client.post(_form_url(probolinggo), data)
    assert response.status_code == 200
    assert "tidak menjabat pada tanggal dokumen" in response.content.decode()
    rekaman = PenandatanganDokumen.objects.get(opd=probolinggo, kunci="pengukuran/2020/tw4")
    assert rekaman.tanggal == D(2021, 1, 4) and rekaman.penandatangan_id == 3


@pytest.mark.django_db
@pytest.mark.parametrize("role", [roles.OPERATOR, roles.KEPALA_DINAS, roles.PIMPINAN])
def test_only_the_perencana_and_admin_may_set_a_signatory(probolinggo, client, role):
    client.force_login(PenggunaFactory(role=role, opd=probolinggo))
    data = {"tempat": "X", "tanggal": "2021-01-05"}
    assert client.post(_form_url(probolinggo), data).status_code == 403
    rekaman = PenandatanganDokumen.objects.get(opd=probolinggo, kunci="pengukuran/2020/tw4")
    assert rekaman.tempat == "Probolinggo"


@pytest.mark.django_db
def test_perencana_of_another_pemda_gets_404_for_the_matrix_form(probolinggo, lumajang, client):
    client.force_login(PenggunaFactory(role=roles.PERENCANA, opd=lumajang))
    periode = PeriodeRenstra.objects.filter(opd=probolinggo).first()
    url = reverse("laporan:matriks_pengesahan", args=[probolinggo.slug, periode.pk, "t-c-27"])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_the_lkjip_and_rencana_aksi_refuse_a_signatory_out_of_office_on_their_date(probolinggo):
    laporan = LaporanKinerja.objects.get(opd=probolinggo, tahun=2020)
    LaporanKinerja.objects.filter(pk=laporan.pk).update(status="draft")
    zainullah = Pejabat.objects.get(pk=2)
    with pytest.raises(ValidationError, match="tidak menjabat"):
        services.laporan_update(
            laporan=laporan, data={"tanggal": D(2021, 1, 4), "penandatangan": zainullah}
        )
    ra = RencanaAksi.objects.filter(unit__opd=probolinggo, tahun=2025).first()
    with pytest.raises(ValidationError, match="tidak menjabat"):
        services.rencana_aksi_update(
            rencana_aksi=ra, tempat="Probolinggo", tanggal=D(2025, 1, 4), penandatangan=zainullah
        )
    laporan.refresh_from_db()
    assert laporan.penandatangan_id == 3
