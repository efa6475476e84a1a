"""The engine against the seeds' own numbers (shared/seeds 003: LKjIP 2020 of Dinas Sosial
PPPA Kota Probolinggo with its quarterly Pengukuran Kinerja; 004: Perubahan Renstra of Dinas
Sosial PPPA Kabupaten Lumajang, tables T-C.23 and T-C.24).

Each row holds the document's inputs, the figure the document printed, and the figure the
engine computes (shown with two decimals, rounded half up). When the printed figure is what
its own data gives, the test checks that too (`cetak_benar=True`); when it is not, the row
says what was printed and why it differs, and the test asserts the correct value.
"""

from decimal import ROUND_HALF_UP
from decimal import Decimal as D

import pytest

from sakip import angka as fmt
from sakip import capaian as c


def dua(x):
    return x.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def cocok_cetakan(nilai, cetak):
    """Does the printed figure equal the computed one at the printed precision?"""
    places = -D(cetak).as_tuple().exponent
    return nilai.quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP) == D(cetak)


# --- LKjIP 2020, tables 3.1.x.A (capaian = realisasi / target) ---------------------------

TABEL_A = [
    # (tabel, indikator, target, realisasi, dicetak, dihitung, cetak_benar)
    ("3.1.1.A", "PMKS terpenuhi kebutuhan dasarnya", "86", "92", "107", "106.98", True),
    ("3.1.2.A", "tenaga kerja perempuan", "48.25", "49.48", "103", "102.55", True),
    ("3.1.3.A", "penurunan kasus kekerasan", "95", "161.5", "170", "170.00", True),
]


@pytest.mark.parametrize("tabel, indikator, t, r, dicetak, dihitung, cetak_benar", TABEL_A)
def test_lkjip_2020_capaian_per_sasaran(tabel, indikator, t, r, dicetak, dihitung, cetak_benar):
    hasil = c.capaian(polaritas=c.POSITIF, target=D(t), realisasi=D(r))
    assert dua(hasil.nilai) == D(dihitung)
    assert cocok_cetakan(hasil.nilai, dicetak) is cetak_benar


def test_lkjip_2020_kota_layak_anak_madya_against_madya():
    # Table 3.1.3.A prints "Madya" in the capaian column; the engine gives 100% and the
    # levels are shown beside it.
    madya = c.Level("Madya", D(2), 2)
    assert c.capaian_kategori(madya, madya).nilai == D(100)


def test_seed_000_kota_layak_anak_nindya_against_utama():
    # Seed 000 (2023): target Utama, capaian 2022 Nindya. On the default rank scores
    # (Pratama 1 … KLA 5) that is 3 / 4; on the KLA evaluation scores (Pratama 500–600 …
    # KLA 901–1000), taking each range's top as the fixtures do (Nindya 800, Utama 900),
    # 800 / 900.
    assert c.capaian_kategori(c.Level("Utama", D(4)), c.Level("Nindya", D(3))).nilai == D(75)
    skor = c.capaian_kategori(c.Level("Utama", D(900)), c.Level("Nindya", D(800)))
    assert dua(skor.nilai) == D("88.89")


# --- tables 3.1.x.C: tingkat kemajuan against the end-of-Renstra target ---------------------

TABEL_C = [
    # 3.1.1.C prints 215% for 92 against 75: its own figures give 122,67%. 215% is what
    # 3.1.3.C computes (161,5 / 75), copied into the wrong table.
    ("3.1.1.C", "75", "92", "215", "122.67", False),
    # 3.1.2.C prints the end target as 49.25 (the yearly target is 48,25): 49,48 / 49,25.
    ("3.1.2.C", "49.25", "49.48", "100", "100.47", True),
    ("3.1.3.C", "75", "161.5", "215", "215.33", True),
]


@pytest.mark.parametrize("tabel, target_akhir, r, dicetak, dihitung, cetak_benar", TABEL_C)
def test_lkjip_2020_tingkat_kemajuan(tabel, target_akhir, r, dicetak, dihitung, cetak_benar):
    hasil = c.tingkat_kemajuan(polaritas=c.POSITIF, target=D(target_akhir), realisasi=D(r))
    assert dua(hasil.nilai) == D(dihitung)
    assert cocok_cetakan(hasil.nilai, dicetak) is cetak_benar


