"""Views of the kinerja app, one module per topic (entri, verifikasi, triwulan, bukti,
daftar, dasbor)."""
