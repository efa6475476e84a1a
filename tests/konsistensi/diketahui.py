"""What the consistency test still catches after the single read model (every surface on
kinerja.selectors / anggaran.selectors): per (quarter, row) the causes and what the
surfaces show against the hand-computed figure. Each entry marks its row xfail(strict);
when a repair makes a row agree everywhere, strict xfail fails it and its entry goes.

The five discrepancies found on 7cd778d (listings' capaian of the quarter's own entry,
their predicate from every scale without a Pemda, the entry sheet skipping a ratio quarter
stored by value, capaian against the TW III target, the OPD dashboard's "–" pagu of a
program without pagu rows) are repaired: their 76 entries are gone (CATATAN.md). So is the last one found after it: a
range indicator without a quarter target showed its yearly capaian again as "capaian
against the quarter target" in both listings (kinerja.selectors now gives no figure there).

"(+XLSX, CSV)" means the listing's exports show the same wrong figure."""

DIKETAHUI = {}
