"""The LKjIP and the PK as Word (issue 14, "Word"): the .docx reopened with python-docx holds
the same headings, table figures and signatories as the PDF's text, because both are built
from the same document dict (laporan.selectors.build_document)."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document

from laporan import pdf, selectors, word
from renstra.models import PerangkatDaerah

from .conftest import read_pdf

pytestmark = pytest.mark.django_db

OPD = "dinsos-pppa-probolinggo"
ANGKA = re.compile(r"^(Rp )?-?[\d.]+(,\d+)?( ?%)?$")


def _teks_docx(d):
    """(headings, figures in table cells, every text) of a reopened .docx."""
    judul = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    angka, semua = [], [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                isi = " ".join(cell.text.split())
                semua.append(isi)
                if ANGKA.match(isi):
                    angka.append(isi)
    return judul, angka, " ".join(" ".join(semua).split())


def _ttd(doc):
    """Every signature block of a document dict, wherever it sits."""
    blok = [doc.get(k) for k in ("ttd", "ttd_pertama", "ttd_kedua", "ttd_pertama_bertanggal")]
    if isinstance(doc.get("pk"), dict):  # the LKjIP's PK annex
        blok += _ttd(doc["pk"])
    for p in doc.get("pengukuran") or ():
        blok.append(p.get("ttd"))
    return [b for b in blok if b and b.get("nama")]


@pytest.fixture(scope="module")
def dokumen(_seed_data_module, django_db_blocker):
    """{jenis: (document dict, reopened .docx, PDF text)} for the PK and LKjIP 2020."""
    hasil = {}
    with django_db_blocker.unblock():
        opd = PerangkatDaerah.objects.select_related("pemda").get(slug=OPD)
        for jenis in ("pk", "lkjip"):
            doc = selectors.build_document(jenis, opd, 2020)
            docx = Document(io.BytesIO(word.dokumen_docx(doc)))
            html = pdf.render_html(doc, pdf=True, kode="WORD", qr="", url="http://x/")
            _, text = read_pdf(pdf.html_to_pdf(html).content)
            hasil[jenis] = (doc, docx, text)
    return hasil


@pytest.mark.parametrize("jenis", ["pk", "lkjip"])
def test_docx_holds_the_headings_figures_and_signatories_of_the_pdf(dokumen, jenis):
    doc, docx, pdf_text = dokumen[jenis]
    judul, angka, docx_text = _teks_docx(docx)
    for h in judul:
        assert " ".join(h.split()) in pdf_text, f"heading not in the PDF: {h!r}"
    assert angka, "the tables carry figures"
    hilang = sorted({a for a in angka if a not in pdf_text})
    assert not hilang, f"figures of the .docx missing from the PDF: {hilang[:10]}"
    blok = _ttd(doc)
    assert blok
    for b in blok:
        assert b["nama"] in docx_text and b["nama"] in pdf_text
        if b.get("nip"):
            assert f"NIP. {b['nip']}" in docx_text and f"NIP. {b['nip']}" in pdf_text


def test_lkjip_docx_has_the_chapters_in_order_and_every_table_of_the_pdf(dokumen):
    doc, docx, pdf_text = dokumen["lkjip"]
    judul, _, teks = _teks_docx(docx)
    bab = [h for h in judul if h.startswith("BAB ")]
    assert bab == [
        "BAB I PENDAHULUAN",
        "BAB II PERENCANAAN KINERJA",
        "BAB III AKUNTABILITAS KINERJA",
        "BAB IV PENUTUP",
    ]
    nomor = [h.split(" ")[0] for h in judul if re.match(r"^\d+\.\d+", h)]
    assert nomor.index("1.1.") < nomor.index("1.2.") < nomor.index("2.1.") < nomor.index("4.2.")
    for b in doc["bagian"]:
        for huruf in "ABCDEFGHI":
            assert (
                f"Tabel {b['nomor']}.{huruf}." in teks
                and f"Tabel {b['nomor']}.{huruf}." in pdf_text
            )
    assert "Tabel 3.2." in teks and "Tabel 2.2." in teks
    # the four Pengukuran annexes, on landscape pages
    assert teks.count("PENGUKURAN KINERJA") == len(doc["pengukuran"]) == 4
    assert any(s.orientation == 1 for s in docx.sections)


def test_pk_docx_is_downloaded_next_to_the_pdf_and_linked_from_the_page(seed_data, admin_client):
    page = admin_client.get(reverse("laporan:pk", args=[OPD, 2020])).content.decode()
    url = reverse("laporan:pk_docx", args=[OPD, 2020])
    assert url in page, "the PK page links its .docx"
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == word.CONTENT_TYPE
    assert 'filename="pk-dinsos-pppa-probolinggo-2020.docx"' in response["Content-Disposition"]
    d = Document(io.BytesIO(response.content))
    assert any("PERJANJIAN KINERJA TAHUN 2020" in p.text for p in d.paragraphs)


def test_render_report_writes_a_docx_and_refuses_it_for_other_documents(seed_data, tmp_path):
    keluar = tmp_path / "lkjip.docx"
    call_command("render_report", "lkjip", opd=OPD, tahun=2020, format="docx", output=str(keluar))
    assert any(p.text == "BAB IV PENUTUP" for p in Document(str(keluar)).paragraphs)
    with pytest.raises(CommandError, match="hanya untuk PK dan LKjIP"):
        call_command("render_report", "iku", opd=OPD, tahun=2020, format="docx", output=str(keluar))
