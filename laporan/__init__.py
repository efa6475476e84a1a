"""The documents of DESIGN section 4 (PK, Rencana Aksi, Pengukuran Kinerja, LKjIP, IKU,
Keterkaitan IKU): their rows (selectors), their lifecycle (services), HTML and PDF views."""
