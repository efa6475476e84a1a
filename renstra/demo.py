"""The demo data: fixture files in load order, one demo user per role, and the 2025 pohon
kinerja of Dinas Sosial PPPA Kota Probolinggo with its eselon III / IV officials (invented
names and NIPs, listed in fixtures/README.md)."""

import os

from django.conf import settings
from django.contrib.auth.models import Group

from renstra import services_pohon
from renstra.models import (
    Eselon,
    Indikator,
    Jenjang,
    NodePohon,
    Pejabat,
    Pengguna,
    PerangkatDaerah,
    PeriodeRenstra,
    PeriodeRPJMD,
    TujuanRPJMD,
)
from sakip import roles

FIXTURE_DIR = settings.BASE_DIR / "fixtures"

# Load order matters: organisations before plans, plans before targets and budgets.
# Each entry is a file in fixtures/; a fixture file not listed here is not demo data.
FIXTURES = [
    str(FIXTURE_DIR / "probolinggo_organisasi.json"),
    str(FIXTURE_DIR / "probolinggo_2020.json"),
    str(FIXTURE_DIR / "probolinggo_renstra_2021.json"),
    str(FIXTURE_DIR / "probolinggo_rencana_aksi_2025.json"),
    str(FIXTURE_DIR / "probolinggo_pagu_2025.json"),  # illustrative, see fixtures/README.md
    str(FIXTURE_DIR / "lumajang.json"),
]

DEMO_PASSWORD = os.environ.get("SAKIP_DEMO_PASSWORD", "sakip-demo-2025")

# username -> (role, unit slug or None). All belong to Dinas Sosial PPPA Kota Probolinggo.
DEMO_OPD_SLUG = "dinsos-pppa-probolinggo"
DEMO_USERS = {
    "admin": (roles.ADMIN, None),
    "perencana": (roles.PERENCANA, None),
    "operator": (roles.OPERATOR, "rehabilitasi-perlindungan-jaminan-sosial"),
    "verifikator": (roles.VERIFIKATOR, "rehabilitasi-perlindungan-jaminan-sosial"),
    "kadis": (roles.KEPALA_DINAS, None),
    "pimpinan": (roles.PIMPINAN, None),
    "inspektorat": (roles.INSPEKTORAT, None),
}
DEMO_NAMES = {
    "admin": ("Admin", "Pemda"),
    "perencana": ("Perencana", "Dinsos P3A"),
    "operator": ("Operator", "Bidang Rehlinjamsos"),
    "verifikator": ("Kepala Bidang", "Rehlinjamsos"),
    "kadis": ("Kepala", "Dinas"),
    "pimpinan": ("Pimpinan", "Daerah"),
    "inspektorat": ("Inspektur", "Daerah"),
}
# The quarter opened for entry in the demo: the Rencana Aksi year of seed 001.
DEMO_TRIWULAN = (2025, 1)


def create_demo_users(opd):
    """One user per role in `opd` (see DEMO_USERS); keeps an unchanged password hash so
    that running it again leaves the database as it was."""

    users = {}
    for username, (role, unit_slug) in DEMO_USERS.items():
        user = Pengguna.objects.filter(username=username).first() or Pengguna(username=username)
        user.first_name, user.last_name = DEMO_NAMES[username]
        user.pemda = opd.pemda
        user.opd = opd
        user.unit = opd.unit_set.get(slug=unit_slug) if unit_slug else None
        user.is_staff = username == "admin"
        user.is_superuser = username == "admin"
        if not user.pk or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=role)])
        users[username] = user
    return users


