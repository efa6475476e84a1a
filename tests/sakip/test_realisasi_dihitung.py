"""Which realisations a surface counts (issue 11 item 7), the pure rule sakip.alur.status_dihitung."""

from sakip.alur import TERVERIFIKASI, RealisasiDihitung, status_dihitung


def test_by_default_a_final_document_counts_only_verified_rows_and_a_draft_all():
    aturan = RealisasiDihitung.FINAL_TERVERIFIKASI
    assert status_dihitung(aturan, final=True) == TERVERIFIKASI
    assert status_dihitung(aturan, final=False) is None


def test_a_pemda_can_count_every_row_everywhere_or_only_verified_rows_everywhere():
    for final in (True, False):
        assert status_dihitung(RealisasiDihitung.SEMUA, final=final) is None
        assert status_dihitung(RealisasiDihitung.TERVERIFIKASI, final=final) == TERVERIFIKASI


def test_without_a_setting_the_default_rule_applies():
    assert status_dihitung(None, final=True) == TERVERIFIKASI
    assert status_dihitung("", final=False) is None
