"""Every page reachable by following links from the home page renders without a server
error for every demo role, on the real seed data. A safety net over all views: a page
that only works on the data its own tests build shows up here."""

import re
from urllib.parse import urldefrag, urlsplit

import pytest

from renstra import demo
from renstra.models import PerangkatDaerah

LINK = re.compile(r'href="(/[^"#]*)"')
# Not followed: leaving the session, the Django admin (its own tests cover it), downloads
# whose renderers have their own tests (PDF renders take seconds each), and static files.
SKIP = re.compile(r"(/akun/keluar/|^/admin/|\.pdf|\.xlsx|\.docx|\.csv|/static/|_export=|/bukti/)")
MAX_PAGES = 80


@pytest.fixture
def demo_users(seed_data):
    opd = PerangkatDaerah.objects.select_related("pemda").get(slug=demo.DEMO_OPD_SLUG)
    return demo.create_demo_users(opd)


@pytest.mark.parametrize("username", list(demo.DEMO_USERS))
def test_every_linked_page_renders_for_the_role(client, demo_users, username):
    client.force_login(demo_users[username])
    seen, queue, errors = set(), ["/"], []
    per_path = {}  # filtered/sorted variants of one listing: visit two, not all
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        path = urlsplit(url).path
        if url in seen or per_path.get(path, 0) >= 2:
            continue
        seen.add(url)
        per_path[path] = per_path.get(path, 0) + 1
        response = client.get(url, follow=True)
        if response.status_code >= 500:
            errors.append((url, response.status_code))
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for href in LINK.findall(response.content.decode()):
            href = urldefrag(href.replace("&amp;", "&"))[0]
            if href and not SKIP.search(href) and href not in seen:
                queue.append(href)
    assert not errors, errors
    assert len(seen) > 3, f"{username} reached only {sorted(seen)}"
