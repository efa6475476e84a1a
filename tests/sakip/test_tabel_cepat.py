"""The listings' body rows written by sakip.tables.badan_tabel (issue 15 item 6) are the
cells the django-tables2 template loop writes: the same rows, attributes, values and
escaping, for every listing."""

import itertools
import re

import pytest
from django.template.loader import get_template

from sakip import roles
from tests import builders
from tests.factories import PenggunaFactory

pytestmark = pytest.mark.django_db

LISTINGS = (
    "/kinerja/indikator/?tahun=2023&triwulan=4",
    "/kinerja/sub-kegiatan/?tahun=2023&triwulan=4",
    "/kinerja/realisasi/?tahun=2023",
    "/anggaran/realisasi/?tahun=2023",
)
TBODY = re.compile(r"<tbody[^>]*>(.*?)</tbody>", re.S)


def _normal(html):
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def _tbody_stock(table, request):
    # The template the house table extends, with its own table.tbody block.
    table.context = None
    table._counter = itertools.count()  # BoundRow numbers rows across renderings
    html = get_template("django_tables2/bootstrap5-responsive.html").render(
        {"table": table, "request": request}
    )
    return _normal(TBODY.search(html).group(1))


@pytest.mark.parametrize("url", LISTINGS)
def test_listing_rows_are_the_cells_of_the_django_tables2_template(client, url):
    rencana = builders.build_opd(kali=1, tahun=2023, triwulan=4)
    perencana = PenggunaFactory(role=roles.PERENCANA, pemda=rencana.opd.pemda, opd=rencana.opd)
    client.force_login(perencana)
    response = client.get(url)
    assert response.status_code == 200
    table = response.context["table"]
    assert len(table.page.object_list) >= 20
    ours = _normal(TBODY.search(response.content.decode()).group(1))
    assert ours == _tbody_stock(table, response.wsgi_request)
    assert "<td" in ours


def test_a_listing_without_rows_says_so(client):
    rencana = builders.build_opd(kali=1, tahun=2023, triwulan=4)
    perencana = PenggunaFactory(role=roles.PERENCANA, pemda=rencana.opd.pemda, opd=rencana.opd)
    client.force_login(perencana)
    response = client.get("/kinerja/realisasi/?tahun=2031")
    body = _normal(TBODY.search(response.content.decode()).group(1))
    assert body == _tbody_stock(response.context["table"], response.wsgi_request)
    assert "Tidak ada data yang sesuai dengan saringan." in body
