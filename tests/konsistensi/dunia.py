"""The world of the cross-surface consistency test: one Pemda (capaian capped at 120, the
negative rule "selisih" by default), one OPD with two units, a Renstra 2021–2026 with one
sasaran, every indicator case of KASUS_INDIKATOR twice (a sasaran IKU "S.." and a
sub-kegiatan indicator "K.."), every budget case of KASUS_ANGGARAN as its own program ->
kegiatan -> sub-kegiatan (so a program's and a kegiatan's budget are that sub-kegiatan's),
realisations of TW I–III 2025 (some quarters missing, some zero), TW I–IV closed.

The Pemda has no predicate scale of its own, so the global Permendagri 86/2017 scale of the
migration applies. Beside it there is a second scale without a Pemda that no Pemda
chose, as an admin may keep one for reference: no page may show its labels.

Every expectation is computed by hand from the rule in DESIGN section 3 and written next to
its data; `sd` is the value to date of TW III, which is also that of TW IV (nothing is
reported in TW IV). Each row is found on a page by the token in its name ("[S01]", "[B3]"),
which no other row's name contains."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from django.apps import apps

from anggaran.models import DPA, Pagu, RealisasiAnggaran
from kinerja.models import Realisasi, StatusRealisasi, TargetTriwulan
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
from sakip import roles
from tests.factories import PenggunaFactory


def _model(name):
    """A model by its class name, in whichever app holds it: the restructuring of the same
    issue moves TriwulanPelaporan and the predicate scales from kinerja to renstra."""
    return next(m for m in apps.get_models() if m.__name__ == name)


D = Decimal
TAHUN = 2025
BATAS_CAPAIAN = D(120)
# The moments compared: every quarterly surface at TW III, and at TW IV the same surfaces
# joined by the LKjIP (a year-end document).
MOMEN = (3, 4)
KLA = (("Pratama", 600), ("Madya", 700), ("Nindya", 800), ("Utama", 900), ("KLA", 1000))
# The reference scale nobody uses (its steps fall between Permendagri's).
SKALA_CADANGAN = (
    (100, "Sangat Berhasil"),
    (85, "Berhasil"),
    (70, "Cukup Berhasil"),
    (55, "Kurang Berhasil"),
    (0, "Tidak Berhasil"),
)


# Permendagri 86/2017, the scale every surface must use (DESIGN section 3, "predikat").
PERMENDAGRI_86 = (
    (91, "Sangat Tinggi"),
    (76, "Tinggi"),
    (66, "Sedang"),
    (51, "Rendah"),
    (0, "Sangat Rendah"),
)


def predikat_permendagri(nilai):
    return next((label for batas, label in PERMENDAGRI_86 if nilai >= batas), None)


def persen(bagian, keseluruhan):
    """bagian / keseluruhan × 100, exact: how each expectation below is written."""
    return D(bagian) / D(keseluruhan) * 100


@dataclass(frozen=True)
class HanyaNilai:
    """A ratio quarter stored with its value only, no numerator/denominator: typed while
    the indicator was still a percentage, before its type became "rasio"."""

    nilai: Decimal


@dataclass(frozen=True)
class KasusIndikator:
    """One indicator case. `realisasi` maps a quarter to its value, a (pembilang,
    penyebut) pair, a level name or HanyaNilai; a quarter not in it was never reported.
    `sd`, `capaian` (uncapped; `capaian_tampil` is the printed, capped figure) and
    `predikat` (Permendagri 86/2017 on the capped figure) are the hand-computed figures s.d.
    TW III and TW IV."""

    nomor: str
    judul: str
    tipe: str
    agregasi: str
    satuan: str
    target: Decimal | str | None
    realisasi: dict
    sd: Decimal | str | None
    capaian: Decimal | None
    predikat: str | None
    polaritas: str = "positif"
    rumus_negatif: str = ""
    rentang: tuple | None = None
    target_triwulan: dict = field(default_factory=dict)
    # The second figure beside a quarter's own target: value to date against it.
    capaian_triwulan: dict = field(default_factory=dict)

    def realisasi_tw(self, triwulan):
        """What the quarter itself holds (a ratio: pembilang / penyebut × 100)."""
        value = self.realisasi.get(triwulan)
        if isinstance(value, tuple):
            return persen(*value)
        if isinstance(value, HanyaNilai):
            return value.nilai
        return value

    def ada_triwulan(self, triwulan):
        return triwulan in self.realisasi

    @property
    def capaian_tampil(self):
        """The capaian every surface prints: capped at the Pemda's cap (issue 11 item 2)."""
        return None if self.capaian is None else min(self.capaian, BATAS_CAPAIAN)


