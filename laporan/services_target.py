"""Writes of the targets (moved out of laporan.services, which re-exports them): the yearly
and quarterly target of an indicator, and the targets form of an OPD's year all or nothing.

Keyword-only arguments, full_clean() before saving, one transaction, Indonesian
ValidationError and nothing written on refusal (STYLE rule 1)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.models import TargetTriwulan
from kinerja.services import satuan_utuh
from renstra.models import Indikator, TargetTahunan

# --- targets ------------------------------------------------------------------------------


@transaction.atomic
def target_tahunan_set(*, indikator, tahun, nilai=None, level=None, teks="", user=None):
    """Set (or clear, when everything is empty) the yearly target of an indicator."""
    existing = TargetTahunan.objects.filter(indikator=indikator, tahun=tahun).first()
    if nilai is None and level is None and not teks:
        if existing:
            existing.delete()
        return None
    target = existing or TargetTahunan(indikator=indikator, tahun=tahun)
    target.nilai, target.level, target.teks = nilai, level, teks
    target._history_user = user
    satuan_utuh(nilai, indikator.satuan, "nilai")
    target.full_clean(validate_unique=False)
    target.save()
    return target


@transaction.atomic
def target_triwulan_set(*, indikator, tahun, triwulan, nilai=None, level=None, teks="", user=None):
    existing = TargetTriwulan.objects.filter(
        indikator=indikator, tahun=tahun, triwulan=triwulan
    ).first()
    if nilai is None and level is None and not teks:
        if existing:
            existing.delete()
        return None
    target = existing or TargetTriwulan(indikator=indikator, tahun=tahun, triwulan=triwulan)
    target.nilai, target.level, target.teks = nilai, level, teks
    target._history_user = user
    satuan_utuh(nilai, indikator.satuan, "nilai")
    target.full_clean(validate_unique=False)
    target.save()
    return target


@transaction.atomic
def targets_save(*, opd, tahun, rows, user=None):
    """Save the yearly and quarterly targets of many indicators at once (the targets
    form). `rows` maps an indicator to {"tahunan": (nilai, level, teks), 1: (...), ...}.
    All or nothing: one invalid value and nothing is saved."""
    ids = [ind.pk for ind in rows]
    valid = set(Indikator.objects.filter(pk__in=ids, periode__opd=opd).values_list("pk", flat=True))
    if len(valid) != len(set(ids)):
        raise ValidationError("Ada indikator yang bukan milik perangkat daerah ini.")
    for indikator, values in rows.items():
        if "tahunan" in values:
            nilai, level, teks = values["tahunan"]
            target_tahunan_set(
                indikator=indikator, tahun=tahun, nilai=nilai, level=level, teks=teks, user=user
            )
        for tw in (1, 2, 3, 4):
            if tw in values:
                nilai, level, teks = values[tw]
                target_triwulan_set(
                    indikator=indikator,
                    tahun=tahun,
                    triwulan=tw,
                    nilai=nilai,
                    level=level,
                    teks=teks,
                    user=user,
                )
