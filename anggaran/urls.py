from django.urls import path

from anggaran import views, views_renstra

app_name = "anggaran"

urlpatterns = [
    path("realisasi/", views.realisasi_anggaran_list, name="realisasi_anggaran_list"),
    # --- the Renstra workbook (plan and pagu): import, template, export ---
    path("renstra/impor/", views_renstra.renstra_impor_view, name="renstra_impor"),
    path(
        "renstra/periode/<int:pk>/ekspor.xlsx", views_renstra.renstra_ekspor, name="renstra_ekspor"
    ),
]
