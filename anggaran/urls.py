from django.urls import path

from anggaran import views, views_renstra
from sakip.akses import BERPERAN, OPD_LAIN, PEMBACA_OPD, PENGELOLA_MANA_PUN, Aturan

app_name = "anggaran"

urlpatterns = [
    path("realisasi/", views.realisasi_anggaran_list, name="realisasi_anggaran_list"),
    # --- the Renstra workbook (plan and pagu): import, template, export ---
    path("renstra/impor/", views_renstra.renstra_impor_view, name="renstra_impor"),
    path(
        "renstra/periode/<int:pk>/ekspor.xlsx", views_renstra.renstra_ekspor, name="renstra_ekspor"
    ),
]

# Who may GET and POST each address (sakip.akses; tests/test_matriks_akses.py checks it).
AKSES = {
    "realisasi_anggaran_list": Aturan(get=BERPERAN),
    # An Admin imports into the OPDs of their own Pemda; the form offers no other.
    "renstra_impor": Aturan(get=PENGELOLA_MANA_PUN, post=PENGELOLA_MANA_PUN),
    "renstra_ekspor": Aturan(get=PEMBACA_OPD, luar=OPD_LAIN),
}
