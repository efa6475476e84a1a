"""The listing exports (issue 15 item 6): the values are exactly django-tables2's
Table.as_values (read faster), the main query and the read-model rows run once (no page is
read before the whole list), a fixed number of queries at two plan sizes, and the workbook
keeps its bold frozen header, column widths, numbers as numbers and formula-like text as
text."""

import io
from datetime import UTC, datetime
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.models import Realisasi
from renstra.models import Indikator
from sakip import roles
from sakip.tables import nilai_tabel
from tests import builders
from tests.factories import PenggunaFactory

pytestmark = pytest.mark.django_db

EKSPOR = [
    "/kinerja/realisasi/?tahun=&_export=xlsx",
    "/kinerja/indikator/?tahun=2023&triwulan=4&_export=xlsx",
]
# Session, user, groups, the Pemda's counting rule, the predicate scale, the filter form,
# the main query and the read model's four; the same at both sizes (before issue 15 an
# export also counted, read and computed the first page: 23 queries; until the page's
# context was left out of an export, the predicate scale was read twice: 16).
KUERI_EKSPOR = {
    "/kinerja/realisasi/?tahun=&_export=xlsx": 15,
    "/kinerja/indikator/?tahun=2023&triwulan=4&_export=xlsx": 15,
}


@pytest.fixture
def rencana():
    r = builders.build_opd(kali=1, tahun=2023, triwulan=4)
    ind = Indikator.objects.filter(periode=r.periode, sasaran__isnull=False).first()
    ind.uraian = '=HYPERLINK("http://x","klik")'
    ind.save()
    Realisasi.objects.filter(indikator=ind).update(nilai=Decimal("86.5"))
    r.perencana = PenggunaFactory(role=roles.PERENCANA, pemda=r.opd.pemda, opd=r.opd)
    return r


@pytest.mark.parametrize("url", EKSPOR)
def test_exported_values_are_django_tables2s_values(client, rencana, url):
    client.force_login(rencana.perencana)
    response = client.get(url.replace("_export=xlsx", "per_page=100"))
    table = response.context["table"]
    header, rows = nilai_tabel(table)
    expected = list(table.as_values())
    assert [header, *rows] == expected
    assert len(rows) > 50
    # Types survive: numbers stay Decimal / int, text stays text.
    assert any(isinstance(v, Decimal) for row in rows for v in row)


@pytest.mark.parametrize("url", EKSPOR)
def test_the_workbook_keeps_its_header_widths_numbers_and_text(client, rencana, url):
    client.force_login(rencana.perencana)
    response = client.get(url)
    assert response.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert ws.freeze_panes == "A2"
    assert all(c.font.bold for c in ws[1])
    lebar = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
    assert all(6 <= w <= 60 for w in lebar)
    sel = [c for row in ws.iter_rows(min_row=2) for c in row if c.value is not None]
    rumus = [c for c in sel if isinstance(c.value, str) and c.value.startswith("=")]
    assert rumus and all(c.data_type == "s" for c in rumus)
    angka = [c for c in sel if isinstance(c.value, int | float)]
    assert angka and all(c.data_type == "n" for c in angka)
    assert any(not float(c.value).is_integer() for c in angka)  # a Decimal, as a number


def test_an_export_costs_a_pinned_number_of_queries_at_both_plan_sizes(client):
    counts = {}
    for kali in (1, 4):
        r = builders.build_opd(kali=kali, tahun=2023, triwulan=4)
        user = PenggunaFactory(role=roles.PERENCANA, pemda=r.opd.pemda, opd=r.opd)
        client.force_login(user)
        counts[kali] = {}
        for url in EKSPOR:
            client.get(url)
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url)
            assert response.status_code == 200
            counts[kali][url] = len(ctx.captured_queries)
            sqls = [q["sql"] for q in ctx.captured_queries]
            # The listing's main query (model rows) and the read model's indicator query
            # (values), once each.
            main = [
                sql
                for sql in sqls
                if sql.startswith(
                    ('SELECT "kinerja_realisasi"."id", ', 'SELECT "renstra_indikator"."id", ')
                )
            ]
            indikator = [s for s in sqls if s.startswith('SELECT "renstra_indikator"."id" AS "pk"')]
            assert len(main) == 1, main
            assert len(indikator) == 1, indikator
    assert counts[1] == counts[4] == KUERI_EKSPOR


def test_a_moment_is_exported_as_the_local_date_and_time_and_capaian_with_two_decimals(
    client, rencana
):
    # 20.31 UTC on 1 December is 03.31 on 2 December in Jakarta: the listing shows the
    # local date, and so must the workbook (a real date, not the stored UTC text).
    waktu = datetime(2026, 12, 1, 20, 31, 43, 515243, tzinfo=UTC)
    Realisasi.objects.filter(indikator__periode=rencana.periode).update(updated_at=waktu)
    client.force_login(rencana.perencana)
    response = client.get("/kinerja/realisasi/?tahun=&_export=xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    judul = [c.value for c in ws[1]]
    diubah = [row[judul.index("Diubah")] for row in ws.iter_rows(min_row=2)]
    assert diubah and all(c.value == datetime(2026, 12, 2, 3, 31) for c in diubah)
    assert {c.number_format for c in diubah} == {"dd/mm/yyyy hh:mm"}
    capaian = [row[judul.index("Capaian")] for row in ws.iter_rows(min_row=2)]
    assert {c.number_format for c in capaian if isinstance(c.value, int | float)} == {"0.00"}
    # The listing page says the same day.
    halaman = client.get("/kinerja/realisasi/?tahun=&per_page=100").content.decode()
    assert "2 Desember 2026 03:31" in halaman
