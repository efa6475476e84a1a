"""The pohon kinerja of an OPD as a document (landscape PDF, XLSX) and as the interactive
page: the tree's read model (kinerja.selectors_pohon) from the RPJMD down to the OPD's
sub-kegiatan, with the review checks (kinerja.telaah_pohon). Nothing is computed here."""

from kinerja import selectors_pohon, telaah_pohon
from laporan.selectors.umum import DokumenTidakAda, dokumen_dasar
from renstra import selectors as renstra_selectors


def pohon_untuk(opd, tahun, triwulan=4, *, unit_id=None, skala=None):
    """(PeriodeRPJMD, Pohon) of the OPD's part of the Pemda's tree; DokumenTidakAda when the
    Pemda has no RPJMD period for the year."""
    rpjmd = selectors_pohon.periode_rpjmd_untuk(opd.pemda_id, tahun)
    if rpjmd is None:
        raise DokumenTidakAda(f"Belum ada periode RPJMD {opd.pemda} yang memuat tahun {tahun}.")
    skala = skala or renstra_selectors.skala_predikat(opd.pemda_id)
    pohon = selectors_pohon.pohon_rows(
        rpjmd, tahun, triwulan, opd=opd, unit_id=unit_id, skala=skala
    )
    return rpjmd, pohon


def pohon_document(*, opd, tahun, triwulan=4, unit_id=None):
    """The tree as a document dict: `pohon` (the read model), `baris` (depth-first nodes),
    `skala` (the predicate scale for the legend) and `telaah` (findings per check)."""
    if triwulan not in (1, 2, 3, 4):
        raise DokumenTidakAda("Triwulan harus 1 sampai 4.")
    skala = renstra_selectors.skala_predikat(opd.pemda_id)
    rpjmd, pohon = pohon_untuk(opd, tahun, triwulan, unit_id=unit_id, skala=skala)
    temuan = telaah_pohon.telaah(pohon, telaah_pohon.rencana_telaah(pohon, opd=opd))
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
        telaah=[(telaah_pohon.CEK[k], v) for k, v in temuan.items()],
        jumlah_temuan=sum(len(v) for v in temuan.values()),
    )
