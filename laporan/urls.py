from django.urls import path

from laporan.views import dokumen as views
from laporan.views import lampiran as views_lampiran
from laporan.views import matriks as views_matriks
from laporan.views import pengesahan as views_pengesahan
from laporan.views import pk_jenjang as views_pk_jenjang
from laporan.views import pohon as views_pohon
from laporan.views import rencana_aksi as views_ra
from laporan.views import skp as views_skp
from laporan.views import word as views_word
from laporan.views import xlsx as views_xlsx
from sakip.akses import (
    BERPERAN,
    OPD_LAIN,
    OPERATOR_BIDANG_LAIN,
    PEMBACA_OPD,
    PENGELOLA,
    PENGESAH,
    PENYUSUN,
    PUBLIK,
    Aturan,
)

app_name = "laporan"

DOKUMEN = [
    ("pk", "pk"),
    ("rencana-aksi", "rencana_aksi"),
    ("lkjip", "lkjip"),
    ("iku", "iku"),
    ("cascading", "cascading"),
    ("pohon-kinerja", "pohon_kinerja"),
]

P = "laporan/<slug:opd>/<int:tahun>/"

urlpatterns = [
    path("verifikasi/<str:kode>/", views.verifikasi, name="verifikasi"),
    path("laporan/", views.beranda, name="beranda"),
    path(P, views.indeks, name="indeks"),
    path(
        P + "pengukuran/<int:triwulan>/",
        views.dokumen_html,
        {"jenis": "pengukuran"},
        name="pengukuran",
    ),
    path(
        P + "pengukuran/<int:triwulan>.pdf",
        views.dokumen_pdf,
        {"jenis": "pengukuran"},
        name="pengukuran_pdf",
    ),
    path(P + "pk/ubah/", views.pk_ubah, name="pk_ubah"),
    path(P + "pk/finalkan/", views.pk_finalkan, name="pk_finalkan"),
    path(P + "pk/perubahan/", views.pk_perubahan, name="pk_perubahan"),
    path(P + "pk/buka/", views.pk_buka, name="pk_buka"),
    path(P + "target/", views.target_ubah, name="target_ubah"),
    path(P + "rencana-aksi/<slug:unit>/ubah/", views.rencana_aksi_ubah, name="rencana_aksi_ubah"),
    path(
        P + "rencana-aksi/<slug:unit>/aksi/<int:pk>/hapus/", views_ra.aksi_hapus, name="aksi_hapus"
    ),
    path(P + "rencana-aksi/<slug:unit>/aksi/<int:pk>/", views_ra.aksi_ubah, name="aksi_ubah"),
    path(
        P + "rencana-aksi/<slug:unit>/finalkan/",
        views.rencana_aksi_finalkan,
        name="rencana_aksi_finalkan",
    ),
    path(P + "rencana-aksi/<slug:unit>/buka/", views.rencana_aksi_buka, name="rencana_aksi_buka"),
    path(P + "lkjip/ubah/", views.lkjip_ubah, name="lkjip_ubah"),
    path(P + "lkjip/finalkan/", views.lkjip_finalkan, name="lkjip_finalkan"),
    path(P + "lkjip/buka/", views.lkjip_buka, name="lkjip_buka"),
    path(P + "lkjip/lampiran/", views_lampiran.lampiran_daftar, name="lampiran_daftar"),
    path(
        P + "lkjip/lampiran/<int:pk>/hapus/",
        views_lampiran.lampiran_hapus,
        name="lampiran_hapus",
    ),
    path(
        P + "lkjip/lampiran/<int:pk>/berkas/",
        views_lampiran.lampiran_berkas,
        name="lampiran_berkas",
    ),
    path(P + "pohon/", views_pohon.pohon, name="pohon"),
    path(P + "pk-jenjang/", views_pk_jenjang.pk_jenjang_daftar, name="pk_jenjang_daftar"),
    path(P + "pk-jenjang/<int:pejabat>/", views_pk_jenjang.pk_jenjang, name="pk_jenjang"),
    path(
        P + "pk-jenjang/<int:pejabat>.pdf", views_pk_jenjang.pk_jenjang_pdf, name="pk_jenjang_pdf"
    ),
    path(
        P + "pk-jenjang/<int:pejabat>/buat/",
        views_pk_jenjang.pk_jenjang_buat,
        name="pk_jenjang_buat",
    ),
    path(
        P + "pk-jenjang/<int:pejabat>/ubah/",
        views_pk_jenjang.pk_jenjang_ubah,
        name="pk_jenjang_ubah",
    ),
    path(
        P + "pk-jenjang/<int:pejabat>/susun-ulang/",
        views_pk_jenjang.pk_jenjang_susun_ulang,
        name="pk_jenjang_susun_ulang",
    ),
    path(
        P + "pk-jenjang/<int:pejabat>/finalkan/",
        views_pk_jenjang.pk_jenjang_finalkan,
        name="pk_jenjang_finalkan",
    ),
    path(
        P + "pk-jenjang/<int:pejabat>/buka/",
        views_pk_jenjang.pk_jenjang_buka,
        name="pk_jenjang_buka",
    ),
    path(
        P + "pk-jenjang/<int:pejabat>/perubahan/",
        views_pk_jenjang.pk_jenjang_perubahan,
        name="pk_jenjang_perubahan",
    ),
    path(P + "skp/", views_skp.skp_daftar, name="skp_daftar"),
    path(P + "skp/<int:pejabat>/", views_skp.skp_detail, name="skp_detail"),
    path(P + "skp/<int:pejabat>.xlsx", views_skp.skp_xlsx, name="skp_xlsx"),
    path(P + "skp/<int:pejabat>.csv", views_skp.skp_csv, name="skp_csv"),
    path(
        P + "pengesahan/<slug:dokumen>/",
        views_pengesahan.pengesahan_ubah,
        name="pengesahan_ubah",
    ),
]

