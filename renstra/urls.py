from django.urls import path  # noqa: F401

from renstra import views

app_name = "renstra"

urlpatterns = [
    # --- alur kerja: daftar, entri, verifikasi (issue 4) ---
    path("indikator/", views.indikator_list, name="indikator_list"),
    path("sub-kegiatan/", views.subkegiatan_list, name="subkegiatan_list"),
    # --- dokumen dan perencanaan (issue 5) ---
    # --- excel (issue 6) ---
]
