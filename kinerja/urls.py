from django.urls import path  # noqa: F401

from kinerja import views_excel
from kinerja.views import bukti as views_bukti
from kinerja.views import daftar as views_daftar
from kinerja.views import daftar_renstra as views_daftar_renstra
from kinerja.views import dasbor as views_dasbor
from kinerja.views import dasbor_xlsx as views_dasbor_xlsx
from kinerja.views import entri as views_entri
from kinerja.views import entri_semua as views_entri_semua
from kinerja.views import triwulan as views_triwulan
from kinerja.views import verifikasi as views_verifikasi
from sakip.akses import (
    ADMIN,
    ADMIN_LAIN,
    BERPERAN,
    OPD_LAIN,
    OPERATOR,
    OPERATOR_BIDANG_LAIN,
    OPERATOR_UNIT_LAIN,
    PEMBACA_OPD,
    PEMBACA_PEMDA,
    PEMBACA_UNIT,
    PEMVERIFIKASI,
    PENGELOLA,
    PENGELOLA_MANA_PUN,
    PENGISI,
    Aturan,
)

app_name = "kinerja"

urlpatterns = [
    # --- alur kerja: daftar, entri, verifikasi (issue 4) ---
    path("entri/", views_entri.entri, name="entri"),
    path("entri/<int:tahun>/<int:triwulan>/", views_entri.entri, name="entri_triwulan"),
    path(
        "entri/<int:tahun>/<int:triwulan>/indikator/<int:pk>/",
        views_entri.entri_simpan,
        name="realisasi_simpan",
    ),
    path(
        "entri/<int:tahun>/<int:triwulan>/simpan-semua/",
        views_entri_semua.entri_simpan_semua,
        name="realisasi_simpan_semua",
    ),
    path(
        "entri/<int:tahun>/<int:triwulan>/ajukan/",
        views_entri.entri_ajukan,
        name="realisasi_ajukan",
    ),
    path(
        "entri/<int:tahun>/<int:triwulan>/ringkasan/",
        views_entri.entri_ringkasan,
        name="entri_ringkasan",
    ),
    path("realisasi/<int:pk>/riwayat/", views_entri.riwayat, name="realisasi_riwayat"),
    path(
        "entri/<int:tahun>/<int:triwulan>/sub-kegiatan/<int:pk>/",
        views_entri.entri_anggaran_simpan,
        name="realisasi_anggaran_simpan",
    ),
    path(
        "anggaran/realisasi/<int:pk>/riwayat/",
        views_entri.riwayat_anggaran,
        name="realisasi_anggaran_riwayat",
    ),
    path(
        "verifikasi/anggaran/<int:pk>/",
        views_verifikasi.verifikasi_anggaran,
        name="realisasi_anggaran_verifikasi",
    ),
    path("realisasi/<int:pk>/bukti/", views_bukti.bukti_unggah, name="bukti_unggah"),
    path("bukti/<int:pk>/", views_bukti.bukti_unduh, name="bukti_unduh"),
    path("bukti/<int:pk>/hapus/", views_bukti.bukti_hapus, name="bukti_hapus"),
    path("verifikasi/", views_verifikasi.verifikasi, name="verifikasi"),
    path(
        "verifikasi/<int:tahun>/<int:triwulan>/",
        views_verifikasi.verifikasi,
        name="verifikasi_triwulan",
    ),
    path(
        "verifikasi/<int:tahun>/<int:triwulan>/semua/",
        views_verifikasi.verifikasi_semua,
        name="verifikasi_semua",
    ),
    path(
        "verifikasi/realisasi/<int:pk>/",
        views_verifikasi.verifikasi_realisasi,
        name="realisasi_verifikasi",
    ),
    path("triwulan/", views_triwulan.triwulan_list, name="triwulan_list"),
    path("triwulan/buka/", views_triwulan.triwulan_buka, name="triwulan_buka"),
    path("triwulan/<int:pk>/", views_triwulan.triwulan_detail, name="triwulan_detail"),
    path("triwulan/<int:pk>/tutup/", views_triwulan.triwulan_tutup, name="triwulan_tutup"),
    path("realisasi/", views_daftar.realisasi_list, name="realisasi_list"),
    path("indikator/", views_daftar_renstra.indikator_list, name="indikator_list"),
    path("sub-kegiatan/", views_daftar_renstra.subkegiatan_list, name="subkegiatan_list"),
    path("dasbor/", views_dasbor.dasbor_pemda, name="dasbor_pemda"),
    path("dasbor/opd/", views_dasbor.dasbor_opd, name="dasbor_opd"),
    path("dasbor/<slug:slug>/", views_dasbor.dasbor_opd, name="dasbor_opd"),
    path("dasbor/pemda.xlsx", views_dasbor_xlsx.dasbor_pemda_xlsx, name="dasbor_pemda_xlsx"),
    path(
        "dasbor/<slug:slug>/dasbor.xlsx", views_dasbor_xlsx.dasbor_opd_xlsx, name="dasbor_opd_xlsx"
    ),
    # --- dokumen dan perencanaan (issue 5) ---
    # --- excel (issue 6) ---
    path("excel/realisasi/", views_excel.realisasi_excel, name="realisasi_excel"),
    path(
        "excel/realisasi/<int:tahun>/<int:triwulan>/templat.xlsx",
        views_excel.realisasi_templat,
        name="realisasi_templat",
    ),
    path(
        "excel/realisasi/<int:tahun>/<int:triwulan>/unggah/",
        views_excel.realisasi_unggah,
        name="realisasi_unggah",
    ),
    path(
        "excel/realisasi/<int:tahun>/<int:triwulan>/simpan/",
        views_excel.realisasi_unggah_simpan,
        name="realisasi_unggah_simpan",
    ),
    path(
        "excel/realisasi/hasil/<int:pk>/",
        views_excel.realisasi_unggah_hasil,
        name="realisasi_unggah_hasil",
    ),
]

