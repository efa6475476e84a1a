from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kinerja.models import (
    Aksi,
    AnalisisIndikator,
    BuktiRealisasi,
    DokumenTerbit,
    LaporanKinerja,
    PerjanjianKinerja,
    PKIndikator,
    PKProgram,
    Realisasi,
    RencanaAksi,
    RiwayatTriwulan,
    SkalaPredikat,
    TargetTriwulan,
    TingkatPredikat,
    TriwulanPelaporan,
)


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
    list_display = ("indikator", "tahun", "triwulan", "nilai", "pembilang", "penyebut", "level", "status")
    list_filter = ("status", "tahun", "triwulan", "indikator__periode__opd")
    search_fields = ("indikator__uraian", "penjelasan")
    list_select_related = ("indikator", "level")
    raw_id_fields = ("indikator", "dibuat_oleh", "diubah_oleh", "diajukan_oleh", "diverifikasi_oleh")
    readonly_fields = ("versi", "created_at", "updated_at")
    inlines = [BuktiInline]


class RiwayatTriwulanInline(admin.TabularInline):
    model = RiwayatTriwulan
    extra = 0
    fields = ("aksi", "alasan", "oleh", "created_at")
    readonly_fields = fields


@admin.register(TriwulanPelaporan)
class TriwulanPelaporanAdmin(admin.ModelAdmin):
    list_display = ("opd", "tahun", "triwulan", "status", "batas_waktu")
    list_filter = ("status", "tahun", "opd")
    list_select_related = ("opd",)
    inlines = [RiwayatTriwulanInline]


class TingkatPredikatInline(admin.TabularInline):
    model = TingkatPredikat
    extra = 0


@admin.register(SkalaPredikat)
class SkalaPredikatAdmin(admin.ModelAdmin):
    list_display = ("nama", "pemda", "utama")
    list_filter = ("utama",)
    inlines = [TingkatPredikatInline]


class PKIndikatorInline(admin.TabularInline):
    model = PKIndikator
    extra = 0
    fields = ("urutan", "indikator", "sasaran_uraian", "indikator_uraian", "target_nilai", "target_teks", "satuan")
    raw_id_fields = ("indikator",)


class PKProgramInline(admin.TabularInline):
    model = PKProgram
    extra = 0
    fields = ("urutan", "program", "program_nama", "anggaran", "sumber_dana")
    raw_id_fields = ("program",)


@admin.register(PerjanjianKinerja)
class PerjanjianKinerjaAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "tahun", "versi", "is_perubahan", "tanggal", "status", "finalized_at")
    list_filter = ("status", "tahun", "is_perubahan", "opd")
    list_select_related = ("opd",)
    raw_id_fields = ("pihak_pertama", "pihak_kedua")
    readonly_fields = ("finalized_at", "finalized_by")
    inlines = [PKIndikatorInline, PKProgramInline]


class AksiInline(admin.TabularInline):
    model = Aksi
    extra = 0
    fields = ("sub_kegiatan", "uraian", "volume", "satuan_volume", "tw1", "tw2", "tw3", "tw4", "urutan")
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
