"""The Probolinggo Renstra 2021–2026 fixtures hold what seeds 002 (IKU), 000 (Keterkaitan IKU
2023) and 001 (Rencana Aksi 2025) print. Readings of illegible places: fixtures/README.md."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from anggaran.models import Pagu
from anggaran.selectors import anggaran_rows
from kinerja.models import Aksi, Realisasi, RencanaAksi, TargetTriwulan
from renstra.demo import FIXTURE_DIR
from renstra.models import (
    Indikator,
    IndikatorRPJMD,
    Kegiatan,
    PeriodeRenstra,
    Program,
    Sasaran,
    SubKegiatan,
    TargetTahunan,
    Tujuan,
    TujuanRPJMD,
)

# Loaded explicitly (not through `seed_data`) so these tests depend only on the
# organisation fixture and the two files they check.
FILES = [
    str(FIXTURE_DIR / "probolinggo_organisasi.json"),
    str(FIXTURE_DIR / "probolinggo_renstra_2021.json"),
    str(FIXTURE_DIR / "probolinggo_rencana_aksi_2025.json"),
]

REHLINJAMSOS, DAYASOS, PP, PPPHA = 2, 3, 4, 5


@pytest.fixture
def renstra_2021(db):
    call_command("loaddata", *FILES, verbosity=0)
    return PeriodeRenstra.objects.get(opd_id=1, tahun_awal=2021, tahun_akhir=2026)


def test_period_is_three_level_2021_2026_of_dinsos(renstra_2021):
    assert renstra_2021.dua_level is False
    assert renstra_2021.status == PeriodeRenstra.Status.DITETAPKAN
    assert renstra_2021.opd.singkatan == "Dinsos P3A"


def test_every_loaded_row_passes_model_validation(renstra_2021):
    # full_clean checks what loaddata skips: codes that fit their parent, years inside
    # the period, category levels on the indicator's own scale.
    querysets = [
        Tujuan.objects.filter(periode=renstra_2021),
        Sasaran.objects.filter(periode=renstra_2021),
        Program.objects.filter(periode=renstra_2021),
        Kegiatan.objects.filter(periode=renstra_2021),
        SubKegiatan.objects.filter(periode=renstra_2021),
        Indikator.objects.filter(periode=renstra_2021),
        TargetTahunan.objects.filter(indikator__periode=renstra_2021),
        TargetTriwulan.objects.filter(indikator__periode=renstra_2021),
        Realisasi.objects.filter(indikator__periode=renstra_2021),
        Pagu.objects.filter(sub_kegiatan__periode=renstra_2021),
        Aksi.objects.filter(sub_kegiatan__periode=renstra_2021),
    ]
    checked = 0
    for queryset in querysets:
        for obj in queryset:
            obj.full_clean()
            checked += 1
    assert checked > 400


def test_tujuan_point_to_the_rpjmd_goals_and_iku_kota_of_seed_000(renstra_2021):
    tujuan = list(Tujuan.objects.filter(periode=renstra_2021).order_by("urutan"))
    assert [t.uraian for t in tujuan] == [
        "Meningkatnya cakupan perlindungan sosial masyarakat",
        "Meningkatnya keberdayaan dan kesetaraan gender",
    ]
    assert [t.indikator_set.get().uraian for t in tujuan] == [
        "Persentase PMKS",
        "Indeks Pemberdayaan Gender",
    ]
    assert tujuan[0].tujuan_rpjmd.uraian == "Meningkatkan Kesejahteraan Sosial Masyarakat"
    assert TujuanRPJMD.objects.filter(pemda_id=1).count() == 2
    assert IndikatorRPJMD.objects.get(tujuan_rpjmd=tujuan[0].tujuan_rpjmd).uraian == (
        "Persentase Penduduk Miskin"
    )
    sasaran_pmks = Sasaran.objects.get(periode=renstra_2021, kode="1")
    assert sasaran_pmks.iku_kota.uraian == "Persentase Penduduk Miskin"


def test_seed_002_has_five_iku_under_four_sasaran(renstra_2021):
    iku = Indikator.objects.filter(periode=renstra_2021, is_iku=True)
    assert iku.count() == 5
    assert set(iku.values_list("sasaran__kode", flat=True)) == {"1", "2", "3", "4"}
    assert Sasaran.objects.filter(periode=renstra_2021).count() == 4


def test_iku_pmks_keeps_formula_numerator_denominator_source_and_units(renstra_2021):
    iku = Indikator.objects.get(periode=renstra_2021, kode="IKU 1")
    assert iku.tipe == Indikator.Tipe.RASIO
    assert iku.formula == "Jumlah PMKS yang Terpenuhi Kebutuhan Dasarnya / Jumlah PMKS × 100%"
    assert iku.label_pembilang == "Jumlah PMKS yang Terpenuhi Kebutuhan Dasarnya"
    assert iku.label_penyebut == "Jumlah PMKS"
    assert iku.pengali == Decimal("100")
    assert iku.sumber_data.splitlines() == [
        "Laporan Hasil Penanganan PMKS",
        "Data Terpadu Kesejahteraan Sosial",
    ]
    assert set(iku.unit_penanggung_jawab.values_list("pk", flat=True)) == {REHLINJAMSOS, DAYASOS}


def test_administrasi_perkantoran_iku_is_the_average_of_five_and_belongs_to_sekretariat(
    renstra_2021,
):
    iku = Indikator.objects.get(periode=renstra_2021, kode="IKU 5")
    assert iku.sasaran.uraian == "Meningkatnya Manajemen Perkantoran"
    assert iku.pengali == Decimal("1")
    assert iku.label_penyebut.startswith("5")
    assert list(iku.unit_penanggung_jawab.values_list("nama", flat=True)) == ["Sekretariat"]


def test_categorical_iku_use_their_scales_with_2023_targets_and_2022_realisation(renstra_2021):
    kla = Indikator.objects.get(periode=renstra_2021, uraian="Kategori Kota Layak Anak")
    assert kla.tipe == Indikator.Tipe.KATEGORI and kla.skala_id == 1
    assert kla.target_tahunan_set.get(tahun=2023).level.nama == "Utama"
    realisasi = kla.realisasi_set.get(tahun=2022)
    assert (realisasi.triwulan, realisasi.level.nama) == (4, "Nindya")

    pug = Indikator.objects.get(
        periode=renstra_2021, uraian="Nilai Evaluasi Pengarusutamaan Gender"
    )
    assert pug.skala_id == 2
    target = pug.target_tahunan_set.get(tahun=2023)
    assert (target.level.skala_id, target.level.nama) == (2, "Utama")
    assert not pug.realisasi_set.exists()  # seed 000 prints "-" for 2022
    tw = pug.target_triwulan_set.get(tahun=2025)
    assert (tw.triwulan, tw.level.nama) == (4, "Utama")


def test_iku_pmks_target_2023_and_realisation_2022_in_tw_iv(renstra_2021):
    iku = Indikator.objects.get(periode=renstra_2021, kode="IKU 1")
    assert iku.target_tahunan_set.get(tahun=2023).nilai == Decimal("89")
    realisasi = Realisasi.objects.get(indikator=iku, tahun=2022)
    assert realisasi.triwulan == 4
    assert realisasi.nilai == Decimal("80.90")


def test_quarterly_target_dash_dash_dash_88_is_only_a_tw_iv_target(renstra_2021):
    for kode in ("IKU 1", "IKU 3"):
        targets = TargetTriwulan.objects.filter(
            indikator__kode=kode, indikator__periode=renstra_2021
        )
        assert [(t.tahun, t.triwulan, t.nilai) for t in targets] == [(2025, 4, Decimal("88"))]


def test_program_kegiatan_and_sub_kegiatan_totals(renstra_2021):
    # 10 programs of seed 000 plus the Pemberdayaan Lembaga Kemasyarakatan program that only
    # seed 001 (Bidang Pemberdayaan Sosial) lists.
    assert Program.objects.filter(periode=renstra_2021).count() == 11
    assert Kegiatan.objects.filter(periode=renstra_2021).count() == 19
    assert SubKegiatan.objects.filter(periode=renstra_2021).count() == 61


# Counted by hand in seed 001, one Rencana Aksi after the other, following the NO column for
# programs, the KEGIATAN column for kegiatan (a repeated "80%" without a name is the same
# kegiatan), the SUB KEGIATAN column for sub-kegiatan and one aksi per AKSI cell:
# - Rehabilitasi, Perlindungan dan Jaminan Sosial: programs 1 Rehabilitasi Sosial, 2 Penanganan
#   Bencana, 3 Perlindungan dan Jaminan Sosial; kegiatan 2 + 2 + 1 = 5; sub-kegiatan
#   12 (Rehsos dasar) + 9 (PMKS lainnya) + 5 (korban bencana) + 1 (Tagana) + 1 (bansos) = 28;
#   aksi 14 + 9 + 5 + 4 + 3 = 35.
# - Perlindungan Perempuan dan PHA: programs 3; kegiatan 2 + 2 + 2 = 6; sub-kegiatan
#   1 + 1 + 2 + 3 + 1 + 1 = 9; aksi 3 + 1 + 2 + 5 + 3 + 4 + 3 + 5 + 2 = 28.
# - Pemberdayaan Perempuan: programs 2; kegiatan 2 + 1 = 3; sub-kegiatan 2 + 2 + 1 = 5;
#   aksi 7 + 2 + 3 + 3 + 2 = 17.
# - Pemberdayaan Sosial: programs 4; kegiatan 1 each = 4; sub-kegiatan 4 + 2 + 3 + 4 = 13;
#   aksi (1 + 2 + 1 + 1) + (4 + 3) + (1 + 2 + 4) + (1 + 1 + 2 + 7) = 30.
@pytest.mark.parametrize(
    ("unit", "programs", "kegiatan", "sub_kegiatan", "aksi"),
    [
        (REHLINJAMSOS, 3, 5, 28, 35),
        (PPPHA, 3, 6, 9, 28),
        (PP, 2, 3, 5, 17),
        (DAYASOS, 4, 4, 13, 30),
    ],
)
def test_rencana_aksi_2025_counts_per_bidang_equal_seed_001(
    renstra_2021, unit, programs, kegiatan, sub_kegiatan, aksi
):
    rencana = RencanaAksi.objects.get(unit_id=unit, tahun=2025)
    subs = SubKegiatan.objects.filter(aksi_set__rencana_aksi=rencana).distinct()
    assert (
        Program.objects.filter(kegiatan_set__sub_kegiatan_set__in=subs).distinct().count()
        == programs
    )
    assert Kegiatan.objects.filter(sub_kegiatan_set__in=subs).distinct().count() == kegiatan
    assert subs.count() == sub_kegiatan
    assert rencana.aksi_set.count() == aksi


def test_four_rencana_aksi_signed_by_the_kepala_dinas_on_4_january_2025(renstra_2021):
    rencana = RencanaAksi.objects.filter(tahun=2025).select_related("penandatangan")
    assert rencana.count() == 4
    for ra in rencana:
        assert ra.tempat == "Probolinggo"
        assert ra.tanggal == datetime.date(2025, 1, 4)
        assert ra.penandatangan.nama == "Dr. REY SUWIGTYO, S.Sos., M.Si."
        assert ra.penandatangan.nip == "19670711 198809 1 001"


def test_penyediaan_permakanan_under_two_kegiatan_are_two_sub_kegiatan_with_own_pagu(renstra_2021):
    permakanan = SubKegiatan.objects.filter(periode=renstra_2021, nama="Penyediaan Permakanan")
    pagu = {s.kode: s.pagu_set.get(tahun=2023).jumlah for s in permakanan}
    assert pagu == {
        "1.06.04.2.01.0001": Decimal("783242000"),
        "1.06.04.2.02.0003": Decimal("19800000"),
    }
    assert Pagu.objects.get(sub_kegiatan__kode="1.06.04.2.01.0001").jenis == Pagu.Jenis.MURNI


def test_pagu_2023_rolls_up_to_the_printed_amounts(renstra_2021):
    rollup = anggaran_rows(renstra_2021, 2023)
    program = {row.kode: row.pagu for row in rollup.program}
    # Seed 000 column 12, Rehabilitasi Sosial: 783.242.000 + 62.000.000 + 19.800.000 + 174.338.000
    assert program["1.06.04"] == Decimal("1039380000")
    # Perlindungan Khusus Anak: 58.200.000 + 156.989.000 + 20.445.000 + 74.596.000
    assert program["2.08.07"] == Decimal("310230000")
    # The 33 amounts of seed 000 (it prints no total), in printed order.
    printed = [
        783242000,
        62000000,
        19800000,
        174338000,
        201900000,
        325524000,
        52750000,
        80590000,
        7921000,
        61316000,
        3400000,
        1500000,
        15000000,
        15187000,
        61465500,
        31620000,
        340391000,
        29157500,
        16462500,
        5750000,
        51500000,
        24000000,
        97515000,
        19150000,
        58200000,
        156989000,
        20445000,
        74596000,
        18850000,
        88600000,
        27500000,
        116250000,
        49742000,
    ]
    assert len(printed) == Pagu.objects.filter(sub_kegiatan__periode=renstra_2021).count()
    assert rollup.pagu == Decimal(sum(printed))


def test_yearly_target_2025_keeps_number_and_unit(renstra_2021):
    indikator = Indikator.objects.get(
        sub_kegiatan__kode="1.06.04.2.01.0001",
        uraian__startswith="Jumlah Penerima Penyediaan Permakanan pada Lanjut Usia",
    )
    assert indikator.satuan == "orang"
    assert indikator.target_tahunan_set.get(tahun=2025).nilai == Decimal("50")
    program = Indikator.objects.get(program__kode="1.06.04", target_tahunan_set__tahun=2025)
    assert (program.satuan, program.target_tahunan_set.get().nilai) == ("%", Decimal("86"))


def test_indicator_in_seed_000_and_001_is_one_indikator_with_both_years(renstra_2021):
    indikator = Indikator.objects.get(
        program__kode="2.08.06", uraian="Persentase pencapaian indikator Kota Layak Anak"
    )
    assert indikator.target_tahunan_set.get(tahun=2025).nilai == Decimal("91")
    sub = SubKegiatan.objects.get(
        nama__startswith="Penyajian dan Pemanfaatan Data Gender dan Anak", periode=renstra_2021
    )
    assert sub.indikator_set.count() == 1
    assert sub.pagu_set.get(tahun=2023).jumlah == Decimal("5750000")
    assert sub.indikator_set.get().target_tahunan_set.get(tahun=2025).nilai == Decimal("1")
    assert sub.unit.nama == "Bidang Pemberdayaan Perempuan"


def test_aksi_keep_volume_unit_and_quarter_ticks(renstra_2021):
    lansia = Aksi.objects.get(uraian="Hari Lanjut Usia dan Hari disabilitas")
    assert (lansia.volume, lansia.satuan_volume) == (Decimal("2"), "kali")
    assert lansia.triwulan_list == [1, 3]

    rantang = Aksi.objects.get(uraian="Program Rantang Sehat bagi Lanjut Usia Terlantar")
    assert (rantang.volume, rantang.satuan_volume, rantang.triwulan_list) == (
        Decimal("1"),
        "tahun",
        [1, 2, 3, 4],
    )
    assert rantang.sub_kegiatan.kode == "1.06.04.2.01.0001"
    assert rantang.urutan == 1

    reward = Aksi.objects.get(uraian="Reward RT / RW / LPM")
    assert reward.triwulan_list == [1, 3, 4]
    assert reward.rencana_aksi.unit_id == DAYASOS

    shelter = Aksi.objects.get(uraian="Mamin Shelter, bantuan paket sembako bagi Eks Napi")
    assert shelter.volume_teks == "12 bulan"

    audience = Aksi.objects.get(uraian="Audience FA dan DPRD Kota Probolinggo")
    assert audience.volume is None and audience.triwulan_list == [2]


def test_sub_kegiatan_carry_the_unit_of_the_bidang_whose_rencana_aksi_lists_them(renstra_2021):
    for rencana in RencanaAksi.objects.filter(tahun=2025):
        others = (
            SubKegiatan.objects.filter(aksi_set__rencana_aksi=rencana)
            .exclude(unit=rencana.unit)
            .distinct()
        )
        # Only Fasilitasi Bantuan Sosial Kesejahteraan Keluarga appears in two Rencana Aksi;
        # it belongs to the Bidang Rehabilitasi, Perlindungan dan Jaminan Sosial.
        assert [s.kode for s in others] == (
            ["1.06.05.2.02.0003"] if rencana.unit_id == DAYASOS else []
        )


def test_renstra_2021_loads_with_every_demo_fixture_without_key_collisions(seed_data):
    periode = PeriodeRenstra.objects.get(pk=10001)
    assert (periode.tahun_awal, periode.tahun_akhir) == (2021, 2026)
    assert (
        Aksi.objects.filter(rencana_aksi__tahun=2025, rencana_aksi__unit__opd_id=1).count() == 110
    )
