"""Django's SQLite backend with two changes: a decimal column always reads back, and bulk
writes use the connection's real parameter limit (DatabaseFeatures below).

SQLite keeps a DecimalField as REAL (about 15 significant digits). Django reads it by
rounding to 15 digits and quantizing to the field's decimal places within max_digits; a
value that rounds past the column's digits (9999999999999999 in numeric(20, 4) reads as
1E+16, which needs 21 digits) raises InvalidOperation, and every page that selects the row
fails for good, including the form that would correct it. sakip.batas keeps new values
inside 15 digits; a value stored before those bounds, or by raw SQL, is read here as the
15-digit number SQLite holds, so it shows and can be overwritten."""

import decimal
import sqlite3

from django.db.backends.sqlite3 import base, features, operations
from django.utils.functional import cached_property


class DatabaseOperations(operations.DatabaseOperations):
    def get_decimalfield_converter(self, expression):
        converter = super().get_decimalfield_converter(expression)
        create_decimal = decimal.Context(prec=15).create_decimal_from_float

        def converter_terbaca(value, expression, connection):
            try:
                return converter(value, expression, connection)
            except decimal.InvalidOperation:
                return create_decimal(value)

        return converter_terbaca


class DatabaseFeatures(features.DatabaseFeatures):
    @cached_property
    def max_query_params(self):
        """The connection's real limit of bound parameters (32766 since SQLite 3.32)
        instead of Django's fixed 999, so a bulk write of a few hundred rows (the Excel
        upload) is one INSERT, as on PostgreSQL, not one per 40 rows."""
        self.connection.ensure_connection()
        return self.connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
    features_class = DatabaseFeatures
