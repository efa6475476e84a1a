"""Filters of the budget-realisation listing."""

import django_filters
from django.db.models import Q

from anggaran.models import RealisasiAnggaran
from renstra.filters import SakipFilterSet, TahunFilter, opd_pilihan, unit_pilihan
from sakip.alur import StatusRealisasi
from sakip.kalender import TRIWULAN_CHOICES


class RealisasiAnggaranFilterSet(SakipFilterSet):
    tahun = TahunFilter(label="Tahun")
    triwulan = django_filters.ChoiceFilter(
        label="Triwulan", choices=TRIWULAN_CHOICES, empty_label="Semua triwulan"
    )
    opd = django_filters.ModelChoiceFilter(
        label="Perangkat daerah",
        queryset=opd_pilihan,
        field_name="sub_kegiatan__periode__opd",
        empty_label="Semua perangkat daerah",
    )
    unit = django_filters.ModelChoiceFilter(
        label="Unit kerja",
        queryset=unit_pilihan,
        field_name="sub_kegiatan__unit",
        empty_label="Semua unit",
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=StatusRealisasi.choices, empty_label="Semua status"
    )
    q = django_filters.CharFilter(label="Cari sub kegiatan", method="filter_q")

    class Meta:
        model = RealisasiAnggaran
        fields = ["tahun", "triwulan", "opd", "unit", "status", "q"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(sub_kegiatan__nama__icontains=value) | Q(sub_kegiatan__kode__icontains=value)
        )
