"""Which indicators and sub-kegiatan belong to a unit, and which realisation rows a user
may read or write (DESIGN section 1; STYLE rule 5). Querysets only: the views narrow with
these, the services check with them, so a row outside the scope is simply not found.

An indicator belongs to a unit when it is attached to a sub-kegiatan of the unit, to a
kegiatan or program that holds such a sub-kegiatan, or when the unit is one of its
responsible units (the usual case for sasaran and tujuan indicators), or when it is owned
by a pohon kinerja node of the unit (an intermediate result, renstra.models.pohon)."""

from django.db.models import F, OuterRef, Q

from renstra.models import Indikator, PeriodeRenstra, SubKegiatan
from sakip import access, roles


def indikator_unit_q(unit_id, prefix=""):
    """Q over Indikator (or a model reaching it through `prefix`, e.g. "indikator__")."""
    p = prefix
    return (
        Q(**{f"{p}sub_kegiatan__unit_id": unit_id})
        | Q(**{f"{p}kegiatan__sub_kegiatan_set__unit_id": unit_id})
        | Q(**{f"{p}program__kegiatan_set__sub_kegiatan_set__unit_id": unit_id})
        | Q(**{f"{p}unit_penanggung_jawab__id": unit_id})
        | Q(**{f"{p}node_pohon__unit_id": unit_id})
    )


def indikator_unit_periode(unit_id, periode_id):
    """The indicators of one Renstra period that belong to a unit, as one queryset: one
    `pk IN (…)` per path of JALUR_UNIT, each starting from the period's own indicators, so
    the database reads only that OPD's rows (issue 15 item 4), unlike one OR over the joins.
    `unit_id` may be an OuterRef, `periode_id` an uncorrelated Subquery."""
    base = Indikator.objects.filter(periode_id=periode_id).order_by()
    # an outer reference seen from inside the per-path subqueries is one level further out
    di_dalam = OuterRef(unit_id) if isinstance(unit_id, OuterRef) else unit_id
    q = Q()
    for jalur in JALUR_UNIT:
        q |= Q(pk__in=base.filter(**{jalur: di_dalam}).values("pk"))
    return Indikator.objects.filter(q, periode_id=periode_id)


def indikator_unit(unit_id, queryset=None):
    """The indicators of a unit, without duplicate rows (the joins above fan out)."""
    base = Indikator.objects.all() if queryset is None else queryset
    ids = Indikator.objects.filter(indikator_unit_q(unit_id)).values("pk")
    return base.filter(pk__in=ids)


# The ways an indicator belongs to a unit, as paths from Indikator to the unit's id (the
# same as indikator_unit_q, one path per term).
JALUR_UNIT = (
    "sub_kegiatan__unit_id",
    "kegiatan__sub_kegiatan_set__unit_id",
    "program__kegiatan_set__sub_kegiatan_set__unit_id",
    "unit_penanggung_jawab__id",
    "node_pohon__unit_id",
)


def pasangan_unit(periode_id, unit_ids):
    """One queryset per path of JALUR_UNIT: the indicators of a Renstra period that belong
    to one of `unit_ids` that way, annotated `unit_pasangan` (the unit). Each starts from the
    period's own indicators and joins on indexed keys, so counting per unit reads only the
    OPD's rows (issue 15 item 4); union them (UNION drops the pairs found twice)."""
    base = Indikator.objects.filter(periode_id=periode_id).order_by()
    return [
        base.filter(**{f"{jalur}__in": list(unit_ids)}).annotate(unit_pasangan=F(jalur))
        for jalur in JALUR_UNIT
    ]


