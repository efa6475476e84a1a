"""Build whole plans of a chosen size with bulk_create: for query-count tests at two sizes
(STYLE rule 8) and for bench scripts.

    rencana = build_opd(kali=1)            # a small OPD: 3 sasaran, 6 programs, 24 sub-kegiatan
    besar = build_opd(kali=10)             # the same shape, ten times the programs below it
    pemda, opds = build_pemda(n_opd=40, sasaran=5, sub_per_kegiatan=5, indikator_per_kegiatan=4)

Every level carries indicators of every kind the engine handles (percentage, ratio with
numerator/denominator, cumulative count, negative polarity, a target range, a categorical
one per sasaran), yearly and quarterly targets, realisations for quarters 1..`triwulan`,
a murni pagu from TW I with a revision from TW III for every other sub-kegiatan, quarterly
budget realisations and a DPA with a revision. Values are deterministic.

bulk_create skips Model.save(), so the denormalised `periode` of each level is set here.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from anggaran.models import DPA, Pagu, RealisasiAnggaran
from kinerja.models import Realisasi, TargetTriwulan
from renstra.models import (
    Indikator,
    Kegiatan,
    LevelKategori,
    Pemda,
    PerangkatDaerah,
    PeriodeRenstra,
    Program,
    Sasaran,
    SkalaKategori,
    SubKegiatan,
    TargetTahunan,
    Tujuan,
    UnitKerja,
)

_seq = itertools.count(1)

KLA_LEVELS = [("Pratama", 600), ("Madya", 700), ("Nindya", 800), ("Utama", 900), ("KLA", 1000)]


@dataclass
class Rencana:
    """What build_opd made (ids are enough for tests; counts for bench output)."""

    opd: PerangkatDaerah
    periode: PeriodeRenstra
    tahun: int
    counts: dict = field(default_factory=dict)


def skala_kla(pemda):
    """The Kota Layak Anak scale of a Pemda (created once), with its levels by name."""
    skala = SkalaKategori.objects.filter(pemda=pemda, nama="Kota Layak Anak (uji)").first()
    if skala is None:
        skala = SkalaKategori.objects.create(pemda=pemda, nama="Kota Layak Anak (uji)")
        LevelKategori.objects.bulk_create(
            LevelKategori(skala=skala, nama=nama, urutan=i + 1, skor=Decimal(skor))
            for i, (nama, skor) in enumerate(KLA_LEVELS)
        )
    return skala, {lv.nama: lv for lv in skala.level_set.all()}


def _indikator(periode, owner_field, owner, kind, n, urutan, skala=None):
    """Indicator number `kind` of a cycle of kinds, attached to `owner`."""
    base = {
        "periode": periode,
        owner_field: owner,
        "kode": f"{owner.kode}.I{n}",
        "uraian": f"Indikator uji {owner.kode} nomor {n}",
        "urutan": urutan,
        "is_iku": owner_field == "sasaran",
    }
    if kind == "kategori":
        return Indikator(
            **base,
            tipe=Indikator.Tipe.KATEGORI,
            satuan="kategori",
            skala=skala,
            agregasi=Indikator.Agregasi.TERAKHIR,
        )
    if kind == "rasio":
        return Indikator(
            **base,
            tipe=Indikator.Tipe.RASIO,
            satuan="%",
            label_pembilang="Jumlah yang terlayani",
            label_penyebut="Jumlah sasaran",
            agregasi=Indikator.Agregasi.KUMULATIF,
        )
    if kind == "kumulatif":
        return Indikator(
            **base, tipe=Indikator.Tipe.ANGKA, satuan="orang", agregasi=Indikator.Agregasi.KUMULATIF
        )
    if kind == "negatif":
        return Indikator(
            **base,
            tipe=Indikator.Tipe.PERSENTASE,
            satuan="%",
            polaritas=Indikator.Polaritas.NEGATIF,
            agregasi=Indikator.Agregasi.TERAKHIR,
        )
    if kind == "rentang":
        return Indikator(
            **base,
            tipe=Indikator.Tipe.PERSENTASE,
            satuan="%",
            polaritas=Indikator.Polaritas.RENTANG,
            rentang_bawah=Decimal(2),
            rentang_atas=Decimal(4),
            agregasi=Indikator.Agregasi.TERAKHIR,
        )
    return Indikator(
        **base, tipe=Indikator.Tipe.PERSENTASE, satuan="%", agregasi=Indikator.Agregasi.RATA_RATA
    )


KINDS = ["persentase", "rasio", "kumulatif", "negatif", "rentang"]


def build_opd(
    *,
    pemda=None,
    kali=1,
    tahun=2023,
    triwulan=4,
    sasaran=3,
    program_per_sasaran=2,
    kegiatan_per_program=2,
    sub_per_kegiatan=2,
    indikator_per_sasaran=2,
    indikator_per_program=1,
    indikator_per_kegiatan=1,
    indikator_per_sub=2,
    unit_tunggal=False,
) -> Rencana:
    """One OPD with a Renstra period (tahun-1 .. tahun+3) and a full year of data.

    `kali` multiplies the programs under each sasaran (and so everything below them).
    `unit_tunggal`: every sub-kegiatan in the first unit, which is also responsible for the
    sasaran indicators, so its entry sheet holds every indicator (the benches' 700 rows)."""
    n = next(_seq)
    if pemda is None:
        pemda = Pemda.objects.create(nama=f"Pemerintah Kota Bangun {n}", slug=f"kota-bangun-{n}")
    skala, levels = skala_kla(pemda)
    opd = PerangkatDaerah.objects.create(
        pemda=pemda, nama=f"Dinas Bangun {n}", slug=f"dinas-bangun-{n}"
    )
    units = UnitKerja.objects.bulk_create(
        UnitKerja(opd=opd, nama=f"Bidang {i}", slug=f"bidang-{i}", urutan=i) for i in (1, 2)
    )
    periode = PeriodeRenstra.objects.create(
        opd=opd,
        tahun_awal=tahun - 1,
        tahun_akhir=tahun + 3,
        status=PeriodeRenstra.Status.DITETAPKAN,
    )
    tujuan = Tujuan.objects.create(periode=periode, kode="1", uraian="Tujuan uji")
    sasaran_list = Sasaran.objects.bulk_create(
        Sasaran(tujuan=tujuan, periode=periode, kode=f"1.{s}", uraian=f"Sasaran uji {s}", urutan=s)
        for s in range(1, sasaran + 1)
    )
    programs = Program.objects.bulk_create(
        Program(
            periode=periode,
            sasaran=s,
            kode=f"1.06.{i:02d}",
            nama=f"Program uji {i}",
            urutan=i,
        )
        for i, s in enumerate(
            (s for s in sasaran_list for _ in range(program_per_sasaran * kali)), start=1
        )
    )
    kegiatan = Kegiatan.objects.bulk_create(
        Kegiatan(
            program=p,
            periode=periode,
            kode=f"{p.kode}.2.{k:02d}",
            nama=f"Kegiatan uji {p.kode}.{k}",
        )
        for p in programs
        for k in range(1, kegiatan_per_program + 1)
    )
    subs = SubKegiatan.objects.bulk_create(
        SubKegiatan(
            kegiatan=k,
            periode=periode,
            kode=f"{k.kode}.{s:04d}",
            nama=f"Sub kegiatan uji {k.kode}.{s}",
            unit=units[0 if unit_tunggal else s % 2],
        )
        for k in kegiatan
        for s in range(1, sub_per_kegiatan + 1)
    )

    indikator = []
    urutan = itertools.count()
    for s in sasaran_list:
        for i in range(indikator_per_sasaran):
            kind = "kategori" if i == 0 else KINDS[i % len(KINDS)]
            indikator.append(_indikator(periode, "sasaran", s, kind, i, next(urutan), skala))
    for owner_field, owners, per in (
        ("program", programs, indikator_per_program),
        ("kegiatan", kegiatan, indikator_per_kegiatan),
        ("sub_kegiatan", subs, indikator_per_sub),
    ):
        for j, owner in enumerate(owners):
            for i in range(per):
                kind = KINDS[(i + j) % len(KINDS)]
                indikator.append(_indikator(periode, owner_field, owner, kind, i, next(urutan)))
    indikator = Indikator.objects.bulk_create(indikator)
    if unit_tunggal:
        Indikator.unit_penanggung_jawab.through.objects.bulk_create(
            Indikator.unit_penanggung_jawab.through(indikator_id=ind.pk, unitkerja_id=units[0].pk)
            for ind in indikator
            if ind.sasaran_id
        )

    targets, quarterly, realisasi = [], [], []
    for idx, ind in enumerate(indikator):
        if ind.tipe == Indikator.Tipe.KATEGORI:
            target_level, real_level = levels["Utama"], levels["Nindya" if idx % 2 else "Utama"]
            for th in (tahun, periode.tahun_akhir):
                targets.append(
                    TargetTahunan(
                        indikator=ind, tahun=th, level=levels["Utama" if th == tahun else "KLA"]
                    )
                )
            quarterly.append(
                TargetTriwulan(indikator=ind, tahun=tahun, triwulan=4, level=target_level)
            )
            for tw in range(1, triwulan + 1):
                realisasi.append(
                    Realisasi(indikator=ind, tahun=tahun, triwulan=tw, level=real_level)
                )
            continue
        target = Decimal(50 + idx % 40)
        targets.append(TargetTahunan(indikator=ind, tahun=tahun, nilai=target))
        targets.append(TargetTahunan(indikator=ind, tahun=periode.tahun_akhir, nilai=target + 10))
        for tw in range(1, 5):
            quarterly.append(
                TargetTriwulan(indikator=ind, tahun=tahun, triwulan=tw, nilai=target * tw / 4)
            )
        for tw in range(1, triwulan + 1):
            if ind.tipe == Indikator.Tipe.RASIO:
                pembilang, penyebut = Decimal(20 + (idx + tw) % 30), Decimal(60)
                realisasi.append(
                    Realisasi(
                        indikator=ind,
                        tahun=tahun,
                        triwulan=tw,
                        pembilang=pembilang,
                        penyebut=penyebut,
                        nilai=(pembilang / penyebut * 100).quantize(Decimal("0.0001")),
                    )
                )
            else:
                value = Decimal(10 + (idx * 7 + tw * 3) % 90)
                realisasi.append(Realisasi(indikator=ind, tahun=tahun, triwulan=tw, nilai=value))
    TargetTahunan.objects.bulk_create(targets)
    TargetTriwulan.objects.bulk_create(quarterly)
    Realisasi.objects.bulk_create(realisasi)

    pagu, belanja = [], []
    for idx, sub in enumerate(subs):
        jumlah = Decimal(100_000_000 + idx * 1_250_000)
        pagu.append(Pagu(sub_kegiatan=sub, tahun=tahun, berlaku_mulai=1, jumlah=jumlah))
        if idx % 2:
            pagu.append(
                Pagu(
                    sub_kegiatan=sub,
                    tahun=tahun,
                    berlaku_mulai=3,
                    jumlah=jumlah * 4 // 5,
                    jenis=Pagu.Jenis.PERUBAHAN,
                )
            )
        for tw in range(1, triwulan + 1):
            belanja.append(
                RealisasiAnggaran(
                    sub_kegiatan=sub,
                    tahun=tahun,
                    triwulan=tw,
                    jumlah=Decimal(15_000_000 + idx * 1000 + tw),
                )
            )
    Pagu.objects.bulk_create(pagu)
    RealisasiAnggaran.objects.bulk_create(belanja)
    total = sum((p.jumlah for p in pagu if p.berlaku_mulai == 1), Decimal(0))
    DPA.objects.bulk_create(
        [
            DPA(opd=opd, tahun=tahun, berlaku_mulai=1, jumlah=total * 2),
            DPA(opd=opd, tahun=tahun, berlaku_mulai=3, jumlah=total * 2 + 500_000_000),
        ]
    )
    return Rencana(
        opd=opd,
        periode=periode,
        tahun=tahun,
        counts={
            "sasaran": len(sasaran_list),
            "program": len(programs),
            "kegiatan": len(kegiatan),
            "sub_kegiatan": len(subs),
            "indikator": len(indikator),
            "realisasi": len(realisasi),
            "pagu": len(pagu),
            "realisasi_anggaran": len(belanja),
        },
    )


def build_pemda(*, n_opd=3, pemda=None, **kwargs):
    """A Pemda with `n_opd` OPDs built by build_opd(**kwargs). Returns (pemda, [Rencana])."""
    if pemda is None:
        n = next(_seq)
        pemda = Pemda.objects.create(
            nama=f"Pemerintah Kabupaten Bangun {n}", slug=f"kab-bangun-{n}"
        )
    rencana = [build_opd(pemda=pemda, **kwargs) for _ in range(n_opd)]
    return pemda, rencana