for jenis, name in DOKUMEN:
    urlpatterns += [
        path(P + f"{jenis}/", views.dokumen_html, {"jenis": jenis}, name=name),
        path(P + f"{jenis}.pdf", views.dokumen_pdf, {"jenis": jenis}, name=f"{name}_pdf"),
    ]

for jenis, name in DOKUMEN:
    urlpatterns.append(
        path(P + f"{jenis}.xlsx", views_xlsx.dokumen_xlsx, {"jenis": jenis}, name=f"{name}_xlsx")
    )

# The LKjIP and the PK also as Word, next to their PDF (laporan.word).
DOKUMEN_DOCX = [("pk", "pk"), ("lkjip", "lkjip")]
for jenis, name in DOKUMEN_DOCX:
    urlpatterns.append(
        path(P + f"{jenis}.docx", views_word.dokumen_docx, {"jenis": jenis}, name=f"{name}_docx")
    )

M = "renstra/<slug:opd>/<int:periode>/matriks/"
urlpatterns += [
    path(
        P + "pengukuran/<int:triwulan>.xlsx",
        views_xlsx.dokumen_xlsx,
        {"jenis": "pengukuran"},
        name="pengukuran_xlsx",
    ),
    path(M + "<slug:jenis>/", views_matriks.matriks_html, name="matriks"),
    path(M + "<slug:jenis>.pdf", views_matriks.matriks_pdf, name="matriks_pdf"),
    path(M + "<slug:jenis>.xlsx", views_matriks.matriks_xlsx, name="matriks_xlsx"),
    path(
        M + "<slug:jenis>/pengesahan/",
        views_pengesahan.matriks_pengesahan,
        name="matriks_pengesahan",
    ),
    path("laporan/<slug:opd>/periode/<int:pk>/t-c-27.xlsx", views_xlsx.tc27_xlsx, name="tc27_xlsx"),
]