def test_lkjip_2020_tingkat_kemajuan_kota_layak_anak():
    madya = c.Level("Madya", D(2), 2)
    hasil = c.tingkat_kemajuan(
        polaritas=c.POSITIF, kategori=True, target_level=madya, realisasi_level=madya
    )
    assert hasil.nilai == D(100)


# --- table 3.2: pagu and realisasi per kegiatan -------------------------------------------

TABEL_3_2 = [
    # (program, kegiatan, pagu, realisasi, dicetak)
    (1, "Pengelolaan Administrasi Keuangan", 51458100, 43332500, "84.21"),
    (1, "Pengelolaan Tata Usaha Perkantoran", 1114221494, 907915001, "81.48"),
    (1, "Pengelolaan Kinerja Program dan Kegiatan", 72120000, 45577000, "63.20"),
    (2, "Pelayanan dan rehabilitasi sosial anak dan lanjut usia", 234570500, 222386500, "94.81"),
    (
        2,
        "Rehabilitasi Sosial Penyandang Disabilitas dan Tuna Sosial",
        211317000,
        159868100,
        "75.65",
    ),
    (2, "Perlindungan dan Jaminan Sosial", 540347600, 502988250, "93.09"),
    (3, "Penanganan Fakir Miskin", 115184500, 110097000, "95.58"),
    (3, "Identifikasi dan Penguatan Kapasitas", 262941000, 234129559, "89.04"),
    (3, "Pemberdayaan Kelembagaan Sosial Masyarakat", 100529450, 93954000, "93.46"),
    (4, "Wirausaha Mandiri bagi PMKS", 100700000, 100693000, "99.99"),
    (4, "Wirausaha Mandiri bagi Kepala Rumah Tangga Perempuan", 50000000, 49858500, "99.72"),
    (4, "Wirausaha Mandiri bagi Masyarakat", 66450000, 66447500, "100.00"),
    (4, "Wirausaha Mandiri bagi Penyandang Disabilitas", 83324000, 83323000, "100.00"),
    (5, "Pemberdayaan dan Kualitas Hidup Perempuan", 135694560, 108372500, "79.87"),
    (5, "Pelembagaan Pengarusutamaan Gender (PUG)", 39797000, 18050000, "45.36"),
    (6, "Peningkatan Perlindungan Perempuan dan Anak", 74358200, 66814500, "89.85"),
    (6, "Pengarusutamaan Hak dan tumbuh kembang Anak", 70444225, 67902500, "96.39"),
    (7, "Pelatihan Keterampilan Kerja bagi Perempuan", 161247500, 129814800, "80.51"),
    (8, "Peningkatan Partisipasi Masyarakat", 46975000, 46065500, "98.06"),
]

# The document prints 93,01% for "Perlindungan dan Jaminan Sosial"; 502.988.250 /
# 540.347.600 is 93,09%. Every other row of table 3.2 is right.
SALAH_3_2 = {"Perlindungan dan Jaminan Sosial": "93.01"}


@pytest.mark.parametrize("program, kegiatan, pagu, realisasi, dihitung", TABEL_3_2)
def test_lkjip_2020_table_3_2_penyerapan_per_kegiatan(program, kegiatan, pagu, realisasi, dihitung):
    hasil = c.penyerapan(D(pagu), D(realisasi))
    assert dua(hasil.nilai) == D(dihitung)
    if kegiatan in SALAH_3_2:
        assert not cocok_cetakan(hasil.nilai, SALAH_3_2[kegiatan])


def test_lkjip_2020_table_3_2_has_nineteen_kegiatan_in_eight_programs():
    # The text says "8 (Delapan) Program dan 19 (Sembilan Belas) Kegiatan".
    assert len(TABEL_3_2) == 19
    assert len({row[0] for row in TABEL_3_2}) == 8


# --- tables 3.1.x.F and G: budget of a sasaran and efficiency -----------------------------

# The programs behind sasaran 1 (table 3.1.1.I) are 2, 3 and 4 of table 3.2.
SASARAN_PROGRAM = {1: (2, 3, 4), 2: (5, 7)}


