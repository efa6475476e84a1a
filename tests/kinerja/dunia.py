"""A small world for the workflow tests (issue 4): one Pemda, an OPD with two units, a
plan whose sub-kegiatan belong to unit A or B, indicators of every input kind, targets,
pagu, TW II 2025 open, and one user per role plus outsiders (healthchecks-style personas).
Built with factories only, so the browser test can use it too."""

from decimal import Decimal
from types import SimpleNamespace

from renstra.models import Indikator, LevelKategori, SkalaKategori, TriwulanPelaporan
from sakip import roles
from tests.factories import (
    IndikatorFactory,
    KegiatanFactory,
    OPDFactory,
    PaguFactory,
    PemdaFactory,
    PenggunaFactory,
    PeriodeFactory,
    ProgramFactory,
    SasaranFactory,
    SubKegiatanFactory,
    TargetTahunanFactory,
    TargetTriwulanFactory,
    TujuanFactory,
    UnitFactory,
)

TAHUN = 2025
TRIWULAN = 2
PASSWORD = "rahasia-uji-123"


def buat_dunia():
    pemda = PemdaFactory(nama="Pemerintah Kota Uji Alur", slug="kota-uji-alur")
    opd = OPDFactory(pemda=pemda, nama="Dinas Sosial Uji", singkatan="Dinsos")
    unit_a = UnitFactory(opd=opd, nama="Bidang Rehabilitasi Sosial", singkatan="Rehsos")
    unit_b = UnitFactory(opd=opd, nama="Bidang Perlindungan Anak", singkatan="PA")
    periode = PeriodeFactory(opd=opd, tahun_awal=2021, tahun_akhir=2026)
    tujuan = TujuanFactory(periode=periode, kode="T1", uraian="Meningkatnya kesejahteraan sosial")
    sasaran = SasaranFactory(tujuan=tujuan, kode="S1", uraian="Meningkatnya pelayanan sosial")
    program = ProgramFactory(
        sasaran=sasaran, periode=periode, kode="1.06.04", nama="Program Rehabilitasi Sosial"
    )
    kegiatan = KegiatanFactory(
        program=program, kode="1.06.04.2.01", nama="Rehabilitasi Sosial Dasar"
    )
    sub_a = SubKegiatanFactory(
        kegiatan=kegiatan, kode="1.06.04.2.01.0001", nama="Penyediaan Permakanan", unit=unit_a
    )
    sub_b = SubKegiatanFactory(
        kegiatan=kegiatan, kode="1.06.04.2.01.0002", nama="Perlindungan Anak Terlantar", unit=unit_b
    )

    skala = SkalaKategori.objects.create(pemda=pemda, nama="Kota Layak Anak")
    levels = {
        nama: LevelKategori.objects.create(
            skala=skala, nama=nama, urutan=i + 1, skor=Decimal(i + 1)
        )
        for i, nama in enumerate(["Pratama", "Madya", "Nindya", "Utama", "KLA"])
    }

    ind_persen = IndikatorFactory(
        sasaran=None,
        sub_kegiatan=sub_a,
        uraian="Persentase PMKS yang mendapat permakanan",
        tipe=Indikator.Tipe.PERSENTASE,
        satuan="%",
    )
    ind_rasio = IndikatorFactory(
        sasaran=None,
        sub_kegiatan=sub_a,
        uraian="Rasio PPKS tertangani",
        tipe=Indikator.Tipe.RASIO,
        satuan="%",
        label_pembilang="PPKS tertangani",
        label_penyebut="PPKS",
        agregasi=Indikator.Agregasi.KUMULATIF,
    )
    ind_kategori = IndikatorFactory(
        sasaran=sasaran,
        uraian="Kategori Kota Layak Anak",
        tipe=Indikator.Tipe.KATEGORI,
        satuan="kategori",
        skala=skala,
        is_iku=True,
    )
    ind_kategori.unit_penanggung_jawab.add(unit_a)
    ind_b = IndikatorFactory(
        sasaran=None,
        sub_kegiatan=sub_b,
        uraian="Persentase anak terlantar terlindungi",
        tipe=Indikator.Tipe.PERSENTASE,
        satuan="%",
    )
    for ind in (ind_persen, ind_rasio, ind_b):
        TargetTahunanFactory(indikator=ind, tahun=TAHUN, nilai=Decimal("80"))
        TargetTriwulanFactory(indikator=ind, tahun=TAHUN, triwulan=TRIWULAN, nilai=Decimal("80"))
    TargetTahunanFactory(indikator=ind_kategori, tahun=TAHUN, nilai=None, level=levels["Madya"])

    pagu_a = PaguFactory(sub_kegiatan=sub_a, tahun=TAHUN, jumlah=Decimal("100000000"))
    PaguFactory(sub_kegiatan=sub_b, tahun=TAHUN, jumlah=Decimal("50000000"))
    tw = TriwulanPelaporan.objects.create(opd=opd, tahun=TAHUN, triwulan=TRIWULAN)

    lain_pemda = PemdaFactory()
    opd_lain = OPDFactory(pemda=pemda, nama="Dinas Lain Uji")
    unit_lain = UnitFactory(opd=opd_lain)
    opd_jauh = OPDFactory(pemda=lain_pemda)

    def user(username, role, **kw):
        return PenggunaFactory(
            username=username, role=role, first_name=username.replace("_", " ").title(), **kw
        )

    return SimpleNamespace(
        pemda=pemda,
        opd=opd,
        unit_a=unit_a,
        unit_b=unit_b,
        periode=periode,
        sasaran=sasaran,
        program=program,
        kegiatan=kegiatan,
        sub_a=sub_a,
        sub_b=sub_b,
        skala=skala,
        levels=levels,
        ind_persen=ind_persen,
        ind_rasio=ind_rasio,
        ind_kategori=ind_kategori,
        ind_b=ind_b,
        pagu_a=pagu_a,
        tw=tw,
        tahun=TAHUN,
        triwulan=TRIWULAN,
        opd_lain=opd_lain,
        operator=user("operator", roles.OPERATOR, unit=unit_a),
        operator_b=user("operator_b", roles.OPERATOR, unit=unit_b),
        verifikator=user("verifikator", roles.VERIFIKATOR, unit=unit_a),
        verifikator_b=user("verifikator_b", roles.VERIFIKATOR, unit=unit_b),
        kadis=user("kadis", roles.KEPALA_DINAS, opd=opd),
        perencana=user("perencana", roles.PERENCANA, opd=opd),
        admin=user("admin_pemda", roles.ADMIN, pemda=pemda),
        pimpinan=user("pimpinan", roles.PIMPINAN, pemda=pemda),
        operator_lain=user("operator_lain", roles.OPERATOR, unit=unit_lain),
        admin_lain=user("admin_lain", roles.ADMIN, pemda=lain_pemda),
        opd_jauh=opd_jauh,
    )


def siapkan(settings, tmp_path):
    """The world, with evidence files going to a temporary private root. Test modules
    wrap it in their own `d` fixture."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    # Eleven personas with the production hasher cost seconds per test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return buat_dunia()


def snapshot():
    """Every row the workflow writes, to assert that a refused write changed nothing."""
    from anggaran.models import RealisasiAnggaran
    from kinerja.models import BuktiRealisasi, Realisasi
    from renstra.models import RiwayatTriwulan, TriwulanPelaporan

    return (
        list(Realisasi.objects.order_by("pk").values()),
        list(RealisasiAnggaran.objects.order_by("pk").values()),
        list(BuktiRealisasi.objects.order_by("pk").values()),
        list(TriwulanPelaporan.objects.order_by("pk").values("pk", "status")),
        RiwayatTriwulan.objects.count(),
        Realisasi.history.count(),
    )
