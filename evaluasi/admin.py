from django.contrib import admin

from evaluasi.models import Evaluasi, Kriteria, Pemantauan, Rekomendasi, VersiLke


@admin.register(VersiLke)
class VersiLkeAdmin(admin.ModelAdmin):
    """A version is reference data: a later regulation is loaded as a new one
    (manage.py load_lke), never edited here."""

    list_display = ("regulasi", "kode", "tahun_mulai", "metode")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Kriteria)
class KriteriaAdmin(admin.ModelAdmin):
    list_display = ("kode", "uraian", "skala", "aturan")
    list_filter = ("sub_komponen__komponen__versi", "skala")
    list_select_related = ("sub_komponen",)
    search_fields = ("kode", "uraian")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Evaluasi)
class EvaluasiAdmin(admin.ModelAdmin):
    list_display = ("opd", "tahun", "versi", "status_mandiri", "status_inspektorat")
    list_filter = ("tahun", "status_mandiri", "status_inspektorat")
    list_select_related = ("opd", "versi")
    readonly_fields = (
        "status_mandiri",
        "status_inspektorat",
        "disetujui_oleh",
        "disetujui_pada",
        "difinalkan_pada",
    )


@admin.register(Rekomendasi)
class RekomendasiAdmin(admin.ModelAdmin):
    list_display = ("evaluasi", "kriteria", "status", "created_at")
    list_filter = ("status",)
    list_select_related = ("evaluasi__opd", "kriteria")
    readonly_fields = ("status",)


@admin.register(Pemantauan)
class PemantauanAdmin(admin.ModelAdmin):
    list_display = ("unit", "tahun", "triwulan", "status", "batas_waktu")
    list_filter = ("tahun", "triwulan", "status")
    list_select_related = ("unit",)
