"""Form fields that read numbers by the one rule (sakip.angka.parse_angka).

`AngkaDecimalField` is the form field of every DecimalField in the Django admin (issue 12,
item 8): "1.250,5" and "86,5" are accepted there as everywhere else, and a stored value is
shown as the app prints it, which reads back unchanged. SakipConfig.ready() makes it the
admin's default for DecimalField, so every ModelAdmin and inline gets it, ours and those
of libraries (simple_history) alike, without each admin.py having to remember."""

from decimal import Decimal

from django import forms

from sakip import angka as fmt


class AngkaDecimalField(forms.DecimalField):
    """A DecimalField typed the Indonesian way; max_digits / decimal_places still hold."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def widget_attrs(self, widget):
        # The number input attributes (step, min, max) would make the browser refuse "1.250,5".
        return {}

    def prepare_value(self, value):
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return fmt.angka(value, kosong="")
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            number = fmt.parse_angka(str(value))
        except fmt.AngkaTidakSah as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None
        return number


def pasang_di_admin():
    """Make AngkaDecimalField the admin's form field for every models.DecimalField: the
    defaults that inlines and later admins copy, and the ModelAdmins that the admin's
    autodiscovery (which runs before this app's ready()) has already made."""
    # Imported here: the admin's options need the app registry, which is ready only now.
    from django.contrib import admin
    from django.contrib.admin import options
    from django.db import models

    override = {"form_class": AngkaDecimalField}
    options.FORMFIELD_FOR_DBFIELD_DEFAULTS[models.DecimalField] = override
    for model_admin in admin.site._registry.values():
        model_admin.formfield_overrides.setdefault(models.DecimalField, dict(override))
