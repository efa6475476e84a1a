"""fixtures/lumajang.json holds seed 004 (Perubahan Renstra 2018–2023 of Dinas Sosial PPPA
Kabupaten Lumajang): tujuan and sasaran (tabel 4.1, T-C.23, T-C.28), T-C.27 in full and the
program history of T-C.24.

The expected figures are read from the seed; where the seed is illegible or contradicts
itself the reading is the one listed in fixtures/README.md ("Lumajang ...")."""

import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Count, Sum

from anggaran.models import AnggaranProgramHistoris, Pagu
from kinerja.models import Realisasi
from renstra.demo import FIXTURE_DIR, FIXTURES
from renstra.models import (
    Indikator,
    Kegiatan,
    Pejabat,
    Pemda,
    PerangkatDaerah,
    PeriodeRenstra,
    Program,
    Sasaran,
    SubKegiatan,
    TargetTahunan,
    Tujuan,
    UnitKerja,
)
from sakip import capaian

FIXTURE = FIXTURE_DIR / "lumajang.json"

# T-C.27, counted row by row in the seed (lines 1125-1795 of 004_a4869d78fc72157b.txt).
# Programs: the 12 rows printed in capitals, 7 of urusan 1.06 (printed "1 6 4", "1 0 6 5", ...)
# and 5 of urusan 2.08 (printed "0 8 0 2", ...; the leading "2" of the urusan is lost in the
# extraction) plus the penunjang program X.XX.01.
# Kegiatan: every row whose code has the kegiatan part and no sub-kegiatan part (32). The
# seed prints 1.06.02.2.03 twice with identical figures (counted once) and prints no row for
# 2.08.07.2.03, whose three sub-kegiatan are printed (counted, the kegiatan is rebuilt).
# Sub-kegiatan: every row below a kegiatan (121), e.g. 12 under 1.06.04.2.01 (.0001-.0012),
# 13 under 1.06.04.2.02 (.0001-.0004, .0006-.0014), 39 under the penunjang program.
# code: (kegiatan, sub-kegiatan)
PER_PROGRAM = {
    "1.06.04": (3, 28),
    "1.06.05": (1, 4),
    "1.06.06": (2, 6),
    "1.06.02": (2, 5),
    "1.06.07": (1, 3),
    "2.08.02": (3, 8),
    "2.08.04": (3, 6),
    "2.08.05": (1, 2),
    "2.08.06": (2, 6),
    "2.08.07": (3, 9),
    "2.08.03": (3, 5),
    "X.XX.01": (8, 39),
}
N_PROGRAM, N_KEGIATAN, N_SUB_KEGIATAN = 12, 32, 121


@pytest.fixture
def periode(db):
    call_command("loaddata", str(FIXTURE), verbosity=0)
    return PeriodeRenstra.objects.get(opd__slug="dinsos-pppa-lumajang")


def indikator(uraian):
    return Indikator.objects.get(pk__range=(20000, 29999), uraian=uraian)


def pagu_sum(**filters):
    return Pagu.objects.filter(**filters).aggregate(total=Sum("jumlah"))["total"]


def test_fixture_is_in_the_demo_list_after_the_probolinggo_files():
    names = [str(path).rsplit("/", 1)[-1] for path in FIXTURES]
    assert names[-1] == "lumajang.json"


def test_every_object_uses_the_reserved_key_range():
    objects = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert len(objects) > 1000
    assert all(20000 <= obj["pk"] <= 29999 for obj in objects)


def test_loads_together_with_every_other_demo_fixture(seed_data):
    lumajang = PeriodeRenstra.objects.get(opd__slug="dinsos-pppa-lumajang")
    assert lumajang.program_set.count() == N_PROGRAM
    assert SubKegiatan.objects.filter(periode=lumajang).count() == N_SUB_KEGIATAN
    # The Probolinggo data is untouched by the Lumajang keys.
    assert Pemda.objects.count() == 2


