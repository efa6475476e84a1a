"""Small worlds and canonical dumps shared by the Excel tests."""

import io
from decimal import Decimal

from anggaran.models import Pagu
from renstra.models import (
    Indikator,
    LevelKategori,
    PeriodeRenstra,
    SkalaKategori,
    TargetTahunan,
)
from tests.factories import (
    IndikatorFactory,
    KegiatanFactory,
    OPDFactory,
    PaguFactory,
    PeriodeFactory,
    ProgramFactory,
    SasaranFactory,
    SubKegiatanFactory,
    TargetTahunanFactory,
    TujuanFactory,
    UnitFactory,
)


def buat_rencana(opd=None, *, n_sub=2):
    """A complete small Renstra 2021–2026 built with factories: every level, indicators at
    every level (one categorical, one with a target range), yearly targets and pagu."""
    opd = opd or OPDFactory()
    unit_a = UnitFactory(opd=opd, nama="Bidang Rehabilitasi Sosial", singkatan="Rehsos")
    unit_b = UnitFactory(opd=opd, nama="Sekretariat", singkatan="Sekr")
    skala = SkalaKategori.objects.create(nama="Kategori Kota Layak Anak (uji)")
    levels = [
        LevelKategori.objects.create(skala=skala, nama=nama, urutan=i, skor=Decimal(500 + 100 * i))
        for i, nama in enumerate(["Pratama", "Madya", "Nindya", "Utama", "KLA"], start=1)
    ]
    periode = PeriodeFactory(opd=opd, tahun_awal=2021, tahun_akhir=2026)
    tujuan = TujuanFactory(periode=periode, kode="T1", uraian="Meningkatnya kesejahteraan sosial")
    sasaran = SasaranFactory(tujuan=tujuan, kode="S1.1", uraian="Menurunnya PMKS")
    program = ProgramFactory(
        sasaran=sasaran, periode=periode, kode="1.06.04", nama="Program Rehabilitasi Sosial"
    )
    kegiatan = KegiatanFactory(
        program=program, kode="1.06.04.2.01", nama="Rehabilitasi Sosial Dasar"
    )
    subs = [
        SubKegiatanFactory(
            kegiatan=kegiatan,
            kode=f"1.06.04.2.01.{i:04d}",
            nama=f"Penyediaan Permakanan {i}",
            unit=unit_a if i % 2 else unit_b,
            lokasi="Kota Uji",
        )
        for i in range(1, n_sub + 1)
    ]
    ind_tujuan = IndikatorFactory(
        sasaran=None,
        tujuan=tujuan,
        uraian="Indeks kesejahteraan",
        satuan="indeks",
        tipe="indeks",
        kondisi_awal=Decimal("3.25"),
        tahun_kondisi_awal=2020,
    )
    ind_sasaran = IndikatorFactory(
        sasaran=sasaran,
        kode="IKU1",
        uraian="Persentase PMKS tertangani",
        satuan="%",
        is_iku=True,
        polaritas="positif",
        formula="PMKS tertangani / PMKS x 100%",
        label_pembilang="PMKS tertangani",
        label_penyebut="jumlah PMKS",
        sumber_data="SIKS-NG",
        agregasi="kumulatif",
    )
    ind_sasaran.unit_penanggung_jawab.add(unit_a, unit_b)
    ind_kla = IndikatorFactory(
        sasaran=sasaran,
        kode="IKU2",
        uraian="Kategori Kota Layak Anak",
        satuan="kategori",
        tipe="kategori",
        skala=skala,
        kondisi_awal_level=levels[0],
    )
    ind_inflasi = IndikatorFactory(
        sasaran=None,
        program=program,
        uraian="Stabilitas harga",
        satuan="%",
        polaritas="rentang",
        rentang_bawah=Decimal("2"),
        rentang_atas=Decimal("4"),
    )
    IndikatorFactory(
        sasaran=None,
        kegiatan=kegiatan,
        uraian="Jumlah PPKS yang direhabilitasi",
        satuan="orang",
        tipe="angka",
        polaritas="negatif",
    )
    for sub in subs:
        ind = IndikatorFactory(
            sasaran=None,
            sub_kegiatan=sub,
            uraian=f"Jumlah penerima {sub.kode}",
            satuan="orang",
            tipe="angka",
        )
        for tahun in periode.tahun_list:
            TargetTahunanFactory(indikator=ind, tahun=tahun, nilai=Decimal(100 + tahun - 2021))
            PaguFactory(sub_kegiatan=sub, tahun=tahun, jumlah=Decimal(1_765_363_950 + tahun))
    for tahun, nilai in zip(
        periode.tahun_list, ["80", "82.5", "84", "86,34", "88", "90"], strict=True
    ):
        TargetTahunanFactory(
            indikator=ind_sasaran, tahun=tahun, nilai=Decimal(nilai.replace(",", "."))
        )
        TargetTahunanFactory(indikator=ind_tujuan, tahun=tahun, nilai=Decimal("3.5"))
        TargetTahunanFactory(indikator=ind_inflasi, tahun=tahun, nilai=Decimal("3"))
    for tahun, level in zip(periode.tahun_list, [0, 1, 1, 2, 3, 4], strict=True):
        TargetTahunan.objects.create(indikator=ind_kla, tahun=tahun, level=levels[level])
    return periode


def dump_rencana(periode):
    """The plan as plain data without database ids, to compare two copies of a plan."""

    def dec(value):
        return None if value is None else Decimal(value).normalize()

    out = {
        "tujuan": sorted((t.kode, t.uraian) for t in periode.tujuan_set.all()),
        "sasaran": sorted((s.kode, s.tujuan.kode, s.uraian) for s in periode.sasaran_set.all()),
        "program": sorted(
            (p.kode, p.sasaran.kode if p.sasaran else "", p.nama) for p in periode.program_set.all()
        ),
        "kegiatan": sorted((k.kode, k.program.kode, k.nama) for k in periode.kegiatan_set.all()),
        "sub": sorted(
            (s.kode, s.kegiatan.kode, s.nama, s.unit.nama if s.unit else "", s.lokasi)
            for s in periode.sub_kegiatan_set.all()
        ),
        "pagu": sorted(
            (p.sub_kegiatan.kode, p.tahun, p.berlaku_mulai, dec(p.jumlah))
            for p in Pagu.objects.filter(sub_kegiatan__periode=periode)
        ),
    }
    indikator = []
    for i in Indikator.objects.filter(periode=periode):
        indikator.append(
            (
                i.level,
                i.pemilik.kode,
                i.kode,
                i.uraian,
                i.satuan,
                i.tipe,
                i.polaritas,
                dec(i.rentang_bawah),
                dec(i.rentang_atas),
                i.agregasi,
                i.skala.nama if i.skala else "",
                i.is_iku,
                i.formula,
                i.label_pembilang,
                i.label_penyebut,
                i.sumber_data,
                tuple(sorted(u.nama for u in i.unit_penanggung_jawab.all())),
                dec(i.kondisi_awal),
                i.kondisi_awal_level.nama if i.kondisi_awal_level else "",
                i.tahun_kondisi_awal,
                tuple(
                    (t.tahun, dec(t.nilai), t.level.nama if t.level else "", t.teks)
                    for t in i.target_tahunan_set.order_by("tahun")
                ),
            )
        )
    out["indikator"] = sorted(indikator, key=repr)
    return out


def as_file(wb):
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return buffer


def periode_of(opd, awal=2021, akhir=2026):
    return PeriodeRenstra.objects.get(opd=opd, tahun_awal=awal, tahun_akhir=akhir)
