"""Filters of the plan listings: indicators and sub-kegiatan."""

import django_filters
from django.db.models import Q

from renstra import lingkup
from renstra.filters import SakipFilterSet, TahunFilter, opd_pilihan, unit_pilihan
from renstra.models import Indikator, SubKegiatan
from sakip.alur import StatusRealisasi
from sakip.kalender import TRIWULAN_CHOICES

LEVEL_CHOICES = [
    ("tujuan", "Tujuan"),
    ("sasaran", "Sasaran"),
    ("program", "Program"),
    ("kegiatan", "Kegiatan"),
    ("sub_kegiatan", "Sub kegiatan"),
    ("node_pohon", "Pohon kinerja"),
]
BELUM_DIISI = "belum"
STATUS_INDIKATOR_CHOICES = [(BELUM_DIISI, "Belum diisi"), *StatusRealisasi.choices]


class IndikatorFilterSet(SakipFilterSet):
    """Indicators of a year (the Renstra period that holds it), with the status of their
    realisation in a quarter: "Belum diisi" lists what is still missing."""

    tahun = TahunFilter(label="Tahun", method="filter_tahun")
    triwulan = django_filters.ChoiceFilter(
        label="Triwulan", choices=TRIWULAN_CHOICES, method="filter_noop", empty_label="TW aktif"
    )
    opd = django_filters.ModelChoiceFilter(
        label="Perangkat daerah",
        queryset=opd_pilihan,
        field_name="periode__opd",
        empty_label="Semua perangkat daerah",
    )
    unit = django_filters.ModelChoiceFilter(
        label="Unit kerja", queryset=unit_pilihan, method="filter_unit", empty_label="Semua unit"
    )
    level = django_filters.ChoiceFilter(
        label="Tingkat", choices=LEVEL_CHOICES, method="filter_level", empty_label="Semua tingkat"
    )
    iku = django_filters.ChoiceFilter(
        label="IKU",
        choices=[("ya", "Hanya IKU"), ("tidak", "Bukan IKU")],
        method="filter_iku",
        empty_label="Semua indikator",
    )
    status = django_filters.ChoiceFilter(
        label="Status realisasi",
        choices=STATUS_INDIKATOR_CHOICES,
        method="filter_status",
        empty_label="Semua status",
    )
    q = django_filters.CharFilter(label="Cari", method="filter_q")

    class Meta:
        model = Indikator
        fields = ["tahun", "triwulan", "opd", "unit", "level", "iku", "status", "q"]

    def filter_noop(self, queryset, name, value):
        # The quarter only picks which realisation the columns show (see the view).
        return queryset

    def filter_tahun(self, queryset, name, value):
        return queryset.filter(periode__tahun_awal__lte=value, periode__tahun_akhir__gte=value)

    def filter_unit(self, queryset, name, value):
        return lingkup.indikator_unit(value.pk, queryset)

    def filter_iku(self, queryset, name, value):
        return queryset.filter(is_iku=value == "ya")

    def filter_level(self, queryset, name, value):
        return queryset.filter(**{f"{value}__isnull": False})

    def filter_status(self, queryset, name, value):
        # `status_tw` is annotated by the view for the chosen year and quarter.
        if value == BELUM_DIISI:
            return queryset.filter(status_tw__isnull=True)
        return queryset.filter(status_tw=value)

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(uraian__icontains=value) | Q(kode__icontains=value))


class SubKegiatanFilterSet(SakipFilterSet):
    tahun = TahunFilter(label="Tahun", method="filter_tahun")
    triwulan = django_filters.ChoiceFilter(
        label="s.d. triwulan",
        choices=TRIWULAN_CHOICES,
        method="filter_noop",
        empty_label="TW aktif",
    )
    opd = django_filters.ModelChoiceFilter(
        label="Perangkat daerah",
        queryset=opd_pilihan,
        field_name="periode__opd",
        empty_label="Semua perangkat daerah",
    )
    unit = django_filters.ModelChoiceFilter(
        label="Unit kerja", queryset=unit_pilihan, field_name="unit", empty_label="Semua unit"
    )
    status = django_filters.ChoiceFilter(
        label="Status realisasi TW",
        choices=STATUS_INDIKATOR_CHOICES,
        method="filter_status",
        empty_label="Semua status",
    )
    q = django_filters.CharFilter(label="Cari", method="filter_q")

    class Meta:
        model = SubKegiatan
        fields = ["tahun", "triwulan", "opd", "unit", "status", "q"]

    def filter_noop(self, queryset, name, value):
        return queryset

    def filter_tahun(self, queryset, name, value):
        return queryset.filter(periode__tahun_awal__lte=value, periode__tahun_akhir__gte=value)

    def filter_status(self, queryset, name, value):
        if value == BELUM_DIISI:
            return queryset.filter(status_tw__isnull=True)
        return queryset.filter(status_tw=value)

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(nama__icontains=value) | Q(kode__icontains=value) | Q(lokasi__icontains=value)
        )
