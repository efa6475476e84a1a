"""The pohon kinerja of an OPD as a document (landscape PDF, XLSX) and as the interactive
page: the tree's read model (kinerja.selectors_pohon) from the RPJMD down to the OPD's
sub-kegiatan, with the review checks (kinerja.telaah_pohon). Nothing is computed here."""

from django.db.models import Count

from kinerja import selectors_pohon, telaah_pohon
from laporan.selectors.umum import DokumenTidakAda, dokumen_dasar
from renstra import selectors as renstra_selectors
from renstra.models import NodePohon, Pejabat


def pohon_untuk(opd, tahun, triwulan=4, *, unit_id=None, skala=None, seluruh_pemda=False):
    """(PeriodeRPJMD, Pohon) of the OPD's part of the Pemda's tree (`seluruh_pemda`: every
    OPD's, for Pimpinan / Bappeda: who contributes to what); DokumenTidakAda when the Pemda
    has no RPJMD period for the year."""
    rpjmd = selectors_pohon.periode_rpjmd_untuk(opd.pemda_id, tahun)
    if rpjmd is None:
        raise DokumenTidakAda(f"Belum ada periode RPJMD {opd.pemda} yang memuat tahun {tahun}.")
    skala = skala or renstra_selectors.skala_predikat(opd.pemda_id)
    pohon = selectors_pohon.pohon_rows(
        rpjmd, tahun, triwulan, opd=None if seluruh_pemda else opd, unit_id=unit_id, skala=skala
    )
    return rpjmd, pohon


def pohon_document(*, opd, tahun, triwulan=4, unit_id=None, seluruh_pemda=False):
    """The tree as a document dict: `pohon` (the read model), `baris` (depth-first nodes),
    `skala` (the predicate scale for the legend) and `telaah` (findings per check)."""
    if triwulan not in (1, 2, 3, 4):
        raise DokumenTidakAda("Triwulan harus 1 sampai 4.")
    skala = renstra_selectors.skala_predikat(opd.pemda_id)
    rpjmd, pohon = pohon_untuk(
        opd, tahun, triwulan, unit_id=unit_id, skala=skala, seluruh_pemda=seluruh_pemda
    )
    # the review reads the whole OPD's tree: a unit's part alone would miss its parents
    temuan = (
        telaah_pohon.telaah(pohon, telaah_pohon.rencana_telaah(pohon, opd=opd))
        if unit_id is None and not seluruh_pemda
        else {}
    )
    return dokumen_dasar(
        "pohon-kinerja",
        opd,
        tahun,
        is_final=False,
        triwulan=triwulan,
        periode_rpjmd=rpjmd,
        pohon=pohon,
        baris=pohon.urut(),
        skala=skala,
        unit_id=unit_id,
        seluruh_pemda=seluruh_pemda,
        telaah=[(telaah_pohon.CEK[k], v) for k, v in temuan.items()],
        jumlah_temuan=sum(len(v) for v in temuan.values()),
    )


def pejabat_pohon(opd, tahun, *, unit_id=None):
    """The officials of the OPD who hold nodes of its tree for the year (an operator: of
    their unit), with the number of nodes each holds."""
    rpjmd = selectors_pohon.periode_rpjmd_untuk(opd.pemda_id, tahun)
    if rpjmd is None:
        return []
    nodes = NodePohon.objects.filter(periode_rpjmd=rpjmd, opd=opd, pejabat__isnull=False)
    if unit_id is not None:
        nodes = nodes.filter(unit_id=unit_id)
    jumlah = dict(nodes.values("pejabat_id").annotate(n=Count("id")).values_list("pejabat_id", "n"))
    pejabat = Pejabat.objects.filter(pk__in=list(jumlah)).select_related("unit", "atasan")
    return sorted(
        ((p, jumlah[p.pk]) for p in pejabat),
        key=lambda x: (x[0].eselon or "z", x[0].unit.urutan if x[0].unit_id else 0, x[0].nama),
    )


def skp_document(*, opd, tahun, pejabat, unit_id=None):
    """The SKP targets of one official for the year (rows: kinerja.selectors_pohon.SkpRow)."""
    _, pohon = pohon_untuk(opd, tahun, 4, unit_id=unit_id)
    return {
        "opd": opd,
        "tahun": tahun,
        "pejabat": pejabat,
        "rows": selectors_pohon.skp_rows(pohon, pejabat),
    }


# The documented columns of the SKP export (README "Ekspor SKP").
SKP_KOLOM = [
    "NIP",
    "Nama",
    "Jabatan",
    "Unit Kerja",
    "Rencana Hasil Kerja",
    "Indikator",
    "Target",
    "Satuan",
    "Rencana Hasil Kerja Atasan yang Didukung",
    "Realisasi TW I",
    "Realisasi TW II",
    "Realisasi TW III",
    "Realisasi TW IV",
    "Capaian (%)",
]
