"""Rencana Aksi (seed 001): per unit the sasaran indicators it works towards with their TW
I–IV targets, then its Program / Kegiatan / Sub kegiatan (name, indicators, targets), the
actions, their volume and quarters; signed by the head of the OPD.

Every unit of the OPD is read in the same fixed number of queries: the plan, indicators,
targets and actions of all units at once, then split per unit here."""

from django.db.models import Q

from kinerja.models import Aksi, RencanaAksi, StatusDokumen
from laporan.pengesahan import kepala_opd_list, pengesahan, ttd_pengesahan
from laporan.selectors.umum import (
    Besaran,
    besaran_target,
    dokumen_dasar,
    number_sasaran,
    periode_wajib,
    posisi_run,
    targets_tahunan,
    targets_triwulan,
)
from renstra.models import Indikator, SubKegiatan, UnitKerja
from renstra.selectors import sasaran_berlaku


def aksi_list(ra):
    if ra is None:
        return []
    return list(
        Aksi.objects.filter(rencana_aksi=ra)
        .select_related("sub_kegiatan")
        .order_by("sub_kegiatan__kode", "urutan", "id")
    )


def _volume(aksi):
    """The volume of an action with its unit; None when the action has neither."""
    if aksi is None or (aksi.volume is None and not aksi.satuan_volume):
        return None
    if aksi.volume is None:
        return Besaran(teks=aksi.satuan_volume)
    return Besaran(nilai=aksi.volume, satuan=aksi.satuan_volume or "")


class _Bacaan:
    """The plan, indicators, targets and actions of every unit of a Rencana Aksi, read
    once (eight queries whatever the number of units)."""

    def __init__(self, periode, units, tahun, ras):
        unit_ids = [u.pk for u in units]
        self.subs = list(
            SubKegiatan.objects.filter(periode=periode, unit_id__in=unit_ids)
            .select_related("kegiatan__program")
            .annotate(sasaran_tahun=sasaran_berlaku(tahun, program="kegiatan__program"))
            .order_by("kegiatan__program__kode", "kegiatan__kode", "kode")
        )
        self.sasaran_ind = list(
            Indikator.objects.filter(periode=periode, sasaran__isnull=False)
            .select_related("sasaran")
            .order_by("sasaran__urutan", "sasaran__kode", "urutan", "id")
        )
        self.penanggung_jawab = {}
        through = Indikator.unit_penanggung_jawab.through
        for ind_id, unit_id in through.objects.filter(
            indikator__in=[i.pk for i in self.sasaran_ind], unitkerja_id__in=unit_ids
        ).values_list("indikator_id", "unitkerja_id"):
            self.penanggung_jawab.setdefault(unit_id, set()).add(ind_id)
        owners = Q(sub_kegiatan_id__in=[s.pk for s in self.subs])
        owners |= Q(kegiatan_id__in={s.kegiatan_id for s in self.subs})
        owners |= Q(program_id__in={s.kegiatan.program_id for s in self.subs})
        self.indikator = {}
        for ind in Indikator.objects.filter(owners, periode=periode).order_by("urutan", "id"):
            key = (ind.level, getattr(ind, f"{ind.level}_id"))
            self.indikator.setdefault(key, []).append(ind)
        ids = [i.pk for lst in self.indikator.values() for i in lst]
        ids += [i.pk for i in self.sasaran_ind]
        self.targets = targets_tahunan(ids, tahun)
        self.tw_targets = targets_triwulan([i.pk for i in self.sasaran_ind], tahun)
        self.aksi = {}
        for aksi in Aksi.objects.filter(rencana_aksi__in=[ra.pk for ra in ras.values()]).order_by(
            "sub_kegiatan__kode", "urutan", "id"
        ):
            self.aksi.setdefault((aksi.rencana_aksi_id, aksi.sub_kegiatan_id), []).append(aksi)

    def cells(self, level, owner_id):
        """The INDIKATOR and TARGET cells of a plan element (one line per indicator)."""
        return [
            {"uraian": ind.uraian, "target": besaran_target(self.targets.get(ind.pk), ind.satuan)}
            for ind in self.indikator.get((level, owner_id), [])
        ]

    def sasaran_unit(self, unit, subs):
        """The sasaran indicators a unit works towards: it is responsible for them, or it runs a
        sub-kegiatan of a program under their sasaran."""
        sasaran_ids = {s.sasaran_tahun for s in subs}
        own = self.penanggung_jawab.get(unit.pk, set())
        return [i for i in self.sasaran_ind if i.pk in own or i.sasaran_id in sasaran_ids]


