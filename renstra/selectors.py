"""Reads of the plan: which Renstra period a report uses."""

from renstra.models import PeriodeRenstra, TingkatPredikat
from sakip import capaian as rumus


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


def skala_predikat(pemda_id):
    """The predicate steps a Pemda uses (its own main scale, else the global Permendagri
    86/2017 scale) as sakip.capaian.Tingkat, in one query."""
    rows = (
        list(
            TingkatPredikat.objects.filter(skala__pemda_id=pemda_id, skala__utama=True).values_list(
                "batas_bawah", "label", "warna"
            )
        )
        if pemda_id
        else []
    )
    if not rows:
        rows = list(
            TingkatPredikat.objects.filter(skala__pemda__isnull=True).values_list(
                "batas_bawah", "label", "warna"
            )
        )
    return [rumus.Tingkat(*row) for row in rows] or list(rumus.SKALA_PERMENDAGRI_86)
