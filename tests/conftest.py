import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

# Fixture files in load order (see renstra/management/commands/load_demo.py).
from renstra.demo import FIXTURES
from sakip.celery import app as celery_app


def pytest_configure(config):
    """Every persona and demo user gets a password; the production hasher spends a few
    hundred milliseconds on each on purpose, which tests need not pay. Set here rather than in
    a fixture so that module-scoped data and the live server's threads hash the same way."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Queued work (documents, imports) runs inside the request, so a test that asks for a
    # PDF gets the PDF; the queue's own tests run a real worker (tests/sakip/test_antrian.py).
    settings.CELERY_TASK_ALWAYS_EAGER = True
    celery_app.conf.task_always_eager = True


@pytest.fixture(scope="module")
def _seed_data_module(django_db_setup, django_db_blocker):
    """Load the seed fixtures once per test module inside an outer transaction that is
    rolled back when the module ends (what Django's TestCase.setUpTestData does): each
    test's own transaction is then a savepoint inside it. Loading ~1,700 objects per test
    would cost seconds each."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("loaddata", *FIXTURES, verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def seed_data(_seed_data_module, db):
    """The real seed fixtures (both Pemda) loaded into the test database."""


def pytest_collection_modifyitems(items):
    """Within each module, run the tests that use the seed data after those that do not:
    the seed data stay loaded from the first test that asks for them until the module
    ends, and must not leak into a test that builds its own world."""
    order = {}
    for item in items:
        order.setdefault(item.module.__name__ if item.module else "", len(order))
    items.sort(
        key=lambda item: (
            _transaksional(item),
            order[item.module.__name__ if item.module else ""],
            "seed_data" in getattr(item, "fixturenames", ()),
        )
    )


def _transaksional(item):
    """Tests on a real transaction (transaction=True, live_server) run after all others, as
    Django and pytest-django order them (this hook's module order would undo that): their
    teardown flushes the database, migration data (groups, the global scale) included."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        (marker is not None and marker.kwargs.get("transaction"))
        or "transactional_db" in fixtures
        or "live_server" in fixtures
    )
