"""load_demo loads every fixture and the demo users, and running it twice changes nothing."""

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command

from renstra import demo
from renstra.models import Pengguna
from sakip import roles


def _snapshot():
    rows = []
    for model in apps.get_models():
        if model._meta.app_label in {"sessions", "admin", "contenttypes", "axes"}:
            continue
        rows.append(serializers.serialize("json", model.objects.order_by("pk")))
    return rows


@pytest.mark.django_db
def test_load_demo_twice_leaves_the_same_database():
    call_command("load_demo", "--no-migrate", verbosity=0)
    first = _snapshot()
    call_command("load_demo", "--no-migrate", verbosity=0)
    assert _snapshot() == first


@pytest.mark.django_db
def test_load_demo_creates_one_user_per_role_with_the_documented_password():
    call_command("load_demo", "--no-migrate", verbosity=0)
    expected = {
        "admin": roles.ADMIN,
        "perencana": roles.PERENCANA,
        "operator": roles.OPERATOR,
        "verifikator": roles.VERIFIKATOR,
        "kadis": roles.KEPALA_DINAS,
        "pimpinan": roles.PIMPINAN,
        "inspektorat": roles.INSPEKTORAT,
    }
    for username, role in expected.items():
        user = Pengguna.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert user.check_password(demo.DEMO_PASSWORD)
        assert user.opd.slug == "dinsos-pppa-probolinggo"
    operator = Pengguna.objects.get(username="operator")
    assert operator.unit.nama == "Bidang Rehabilitasi, Perlindungan dan Jaminan Sosial"