# Who may GET and POST each address (sakip.akses; tests/test_matriks_akses.py checks it).
# The addresses name Rehlinjamsos's rows of the demo OPD: the entry sheet's "?unit=" and
# the rows' forms carry that unit.
AKSES = {
    "entri": Aturan(get=PENGISI | OPERATOR_UNIT_LAIN, luar={ADMIN_LAIN}),
    "entri_triwulan": Aturan(
        get=PENGISI | {OPERATOR_BIDANG_LAIN},
        luar=OPD_LAIN,
        catatan="The Lumajang OPD has no quarter 2025 TW I.",
    ),
    "realisasi_simpan": Aturan(post=PENGISI, luar=OPD_LAIN | {OPERATOR_BIDANG_LAIN}),
    "realisasi_simpan_semua": Aturan(
        post=PENGISI | OPERATOR_UNIT_LAIN,
        luar={ADMIN_LAIN},
        catatan="Operators save their own unit; another unit's rows get a refusal per row.",
    ),
    "realisasi_ajukan": Aturan(
        post=PENGISI | OPERATOR_UNIT_LAIN,
        luar={ADMIN_LAIN},
        catatan="Operators submit their own unit (nothing to submit elsewhere: a message).",
    ),
    "entri_ringkasan": Aturan(get=PENGISI | {OPERATOR_BIDANG_LAIN}, luar=OPD_LAIN),
    "realisasi_riwayat": Aturan(get=PEMBACA_UNIT, luar=OPD_LAIN | {OPERATOR_BIDANG_LAIN}),
    "realisasi_anggaran_simpan": Aturan(post=PENGISI, luar=OPD_LAIN | {OPERATOR_BIDANG_LAIN}),
    "realisasi_anggaran_riwayat": Aturan(get=PEMBACA_UNIT, luar=OPD_LAIN | {OPERATOR_BIDANG_LAIN}),
    "realisasi_anggaran_verifikasi": Aturan(post=PEMVERIFIKASI),
    "bukti_unggah": Aturan(post=PENGISI, luar=OPD_LAIN | {OPERATOR_BIDANG_LAIN}),
    "bukti_unduh": Aturan(get=PEMBACA_UNIT, luar=OPD_LAIN | {OPERATOR_BIDANG_LAIN}),
    "bukti_hapus": Aturan(post=PENGISI, luar=OPD_LAIN | {OPERATOR_BIDANG_LAIN}),
    "verifikasi": Aturan(get=PEMVERIFIKASI),
    "verifikasi_triwulan": Aturan(get=PEMVERIFIKASI),
    "verifikasi_semua": Aturan(post=PEMVERIFIKASI),
    "realisasi_verifikasi": Aturan(post=PEMVERIFIKASI),
    "triwulan_list": Aturan(get=PENGELOLA_MANA_PUN),
    "triwulan_buka": Aturan(post=PENGELOLA, luar={ADMIN_LAIN}),
    "triwulan_detail": Aturan(get=PENGELOLA, luar={ADMIN_LAIN}),
    # GET: the page naming the rows left behind; POST: the close confirmed against it.
    "triwulan_tutup": Aturan(get=PENGELOLA, post=PENGELOLA, luar={ADMIN_LAIN}),
    # Listings: everyone reads the rows of their own scope.
    "realisasi_list": Aturan(get=BERPERAN),
    "indikator_list": Aturan(get=BERPERAN),
    "subkegiatan_list": Aturan(get=BERPERAN),
    "dasbor_pemda": Aturan(get=PEMBACA_PEMDA),
    # One name, two routes: without a slug it sends each user to their own dashboard.
    "dasbor_opd": {
        "dasbor/opd/": Aturan(get=BERPERAN),
        "dasbor/<slug:slug>/": Aturan(get=PEMBACA_OPD, luar=OPD_LAIN),
    },
    "dasbor_pemda_xlsx": Aturan(get=PEMBACA_PEMDA),
    "dasbor_opd_xlsx": Aturan(get=PEMBACA_OPD, luar=OPD_LAIN),
    "realisasi_excel": Aturan(get=PENGISI | OPERATOR_UNIT_LAIN, luar={ADMIN_LAIN}),
    "realisasi_templat": Aturan(
        get=PENGISI | OPERATOR_UNIT_LAIN,
        luar={ADMIN_LAIN},
        catatan="Another unit's operator gets their own unit's workbook (or a message).",
    ),
    "realisasi_unggah": Aturan(post=PENGISI | OPERATOR_UNIT_LAIN, luar={ADMIN_LAIN}),
    "realisasi_unggah_simpan": Aturan(post=PENGISI | OPERATOR_UNIT_LAIN, luar={ADMIN_LAIN}),
    "realisasi_unggah_hasil": Aturan(
        get={ADMIN, OPERATOR},
        luar=BERPERAN - {ADMIN, OPERATOR},
        catatan="The result of an upload job: only its owner (the demo's operator here).",
    ),
}
