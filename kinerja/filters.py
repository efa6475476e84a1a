"""Filters of the kinerja listings (django-filter), and the choices they share with the
renstra and anggaran listings: the units and OPDs a user may pick (never more than
sakip.access lets them see) and the year / quarter a listing starts on."""

import django_filters
from django.db.models import Q

from kinerja.models import Realisasi
from renstra import lingkup
from renstra.filters import SakipFilterSet, TahunFilter, opd_pilihan, unit_pilihan
from sakip.alur import StatusRealisasi
from sakip.kalender import TRIWULAN_CHOICES


class RealisasiFilterSet(SakipFilterSet):
    tahun = TahunFilter(label="Tahun")
    triwulan = django_filters.ChoiceFilter(
        label="Triwulan", choices=TRIWULAN_CHOICES, empty_label="Semua triwulan"
    )
    opd = django_filters.ModelChoiceFilter(
        label="Perangkat daerah",
        queryset=opd_pilihan,
        field_name="indikator__periode__opd",
        empty_label="Semua perangkat daerah",
    )
    unit = django_filters.ModelChoiceFilter(
        label="Unit kerja", queryset=unit_pilihan, method="filter_unit", empty_label="Semua unit"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=StatusRealisasi.choices, empty_label="Semua status"
    )
    q = django_filters.CharFilter(label="Cari indikator", method="filter_q")

    class Meta:
        model = Realisasi
        fields = ["tahun", "triwulan", "opd", "unit", "status", "q"]

    def filter_unit(self, queryset, name, value):
        return queryset.filter(indikator__in=lingkup.indikator_unit(value.pk).values("pk"))

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(indikator__uraian__icontains=value) | Q(indikator__kode__icontains=value)
        )
