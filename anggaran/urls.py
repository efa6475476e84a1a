from django.urls import path  # noqa: F401

from anggaran import views

app_name = "anggaran"

urlpatterns = [
    # --- alur kerja: daftar, entri, verifikasi (issue 4) ---
    path("realisasi/", views.realisasi_anggaran_list, name="realisasi_anggaran_list"),
    # --- dokumen dan perencanaan (issue 5) ---
    # --- excel (issue 6) ---
]
