"""Shared pieces of every listing's filter form: the base FilterSet (Indonesian labels,
Bootstrap widgets, OPD choice only for Pemda-wide readers), the year field, the unit and
OPD choices scoped to the user, and the quarter a page opens on."""

import datetime

import django_filters
from django import forms

from renstra.models import PerangkatDaerah, TriwulanPelaporan, UnitKerja
from sakip import access, roles


def terbatas_unit(user):
    """True when the user sees only their own unit's rows: the rule of
    sakip.access.unit_queryset (operators, and verifiers with a unit)."""
    return (
        user.is_authenticated
        and not user.is_superuser
        and user.unit_id is not None
        and access.has_role(user, roles.OPERATOR, roles.VERIFIKATOR)
        and not access.has_role(user, roles.PERENCANA, roles.KEPALA_DINAS, roles.ADMIN)
    )


def unit_pilihan(request):
    """The units a user may filter on: their own unit for an operator, else their OPD's
    (or every unit of the Pemda for pimpinan / admin)."""
    if request is None:
        return UnitKerja.objects.none()
    units = access.opd_queryset(request.user, UnitKerja.objects.select_related("opd"))
    if terbatas_unit(request.user):
        units = units.filter(pk=request.user.unit_id)
    return units.order_by("opd__nama", "urutan", "nama")


def nama_dengan_pemda(opd):
    """An OPD in a choice that lists OPDs of several Pemdas: "Dinas Sosial PPPA
    (Pemerintah Kabupaten Lumajang)"."""
    return f"{opd.nama} ({opd.pemda.nama})"


def opd_pilihan(request):
    """The OPDs a user may see (the scope of sakip.access.opd_queryset)."""
    user = getattr(request, "user", None)
    opds = PerangkatDaerah.objects.order_by("nama")
    if user is None or not user.is_authenticated:
        return opds.none()
    if user.is_superuser:
        # Across Pemdas: each OPD is named with its Pemda (nama_dengan_pemda).
        return opds.select_related("pemda")
    if access.pemda_wide(user):
        return opds.filter(pemda_id=user.pemda_id) if user.pemda_id else opds.none()
    return opds.filter(pk=user.opd_id) if user.opd_id else opds.none()


def tahun_triwulan_aktif(user):
    """The year and quarter a page starts on when the user picks none: the latest open
    reporting quarter of an OPD the user sees, else the latest closed one, else the
    current calendar quarter."""
    quarters = access.opd_queryset(user, TriwulanPelaporan.objects.all())
    row = (
        quarters.filter(status=TriwulanPelaporan.Status.BUKA)
        .order_by("-tahun", "-triwulan")
        .values_list("tahun", "triwulan")
        .first()
    ) or quarters.order_by("-tahun", "-triwulan").values_list("tahun", "triwulan").first()
    if row:
        return row
    today = datetime.date.today()
    return today.year, (today.month - 1) // 3 + 1


class TahunField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 2000)
        kwargs.setdefault("max_value", 2100)
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": "Tahun harus berupa angka, mis. 2025.",
                "min_value": "Tahun paling awal 2000.",
                "max_value": "Tahun paling akhir 2100.",
            },
        )
        super().__init__(*args, **kwargs)


class TahunFilter(django_filters.NumberFilter):
    field_class = TahunField


class SakipFilterSet(django_filters.FilterSet):
    """Base: Indonesian labels, Bootstrap widgets, unit/OPD choices scoped to the user."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            widget = field.widget
            css = (
                "form-select form-select-sm"
                if isinstance(widget, forms.Select)
                else "form-control form-control-sm"
            )
            widget.attrs.setdefault("class", css)
        if "opd" in self.form.fields and not (
            self.request and access.pemda_wide(self.request.user)
        ):
            # One OPD only: the choice would say nothing.
            del self.form.fields["opd"]
            self.filters.pop("opd", None)
        elif "opd" in self.form.fields and self.request.user.is_superuser:
            # OPDs of several Pemdas (two may share a name): the Pemda tells them apart.
            self.form.fields["opd"].label_from_instance = nama_dengan_pemda
