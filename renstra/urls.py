from django.urls import path  # noqa: F401

from renstra import views, views_excel, views_laporan

app_name = "renstra"

urlpatterns = [
    # --- alur kerja: daftar, entri, verifikasi (issue 4) ---
    path("indikator/", views.indikator_list, name="indikator_list"),
    path("sub-kegiatan/", views.subkegiatan_list, name="subkegiatan_list"),
    # --- dokumen dan perencanaan (issue 5) ---
    # --- excel (issue 6) ---
    path("impor/", views_excel.renstra_impor_view, name="renstra_impor"),
    path("periode/<int:pk>/ekspor.xlsx", views_excel.renstra_ekspor, name="renstra_ekspor"),
    # --- matriks Renstra ---
    path("<slug:opd>/<int:periode>/matriks/<slug:jenis>/", views_laporan.matriks_html, name="matriks"),
    path("<slug:opd>/<int:periode>/matriks/<slug:jenis>.pdf", views_laporan.matriks_pdf, name="matriks_pdf"),
    path("<slug:opd>/<int:periode>/matriks/<slug:jenis>.xlsx", views_laporan.matriks_xlsx, name="matriks_xlsx"),
]
