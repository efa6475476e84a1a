"""The roles of DESIGN section 1, stored as auth groups (created by a migration)."""

ADMIN = "Admin"
PERENCANA = "Perencana"
OPERATOR = "Operator"
VERIFIKATOR = "Verifikator"
KEPALA_DINAS = "Kepala Dinas"
PIMPINAN = "Pimpinan"
# The APIP of the Pemda: reads every OPD (like Pimpinan) and evaluates them (evaluasi).
INSPEKTORAT = "Inspektorat"

ALL = [ADMIN, PERENCANA, OPERATOR, VERIFIKATOR, KEPALA_DINAS, PIMPINAN, INSPEKTORAT]
