"""The reporting calendar shared by every app: quarters 1-4 (Triwulan I-IV)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

TRIWULAN_CHOICES = [(1, "Triwulan I"), (2, "Triwulan II"), (3, "Triwulan III"), (4, "Triwulan IV")]
TRIWULAN_VALIDATORS = [MinValueValidator(1), MaxValueValidator(4)]


def triwulan_check(name):
    return models.CheckConstraint(condition=Q(triwulan__gte=1) & Q(triwulan__lte=4), name=name)
