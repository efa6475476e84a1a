"""Shared by the real-browser tests: headless Debian chromium through Playwright, and
database connections that do not outlive the live server's threads."""

import os

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the
    # test itself stay synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def koneksi_singkat():
    """The live server answers in threads of its own; with CONN_MAX_AGE their database
    connections outlive the test and PostgreSQL then refuses to drop the test database."""
    from django.db import connections

    conf = connections["default"].settings_dict  # shared by every thread's connection
    old = conf.get("CONN_MAX_AGE", 0)
    conf["CONN_MAX_AGE"] = 0
    yield
    connections.close_all()
    conf["CONN_MAX_AGE"] = old