def _kolom(items, baris):
    """Spread the indicators (or actions) of one plan element over its `baris` lines: the
    i-th item on line i, so each target stands on the line of its own indicator; the lines
    left get one empty cell spanning them (a text never spans lines: a cell taller than its
    lines would run under the lines below). [(item or None, span)] per line; span 0 on a
    covered line."""
    kolom = [(None, 0)] * baris
    for i, item in enumerate(items):
        kolom[i] = (item, 1)
    if len(items) < baris:
        kolom[len(items)] = (None, baris - len(items))
    return kolom


def _baris_aksi(bacaan, subs, ra):
    """The lines of the Program / Kegiatan / Sub kegiatan / aksi table. A sub kegiatan takes
    as many lines as it has indicators or actions, a kegiatan and a program at least as
    many as their own indicators (the last sub kegiatan grows when they have more); every
    indicator and action has a line of its own, every name a rowspan over its lines."""
    program_list = []
    for sub in subs:
        kegiatan = sub.kegiatan
        program = kegiatan.program
        if not program_list or program_list[-1]["obj"].pk != program.pk:
            program_list.append(
                {"obj": program, "ind": bacaan.cells("program", program.pk), "kegiatan": []}
            )
        kegiatan_list = program_list[-1]["kegiatan"]
        if not kegiatan_list or kegiatan_list[-1]["obj"].pk != kegiatan.pk:
            kegiatan_list.append(
                {"obj": kegiatan, "ind": bacaan.cells("kegiatan", kegiatan.pk), "sub": []}
            )
        aksi = bacaan.aksi.get((ra.pk if ra else None, sub.pk)) or []
        ind = bacaan.cells("sub_kegiatan", sub.pk)
        kegiatan_list[-1]["sub"].append(
            {"obj": sub, "ind": ind, "aksi": aksi, "baris": max(len(ind), len(aksi), 1)}
        )
    rows = []
    for no, p in enumerate(program_list, start=1):
        for k in p["kegiatan"]:
            k["baris"] = sum(s["baris"] for s in k["sub"])
            k["sub"][-1]["baris"] += max(0, len(k["ind"]) - k["baris"])
            k["baris"] = max(k["baris"], len(k["ind"]))
        baris_program = sum(k["baris"] for k in p["kegiatan"])
        if len(p["ind"]) > baris_program:
            tambah = len(p["ind"]) - baris_program
            p["kegiatan"][-1]["baris"] += tambah
            p["kegiatan"][-1]["sub"][-1]["baris"] += tambah
            baris_program = len(p["ind"])
        program_ind = _kolom(p["ind"], baris_program)
        i_program = 0
        for k in p["kegiatan"]:
            kegiatan_ind = _kolom(k["ind"], k["baris"])
            i_kegiatan = 0
            for sub in k["sub"]:
                sub_ind = _kolom(sub["ind"], sub["baris"])
                aksi_kolom = _kolom(sub["aksi"], sub["baris"])
                for i in range(sub["baris"]):
                    pi, pi_span = program_ind[i_program]
                    ki, ki_span = kegiatan_ind[i_kegiatan]
                    si, si_span = sub_ind[i]
                    aksi, aksi_span = aksi_kolom[i]
                    rows.append(
                        {
                            "no": no,
                            "program": p["obj"].nama,
                            "program_span": baris_program if i_program == 0 else 0,
                            "program_ind": [pi] if pi else [],
                            "program_ind_span": pi_span,
                            "kegiatan": k["obj"].nama,
                            "kegiatan_span": k["baris"] if i_kegiatan == 0 else 0,
                            "kegiatan_ind": [ki] if ki else [],
                            "kegiatan_ind_span": ki_span,
                            "sub": sub["obj"].nama,
                            "sub_span": sub["baris"] if i == 0 else 0,
                            "sub_ind": [si] if si else [],
                            "sub_ind_span": si_span,
                            "aksi": aksi.uraian if aksi else "",
                            "aksi_span": aksi_span,
                            "volume": _volume(aksi),
                            "tw": [bool(aksi and getattr(aksi, f"tw{n}")) for n in (1, 2, 3, 4)],
                        }
                    )
                    i_program += 1
                    i_kegiatan += 1
    # The spans say which lines a cell covers (the XLSX merges them); the PDF prints no
    # rowspan but the text on the first line and the lines below joined to it (the _pos
    # of each line), so a page may break between any two lines: a sub kegiatan block
    # kept whole left pages 40 % empty and, taller than a page, lost the repeated header.
    for kunci in ("program", "program_ind", "kegiatan", "kegiatan_ind", "sub", "sub_ind", "aksi"):
        posisi_run(rows, f"{kunci}_span", f"{kunci}_pos")
    return rows


