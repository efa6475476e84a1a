"""The documents page of an OPD and year: every document with its status."""

from django.db.models import Max

from kinerja.models import Realisasi, RencanaAksi
from laporan.matriks import MATRIKS
from laporan.models import DokumenTerbit, LaporanKinerja
from laporan.selectors.pk import pk_list
from laporan.selectors.umum import JENIS, pk_for
from renstra.models import Pejabat, TriwulanPelaporan, UnitKerja
from renstra.selectors import periode_aktif


def indeks_context(opd, tahun):
    """What the documents page of an OPD and year shows: every document with its status."""
    periode = periode_aktif(opd, tahun)
    units = []
    if periode is not None:
        ras = {ra.unit_id: ra for ra in RencanaAksi.objects.filter(unit__opd=opd, tahun=tahun)}
        for unit in (
            UnitKerja.objects.filter(opd=opd, sub_kegiatan_set__periode=periode)
            .distinct()
            .order_by("urutan", "nama")
        ):
            units.append({"unit": unit, "ra": ras.get(unit.pk)})
    return {
        "opd": opd,
        "tahun": tahun,
        "periode": periode,
        "pk_list": pk_list(opd, tahun),
        "pk": pk_for(opd, tahun),
        "laporan": LaporanKinerja.objects.filter(opd=opd, tahun=tahun).first(),
        "units": units,
        "triwulan": [1, 2, 3, 4],
        "terbit": list(
            DokumenTerbit.objects.filter(opd=opd, tahun=tahun).select_related(
                "unit", "dibuat_oleh"
            )[:20]
        ),
        "jenis": JENIS,
        "tahun_list": periode.tahun_list if periode else [tahun],
        "matriks": [(slug, kode) for slug, (kode, _judul) in MATRIKS.items()],
        # Said before anything is printed: no head of the OPD is recorded to sign.
        "tanpa_pejabat": not Pejabat.objects.filter(opd=opd, is_kepala=True).exists(),
    }


def tahun_pelaporan(opd_ids):
    """The current reporting year of some OPDs (a queryset of their ids): the year of the
    latest open quarter, else the latest year with a quarter or a realisation; None when
    there is none (issue 13 item 3: the documents page opens there, not on the calendar
    year nor on the first year of the plan)."""
    triwulan = TriwulanPelaporan.objects.filter(opd_id__in=opd_ids)
    buka = (
        triwulan.filter(status=TriwulanPelaporan.Status.BUKA)
        .order_by("-tahun", "-triwulan")
        .values_list("tahun", flat=True)
        .first()
    )
    if buka:
        return buka
    tahun = triwulan.aggregate(t=Max("tahun"))["t"]
    return (
        tahun
        or Realisasi.objects.filter(indikator__periode__opd_id__in=opd_ids).aggregate(
            t=Max("tahun")
        )["t"]
    )