def _jumlah_sasaran(sasaran):
    rows = [r for r in TABEL_3_2 if r[0] in SASARAN_PROGRAM[sasaran]]
    return sum(D(r[2]) for r in rows), sum(D(r[3]) for r in rows)


def test_lkjip_2020_table_3_1_1_f_program_totals_from_table_3_2():
    pagu, realisasi = _jumlah_sasaran(1)
    # 3.1.1.F prints pagu 1.765.363.950 and realisasi 1.524.295.409 (86%). The ten kegiatan
    # of its three programs in table 3.2 add up to 1.765.364.050 (100 more) and
    # 1.623.745.409 (99.450.000 more): the printed totals were typed, not summed.
    assert pagu == D(1765364050)
    assert realisasi == D(1623745409)
    hasil = c.penyerapan(pagu, realisasi)
    assert dua(hasil.nilai) == D("91.98")
    printed = c.penyerapan(D(1765363950), D(1524295409))
    assert dua(printed.nilai) == D("86.34") and cocok_cetakan(printed.nilai, "86")


def test_lkjip_2020_table_3_1_2_f_totals_add_up():
    pagu, realisasi = _jumlah_sasaran(2)
    assert (pagu, realisasi) == (D(336739060), D(256237300))  # as printed
    assert dua(c.penyerapan(pagu, realisasi).nilai) == D("76.09")  # printed 76%


def test_lkjip_2020_table_3_1_3_f_per_indicator_budget():
    # 3.1.3.F prints realisasi 66.214.500 (89%) for Peningkatan Perlindungan Perempuan dan
    # Anak; table 3.2 and the TW IV Pengukuran Kinerja both say 66.814.500 (89,85%).
    assert dua(c.penyerapan(D(74358200), D(66814500)).nilai) == D("89.85")
    assert cocok_cetakan(c.penyerapan(D(74358200), D(66214500)).nilai, "89")
    assert dua(c.penyerapan(D(70444225), D(67902500)).nilai) == D("96.39")  # printed 96%


TABEL_G = [
    # (tabel, capaian kinerja, penyerapan, rasio dicetak, rasio dihitung, tingkat dihitung,
    #  cetak_benar)
    # 3.1.1.G: the document divides its rounded figures, 86 / 107 → 80%. On exact inputs
    # (92/86 and its own printed 3.1.1.F budget) the ratio is 80,71%; on the budget that
    # table 3.2 actually gives (91,98%) it would be 85,98%.
    (
        "3.1.1.G",
        c.capaian_positif(D(86), D(92)),
        c.penyerapan(D(1765363950), D(1524295409)),
        "80",
        "80.71",
        "19.29",
        False,
    ),
    (
        "3.1.2.G",
        c.capaian_positif(D("48.25"), D("49.48")),
        c.penyerapan(D(336739060), D(256237300)),
        "74",
        "74.20",
        "25.80",
        True,
    ),
]


@pytest.mark.parametrize("tabel, capaian, serapan, dicetak, rasio, tingkat, cetak_benar", TABEL_G)
def test_lkjip_2020_efficiency_ratio_convention(
    tabel, capaian, serapan, dicetak, rasio, tingkat, cetak_benar
):
    e = c.efisiensi(capaian, serapan, c.RASIO)
    assert dua(e.nilai) == D(rasio)
    assert dua(e.tingkat) == D(tingkat)
    assert e.efisien is True
    assert cocok_cetakan(e.nilai, dicetak) is cetak_benar


def test_lkjip_2020_table_3_1_1_g_rounded_inputs_give_the_printed_80():
    assert dua(c.efisiensi(D(107), D(86)).nilai) == D("80.37")


def test_lkjip_2020_table_3_1_3_g_left_blank_is_computed():
    # 3.1.3.G prints the realisation (161,5%) as "capaian kinerja" and leaves tingkat
    # efisiensi empty. Capaian is 170% (161,5 / 95), penyerapan 89,85% (table 3.2).
    e = c.efisiensi(c.capaian_positif(D(95), D("161.5")), c.penyerapan(D(74358200), D(66814500)))
    assert dua(e.nilai) == D("52.86")
    assert dua(e.tingkat) == D("47.14")
    kla = c.efisiensi(D(100), c.penyerapan(D(70444225), D(67902500)))
    assert dua(kla.nilai) == D("96.39")
    assert kla.efisien is True


