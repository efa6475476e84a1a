"""Which programs serve which sasaran is a property of the period, with a per-year override
that wins where present (issue 11 item 4): one rule (renstra.selectors.sasaran_berlaku)
read by the budget roll-up per sasaran and by every grouping of programs per sasaran, so
every table of one year's document names the same programs."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from anggaran import selectors as anggaran_selectors
from kinerja import selectors
from laporan.selectors.pengukuran import pengukuran_document
from laporan.selectors.umum import Konteks
from renstra.models import Indikator, ProgramSasaranTahunan
from renstra.selectors import sasaran_program
from tests.factories import (
    IndikatorFactory,
    KegiatanFactory,
    PaguFactory,
    PeriodeFactory,
    ProgramFactory,
    SasaranFactory,
    SubKegiatanFactory,
    TargetTahunanFactory,
    TujuanFactory,
)
from tests.kinerja.dunia import siapkan

pytestmark = pytest.mark.django_db


@pytest.fixture
def d(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    d = siapkan(settings, tmp_path)
    d.sasaran_2 = SasaranFactory(
        tujuan=d.sasaran.tujuan, kode="S2", uraian="Terlindunginya anak rentan", urutan=2
    )
    ind = IndikatorFactory(
        sasaran=d.sasaran_2,
        uraian="Persentase anak terlindungi",
        tipe=Indikator.Tipe.PERSENTASE,
        is_iku=True,
    )
    TargetTahunanFactory(indikator=ind, tahun=d.tahun, nilai=Decimal("80"))
    d.program_2 = ProgramFactory(
        sasaran=d.sasaran, periode=d.periode, kode="1.06.05", nama="Program Perlindungan Anak"
    )
    kegiatan = KegiatanFactory(program=d.program_2, kode="1.06.05.2.01", nama="Rumah Aman")
    sub = SubKegiatanFactory(kegiatan=kegiatan, kode="1.06.05.2.01.0001", unit=d.unit_b)
    PaguFactory(sub_kegiatan=sub, tahun=d.tahun, jumlah=Decimal("30000000"))
    PaguFactory(sub_kegiatan=sub, tahun=d.tahun + 1, jumlah=Decimal("7000000"))
    return d


def ganti(d, sasaran, tahun=None):
    g = ProgramSasaranTahunan(program=d.program_2, tahun=tahun or d.tahun, sasaran=sasaran)
    g.full_clean()
    g.save()
    return g


def test_the_override_wins_for_its_year_only(d):
    ganti(d, d.sasaran_2)
    assert sasaran_program(d.periode, d.tahun)[d.program_2.pk] == d.sasaran_2.pk
    assert sasaran_program(d.periode, d.tahun + 1)[d.program_2.pk] == d.sasaran.pk
    assert sasaran_program(d.periode, d.tahun)[d.program.pk] == d.sasaran.pk


def test_an_override_without_a_sasaran_makes_it_a_support_program_that_year(d):
    ganti(d, None)
    assert sasaran_program(d.periode, d.tahun)[d.program_2.pk] is None
    pohon = Konteks.untuk(d.opd, d.tahun).pohon
    assert d.program_2 in pohon.program_per_sasaran[None]


def test_the_budget_of_a_sasaran_follows_the_override_of_the_pagu_year(d):
    ganti(d, d.sasaran_2)
    tahun_ini = anggaran_selectors.anggaran_rows(d.periode, d.tahun).per_id("sasaran")
    assert tahun_ini[d.sasaran.pk].pagu == Decimal("150000000")
    assert tahun_ini[d.sasaran_2.pk].pagu == Decimal("30000000")
    program = anggaran_selectors.anggaran_rows(d.periode, d.tahun).per_id("program")
    assert program[d.program_2.pk].induk_id == d.sasaran_2.pk
    tahun_depan = anggaran_selectors.anggaran_rows(d.periode, d.tahun + 1).per_id("sasaran")
    assert tahun_depan[d.sasaran.pk].pagu == Decimal("7000000")
    assert tahun_depan[d.sasaran_2.pk].pagu == Decimal("0")


def test_the_engine_and_the_plan_tree_of_a_year_group_programs_alike(d):
    ganti(d, d.sasaran_2)
    data = selectors.capaian_opd(d.opd, d.tahun, 4)
    per = {s.id: s.anggaran.pagu for s in data.sasaran}
    assert per == {d.sasaran.pk: Decimal("150000000"), d.sasaran_2.pk: Decimal("30000000")}
    pohon = Konteks.untuk(d.opd, d.tahun).pohon
    assert pohon.program_per_sasaran[d.sasaran_2.pk] == [d.program_2]
    assert pohon.program_per_sasaran[d.sasaran.pk] == [d.program]


def test_lkjip_of_that_year_prints_the_budget_and_programs_of_the_override(client, d):
    ganti(d, d.sasaran_2)
    client.force_login(d.kadis)
    html = client.get(reverse("laporan:lkjip", args=[d.opd.slug, d.tahun])).content.decode()
    tabel_e = html.split("Tabel Alokasi Per-Sasaran Pembangunan")
    assert "Rp 150.000.000" in tabel_e[1].split("</table>")[0]
    assert "Rp 30.000.000" in tabel_e[2].split("</table>")[0]
    tabel_f = html.split("<h4>F. Tabel Pencapaian Kinerja dan Anggaran")
    assert "150.000.000" in tabel_f[1].split("</table>")[0]
    assert "30.000.000" in tabel_f[2].split("</table>")[0]
    tabel_i = [b.split("</table>")[0] for b in html.split("<h4>I. Analisis Program")[1:]]
    assert "Program Perlindungan Anak" not in tabel_i[0]
    assert "Program Rehabilitasi Sosial" in tabel_i[0]
    assert "Program Perlindungan Anak" in tabel_i[1]


def _program_per_blok(opd, tahun):
    doc = pengukuran_document(opd=opd, tahun=tahun, triwulan=4)
    return {
        b["sasaran"]: [r["budget"]["nama"] for r in b["rows"] if r["budget"]] for b in doc["blocks"]
    }


def test_the_pengukuran_of_each_year_lists_the_programs_of_that_year(d):
    ganti(d, d.sasaran_2)
    blok = _program_per_blok(d.opd, d.tahun)
    assert "Program Perlindungan Anak" in blok["Terlindunginya anak rentan"]
    assert "Program Perlindungan Anak" not in blok[d.sasaran.uraian]
    blok = _program_per_blok(d.opd, d.tahun + 1)
    assert "Program Perlindungan Anak" in blok[d.sasaran.uraian]


def test_an_override_outside_the_period_or_to_another_periods_sasaran_is_refused(d):
    lain = PeriodeFactory(opd=d.opd, tahun_awal=2027, tahun_akhir=2031)
    sasaran_lain = SasaranFactory(tujuan=TujuanFactory(periode=lain))
    with pytest.raises(ValidationError) as exc:
        ganti(d, sasaran_lain, tahun=2030)
    assert set(exc.value.message_dict) == {"tahun", "sasaran"}
    assert "di luar periode Renstra" in exc.value.message_dict["tahun"][0]
    assert ProgramSasaranTahunan.objects.count() == 0
