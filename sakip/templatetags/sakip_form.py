"""Filters for form inputs: {% load sakip_form %}."""

from decimal import Decimal

from django import template
from django.conf import settings

from sakip.angka import angka

register = template.Library()

_TEKS_INPUT = {}


@register.filter
def angka_input(value):
    """A stored number as it is typed back: as the app prints it (1.250, 86,5), which the
    one parser reads back to the same value (issue 12, item 1)."""
    if type(value) is Decimal:
        # The text depends on the value alone (no rounding): memoised, a sheet types back
        # the same numbers on many rows.
        try:
            teks = _TEKS_INPUT.get(value)
        except TypeError:  # a signalling NaN has no hash
            return angka(value, kosong="")
        if teks is None:
            if len(_TEKS_INPUT) >= 20000:
                _TEKS_INPUT.clear()
            teks = _TEKS_INPUT[value] = angka(value, kosong="")
        return teks
    if value is None or value == "":
        return ""
    if not isinstance(value, Decimal | int):
        try:
            value = Decimal(str(value))
        except Exception:
            return str(value)
    return angka(value, kosong="")


@register.filter
def field_value(form, name):
    """The value a bound form carries for a field ("" when none)."""
    if not hasattr(form, "fields") or name not in form.fields:
        return ""
    value = form[name].value()
    return "" if value is None else value


@register.filter
def field_errors(form, name):
    if not hasattr(form, "errors"):
        return []
    return form.errors.get(name, [])


@register.simple_tag
def bukti_maks_mb():
    """settings.BUKTI_MAX_BYTES in MB, for the hint next to the upload field."""

    return angka(Decimal(settings.BUKTI_MAX_BYTES) / 1024 / 1024, 0)