A, P, R, IDX, K = "angka", "persentase", "rasio", "indeks", "kategori"
KUM, AKH, RATA = "kumulatif", "terakhir", "rata_rata"

KASUS_INDIKATOR = (
    # Counts add up: 30 + 0 + (TW III not reported) = 30 against 100.
    KasusIndikator("01", "angka kumulatif 30+0+kosong", A, KUM, "orang", D(100),
                   {1: D(30), 2: D(0)}, D(30), persen(30, 100), "Sangat Rendah"),
    KasusIndikator("02", "angka terakhir", A, AKH, "dokumen", D(50),
                   {1: D(10), 2: D(20), 3: D(45)}, D(45), persen(45, 50), "Tinggi"),
    # The mean of the reported quarters: (30 + 42) / 2 = 36.
    KasusIndikator("03", "angka rata-rata TW II kosong", A, RATA, "kegiatan", D(40),
                   {1: D(30), 3: D(42)}, D(36), persen(36, 40), "Tinggi"),
    # Zero is a value: the last quarter's 0 gives 0,00%, not "–".
    KasusIndikator("04", "persentase terakhir nol", P, AKH, "%", D(80),
                   {1: D(70), 2: D(75), 3: D(0)}, D(0), D(0), "Sangat Rendah"),
    KasusIndikator("05", "persentase rata-rata", P, RATA, "%", D(80),
                   {1: D(60), 2: D(70), 3: D(80)}, D(70), persen(70, 80), "Tinggi"),
    KasusIndikator("06", "persentase terakhir TW III kosong", P, AKH, "%", D(80),
                   {1: D(60), 2: D(72)}, D(72), persen(72, 80), "Tinggi"),
    # Summed numerators over summed denominators: (20 + 30) / (50 + 50) = 50%.
    KasusIndikator("07", "rasio kumulatif", R, KUM, "%", D(60),
                   {1: (D(20), D(50)), 2: (D(30), D(50))}, D(50), persen(50, 60), "Tinggi"),
    KasusIndikator("08", "rasio terakhir", R, AKH, "%", D(75),
                   {1: (D(10), D(40)), 2: (D(15), D(40)), 3: (D(36), D(48))},
                   D(75), D(100), "Sangat Tinggi"),
    # The mean of the quarterly ratios: (25 + 75) / 2 = 50.
    KasusIndikator("09", "rasio rata-rata", R, RATA, "%", D(50),
                   {1: (D(1), D(4)), 2: (D(3), D(4))}, D(50), D(100), "Sangat Tinggi"),
    # The last reported quarter counts by its value when it has no numerator/denominator
    # (kinerja.selectors' documented rule): 45, not TW II's 15 / 40.
    KasusIndikator("10", "rasio terakhir TW III hanya nilai", R, AKH, "%", D(50),
                   {1: (D(10), D(40)), 2: (D(15), D(40)), 3: HanyaNilai(D(45))},
                   D(45), persen(45, 50), "Tinggi"),
    KasusIndikator("11", "indeks terakhir", IDX, AKH, "indeks", D("3.5"),
                   {1: D("3.2"), 2: D("3.4")}, D("3.4"), persen("3.4", "3.5"), "Sangat Tinggi"),
    # Lower is better, the Pemda's rule: (2 × 10 − 9) / 10 = 110%.
    KasusIndikator("12", "negatif rumus selisih", P, AKH, "%", D(10),
                   {1: D(12), 2: D(11), 3: D(9)}, D(9), D(110), "Sangat Tinggi",
                   polaritas="negatif"),
    # The indicator's own rule: 8 / 10 = 80%.
    KasusIndikator("13", "negatif rumus kebalikan", P, AKH, "%", D(8),
                   {1: D(10), 3: D(10)}, D(10), D(80), "Tinggi",
                   polaritas="negatif", rumus_negatif="kebalikan"),
    # Cases, lower is better: 5 + 0 + 4 = 9 against 20 -> (40 − 9) / 20 = 155% (capped 120).
    KasusIndikator("14", "negatif kumulatif di atas batas", A, KUM, "kasus", D(20),
                   {1: D(5), 2: D(0), 3: D(4)}, D(9), D(155), "Sangat Tinggi",
                   polaritas="negatif"),
    # Above the range 2–4: the negative rule against 4: (2 × 4 − 4,5) / 4 = 87,5%.
    KasusIndikator("15", "rentang di atas batas", P, AKH, "%", D(3),
                   {1: D("3.5"), 2: D("4.5")}, D("4.5"), D("87.5"), "Tinggi",
                   polaritas="rentang", rentang=(D(2), D(4))),
    # Below the range: the positive rule against 2: 1,5 / 2 = 75%.
    KasusIndikator("16", "rentang di bawah batas", P, AKH, "%", D(3),
                   {1: D("1.8"), 3: D("1.5")}, D("1.5"), D(75), "Sedang",
                   polaritas="rentang", rentang=(D(2), D(4))),
    # 80 / 50 = 160%: printed, averaged and graded as the cap, 120.
    KasusIndikator("17", "positif di atas batas", P, AKH, "%", D(50),
                   {1: D(40), 2: D(80)}, D(80), D(160), "Sangat Tinggi"),
    KasusIndikator("18", "target nol", P, AKH, "%", D(0),
                   {1: D(5), 2: D(6), 3: D(7)}, D(7), None, None),
    KasusIndikator("19", "tanpa target", P, AKH, "%", None,
                   {1: D(50), 2: D(60), 3: D(70)}, D(70), None, None),
    KasusIndikator("20", "belum pernah diisi", A, KUM, "orang", D(10),
                   {}, None, None, None),
    # The last reported level, Madya (700), against Utama (900).
    KasusIndikator("21", "kategori", K, AKH, "kategori", "Utama",
                   {1: "Pratama", 2: "Madya"}, "Madya", persen(700, 900), "Tinggi"),
    KasusIndikator("22", "kategori belum diisi", K, AKH, "kategori", "Nindya",
                   {}, None, None, None),
    # A TW III target of the Rencana Aksi beside the yearly 80: capaian is against the year.
    KasusIndikator("23", "target TW III lain dari target tahunan", P, AKH, "%", D(80),
                   {1: D(50), 2: D(55), 3: D(54)}, D(54), persen(54, 80), "Sedang",
                   target_triwulan={3: D(60)}, capaian_triwulan={3: persen(54, 60)}),
    # The seeds' usual "– – – 88%": a TW IV target equal to the year's.
    KasusIndikator("24", "target TW IV sama dengan tahunan", P, AKH, "%", D(88),
                   {1: D(80), 2: D(85), 3: D(86)}, D(86), persen(86, 88), "Sangat Tinggi",
                   target_triwulan={4: D(88)}, capaian_triwulan={4: persen(86, 88)}),
)  # fmt: skip


