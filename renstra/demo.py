"""The demo data: fixture files in load order, and one demo user per role."""

import os

from django.conf import settings

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
}
DEMO_NAMES = {
    "admin": ("Admin", "Pemda"),
    "perencana": ("Perencana", "Dinsos P3A"),
    "operator": ("Operator", "Bidang Rehlinjamsos"),
    "verifikator": ("Kepala Bidang", "Rehlinjamsos"),
    "kadis": ("Kepala", "Dinas"),
    "pimpinan": ("Pimpinan", "Daerah"),
}
# The quarter opened for entry in the demo: the Rencana Aksi year of seed 001.
DEMO_TRIWULAN = (2025, 1)