def periode_untuk(opd_id, tahun):
    """The Renstra period of an OPD covering `tahun` (the latest version wins)."""
    return (
        PeriodeRenstra.objects.filter(opd_id=opd_id, tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
        .order_by("-versi", "-tahun_awal")
        .first()
    )


def _unit_bound(user):
    """Operators and verifiers with a unit work on that unit only."""
    return bool(
        user.unit_id
        and access.has_role(user, roles.OPERATOR, roles.VERIFIKATOR)
        and not access.has_role(user, roles.PERENCANA, roles.KEPALA_DINAS, roles.ADMIN)
        and not user.is_superuser
    )


def unit_terikat(user):
    """The unit an operator / verifier is bound to (they see only its rows), else None."""
    return user.unit_id if user.is_authenticated and _unit_bound(user) else None


def indikator_terlihat(user, queryset=None):
    """Indicators the user may read."""
    qs = Indikator.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return qs.none()
    if _unit_bound(user):
        return indikator_unit(user.unit_id, qs)
    return access.opd_queryset(user, qs, "periode__opd")


def sub_kegiatan_terlihat(user, queryset=None):
    qs = SubKegiatan.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return qs.none()
    if _unit_bound(user):
        return qs.filter(unit_id=user.unit_id)
    return access.opd_queryset(user, qs, "periode__opd")


def _indikator_unit_gabung(unit_id):
    """The ids of a unit's indicators as one UNION of JALUR_UNIT's paths, each starting
    from the unit's own rows through indexed keys (the rows a filter on them reads stay the
    OPD's, issue 15 item 4); the same set as indikator_unit."""
    jalur = [Indikator.objects.filter(**{j: unit_id}).order_by().values("pk") for j in JALUR_UNIT]
    return jalur[0].union(*jalur[1:])


def realisasi_terlihat(user, queryset):
    """Realisasi rows the user may read (their indicator is visible: indikator_terlihat).
    Filtered on the realisation's own join to its indicator and period rather than through
    a second copy of the indicators, so the plan starts from the OPD's (or unit's) rows."""
    if not user.is_authenticated:
        return queryset.none()
    if _unit_bound(user):
        return queryset.filter(indikator__in=_indikator_unit_gabung(user.unit_id))
    return access.opd_queryset(user, queryset, "indikator__periode__opd")


def realisasi_anggaran_terlihat(user, queryset):
    return queryset.filter(sub_kegiatan__in=sub_kegiatan_terlihat(user).values("pk"))


def boleh_isi_indikator(user, indikator):
    """May the user enter realisations for this indicator? Operators: their unit's
    indicators; Perencana/Admin: any of their OPD (Pemda for Admin)."""
    if user.is_superuser:
        return True
    if access.has_role(user, roles.OPERATOR) and user.unit_id:
        return indikator_unit(user.unit_id).filter(pk=indikator.pk).exists()
    if access.has_role(user, roles.PERENCANA, roles.ADMIN):
        return access.can_see_opd(user, indikator.periode.opd)
    return False


def boleh_isi_sub_kegiatan(user, sub_kegiatan):
    if user.is_superuser:
        return True
    if access.has_role(user, roles.OPERATOR) and user.unit_id:
        return sub_kegiatan.unit_id == user.unit_id
    if access.has_role(user, roles.PERENCANA, roles.ADMIN):
        return access.can_see_opd(user, sub_kegiatan.periode.opd)
    return False


def boleh_verifikasi_indikator(user, indikator):
    """Verifiers with a unit verify their unit's indicators; without a unit (Sekretaris)
    and Kepala Dinas their whole OPD."""
    if user.is_superuser:
        return True
    if not access.has_role(user, roles.VERIFIKATOR, roles.KEPALA_DINAS):
        return False
    if user.unit_id and not access.has_role(user, roles.KEPALA_DINAS):
        return indikator_unit(user.unit_id).filter(pk=indikator.pk).exists()
    return indikator.periode.opd_id == user.opd_id


def boleh_verifikasi_sub_kegiatan(user, sub_kegiatan):
    if user.is_superuser:
        return True
    if not access.has_role(user, roles.VERIFIKATOR, roles.KEPALA_DINAS):
        return False
    if user.unit_id and not access.has_role(user, roles.KEPALA_DINAS):
        return sub_kegiatan.unit_id == user.unit_id
    return sub_kegiatan.periode.opd_id == user.opd_id
