"""Tabel Keterkaitan IKU dengan Program Kegiatan (seed 000): Tujuan RPJMD -> IKU kota ->
sasaran -> indicators (target of the year, realisation of the year before) -> program ->
kegiatan -> sub kegiatan with pagu, grouped by the plan tree's one sasaran -> program
grouping."""

from anggaran import selectors as anggaran_selectors
from kinerja import selectors_pohon
from laporan.selectors.cascading_pohon import cascading_rows, pohon_ringkas
from laporan.selectors.umum import (
    Konteks,
    besaran_indikator,
    besaran_target,
    dokumen_dasar,
    posisi_run,
    rowspans,
    targets_tahunan,
)
from renstra.models import Indikator, NodePohon, Sasaran, SubKegiatan


def _daun(program, program_ind, nama="", sub=False, ind=(), anggaran=None):
    return {
        "program_id": program.pk if program else None,
        "program": program.nama if program else "",
        "program_ind": [{"uraian": u, "target": None} for u in program_ind],
        "nama": nama,
        "sub": sub,
        "ind": [{"uraian": u, "target": None} for u in ind],
        "anggaran": anggaran,
    }


def _pohon_opd(opd, tahun):
    """The read model of the Pemda's tree for the year when the OPD has nodes in it."""
    rpjmd = selectors_pohon.periode_rpjmd_untuk(opd.pemda_id, tahun)
    if rpjmd is None or not NodePohon.objects.filter(periode_rpjmd=rpjmd, opd=opd).exists():
        return None
    return selectors_pohon.pohon_rows(rpjmd, tahun, 4, opd=opd)


def cascading_document(*, opd, tahun, ctx=None, semua_sub=False):
    """The cascading table of a year, from the pohon kinerja of the RPJMD period covering the
    year when the OPD has nodes in it (laporan.selectors.cascading_pohon: every node level,
    intermediate results included), else from the Renstra's own sasaran -> program ->
    kegiatan grouping. A sub-kegiatan without pagu of the year (none set, or Rp 0) is left
    out unless `semua_sub` (the page's "?semua=1"); each sasaran sits under its tujuan, the
    tujuan numbered 1, 2, 3 in the plan's order."""
    ctx = ctx or Konteks.untuk(opd, tahun)
    periode = ctx.periode
    tree = _pohon_opd(opd, tahun)
    if tree is not None:
        iku_sasaran = dict(Sasaran.objects.filter(periode=periode).values_list("pk", "iku_kota_id"))
        rows, tanpa_pagu = cascading_rows(
            tree,
            opd=opd,
            periode=periode,
            lalu=ctx.lalu,
            iku_sasaran=iku_sasaran,
            semua_sub=semua_sub,
        )
        rollup = tree.anggaran.get(periode.pk)
        return _dokumen(
            ctx,
            rows,
            tanpa_pagu,
            total=rollup.pagu if rollup else None,
            pohon=pohon_ringkas(tree, opd.pk),
            dari_pohon=True,
        )
    pohon = ctx.pohon
    subs = list(SubKegiatan.objects.filter(periode=periode).order_by("kode"))
    # The Renstra's own levels; an intermediate result of the pohon kinerja (an indicator
    # owned by a node) is printed by the tree document, not by this table.
    indikator = list(
        Indikator.objects.filter(
            periode=periode, tujuan__isnull=True, node_pohon__isnull=True
        ).order_by("urutan", "id")
    )
    targets = targets_tahunan([i.pk for i in indikator], tahun)
    lalu = ctx.lalu
    rollup = anggaran_selectors.anggaran_rows(periode, tahun, 4)
    keg_ang = rollup.per_id("kegiatan")
    sub_ang = rollup.per_id("sub_kegiatan")
    by = {"sasaran": {}, "program": {}, "kegiatan": {}, "sub_kegiatan": {}}
    for ind in indikator:
        by[ind.level].setdefault(getattr(ind, f"{ind.level}_id"), []).append(ind)
    subs_by_keg = {}
    for sk in subs:
        subs_by_keg.setdefault(sk.kegiatan_id, []).append(sk)

    def uraian(level, owner_id):
        return [i.uraian for i in by[level].get(owner_id, [])]

    rows = []
    tujuan_no = {}
    urutan_tujuan = {t.pk: i for i, t in enumerate(pohon.tujuan_urut())}
    sasaran_urut = sorted(
        (s for s in pohon.sasaran if s.tujuan_id in pohon.tujuan),
        key=lambda s: urutan_tujuan[s.tujuan_id],  # stable: plan order within a tujuan
    )
    tanpa_pagu = 0
    for s in sasaran_urut:
        t = pohon.tujuan[s.tujuan_id]
        tujuan_no.setdefault(t.pk, len(tujuan_no) + 1)
        head = {
            "tujuan_id": t.pk,
            "tujuan_no": tujuan_no[t.pk],
            "tujuan_rpjmd": pohon.tujuan_rpjmd(s),
            "iku_kota": [{"uraian": s.iku_kota.uraian, "target": None}] if s.iku_kota_id else [],
            "sasaran_id": s.pk,
            "sasaran": s.uraian,
            "indikator": [
                {
                    "uraian": i.uraian,
                    "target": besaran_target(targets.get(i.pk), i.satuan),
                    "lalu": besaran_indikator(lalu[i.pk]) if i.pk in lalu else None,
                }
                for i in by["sasaran"].get(s.pk, [])
            ],
        }
        leaves = []
        for p in pohon.program_per_sasaran.get(s.pk, []):
            p_ind = uraian("program", p.pk)
            kegiatan = pohon.kegiatan_per_program.get(p.pk, [])
            for k in kegiatan:
                ka = keg_ang.get(k.pk)
                leaves.append(
                    _daun(
                        p,
                        p_ind,
                        k.nama,
                        ind=uraian("kegiatan", k.pk),
                        anggaran=(ka.pagu if ka else None) if periode.dua_level else None,
                    )
                )
                if not periode.dua_level:
                    for sk in subs_by_keg.get(k.pk, []):
                        sa = sub_ang.get(sk.pk)
                        if not (sa and sa.pagu) and not semua_sub:
                            tanpa_pagu += 1
                            continue
                        leaves.append(
                            _daun(
                                p,
                                p_ind,
                                sk.nama,
                                sub=True,
                                ind=uraian("sub_kegiatan", sk.pk),
                                anggaran=sa.pagu if sa else None,
                            )
                        )
            if not kegiatan:
                leaves.append(_daun(p, p_ind))
        if not leaves:
            leaves.append(_daun(None, []))
        for leaf in leaves:
            rows.append({**head, **leaf, "program_key": (s.pk, leaf["program_id"])})
    return _dokumen(ctx, rows, tanpa_pagu, total=rollup.pagu, pohon=None, dari_pohon=False)