def test_lkjip_2020_efficiency_in_index_convention():
    e = c.efisiensi(
        c.capaian_positif(D(86), D(92)), c.penyerapan(D(1765363950), D(1524295409)), c.INDEKS
    )
    assert dua(e.nilai) == D("1.24")
    assert e.efisien is True


# --- table 3.1.x.E: share of the OPD budget -----------------------------------------------

DPA_2020 = D(8386556514)  # "total anggaran pada Tahun 2020 sebesar Rp. 8.386.556.514"

TABEL_E = [
    # 3.1.1.E prints 23%: 1.765.363.950 / 8.386.556.514 is 21,05%; 23% is what dividing by
    # the DPA's realisation (7.655.837.652) gives.
    ("3.1.1.E", 1765363950, "23", "21.05", False),
    ("3.1.2.E", 336739060, "4", "4.02", True),
    ("3.1.3.E", 74358200, "1", "0.89", True),
    ("3.1.3.E", 70444225, "1", "0.84", True),
]


@pytest.mark.parametrize("tabel, pagu, dicetak, dihitung, cetak_benar", TABEL_E)
def test_lkjip_2020_share_of_opd_budget(tabel, pagu, dicetak, dihitung, cetak_benar):
    hasil = c.pangsa_anggaran(D(pagu), DPA_2020)
    assert dua(hasil.nilai) == D(dihitung)
    assert cocok_cetakan(hasil.nilai, dicetak) is cetak_benar


# --- Pengukuran Kinerja TW I–IV 2020 ------------------------------------------------------


def test_pengukuran_pmks_ratio_is_rounded_not_truncated():
    # Every quarter prints 1277 / 1816 × 100% = 70,31%: that is a truncation of 70,3193…;
    # rounded to two decimals it is 70,32.
    nilai = c.nilai_rasio(D(1277), D(1816), D(100))
    assert fmt.persen(nilai) == "70,32"
    assert nilai.quantize(D("0.01"), rounding="ROUND_DOWN") == D("70.31")


def test_pengukuran_pmks_capaian_against_86():
    # Printed 81,75%: 70,31 / 86 truncated again. From the entered numbers
    # (1277 / 1816 against 86) capaian is 81,77%.
    hasil = c.capaian_positif(D(86), c.nilai_rasio(D(1277), D(1816)))
    assert fmt.persen(hasil) == "81,77"
    assert fmt.persen(c.capaian_positif(D(86), D("70.31"))) == "81,76"


PENGUKURAN_ANGGARAN = [
    # (triwulan, program / kegiatan, pagu, realisasi s.d. TW, dicetak)
    (1, "Pelayanan Rehabilitasi Perlindungan dan Jaminan Sosial", 2501951000, 78374000, "3.13"),
    (1, "Pelayanan dan Rehabilitasi Sosial Anak dan Lanjut Usia", 291188000, 19574500, "6.72"),
    (1, "Rehabilitasi Sosial Penyandang Disabilitas", 303817000, 8737500, "2.88"),
    (1, "Perlindungan dan Jaminan Sosial", 1906946000, 50062000, "2.63"),
    (1, "Pemberdayaan Sosial dan Penanganan Fakir Miskin", 661755750, 16469559, "2.49"),
    (1, "Pemberdayaan Perempuan", 603648500, 55372500, "9.17"),
    (1, "Pengarusutamaan Hak dan tumbuh kembang Anak", 141475375, 41225000, "29.14"),
    (1, "Peningkatan Kinerja Lembaga dan Aparatur Pemerintah", 1890851874, 233583718, "12.35"),
    (2, "Pelayanan Rehabilitasi Perlindungan dan Jaminan Sosial", 1009235000, 360447250, "35.71"),
    (2, "Perlindungan dan Jaminan Sosial", 528917500, 268903250, "50.84"),
    (2, "Pengarusutamaan Hak dan tumbuh kembang Anak", 50444225, 42125000, "83.51"),
    (2, "Peningkatan Kinerja Lembaga dan Aparatur Pemerintah", 1116565425, 446946453, "40.03"),
    (3, "Pelayanan Rehabilitasi Perlindungan dan Jaminan Sosial", 2501951000, 571021350, "22.82"),
    (3, "Penanganan Fakir Miskin", 146089500, 97969000, "67.06"),
    (3, "Wirausaha Mandiri bagi Penyandang Disabilitas", 83324000, 41383500, "49.67"),
    (3, "Peningkatan Kinerja Lembaga dan Aparatur Pemerintah", 1890851874, 591378526, "31.28"),
    (4, "Pelayanan Rehabilitasi Perlindungan dan Jaminan Sosial", 2501951000, 885242850, "35.38"),
    (4, "Pemberdayaan Sosial dan Penanganan Fakir Miskin", 661755750, 438180559, "66.21"),
    (4, "Pembinaan Lingkungan Sosial", 300474000, 300322000, "99.95"),
    (4, "Pengelolaan Administrasi Keuangan", 62733100, 43332500, "69.07"),
    (4, "Peningkatan Kinerja Lembaga dan Aparatur Pemerintah", 1890851874, 996824501, "52.72"),
]


