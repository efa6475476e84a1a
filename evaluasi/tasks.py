"""The LHE on the task queue: its builder for laporan.tasks (the worker builds the
document again from the evaluation's id)."""

from evaluasi import selectors
from evaluasi.models import Evaluasi
from laporan import tasks
from sakip import antrian


def _lhe(params, opd):
    evaluasi = (
        Evaluasi.objects.select_related("opd__pemda").filter(pk=params["evaluasi"], opd=opd).first()
    )
    if evaluasi is None:
        raise antrian.GagalPekerjaan("Evaluasi ini sudah tidak ada.")
    return selectors.lhe_document(evaluasi)


tasks.PEMBANGUN["lhe"] = _lhe