# Who may GET and POST each address (sakip.akses; tests/test_matriks_akses.py checks it).
# Every document of an OPD is read by whoever reads that OPD; Perencana drafts, Kepala
# Dinas finalises, Admin reopens. The OPD in the address is checked before the role, so
# the other Pemda gets 404 everywhere.
BACA = Aturan(get=PEMBACA_OPD, luar=OPD_LAIN)
AKSES = {
    "verifikasi": Aturan(get=PUBLIK, catatan="The one page for anonymous visitors."),
    "beranda": Aturan(get=BERPERAN),
    "indeks": BACA,
    "pk_ubah": Aturan(get=PENYUSUN | PENGESAH, post=PENYUSUN | PENGESAH, luar=OPD_LAIN),
    "pk_finalkan": Aturan(get=PENGESAH, post=PENGESAH, luar=OPD_LAIN),
    "pk_perubahan": Aturan(post=PENYUSUN, luar=OPD_LAIN),
    "pk_buka": Aturan(get=PENGELOLA, post=PENGELOLA, luar=OPD_LAIN),
    "target_ubah": Aturan(get=PEMBACA_OPD, post=PENYUSUN, luar=OPD_LAIN),
    "rencana_aksi_ubah": Aturan(get=PEMBACA_OPD, post=PENYUSUN, luar=OPD_LAIN),
    "aksi_hapus": Aturan(get=PENYUSUN, post=PENYUSUN, luar=OPD_LAIN),
    "aksi_ubah": Aturan(
        get=PEMBACA_OPD,
        post=PENYUSUN,
        luar=OPD_LAIN,
        catatan="GET gives the row as a form to who may edit it, as it is to other readers.",
    ),
    "rencana_aksi_finalkan": Aturan(post=PENGESAH, luar=OPD_LAIN),
    "rencana_aksi_buka": Aturan(get=PENGELOLA, post=PENGELOLA, luar=OPD_LAIN),
    "lkjip_ubah": Aturan(get=PEMBACA_OPD, post=PENYUSUN, luar=OPD_LAIN),
    "lkjip_finalkan": Aturan(post=PENGESAH, luar=OPD_LAIN),
    "lkjip_buka": Aturan(get=PENGELOLA, post=PENGELOLA, luar=OPD_LAIN),
    "lampiran_daftar": Aturan(
        get=PEMBACA_OPD,
        post=PENYUSUN,
        luar=OPD_LAIN,
        catatan="Every reader sees the Daftar Lampiran; the perencana uploads.",
    ),
    "lampiran_hapus": Aturan(get=PENYUSUN, post=PENYUSUN, luar=OPD_LAIN),
    "lampiran_berkas": BACA,
    "pengesahan_ubah": Aturan(get=PENYUSUN, post=PENYUSUN, luar=OPD_LAIN),
    "matriks_pengesahan": Aturan(get=PENYUSUN, post=PENYUSUN, luar=OPD_LAIN),
    "pengukuran": BACA,
    "pengukuran_pdf": BACA,
    "pengukuran_xlsx": BACA,
    **{name: BACA for _, name in DOKUMEN},
    **{f"{name}_pdf": BACA for _, name in DOKUMEN},
    **{f"{name}_xlsx": BACA for _, name in DOKUMEN},
    **{f"{name}_docx": BACA for _, name in DOKUMEN_DOCX},
    "pohon": Aturan(
        get=PEMBACA_OPD,
        luar=OPD_LAIN,
        catatan="An operator or verifier sees only the nodes of their own unit.",
    ),
    "skp_daftar": Aturan(
        get=PEMBACA_OPD,
        luar=OPD_LAIN,
        catatan="An operator or verifier sees only the officials of their unit.",
    ),
    **{
        name: Aturan(
            get=PEMBACA_OPD - {OPERATOR_BIDANG_LAIN},
            luar=OPD_LAIN | {OPERATOR_BIDANG_LAIN},
            catatan="The address names an official of Rehlinjamsos: outside the scope of "
            "another Bidang's operator.",
        )
        for name in ("skp_detail", "skp_xlsx", "skp_csv", "pk_jenjang", "pk_jenjang_pdf")
    },
    "pk_jenjang_daftar": Aturan(
        get=PEMBACA_OPD,
        luar=OPD_LAIN,
        catatan="An operator or verifier sees only the officials of their unit.",
    ),
    "pk_jenjang_buat": Aturan(post=PENYUSUN, luar=OPD_LAIN),
    "pk_jenjang_ubah": Aturan(
        get=PENYUSUN,
        post=PENYUSUN,
        luar=OPD_LAIN,
        catatan="The perencana edits a draft's rows; a final PK's page only says so.",
    ),
    "pk_jenjang_susun_ulang": Aturan(post=PENYUSUN, luar=OPD_LAIN),
    "pk_jenjang_finalkan": Aturan(post=PENGESAH, luar=OPD_LAIN),
    "pk_jenjang_buka": Aturan(get=PENGELOLA, post=PENGELOLA, luar=OPD_LAIN),
    "pk_jenjang_perubahan": Aturan(get=PENYUSUN, post=PENYUSUN, luar=OPD_LAIN),
    "matriks": BACA,
    "matriks_pdf": BACA,
    "matriks_xlsx": BACA,
    "tc27_xlsx": Aturan(get=BERPERAN, catatan="A former address: redirects to matriks_xlsx."),
}
