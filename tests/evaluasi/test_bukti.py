"""Each evidence rule on a world built to satisfy it and one built to break it, and the
proposal it makes on each scale."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from anggaran.models import DPA
from evaluasi import bukti
from evaluasi.models import Pemantauan
from kinerja.models import RencanaAksi, StatusDokumen
from laporan.models import LaporanKinerja, PerjanjianKinerja
from renstra import services_pohon
from renstra.models import Jenjang, PeriodeRPJMD
from sakip.alur import StatusRealisasi
from tests.evaluasi.dunia import TAHUN, buat_opd, evaluasi_untuk, pejabat
from tests.factories import IndikatorFactory, PeriodeFactory, RealisasiFactory, SasaranFactory

pytestmark = pytest.mark.django_db
D = datetime.date


# --- pure helpers --------------------------------------------------------------------------


def test_the_proposal_is_y_only_when_everything_is_there():
    assert bukti.saran(bukti.Fakta(Decimal(100), ""), "YT") == "Y"
    assert bukti.saran(bukti.Fakta(Decimal("99.9"), ""), "YT") == "T"


def test_the_a_to_e_proposal_follows_coverage():
    nilai = [100, 80, 75, 60, 50, 30, 25, 10, 0]
    assert [bukti.saran(bukti.Fakta(Decimal(p), ""), "AE") for p in nilai] == list("ABBCCDDEE")


def test_a_month_after_the_31st_is_the_last_day_of_the_shorter_month():
    assert bukti.tambah_bulan(D(2024, 1, 31)) == D(2024, 2, 29)
    assert bukti.tambah_bulan(D(2024, 12, 15)) == D(2025, 1, 15)


def test_the_lkjip_is_due_at_the_end_of_march_of_the_next_year():
    assert bukti.batas_lkjip(2024) == D(2025, 3, 31)


# --- the rules -----------------------------------------------------------------------------


def _pk(opd, tanggal, status=StatusDokumen.FINAL):
    kepala = pejabat(opd, "Kepala Dinas", "II.a", is_kepala=True)
    walikota = pejabat(opd, "Wali Kota", is_kepala_daerah=True)
    return PerjanjianKinerja.objects.create(
        opd=opd,
        tahun=TAHUN,
        tempat="Kota Uji",
        tanggal=tanggal,
        pihak_pertama=kepala,
        pihak_kedua=walikota,
        status=status,
    )


@pytest.mark.parametrize(
    ("tanggal_pk", "status", "terpenuhi"),
    [
        (D(2024, 2, 9), StatusDokumen.FINAL, True),
        (D(2024, 2, 12), StatusDokumen.FINAL, False),  # a month and two days after the DPA
        (D(2024, 2, 1), StatusDokumen.DRAFT, False),
    ],
)
def test_pk_on_time_after_the_dpa(tanggal_pk, status, terpenuhi):
    opd, _ = buat_opd()
    DPA.objects.create(opd=opd, tahun=TAHUN, jumlah=Decimal(1), tanggal=D(2024, 1, 10))
    _pk(opd, tanggal_pk, status)
    fakta = bukti.pk_tepat_waktu(evaluasi_untuk(opd))
    assert fakta.terpenuhi is terpenuhi
    assert fakta.tautan and "/pk/" in fakta.tautan[0][1]


def test_pk_rule_refuses_when_the_dpa_date_is_missing():
    opd, _ = buat_opd()
    DPA.objects.create(opd=opd, tahun=TAHUN, jumlah=Decimal(1))
    _pk(opd, D(2024, 1, 20))
    fakta = bukti.pk_tepat_waktu(evaluasi_untuk(opd))
    assert not fakta.terpenuhi
    assert "DPA" in fakta.alasan


@pytest.mark.parametrize(("sumber_data", "terpenuhi"), [("BPS", True), ("", False)])
def test_iku_for_every_sasaran_with_formula_and_data_source(sumber_data, terpenuhi):
    opd, _ = buat_opd()
    periode = PeriodeFactory(opd=opd)
    s1 = SasaranFactory(tujuan__periode=periode)
    s2 = SasaranFactory(tujuan=s1.tujuan)
    IndikatorFactory(sasaran=s1, is_iku=True, formula="a / b", sumber_data="BPS")
    IndikatorFactory(sasaran=s2, is_iku=True, formula="c / d", sumber_data=sumber_data)
    fakta = bukti.iku_lengkap(evaluasi_untuk(opd))
    assert fakta.terpenuhi is terpenuhi
    assert fakta.persen == (100 if terpenuhi else 50)


def test_a_sasaran_without_iku_breaks_the_iku_rule():
    opd, _ = buat_opd()
    periode = PeriodeFactory(opd=opd)
    s1 = SasaranFactory(tujuan__periode=periode)
    IndikatorFactory(sasaran=s1, is_iku=False, formula="a", sumber_data="b")
    fakta = bukti.iku_lengkap(evaluasi_untuk(opd))
    assert not fakta.terpenuhi
    assert "belum ada IKU" in fakta.rincian[0]


@pytest.mark.parametrize(
    ("status_tw4", "terpenuhi"),
    [(StatusRealisasi.DIVERIFIKASI, True), (StatusRealisasi.DIAJUKAN, False), (None, False)],
)
def test_quarterly_realisations_entered_and_verified(status_tw4, terpenuhi):
    opd, _ = buat_opd()
    periode = PeriodeFactory(opd=opd)
    indikator = IndikatorFactory(sasaran=SasaranFactory(tujuan__periode=periode))
    for tw in (1, 2, 3, 4):
        status = StatusRealisasi.DIVERIFIKASI if tw < 4 else status_tw4
        if status:
            RealisasiFactory(indikator=indikator, tahun=TAHUN, triwulan=tw, status=status)
    fakta = bukti.realisasi_triwulan(evaluasi_untuk(opd))
    assert fakta.terpenuhi is terpenuhi
    assert len(fakta.tautan) == 4


@pytest.mark.parametrize(("final_semua", "terpenuhi"), [(True, True), (False, False)])
def test_a_final_rencana_aksi_for_every_unit(final_semua, terpenuhi):
    opd, units = buat_opd(2)
    RencanaAksi.objects.create(unit=units[0], tahun=TAHUN, status=StatusDokumen.FINAL)
    status = StatusDokumen.FINAL if final_semua else StatusDokumen.DRAFT
    RencanaAksi.objects.create(unit=units[1], tahun=TAHUN, status=status)
    fakta = bukti.rencana_aksi_unit(evaluasi_untuk(opd))
    assert fakta.terpenuhi is terpenuhi


def _lkjip(opd, finalized_at, **isi):
    teks = {nama: "Isi" for nama, _ in bukti.BAB_LKJIP}
    teks.update(isi)
    return LaporanKinerja.objects.create(
        opd=opd, tahun=TAHUN, status=StatusDokumen.FINAL, finalized_at=finalized_at, **teks
    )


@pytest.mark.parametrize(("tanggal", "terpenuhi"), [(D(2025, 3, 31), True), (D(2025, 4, 1), False)])
def test_lkjip_finalised_by_its_deadline(tanggal, terpenuhi):
    opd, _ = buat_opd()
    waktu = timezone.make_aware(datetime.datetime.combine(tanggal, datetime.time(10)))
    _lkjip(opd, waktu)
    assert bukti.lkjip_tepat_waktu(evaluasi_untuk(opd)).terpenuhi is terpenuhi


@pytest.mark.parametrize(("kesimpulan", "terpenuhi"), [("Penutup", True), ("  ", False)])
def test_lkjip_carries_the_required_chapters(kesimpulan, terpenuhi):
    opd, _ = buat_opd()
    _lkjip(opd, timezone.now(), kesimpulan=kesimpulan)
    fakta = bukti.lkjip_bab(evaluasi_untuk(opd))
    assert fakta.terpenuhi is terpenuhi
    if not terpenuhi:
        assert fakta.rincian == ["BAB IV penutup kosong"]


@pytest.mark.parametrize(("lewati", "terpenuhi"), [(None, True), (3, False)])
def test_quarterly_monitoring_recorded_per_unit_and_quarter(lewati, terpenuhi):
    opd, units = buat_opd(2)
    for unit in units:
        for tw in (1, 2, 3, 4):
            if unit == units[1] and tw == lewati:
                continue
            Pemantauan.objects.create(
                unit=unit,
                tahun=TAHUN,
                triwulan=tw,
                kendala="Data terlambat",
                tindak_lanjut="Rapat koordinasi",
                batas_waktu=D(2024, 3 * tw, 28),
            )
    fakta = bukti.pemantauan_triwulan(evaluasi_untuk(opd))
    assert fakta.terpenuhi is terpenuhi
    if not terpenuhi:
        assert fakta.persen == Decimal("87.5")


def _pohon(dengan_eselon_iv=True, pejabat_iv=True, target_iv=True):
    """An OPD's tree: a sasaran node (eselon II), a bidang's result (eselon III) and, when
    asked, a seksi's result (eselon IV), each intermediate node with its own indicator."""
    opd, units = buat_opd(1)
    periode = PeriodeFactory(opd=opd)
    rpjmd = PeriodeRPJMD.objects.create(pemda=opd.pemda, tahun_awal=2021, tahun_akhir=2026)
    kepala = pejabat(opd, "Kepala Dinas", "II.a", is_kepala=True)
    kabid = pejabat(opd, "Kepala Bidang", "III.b", atasan=kepala, unit=units[0])
    kasi = pejabat(opd, "Kepala Seksi", "IV.a", atasan=kabid, unit=units[0])
    umum = {"periode_rpjmd": rpjmd, "opd": opd, "periode": periode, "unit": units[0]}
    akar = services_pohon.node_buat(jenjang=Jenjang.OPD, uraian="Sasaran OPD", **umum)
    iii = services_pohon.node_buat(
        jenjang=Jenjang.ESELON_III, induk=akar, uraian="Hasil bidang", pejabat=kabid, **umum
    )
    services_pohon.indikator_node_buat(node=iii, uraian="Persen A", target={TAHUN: Decimal(80)})
    if dengan_eselon_iv:
        iv = services_pohon.node_buat(
            jenjang=Jenjang.ESELON_IV,
            induk=iii,
            uraian="Hasil seksi",
            pejabat=kasi if pejabat_iv else None,
            **umum,
        )
        services_pohon.indikator_node_buat(
            node=iv, uraian="Persen B", target={TAHUN: Decimal(90)} if target_iv else None
        )
    return opd


