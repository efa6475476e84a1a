"""Bulk UPDATE of many rows in one statement, with their audit history.

Django's QuerySet.bulk_update writes one CASE WHEN per column with a branch per row: its
cost grows with rows × rows (900 rows of the realisation upload took seconds in the
database and in building the expression). Here the rows travel as a VALUES list joined on
the primary key, which PostgreSQL and SQLite (3.33 and later) both read:

    UPDATE t SET a = v.column2, ... FROM (VALUES (%s, %s, ...), ...) AS v
    WHERE t.id = v.column1

One statement per `max_query_params` parameters (65,535 on PostgreSQL, the connection's
limit on SQLite, see sakip/sqlite3): one for any upload of a few thousand rows. The
history rows are written like simple_history's bulk_update_with_history does (one INSERT,
history_type "~", the user and the change reason given)."""

from django.db import connections, router, transaction
from simple_history.utils import get_history_manager_for_model

# PostgreSQL's limit of bind parameters in one statement.
_PARAMETER_PG = 65535


def perbarui(model, objs, fields):
    """UPDATE the `fields` (names) of `objs` (saved instances of `model`) from their
    attribute values. Returns the number of rows updated. No signals, no save()."""
    objs = list(objs)
    if not objs:
        return 0
    conn = connections[router.db_for_write(model)]
    meta = model._meta
    kolom = [meta.get_field(name) for name in fields]
    qn = conn.ops.quote_name
    pg = conn.vendor == "postgresql"

    def ref(i, field):
        expr = f"v.column{i}"
        return f"CAST({expr} AS {field.db_type(conn)})" if pg else expr

    tabel = qn(meta.db_table)
    setel = ", ".join(f"{qn(f.column)} = {ref(i, f)}" for i, f in enumerate(kolom, start=2))
    per_baris = len(kolom) + 1
    batas = conn.features.max_query_params or _PARAMETER_PG
    ukuran = max(1, batas // per_baris)
    placeholder = "(" + ", ".join(["%s"] * per_baris) + ")"
    total = 0
    with transaction.atomic(using=conn.alias, savepoint=False), conn.cursor() as cursor:
        for awal in range(0, len(objs), ukuran):
            potongan = objs[awal : awal + ukuran]
            params = []
            for obj in potongan:
                params.append(meta.pk.get_db_prep_save(obj.pk, conn))
                params.extend(f.get_db_prep_save(getattr(obj, f.attname), conn) for f in kolom)
            sql = (
                f"UPDATE {tabel} SET {setel} FROM (VALUES "
                + ", ".join([placeholder] * len(potongan))
                + f") AS v WHERE {tabel}.{qn(meta.pk.column)} = {ref(1, meta.pk)}"
            )
            cursor.execute(sql, params)
            total += cursor.rowcount
    return total


def perbarui_dengan_riwayat(model, objs, fields, *, user, alasan, tanggal=None):
    """perbarui() and one history row per object ("~", history_user `user`, change reason
    `alasan`) in the same transaction: simple_history's bulk_update_with_history with the
    UPDATE above."""
    with transaction.atomic(savepoint=False):
        jumlah = perbarui(model, objs, fields)
        get_history_manager_for_model(model).bulk_history_create(
            objs,
            update=True,
            default_user=user,
            default_change_reason=alasan,
            default_date=tanggal,
        )
    return jumlah
