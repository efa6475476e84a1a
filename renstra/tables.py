"""Shared pieces of the listings: where a row opens (entry or verification sheet), the
unit whose sheet holds an indicator, and whether a row's quarter exists."""

from django.db.models import BigIntegerField, Exists, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse

from renstra.models import Indikator, SubKegiatan, TriwulanPelaporan
from sakip import access, roles


def unit_entri(prefix=""):
    """An annotation: the unit whose sheet holds an indicator (`prefix` leads to the
    Indikator): its sub-kegiatan's unit, else a unit under its kegiatan or program, else
    its pohon kinerja node's unit, else its first responsible unit (renstra.lingkup's rule, read as one value)."""
    p = prefix
    pk = f"{p}pk" if p else "pk"
    return Coalesce(
        F(f"{p}sub_kegiatan__unit_id"),
        F(f"{p}node_pohon__unit_id"),
        Subquery(
            SubKegiatan.objects.filter(kegiatan_id=OuterRef(f"{p}kegiatan_id"), unit__isnull=False)
            .order_by("kode")
            .values("unit_id")[:1]
        ),
        Subquery(
            SubKegiatan.objects.filter(
                kegiatan__program_id=OuterRef(f"{p}program_id"), unit__isnull=False
            )
            .order_by("kode")
            .values("unit_id")[:1]
        ),
        Subquery(
            Indikator.unit_penanggung_jawab.through.objects.filter(indikator_id=OuterRef(pk))
            .order_by("unitkerja__urutan", "unitkerja_id")
            .values("unitkerja_id")[:1]
        ),
        output_field=BigIntegerField(),
    )


def ada_triwulan(opd_path, tahun=None, triwulan=None):
    """An annotation: is there a reporting quarter (open or closed) for the row's OPD, so
    that its entry or verification sheet exists? Year and quarter default to the row's."""
    return Exists(
        TriwulanPelaporan.objects.filter(
            opd_id=OuterRef(opd_path),
            tahun=OuterRef("tahun") if tahun is None else tahun,
            triwulan=OuterRef("triwulan") if triwulan is None else triwulan,
        )
    )


class TautanBaris:
    """Where a row of a quarter opens for a user: the entry sheet for those who enter
    (operator, perencana, admin), the verification sheet for verifiers and the kepala
    dinas, none for read-only roles. The sheets show a unit; `#ind-<pk>` is the row."""

    def __init__(self, user):
        self.url_name = None
        if access.has_role(user, roles.OPERATOR, roles.PERENCANA, roles.ADMIN):
            self.url_name = "kinerja:entri_triwulan"
        elif access.has_role(user, roles.VERIFIKATOR, roles.KEPALA_DINAS):
            self.url_name = "kinerja:verifikasi_triwulan"
        self._cache = {}

    def _base(self, tahun, triwulan):
        key = (tahun, triwulan)
        if key not in self._cache:
            try:
                self._cache[key] = reverse(self.url_name, args=[tahun, triwulan])
            except NoReverseMatch:  # the sheets are not routed
                self._cache[key] = ""
        return self._cache[key]

    def _url(self, tahun, triwulan, unit_id, anchor):
        if not self.url_name or not tahun or not triwulan:
            return ""
        base = self._base(tahun, triwulan)
        if not base:
            return ""
        query = f"?unit={unit_id}" if unit_id else ""
        return f"{base}{query}#{anchor}"

    def indikator(self, pk, *, tahun, triwulan, unit_id):
        return self._url(tahun, triwulan, unit_id, f"ind-{pk}")

    def sub_kegiatan(self, pk, *, tahun, triwulan, unit_id):
        return self._url(tahun, triwulan, unit_id, f"sub-{pk}")
