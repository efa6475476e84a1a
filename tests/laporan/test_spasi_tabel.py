"""The PDF renderer drops the white space between the tags of a table's structure before
WeasyPrint parses it (laporan.pdf.tanpa_spasi_tabel): CSS ignores that text, so only the
work of parsing it and boxing it goes; a cell's own text and everything around a table stay."""

from laporan import pdf


def test_white_space_between_rows_and_cells_is_dropped():
    html = (
        "<table class='data'>\n  <colgroup><col class='lebar-5'>\n<col></colgroup>\n"
        "  <thead>\n    <tr><th>A</th>\n <th>B</th></tr>\n  </thead>\n"
        "  <tbody>\n    <tr>\n      <td>1</td>\n      <td class='num'>2</td>\n    </tr>\n"
        "  </tbody>\n</table>"
    )
    assert pdf.tanpa_spasi_tabel(html) == (
        "<table class='data'><colgroup><col class='lebar-5'><col></colgroup>"
        "<thead><tr><th>A</th><th>B</th></tr></thead>"
        "<tbody><tr><td>1</td><td class='num'>2</td></tr></tbody></table>"
    )


def test_a_cells_own_text_and_the_space_around_a_table_are_kept():
    html = (
        "<p>Tabel:</p>\n<table>\n<caption> Judul </caption>\n<tr><td>\n  satu <b>dua</b>\n</td>"
        "<th> </th></tr>\n</table>\n<table><tr><td>x</td></tr></table>\n<span>a</span> <span>b</span>"
    )
    assert pdf.tanpa_spasi_tabel(html) == (
        "<p>Tabel:</p>\n<table><caption> Judul </caption><tr><td>\n  satu <b>dua</b>\n</td>"
        "<th> </th></tr></table>\n<table><tr><td>x</td></tr></table>\n<span>a</span> <span>b</span>"
    )


def test_tags_that_only_start_like_table_tags_are_left_alone():
    html = "<tr>\n<track>\n</tr>\n<thx>\n<td>1</td>\n<tdx>"
    assert pdf.tanpa_spasi_tabel(html) == html