# The eselon III / IV officials of the demo OPD (invented: the seeds name only the Kepala
# Dinas and the Wali Kota). (unit slug, eselon, jabatan, nama, NIP, pangkat, golongan)
# fmt: off
DEMO_PEJABAT = [
    ("sekretariat", Eselon.III_A, "Sekretaris Dinas Sosial PPPA", "Dra. ENDANG SRI WAHYUNI, M.Si.", "19700312 199503 2 901", "Pembina", "IV/a"),
    ("rehabilitasi-perlindungan-jaminan-sosial", Eselon.III_B, "Kepala Bidang Rehabilitasi, Perlindungan dan Jaminan Sosial", "AGUS SETIAWAN, S.Sos., M.M.", "19740520 199803 1 902", "Pembina", "IV/a"),
    ("pemberdayaan-sosial", Eselon.III_B, "Kepala Bidang Pemberdayaan Sosial", "NUR HIDAYATI, S.H.", "19750817 200003 2 903", "Penata Tingkat I", "III/d"),
    ("pemberdayaan-perempuan", Eselon.III_B, "Kepala Bidang Pemberdayaan Perempuan", "Dra. RETNO WULANDARI", "19690304 199403 2 904", "Pembina", "IV/a"),
    ("perlindungan-perempuan-hak-anak", Eselon.III_B, "Kepala Bidang Perlindungan Perempuan dan Pengarusutamaan Hak Anak", "MOCH. FAISAL RAHMAN, S.STP., M.Si.", "19800112 200212 1 905", "Pembina", "IV/a"),
    ("sekretariat", Eselon.IV_A, "Kepala Sub Bagian Umum dan Kepegawaian", "SRI HANDAYANI, S.E.", "19790621 200501 2 906", "Penata Tingkat I", "III/d"),
    ("sekretariat", Eselon.IV_A, "Kepala Sub Bagian Perencanaan dan Keuangan", "BAMBANG PRASETYO, S.E., M.M.", "19810905 200604 1 907", "Penata", "III/c"),
    ("rehabilitasi-perlindungan-jaminan-sosial", Eselon.IV_A, "Kepala Seksi Rehabilitasi Sosial", "YULI ASTUTIK, S.Sos.", "19820214 200801 2 908", "Penata", "III/c"),
    ("rehabilitasi-perlindungan-jaminan-sosial", Eselon.IV_A, "Kepala Seksi Perlindungan dan Jaminan Sosial", "HENDRA KURNIAWAN, S.Kom.", "19840430 200902 1 909", "Penata", "III/c"),
    ("pemberdayaan-sosial", Eselon.IV_A, "Kepala Seksi Pemberdayaan Sosial Perorangan, Keluarga dan Kelembagaan Masyarakat", "DWI RAHAYU, S.Psi.", "19830718 200801 2 910", "Penata", "III/c"),
    ("pemberdayaan-sosial", Eselon.IV_A, "Kepala Seksi Potensi Sumber Kesejahteraan Sosial", "ARIF BUDIMAN, S.A.P.", "19860126 201001 1 911", "Penata Muda Tingkat I", "III/b"),
    ("pemberdayaan-perempuan", Eselon.IV_A, "Kepala Seksi Pengarusutamaan Gender", "LILIK MAHMUDAH, S.Sos.", "19800909 200501 2 912", "Penata", "III/c"),
    ("pemberdayaan-perempuan", Eselon.IV_A, "Kepala Seksi Data Gender dan Anak", "RIZKY AMALIA, S.Si.", "19880311 201101 2 913", "Penata Muda Tingkat I", "III/b"),
    ("perlindungan-perempuan-hak-anak", Eselon.IV_A, "Kepala Seksi Perlindungan Perempuan dan Anak", "WAHYU NINGSIH, S.H.", "19820602 200701 2 914", "Penata", "III/c"),
    ("perlindungan-perempuan-hak-anak", Eselon.IV_A, "Kepala Seksi Pemenuhan Hak Anak", "FERRY ANDRIANTO, S.Sos.", "19850827 200901 1 915", "Penata", "III/c"),
]
# fmt: on
DEMO_RPJMD = (2021, 2026, "RPJMD Kota Probolinggo 2021–2026")
DEMO_RPJMD_LAMA = (2019, 2024, "RPJMD Kota Probolinggo 2019–2024")
# The crosscutting example (INVENTED, fixtures/README.md): a second OPD of Kota Probolinggo
# serving the Tujuan RPJMD "Meningkatkan Kesejahteraan Sosial Masyarakat" (IKU Kota
# "Persentase Penduduk Miskin") beside Dinas Sosial PPPA. The seeds hold one OPD only.
DEMO_MITRA = {
    "slug": "dinkopumtk-probolinggo",
    "nama": "Dinas Koperasi, Usaha Mikro dan Tenaga Kerja",
    "singkatan": "DinkopUMTK",
    "kepala": (
        "Drs. BUDI SANTOSO, M.M.",
        "19700101 199503 1 921",
        "Kepala Dinas Koperasi, Usaha Mikro dan Tenaga Kerja",
    ),
    "uraian": "Meningkatnya pendapatan keluarga miskin melalui pemberdayaan usaha mikro",
    "indikator": "Persentase keluarga miskin peserta pelatihan usaha mikro yang berwirausaha",
    "target": {2025: 40},
}


def create_demo_pejabat(opd):
    """The invented eselon III / IV officials, each with their superior: the Kepala Dinas
    for eselon III, their unit's eselon III for eselon IV. Idempotent (matched by NIP)."""
    kepala = opd.pejabat_set.filter(is_kepala=True, aktif=True).first()
    units = {u.slug: u for u in opd.unit_set.all()}
    eselon3 = {}
    for slug, eselon, jabatan, nama, nip, pangkat, golongan in DEMO_PEJABAT:
        unit = units[slug]
        atasan = kepala if eselon.startswith("III") else eselon3.get(slug)
        pejabat, _ = Pejabat.objects.update_or_create(
            opd=opd,
            nip=nip,
            defaults={
                "pemda": opd.pemda,
                "unit": unit,
                "nama": nama,
                "jabatan": jabatan,
                "eselon": eselon,
                "pangkat": pangkat,
                "golongan": golongan,
                "atasan": atasan,
                "aktif": True,
            },
        )
        if eselon.startswith("III"):
            eselon3[slug] = pejabat