@pytest.mark.parametrize(("dengan_eselon_iv", "terpenuhi"), [(True, True), (False, False)])
def test_the_pohon_kinerja_cascades_down_to_eselon_iv(dengan_eselon_iv, terpenuhi):
    opd = _pohon(dengan_eselon_iv=dengan_eselon_iv)
    fakta = bukti.cascading_eselon_iv(evaluasi_untuk(opd))
    assert fakta.terpenuhi is terpenuhi, fakta
    assert "/pohon/" in fakta.tautan[0][1]


def test_without_an_rpjmd_period_the_tree_rules_find_nothing():
    opd, _ = buat_opd()
    e = evaluasi_untuk(opd)
    assert not bukti.cascading_eselon_iv(e).terpenuhi
    assert not bukti.target_skp(e).terpenuhi


@pytest.mark.parametrize(
    ("pejabat_iv", "target_iv", "terpenuhi"),
    [(True, True, True), (False, True, False), (True, False, False)],
)
def test_targets_reach_the_officials_skp(pejabat_iv, target_iv, terpenuhi):
    opd = _pohon(pejabat_iv=pejabat_iv, target_iv=target_iv)
    fakta = bukti.target_skp(evaluasi_untuk(opd))
    assert fakta.terpenuhi is terpenuhi, fakta
    if not terpenuhi:
        assert fakta.persen == 50
