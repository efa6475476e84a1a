"""The Pemda roll-up (issue 15 item 7) fetches and computes only each indicator's yearly
capaian: its figures are those of the per-OPD read model, at a fixed number of queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja import agregat_pemda, selectors
from kinerja.models import Realisasi
from renstra.models import Indikator, TargetTahunan
from sakip import capaian
from sakip.alur import StatusRealisasi
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("tingkat", [None, "sasaran", "sub_kegiatan"])
def test_pemda_rollup_equals_the_per_opd_rows(tingkat):
    pemda, rencana = builders.build_pemda(n_opd=3, kali=1, tahun=2023, triwulan=3)
    for triwulan in (2, 4):
        rows = {r.opd_id: r for r in selectors.pemda_rows(pemda, 2023, triwulan, tingkat=tingkat)}
        assert set(rows) == {p.opd.pk for p in rencana}
        for plan in rencana:
            per_opd = [
                r
                for r in selectors.indikator_rows(plan.opd, 2023, triwulan)
                if tingkat is None or r.tingkat == tingkat
            ]
            row = rows[plan.opd.pk]
            assert row.jumlah_indikator == len(per_opd) > 0
            assert row.jumlah_dinilai == sum(1 for r in per_opd if r.capaian.ada)
            assert row.capaian_rata == capaian.rata_rata([r.capaian for r in per_opd])
            assert row.capaian_rata is not None


def test_pemda_rollup_queries_do_not_grow_with_the_opds():
    counts = []
    for n in (1, 4):
        pemda, _ = builders.build_pemda(n_opd=n, kali=1, tahun=2023)
        selectors.pemda_rows(pemda, 2023, 4, tingkat=None)
        with CaptureQueriesContext(connection) as ctx:
            selectors.pemda_rows(pemda, 2023, 4, tingkat=None)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] == QUERIES_ROLLUP


# The scale, the periods, the indicators with their yearly targets (joined), the realisations
# aggregated per indicator (three GROUP BYs: plain, categorical, ratio), the OPDs and the
# budget per OPD: 8, whatever the number of OPDs (7 when every realisation row was read, before
# the aggregation in SQL of issue 15 item 7). Ratios averaging quarterly ratios or mixing a
# typed value with pairs add one query reading their rows (the builders have none).
QUERIES_ROLLUP = 8


TANPA_NILAI = {"tidak_terukur": True, "nilai": None, "pembilang": None, "penyebut": None,
               "level": None}  # fmt: skip


def _ubah_dunia(pemda, rencana):
    """Every case the rule covers, on the builders' indicators: n/a quarters (the latest and
    an earlier one), an entered quarter without a figure, negative polarity by both
    formulas, a cap, ratios that sum, take the last, average or mix a typed value with
    pairs, categories with and without a level, drafts beside verified rows."""
    pemda.batas_capaian = Decimal(100)
    pemda.rumus_negatif = capaian.KEBALIKAN
    pemda.save()
    for n, plan in enumerate(rencana):
        ind = list(Indikator.objects.filter(periode=plan.periode).order_by("urutan", "pk"))
        per_tipe = {}
        for i in ind:
            per_tipe.setdefault((i.tipe, i.polaritas), []).append(i)
        rasio = per_tipe[(Indikator.Tipe.RASIO, Indikator.Polaritas.POSITIF)]
        Indikator.objects.filter(pk=rasio[0].pk).update(agregasi=Indikator.Agregasi.TERAKHIR)
        Indikator.objects.filter(pk=rasio[1].pk).update(agregasi=Indikator.Agregasi.RATA_RATA)
        # a ratio with a yearly figure typed into TW III (no pair)
        Realisasi.objects.filter(indikator=rasio[2], triwulan=3).update(
            pembilang=None, penyebut=None, nilai=Decimal("41.5")
        )
        negatif = per_tipe[(Indikator.Tipe.PERSENTASE, Indikator.Polaritas.NEGATIF)]
        Indikator.objects.filter(pk=negatif[0].pk).update(rumus_negatif=capaian.SELISIH)
        kumulatif = per_tipe[(Indikator.Tipe.ANGKA, Indikator.Polaritas.POSITIF)]
        persen = per_tipe[(Indikator.Tipe.PERSENTASE, Indikator.Polaritas.POSITIF)]
        kategori = per_tipe[(Indikator.Tipe.KATEGORI, Indikator.Polaritas.POSITIF)]
        # n/a in the latest quarter (with and without a reason), n/a in an earlier one
        Realisasi.objects.filter(indikator__in=[kumulatif[0], persen[0]], triwulan=3).update(
            alasan_tidak_terukur="survei tidak dilaksanakan", **TANPA_NILAI
        )
        Realisasi.objects.filter(indikator__in=[rasio[3], kategori[0]], triwulan=3).update(
            alasan_tidak_terukur="  ", **TANPA_NILAI
        )
        Realisasi.objects.filter(indikator=kumulatif[1], triwulan=1).update(
            alasan_tidak_terukur="data belum ada", **TANPA_NILAI
        )
        # an entered quarter without a figure, a category quarter without a level
        Realisasi.objects.filter(indikator__in=[persen[1], negatif[1]], triwulan=3).update(
            nilai=None
        )
        Realisasi.objects.filter(indikator=kategori[1], triwulan__gte=2).update(level=None)
        # a realisation far above target: capped at 100
        Realisasi.objects.filter(indikator=persen[2]).update(nilai=Decimal("987.125"))
        # an indicator without any realisation, one without a target
        Realisasi.objects.filter(indikator=persen[3]).delete()
        TargetTahunan.objects.filter(indikator=kumulatif[2], tahun=2023).delete()
        # drafts beside verified rows
        Realisasi.objects.filter(indikator__periode=plan.periode, triwulan=n % 3 + 1).update(
            status=StatusRealisasi.DIVERIFIKASI
        )


@pytest.mark.parametrize("status", [None, (StatusRealisasi.DIVERIFIKASI,)])
def test_rollup_gives_each_indicator_the_capaian_of_the_per_opd_rows(status):
    pemda, rencana = builders.build_pemda(n_opd=3, kali=1, tahun=2023, triwulan=4)
    _ubah_dunia(pemda, rencana)
    per_tw = agregat_pemda.capaian_pemda(
        [p.periode.pk for p in rencana],
        2023,
        (1, 2, 3, 4),
        rumus_pemda=pemda.rumus_negatif,
        batas=pemda.batas_capaian,
        status=status,
    )
    dilihat = set()
    for tw in (1, 2, 3, 4):
        for plan in rencana:
            rows = selectors.indikator_rows(plan.opd, 2023, tw, status=status)
            assert per_tw[tw][plan.periode.pk] == [r.capaian for r in rows]
            dilihat |= {(r.capaian.tidak_terukur, r.capaian.dibatasi, r.capaian.ada) for r in rows}
    # n/a, capped, plain figures and figures missing all occurred
    assert {(True, False, False), (False, True, True), (False, False, True)} <= dilihat
    assert (False, False, False) in dilihat


def test_rollup_of_several_quarters_is_the_rollup_of_each():
    pemda, rencana = builders.build_pemda(n_opd=2, kali=1, tahun=2023, triwulan=4)
    _ubah_dunia(pemda, rencana)
    semua = selectors.pemda_rows_triwulan(pemda, 2023, (1, 2, 3, 4), tingkat=None)
    for tw in (1, 2, 3, 4):
        assert semua[tw] == selectors.pemda_rows(pemda, 2023, tw, tingkat=None)
