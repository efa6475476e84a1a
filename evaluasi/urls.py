from django.urls import path

from evaluasi import views
from sakip.akses import (
    ADMIN,
    BERPERAN,
    INSPEKTORAT,
    KEPALA_DINAS,
    OPD_LAIN,
    PEMBACA_OPD,
    PEMBACA_PEMDA,
    PENGESAH,
    PENGISI,
    PERENCANA,
    Aturan,
)

app_name = "evaluasi"

E = "evaluasi/<slug:opd>/<int:tahun>/"

urlpatterns = [
    path("evaluasi/", views.beranda, name="beranda"),
    path("evaluasi/<int:tahun>/peringkat/", views.peringkat, name="peringkat"),
    path("evaluasi/rekomendasi/", views.rekomendasi_list, name="rekomendasi_list"),
    path(
        "evaluasi/rekomendasi/<int:pk>/status/",
        views.rekomendasi_status,
        name="rekomendasi_status",
    ),
    path(
        "evaluasi/rekomendasi/<int:pk>/tindak-lanjut/",
        views.tindak_lanjut_simpan,
        name="tindak_lanjut_simpan",
    ),
    path("evaluasi/bukti/<int:pk>/", views.bukti_unduh, name="bukti_unduh"),
    path(
        "evaluasi/tindak-lanjut/<int:pk>/bukti/",
        views.tindak_lanjut_unduh,
        name="tindak_lanjut_unduh",
    ),
    path(E, views.lke, name="lke"),
    path(E + "lke.xlsx", views.lke_xlsx, name="lke_xlsx"),
    path(E + "lhe/", views.lhe, name="lhe"),
    path(E + "lhe.pdf", views.lhe_pdf, name="lhe_pdf"),
    path(E + "pemantauan/", views.pemantauan, name="pemantauan"),
    path(E + "jawaban/<int:kriteria>/", views.jawaban_simpan, name="jawaban_simpan"),
    path(E + "bukti/<int:kriteria>/", views.bukti_unggah, name="bukti_unggah"),
    path(E + "syarat/<int:sub>/", views.syarat_sub_simpan, name="syarat_sub_simpan"),
    path(E + "rekomendasi/<int:kriteria>/", views.rekomendasi_buat, name="rekomendasi_buat"),
    path(E + "setujui/", views.mandiri_setujui, name="mandiri_setujui"),
    path(E + "finalkan/", views.inspektorat_finalkan, name="inspektorat_finalkan"),
]

# Who may GET and POST each address (sakip.akses; tests/test_matriks_akses.py checks it).
# Whoever reads the OPD reads its LKE; the Perencana writes the self-assessment (the
# addresses post pihak=mandiri), the Kepala Dinas approves it; the Inspektorat of the Pemda
# writes its own evaluation and the recommendations; the OPD records the follow-up.
BACA = Aturan(get=PEMBACA_OPD, luar=OPD_LAIN)
MANDIRI = frozenset({ADMIN, PERENCANA})
EVALUATOR = frozenset({ADMIN, INSPEKTORAT})
OPD_TINDAK_LANJUT = frozenset({ADMIN, PERENCANA, KEPALA_DINAS})
PEMDA = PEMBACA_PEMDA
AKSES = {
    "beranda": Aturan(get=BERPERAN, catatan="Redirects to the ranking or the user's own LKE."),
    "peringkat": Aturan(get=PEMDA),
    "rekomendasi_list": Aturan(get=PEMDA),
    "rekomendasi_status": Aturan(
        post=OPD_TINDAK_LANJUT,
        luar=OPD_LAIN,
        catatan="The address moves an open recommendation to 'proses': the OPD's step.",
    ),
    "tindak_lanjut_simpan": Aturan(post=OPD_TINDAK_LANJUT, luar=OPD_LAIN),
    "bukti_unduh": BACA,
    "tindak_lanjut_unduh": BACA,
    "lke": BACA,
    "lke_xlsx": BACA,
    "lhe": BACA,
    "lhe_pdf": BACA,
    "pemantauan": Aturan(get=PEMBACA_OPD, post=PENGISI, luar=OPD_LAIN),
    "jawaban_simpan": Aturan(post=MANDIRI, luar=OPD_LAIN),
    "bukti_unggah": Aturan(post=MANDIRI, luar=OPD_LAIN),
    "syarat_sub_simpan": Aturan(post=MANDIRI, luar=OPD_LAIN),
    "rekomendasi_buat": Aturan(post=EVALUATOR, luar=OPD_LAIN),
    "mandiri_setujui": Aturan(post=PENGESAH, luar=OPD_LAIN),
    "inspektorat_finalkan": Aturan(post=EVALUATOR, luar=OPD_LAIN),
}
