"""The number rule of issue 12 as one table: what a user types → how the app reads it.

Used by the server tests (tests/sakip/test_angka.py) and by the browser test of the entry
page's preview (tests/browser/test_bacaan_browser.py), so the page and the server are held
to the same readings. A reading is the number as the app prints it (sakip.angka.angka), or
`None` with a fragment of the Indonesian refusal."""

from decimal import Decimal as D

# (typed, value, printed reading)
TERBACA = [
    ("1.250", D("1250"), "1.250"),
    ("3.636", D("3636"), "3.636"),
    ("1.250.000", D("1250000"), "1.250.000"),
    ("1.250.000,50", D("1250000.50"), "1.250.000,5"),
    ("1.250,5", D("1250.5"), "1.250,5"),
    ("86,5", D("86.5"), "86,5"),
    ("86.5", D("86.5"), "86,5"),
    ("86.25", D("86.25"), "86,25"),
    ("1,250", D("1.250"), "1,25"),
    ("0.125", D("0.125"), "0,125"),
    ("3.14159", D("3.14159"), "3,14159"),
    ("1250", D("1250"), "1.250"),
    ("Rp 1.765.363.950", D("1765363950"), "1.765.363.950"),
    ("Rp. 1.000", D("1000"), "1.000"),
    ("86,34%", D("86.34"), "86,34"),
    (" -2,5 ", D("-2.5"), "-2,5"),
    ("−2,5", D("-2.5"), "-2,5"),
]

# (typed, fragment of the message)
DITOLAK = [
    ("abc", "bukan angka"),
    ("1.25.000", "tiap tiga angka"),
    ("1250.000", "tiap tiga angka"),
    ("1,250,000", "koma) hanya boleh satu"),
    ("1,250,000.50", "koma) hanya boleh satu"),
    ("1.250,000.5", "tiap tiga angka"),
    ("12,5,0", "hanya boleh satu"),
    ("5.", "bukan angka"),
    (",5", "bukan angka"),
]
