"""The layout check on every document of the demo (issue 14, "Layout"): each is rendered
once with WeasyPrint and its layout tree walked by tests/laporan/tata_letak.py; a table
across the page's content box, a cell's text outside its cell, a word split without a
hyphen or a signature block starting a page fails the document's test with the list of
defects."""

import pytest
from django.conf import settings
from django.utils import timezone

from laporan import matriks, pdf, selectors
from laporan.views.matriks import _render
from renstra.models import PerangkatDaerah, PeriodeRenstra

from .tata_letak import _kata_terpotong, masalah_tabel_panjang, masalah_tata_letak

PROBOLINGGO = "dinsos-pppa-probolinggo"
LUMAJANG = "dinsos-pppa-lumajang"

DOKUMEN = [
    ("pk", 2020, {}),
    ("pk", 2025, {}),
    ("rencana-aksi", 2025, {}),
    ("pengukuran", 2020, {"triwulan": 1}),
    ("pengukuran", 2020, {"triwulan": 2}),
    ("pengukuran", 2020, {"triwulan": 3}),
    ("pengukuran", 2020, {"triwulan": 4}),
    ("lkjip", 2020, {}),
    ("iku", 2025, {}),
    ("cascading", 2023, {}),
]
MATRIKS = [("t-c-23", "a4"), ("t-c-24", "a4"), ("t-c-27", "a4"), ("t-c-28", "a4"), ("t-c-27", "f4")]


def _nama(jenis, tahun, kwargs):
    return f"{jenis}-{tahun}" + (f"-tw{kwargs['triwulan']}" if kwargs else "")


def _layout(html):
    # WeasyPrint loads Pango at import; only the PDF tests need it.
    from weasyprint import HTML

    with pdf.relaxed_gc():
        return HTML(string=html, base_url=str(settings.BASE_DIR)).render()


def _periksa(document):
    return masalah_tata_letak(document), masalah_tabel_panjang(document), len(document.pages)


@pytest.fixture(scope="module")
def tata_letak(_seed_data_module, django_db_blocker):
    """{document name: (defects of its pages, defects of its long tables, page count)},
    every demo document laid out once per module."""
    hasil = {}
    with django_db_blocker.unblock():
        pro = PerangkatDaerah.objects.select_related("pemda").get(slug=PROBOLINGGO)
        for jenis, tahun, kwargs in DOKUMEN:
            doc = selectors.build_document(jenis, pro, tahun, **kwargs)
            html = pdf.render_html(
                doc, pdf=True, kode="TATALETAK", qr=pdf.qr_data_uri("x"), url="http://x/"
            )
            hasil[_nama(jenis, tahun, kwargs)] = _periksa(_layout(html))
        periode = PeriodeRenstra.objects.select_related("opd__pemda").get(opd__slug=LUMAJANG)
        for jenis, kertas in MATRIKS:
            doc = matriks.matriks(jenis, periode, tanggal=timezone.localdate())
            html = _render(
                doc, kertas=kertas, pdf=True, kode="TATALETAK", qr="", verifikasi_url="http://x/"
            )
            hasil[f"{jenis}-{kertas}"] = _periksa(_layout(html))
    return hasil


NAMA = [_nama(*d) for d in DOKUMEN] + [f"{j}-{k}" for j, k in MATRIKS]


@pytest.mark.django_db
@pytest.mark.parametrize("nama", NAMA)
def test_demo_document_has_no_table_across_the_margin_no_text_outside_its_cell_and_no_lone_signature(
    tata_letak, nama
):
    masalah = tata_letak[nama][0]
    assert not masalah, f"{nama}: {len(masalah)} cacat tata letak:\n" + "\n".join(masalah[:40])


# Documents known to fail the long table check (xfail strict). None: the Rencana Aksi kept
# each sub kegiatan whole (rowspans) until its blocks could break between lines.
PANJANG_DIKETAHUI = set()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "nama",
    [
        pytest.param(
            n,
            marks=pytest.mark.xfail(
                strict=True, reason="Rencana Aksi: blok sub kegiatan utuh (rowspan)"
            ),
        )
        if n in PANJANG_DIKETAHUI
        else n
        for n in NAMA
    ],
)
def test_a_long_table_repeats_its_header_on_every_page_and_leaves_no_page_mostly_empty(
    tata_letak, nama
):
    """Every page that carries rows of a table with a header shows that header row (the
    layout tree WeasyPrint draws, so the same as pdftotext of the page), and a page the
    table runs on from is filled to at least tata_letak.ISI_MINIMUM."""
    _, masalah, halaman = tata_letak[nama]
    assert not masalah, f"{nama} ({halaman} halaman): " + "\n".join(masalah[:40])


def test_a_word_broken_without_a_hyphen_is_told_apart_from_a_break_at_a_space():
    sumber = "PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL 100,00%"
    assert _kata_terpotong("PROGRAM PERLINDUNG", "AN DAN", sumber)
    assert _kata_terpotong("100,0", "0%", sumber)
    assert not _kata_terpotong("PROGRAM", "PERLINDUNGAN DAN", sumber)
    assert not _kata_terpotong("PERLINDUNG-", "AN", sumber)


def _tabel_uji(css):
    baris = "".join(
        f"<tr{' class=paksa' if i == 5 else ''}><td>baris {i}</td><td>isi</td></tr>"
        for i in range(80)
    )
    return _layout(
        f"<html><head><style>@page {{ size: A5 }} {css}</style></head><body><table>"
        "<thead><tr><th>Uraian</th><th>Keterangan</th></tr></thead>"
        f"<tbody>{baris}</tbody></table></body></html>"
    )


def test_the_long_table_check_sees_a_missing_header_and_a_page_left_empty():
    assert masalah_tabel_panjang(_tabel_uji("")) == []
    tanpa_judul = masalah_tabel_panjang(_tabel_uji("thead { display: table-row-group }"))
    assert tanpa_judul and all("tanpa baris judulnya" in m for m in tanpa_judul)
    kosong = masalah_tabel_panjang(_tabel_uji("tr.paksa { break-before: page }"))
    assert len(kosong) == 1 and kosong[0].startswith("halaman 1:") and "hanya terisi" in kosong[0]
