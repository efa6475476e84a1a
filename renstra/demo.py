"""The demo data: fixture files in load order, and one demo user per role."""

from django.conf import settings

FIXTURE_DIR = settings.BASE_DIR / "fixtures"

# Load order matters: organisations before plans, plans before targets and budgets.
# Each entry is a file in fixtures/; a fixture file not listed here is not demo data.
FIXTURES = [
    str(FIXTURE_DIR / "probolinggo_organisasi.json"),
]