@dataclass(frozen=True)
class KasusAnggaran:
    """One budget case: its pagu rows (berlaku_mulai, jenis, jumlah), the amount spent per
    quarter (a quarter not in it has no row) and, per moment, the hand-computed pagu in
    force (None: no pagu row at all), realisation to date and penyerapan."""

    nomor: str
    judul: str
    unit: int  # 0: Bidang Alfa, 1: Bidang Beta
    pagu: tuple
    belanja: dict
    harapan: dict  # {triwulan: (pagu, realisasi, penyerapan)}


JUTA = D(1_000_000)
M, G, U = Pagu.Jenis.MURNI, Pagu.Jenis.PERGESERAN, Pagu.Jenis.PERUBAHAN

KASUS_ANGGARAN = (
    KasusAnggaran("1", "murni", 0, ((1, M, 200 * JUTA),),
                  {1: 20 * JUTA, 2: 30 * JUTA, 3: 25 * JUTA},
                  {3: (200 * JUTA, 75 * JUTA, D("37.5")), 4: (200 * JUTA, 75 * JUTA, D("37.5"))}),
    # APBD Perubahan from TW III: 90 of the revised 120.
    KasusAnggaran("2", "perubahan dari TW III", 0, ((1, M, 150 * JUTA), (3, U, 120 * JUTA)),
                  {1: 30 * JUTA, 2: 30 * JUTA, 3: 30 * JUTA},
                  {3: (120 * JUTA, 90 * JUTA, D(75)), 4: (120 * JUTA, 90 * JUTA, D(75))}),
    # A pergeseran from TW II is in force at TW III; the APBD Perubahan from TW IV at year end.
    KasusAnggaran("3", "pergeseran TW II, perubahan TW IV", 0,
                  ((1, M, 100 * JUTA), (2, G, 110 * JUTA), (4, U, 90 * JUTA)),
                  {1: 10 * JUTA, 2: 20 * JUTA, 3: 30 * JUTA},
                  {3: (110 * JUTA, 60 * JUTA, persen(60, 110)),
                   4: (90 * JUTA, 60 * JUTA, persen(60, 90))}),
    # Nothing spent yet is Rp 0 and 0,00%.
    KasusAnggaran("4", "belum ada belanja", 0, ((1, M, 80 * JUTA),), {},
                  {3: (80 * JUTA, D(0), D(0)), 4: (80 * JUTA, D(0), D(0))}),
    # Spending without any pagu: no penyerapan.
    KasusAnggaran("5", "belanja tanpa pagu", 1, (), {1: 5 * JUTA},
                  {3: (None, 5 * JUTA, None), 4: (None, 5 * JUTA, None)}),
    # Refocused to zero from TW III: no penyerapan (pagu nol).
    KasusAnggaran("6", "pagu nol sejak TW III", 1, ((1, M, 50 * JUTA), (3, U, D(0))),
                  {1: 10 * JUTA},
                  {3: (D(0), 10 * JUTA, None), 4: (D(0), 10 * JUTA, None)}),
    # Zero rows in TW I and TW III: 15 of 60.
    KasusAnggaran("7", "belanja nol di TW I dan TW III", 1, ((1, M, 60 * JUTA),),
                  {1: D(0), 2: 15 * JUTA, 3: D(0)},
                  {3: (60 * JUTA, 15 * JUTA, D(25)), 4: (60 * JUTA, 15 * JUTA, D(25))}),
)  # fmt: skip


