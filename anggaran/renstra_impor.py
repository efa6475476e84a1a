"""Writes to the plan (STYLE: services hold the rules; keyword-only arguments)."""

from dataclasses import dataclass, field

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from anggaran import renstra_xlsx as excel
from anggaran.models import Pagu
from renstra.models import (
    Indikator,
    Kegiatan,
    PeriodeRenstra,
    Program,
    ProgramSasaranTahunan,
    Sasaran,
    SubKegiatan,
    TargetTahunan,
    Tujuan,
)

JENIS_IMPOR = [
    "Tujuan",
    "Sasaran",
    "Program",
    "Kegiatan",
    "Sub Kegiatan",
    "Indikator",
    "Target",
    "Pagu",
]


@dataclass
class HasilImpor:
    """The outcome of a Renstra import: every bad cell, or what was added / changed / left."""

    periode: PeriodeRenstra | None = None
    kesalahan: list = field(default_factory=list)
    ringkasan: dict = field(default_factory=dict)
    dry_run: bool = False
    periode_baru: bool = False

    @property
    def berhasil(self):
        return not self.kesalahan

    @property
    def disimpan(self):
        return self.berhasil and not self.dry_run

    def hitung(self, jenis, status, n=1):
        self.ringkasan.setdefault(jenis, {"ditambah": 0, "diubah": 0, "tetap": 0, "dibiarkan": 0})
        self.ringkasan[jenis][status] += n

    def baris_ringkasan(self):
        return [
            (
                jenis,
                self.ringkasan.get(jenis, {"ditambah": 0, "diubah": 0, "tetap": 0, "dibiarkan": 0}),
            )
            for jenis in JENIS_IMPOR
        ]


class _Rollback(Exception):
    pass


def _periode_untuk(opd, tahun_awal, tahun_akhir):
    return (
        PeriodeRenstra.objects.filter(opd=opd, tahun_awal=tahun_awal, tahun_akhir=tahun_akhir)
        .order_by("-versi")
        .first()
    )


def renstra_impor(*, opd, tahun_awal, tahun_akhir, berkas, dry_run=False, user=None):
    """Import a Renstra workbook (format: anggaran.renstra_xlsx) into the OPD's period, creating the
    period when it does not exist. All or nothing: any bad cell and nothing is written.
    Items are matched by code and updated in place; nothing is ever deleted (items absent
    from the workbook, empty target or pagu cells, and every realisation are left alone).
    A dry run checks and counts everything inside a transaction that is rolled back.
    Raises sakip.xlsx.BerkasTidakValid for a file that is not a readable workbook."""
    hasil = HasilImpor(dry_run=dry_run)
    if tahun_akhir < tahun_awal or tahun_akhir - tahun_awal > 6:
        hasil.kesalahan.append(
            excel.KesalahanSel(
                "", 0, "", f"{tahun_awal}-{tahun_akhir}", "Periode tidak sah (paling lama 7 tahun)."
            )
        )
        return hasil
    periode = _periode_untuk(opd, tahun_awal, tahun_akhir)
    kode_ada = _kode_tersimpan(periode) if periode else {}
    isi = excel.baca_workbook(
        berkas,
        tahun_awal=tahun_awal,
        tahun_akhir=tahun_akhir,
        konteks=excel.Konteks(opd),
        kode_ada=kode_ada,
    )
    if isi.kesalahan:
        hasil.kesalahan = isi.kesalahan
        return hasil
    try:
        with transaction.atomic():
            if periode is None:
                periode = PeriodeRenstra(opd=opd, tahun_awal=tahun_awal, tahun_akhir=tahun_akhir)
                periode.full_clean()
                periode.save()
                hasil.periode_baru = True
            hasil.periode = periode
            _tulis(periode, isi, hasil, user)
            if dry_run:
                raise _Rollback
    except _Rollback:
        if hasil.periode_baru:
            hasil.periode = None
    return hasil