def _dokumen(ctx, rows, tanpa_pagu, *, total, pohon, dari_pohon):
    opd, tahun, periode = ctx.opd, ctx.tahun, ctx.periode
    for r in rows:
        r.setdefault("antara", False)
        r.setdefault("program_antara", False)
        r.setdefault("sasaran_antara", False)
    for key, nama in (
        ("tujuan_id", "tujuan"),
        ("sasaran_id", "sasaran"),
        ("program_key", "program"),
    ):
        rowspans(rows, key, f"{nama}_span")
        posisi_run(rows, f"{nama}_span", f"{nama}_pos")
    # A page may break before any row (each row stays whole): keeping the first
    # sub-kegiatan with its kegiatan pushed a tall kegiatan (or program) row and its first
    # sub-kegiatan to the next page and left a third of most pages empty; the header row
    # repeats on every page, and a kegiatan row carries its own indicators.
    tanda_tangan, peringatan = ctx.ttd("cascading")
    ditetapkan = periode.status == periode.Status.DITETAPKAN and not peringatan
    if tanpa_pagu:
        peringatan.append(
            f"{tanpa_pagu} sub kegiatan tanpa pagu tahun {tahun} tidak dicantumkan "
            "(tampilkan semua dengan ?semua=1)."
        )
    return dokumen_dasar(
        "cascading",
        opd,
        tahun,
        is_final=ditetapkan,
        judul=f"Tabel Keterkaitan IKU dengan Program Kegiatan Tahun {tahun}",
        rows=rows,
        total=total,
        tahun_lalu=tahun - 1,
        ttd=tanda_tangan,
        peringatan=peringatan,
        pohon=pohon,
        dari_pohon=dari_pohon,
    )
