"""Rencana Aksi lines (issue 14, "Layout"): every indicator and every action has a line of
its own, so each target stands on the line of its indicator, and the rowspans cover every
line exactly once."""

import pytest

from laporan import selectors
from laporan.selectors.rencana_aksi import _kolom
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
