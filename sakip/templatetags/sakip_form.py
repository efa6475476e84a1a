"""Filters for form inputs: {% load sakip_form %}."""

from decimal import Decimal

from django import template
from django.conf import settings

from sakip.angka import angka

register = template.Library()


@register.filter
def angka_input(value):
    """A stored number as it should be typed back: no thousands dots (which would make
    "1.250" ambiguous), a decimal comma, no trailing zeros: 1250, 86,5."""
    if value is None or value == "":
        return ""
    if not isinstance(value, Decimal):
        try:
            value = Decimal(str(value))
        except Exception:
            return str(value)
    value = value.normalize()
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return f"{value:f}".replace(".", ",")


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
