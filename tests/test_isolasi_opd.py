"""Every page of an OPD reads only that OPD's rows (issue 15 item 4).

On PostgreSQL (skipped on SQLite, whose planner has no EXPLAIN ANALYZE): the pages of a
small OPD are requested, every SELECT they run is explained with EXPLAIN (ANALYZE, FORMAT
JSON) and the rows each one reads are summed over its scan nodes (rows returned plus rows
removed by a filter, times loops). Then a second, ten times larger OPD of the same Pemda is
loaded and analysed, the same pages are requested again, and no query may read more rows
than before: a query that walks other OPDs' data grows with them.

The test plan is small, and on tables of a few thousand rows the planner rightly reads a
table whole (or hashes it) rather than looking rows up through an index. So during EXPLAIN
sequential scans, hash and merge joins are switched off: the plan a database of many OPDs
gets, starting from the OPD's own rows and following indexes. A query that has no such
path still scans (the settings only make the other plans expensive), so it shows up as
growth.
"""

import json
import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renstra.models import TriwulanPelaporan
from sakip import roles
from tests import builders
from tests.factories import PenggunaFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="EXPLAIN ANALYZE: hanya PostgreSQL"
    ),
]

TAHUN, TW = 2023, 4
# The second OPD is ten times the first: a query that reads its rows grows several times
# over. Within the first OPD's rows a plan may change shape once the tables are larger (an
# index scan instead of a bitmap, a lookup per row): that stays within this margin.
_BATAS, _LONGGAR = 3, 50
# The plan a database of many OPDs gets: start from the OPD's rows and follow indexes.
_PLANNER = ("enable_seqscan", "enable_hashjoin", "enable_mergejoin")


def _rows_read(plan):
    """Rows a plan node and its children read from tables (scan nodes only)."""
    total = 0
    # A bitmap heap scan reports the rows its bitmap index scan found: count them once.
    if "Scan" in plan.get("Node Type", "") and plan["Node Type"] != "Bitmap Index Scan":
        loops = plan.get("Actual Loops", 1)
        read = plan.get("Actual Rows", 0) + plan.get("Rows Removed by Filter", 0)
        read += plan.get("Rows Removed by Index Recheck", 0)
        total += read * loops
    for child in plan.get("Plans", ()):
        total += _rows_read(child)
    return total


def _explain(sql):
    with connection.cursor() as cursor:
        for setting in _PLANNER:
            cursor.execute(f"SET {setting} = off")
        try:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
        finally:
            for setting in _PLANNER:
                cursor.execute(f"RESET {setting}")
    if isinstance(plan, str):  # psycopg2 without the json adapter
        plan = json.loads(plan)
    if os.environ.get("ISOLASI_PLAN"):  # for a person reading why a query grew
        with open(os.environ["ISOLASI_PLAN"], "a") as out:
            out.write(sql + "\n" + json.dumps(plan[0]["Plan"], indent=1) + "\n\n")
    return _rows_read(plan[0]["Plan"])


def _pages(client, pages):
    """{(user, url): [(sql, rows read)]} for every SELECT of each page."""
    result = {}
    for user, url in pages:
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, url
        result[(user.username, url)] = [
            (q["sql"], _explain(q["sql"]))
            for q in ctx.captured_queries
            if q["sql"].lstrip().upper().startswith("SELECT") and "django_session" not in q["sql"]
        ]
    return result


def test_no_query_of_one_opds_pages_reads_another_opds_rows(client):
    kecil = builders.build_opd(kali=1, tahun=TAHUN, triwulan=TW)
    opd, pemda = kecil.opd, kecil.opd.pemda
    TriwulanPelaporan.objects.create(opd=opd, tahun=TAHUN, triwulan=TW)
    unit = opd.unit_set.order_by("urutan").first()
    users = {
        role: PenggunaFactory(role=role, pemda=pemda, opd=opd, unit=unit if bound else None)
        for role, bound in (
            (roles.OPERATOR, True),
            (roles.VERIFIKATOR, True),
            (roles.KEPALA_DINAS, False),
            (roles.PERENCANA, False),
        )
    }
    q = f"?tahun={TAHUN}&triwulan={TW}"
    pages = [
        (users[roles.OPERATOR], f"/kinerja/entri/{TAHUN}/{TW}/"),
        (users[roles.PERENCANA], f"/kinerja/entri/{TAHUN}/{TW}/"),
        (users[roles.VERIFIKATOR], f"/kinerja/verifikasi/{TAHUN}/{TW}/"),
        (users[roles.KEPALA_DINAS], f"/kinerja/verifikasi/{TAHUN}/{TW}/"),
        (users[roles.KEPALA_DINAS], f"/kinerja/dasbor/{opd.slug}/{q}"),
        (users[roles.OPERATOR], f"/kinerja/dasbor/{opd.slug}/{q}"),
        (users[roles.PERENCANA], f"/kinerja/realisasi/{q}"),
        (users[roles.OPERATOR], f"/kinerja/realisasi/{q}"),
        (users[roles.PERENCANA], "/kinerja/indikator/"),
        (users[roles.PERENCANA], "/kinerja/sub-kegiatan/"),
        (users[roles.PERENCANA], f"/anggaran/realisasi/{q}"),
        (users[roles.KEPALA_DINAS], f"/laporan/{opd.slug}/{TAHUN}/pengukuran/{TW}/"),
    ]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    before = _pages(client, pages)

    besar = builders.build_opd(pemda=pemda, kali=10, tahun=TAHUN, triwulan=TW)
    TriwulanPelaporan.objects.create(opd=besar.opd, tahun=TAHUN, triwulan=TW)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    after = _pages(client, pages)

    grown = []
    for page, queries in after.items():
        assert len(queries) == len(before[page]), page
        for (sql, rows), (_, rows_before) in zip(queries, before[page], strict=True):
            if rows > _BATAS * rows_before + _LONGGAR:
                grown.append(f"{page[0]} {page[1]}: {rows_before} -> {rows} rows: {sql[:300]}")
    assert not grown, "\n".join(grown)
