"""SQLite, the embedded default database, with decimals that always read back (base.py)."""
