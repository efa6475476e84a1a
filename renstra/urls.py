from django.urls import path

from renstra import views_pengelolaan as views
from renstra import views_skala
from sakip.akses import ADMIN_LAIN, PENGELOLA, PENGELOLA_MANA_PUN, Aturan

app_name = "pengelolaan"

urlpatterns = []
for jenis in ("pengguna", "unit", "pejabat"):
    urlpatterns += [
        path(f"{jenis}/", views.daftar, {"jenis": jenis}, name=f"{jenis}_list"),
        path(f"{jenis}/baru/", views.ubah, {"jenis": jenis}, name=f"{jenis}_baru"),
        path(f"{jenis}/<int:pk>/", views.ubah, {"jenis": jenis}, name=f"{jenis}_ubah"),
    ]
urlpatterns += [
    path("skala/", views_skala.daftar, name="skala_list"),
    path("skala/baru/", views_skala.ubah, name="skala_baru"),
    path("skala/<int:pk>/", views_skala.ubah, name="skala_ubah"),
]

# Who may GET and POST each address (sakip.akses; tests/test_matriks_akses.py checks it).
# An Admin manages the users, units and officials of their own Pemda: the lists and the
# "new" forms show each admin their own; a row of another Pemda is not found.
_DAFTAR = Aturan(get=PENGELOLA_MANA_PUN)
_BARU = Aturan(get=PENGELOLA_MANA_PUN, post=PENGELOLA_MANA_PUN)
_UBAH = Aturan(get=PENGELOLA, post=PENGELOLA, luar={ADMIN_LAIN})
AKSES = {}
for jenis in ("pengguna", "unit", "pejabat"):
    AKSES.update({f"{jenis}_list": _DAFTAR, f"{jenis}_baru": _BARU, f"{jenis}_ubah": _UBAH})
# The predicate scales (issue 11 item 1): the list also chooses the scale the Pemda uses.
AKSES.update({"skala_list": _BARU, "skala_baru": _BARU, "skala_ubah": _UBAH})