def _kode_tersimpan(periode):
    return {
        excel.SHEET_TUJUAN: set(periode.tujuan_set.values_list("kode", flat=True)),
        excel.SHEET_SASARAN: set(periode.sasaran_set.values_list("kode", flat=True)),
        excel.SHEET_PROGRAM: set(periode.program_set.values_list("kode", flat=True)),
        excel.SHEET_KEGIATAN: set(periode.kegiatan_set.values_list("kode", flat=True)),
        excel.SHEET_SUB: set(periode.sub_kegiatan_set.values_list("kode", flat=True)),
    }


def _sinkron(model, jenis, rows, ada, nilai_dari, hasil, *, history=False, user=None):
    """Create the rows whose key is new and update those that differ, in bulk. `ada` maps
    key -> stored object; `nilai_dari(row)` gives (key, {attname: value}). Returns the
    key -> object map of everything the workbook names."""
    baru, ubah, fields = [], [], set()
    hasil_map = {}
    for row in rows:
        key, values = nilai_dari(row)
        obj = ada.get(key)
        if obj is None:
            obj = model(**values)
            baru.append(obj)
            hasil.hitung(jenis, "ditambah")
        else:
            # The order is taken from the workbook for new rows only: an export of a plan
            # entered by hand must re-import as "unchanged".
            beda = [
                name
                for name, value in values.items()
                if name != "urutan" and getattr(obj, name) != value
            ]
            if beda:
                for name in beda:
                    setattr(obj, name, values[name])
                fields.update(beda)
                ubah.append(obj)
                hasil.hitung(jenis, "diubah")
            else:
                hasil.hitung(jenis, "tetap")
        hasil_map[key] = obj
    dibiarkan = len(set(ada) - set(hasil_map))
    if dibiarkan:
        hasil.hitung(jenis, "dibiarkan", dibiarkan)
    if history:
        if baru:
            bulk_create_with_history(baru, model, batch_size=500, default_user=user)
        if ubah:
            bulk_update_with_history(ubah, model, sorted(fields), batch_size=500, default_user=user)
    else:
        if baru:
            model.objects.bulk_create(baru, batch_size=500)
        if ubah:
            model.objects.bulk_update(ubah, sorted(fields), batch_size=500)
    # SQLite (3.35+) and PostgreSQL both return the new ids from bulk_create.
    return hasil_map


