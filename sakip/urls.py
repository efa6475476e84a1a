from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from sakip import views, views_antrian
from sakip.akses import ANONIM, BERPERAN, MASUK, OPD_LAIN, PEMBACA_OPD, PUBLIK, Aturan

admin.site.site_header = "SAKIP — Administrasi"
admin.site.site_title = "SAKIP"
admin.site.index_title = "Data SAKIP"

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("angka/baca/", views.angka_baca, name="angka_baca"),
    # --- the task queue's jobs: progress page and produced file (issue 15) ---
    path("antrian/<int:pk>/", views_antrian.pekerjaan_status, name="pekerjaan"),
    path("antrian/<int:pk>/berkas/", views_antrian.pekerjaan_berkas, name="pekerjaan_berkas"),
    path("kinerja/", include("kinerja.urls")),
    path("anggaran/", include("anggaran.urls")),
    path("pengelolaan/", include("renstra.urls")),
    # --- akun / login (issue 4) ---
    path(
        "akun/masuk/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"
    ),
    path("akun/keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/kata-sandi/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "akun/kata-sandi/selesai/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # --- laporan & verifikasi dokumen (issue 5) ---
    path("", include("laporan.urls")),
    # --- evaluasi AKIP (issue 17) ---
    path("", include("evaluasi.urls")),
    # --- addresses of earlier releases that people bookmarked ---
    path(
        "renstra/indikator/",
        RedirectView.as_view(pattern_name="kinerja:indikator_list", query_string=True),
    ),
    path(
        "renstra/sub-kegiatan/",
        RedirectView.as_view(pattern_name="kinerja:subkegiatan_list", query_string=True),
    ),
    path("renstra/impor/", RedirectView.as_view(pattern_name="anggaran:renstra_impor")),
    path(
        "renstra/periode/<int:pk>/ekspor.xlsx",
        RedirectView.as_view(pattern_name="anggaran:renstra_ekspor"),
    ),
    re_path(
        r"^kinerja/(?P<rest>laporan/[\w-]+/[\w/-]+\.xlsx)$",
        RedirectView.as_view(url="/%(rest)s", query_string=True),
    ),
]

# Who may GET and POST each address (sakip.akses; tests/test_matriks_akses.py checks it).
# The addresses of earlier releases have no name: their route is the key. They forward
# whatever comes, and the new address decides.
PINDAH = Aturan(get=BERPERAN | {ANONIM}, post=BERPERAN | {ANONIM})
AKSES = {
    "home": Aturan(get=MASUK, catatan="An account without a role sees the no-role message."),
    "angka_baca": Aturan(
        get=BERPERAN, catatan="The number preview of every form: reads no data, only the rule."
    ),
    "pekerjaan": Aturan(
        get=PEMBACA_OPD,
        luar=OPD_LAIN,
        catatan="A document's job: its owner and every reader of the OPD's documents; an "
        "upload's job only its owner (tests/sakip/test_antrian.py).",
    ),
    "pekerjaan_berkas": Aturan(get=PEMBACA_OPD, luar=OPD_LAIN),
    "login": Aturan(get=PUBLIK, post=PUBLIK),
    "logout": Aturan(post=PUBLIK),
    "password_change": Aturan(get=MASUK, post=MASUK),
    "password_change_done": Aturan(get=MASUK),
    "renstra/indikator/": PINDAH,
    "renstra/sub-kegiatan/": PINDAH,
    "renstra/impor/": PINDAH,
    "renstra/periode/<int:pk>/ekspor.xlsx": PINDAH,
    r"^kinerja/(?P<rest>laporan/[\w-]+/[\w/-]+\.xlsx)$": PINDAH,
}