def create_demo_pohon(opd):
    """The 2025 pohon kinerja of the demo OPD (seeds 000–002): the RPJMD periods, the Tujuan
    RPJMD with their IKU Kota attached to them, the tree cascaded from the Renstra
    2021–2026, and one intermediate result with an indicator of its own (illustrative)."""
    pemda = opd.pemda
    awal, akhir, nama = DEMO_RPJMD
    rpjmd, _ = PeriodeRPJMD.objects.get_or_create(
        pemda=pemda, tahun_awal=awal, tahun_akhir=akhir, defaults={"nama": nama}
    )
    lama_awal, lama_akhir, lama_nama = DEMO_RPJMD_LAMA
    lama, _ = PeriodeRPJMD.objects.get_or_create(
        pemda=pemda, tahun_awal=lama_awal, tahun_akhir=lama_akhir, defaults={"nama": lama_nama}
    )
    periode = PeriodeRenstra.objects.get(opd=opd, tahun_awal=awal, tahun_akhir=akhir)
    TujuanRPJMD.objects.filter(tujuan_opd_set__periode=periode).update(periode_rpjmd=rpjmd)
    for lama_periode in PeriodeRenstra.objects.filter(opd=opd, tahun_akhir__lt=awal):
        TujuanRPJMD.objects.filter(tujuan_opd_set__periode=lama_periode).update(periode_rpjmd=lama)
        lama_periode.periode_rpjmd = lama
        lama_periode.save(update_fields=["periode_rpjmd"])
    services_pohon.pohon_dari_renstra(periode_rpjmd=rpjmd, periode=periode)
    # An intermediate eselon III result between the sasaran PMKS and its programs: a result
    # the Bidang owns that no Renstra object states (illustrative, see fixtures/README.md).
    sasaran_node = NodePohon.objects.get(
        periode_rpjmd=rpjmd, sasaran__periode=periode, sasaran__kode="1"
    )
    uraian = "Meningkatnya ketepatan sasaran perlindungan dan jaminan sosial bagi PPKS"
    antara = NodePohon.objects.filter(periode_rpjmd=rpjmd, uraian=uraian).first()
    if antara is None:
        unit = opd.unit_set.get(slug="rehabilitasi-perlindungan-jaminan-sosial")
        kabid = Pejabat.objects.filter(unit=unit, eselon__startswith="III", aktif=True).first()
        antara = services_pohon.node_buat(
            periode_rpjmd=rpjmd,
            jenjang=Jenjang.ESELON_III,
            induk=sasaran_node,
            unit=unit,
            pejabat=kabid,
            uraian=uraian,
            urutan=99,
        )
        services_pohon.indikator_node_buat(
            node=antara,
            uraian="Persentase PPKS penerima bantuan sosial yang tercatat dalam DTKS mutakhir",
            satuan="%",
            tipe=Indikator.Tipe.PERSENTASE,
            target={2025: 90},
        )
    create_demo_crosscutting(rpjmd)
    return rpjmd


def create_demo_crosscutting(rpjmd):
    """The INVENTED crosscutting example: DinkopUMTK's eselon II node, with an indicator of
    its own (target 2025), under the Tujuan RPJMD that Dinas Sosial PPPA's tujuan 1 serves,
    so the Pemda's tree and dashboard show two OPDs contributing to it. Idempotent."""
    m = DEMO_MITRA
    tujuan_node = (
        NodePohon.objects.filter(periode_rpjmd=rpjmd, jenjang=Jenjang.PEMDA)
        .filter(tujuan_rpjmd__uraian__icontains="Kesejahteraan Sosial")
        .first()
    )
    if (
        tujuan_node is None
        or NodePohon.objects.filter(periode_rpjmd=rpjmd, uraian=m["uraian"]).exists()
    ):
        return
    opd, _ = PerangkatDaerah.objects.get_or_create(
        slug=m["slug"],
        defaults={"pemda": rpjmd.pemda, "nama": m["nama"], "singkatan": m["singkatan"]},
    )
    nama, nip, jabatan = m["kepala"]
    kepala, _ = Pejabat.objects.get_or_create(
        opd=opd,
        nip=nip,
        defaults={
            "pemda": rpjmd.pemda,
            "nama": nama,
            "jabatan": jabatan,
            "is_kepala": True,
            "eselon": Eselon.II_B,
            "aktif": True,
        },
    )
    periode, _ = PeriodeRenstra.objects.get_or_create(
        opd=opd,
        tahun_awal=rpjmd.tahun_awal,
        tahun_akhir=rpjmd.tahun_akhir,
        defaults={"nama": "Renstra 2021–2026 (contoh crosscutting)", "periode_rpjmd": rpjmd},
    )
    node = services_pohon.node_buat(
        periode_rpjmd=rpjmd,
        jenjang=Jenjang.OPD,
        induk=tujuan_node,
        opd=opd,
        periode=periode,
        pejabat=kepala,
        uraian=m["uraian"],
        urutan=50,
    )
    services_pohon.indikator_node_buat(
        node=node,
        uraian=m["indikator"],
        satuan="%",
        tipe=Indikator.Tipe.PERSENTASE,
        target=m["target"],
    )