def test_organisation_is_kabupaten_lumajang_with_its_five_units(periode):
    pemda = Pemda.objects.get(slug="kabupaten-lumajang")
    assert pemda.nama == "Pemerintah Kabupaten Lumajang"
    assert pemda.jenis == Pemda.Jenis.KABUPATEN
    assert pemda.jabatan_kepala_daerah == "Bupati Lumajang"
    opd = PerangkatDaerah.objects.get(slug="dinsos-pppa-lumajang")
    assert opd.pemda == pemda
    assert list(opd.unit_set.values_list("nama", flat=True)) == [
        "Sekretariat",
        "Bidang Perlindungan Anak dan Pelayanan Rehabilitasi Sosial",
        "Bidang Penanganan, Pemberdayaan Sosial dan Kepahlawanan",
        "Bidang Perlindungan dan Jaminan Sosial",
        "Bidang Pemberdayaan Perempuan dan Kesetaraan Gender",
    ]
    # The seed's signature blocks print "....." and "NIP."; the demo's one official is an
    # invented Kepala Dinas (fixtures/README.md), so the documents have a signatory.
    [kepala] = Pejabat.objects.filter(pemda=pemda)
    assert kepala.is_kepala and kepala.opd.slug == "dinsos-pppa-lumajang"


def test_periode_is_the_perubahan_2018_2023_as_adopted(periode):
    assert periode.nama == "Perubahan Renstra 2018–2023"
    assert (periode.tahun_awal, periode.tahun_akhir) == (2018, 2023)
    assert periode.status == PeriodeRenstra.Status.DITETAPKAN
    assert periode.dua_level is False


def test_tujuan_and_sasaran_follow_tabel_4_1(periode):
    assert list(Tujuan.objects.filter(periode=periode).values_list("uraian", flat=True)) == [
        "Meningkatnya kualitas dan jangkauan pelayanan sosial",
        "Meningkatnya peran serta perempuan dalam pembangunan",
    ]
    sasaran = Sasaran.objects.filter(periode=periode)
    assert sasaran.count() == 4  # three of the Perubahan, one dropped sasaran of T-C.23
    assert sasaran.get(kode="3").tujuan.kode == "2"
    idg = indikator("Indeks Pemberdayaan Gender")
    assert idg.sasaran.uraian == "Meningkatnya pemberdayaan perempuan"
    assert dict(idg.target_tahunan_set.values_list("tahun", "nilai")) == {
        2019: Decimal("59.16"),
        2020: Decimal("58.91"),
        2021: Decimal("59.16"),
        2022: Decimal("59.20"),
        2023: Decimal("59.25"),
    }


def test_tc28_targets_and_2017_as_kondisi_awal(periode):
    mandiri = indikator("Persentase PPKS Mandiri secara Ekonomi dan Fisik")
    assert mandiri.tujuan.kode == "1"
    assert (mandiri.kondisi_awal, mandiri.tahun_kondisi_awal) == (Decimal("8.17"), 2017)
    assert mandiri.target_tahunan_set.get(tahun=2023).nilai == Decimal("17.35")
    psks = indikator("Persentase Peningkatan Jumlah PSKS yang berperan dalam penanganan PPKS")
    assert (psks.kondisi_awal, psks.tahun_kondisi_awal) == (Decimal("70"), 2017)
    assert psks.target_tahunan_set.get(tahun=2022).nilai == Decimal("84")


def test_tc23_realisations_are_tw4_and_the_2021_semester_figure_is_tw2(periode):
    ppks = indikator("Persentase PPKS yang terpenuhi kebutuhan dasarnya")
    rows = {(r.tahun, r.triwulan): r.nilai for r in ppks.realisasi_set.all()}
    assert rows == {
        (2018, 4): Decimal("15.07"),
        (2019, 4): Decimal("26.43"),
        (2020, 4): Decimal("78.76"),
        (2021, 2): Decimal("94.10"),
    }
    # Nothing before the period is a realisation.
    assert not Realisasi.objects.filter(indikator__periode=periode, tahun__lt=2018).exists()


def test_capaian_from_the_stored_figures_matches_tc23(periode):
    ppks = indikator("Persentase PPKS yang terpenuhi kebutuhan dasarnya")
    target = ppks.target_tahunan_set.get(tahun=2020).nilai
    realisasi = ppks.realisasi_set.get(tahun=2020, triwulan=4).nilai
    hasil = capaian.capaian_positif(target, realisasi)
    assert hasil.nilai.quantize(Decimal("0.01")) == Decimal("105.01")  # printed 105,01%


