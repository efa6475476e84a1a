"""sakip.xlsx and the document cell reader: pure helpers, no database."""

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from sakip import xlsx


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (86.34, Decimal("86.34")),
        (1765363950, Decimal("1765363950")),
        ("86,5", Decimal("86.5")),
        ("86.5", Decimal("86.5")),
        ("1.765.363.950", Decimal("1765363950")),
        ("Rp 1.765.363.950", Decimal("1765363950")),
        ("80%", Decimal("80")),
        (None, None),
        ("–", None),
    ],
)
def test_cells_read_indonesian_numbers(raw, expected):
    assert xlsx.angka(raw) == expected


def test_a_thousand_with_a_dot_is_a_thousand_in_every_cell():
    # Issue 12: one rule for money and measures alike.
    assert xlsx.angka("1.000", uang=True) == Decimal("1000")
    assert xlsx.angka("1.000") == Decimal("1000")
    with pytest.raises(ValueError):
        xlsx.angka("1000.000")


@pytest.mark.parametrize("raw", ["delapan", "12abc", True, float("nan")])
def test_text_that_is_not_a_number_is_refused(raw):
    with pytest.raises(ValueError):
        xlsx.angka(raw)


def test_rupiah_is_written_as_a_number_with_the_thousands_format(tmp_path):
    wb = xlsx.workbook_baru()
    ws = wb.create_sheet("Uji")
    xlsx.tulis_judul(ws, 1, 1, "Anggaran", colspan=2)
    xlsx.tulis_baris(ws, 2, ["Program", Decimal("1765363950")], [None, xlsx.FMT_RUPIAH])
    xlsx.bekukan(ws, 1)
    xlsx.sesuaikan_lebar(ws)
    wb.save(tmp_path / "uji.xlsx")

    ws = load_workbook(tmp_path / "uji.xlsx")["Uji"]
    assert ws["B2"].value == 1765363950 and ws["B2"].number_format == "#,##0"
    assert "A1:B1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["B"].width >= 13


def test_an_empty_upload_and_a_non_workbook_get_indonesian_messages():
    with pytest.raises(xlsx.BerkasTidakValid, match="kosong"):
        xlsx.buka_workbook(b"")
    with pytest.raises(xlsx.BerkasTidakValid, match="bukan workbook Excel"):
        xlsx.buka_workbook(b"PK\x03\x04 rusak")
