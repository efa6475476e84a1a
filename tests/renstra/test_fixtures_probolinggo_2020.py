"""fixtures/probolinggo_2020.json holds seed 003 (LKjIP 2020 of Dinas Sosial PPPA Kota
Probolinggo with its PK 2020 and Pengukuran Kinerja TW I-IV annexes) as entered data.

The expected figures are read from the seed; where the seed contradicts itself the
reading is the one documented in fixtures/README.md ("Probolinggo 2020")."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum

from anggaran.models import DPA, Pagu, RealisasiAnggaran
from kinerja import selectors
from kinerja.models import Realisasi, StatusDokumen
from laporan.models import (
    AnalisisIndikator,
    LaporanKinerja,
    PerjanjianKinerja,
    PKIndikator,
    PKProgram,
)
from renstra import selectors as renstra_selectors
from renstra.demo import FIXTURE_DIR, FIXTURES
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
from sakip import angka as fmt
from sakip import capaian

FIXTURE = FIXTURE_DIR / "probolinggo_2020.json"
PMKS = "Persentase Penyandang Masalah Kesejahteraan Sosial (PMKS) yang terpenuhi kebutuhan dasarnya"


@pytest.fixture
def periode(seed_data):
    return PeriodeRenstra.objects.get(opd__slug="dinsos-pppa-probolinggo", dua_level=True)


def indikator(uraian):
    return Indikator.objects.get(pk__range=(1000, 9999), uraian=uraian)


def test_fixture_is_in_the_demo_list_right_after_the_organisation():
    names = [str(path).rsplit("/", 1)[-1] for path in FIXTURES]
    assert names.index("probolinggo_2020.json") == names.index("probolinggo_organisasi.json") + 1


def test_every_object_uses_the_reserved_key_range(seed_data):
    import json

    objects = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert objects
    assert all(1000 <= obj["pk"] <= 9999 for obj in objects)


def test_period_is_a_two_level_renstra_containing_2019_and_2020(periode):
    assert (periode.tahun_awal, periode.tahun_akhir) == (2019, 2024)
    assert periode.memuat_tahun(2019) and periode.memuat_tahun(2020)
    assert periode.status == PeriodeRenstra.Status.DITETAPKAN


def test_plan_counts_equal_the_seed(periode):
    assert Tujuan.objects.filter(periode=periode).count() == 1
    assert Sasaran.objects.filter(periode=periode).count() == 3
    assert Program.objects.filter(periode=periode).count() == 8
    assert Kegiatan.objects.filter(periode=periode).count() == 19
    assert SubKegiatan.objects.filter(periode=periode).count() == 19
    sasaran_indikator = Indikator.objects.filter(periode=periode, sasaran__isnull=False)
    assert sasaran_indikator.count() == 4
    assert sasaran_indikator.filter(is_iku=True).count() == 4


def test_two_level_period_has_one_sub_kegiatan_per_kegiatan_with_its_name_and_code(periode):
    for kegiatan in Kegiatan.objects.filter(periode=periode).select_related("program"):
        assert kegiatan.kode.startswith(kegiatan.program.kode + ".")
        (sub,) = kegiatan.sub_kegiatan_set.all()
        assert sub.nama == kegiatan.nama
        assert sub.kode.startswith(kegiatan.kode + ".")
        assert sub.unit.opd_id == periode.opd_id


def test_every_object_passes_model_validation(periode):
    """loaddata skips full_clean; the data must still satisfy every model rule."""
    querysets = [
        Tujuan.objects.filter(periode=periode),
        Sasaran.objects.filter(periode=periode),
        Program.objects.filter(periode=periode),
        Kegiatan.objects.filter(periode=periode),
        SubKegiatan.objects.filter(periode=periode),
        Indikator.objects.filter(periode=periode),
        TargetTahunan.objects.filter(indikator__periode=periode),
        Realisasi.objects.filter(indikator__periode=periode),
        Pagu.objects.filter(sub_kegiatan__periode=periode),
        RealisasiAnggaran.objects.filter(sub_kegiatan__periode=periode),
        DPA.objects.filter(pk__range=(1000, 9999)),
        PerjanjianKinerja.objects.filter(pk__range=(1000, 9999)),
        LaporanKinerja.objects.filter(pk__range=(1000, 9999)),
    ]
    checked = 0
    for queryset in querysets:
        for obj in queryset:
            obj.full_clean()
            checked += 1
    assert checked == 200


def test_programs_serve_the_sasaran_of_the_lkjip_tables_3_1_x_e_f(periode):
    # Sasaran 1 is served by 1.06.02, .03 and .04 as the LKjIP's tables 3.1.1.E/F/I print
    # it; 1.06.08 (Keberdayaan Masyarakat), which the quarterly annex lists there too, is not.
    by_sasaran = {}
    for program in Program.objects.filter(periode=periode).select_related("sasaran"):
        key = program.sasaran.kode if program.sasaran else None
        by_sasaran.setdefault(key, []).append(program.nama)
    assert by_sasaran[None] == [
        "Peningkatan Kinerja Lembaga dan Aparatur Pemerintah",
        "Keberdayaan Masyarakat",
    ]
    assert by_sasaran["1.1"] == [
        "Pelayanan Rehabilitasi, Perlindungan, dan Jaminan Sosial",
        "Pemberdayaan Sosial dan Penanganan Fakir Miskin",
        "Pembinaan Lingkungan Sosial",
    ]
    assert by_sasaran["1.2"] == ["Pemberdayaan Perempuan", "Pembinaan Lingkungan Sosial"]
    assert by_sasaran["1.3"] == ["Perlindungan Perempuan dan Anak"]


def test_tujuan_points_to_the_rpjmd_goal_of_the_pemda(periode):
    tujuan = Tujuan.objects.get(periode=periode)
    assert tujuan.tujuan_rpjmd.pemda_id == periode.opd.pemda_id
    assert tujuan.tujuan_rpjmd.uraian == "Meningkatkan Kesejahteraan Sosial Masyarakat"
    assert IndikatorRPJMD.objects.filter(tujuan_rpjmd=tujuan.tujuan_rpjmd).count() == 1
    assert TujuanRPJMD.objects.filter(pk__range=(1000, 9999)).count() == 1
    tujuan_indikator = tujuan.indikator_set.get()
    assert tujuan_indikator.polaritas == Indikator.Polaritas.NEGATIF
    assert tujuan_indikator.kondisi_awal == Decimal("7.2")
    assert tujuan_indikator.target_tahunan_set.get(tahun=2024).nilai == Decimal("6.90")


def test_pmks_indicator_is_a_ratio_with_its_2020_and_end_of_renstra_targets(seed_data):
    pmks = indikator(PMKS)
    assert pmks.tipe == Indikator.Tipe.RASIO
    assert pmks.satuan == "%"
    assert pmks.polaritas == Indikator.Polaritas.POSITIF
    assert pmks.agregasi == Indikator.Agregasi.TERAKHIR
    assert pmks.label_penyebut.startswith("Jumlah Penyandang Masalah Kesejahteraan Sosial")
    assert pmks.target_tahunan_set.get(tahun=2020).nilai == Decimal("86")
    assert pmks.target_tahunan_set.get(tahun=2024).nilai == Decimal("75")


def test_pmks_quarterly_realisation_keeps_numerator_and_denominator(seed_data):
    pmks = indikator(PMKS)
    tw1 = pmks.realisasi_set.get(tahun=2020, triwulan=1)
    assert (tw1.pembilang, tw1.penyebut) == (Decimal("1277"), Decimal("1816"))
    assert tw1.nilai == (Decimal(1277) / Decimal(1816) * 100).quantize(Decimal("0.0001"))
    assert pmks.realisasi_set.filter(tahun=2020).count() == 4
    assert pmks.realisasi_set.get(tahun=2020, triwulan=4).nilai == Decimal("92")
    assert pmks.realisasi_set.get(tahun=2019, triwulan=4).nilai == Decimal("95")


@pytest.mark.parametrize(
    ("uraian", "target", "realisasi_2019", "realisasi_2020", "target_akhir"),
    [
        (
            "Persentase tenaga kerja perempuan di eksekutif, legislatif dan swasta",
            "48.25",
            "26.76",
            "49.48",
            "49.25",
        ),
        (
            "Persentase Penurunan Kasus Kekerasan terhadap Perempuan dan Anak",
            "95",
            "53",
            "161.5",
            "75",
        ),
    ],
)
def test_numeric_indicators_hold_the_printed_targets_and_realisations(
    seed_data, uraian, target, realisasi_2019, realisasi_2020, target_akhir
):
    ind = indikator(uraian)
    assert ind.target_tahunan_set.get(tahun=2020).nilai == Decimal(target)
    assert ind.target_tahunan_set.get(tahun=2024).nilai == Decimal(target_akhir)
    assert ind.realisasi_set.get(tahun=2019, triwulan=4).nilai == Decimal(realisasi_2019)
    assert ind.realisasi_set.get(tahun=2020, triwulan=4).nilai == Decimal(realisasi_2020)


def test_kota_layak_anak_is_a_category_on_the_kla_scale(seed_data):
    kla = indikator("Kategori Kota Layak Anak")
    assert kla.tipe == Indikator.Tipe.KATEGORI
    assert kla.skala.nama == "Kategori Kota Layak Anak"
    assert kla.target_tahunan_set.get(tahun=2020).level.nama == "Madya"
    assert kla.target_tahunan_set.get(tahun=2020).nilai is None
    realisasi = kla.realisasi_set.get(tahun=2020, triwulan=4)
    assert realisasi.level.nama == "Madya"
    assert realisasi.level.skala_id == kla.skala_id
    assert realisasi.nilai is None


def test_pagu_revisions_follow_the_quarter_in_which_they_appear(seed_data):
    tata_usaha = SubKegiatan.objects.get(
        pk__range=(1000, 9999), nama="Pengelolaan Tata Usaha Perkantoran"
    )
    rows = list(
        tata_usaha.pagu_set.filter(tahun=2020).values_list("berlaku_mulai", "jenis", "jumlah")
    )
    assert rows == [
        (1, "murni", Decimal("1688858774")),
        (2, "pergeseran", Decimal("992987325")),
        (4, "perubahan", Decimal("1114221494")),
    ]
    # A kegiatan untouched by the refocusing has its murni pagu only.
    disabilitas = SubKegiatan.objects.get(
        pk__range=(1000, 9999), nama__endswith="Wirausaha Mandiri bagi Penyandang Disabilitas"
    )
    assert list(disabilitas.pagu_set.values_list("jumlah", flat=True)) == [Decimal("83324000")]


def test_final_pagu_of_every_kegiatan_equals_table_2_2(periode):
    total = Decimal(0)
    for sub in SubKegiatan.objects.filter(periode=periode):
        total += sub.pagu_set.filter(tahun=2020).order_by("-berlaku_mulai").first().jumlah
    assert total == Decimal("3531680129")


def test_budget_realisation_is_stored_per_quarter_and_cumulates_to_the_printed_figures(periode):
    spending = RealisasiAnggaran.objects.filter(sub_kegiatan__periode=periode, tahun=2020)
    assert spending.count() == 19 * 4
    for sub in SubKegiatan.objects.filter(periode=periode):
        assert sorted(sub.realisasi_anggaran_set.values_list("triwulan", flat=True)) == [1, 2, 3, 4]
    # Totals of the Pengukuran Kinerja annex, TW I-III (cumulative).
    cumulative = Decimal(0)
    for triwulan, printed in [(1, 433442277), (2, 1047264062), (3, 1693705935)]:
        cumulative += spending.filter(triwulan=triwulan).aggregate(s=Sum("jumlah"))["s"]
        assert cumulative == Decimal(printed)
    tata_usaha = spending.filter(sub_kegiatan__nama="Pengelolaan Tata Usaha Perkantoran")
    assert tata_usaha.aggregate(s=Sum("jumlah"))["s"] == Decimal("907915001")
    assert tata_usaha.get(triwulan=1).jumlah == Decimal("215870718")
    assert tata_usaha.get(triwulan=2).jumlah == Decimal("403801453") - Decimal("215870718")


def test_dpa_holds_the_murni_and_the_final_total(seed_data):
    rows = list(
        DPA.objects.filter(opd_id=1, tahun=2020).values_list("berlaku_mulai", "jumlah", "realisasi")
    )
    assert rows == [
        (1, Decimal("7338201108"), None),
        (4, Decimal("8386556514"), Decimal("7655837652")),
    ]


def test_perjanjian_kinerja_2020_is_final_and_signed_by_the_kepala_dinas_and_wali_kota(seed_data):
    pk = PerjanjianKinerja.objects.get(opd_id=1, tahun=2020, versi=1)
    assert pk.status == StatusDokumen.FINAL
    assert pk.tempat == "Probolinggo"
    assert pk.tanggal.isoformat() == "2020-01-02"
    assert pk.pihak_pertama.nip == "19630811 198701 1 002"
    assert pk.pihak_pertama.nama == "Drs. ZAINULLAH, MM."
    assert pk.pihak_kedua.is_kepala_daerah
    assert pk.snapshot["pihak_pertama"]["nip"] == "19630811 198701 1 002"


def test_perjanjian_kinerja_rows_are_the_lampiran_of_the_annex(seed_data):
    pk = PerjanjianKinerja.objects.get(opd_id=1, tahun=2020, versi=1)
    rows = list(PKIndikator.objects.filter(perjanjian=pk).order_by("urutan"))
    assert [r.indikator.uraian for r in rows] == [
        PMKS,
        "Persentase tenaga kerja perempuan di eksekutif, legislatif dan swasta",
        "Persentase Penurunan Kasus Kekerasan terhadap Perempuan dan Anak",
        "Kategori Kota Layak Anak",
    ]
    assert rows[1].target_nilai == Decimal("48.25")
    assert rows[3].target_teks == "Madya"
    programs = list(PKProgram.objects.filter(perjanjian=pk).order_by("urutan"))
    assert len(programs) == 8
    assert all(p.program_id and p.sumber_dana == "APBD" for p in programs)
    assert programs[0].program_nama == "Peningkatan Kinerja Lembaga dan Aparatur Pemerintah"
    assert programs[0].anggaran == Decimal("1890851874")
    assert programs[6].anggaran == Decimal(
        "356175375"
    )  # as printed; the kegiatan sum is 356.172.375


def test_lkjip_2020_holds_the_narrative_and_one_analysis_per_indicator(seed_data):
    laporan = LaporanKinerja.objects.get(opd_id=1, tahun=2020)
    assert laporan.penandatangan.nama == "RACHMA NURCAHYARINI, S.Sos., M.Si."
    assert laporan.tanggal.isoformat() == "2021-01-04"
    assert laporan.kata_pengantar.startswith("Puji syukur Kehadirat Allah SWT")
    assert "8.386.556.514" in laporan.ikhtisar_eksekutif
    assert "1.1.2 Tugas Pokok dan Fungsi" in laporan.gambaran_organisasi
    assert "refocusing anggaran hampir 50%" in laporan.permasalahan_utama
    assert laporan.langkah_peningkatan.startswith("Untuk meningkatkan kinerja")
    assert laporan.kesimpulan.endswith("sangat baik.")
    for field in (
        "latar_belakang",
        "rencana_strategis",
        "analisis_umum",
        "realisasi_anggaran_narasi",
    ):
        assert getattr(laporan, field), field
    analisis = AnalisisIndikator.objects.filter(laporan=laporan)
    assert analisis.count() == 4
    kla = analisis.get(indikator__uraian="Kategori Kota Layak Anak")
    assert kla.analisis_penyebab == "Tidak Ada Evaluasi karena Pandemi Covid-19"
    assert "Pengarusutamaan Hak dan tumbuh kembang Anak" in kla.analisis_program
    assert not analisis.filter(realisasi_nasional__isnull=False).exists()


def test_fixture_loads_twice_without_duplicating_anything(seed_data):
    before = Realisasi.objects.count(), Pagu.objects.count(), Program.objects.count()
    call_command("loaddata", str(FIXTURE), verbosity=0)
    assert (Realisasi.objects.count(), Pagu.objects.count(), Program.objects.count()) == before


def test_probolinggo_grades_by_the_five_step_scale_of_its_lkjip_2020(seed_data):
    # LKjIP 2020, 3.1: "Lebih dari 89% Sangat Baik, 60% hingga 80% Baik, 40% hingga 60%
    # Cukup, 20% hingga 40% Kurang, Kurang dari 20% Sangat Kurang".
    skala = renstra_selectors.skala_predikat(
        PeriodeRenstra.objects.get(opd__slug="dinsos-pppa-probolinggo", dua_level=True).opd.pemda_id
    )
    assert [(t.label, fmt.rentang(t.batas_bawah, t.batas_atas, t.bawah_inklusif, t.atas_inklusif))
            for t in skala] == [
        ("Sangat Baik", "> 89%"),
        ("Baik", "60% ≤ x ≤ 80%"),
        ("Cukup", "40% ≤ x < 60%"),
        ("Kurang", "20% ≤ x < 40%"),
        ("Sangat Kurang", "< 20%"),
    ]  # fmt: skip
    assert capaian.predikat(Decimal("85"), skala) is capaian.DI_LUAR_SKALA
    assert capaian.predikat(Decimal("106.98"), skala).label == "Sangat Baik"


def test_the_lkjip_narrative_leaves_the_scale_to_the_table(seed_data):
    laporan = LaporanKinerja.objects.get(pk=7000)
    assert "Lebih dari 89%" not in laporan.analisis_umum
    assert "Pengukuran capaian kinerja adalah kegiatan" in laporan.analisis_umum


def test_sasaran_1_budget_of_table_3_1_1_f_is_the_sum_of_its_three_programs(seed_data):
    # The fixture's sum 1.765.364.050; the seed's table 3.1.1.F prints 1.765.363.950: the
    # seed is off by 100 (its kegiatan in table 3.2 add up to the fixture's figure).
    data = selectors.capaian_opd("dinsos-pppa-probolinggo", 2020, 4)
    sasaran_1 = next(s for s in data.sasaran if s.kode == "1.1")
    assert sasaran_1.anggaran.pagu == Decimal("1765364050")
    assert sasaran_1.anggaran.pagu - Decimal("1765363950") == 100
