from django.contrib import admin
from django.urls import include, path

from sakip import views

admin.site.site_header = "SAKIP — Administrasi"
admin.site.site_title = "SAKIP"
admin.site.index_title = "Data SAKIP"

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("renstra/", include("renstra.urls")),
    path("kinerja/", include("kinerja.urls")),
    path("anggaran/", include("anggaran.urls")),
    # --- akun / login (issue 4) ---
    # --- laporan & verifikasi dokumen (issue 5) ---
]
