"""Shared pieces of every model: the digits of measures and money (bounded by sakip.batas)
and the base that validates on every ORM save."""

from django.db import models

from sakip.batas import BatasValidator

MEASURE = {"max_digits": 20, "decimal_places": 4, "validators": [BatasValidator("ukuran")]}
MONEY = {"max_digits": 18, "decimal_places": 0, "validators": [BatasValidator("uang")]}


class ValidatedModel(models.Model):
    """Runs full_clean() on save so the rules that a CHECK cannot express across tables
    (a year inside the Renstra period, a code that fits its parent) hold for every write
    through the ORM, not only through forms."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.full_clean(validate_unique=False, validate_constraints=False)
        super().save(*args, **kwargs)
