"""Writing a period's plan into the Renstra workbook, in the format the import reads."""

from anggaran.models import Pagu
from anggaran.renstra_xlsx.format import (
    AGREGASI_LABEL,
    POLARITAS_LABEL,
    RUMUS_NEGATIF_LABEL,
    SHEET_INDIKATOR,
    SHEET_KEGIATAN,
    SHEET_PROGRAM,
    SHEET_SASARAN,
    SHEET_SUB,
    SHEET_TUJUAN,
    TINGKAT_LABEL,
    TIPE_LABEL,
    Konteks,
    buat_workbook,
    tulis_sasaran_tahunan,
)
from renstra.models import (
    Indikator,
    LevelKategori,
    ProgramSasaranTahunan,
    SkalaKategori,
    TargetTahunan,
    UnitKerja,
)
from sakip import xlsx


def renstra_export(periode):
    """The period's plan in the import format: exporting then importing gives the same plan."""
    konteks = Konteks(periode.opd)
    tahun_list = periode.tahun_list
    wb, sheets, spec = buat_workbook(periode.opd, tahun_list, konteks)
    unit_nama = dict(UnitKerja.objects.filter(opd=periode.opd).values_list("pk", "nama"))

    def tulis(sheet, rows):
        ws = sheets[sheet]
        formats = [k.format for k in spec[sheet]]
        for nomor, values in enumerate(rows, start=2):
            xlsx.tulis_baris(ws, nomor, values, formats, border=False)

    tujuan = list(periode.tujuan_set.order_by("urutan", "kode"))
    tulis(SHEET_TUJUAN, ([t.kode, t.uraian] for t in tujuan))
    sasaran = list(periode.sasaran_set.select_related("tujuan").order_by("urutan", "kode"))
    tulis(SHEET_SASARAN, ([s.kode, s.tujuan.kode, s.uraian] for s in sasaran))
    program = list(periode.program_set.select_related("sasaran").order_by("urutan", "kode"))
    per_tahun = {}
    for g in ProgramSasaranTahunan.objects.filter(program__periode=periode).select_related(
        "sasaran"
    ):
        per_tahun.setdefault(g.program_id, {})[g.tahun] = g.sasaran.kode if g.sasaran else ""
    tulis(
        SHEET_PROGRAM,
        (
            [
                p.kode,
                p.sasaran.kode if p.sasaran else "",
                p.nama,
                tulis_sasaran_tahunan(per_tahun.get(p.pk, {})),
            ]
            for p in program
        ),
    )
    kegiatan = list(periode.kegiatan_set.select_related("program").order_by("urutan", "kode"))
    tulis(SHEET_KEGIATAN, ([k.kode, k.program.kode, k.nama] for k in kegiatan))

    pagu = {
        (p.sub_kegiatan_id, p.tahun): p.jumlah
        for p in Pagu.objects.filter(sub_kegiatan__periode=periode, berlaku_mulai=1)
    }
    sub = list(periode.sub_kegiatan_set.select_related("kegiatan").order_by("urutan", "kode"))
    tulis(
        SHEET_SUB,
        (
            [s.kode, s.kegiatan.kode, s.nama, unit_nama.get(s.unit_id, ""), s.lokasi]
            + [pagu.get((s.pk, t)) for t in tahun_list]
            for s in sub
        ),
    )
    kode_pemilik = {
        "tujuan": {t.pk: t.kode for t in tujuan},
        "sasaran": {s.pk: s.kode for s in sasaran},
        "program": {p.pk: p.kode for p in program},
        "kegiatan": {k.pk: k.kode for k in kegiatan},
        "sub_kegiatan": {s.pk: s.kode for s in sub},
    }
    levels = {
        lv.pk: lv.nama for lv in LevelKategori.objects.filter(skala_id__in=konteks.skala.values())
    }
    skala_nama = {pk: nama for nama, pk in ((s.nama, s.pk) for s in SkalaKategori.objects.all())}
    target = {}
    for t in TargetTahunan.objects.filter(indikator__periode=periode):
        if t.level_id:
            target[(t.indikator_id, t.tahun)] = levels.get(t.level_id)
        elif t.nilai is not None:
            target[(t.indikator_id, t.tahun)] = t.nilai
        else:
            target[(t.indikator_id, t.tahun)] = t.teks or None
    through = Indikator.unit_penanggung_jawab.through
    pj = {}
    for indikator_id, unit_id in through.objects.filter(indikator__periode=periode).values_list(
        "indikator_id", "unitkerja_id"
    ):
        pj.setdefault(indikator_id, []).append(unit_nama.get(unit_id, ""))
    penunjang = {}
    for m2m, tingkat in (
        (Indikator.program_penunjang.through, "program"),
        (Indikator.kegiatan_penunjang.through, "kegiatan"),
    ):
        for indikator_id, obj_id in m2m.objects.filter(indikator__periode=periode).values_list(
            "indikator_id", f"{tingkat}_id"
        ):
            penunjang.setdefault(indikator_id, []).append(kode_pemilik[tingkat].get(obj_id, ""))
    order = {name: i for i, name in enumerate(TINGKAT_LABEL)}
    indikator = sorted(
        # indicators of pohon kinerja nodes are not part of the Renstra workbook format
        periode.indikator_set.filter(node_pohon__isnull=True),
        key=lambda i: (
            order[i.level],
            kode_pemilik[i.level].get(getattr(i, f"{i.level}_id"), ""),
            i.urutan,
            i.pk,
        ),
    )
    rows = []
    for i in indikator:
        level = i.level
        awal = levels.get(i.kondisi_awal_level_id) if i.kondisi_awal_level_id else i.kondisi_awal
        rows.append(
            [
                TINGKAT_LABEL[level],
                kode_pemilik[level].get(getattr(i, f"{level}_id"), ""),
                i.kode,
                i.uraian,
                i.satuan,
                TIPE_LABEL[i.tipe],
                POLARITAS_LABEL[i.polaritas],
                i.rentang_bawah,
                i.rentang_atas,
                AGREGASI_LABEL[i.agregasi],
                skala_nama.get(i.skala_id, "") if i.skala_id else "",
                "Ya" if i.is_iku else "",
                i.formula,
                i.label_pembilang,
                i.label_penyebut,
                i.sumber_data,
                "; ".join(sorted(pj.get(i.pk, []))),
                awal,
                i.tahun_kondisi_awal,
            ]
            + [target.get((i.pk, t)) for t in tahun_list]
            + [
                RUMUS_NEGATIF_LABEL.get(i.rumus_negatif, ""),
                "; ".join(sorted(penunjang.get(i.pk, []))),
            ]
        )
    tulis(SHEET_INDIKATOR, rows)
    return wb
