"""LKjIP (seed 003): the entered narrative and every table computed — 2.2 and 3.2
(program and kegiatan budgets), 2.3 (the PK), 3.1.x.A–I per sasaran — with the PK and the
four quarterly Pengukuran attached.

One Konteks serves the whole document: the engine runs once for the four quarters (TW IV
for the tables and the fourth annex, TW I–III for the other annexes; the plan, the
indicators, their targets and realisations read once for all four) and once for the
previous year; the plan tree and its sasaran -> program grouping are read once and used by tables
3.1.x.E/F (the sasaran's budget), 3.1.x.I (the programs and kegiatan that support it) and
the annexes alike."""

from decimal import Decimal

from kinerja.models import StatusDokumen
from laporan.matriks import tc27
from laporan.models import AnalisisIndikator, LaporanKinerja
from laporan.selectors.lampiran import daftar_lampiran, unggahan
from laporan.selectors.pengukuran import pengukuran_document
from laporan.selectors.pk import pk_document
from laporan.selectors.umum import (
    Besaran,
    Konteks,
    besaran_indikator,
    dokumen_dasar,
    periode_wajib,
)
from renstra.models import Indikator
from sakip.narasi import AngkaTerhitung, angka_bertentangan


def lkjip_indikator(opd, tahun):
    """The sasaran indicators an LKjIP analyses (the IKU, else every sasaran indicator), as
    model instances for the narrative form."""
    periode = periode_wajib(opd, tahun)
    rows = list(
        Indikator.objects.filter(periode=periode, sasaran__isnull=False)
        .select_related("sasaran")
        .order_by("sasaran__urutan", "sasaran__kode", "urutan", "id")
    )
    return [r for r in rows if r.is_iku] or rows


def _dianalisis(data):
    """The same rule as lkjip_indikator, on the engine's rows: the IKU, else every sasaran
    indicator."""
    rows = data.indikator_tingkat("sasaran")
    return {r.id for r in rows if r.is_iku} or {r.id for r in rows}


def _penunjang(pohon, sasaran_id):
    """Table 3.1.x.I: the programs under a sasaran, each followed by its kegiatan — the
    programs whose budget tables 3.1.x.E/F add up."""
    result = []
    for p in pohon.program_per_sasaran.get(sasaran_id, []):
        result.append({"program": True, "nama": p.nama})
        result.extend(
            {"program": False, "nama": k.nama} for k in pohon.kegiatan_per_program.get(p.pk, [])
        )
    return result


BATAS_PENURUNAN = Decimal(150)


def catatan_penurunan(polaritas, satuan, hasil):
    """Whether a decrease indicator written as a percentage of decrease has a capaian above
    BATAS_PENURUNAN: a "lower is better" formula applied to a share of decrease inflates
    it, so the grade is printed with a note for the reviewer (issue 14; the template
    words it)."""
    nilai = hasil.nilai if hasil is not None else None
    if polaritas != "negatif" or "%" not in (satuan or "") or nilai is None:
        return False
    return nilai > BATAS_PENURUNAN


def _baris(r, prev, a):
    return {
        "catatan": catatan_penurunan(r.polaritas, r.satuan, r.capaian),
        "uraian": r.uraian,
        "target": besaran_indikator(r, "target"),
        "realisasi": besaran_indikator(r),
        "capaian": r.capaian,
        "capaian_tanpa_batas": r.capaian_tanpa_batas,
        "predikat": r.predikat,
        "realisasi_lalu": besaran_indikator(prev) if prev else Besaran(),
        "target_akhir": besaran_indikator(r, "target_akhir"),
        "kemajuan": r.kemajuan,
        "nasional": Besaran(nilai=a.realisasi_nasional, satuan=r.satuan or "")
        if a is not None
        else Besaran(),
        "keterangan_nasional": a.keterangan_nasional if a else "",
        "efisiensi": r.efisiensi,
        "analisis_penyebab": a.analisis_penyebab if a else "",
        "solusi": a.solusi if a else "",
        "analisis_program": a.analisis_program if a else "",
    }


def program_kegiatan_rows(rollup, pohon):
    """Tables 2.2 and 3.2: per program its kegiatan with pagu and realisation (year end)."""
    prog_ang = rollup.per_id("program")
    keg_ang = rollup.per_id("kegiatan")
    rows = []
    for no, p in enumerate(pohon.program, 1):
        kegs = pohon.kegiatan_per_program.get(p.pk, []) or [None]
        a = prog_ang.get(p.pk)
        for i, k in enumerate(kegs):
            ka = keg_ang.get(k.pk) if k else None
            rows.append(
                {
                    "no": no,
                    "program": p.nama,
                    "span": len(kegs) if i == 0 else 0,
                    "program_pagu": a.pagu if a else None,
                    "program_realisasi": a.realisasi if a else None,
                    "program_penyerapan": a.penyerapan if a else None,
                    "kegiatan": k.nama if k else "",
                    "pagu": ka.pagu if ka else None,
                    "realisasi": ka.realisasi if ka else None,
                    "penyerapan": ka.penyerapan if ka else None,
                }
            )
    return rows


NARASI = [f.name for f in LaporanKinerja._meta.get_fields() if f.get_internal_type() == "TextField"]


