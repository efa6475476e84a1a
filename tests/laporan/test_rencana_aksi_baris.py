"""Rencana Aksi lines (issue 14, "Layout"): every indicator and every action has a line of
its own, so each target stands on the line of its indicator, and the rowspans cover every
line exactly once."""

import pytest

from laporan import pdf, selectors
from laporan.selectors.rencana_aksi import _kolom
from laporan.selectors.umum import posisi_run
from renstra.models import PerangkatDaerah


def test_items_are_spread_one_per_line_and_one_empty_cell_spans_the_lines_left():
    assert _kolom(["a", "b"], 4) == [("a", 1), ("b", 1), (None, 2), (None, 0)]
    assert _kolom([], 2) == [(None, 2), (None, 0)]
    assert _kolom(["a", "b", "c"], 3) == [("a", 1), ("b", 1), ("c", 1)]


@pytest.mark.django_db
def test_each_target_is_on_the_line_of_its_own_indicator_in_the_demo_rencana_aksi(seed_data):
    opd = PerangkatDaerah.objects.select_related("pemda").get(slug="dinsos-pppa-probolinggo")
    doc = selectors.build_document("rencana-aksi", opd, 2025)
    banyak = 0
    for section in doc["sections"]:
        rows = section["rows"]
        for kunci in ("program_ind", "kegiatan_ind", "sub_ind", "aksi"):
            span = f"{kunci}_span"
            tertutup = 0
            for r in rows:
                if r[span]:
                    assert tertutup == 0, f"{kunci}: rowspan overlaps"
                    tertutup = r[span] - 1
                    if kunci != "aksi":
                        assert len(r[kunci]) <= 1  # one indicator (and its target) per cell
                else:
                    assert tertutup > 0, f"{kunci}: a line without a cell"
                    tertutup -= 1
        # a second indicator of a kegiatan or sub kegiatan sits on a line of its own
        banyak += sum(1 for r in rows if r["kegiatan_ind"] and not r["kegiatan_span"])
        banyak += sum(1 for r in rows if r["sub_ind"] and not r["sub_span"])
    assert banyak, "the demo has elements with several indicators, each on its own line"


def test_a_run_of_lines_sharing_a_cell_is_told_first_middle_and_last():
    rows = [{"s": 3}, {"s": 0}, {"s": 0}, {"s": 1}, {"s": 2}, {"s": 0}]
    posisi_run(rows, "s", "pos")
    assert [r["pos"] for r in rows] == ["awal", "tengah", "akhir", "tunggal", "awal", "akhir"]


@pytest.mark.django_db
def test_the_printed_rencana_aksi_has_no_rowspan_so_a_page_may_break_between_any_two_lines(
    seed_data,
):
    opd = PerangkatDaerah.objects.select_related("pemda").get(slug="dinsos-pppa-probolinggo")
    doc = selectors.build_document("rencana-aksi", opd, 2025)
    html = pdf.render_html(doc, pdf=True, kode="X", qr="", url="http://x/")
    tabel = [
        t.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
        for t in html.split('<table class="data ra">')[1:]
    ]
    assert len(tabel) == len(doc["sections"]) > 1
    assert not any("rowspan" in t or 'class="lanjut"' in t for t in tabel)
    baris = [r for s in doc["sections"] for r in s["rows"]]
    assert any(r["sub_pos"] == "tengah" for r in baris)
    # the name of a sub kegiatan is printed once, on the first line of its run
    for s, t in zip(doc["sections"], tabel, strict=True):
        for r in s["rows"]:
            if r["sub_span"]:
                assert r["sub"] in t
