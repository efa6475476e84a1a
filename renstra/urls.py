from django.urls import path  # noqa: F401

from renstra import views, views_excel

app_name = "renstra"

urlpatterns = [
    # --- alur kerja: daftar, entri, verifikasi (issue 4) ---
    path("indikator/", views.indikator_list, name="indikator_list"),
    path("sub-kegiatan/", views.subkegiatan_list, name="subkegiatan_list"),
    # --- dokumen dan perencanaan (issue 5) ---
    # --- excel (issue 6) ---
    path("impor/", views_excel.renstra_impor_view, name="renstra_impor"),
    path("periode/<int:pk>/ekspor.xlsx", views_excel.renstra_ekspor, name="renstra_ekspor"),
]
