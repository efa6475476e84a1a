"""Model instances from value tuples, for reads of many rows (issue 15 item 2)."""

from django.db import router
from django.db.models.base import ModelState


def pembuat_instans(model, kolom):
    """A function making a `model` instance from a tuple of the values of `kolom` (attnames,
    as the database gave them), the way unpickling makes one (Model.__reduce__): through
    Model.__init__ every field is set by its descriptor, ~12 µs a row, about half of the
    sheet's own cost at 700 rows (issue 15 item 2). Fields not in `kolom` are deferred: read
    on first access, a query each, which the sheets' pinned query counts catch."""
    db = router.db_for_read(model)
    kolom = tuple(kolom)

    def buat(nilai):
        obj = model.__new__(model)
        obj.__dict__.update(zip(kolom, nilai, strict=True))
        obj._state = state = ModelState()
        state.adding, state.db = False, db
        return obj

    return buat
