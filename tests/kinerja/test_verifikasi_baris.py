"""The verification sheet's rows in Python (kinerja/views/verifikasi_baris.py, issue 15 item
2): a row's four read-model values are read from the row's fields, not through the Nilai
properties; they must stay the values those properties make."""

import pytest

from kinerja import lembar
from kinerja.models import Realisasi
from kinerja.selectors import Nilai
from kinerja.views.verifikasi_baris import kunci_baris, kunci_nilai
from renstra.models import TriwulanPelaporan
from sakip.alur import StatusRealisasi
from tests.builders import build_opd

pytestmark = pytest.mark.django_db


def test_a_rows_value_keys_are_the_values_of_its_nilai_properties():
    rencana = build_opd(kali=1, tahun=2023, triwulan=3)
    TriwulanPelaporan.objects.create(opd=rencana.opd, tahun=2023, triwulan=3)
    Realisasi.objects.filter(indikator__periode=rencana.periode).update(
        status=StatusRealisasi.DIAJUKAN
    )
    rows = [
        b
        for unit in rencana.opd.unit_set.all()
        for g in lembar.lembar_unit(unit=unit, tahun=2023, triwulan=3)
        for b in g.indikator
    ]
    assert len(rows) > 5
    for b in rows:
        nilai = (b.target_tahunan, b.target_triwulan, b.sebelumnya, b.nilai_sd)
        assert kunci_baris(b.angka) == tuple(kunci_nilai(n) for n in nilai)
        assert tuple(Nilai(*k) for k in kunci_baris(b.angka)) == nilai