def _tulis(periode, isi, hasil, user):

    pid = periode.pk
    rows = isi.rows

    def urut(sheet):
        return [(i, row) for i, row in enumerate(rows.get(sheet, []), start=1)]

    tujuan = _sinkron(
        Tujuan,
        "Tujuan",
        urut(excel.SHEET_TUJUAN),
        {o.kode: o for o in Tujuan.objects.filter(periode_id=pid)},
        lambda r: (
            r[1].kode,
            {"periode_id": pid, "kode": r[1].kode, "uraian": r[1].nama, "urutan": r[0]},
        ),
        hasil,
    )
    tujuan_id = _id_map(tujuan, Tujuan, pid)
    sasaran = _sinkron(
        Sasaran,
        "Sasaran",
        urut(excel.SHEET_SASARAN),
        {o.kode: o for o in Sasaran.objects.filter(periode_id=pid)},
        lambda r: (
            r[1].kode,
            {
                "periode_id": pid,
                "tujuan_id": tujuan_id[r[1].induk],
                "kode": r[1].kode,
                "uraian": r[1].nama,
                "urutan": r[0],
            },
        ),
        hasil,
    )
    sasaran_id = _id_map(sasaran, Sasaran, pid)
    program = _sinkron(
        Program,
        "Program",
        urut(excel.SHEET_PROGRAM),
        {o.kode: o for o in Program.objects.filter(periode_id=pid)},
        lambda r: (
            r[1].kode,
            {
                "periode_id": pid,
                "sasaran_id": sasaran_id[r[1].induk] if r[1].induk else None,
                "kode": r[1].kode,
                "nama": r[1].nama,
                "urutan": r[0],
            },
        ),
        hasil,
    )
    program_id = _id_map(program, Program, pid)
    _sinkron_sasaran_tahunan(rows.get(excel.SHEET_PROGRAM, []), program_id, sasaran_id)
    kegiatan = _sinkron(
        Kegiatan,
        "Kegiatan",
        urut(excel.SHEET_KEGIATAN),
        {o.kode: o for o in Kegiatan.objects.filter(periode_id=pid)},
        lambda r: (
            r[1].kode,
            {
                "periode_id": pid,
                "program_id": program_id[r[1].induk],
                "kode": r[1].kode,
                "nama": r[1].nama,
                "urutan": r[0],
            },
        ),
        hasil,
    )
    kegiatan_id = _id_map(kegiatan, Kegiatan, pid)
    sub = _sinkron(
        SubKegiatan,
        "Sub Kegiatan",
        urut(excel.SHEET_SUB),
        {o.kode: o for o in SubKegiatan.objects.filter(periode_id=pid)},
        lambda r: (
            r[1].kode,
            {
                "periode_id": pid,
                "kegiatan_id": kegiatan_id[r[1].induk],
                "kode": r[1].kode,
                "nama": r[1].nama,
                "unit_id": r[1].unit_id,
                "lokasi": r[1].lokasi,
                "urutan": r[0],
            },
        ),
        hasil,
    )
    sub_id = _id_map(sub, SubKegiatan, pid)
    pemilik_id = {
        "tujuan": tujuan_id,
        "sasaran": sasaran_id,
        "program": program_id,
        "kegiatan": kegiatan_id,
        "sub_kegiatan": sub_id,
    }
    kode_dari_id = {level: {v: k for k, v in ids.items()} for level, ids in pemilik_id.items()}

    # Indicators: key (level, owner code, indicator code or lower-cased uraian).
    ada = {}
    for obj in Indikator.objects.filter(periode_id=pid):
        level = obj.level
        owner = kode_dari_id[level].get(getattr(obj, f"{level}_id"))
        if owner is not None:
            ada.setdefault((level, owner, obj.kode or obj.uraian.lower()), obj)
    urutan = {}

    def indikator_nilai(row):
        urutan[(row.tingkat, row.kode_induk)] = urutan.get((row.tingkat, row.kode_induk), 0) + 1
        values = {f"{level}_id": None for level in excel.TINGKAT_LABEL}
        values[f"{row.tingkat}_id"] = pemilik_id[row.tingkat][row.kode_induk]
        values.update(
            periode_id=pid,
            kode=row.kode,
            uraian=row.uraian,
            satuan=row.satuan,
            tipe=row.tipe,
            polaritas=row.polaritas,
            rentang_bawah=row.rentang_bawah,
            rentang_atas=row.rentang_atas,
            agregasi=row.agregasi,
            skala_id=row.skala_id,
            is_iku=row.is_iku,
            formula=row.formula,
            label_pembilang=row.label_pembilang,
            label_penyebut=row.label_penyebut,
            sumber_data=row.sumber_data,
            kondisi_awal=row.kondisi_awal,
            kondisi_awal_level_id=row.kondisi_awal_level_id,
            tahun_kondisi_awal=row.tahun_kondisi_awal,
            urutan=urutan[(row.tingkat, row.kode_induk)],
        )
        if row.rumus_negatif is not None:
            values["rumus_negatif"] = row.rumus_negatif
        return row.kunci, values

    indikator = _sinkron(
        Indikator, "Indikator", isi.indikator, ada, indikator_nilai, hasil, history=True, user=user
    )
    _sinkron_penanggung_jawab(isi.indikator, indikator, hasil)
    _sinkron_penunjang(isi.indikator, indikator, program_id, kegiatan_id)

    target_ada = {
        (t.indikator_id, t.tahun): t
        for t in TargetTahunan.objects.filter(indikator__periode_id=pid)
    }
    target_rows = [
        (indikator[row.kunci].pk, tahun, nilai, level_id)
        for row in isi.indikator
        for tahun, (nilai, level_id) in sorted(row.target.items())
    ]
    _sinkron(
        TargetTahunan,
        "Target",
        target_rows,
        target_ada,
        lambda r: (
            (r[0], r[1]),
            {"indikator_id": r[0], "tahun": r[1], "nilai": r[2], "level_id": r[3], "teks": ""},
        ),
        hasil,
        history=True,
        user=user,
    )
    # Pagu: the Renstra's figure is the murni pagu (valid from TW I); revisions are left alone.
    pagu_ada = {
        (p.sub_kegiatan_id, p.tahun): p
        for p in Pagu.objects.filter(sub_kegiatan__periode_id=pid, berlaku_mulai=1)
    }
    pagu_rows = [
        (sub_id[row.kode], tahun, jumlah)
        for row in rows.get(excel.SHEET_SUB, [])
        for tahun, jumlah in sorted(row.pagu.items())
    ]

    def pagu_nilai(r):
        values = {"sub_kegiatan_id": r[0], "tahun": r[1], "jumlah": r[2]}
        if (r[0], r[1]) not in pagu_ada:
            values.update(berlaku_mulai=1, jenis=Pagu.Jenis.MURNI)
        return (r[0], r[1]), values

    _sinkron(Pagu, "Pagu", pagu_rows, pagu_ada, pagu_nilai, hasil, history=True, user=user)


