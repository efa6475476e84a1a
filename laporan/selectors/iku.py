"""Indikator Kinerja Utama (seed 002): the OPD, its tujuan, tasks and functions, then per
IKU the sasaran, indicator, formula, data source and responsible units."""

from django.db.models import Prefetch

from laporan.selectors.pengesahan import pengesahan, ttd_pengesahan
from laporan.selectors.umum import (
    dokumen_dasar,
    number_sasaran,
    periode_wajib,
    rumus_indikator,
)
from renstra.models import Indikator, Tujuan, UnitKerja


def iku_document(*, opd, tahun):
    periode = periode_wajib(opd, tahun)
    tujuan = list(Tujuan.objects.filter(periode=periode).order_by("urutan", "kode"))
    ind_tujuan = list(
        Indikator.objects.filter(periode=periode, tujuan__isnull=False).order_by("urutan", "id")
    )
    indikator = list(
        Indikator.objects.filter(periode=periode, sasaran__isnull=False)
        .select_related("sasaran")
        .prefetch_related(
            Prefetch("unit_penanggung_jawab", queryset=UnitKerja.objects.order_by("urutan"))
        )
        .order_by("sasaran__urutan", "sasaran__kode", "urutan", "id")
    )
    rows = [
        {
            "sasaran": ind.sasaran.uraian,
            "indikator": ind.uraian,
            "rumus": rumus_indikator(ind),
            "sumber_data": ind.sumber_data,
            "penanggung_jawab": [u.nama for u in ind.unit_penanggung_jawab.all()],
        }
        for ind in ([i for i in indikator if i.is_iku] or indikator)
    ]
    number_sasaran(rows)
    p = pengesahan(opd, "iku", tahun=tahun)
    return dokumen_dasar(
        "iku",
        opd,
        tahun,
        is_final=periode.status == periode.Status.DITETAPKAN,
        judul=f"Indikator Kinerja Utama (IKU) {periode.tahun_awal}–{periode.tahun_akhir}",
        periode=periode,
        tujuan_list=tujuan,
        indikator_tujuan=ind_tujuan,
        fungsi=[f for f in (opd.fungsi or "").splitlines() if f.strip()],
        rows=rows,
        ttd=ttd_pengesahan(p),
        peringatan=list(p.catatan),
    )