@pytest.mark.parametrize("tw, nama, pagu, realisasi, dicetak", PENGUKURAN_ANGGARAN)
def test_pengukuran_kinerja_penyerapan_per_program_and_kegiatan(tw, nama, pagu, realisasi, dicetak):
    assert dua(c.penyerapan(D(pagu), D(realisasi)).nilai) == D(dicetak)


def test_pengukuran_tw_i_program_is_the_sum_of_its_kegiatan():
    # TW I, Pelayanan Rehabilitasi Perlindungan dan Jaminan Sosial: three kegiatan.
    assert sum([D(291188000), D(303817000), D(1906946000)]) == D(2501951000)
    assert sum([D(19574500), D(8737500), D(50062000)]) == D(78374000)


def test_pengukuran_tw_iv_total_realisasi():
    # TW IV prints the total realisation as Rp 2.935.162.410 in the table and
    # Rp. 2.955.162.410 under it; the program rows add up to the first.
    programs = [885242850, 438180559, 300322000, 46065500, 126422500, 134717000, 7387500, 996824501]
    # "Pembinaan Lingkungan Sosial" (women) prints 7.387.500 although its one kegiatan
    # realised 129.814.800; the table total uses the program rows as printed.
    assert sum(D(p) for p in programs) == D(2935162410)


# --- Lumajang Renstra T-C.23: rasio capaian per year -------------------------------------

TC_23 = [
    # (indikator, tahun, target, realisasi, dicetak, cetak_benar)
    ("PSKS", 2017, "69", "70", "101.45", True),
    ("PSKS", 2018, "72", "73", "101.39", True),
    ("PSKS", 2019, "76", "76.60", "100.79", True),
    ("PSKS", 2020, "82", "82.83", "101.01", True),
    ("PSKS", 2021, "83", "84.63", "101.96", True),
    # 26,71 / 26,73 is 99,93%; printed 99,88.
    ("PPKS", 2017, "26.73", "26.71", "99.88", False),
    ("PPKS", 2018, "26.77", "15.07", "56.29", True),
    ("PPKS", 2019, "26.75", "26.43", "98.80", True),
    ("PPKS", 2020, "75", "78.76", "105.01", True),
    # 94,10 / 80 = 117,625 exactly: half-up gives the printed 117,63 (banker's would not).
    ("PPKS", 2021, "80", "94.10", "117.63", True),
    # IPG: 2017 and 2018 print the ratio as 1,00 (a fraction, not a percentage): 100%.
    ("IPG", 2017, "58.87", "58.87", "1.00", False),
    ("IPG", 2018, "59.37", "59.37", "1.00", False),
    # 88,04 / 88,05 is 99,99%; printed 99,48.
    ("IPG", 2019, "88.05", "88.04", "99.48", False),
    ("IPG", 2020, "88.30", "88.09", "99.76", True),
    # Kasus kekerasan diselesaikan: target and realisation typed as 1,00 (= 100%).
    ("Kasus", 2017, "1.00", "1.00", "1.00", False),
]


