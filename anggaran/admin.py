from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from anggaran.models import DPA, AnggaranProgramHistoris, Pagu, RealisasiAnggaran
from renstra.admin import IndikatorInline, SubKegiatanAdmin
from renstra.models import SubKegiatan


class PaguInline(admin.TabularInline):
    model = Pagu
    extra = 0
    fields = ("tahun", "berlaku_mulai", "jenis", "jumlah", "sumber_dana", "keterangan")


@admin.register(Pagu)
class PaguAdmin(SimpleHistoryAdmin):
    list_display = ("sub_kegiatan", "tahun", "berlaku_mulai", "jenis", "jumlah")
    list_filter = ("tahun", "jenis", "berlaku_mulai", "sub_kegiatan__periode__opd")
    search_fields = ("sub_kegiatan__kode", "sub_kegiatan__nama")
    list_select_related = ("sub_kegiatan",)
    raw_id_fields = ("sub_kegiatan",)


@admin.register(RealisasiAnggaran)
class RealisasiAnggaranAdmin(SimpleHistoryAdmin):
    list_display = ("sub_kegiatan", "tahun", "triwulan", "jumlah", "status")
    list_filter = ("status", "tahun", "triwulan", "sub_kegiatan__periode__opd")
    search_fields = ("sub_kegiatan__kode", "sub_kegiatan__nama")
    list_select_related = ("sub_kegiatan",)
    raw_id_fields = ("sub_kegiatan", "diubah_oleh")
    readonly_fields = ("versi",)


@admin.register(DPA)
class DPAAdmin(SimpleHistoryAdmin):
    list_display = ("opd", "tahun", "berlaku_mulai", "jumlah", "realisasi", "tanggal")
    list_filter = ("tahun", "opd")
    list_select_related = ("opd",)


@admin.register(AnggaranProgramHistoris)
class AnggaranProgramHistorisAdmin(admin.ModelAdmin):
    list_display = ("program", "tahun", "anggaran", "realisasi")
    list_filter = ("tahun", "program__periode__opd")
    search_fields = ("program__nama", "program__kode")
    list_select_related = ("program",)


# A sub-kegiatan's page also lists its pagu rows: this layer owns them, so it extends the
# plan's admin rather than the plan importing upwards.
admin.site.unregister(SubKegiatan)


@admin.register(SubKegiatan)
class SubKegiatanAnggaranAdmin(SubKegiatanAdmin):
    inlines = [IndikatorInline, PaguInline]