def test_tc27_counts_equal_the_seed(periode):
    assert Program.objects.filter(periode=periode).count() == N_PROGRAM
    assert Kegiatan.objects.filter(periode=periode).count() == N_KEGIATAN
    assert SubKegiatan.objects.filter(periode=periode).count() == N_SUB_KEGIATAN
    for kode, (n_kegiatan, n_sub) in PER_PROGRAM.items():
        program = Program.objects.get(periode=periode, kode=kode)
        assert program.kegiatan_set.count() == n_kegiatan, kode
        assert SubKegiatan.objects.filter(kegiatan__program=program).count() == n_sub, kode


def test_every_tc27_program_is_present_by_code(periode):
    assert dict(Program.objects.filter(periode=periode).values_list("kode", "nama")) == {
        "1.06.02": "PROGRAM PEMBERDAYAAN SOSIAL",
        "1.06.04": "PROGRAM REHABILITASI SOSIAL",
        "1.06.05": "PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL",
        "1.06.06": "PROGRAM PENANGANAN BENCANA",
        "1.06.07": "PROGRAM PENGELOLAAN TAMAN MAKAM PAHLAWAN",
        "2.08.02": "PROGRAM PENGARUSUTAMAAN GENDER DAN PEMBERDAYAAN PEREMPUAN",
        "2.08.03": "PROGRAM PERLINDUNGAN PEREMPUAN",
        "2.08.04": "PROGRAM PENINGKATAN KUALITAS KELUARGA",
        "2.08.05": "PROGRAM PENGELOLAAN SISTEM DATA GENDER DAN ANAK",
        "2.08.06": "PROGRAM PEMENUHAN HAK ANAK (PHA)",
        "2.08.07": "PROGRAM PERLINDUNGAN KHUSUS ANAK",
        "X.XX.01": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
    }


def test_sub_kegiatan_permakanan_is_exact(periode):
    sub = SubKegiatan.objects.get(periode=periode, kode="1.06.04.2.01.0001")
    assert sub.nama == "Penyediaan Permakanan"
    assert sub.kegiatan.kode == "1.06.04.2.01"
    assert sub.unit.nama == "Bidang Perlindungan Anak dan Pelayanan Rehabilitasi Sosial"
    assert sub.lokasi == "Kab. Lumajang"
    ind = sub.indikator_set.get()
    assert ind.satuan == "Orang"
    assert (ind.kondisi_awal, ind.tahun_kondisi_awal) == (Decimal("600"), 2020)
    assert dict(ind.target_tahunan_set.values_list("tahun", "nilai")) == {
        2021: Decimal("616"),
        2022: Decimal("800"),
        2023: Decimal("810"),
    }
    assert dict(sub.pagu_set.values_list("tahun", "jumlah")) == {
        2021: Decimal("207740700"),
        2022: Decimal("4162328700"),
        2023: Decimal("4162328700"),
    }


def test_a_dash_is_no_target_and_no_pagu(periode):
    sub = SubKegiatan.objects.get(periode=periode, kode="1.06.04.2.01.0004")
    assert sub.nama == "Pemberian Pelayanan Reunifikasi Keluarga"
    ind = sub.indikator_set.get()
    assert ind.kondisi_awal is None
    assert list(ind.target_tahunan_set.values_list("tahun", flat=True)) == [2022, 2023]
    assert not sub.pagu_set.exists()