def _unit(bacaan, unit, tahun, ra, kepala):
    subs = [s for s in bacaan.subs if s.unit_id == unit.pk]
    sasaran_rows = [
        {
            "sasaran": ind.sasaran.uraian,
            "indikator": ind.uraian,
            "tw": [
                besaran_target(bacaan.tw_targets.get((ind.pk, n)), ind.satuan) for n in (1, 2, 3, 4)
            ],
        }
        for ind in bacaan.sasaran_unit(unit, subs)
    ]
    number_sasaran(sasaran_rows)

    rows = _baris_aksi(bacaan, subs, ra)
    p = pengesahan(
        unit.opd,
        "rencana-aksi",
        tahun=tahun,
        unit=unit,
        tempat=ra.tempat if ra else "",
        tanggal=ra.tanggal if ra else None,
        penandatangan=ra.penandatangan if ra else None,
        kandidat=kepala(),
        rekaman=None,
    )
    return {
        "unit": unit,
        "ra": ra,
        "is_final": bool(ra and ra.status == StatusDokumen.FINAL),
        "sasaran_rows": sasaran_rows,
        "rows": rows,
        "ttd": ttd_pengesahan(p, label="Mengetahui,"),
        "peringatan": list(p.catatan),
    }


def rencana_aksi_document(*, opd, tahun, unit=None):
    """The Rencana Aksi of one unit, or of every unit of the OPD (one section each)."""
    periode = periode_wajib(opd, tahun)
    units = (
        [unit]
        if unit is not None
        else list(
            UnitKerja.objects.filter(opd=opd, sub_kegiatan_set__periode=periode)
            .distinct()
            .order_by("urutan", "nama")
        )
    )
    for u in units:
        # Every unit is of this OPD: its pemda is the OPD's, already read.
        u.opd = opd
    ras = {
        ra.unit_id: ra
        for ra in RencanaAksi.objects.filter(unit__in=units, tahun=tahun).select_related(
            "penandatangan"
        )
    }
    bacaan = _Bacaan(periode, units, tahun, ras)
    kepala = []

    def kepala_sekali():
        if not kepala:
            kepala.append(kepala_opd_list(opd))
        return kepala[0]

    sections = [_unit(bacaan, u, tahun, ras.get(u.pk), kepala_sekali) for u in units]
    is_final = bool(sections) and all(s["is_final"] for s in sections)
    finalized = [s["ra"].finalized_at for s in sections if s["ra"] and s["ra"].finalized_at]
    return dokumen_dasar(
        "rencana-aksi",
        opd,
        tahun,
        is_final=is_final,
        unit=unit,
        judul=f"Rencana Aksi Tahun {tahun}" + (f" · {unit.nama}" if unit else ""),
        sections=sections,
        finalized_at=max(finalized) if is_final and finalized else None,
        peringatan=sorted({c for s in sections for c in s["peringatan"]}),
    )
