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
    """A program / kegiatan budget row. Without a pagu and without spending (the roll-up
    sums none to Rp 0) the row prints "–" and the draft says so (issue 14: never "Rp 0"
    for missing money); spending without a pagu keeps its figures."""
    a = tingkat_rows.get(obj.pk)
    if a is None or not (a.pagu or a.realisasi):
        return {
            "program": program,
            "nama": obj.nama,
            "pagu": None,
            "realisasi": None,
            "penyerapan": None,
            "tanpa_pagu": True,
        }
    return {
        "program": program,
        "nama": obj.nama,
        "pagu": a.pagu,
        "realisasi": a.realisasi,
        "penyerapan": a.penyerapan,
        "tanpa_pagu": False,
    }


def pengukuran_document(*, opd, tahun, triwulan, ctx=None):
    """The Pengukuran of `triwulan`. `ctx` (a Konteks) is shared when the Pengukuran is an
    LKjIP annex, so its quarter roll-up and plan tree are read once per request."""
    if ctx is None:
        ctx = Konteks.untuk(opd, tahun)
        ctx.final = triwulan in ctx.triwulan_tutup
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
                "capaian_tanpa_batas": r.capaian_tanpa_batas,
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
    lengkap = not peringatan
    tanpa_pagu = sum(
        1 for b in blocks for r in b["rows"] if r["budget"] and r["budget"]["tanpa_pagu"]
    )
    if tanpa_pagu:
        peringatan.append(
            f"{tanpa_pagu} program / kegiatan belum memiliki pagu tahun {tahun}: "
            "anggarannya tercetak “–” sampai pagu diisi."
        )
    romawi = fmt.triwulan_romawi(triwulan)
    return dokumen_dasar(
        "pengukuran",
        opd,
        tahun,
        # Final once its quarter is closed and its date and signatory are settled.
        is_final=triwulan in ctx.triwulan_tutup and lengkap,
        hanya_terverifikasi=data.hanya_terverifikasi,
        triwulan=triwulan,
        judul=f"Pengukuran Kinerja Triwulan {romawi} Tahun {tahun}",
        blocks=blocks,
        total_pagu=rollup.pagu if (rollup.pagu or rollup.realisasi) else None,
        total_realisasi=rollup.realisasi if (rollup.pagu or rollup.realisasi) else None,
        total_penyerapan=rollup.penyerapan,
        dpa=rollup.dpa.jumlah if rollup.dpa else None,
        ttd=tanda_tangan,
        peringatan=peringatan,
    )