def token_indikator(tingkat, kasus):
    return f"[{'S' if tingkat == 'sasaran' else 'K'}{kasus.nomor}]"


def token_anggaran(kasus):
    return f"[B{kasus.nomor}]"


def harapan_opd(triwulan):
    """The OPD's totals (pagu in force, realisation to date, penyerapan) and the mean
    capaian of its sasaran indicators (each capped at BATAS_CAPAIAN), from the cases."""
    pagu = sum((k.harapan[triwulan][0] or D(0) for k in KASUS_ANGGARAN), D(0))
    realisasi = sum((k.harapan[triwulan][1] for k in KASUS_ANGGARAN), D(0))
    dinilai = [min(k.capaian, BATAS_CAPAIAN) for k in KASUS_INDIKATOR if k.capaian is not None]
    return {
        "pagu": pagu,
        "realisasi": realisasi,
        "penyerapan": persen(realisasi, pagu),
        "rata_capaian": sum(dinilai, D(0)) / len(dinilai),
    }


def _indikator(kasus, tingkat, pemilik, urutan, skala):
    return Indikator.objects.create(
        **{tingkat: pemilik},
        uraian=f"{token_indikator(tingkat, kasus)} {kasus.judul}",
        satuan=kasus.satuan,
        tipe=kasus.tipe,
        agregasi=kasus.agregasi,
        polaritas=kasus.polaritas,
        rumus_negatif=kasus.rumus_negatif,
        rentang_bawah=kasus.rentang[0] if kasus.rentang else None,
        rentang_atas=kasus.rentang[1] if kasus.rentang else None,
        skala=skala if kasus.tipe == K else None,
        label_pembilang="Jumlah yang tertangani" if kasus.tipe == R else "",
        label_penyebut="Jumlah seluruhnya" if kasus.tipe == R else "",
        is_iku=tingkat == "sasaran",
        urutan=urutan,
    )


def _isi_indikator(ind, kasus, levels):
    def nilai_atau_level(value):
        if kasus.tipe == K:
            return {"level": levels[value]}
        return {"nilai": value}

    if kasus.target is not None:
        TargetTahunan.objects.create(indikator=ind, tahun=TAHUN, **nilai_atau_level(kasus.target))
    for tw, value in kasus.target_triwulan.items():
        TargetTriwulan.objects.create(
            indikator=ind, tahun=TAHUN, triwulan=tw, **nilai_atau_level(value)
        )
    for tw, value in kasus.realisasi.items():
        if isinstance(value, tuple):
            # As kinerja.services stores a ratio: the value to the field's four decimals.
            data = {
                "pembilang": value[0],
                "penyebut": value[1],
                "nilai": persen(*value).quantize(D("0.0001")),
            }
        elif isinstance(value, HanyaNilai):
            data = {"nilai": value.nilai}
        else:
            data = nilai_atau_level(value)
        Realisasi.objects.create(
            indikator=ind,
            tahun=TAHUN,
            triwulan=tw,
            status=StatusRealisasi.DIVERIFIKASI,
            **data,
        )


