from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kinerja.models import Aksi, BuktiRealisasi, Realisasi, RencanaAksi, TargetTriwulan
from renstra.admin import IndikatorAdmin, TargetTahunanInline
from renstra.models import Indikator


class TargetTriwulanInline(admin.TabularInline):
    model = TargetTriwulan
    extra = 0
    fields = ("tahun", "triwulan", "nilai", "level", "teks")


class RealisasiInline(admin.TabularInline):
    model = Realisasi
    extra = 0
    fields = ("tahun", "triwulan", "nilai", "pembilang", "penyebut", "level", "status")
    show_change_link = True


@admin.register(TargetTriwulan)
class TargetTriwulanAdmin(SimpleHistoryAdmin):
    list_display = ("indikator", "tahun", "triwulan", "nilai", "level", "teks")
    list_filter = ("tahun", "triwulan", "indikator__periode__opd")
    search_fields = ("indikator__uraian",)
    list_select_related = ("indikator", "level")
    raw_id_fields = ("indikator",)


class BuktiInline(admin.TabularInline):
    model = BuktiRealisasi
    extra = 0
    fields = ("nama_asli", "content_type", "ukuran", "diunggah_oleh", "created_at")
    readonly_fields = fields


@admin.register(Realisasi)
class RealisasiAdmin(SimpleHistoryAdmin):
    list_display = (
        "indikator",
        "tahun",
        "triwulan",
        "nilai",
        "pembilang",
        "penyebut",
        "level",
        "status",
    )
    list_filter = ("status", "tahun", "triwulan", "indikator__periode__opd")
    search_fields = ("indikator__uraian", "penjelasan")
    list_select_related = ("indikator", "level")
    raw_id_fields = (
        "indikator",
        "dibuat_oleh",
        "diubah_oleh",
        "diajukan_oleh",
        "diverifikasi_oleh",
    )
    readonly_fields = ("versi", "created_at", "updated_at")
    inlines = [BuktiInline]


class AksiInline(admin.TabularInline):
    model = Aksi
    extra = 0
    fields = (
        "sub_kegiatan",
        "uraian",
        "volume",
        "satuan_volume",
        "tw1",
        "tw2",
        "tw3",
        "tw4",
        "urutan",
    )
    raw_id_fields = ("sub_kegiatan",)


@admin.register(RencanaAksi)
class RencanaAksiAdmin(admin.ModelAdmin):
    list_display = ("__str__", "unit", "tahun", "tanggal", "status")
    list_filter = ("status", "tahun", "unit__opd", "unit")
    list_select_related = ("unit",)
    inlines = [AksiInline]


@admin.register(Aksi)
class AksiAdmin(admin.ModelAdmin):
    list_display = ("uraian", "sub_kegiatan", "volume", "satuan_volume", "tw1", "tw2", "tw3", "tw4")
    list_filter = ("rencana_aksi__tahun", "rencana_aksi__unit")
    search_fields = ("uraian", "sub_kegiatan__nama")
    list_select_related = ("sub_kegiatan",)
    raw_id_fields = ("sub_kegiatan",)


# The plan's indicator page also shows its quarterly targets and realisations: this layer
# owns them, so it extends the plan's admin rather than the plan importing upwards.
admin.site.unregister(Indikator)


@admin.register(Indikator)
class IndikatorKinerjaAdmin(IndikatorAdmin):
    inlines = [TargetTahunanInline, TargetTriwulanInline, RealisasiInline]
