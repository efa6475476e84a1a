from django.urls import path  # noqa: F401

from kinerja.views import daftar as views_daftar
from kinerja.views import dasbor as views_dasbor

app_name = "kinerja"

urlpatterns = [
    # --- alur kerja: daftar, entri, verifikasi (issue 4) ---
    path("realisasi/", views_daftar.realisasi_list, name="realisasi_list"),
    path("dasbor/", views_dasbor.dasbor_pemda, name="dasbor_pemda"),
    path("dasbor/opd/", views_dasbor.dasbor_opd, name="dasbor_opd"),
    path("dasbor/<slug:slug>/", views_dasbor.dasbor_opd, name="dasbor_opd"),
    # --- dokumen dan perencanaan (issue 5) ---
    # --- excel (issue 6) ---
]
