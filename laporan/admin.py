from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from laporan.models import (
    AnalisisIndikator,
    DokumenTerbit,
    LaporanKinerja,
    PenandatanganDokumen,
    PerjanjianKinerja,
    PKIndikator,
    PKProgram,
)


class PKIndikatorInline(admin.TabularInline):
    model = PKIndikator
    extra = 0
    fields = (
        "urutan",
        "indikator",
        "sasaran_uraian",
        "indikator_uraian",
        "target_nilai",
        "target_teks",
        "satuan",
    )
    raw_id_fields = ("indikator",)


class PKProgramInline(admin.TabularInline):
    model = PKProgram
    extra = 0
    fields = ("urutan", "program", "program_nama", "anggaran", "sumber_dana")
    raw_id_fields = ("program",)


@admin.register(PerjanjianKinerja)
class PerjanjianKinerjaAdmin(SimpleHistoryAdmin):
    list_display = (
        "__str__",
        "tahun",
        "versi",
        "is_perubahan",
        "tanggal",
        "status",
        "finalized_at",
    )
    list_filter = ("status", "tahun", "is_perubahan", "opd")
    list_select_related = ("opd",)
    raw_id_fields = ("pihak_pertama", "pihak_kedua")
    readonly_fields = ("finalized_at", "finalized_by")
    inlines = [PKIndikatorInline, PKProgramInline]


class AnalisisIndikatorInline(admin.StackedInline):
    model = AnalisisIndikator
    extra = 0
    raw_id_fields = ("indikator",)


@admin.register(LaporanKinerja)
class LaporanKinerjaAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "tahun", "status", "finalized_at")
    list_filter = ("status", "tahun", "opd")
    list_select_related = ("opd",)
    inlines = [AnalisisIndikatorInline]


@admin.register(DokumenTerbit)
class DokumenTerbitAdmin(admin.ModelAdmin):
    list_display = ("kode", "jenis", "opd", "tahun", "triwulan", "versi", "is_final", "created_at")
    list_filter = ("jenis", "is_final", "tahun", "opd")
    search_fields = ("kode", "sha256")
    list_select_related = ("opd",)
    readonly_fields = [f.name for f in DokumenTerbit._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(PenandatanganDokumen)
class PenandatanganDokumenAdmin(SimpleHistoryAdmin):
    list_display = ("kunci", "opd", "jenis", "tempat", "tanggal", "penandatangan")
    list_filter = ("jenis", "opd")
    search_fields = ("kunci",)
    raw_id_fields = ("penandatangan", "pihak_kedua", "unit", "periode")
    readonly_fields = ("kunci", "diubah_oleh", "updated_at")
