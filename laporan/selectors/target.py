"""The targets grid of a year: every indicator of the Renstra period with its yearly and
TW I–IV targets as the text of editable cells (laporan.forms.parse_targets reads them
back)."""

from laporan.selectors.umum import periode_wajib, targets_tahunan, targets_triwulan
from renstra.models import Indikator
from sakip import angka as fmt


def target_rows(opd, tahun):
    """Every indicator of the year's Renstra period with its yearly and TW I–IV targets as
    editable cells, ordered as the plan (sasaran, program, kegiatan, sub kegiatan)."""
    periode = periode_wajib(opd, tahun)
    indikator = list(
        Indikator.objects.filter(periode=periode)
        .select_related(
            "tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan", "node_pohon", "skala"
        )
        .order_by("urutan", "id")
    )
    level_order = {
        "tujuan": 0,
        "sasaran": 1,
        "program": 2,
        "kegiatan": 3,
        "sub_kegiatan": 4,
        "node_pohon": 5,
    }

    def key(ind):
        owner = ind.pemilik
        return (level_order[ind.level], getattr(owner, "kode", ""), ind.urutan, ind.pk)

    indikator.sort(key=key)
    ids = [i.pk for i in indikator]
    tahunan = targets_tahunan(ids, tahun)
    triwulan = targets_triwulan(ids, tahun)

    def cell_value(target):
        if target is None:
            return ""
        if target.teks:
            return "=" + target.teks
        if target.level_id:
            return target.level.nama
        return fmt.angka(target.nilai) if target.nilai is not None else ""

    rows = []
    for ind in indikator:
        cells = [
            {
                "key": "tahunan",
                "label": str(tahun),
                "name": f"t-{ind.pk}-tahunan",
                "value": cell_value(tahunan.get(ind.pk)),
            }
        ]
        for n in (1, 2, 3, 4):
            cells.append(
                {
                    "key": n,
                    "label": f"TW {fmt.triwulan_romawi(n)}",
                    "name": f"t-{ind.pk}-{n}",
                    "value": cell_value(triwulan.get((ind.pk, n))),
                }
            )
        rows.append(
            {
                "indikator": ind,
                "tingkat": {
                    "tujuan": "Tujuan",
                    "sasaran": "Sasaran",
                    "program": "Program",
                    "kegiatan": "Kegiatan",
                    "sub_kegiatan": "Sub kegiatan",
                    "node_pohon": "Pohon kinerja",
                }[ind.level],
                "pemilik": str(ind.pemilik),
                "cells": cells,
            }
        )
    return rows