def _id_map(objs, model, pid):
    ids = {kode: obj.pk for kode, obj in objs.items()}
    # Parents the workbook refers to without repeating them (a partial re-import).
    missing = (
        model.objects.filter(periode_id=pid).exclude(kode__in=list(ids)).values_list("kode", "pk")
    )
    ids.update(dict(missing))
    return ids


def _sinkron_penanggung_jawab(rows, indikator, hasil):
    """Set the responsible units of every indicator in the workbook (an M2M, set in bulk)."""
    through = Indikator.unit_penanggung_jawab.through
    ids = [indikator[row.kunci].pk for row in rows]
    ada = {}
    for indikator_id, unit_id in through.objects.filter(indikator_id__in=ids).values_list(
        "indikator_id", "unitkerja_id"
    ):
        ada.setdefault(indikator_id, set()).add(unit_id)
    hapus, tambah = [], []
    for row in rows:
        pk = indikator[row.kunci].pk
        want = set(row.penanggung_jawab)
        have = ada.get(pk, set())
        if want != have:
            hapus.extend((pk, u) for u in have - want)
            tambah.extend(through(indikator_id=pk, unitkerja_id=u) for u in want - have)
    if hapus:
        for pk, unit_id in hapus:
            through.objects.filter(indikator_id=pk, unitkerja_id=unit_id).delete()
    if tambah:
        through.objects.bulk_create(tambah, batch_size=500)


def _sinkron_penunjang(rows, indikator, program_id, kegiatan_id):
    """Set the programs / kegiatan serving each indicator (Indikator.program_penunjang /
    kegiatan_penunjang) from the workbook's codes; rows of a workbook without the column
    keep their links."""
    rows = [row for row in rows if row.penunjang is not None]
    if not rows:
        return
    ids = [indikator[row.kunci].pk for row in rows]
    for m2m, kolom, peta in (
        (Indikator.program_penunjang.through, "program_id", program_id),
        (Indikator.kegiatan_penunjang.through, "kegiatan_id", kegiatan_id),
    ):
        m2m.objects.filter(indikator_id__in=ids).delete()
        m2m.objects.bulk_create(
            [
                m2m(indikator_id=indikator[row.kunci].pk, **{kolom: peta[k]})
                for row in rows
                for k in dict.fromkeys(row.penunjang)
                if k in peta
            ],
            batch_size=500,
        )


def _sinkron_sasaran_tahunan(rows, program_id, sasaran_id):
    """Set each program's per-year sasaran (ProgramSasaranTahunan, issue 11 item 4) from the
    "Sasaran per Tahun" column: the years named replace the stored ones, an empty cell clears
    them; rows of a workbook without the column keep what is stored. Codes and years were
    checked by the reader."""
    rows = [row for row in rows if row.sasaran_tahunan is not None]
    if not rows:
        return
    ProgramSasaranTahunan.objects.filter(
        program_id__in=[program_id[row.kode] for row in rows]
    ).delete()
    ProgramSasaranTahunan.objects.bulk_create(
        [
            ProgramSasaranTahunan(
                program_id=program_id[row.kode],
                tahun=tahun,
                sasaran_id=sasaran_id[kode] if kode else None,
            )
            for row in rows
            for tahun, kode in row.sasaran_tahunan.items()
        ],
        batch_size=500,
    )
