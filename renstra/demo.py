"""The demo data: fixture files in load order, and one demo user per role."""

import os

from django.conf import settings
from django.contrib.auth.models import Group

from renstra.models import Pengguna
from sakip import roles

FIXTURE_DIR = settings.BASE_DIR / "fixtures"

# Load order matters: organisations before plans, plans before targets and budgets.
# Each entry is a file in fixtures/; a fixture file not listed here is not demo data.
FIXTURES = [
    str(FIXTURE_DIR / "probolinggo_organisasi.json"),
    str(FIXTURE_DIR / "probolinggo_2020.json"),
    str(FIXTURE_DIR / "probolinggo_renstra_2021.json"),
    str(FIXTURE_DIR / "probolinggo_rencana_aksi_2025.json"),
    str(FIXTURE_DIR / "lumajang.json"),
]

DEMO_PASSWORD = os.environ.get("SAKIP_DEMO_PASSWORD", "sakip-demo-2025")

# username -> (role, unit slug or None). All belong to Dinas Sosial PPPA Kota Probolinggo.
DEMO_OPD_SLUG = "dinsos-pppa-probolinggo"
DEMO_USERS = {
    "admin": (roles.ADMIN, None),
    "perencana": (roles.PERENCANA, None),
    "operator": (roles.OPERATOR, "rehabilitasi-perlindungan-jaminan-sosial"),
    "verifikator": (roles.VERIFIKATOR, "rehabilitasi-perlindungan-jaminan-sosial"),
    "kadis": (roles.KEPALA_DINAS, None),
    "pimpinan": (roles.PIMPINAN, None),
    "inspektorat": (roles.INSPEKTORAT, None),
}
DEMO_NAMES = {
    "admin": ("Admin", "Pemda"),
    "perencana": ("Perencana", "Dinsos P3A"),
    "operator": ("Operator", "Bidang Rehlinjamsos"),
    "verifikator": ("Kepala Bidang", "Rehlinjamsos"),
    "kadis": ("Kepala", "Dinas"),
    "pimpinan": ("Pimpinan", "Daerah"),
    "inspektorat": ("Inspektur", "Daerah"),
}
# The quarter opened for entry in the demo: the Rencana Aksi year of seed 001.
DEMO_TRIWULAN = (2025, 1)


def create_demo_users(opd):
    """One user per role in `opd` (see DEMO_USERS); keeps an unchanged password hash so
    that running it again leaves the database as it was."""

    users = {}
    for username, (role, unit_slug) in DEMO_USERS.items():
        user = Pengguna.objects.filter(username=username).first() or Pengguna(username=username)
        user.first_name, user.last_name = DEMO_NAMES[username]
        user.pemda = opd.pemda
        user.opd = opd
        user.unit = opd.unit_set.get(slug=unit_slug) if unit_slug else None
        user.is_staff = username == "admin"
        user.is_superuser = username == "admin"
        if not user.pk or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=role)])
        users[username] = user
    return users
