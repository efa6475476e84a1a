from django.urls import path  # noqa: F401

from anggaran import views
from kinerja.views import entri as views_entri
from kinerja.views import verifikasi as views_verifikasi

app_name = "anggaran"

urlpatterns = [
    # --- alur kerja: daftar, entri, verifikasi (issue 4) ---
    path(
        "entri/<int:tahun>/<int:triwulan>/sub-kegiatan/<int:pk>/",
        views_entri.entri_anggaran_simpan,
        name="realisasi_simpan",
    ),
    path("realisasi/<int:pk>/riwayat/", views_entri.riwayat_anggaran, name="realisasi_riwayat"),
    path(
        "verifikasi/realisasi/<int:pk>/",
        views_verifikasi.verifikasi_anggaran,
        name="realisasi_verifikasi",
    ),
    path("realisasi/", views.realisasi_anggaran_list, name="realisasi_anggaran_list"),
    # --- dokumen dan perencanaan (issue 5) ---
    # --- excel (issue 6) ---
]
