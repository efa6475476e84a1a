import pytest
from django.core.management import call_command

# Fixture files in load order (see renstra/management/commands/load_demo.py).
from renstra.demo import FIXTURES


@pytest.fixture
def seed_data(db):
    """The real seed fixtures (both Pemda) loaded into the test database."""
    call_command("loaddata", *FIXTURES, verbosity=0)