def buat_dunia():
    """Build the world; returns what the readers need to reach the pages (the OPD, its
    units, the admin who reads them, program codes to cases), never a figure."""
    pemda = Pemda.objects.create(
        nama="Pemerintah Kota Konsistensi",
        slug="kota-konsistensi",
        ibukota="Konsistensi",
        batas_capaian=BATAS_CAPAIAN,
    )
    SkalaPredikat, TingkatPredikat = _model("SkalaPredikat"), _model("TingkatPredikat")
    cadangan = SkalaPredikat.objects.create(pemda=None, nama="Skala cadangan (tidak dipakai)")
    TingkatPredikat.objects.bulk_create(
        TingkatPredikat(skala=cadangan, batas_bawah=D(b), label=label)
        for b, label in SKALA_CADANGAN
    )
    skala = SkalaKategori.objects.create(pemda=pemda, nama="Kota Layak Anak (konsistensi)")
    levels = {
        nama: LevelKategori.objects.create(skala=skala, nama=nama, urutan=i + 1, skor=D(skor))
        for i, (nama, skor) in enumerate(KLA)
    }
    opd = PerangkatDaerah.objects.create(
        pemda=pemda, nama="Dinas Uji Konsistensi", singkatan="DUK", slug="dinas-konsistensi"
    )
    units = [
        UnitKerja.objects.create(opd=opd, nama=nama, slug=slug, urutan=i)
        for i, (nama, slug) in enumerate((("Bidang Alfa", "alfa"), ("Bidang Beta", "beta")))
    ]
    periode = PeriodeRenstra.objects.create(
        opd=opd, tahun_awal=2021, tahun_akhir=2026, status=PeriodeRenstra.Status.DITETAPKAN
    )
    tujuan = Tujuan.objects.create(periode=periode, kode="1", uraian="Tujuan uji konsistensi")
    sasaran = Sasaran.objects.create(tujuan=tujuan, kode="1.1", uraian="Sasaran uji konsistensi")

    subs = {}
    for n, kasus in enumerate(KASUS_ANGGARAN, start=1):
        token = token_anggaran(kasus)
        program = Program.objects.create(
            periode=periode,
            sasaran=sasaran,
            kode=f"1.02.{n:02d}",
            nama=f"Program {token} {kasus.judul}",
            urutan=n,
        )
        kegiatan = Kegiatan.objects.create(
            program=program, kode=f"{program.kode}.2.01", nama=f"Kegiatan {token} {kasus.judul}"
        )
        sub = SubKegiatan.objects.create(
            kegiatan=kegiatan,
            kode=f"{kegiatan.kode}.0001",
            nama=f"Sub kegiatan {token} {kasus.judul}",
            unit=units[kasus.unit],
        )
        subs[kasus.nomor] = sub
        for berlaku, jenis, jumlah in kasus.pagu:
            Pagu.objects.create(
                sub_kegiatan=sub, tahun=TAHUN, berlaku_mulai=berlaku, jenis=jenis, jumlah=jumlah
            )
        for tw, jumlah in kasus.belanja.items():
            RealisasiAnggaran.objects.create(
                sub_kegiatan=sub,
                tahun=TAHUN,
                triwulan=tw,
                jumlah=jumlah,
                status=StatusRealisasi.DIVERIFIKASI,
            )
    DPA.objects.create(opd=opd, tahun=TAHUN, berlaku_mulai=1, jumlah=1_500 * JUTA)
    DPA.objects.create(opd=opd, tahun=TAHUN, berlaku_mulai=3, jumlah=1_400 * JUTA)

    # Sub-kegiatan indicators: the first half on a sub-kegiatan of Bidang Alfa, the rest on
    # one of Bidang Beta, so that both entry sheets hold indicator rows.
    separuh = len(KASUS_INDIKATOR) // 2
    for urutan, kasus in enumerate(KASUS_INDIKATOR):
        ind = _indikator(kasus, "sasaran", sasaran, urutan, skala)
        ind.unit_penanggung_jawab.add(units[0])
        _isi_indikator(ind, kasus, levels)
        pemilik = subs["1"] if urutan < separuh else subs["5"]
        ind = _indikator(kasus, "sub_kegiatan", pemilik, 100 + urutan, skala)
        _isi_indikator(ind, kasus, levels)

    TriwulanPelaporan = _model("TriwulanPelaporan")
    TriwulanPelaporan.objects.bulk_create(
        TriwulanPelaporan(opd=opd, tahun=TAHUN, triwulan=tw, status=TriwulanPelaporan.Status.TUTUP)
        for tw in (1, 2, 3, 4)
    )
    admin = PenggunaFactory(username="admin_konsistensi", role=roles.ADMIN, pemda=pemda)
    return SimpleNamespace(
        opd=opd,
        units=units,
        admin=admin,
        program_kode={sub.kegiatan.program.kode: nomor for nomor, sub in subs.items()},
    )
