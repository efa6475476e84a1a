"""Reads of the plan: which Renstra period a report uses."""

from renstra.models import PeriodeRenstra


def periode_aktif(opd, tahun):
    """The Renstra period of an OPD that covers `tahun`; the latest version (a Perubahan)
    wins. None when no period covers the year. One query."""
    opd_id = getattr(opd, "pk", opd)
    return (
        PeriodeRenstra.objects.filter(opd_id=opd_id, tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
        .order_by("-versi", "-tahun_awal")
        .first()
    )


def periode_aktif_pemda(pemda, tahun):
    """{opd_id: PeriodeRenstra} for every OPD of a Pemda with a period covering `tahun`
    (the latest version per OPD), in one query."""
    pemda_id = getattr(pemda, "pk", pemda)
    result = {}
    periods = PeriodeRenstra.objects.filter(
        opd__pemda_id=pemda_id, tahun_awal__lte=tahun, tahun_akhir__gte=tahun
    ).order_by("opd_id", "-versi", "-tahun_awal")
    for periode in periods:
        result.setdefault(periode.opd_id, periode)
    return result
