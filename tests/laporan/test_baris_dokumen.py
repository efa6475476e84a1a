"""The rows of every document are typed (Decimal, Hasil, Besaran, dates), never display
text, and every table of one document groups programs under a sasaran the same way."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from laporan import selectors
from laporan.selectors.umum import Konteks
from sakip import angka as fmt
from sakip.angka import Besaran

# What formatted figures look like: 86%, Rp 1.765.363.950, 1.277 or 70,32, a date.
TAMPILAN = re.compile(
    r"\d\s*%|\bRp\b|(?<![\d.])\d{1,3}(?:\.\d{3})+(?![\d.])|\d,\d|"
    r"\b(?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|"
    r"Desember) \d{4}\b"
)


def _teks(value, path="doc"):
    """Every str in a document's dicts and lists, with where it was found."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _teks(item, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _teks(item, f"{path}[{i}]")


def test_a_besaran_prints_as_the_seeds_print_targets_and_realisations():
    assert fmt.besaran(Besaran(Decimal("86"), "%")) == "86%"
    assert fmt.besaran(Besaran(Decimal(1277) / Decimal(1816) * 100, "%")) == "70,32%"
    assert fmt.besaran(Besaran(Decimal("48.25"), "%")) == "48,25%"
    assert fmt.besaran(Besaran(Decimal("50"), "Orang")) == "50 Orang"
    assert fmt.besaran(Besaran(Decimal("1250"), "")) == "1.250"
    assert fmt.besaran(Besaran(level="Madya", satuan="kategori")) == "Madya"
    assert fmt.besaran(Besaran(teks="Tersedianya data", nilai=Decimal(1))) == "Tersedianya data"
    assert fmt.besaran(Besaran()) == fmt.besaran(None) == "–"
    assert fmt.bulan_id(datetime.date(2021, 1, 1)) == "Januari 2021"
    assert fmt.bulan_id(None) == "–"


DOKUMEN = [
    ("pk", 2020, {}),
    ("pk", 2023, {}),
    ("rencana-aksi", 2025, {}),
    ("pengukuran", 2020, {"triwulan": 2}),
    ("lkjip", 2020, {}),
    ("iku", 2023, {}),
    ("cascading", 2023, {}),
]


@pytest.mark.parametrize(("jenis", "tahun", "kwargs"), DOKUMEN)
def test_document_rows_carry_no_display_strings(probolinggo, jenis, tahun, kwargs):
    doc = selectors.build_document(jenis, probolinggo, tahun, **kwargs)
    tampilan = [(path, text) for path, text in _teks(doc) if TAMPILAN.search(text)]
    # Narrative the users typed may hold figures; the rows' own values may not.
    tampilan = [
        (path, text)
        for path, text in tampilan
        if not re.search(r"\.(analisis_\w+|solusi|keterangan_nasional|uraian|nama|kutipan)$", path)
        and not path.startswith("doc.n.")
    ]
    assert tampilan == []


def test_lkjip_tables_e_f_and_i_of_a_sasaran_name_the_same_programs(probolinggo, admin_client):
    doc = selectors.build_document("lkjip", probolinggo, 2020)
    ctx = Konteks.untuk(probolinggo, 2020)
    program_pagu = {row.id: row.pagu for row in ctx.capaian(4).anggaran.program}
    for bagian in doc["bagian"]:
        sasaran = next(s for s in ctx.pohon.sasaran if s.uraian == bagian["uraian"])
        programs = ctx.pohon.program_per_sasaran[sasaran.pk]
        listed = [p["nama"] for p in bagian["penunjang"] if p["program"]]
        assert listed == [p.nama for p in programs]
        # 3.1.x.E/F print the SQL roll-up of the sasaran: the sum of exactly these programs.
        assert bagian["anggaran"].pagu == sum(program_pagu[p.pk] for p in programs)
    # Sasaran 1 is served by 1.06.02, .03 and .04 as the seed's own tables 3.1.1.E/F/I
    # group it (issue 11 item 4): Keberdayaan Masyarakat is in none of them.
    page = admin_client.get(reverse("laporan:lkjip", args=[probolinggo.slug, 2020]))
    html = page.content.decode()
    tabel_i = html[html.index('id="tabel-311-i"') : html.index('id="s-312"')]
    assert "Keberdayaan Masyarakat" not in tabel_i
    assert "Peningkatan Partisipasi Masyarakat" not in tabel_i  # its kegiatan
    assert "Pembinaan Lingkungan Sosial" in tabel_i
    # What the planner typed is kept, in its own ANALISIS column.
    assert "- Pelayanan dan rehabilitasi sosial anak dan lanjut usia" in tabel_i
