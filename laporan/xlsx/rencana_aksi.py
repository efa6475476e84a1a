"""The Rencana Aksi as one sheet per unit: the sasaran indicators with TW I–IV targets,
then Program / Kegiatan / Sub kegiatan with their indicators and targets, the actions,
their volume and quarters."""

from laporan.xlsx.lembar import Lembar
from laporan.xlsx.umum import baris_ind, sel, selesai, target_ind, tulis_judul_dokumen, tulis_tabel

TW = ["I", "II", "III", "IV"]


def _nama_sheet(unit, used):
    name = (unit.singkatan or unit.nama)[:28]
    while name in used:
        name = name[:26] + f"{len(used)}"
    used.add(name)
    return name


def _sasaran(ws, baris, section):
    header = [
        (0, 1, "NO", 2, 1),
        (0, 2, "SASARAN STRATEGIS", 2, 1),
        (0, 3, "INDIKATOR KINERJA", 2, 1),
        (0, 4, "TARGET TRIWULAN", 1, 4),
    ] + [(1, 4 + i, t, 1, 1) for i, t in enumerate(TW)]
    rows = []
    for r in section["sasaran_rows"]:
        span = r.get("sasaran_rowspan")
        rows.append([sel(span, r["sasaran_no"]), sel(span, r["sasaran"]), r["indikator"], *r["tw"]])
    return tulis_tabel(ws, baris, header, rows)


def _aksi(ws, baris, section):
    header = [
        (0, 1, "NO", 2, 1),
        (0, 2, "PROGRAM", 1, 3),
        (0, 5, "KEGIATAN", 1, 3),
        (0, 8, "SUB KEGIATAN", 1, 3),
        (0, 11, "AKSI", 2, 1),
        (0, 12, "VOLUME", 2, 1),
        (0, 13, "JADWAL PELAKSANAAN TRIWULAN", 1, 4),
    ]
    for i, t in enumerate(["NAMA", "INDIKATOR", "TARGET"] * 3):
        header.append((1, 2 + i, t, 1, 1))
    for i, t in enumerate(TW):
        header.append((1, 13 + i, t, 1, 1))
    rows = []
    for r in section["rows"]:
        # One line per indicator and action, as in the PDF: each target beside its indicator.
        ps, ks, ss, aks = r["program_span"], r["kegiatan_span"], r["sub_span"], r["aksi_span"]
        pis, kis, sis = r["program_ind_span"], r["kegiatan_ind_span"], r["sub_ind_span"]
        rows.append(
            [
                sel(ps, r["no"]),
                sel(ps, r["program"]),
                sel(pis, baris_ind(r["program_ind"], "uraian")),
                sel(pis, target_ind(r["program_ind"])),
                sel(ks, r["kegiatan"]),
                sel(kis, baris_ind(r["kegiatan_ind"], "uraian")),
                sel(kis, target_ind(r["kegiatan_ind"])),
                sel(ss, r["sub"]),
                sel(sis, baris_ind(r["sub_ind"], "uraian")),
                sel(sis, target_ind(r["sub_ind"])),
                sel(aks, r["aksi"] or None),
                sel(aks, r["volume"]),
                *[sel(aks, "✓" if t else None) for t in r["tw"]],
            ]
        )
    tulis_tabel(ws, baris, header, rows)


def ekspor_rencana_aksi(wb, doc):
    used = set()
    for section in doc["sections"]:
        unit = section["unit"]
        ws = Lembar(wb, _nama_sheet(unit, used))
        baris = tulis_judul_dokumen(ws, [doc["judul"], unit.nama, doc["opd"].nama], 16)
        judul_baris = baris - 1
        after, header_end = _sasaran(ws, baris, section)
        _aksi(ws, after + 1, section)
        selesai(
            ws,
            header_end,
            judul_baris=judul_baris,
            kolom_lebar={1: 5, 2: 28, 3: 32, 5: 28, 6: 30, 8: 28, 9: 30, 11: 30},
        )
    return wb
