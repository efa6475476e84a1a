"""Pengukuran Kinerja of a quarter (seed 003, lampiran 3): per sasaran its indicators
(formula with the entered numbers, yearly target, realisation to date, capaian) beside its
programs and kegiatan (pagu in force that quarter, realisation cumulated to it,
penyerapan); totals and the OPD's DPA."""

from laporan.selectors.umum import (
    Konteks,
    besaran_indikator,
    dokumen_dasar,
    rumus_indikator,
)
from sakip import angka as fmt


def _anggaran(tingkat_rows, obj, program):
    a = tingkat_rows.get(obj.pk)
    return {
        "program": program,
        "nama": obj.nama,
        "pagu": a.pagu if a else None,
        "realisasi": a.realisasi if a else None,
        "penyerapan": a.penyerapan if a else None,
    }


def pengukuran_document(*, opd, tahun, triwulan, ctx=None):
    """The Pengukuran of `triwulan`. `ctx` (a Konteks) is shared when the Pengukuran is an
    LKjIP annex, so its quarter roll-up and plan tree are read once per request."""
    ctx = ctx or Konteks.untuk(opd, tahun)
    data = ctx.capaian(triwulan)
    pohon = ctx.pohon
    rollup = data.anggaran
    prog_ang = rollup.per_id("program")
    keg_ang = rollup.per_id("kegiatan")
    ind_by_sasaran = {}
    for row in data.indikator_tingkat("sasaran"):
        ind_by_sasaran.setdefault(row.pemilik_id, []).append(row)

    blocks = []
    no = 0
    entries = [(s, s.pk) for s in pohon.sasaran]
    if pohon.program_per_sasaran.get(None):
        entries.append((None, None))
    for s, sid in entries:
        budget = []
        for p in pohon.program_per_sasaran.get(sid, []):
            budget.append(_anggaran(prog_ang, p, True))
            budget.extend(
                _anggaran(keg_ang, k, False) for k in pohon.kegiatan_per_program.get(p.pk, [])
            )
        indikator = [
            {
                "uraian": r.uraian,
                "rumus": rumus_indikator(r, pembilang=r.pembilang, penyebut=r.penyebut),
                "target": besaran_indikator(r, "target"),
                "realisasi": besaran_indikator(r),
                "capaian": r.capaian,
                "span": 1,
            }
            for r in ind_by_sasaran.get(sid, [])
        ]
        n = max(len(indikator), len(budget), 1)
        budget += [None] * (n - len(budget))
        if indikator:
            indikator[-1]["span"] = n - len(indikator) + 1
        if s is not None:
            no += 1
        rows = [
            {
                "indikator": indikator[i] if i < len(indikator) else None,
                "indikator_kosong": not indikator and i == 0,
                "budget": budget[i],
            }
            for i in range(n)
        ]
        blocks.append(
            {
                "no": no if s is not None else "",
                "tujuan_rpjmd": pohon.tujuan_rpjmd(s),
                "sasaran": s.uraian if s is not None else "Program penunjang (tanpa sasaran)",
                "span": n,
                "rows": rows,
            }
        )

    tanda_tangan, peringatan = ctx.ttd("pengukuran", triwulan=triwulan)
    romawi = fmt.triwulan_romawi(triwulan)
    return dokumen_dasar(
        "pengukuran",
        opd,
        tahun,
        is_final=triwulan in ctx.triwulan_tutup,
        triwulan=triwulan,
        judul=f"Pengukuran Kinerja Triwulan {romawi} Tahun {tahun}",
        blocks=blocks,
        total_pagu=rollup.pagu,
        total_realisasi=rollup.realisasi,
        total_penyerapan=rollup.penyerapan,
        dpa=rollup.dpa.jumlah if rollup.dpa else None,
        ttd=tanda_tangan,
        peringatan=peringatan,
    )
