"""What the documents print (issue 14): "–" and a draft warning for missing pagu, never
"Rp 0"; the cascading table without unfunded sub-kegiatan unless asked, each sasaran under
its tujuan; the IKU formula once and its functions numbered; the LKjIP narrative's
contradicting figure flagged; the verification page's year without a thousands dot."""

from decimal import Decimal

import pytest
from django.urls import reverse

from anggaran.models import Pagu, RealisasiAnggaran
from kinerja.models import StatusDokumen
from laporan import pdf, selectors
from laporan.models import LaporanKinerja
from laporan.selectors.lkjip import catatan_penurunan
from renstra.models import PerangkatDaerah
from sakip import capaian

from .conftest import read_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def probolinggo(seed_data):
    return PerangkatDaerah.objects.select_related("pemda").get(slug="dinsos-pppa-probolinggo")


@pytest.fixture
def tanpa_pagu_2025(probolinggo):
    """The demo's illustrative 2025 budget (fixtures/probolinggo_pagu_2025.json) removed: a
    year whose pagu is not entered yet."""
    RealisasiAnggaran.objects.filter(sub_kegiatan__periode__opd=probolinggo, tahun=2025).delete()
    Pagu.objects.filter(sub_kegiatan__periode__opd=probolinggo, tahun=2025).delete()
    return probolinggo


@pytest.fixture
def cepat(monkeypatch):
    def fake(html, base_url=None):
        return pdf.RenderedPdf(content=b"%PDF-1.4 stub", halaman=1)

    monkeypatch.setattr(pdf, "html_to_pdf", fake)


def test_pk_2025_without_pagu_prints_dash_and_a_warning_never_rp_0(tanpa_pagu_2025):
    probolinggo = tanpa_pagu_2025
    doc = selectors.build_document("pk", probolinggo, 2025)
    assert all(r["anggaran"] is None for r in doc["program_rows"])
    assert doc["total_anggaran"] is None
    assert any("Belum ada pagu tahun 2025" in p for p in doc["peringatan"])
    _, rendered = pdf.issue_pdf(doc)
    _, text = read_pdf(rendered.content)
    assert "Rp 0" not in text
    assert "Catatan draf" in text
    assert "Probolinggo, 2025" not in text  # undated: a blank to fill in, not the year


def test_cascading_leaves_out_unfunded_sub_kegiatan_unless_asked(probolinggo):
    # Half of the demo's 2025 sub-kegiatan lose their (illustrative) pagu.
    subs = Pagu.objects.filter(sub_kegiatan__periode__opd=probolinggo, tahun=2025)
    tanpa = list(subs.order_by("sub_kegiatan_id").values_list("sub_kegiatan_id", flat=True))[::2]
    RealisasiAnggaran.objects.filter(sub_kegiatan_id__in=tanpa, tahun=2025).delete()
    Pagu.objects.filter(sub_kegiatan_id__in=tanpa, tahun=2025).delete()
    doc = selectors.build_document("cascading", probolinggo, 2025)
    semua = selectors.build_document("cascading", probolinggo, 2025, semua_sub=True)
    assert all(r["anggaran"] for r in doc["rows"] if r["sub"])
    assert len(semua["rows"]) > len(doc["rows"])
    assert any("sub kegiatan tanpa pagu" in p for p in doc["peringatan"])


def test_cascading_numbers_tujuan_1_2_and_keeps_each_sasaran_under_its_tujuan(probolinggo):
    doc = selectors.build_document("cascading", probolinggo, 2023)
    runs = [r["tujuan_no"] for r in doc["rows"] if r["tujuan_span"]]
    assert runs == list(range(1, len(runs) + 1))
    nomor = [r["tujuan_no"] for r in doc["rows"]]
    assert nomor == sorted(nomor)


def test_cascading_2023_is_dated_and_signed_as_seed_000(probolinggo):
    doc = selectors.build_document("cascading", probolinggo, 2023)
    assert doc["ttd"]["nama"] == "Dr. REY SUWIGTYO, S.Sos., M.Si."
    assert doc["ttd"]["pangkat"] == "Pembina Utama Muda"
    assert doc["ttd"]["tempat"] == "Probolinggo" and doc["ttd"]["tanggal"].year == 2023


def test_iku_prints_each_formula_once_and_numbers_its_functions(probolinggo):
    doc = selectors.build_document("iku", probolinggo, 2025)
    html = pdf.render_html(doc, pdf=True)
    assert "× 1%" not in html
    assert html.count("Jumlah PMKS yang Terpenuhi Kebutuhan Dasarnya / Jumlah PMKS") == 1
    assert '<ol class="daftar-fungsi">' in html
    assert not doc["is_perubahan"] and doc["judul"].startswith("Indikator Kinerja Utama")


def test_a_narrative_figure_contradicting_the_table_is_flagged_on_the_draft(probolinggo):
    LaporanKinerja.objects.filter(opd=probolinggo, tahun=2020).update(status=StatusDokumen.DRAFT)
    doc = selectors.build_document("lkjip", probolinggo, 2020)
    flagged = doc["narasi_bertentangan"]
    assert flagged and {b["tertulis"] for b in flagged} == {Decimal("91.29")}
    html = pdf.render_html(doc, pdf=True)
    assert "menulis 91,29%" in html and "terhitung 86,58%" in html


def test_the_verification_page_prints_the_year_without_a_thousands_dot(
    probolinggo, admin_client, cepat
):
    dokumen, _ = pdf.issue_pdf(selectors.build_document("iku", probolinggo, 2025))
    dokumen.tahun = 2020
    dokumen.save()
    page = admin_client.get(reverse("laporan:verifikasi", args=[dokumen.kode])).content.decode()
    assert "<td>2020</td>" in page and "2.020" not in page


def test_a_decrease_indicator_in_percent_above_150_is_graded_with_a_note():
    besar = capaian.Hasil(nilai=Decimal("215"))
    assert catatan_penurunan("negatif", "%", besar)
    assert not catatan_penurunan("negatif", "%", capaian.Hasil(nilai=Decimal("150")))
    assert not catatan_penurunan("positif", "%", besar)
    assert not catatan_penurunan("negatif", "Kasus", besar)
    assert not catatan_penurunan("negatif", "%", capaian.kosong())


def test_pengukuran_2025_without_pagu_prints_dash_never_rp_0(tanpa_pagu_2025):
    probolinggo = tanpa_pagu_2025
    doc = selectors.build_document("pengukuran", probolinggo, 2025, triwulan=1)
    assert doc["total_pagu"] is None
    assert any("belum memiliki pagu" in p for p in doc["peringatan"])
    _, rendered = pdf.issue_pdf(doc)
    _, text = read_pdf(rendered.content)
    assert "Rp 0" not in text
