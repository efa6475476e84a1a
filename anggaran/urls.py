from django.urls import path

from anggaran import views, views_pagu, views_renstra
from sakip.akses import (
    ADMIN,
    ADMIN_LAIN,
    ADMIN_PEMDA,
    BERPERAN,
    OPD_LAIN,
    PEMBACA_OPD,
    PENGELOLA_MANA_PUN,
    PERENCANA,
    Aturan,
)

app_name = "anggaran"

urlpatterns = [
    path("realisasi/", views.realisasi_anggaran_list, name="realisasi_anggaran_list"),
    # --- the Renstra workbook (plan and pagu): import, template, export ---
    path("renstra/impor/", views_renstra.renstra_impor_view, name="renstra_impor"),
    path(
        "renstra/impor/hasil/<int:pk>/",
        views_renstra.renstra_impor_hasil,
        name="renstra_impor_hasil",
    ),
    path(
        "renstra/periode/<int:pk>/ekspor.xlsx", views_renstra.renstra_ekspor, name="renstra_ekspor"
    ),
    # --- the pagu grid of the perencana (issue 12) ---
    path("pagu/", views_pagu.pagu_awal, name="pagu"),
    path("pagu/<slug:opd>/<int:tahun>/", views_pagu.pagu_grid, name="pagu_grid"),
    path("pagu/<slug:opd>/<int:tahun>/pagu.xlsx", views_pagu.pagu_ekspor, name="pagu_ekspor"),
    path("pagu/<slug:opd>/<int:tahun>/unggah/", views_pagu.pagu_unggah, name="pagu_unggah"),
    path(
        "pagu/<slug:opd>/<int:tahun>/unggah/simpan/",
        views_pagu.pagu_unggah_simpan,
        name="pagu_unggah_simpan",
    ),
    path(
        "pagu/<slug:opd>/<int:tahun>/sub-kegiatan/<int:pk>/riwayat/",
        views_pagu.pagu_riwayat,
        name="pagu_riwayat",
    ),
]

PENGUBAH_PAGU = frozenset({ADMIN, ADMIN_PEMDA, PERENCANA})

# Who may GET and POST each address (sakip.akses; tests/test_matriks_akses.py checks it).
AKSES = {
    "realisasi_anggaran_list": Aturan(get=BERPERAN),
    # An Admin imports into the OPDs of their own Pemda; the form offers no other.
    "renstra_impor": Aturan(get=PENGELOLA_MANA_PUN, post=PENGELOLA_MANA_PUN),
    "renstra_impor_hasil": Aturan(
        get={ADMIN, ADMIN_PEMDA},
        luar={ADMIN_LAIN},
        catatan="The result of an import job: only its owner (the demo's Pemda admin here).",
    ),
    "renstra_ekspor": Aturan(get=PEMBACA_OPD, luar=OPD_LAIN),
    # Every role of the OPD reads its pagu; the perencana and the admins of its Pemda write.
    "pagu": Aturan(get=BERPERAN, catatan="Redirects to the user's own OPD."),
    "pagu_grid": Aturan(get=PEMBACA_OPD, post=PENGUBAH_PAGU, luar=OPD_LAIN),
    "pagu_ekspor": Aturan(get=PEMBACA_OPD, luar=OPD_LAIN),
    "pagu_unggah": Aturan(post=PENGUBAH_PAGU, luar=OPD_LAIN),
    "pagu_unggah_simpan": Aturan(post=PENGUBAH_PAGU, luar=OPD_LAIN),
    "pagu_riwayat": Aturan(get=PEMBACA_OPD, luar=OPD_LAIN),
}
