from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.forms.models import BaseInlineFormSet
from simple_history.admin import SimpleHistoryAdmin

from renstra import services
from renstra.models import (
    Indikator,
    IndikatorRPJMD,
    Kegiatan,
    LevelKategori,
    MisiRPJMD,
    NodePohon,
    Pejabat,
    Pemda,
    Pengguna,
    PerangkatDaerah,
    PeriodeRenstra,
    PeriodeRPJMD,
    Program,
    ProgramSasaranTahunan,
    RiwayatTriwulan,
    Sasaran,
    SasaranRPJMD,
    SkalaKategori,
    SkalaPredikat,
    SubKegiatan,
    TargetRPJMD,
    TargetTahunan,
    TingkatPredikat,
    TriwulanPelaporan,
    Tujuan,
    TujuanRPJMD,
    UnitKerja,
)


class UnitKerjaInline(admin.TabularInline):
    model = UnitKerja
    extra = 0
    prepopulated_fields = {"slug": ("nama",)}


class PejabatInlineFormSet(BaseInlineFormSet):
    """An OPD's officials belong to the OPD's Pemda: filled from the OPD before the
    officials are validated (adding an OPD with officials raised IntegrityError: the
    pejabat's pemda was never set)."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if self.instance.pemda_id:
            form.instance.pemda_id = self.instance.pemda_id
        return form


class PejabatInline(admin.TabularInline):
    model = Pejabat
    formset = PejabatInlineFormSet
    extra = 0
    fields = (
        "nama",
        "nip",
        "pangkat",
        "golongan",
        "jabatan",
        "jenis_penugasan",
        "eselon",
        "mulai_menjabat",
        "selesai_menjabat",
        "atasan",
        "unit",
        "is_kepala",
        "aktif",
    )


@admin.register(Pemda)
class PemdaAdmin(admin.ModelAdmin):
    list_display = ("nama", "jenis", "jabatan_kepala_daerah", "rumus_negatif", "konvensi_efisiensi")
    search_fields = ("nama",)
    prepopulated_fields = {"slug": ("nama",)}
    fieldsets = (
        (None, {"fields": ("nama", "slug", "jenis", "ibukota", "jabatan_kepala_daerah")}),
        (
            "Pengaturan perhitungan",
            {
                "fields": (
                    "skala_predikat",
                    "rumus_negatif",
                    "batas_capaian",
                    "tampilkan_capaian_tanpa_batas",
                    "realisasi_dihitung",
                    "konvensi_efisiensi",
                    "batas_atas_efisien",
                    "label_efisien",
                    "label_tidak_efisien",
                    "label_di_atas_batas",
                )
            },
        ),
    )


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(admin.ModelAdmin):
    list_display = ("nama", "singkatan", "pemda")
    list_filter = ("pemda",)
    search_fields = ("nama", "singkatan")
    prepopulated_fields = {"slug": ("nama",)}
    inlines = [UnitKerjaInline, PejabatInline]


@admin.register(UnitKerja)
class UnitKerjaAdmin(admin.ModelAdmin):
    list_display = ("nama", "jenis", "opd", "urutan")
    list_filter = ("jenis", "opd__pemda", "opd")
    search_fields = ("nama", "singkatan")
    list_select_related = ("opd",)
    prepopulated_fields = {"slug": ("nama",)}


@admin.register(Pejabat)
class PejabatAdmin(admin.ModelAdmin):
    list_display = (
        "nama",
        "nip",
        "pangkat",
        "jabatan",
        "opd",
        "is_kepala",
        "is_kepala_daerah",
        "aktif",
    )
    list_filter = ("aktif", "is_kepala", "is_kepala_daerah", "pemda", "opd")
    search_fields = ("nama", "nip", "jabatan")
    list_select_related = ("opd",)


@admin.register(Pengguna)
class PenggunaAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "opd", "unit", "peran", "is_active")
    list_filter = ("groups", "is_active", "pemda", "opd")
    list_select_related = ("opd", "unit")
    fieldsets = UserAdmin.fieldsets + (("Organisasi", {"fields": ("pemda", "opd", "unit")}),)
    add_fieldsets = UserAdmin.add_fieldsets + (
        ("Organisasi", {"fields": ("pemda", "opd", "unit", "groups")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description="peran")
    def peran(self, obj):
        return ", ".join(g.name for g in obj.groups.all())


class IndikatorRPJMDInline(admin.TabularInline):
    model = IndikatorRPJMD
    extra = 0


@admin.register(TujuanRPJMD)
class TujuanRPJMDAdmin(admin.ModelAdmin):
    list_display = ("uraian", "kode", "pemda")
    list_filter = ("pemda",)
    search_fields = ("uraian",)
    inlines = [IndikatorRPJMDInline]


class TargetRPJMDInline(admin.TabularInline):
    model = TargetRPJMD
    extra = 0


@admin.register(IndikatorRPJMD)
class IndikatorRPJMDAdmin(admin.ModelAdmin):
    list_display = ("uraian", "satuan", "tujuan_rpjmd", "sasaran_rpjmd")
    search_fields = ("uraian",)
    inlines = [TargetRPJMDInline]


class TujuanInline(admin.TabularInline):
    model = Tujuan
    extra = 0
    fields = ("kode", "uraian", "urutan", "tujuan_rpjmd")


@admin.register(PeriodeRenstra)
class PeriodeRenstraAdmin(admin.ModelAdmin):
    list_display = ("__str__", "tahun_awal", "tahun_akhir", "versi", "status", "dua_level")
    list_filter = ("status", "dua_level", "opd__pemda", "opd")
    search_fields = ("nama", "opd__nama")
    list_select_related = ("opd",)
    inlines = [TujuanInline]


class IndikatorInline(admin.StackedInline):
    model = Indikator
    extra = 0
    fields = (
        ("kode", "urutan", "is_iku"),
        "uraian",
        ("satuan", "tipe", "polaritas", "agregasi"),
        ("skala", "rentang_bawah", "rentang_atas"),
        "formula",
        ("label_pembilang", "label_penyebut"),
        ("kondisi_awal", "tahun_kondisi_awal"),
    )
    show_change_link = True


class SasaranInline(admin.TabularInline):
    model = Sasaran
    extra = 0
    fields = ("kode", "uraian", "urutan", "iku_kota")
    show_change_link = True


@admin.register(Tujuan)
class TujuanAdmin(admin.ModelAdmin):
    list_display = ("kode", "uraian", "periode")
    list_filter = ("periode__opd", "periode")
    search_fields = ("kode", "uraian")
    list_select_related = ("periode__opd",)
    inlines = [SasaranInline, IndikatorInline]


class ProgramInline(admin.TabularInline):
    model = Program
    extra = 0
    fields = ("kode", "nama", "periode", "urutan")
    show_change_link = True


@admin.register(Sasaran)
class SasaranAdmin(admin.ModelAdmin):
    list_display = ("kode", "uraian", "tujuan", "periode")
    list_filter = ("periode__opd", "periode")
    search_fields = ("kode", "uraian")
    list_select_related = ("tujuan", "periode__opd")
    inlines = [IndikatorInline, ProgramInline]


class KegiatanInline(admin.TabularInline):
    model = Kegiatan
    extra = 0
    fields = ("kode", "nama", "urutan")
    show_change_link = True


class ProgramSasaranTahunanInline(admin.TabularInline):
    """Per-year override of the program's sasaran (issue 11 item 4): wins in that year's
    documents; an empty sasaran makes it a support program that year."""

    model = ProgramSasaranTahunan
    extra = 0
    fields = ("tahun", "sasaran")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Offer only the sasaran of the program's own period (the model checks it too).
        object_id = request.resolver_match.kwargs.get("object_id")
        if db_field.name == "sasaran" and object_id:
            kwargs["queryset"] = Sasaran.objects.filter(
                periode__program_set__pk=object_id
            ).order_by("urutan", "kode")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama", "sasaran", "periode")
    list_filter = ("periode__opd", "periode")
    search_fields = ("kode", "nama")
    list_select_related = ("sasaran", "periode__opd")
    inlines = [ProgramSasaranTahunanInline, KegiatanInline, IndikatorInline]


class SubKegiatanInline(admin.TabularInline):
    model = SubKegiatan
    extra = 0
    fields = ("kode", "nama", "unit", "lokasi", "urutan")
    show_change_link = True


@admin.register(Kegiatan)
class KegiatanAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama", "program", "periode")
    list_filter = ("periode__opd", "periode")
    search_fields = ("kode", "nama")
    list_select_related = ("program", "periode__opd")
    inlines = [SubKegiatanInline, IndikatorInline]


@admin.register(SubKegiatan)
class SubKegiatanAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama", "unit", "lokasi", "periode")
    list_filter = ("periode__opd", "periode", "unit")
    search_fields = ("kode", "nama")
    list_select_related = ("unit", "periode__opd")
    inlines = [IndikatorInline]


class TargetTahunanInline(admin.TabularInline):
    model = TargetTahunan
    extra = 0
    fields = ("tahun", "nilai", "level", "teks")


@admin.register(Indikator)
class IndikatorAdmin(SimpleHistoryAdmin):
    list_display = ("uraian", "satuan", "tipe", "polaritas", "level_label", "is_iku", "periode")
    list_filter = ("is_iku", "tipe", "polaritas", "periode__opd", "periode")
    search_fields = ("uraian", "kode", "formula")
    list_select_related = ("periode__opd",)
    filter_horizontal = ("unit_penanggung_jawab",)
    raw_id_fields = (
        "tujuan",
        "sasaran",
        "program",
        "kegiatan",
        "sub_kegiatan",
        "node_pohon",
        "program_penunjang",
        "kegiatan_penunjang",
    )
    fieldsets = (
        (
            "Melekat pada (pilih tepat satu)",
            {"fields": ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan", "node_pohon")},
        ),
        (
            None,
            {
                "fields": (
                    "kode",
                    "uraian",
                    "satuan",
                    "tipe",
                    "polaritas",
                    "agregasi",
                    "is_iku",
                    "urutan",
                )
            },
        ),
        (
            "Kategori dan rentang",
            {"fields": ("skala", "rentang_bawah", "rentang_atas", "rumus_negatif")},
        ),
        (
            "Formula",
            {
                "fields": (
                    "formula",
                    "label_pembilang",
                    "label_penyebut",
                    "pengali",
                    "sumber_data",
                    "unit_penanggung_jawab",
                )
            },
        ),
        ("Kondisi awal", {"fields": ("kondisi_awal", "kondisi_awal_level", "tahun_kondisi_awal")}),
        (
            "Anggaran penunjang (LKjIP tabel 3.1.x.E/F; kosong = anggaran sasaran)",
            {"fields": ("program_penunjang", "kegiatan_penunjang")},
        ),
    )

    inlines = [TargetTahunanInline]

    @admin.display(description="tingkat")
    def level_label(self, obj):
        return {
            "tujuan": "Tujuan",
            "sasaran": "Sasaran",
            "program": "Program",
            "kegiatan": "Kegiatan",
            "sub_kegiatan": "Sub kegiatan",
            "node_pohon": "Pohon kinerja",
        }.get(obj.level, "–")


@admin.register(TargetTahunan)
class TargetTahunanAdmin(SimpleHistoryAdmin):
    list_display = ("indikator", "tahun", "nilai", "level", "teks")
    list_filter = ("tahun", "indikator__periode__opd")
    search_fields = ("indikator__uraian",)
    list_select_related = ("indikator", "level")
    raw_id_fields = ("indikator",)


class LevelKategoriInline(admin.TabularInline):
    model = LevelKategori
    extra = 0


@admin.register(SkalaKategori)
class SkalaKategoriAdmin(admin.ModelAdmin):
    list_display = ("nama", "pemda")
    search_fields = ("nama",)
    inlines = [LevelKategoriInline]


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


class TingkatPredikatFormSet(BaseInlineFormSet):
    """Bands of one scale may leave gaps but never overlap: a capaian gets one predicate."""

    def clean(self):
        super().clean()
        tingkat = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or form.errors:
                continue
            tingkat.append(
                (
                    data.get("batas_bawah"),
                    data.get("bawah_inklusif"),
                    data.get("batas_atas"),
                    data.get("atas_inklusif"),
                    data.get("label"),
                )
            )
        services.tingkat_bertumpuk(tingkat)  # the form's own clean() checks each band


class TingkatPredikatInline(admin.TabularInline):
    model = TingkatPredikat
    formset = TingkatPredikatFormSet
    fields = ("batas_bawah", "bawah_inklusif", "batas_atas", "atas_inklusif", "label", "warna")
    extra = 0


@admin.register(SkalaPredikat)
class SkalaPredikatAdmin(admin.ModelAdmin):
    list_display = ("nama", "pemda")
    list_filter = ("pemda",)
    inlines = [TingkatPredikatInline]


class MisiRPJMDInline(admin.TabularInline):
    model = MisiRPJMD
    extra = 0


@admin.register(PeriodeRPJMD)
class PeriodeRPJMDAdmin(admin.ModelAdmin):
    list_display = ("__str__", "pemda", "tahun_awal", "tahun_akhir")
    list_filter = ("pemda",)
    inlines = [MisiRPJMDInline]


@admin.register(SasaranRPJMD)
class SasaranRPJMDAdmin(admin.ModelAdmin):
    list_display = ("uraian", "kode", "tujuan")
    search_fields = ("uraian",)


class NodeIndikatorInline(admin.TabularInline):
    model = Indikator
    fk_name = "node_pohon"
    extra = 0
    fields = ("kode", "uraian", "satuan", "tipe", "polaritas", "agregasi", "urutan")
    show_change_link = True


@admin.register(NodePohon)
class NodePohonAdmin(admin.ModelAdmin):
    list_display = ("__str__", "jenjang", "opd", "unit", "jabatan", "periode_rpjmd")
    list_filter = ("periode_rpjmd", "jenjang", "opd")
    search_fields = ("uraian", "jabatan")
    list_select_related = (
        "opd",
        "unit",
        "periode_rpjmd__pemda",
        "tujuan_rpjmd",
        "sasaran_rpjmd",
        "tujuan",
        "sasaran",
        "program",
        "kegiatan",
        "sub_kegiatan",
    )
    raw_id_fields = (
        "induk",
        "pejabat",
        "tujuan_rpjmd",
        "sasaran_rpjmd",
        "tujuan",
        "sasaran",
        "program",
        "kegiatan",
        "sub_kegiatan",
    )
    filter_horizontal = ("crosscutting",)
    readonly_fields = ("periode",)
    inlines = [NodeIndikatorInline]