def narasi_bertentangan(laporan, rollup):
    """Percentages typed in the narrative that contradict the computed figures
    (sakip.narasi), e.g. a "realisasi anggaran 91,29 %" where table 3.2 computes 86,58%:
    typed rows (the quote is the user's own text) shown on the draft, before finalising."""
    if laporan is None:
        return []
    penyerapan = rollup.penyerapan.nilai if rollup.penyerapan else None
    terhitung = [
        AngkaTerhitung("realisasi anggaran program (tabel 3.2)", penyerapan, ("anggaran",))
    ]
    return [
        {
            "bagian": LaporanKinerja._meta.get_field(field).verbose_name,
            "kutipan": p.kutipan,
            "tertulis": p.tertulis,
            "label": p.label,
            "terhitung": p.terhitung,
        }
        for field in NARASI
        for p in angka_bertentangan(getattr(laporan, field), terhitung)
    ]


def lkjip_document(*, opd, tahun, ctx=None):
    """The LKjIP of a year: the entered narrative and every table computed (2.2, 2.3,
    3.1.x.A–I per sasaran, 3.2), with the PK and the four quarterly measurements attached."""
    ctx = ctx or Konteks.untuk(opd, tahun)
    laporan = (
        LaporanKinerja.objects.filter(opd=opd, tahun=tahun).select_related("penandatangan").first()
    )
    ctx.final = bool(laporan and laporan.status == StatusDokumen.FINAL)
    # The tables' year-end roll-up and the four annexes' quarters, in one engine pass; the
    # fourth annex is the tables' own roll-up.
    ctx.hitung(1, 2, 3, 4)
    data = ctx.capaian(4)
    pohon = ctx.pohon
    analisis = {}
    if laporan is not None:
        analisis = {a.indikator_id: a for a in AnalisisIndikator.objects.filter(laporan=laporan)}
    dianalisis = _dianalisis(data)

    bagian = []
    for srow in data.sasaran:
        rows = [
            _baris(r, ctx.lalu.get(r.id), analisis.get(r.id))
            for r in srow.indikator
            if r.id in dianalisis
        ]
        if not rows:
            continue
        for row, r in zip(rows, [r for r in srow.indikator if r.id in dianalisis], strict=True):
            # Tables E/F/G: the indicator's own serving budget, else its sasaran's.
            sendiri = r.anggaran or srow.anggaran
            row["anggaran"] = sendiri
            row["penyerapan"] = sendiri.penyerapan if sendiri else srow.penyerapan
            row["pangsa"] = (sendiri.pangsa if sendiri else None) or srow.pangsa
        bagian.append(
            {
                "nomor": f"3.1.{len(bagian) + 1}",
                "uraian": srow.uraian,
                "rows": rows,
                "anggaran": srow.anggaran,
                "penyerapan": srow.penyerapan,
                "pangsa": srow.pangsa,
                "per_indikator": srow.per_indikator,
                "penunjang": _penunjang(pohon, srow.id),
                "ada_analisis_program": any(r["analisis_program"] for r in rows),
            }
        )

    rollup = data.anggaran
    periode = ctx.periode
    periode.opd = opd
    matriks_renstra = tc27(periode)
    lampiran_unggahan = unggahan(laporan)
    pengukuran = [
        pengukuran_document(opd=opd, tahun=tahun, triwulan=tw, ctx=ctx) for tw in (1, 2, 3, 4)
    ]
    tanda_tangan, peringatan = ctx.ttd(
        "lkjip",
        tempat=laporan.tempat if laporan else "",
        tanggal=laporan.tanggal if laporan else None,
        penandatangan=laporan.penandatangan if laporan else None,
    )
    return dokumen_dasar(
        "lkjip",
        opd,
        tahun,
        is_final=ctx.final,
        hanya_terverifikasi=data.hanya_terverifikasi,
        finalized_at=laporan.finalized_at if laporan else None,
        judul=f"LKjIP Tahun {tahun}",
        laporan=laporan,
        n=laporan or {},
        dua_level=ctx.periode.dua_level,
        pengaturan=data.pengaturan,
        skala=data.pengaturan.skala,
        bagian=bagian,
        tabel_program=program_kegiatan_rows(rollup, pohon),
        pk=pk_document(opd=opd, tahun=tahun, pk=ctx.pk_terakhir, ctx=ctx),
        pengukuran=pengukuran,
        total_pagu=rollup.pagu,
        total_realisasi=rollup.realisasi,
        total_penyerapan=rollup.penyerapan,
        dpa=rollup.dpa,
        jumlah_program=len(pohon.program),
        jumlah_kegiatan=len(pohon.kegiatan),
        tujuan_list=pohon.tujuan_urut(),
        sasaran_list=pohon.sasaran,
        ttd=tanda_tangan,
        peringatan=peringatan,
        narasi_bertentangan=narasi_bertentangan(laporan, rollup),
        matriks=matriks_renstra,
        lampiran=daftar_lampiran(
            tahun=tahun,
            kode_matriks=matriks_renstra["kode_tabel"],
            unggahan_list=lampiran_unggahan,
        ),
        lampiran_unggahan=lampiran_unggahan,
    )