def test_kegiatan_and_program_budgets_are_the_sums_printed_in_tc27(periode):
    kegiatan = "1.06.04.2.01"
    assert pagu_sum(sub_kegiatan__kegiatan__kode=kegiatan, tahun=2021) == 242_859_050
    assert pagu_sum(sub_kegiatan__kegiatan__kode=kegiatan, tahun=2022) == 4_196_394_760
    program = {"sub_kegiatan__kegiatan__program__kode": "1.06.05"}
    assert pagu_sum(**program, tahun=2021) == 5_428_690_700
    assert pagu_sum(**program, tahun=2023) == 7_490_666_750
    penunjang = {"sub_kegiatan__kegiatan__program__kode": "X.XX.01"}
    assert pagu_sum(**penunjang, tahun=2022) == 6_870_235_740
    assert pagu_sum(**penunjang, tahun=2023) == 7_265_193_410
    # Printed 3.754.630.422 for 2021: the seed's sub-kegiatan add up to 3.785.226.600 (README).
    assert pagu_sum(**penunjang, tahun=2021) == 3_785_226_600


def test_sub_kegiatan_belong_to_the_unit_of_their_program(periode):
    counts = dict(
        UnitKerja.objects.filter(opd=periode.opd)
        .annotate(n=Count("sub_kegiatan_set"))
        .values_list("slug", "n")
    )
    # T-C.27 "Unit Kerja": PPPA programs are split between two Bidang as printed.
    assert counts == {
        "sekretariat": 39,
        "perlindungan-anak-rehabilitasi-sosial": 28 + 6 + 9 + 5,
        "penanganan-pemberdayaan-sosial-kepahlawanan": 5 + 3,
        "perlindungan-jaminan-sosial": 4 + 6,
        "pemberdayaan-perempuan-kesetaraan-gender": 8 + 6 + 2,
    }
    sekretariat = SubKegiatan.objects.filter(periode=periode, unit__slug="sekretariat")
    assert sekretariat.count() == PER_PROGRAM["X.XX.01"][1]
    assert set(sekretariat.values_list("lokasi", flat=True)) == {"Dinas Sosial, PPPA"}
    tmp = SubKegiatan.objects.filter(periode=periode, kegiatan__program__kode="1.06.07")
    assert set(tmp.values_list("lokasi", flat=True)) == {"TMP"}


def test_tc24_history_per_program(periode):
    rows = AnggaranProgramHistoris.objects.filter(program__periode=periode)
    # Four programs with 2017-2021, seven with 2021 only, Perlindungan Perempuan all "NA".
    assert rows.count() == 4 * 5 + 7
    rehabilitasi = rows.get(program__kode="1.06.04", tahun=2017)
    assert (rehabilitasi.anggaran, rehabilitasi.realisasi) == (
        Decimal("953475600"),
        Decimal("765447500"),
    )
    # Printed "2,150,518,300.00": the comma is the thousands separator.
    assert rows.get(program__kode="X.XX.01", tahun=2017).anggaran == Decimal("2150518300")
    assert rows.get(program__kode="2.08.07", tahun=2021).realisasi == Decimal("28798000")
    assert not rows.filter(program__kode="2.08.03").exists()


def test_words_split_by_the_extraction_are_joined(periode):
    fragments = [
        "REHABILIT ASI",
        "Mendapatka n",
        "Kesejahtera an",
        "Pemerintah an",
        "Pendamping an",
        "Perlindunga n",
        "PEMBERDA YAAN",
        "PENGARUSUTAM AAN",
        "Pelay anan",
        "Ke giatan",
    ]
    texts = list(Program.objects.filter(periode=periode).values_list("nama", flat=True))
    texts += Kegiatan.objects.filter(periode=periode).values_list("nama", flat=True)
    texts += SubKegiatan.objects.filter(periode=periode).values_list("nama", flat=True)
    texts += Indikator.objects.filter(periode=periode).values_list("uraian", flat=True)
    broken = [t for t in texts for f in fragments if f in t]
    assert broken == []


def test_every_object_passes_the_models_own_validation(periode):
    for model in (Tujuan, Sasaran, Program, Kegiatan, SubKegiatan):
        for obj in model.objects.filter(periode=periode):
            obj.full_clean()
    for obj in Indikator.objects.filter(periode=periode):
        obj.full_clean()
    for obj in TargetTahunan.objects.filter(indikator__periode=periode):
        obj.full_clean()
    for obj in Realisasi.objects.filter(indikator__periode=periode):
        obj.full_clean()
    for obj in Pagu.objects.filter(sub_kegiatan__periode=periode):
        obj.full_clean()