@pytest.mark.parametrize("indikator, tahun, t, r, dicetak, cetak_benar", TC_23)
def test_lumajang_tc23_rasio_capaian(indikator, tahun, t, r, dicetak, cetak_benar):
    hasil = c.capaian_positif(D(t), D(r))
    assert cocok_cetakan(hasil.nilai, dicetak) is cetak_benar


def test_lumajang_tc23_ipg_2019_and_2017_correct_values():
    assert dua(c.capaian_positif(D("88.05"), D("88.04")).nilai) == D("99.99")
    assert dua(c.capaian_positif(D("26.73"), D("26.71")).nilai) == D("99.93")
    assert c.capaian_positif(D("58.87"), D("58.87")).nilai == D(100)


def test_lumajang_tc23_semester_without_realisation_has_no_figure():
    # IPG 2021 semester 1: realisation "-", the document prints a ratio of 0.
    hasil = c.capaian_positif(D("88.12"), None)
    assert hasil.nilai is None
    assert fmt.persen(hasil) == "–"


TC_24 = [
    # (program, tahun, anggaran, realisasi, dicetak)
    ("Penunjang Urusan", 2017, "2150518300", "1864892989", "86.72"),
    ("Penunjang Urusan", 2018, "1117219900", "984173474", "88.09"),
    ("Penunjang Urusan", 2019, "1815952988", "1659215354", "91.37"),
    ("Penunjang Urusan", 2020, "1105972900", "1055375312", "95.43"),
    ("Penunjang Urusan", 2021, "4178136501", "1767021266", "42.29"),
    ("Pemberdayaan Sosial", 2017, "483199000", "458839500", "94.96"),
    ("Pemberdayaan Sosial", 2018, "310081000", "283971000", "91.58"),
    ("Pemberdayaan Sosial", 2019, "1441514000", "1340059000", "92.96"),
    ("Pemberdayaan Sosial", 2020, "894568000", "873231110", "97.61"),
    ("Pemberdayaan Sosial", 2021, "5852487100", "3589261800", "61.33"),
    ("Rehabilitasi Sosial", 2017, "953475600", "765447500", "80.28"),
    ("Rehabilitasi Sosial", 2018, "3903506100", "3078475065", "78.86"),
    ("Rehabilitasi Sosial", 2019, "999597500", "988666750", "98.91"),
    ("Rehabilitasi Sosial", 2020, "495194750", "485432750", "98.03"),
    ("Rehabilitasi Sosial", 2021, "342062110", "124444650", "36.38"),
    ("Perlindungan dan Jaminan Sosial", 2017, "483199000", "458839500", "94.96"),
    ("Perlindungan dan Jaminan Sosial", 2018, "1521152500", "1119241700", "73.58"),
    ("Perlindungan dan Jaminan Sosial", 2019, "1239289000", "1080932200", "87.22"),
    ("Perlindungan dan Jaminan Sosial", 2020, "208317000", "203058000", "97.48"),
    ("Perlindungan dan Jaminan Sosial", 2021, "5079026200", "2280259500", "44.90"),
    ("Penanganan Bencana", 2021, "172146830", "48241000", "28.02"),
    ("Pengelolaan Taman Makam Pahlawan", 2021, "210777746", "12802400", "6.07"),
]


@pytest.mark.parametrize("program, tahun, anggaran, realisasi, dicetak", TC_24)
def test_lumajang_tc24_rasio_realisasi_anggaran(program, tahun, anggaran, realisasi, dicetak):
    assert dua(c.penyerapan(D(anggaran), D(realisasi)).nilai) == D(dicetak)


def test_lumajang_tc24_programs_without_budget_have_no_ratio():
    # "NA" anggaran (Perlindungan Perempuan, every year): no figure, not 0.
    assert c.penyerapan(None, None).nilai is None
    # Where the document leaves the ratio "NA" although both amounts exist (PUG 2021:
    # 24.560.406 / 25.050.000), the engine gives the figure.
    assert dua(c.penyerapan(D(25050000), D(24560406)).nilai) == D("98.05")
