"""Who may see and change what (DESIGN section 1, STYLE rule 5).

One place decides: a view first checks the role with `require_role`, then narrows its
queryset with `scope_*`; a row outside the user's scope is then simply not found (404).

Scopes:
- Admin, Pimpinan and Inspektorat: every OPD of their Pemda (a superuser: everything).
- Perencana, Kepala Dinas: their OPD.
- Verifikator: their OPD; verifies the rows of their unit (their whole OPD when they have
  no unit, e.g. the Sekretaris).
- Operator: the rows of their own unit only.
- A user without any role: nothing (sakip.middleware.RoleRequiredMiddleware answers 403
  on every page but the account pages; the scopes below are empty as well, in case a view
  is ever reached another way).
"""

from django.core.exceptions import PermissionDenied

from sakip import roles

READ_ALL_ROLES = (roles.ADMIN, roles.PIMPINAN, roles.INSPEKTORAT)


def has_role(user, *names):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.has_role(*names)


def tanpa_peran(user):
    """An authenticated account that is neither superuser nor in any role group."""
    return user.is_authenticated and not user.is_superuser and not user.has_role(*roles.ALL)


def require_role(user, *names):
    """Raise PermissionDenied (403) unless the user has one of the roles."""
    if not has_role(user, *names):
        raise PermissionDenied("Anda tidak berwenang melakukan tindakan ini.")


def pemda_wide(user):
    """True when the user reads across every OPD of their Pemda."""
    return user.is_superuser or has_role(user, *READ_ALL_ROLES)


def opd_queryset(user, queryset, field="opd"):
    """Narrow a queryset whose rows belong to an OPD through `field` (a lookup path)."""
    if user.is_superuser:
        return queryset
    if not user.is_authenticated or tanpa_peran(user):
        return queryset.none()
    if pemda_wide(user):
        if not user.pemda_id:
            return queryset.none()
        return queryset.filter(**{f"{field}__pemda_id": user.pemda_id})
    if not user.opd_id:
        return queryset.none()
    return queryset.filter(**{f"{field}__id": user.opd_id})


def unit_queryset(user, queryset, unit_field="unit", opd_field="unit__opd"):
    """Narrow rows to what the user may touch at unit level: operators (and verifiers
    with a unit) see their own unit only; other roles their OPD (or Pemda)."""
    if user.is_superuser:
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    if (
        user.unit_id
        and has_role(user, roles.OPERATOR, roles.VERIFIKATOR)
        and not has_role(user, roles.PERENCANA, roles.KEPALA_DINAS, roles.ADMIN)
    ):
        return queryset.filter(**{f"{unit_field}_id": user.unit_id})
    return opd_queryset(user, queryset, opd_field)


def can_see_opd(user, opd):
    if user.is_superuser:
        return True
    if not user.is_authenticated or tanpa_peran(user):
        return False
    if pemda_wide(user):
        return opd.pemda_id == user.pemda_id
    return opd.pk == user.opd_id


def can_edit_unit(user, unit):
    """May the user enter realisations for this unit?"""
    if user.is_superuser:
        return True
    if has_role(user, roles.OPERATOR) and user.unit_id:
        return unit.pk == user.unit_id
    if has_role(user, roles.PERENCANA, roles.ADMIN):
        return can_see_opd(user, unit.opd)
    return False


def can_verify_unit(user, unit):
    if user.is_superuser:
        return True
    if not has_role(user, roles.VERIFIKATOR, roles.KEPALA_DINAS):
        return False
    if user.unit_id and not has_role(user, roles.KEPALA_DINAS):
        return unit.pk == user.unit_id
    return unit.opd_id == user.opd_id
