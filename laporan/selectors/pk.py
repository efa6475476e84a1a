"""Perjanjian Kinerja (seed 003, lampiran 2): the agreement of a year, its sasaran /
indicator / target rows and its program budgets. A final PK reads its frozen rows and
snapshot; a draft reads the live plan; without a PK the default choices are previewed."""

from decimal import Decimal

from django.db.models import Q, Sum

from anggaran import selectors as anggaran_selectors
from anggaran.selectors import RUPIAH
from kinerja.models import StatusDokumen
from laporan.models import JenjangPK, PerjanjianKinerja
from laporan.pengesahan import catatan_pengesahan
from laporan.selectors.umum import (
    Besaran,
    dokumen_dasar,
    kepala_daerah,
    kepala_opd,
    number_sasaran,
    pejabat_dict,
    periode_wajib,
    targets_tahunan,
    ttd,
)
from renstra.models import Indikator, Program


def pk_list(opd, tahun):
    return list(
        PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun, jenjang=JenjangPK.OPD)
        .select_related("pihak_pertama", "pihak_kedua")
        .order_by("versi")
    )


def pk_default_choices(opd, tahun, periode=None):
    """What a new PK lists by default: the IKU among the sasaran indicators (all sasaran
    indicators when none is flagged IKU) and every program of the period."""
    periode = periode or periode_wajib(opd, tahun)
    indikator = list(
        Indikator.objects.filter(periode=periode, sasaran__isnull=False)
        .select_related("sasaran")
        .order_by("sasaran__urutan", "sasaran__kode", "urutan", "id")
    )
    iku = [i for i in indikator if i.is_iku]
    program = list(Program.objects.filter(periode=periode).order_by("urutan", "kode"))
    return (iku or indikator), program


def _indikator_live(pairs, tahun, sasaran=None):
    """pairs: [(row_id, Indikator)] -> live rows (texts and targets as they are now).
    `sasaran` ({row_id: text}) names the result of a PK per jenjang row: its node's."""
    targets = targets_tahunan([ind.pk for _, ind in pairs], tahun)
    sasaran = sasaran or {}
    rows = []
    for row_id, ind in pairs:
        target = targets.get(ind.pk)
        teks = ""
        if target is not None:
            teks = target.teks or (target.level.nama if target.level_id else "")
        rows.append(
            {
                "id": row_id,
                "sasaran": sasaran.get(row_id) or (ind.sasaran.uraian if ind.sasaran_id else ""),
                "indikator": ind.uraian,
                "satuan": ind.satuan,
                "target_nilai": target.nilai if target else None,
                "target_teks": teks,
            }
        )
    return rows


def _program_live(pairs, tahun):
    pagu = anggaran_selectors.pagu_per_program([p.pk for _, p, _ in pairs], tahun, 4)
    return [
        {"id": row_id, "program": program.nama, "anggaran": pagu.get(program.pk), "sumber_dana": s}
        for row_id, program, s in pairs
    ]


def _pagu_kegiatan(ids, tahun):
    """{kegiatan id: pagu in force at year end}, summed in SQL (a PK eselon IV)."""
    return dict(
        anggaran_selectors.pagu_berlaku(tahun, 4)
        .filter(sub_kegiatan__kegiatan_id__in=ids)
        .values("sub_kegiatan__kegiatan_id")
        .annotate(total=Sum("jumlah"))
        .values_list("sub_kegiatan__kegiatan_id", "total")
    )


def _kegiatan_live(pairs, tahun):
    pagu = _pagu_kegiatan([k.pk for _, k, _ in pairs], tahun)
    return [
        {"id": row_id, "program": k.nama, "anggaran": pagu.get(k.pk), "sumber_dana": s}
        for row_id, k, s in pairs
    ]


def _total(programs, tahun, kegiatan=()):
    """The total of a PK's program table: the pagu in force at year end summed in SQL over
    the programs (and, for a PK eselon IV, the kegiatan) it lists; None when it lists none,
    or none of them has a pagu ("–"). A sub-kegiatan is counted once."""
    program_ids, kegiatan_ids = {p.pk for p in programs}, {k.pk for k in kegiatan}
    if not program_ids and not kegiatan_ids:
        return None
    return (
        anggaran_selectors.pagu_berlaku(tahun, 4)
        .filter(
            Q(sub_kegiatan__kegiatan__program_id__in=program_ids)
            | Q(sub_kegiatan__kegiatan_id__in=kegiatan_ids)
        )
        .aggregate(total=Sum("jumlah", output_field=RUPIAH))["total"]
    )


def pk_live_rows(pk):
    """The rows of a draft PK as they read now (used to show it, and to freeze it)."""
    ind_rows = list(
        pk.indikator_set.filter(indikator__isnull=False)
        .select_related(
            "indikator__sasaran",
            *(f"node__{f}" for f in ("sasaran", "program", "kegiatan", "sub_kegiatan")),
        )
        .order_by("urutan", "id")
    )
    if pk.jenjang != JenjangPK.OPD:
        keg_rows = list(
            pk.program_set.filter(kegiatan__isnull=False)
            .select_related("kegiatan")
            .order_by("urutan", "id")
        )
        prog_rows = list(
            pk.program_set.filter(program__isnull=False)
            .select_related("program")
            .order_by("urutan", "id")
        )
        sasaran = {r.pk: r.node.judul for r in ind_rows if r.node_id}
        program_rows = _program_live(
            [(r.pk, r.program, r.sumber_dana) for r in prog_rows], pk.tahun
        ) + _kegiatan_live([(r.pk, r.kegiatan, r.sumber_dana) for r in keg_rows], pk.tahun)
        total = _total(
            [r.program for r in prog_rows], pk.tahun, kegiatan=[r.kegiatan for r in keg_rows]
        )
        return {
            "indikator_rows": _indikator_live(
                [(r.pk, r.indikator) for r in ind_rows], pk.tahun, sasaran
            ),
            "program_rows": program_rows,
            "total_anggaran": total,
        }
    prog_rows = list(
        pk.program_set.filter(program__isnull=False)
        .select_related("program")
        .order_by("urutan", "id")
    )
    indikator_rows = _indikator_live([(r.pk, r.indikator) for r in ind_rows], pk.tahun)
    program_rows = _program_live([(r.pk, r.program, r.sumber_dana) for r in prog_rows], pk.tahun)
    return {
        "indikator_rows": indikator_rows,
        "program_rows": program_rows,
        "total_anggaran": _total([r.program for r in prog_rows], pk.tahun),
    }


def pk_kekurangan(pk):
    """What a draft PK still lacks, one Indonesian line each, for the confirmation before it
    is finalised (issue 12, item 6): indicators without a target for the year, programs
    without a pagu in force at year end, and a PK listing no indicator or program."""
    rows = pk_live_rows(pk)
    kurang = []
    if not rows["indikator_rows"]:
        kurang.append("PK belum memuat indikator sasaran.")
    if not rows["program_rows"]:
        kurang.append("PK belum memuat program.")
    for row in rows["indikator_rows"]:
        if row["target_nilai"] is None and not row["target_teks"]:
            kurang.append(f"Target {pk.tahun} belum diisi: {row['indikator']}")
    for row in rows["program_rows"]:
        if not row["anggaran"]:
            kurang.append(f"Program tanpa pagu {pk.tahun}: {row['program']}")
    return kurang


def _frozen_rows(pk):
    indikator_rows = [
        {
            "id": r.pk,
            "sasaran": r.sasaran_uraian,
            "indikator": r.indikator_uraian,
            "satuan": r.satuan,
            "target_nilai": r.target_nilai,
            "target_teks": r.target_teks,
        }
        for r in pk.indikator_set.order_by("urutan", "id")
    ]
    program_rows = [
        {
            "id": r.pk,
            "program": r.program_nama,
            "anggaran": r.anggaran,
            "sumber_dana": r.sumber_dana,
        }
        for r in pk.program_set.order_by("urutan", "id")
    ]
    total = (
        Decimal(pk.snapshot["total_anggaran"])
        if pk.snapshot and pk.snapshot.get("total_anggaran") not in (None, "None")
        else None
    )
    return {"indikator_rows": indikator_rows, "program_rows": program_rows, "total_anggaran": total}


def _daftar_pendek(nama, n=3):
    if len(nama) <= n:
        return "; ".join(nama)
    return "; ".join(nama[:n]) + f"; dan {len(nama) - n} lainnya"


def pk_document(*, opd, tahun, pk=None, ctx=None):
    """The PK of a year: a final PK from its frozen rows and snapshot; a draft from the
    live plan; no PK yet: a preview from the default choices (always a draft). `ctx` (a
    Konteks) lends the period and the head of the OPD when the PK is an LKjIP annex."""
    pemda = opd.pemda
    if pk is not None and pk.status == StatusDokumen.FINAL and pk.snapshot:
        rows = _frozen_rows(pk)
        pertama = pk.snapshot["pihak_pertama"]
        kedua = pk.snapshot["pihak_kedua"]
        jabatan_kd = pk.snapshot.get("jabatan_kepala_daerah") or kedua.get("jabatan", "")
    elif pk is not None:
        rows = pk_live_rows(pk)
        pertama = pejabat_dict(pk.pihak_pertama)
        kedua = pejabat_dict(pk.pihak_kedua)
        jabatan_kd = pemda.jabatan_kepala_daerah
    else:
        indikator, program = pk_default_choices(opd, tahun, ctx.periode if ctx else None)
        program_rows = _program_live([(None, p, "APBD") for p in program], tahun)
        rows = {
            "indikator_rows": _indikator_live([(None, i) for i in indikator], tahun),
            "program_rows": program_rows,
            "total_anggaran": _total(program, tahun),
        }
        pertama = pejabat_dict(ctx.kepala if ctx else kepala_opd(opd, tahun))
        kedua = pejabat_dict(kepala_daerah(opd))
        jabatan_kd = pemda.jabatan_kepala_daerah
    for row in rows["indikator_rows"]:
        row["target"] = Besaran(
            nilai=row["target_nilai"], satuan=row["satuan"] or "", teks=row["target_teks"] or ""
        )
    tempat = (pk.tempat if pk else "") or pemda.ibukota
    tanggal = pk.tanggal if pk else None
    peringatan = []
    if pk is None:
        peringatan.append(
            f"Perjanjian Kinerja {tahun} belum dibuat: pratinjau dari rencana, tanpa tanggal "
            "dan penandatangan."
        )
    elif pk.status != StatusDokumen.FINAL:
        peringatan.extend(catatan_pengesahan(opd, tanggal, pk.pihak_pertama))
    if not (pk and pk.status == StatusDokumen.FINAL):
        tanpa_pagu = [r["program"] for r in rows["program_rows"] if r["anggaran"] is None]
        if tanpa_pagu:
            peringatan.append(
                f"Belum ada pagu tahun {tahun} untuk {len(tanpa_pagu)} program "
                f"({_daftar_pendek(tanpa_pagu)}): anggarannya tercetak “–” sampai pagu diisi."
            )
    number_sasaran(rows["indikator_rows"])
    if pk is not None and pk.status == StatusDokumen.FINAL and pk.snapshot:
        pendukung = pk.snapshot.get("pk_pendukung", [])
    else:
        pendukung = pk_pendukung(pk, opd=opd, tahun=tahun)
    is_perubahan = bool(pk and pk.is_perubahan)
    per_jenjang = bool(pk and pk.jenjang != JenjangPK.OPD)
    judul = "Perjanjian Kinerja Perubahan" if is_perubahan else "Perjanjian Kinerja"
    if per_jenjang:
        # the superior signs as pihak kedua with their own title, not the kepala daerah's
        jabatan_kd = kedua.get("jabatan", "")
        judul += f" {pk.get_jenjang_display()}"
    return dokumen_dasar(
        "pk-jenjang" if per_jenjang else "pk",
        opd,
        tahun,
        jenjang=pk.jenjang if pk else JenjangPK.OPD,
        unit=pk.pihak_pertama.unit if per_jenjang else None,
        label_sasaran="Sasaran / Hasil Kerja" if per_jenjang else "Sasaran Strategis",
        label_program=("Program / Kegiatan" if per_jenjang else "Program"),
        pk_pendukung=pendukung,
        label_pendukung="eselon IV" if per_jenjang else "eselon III",
        is_final=bool(pk and pk.status == StatusDokumen.FINAL),
        pk=pk,
        versi=pk.versi if pk else 1,
        is_perubahan=is_perubahan,
        finalized_at=pk.finalized_at if pk else None,
        judul=f"{judul} Tahun {tahun}",
        tempat=tempat,
        tanggal=tanggal,
        pihak_pertama=pertama,
        pihak_kedua=kedua,
        ttd_pertama=ttd(pertama, label="Pihak Pertama,"),
        ttd_pertama_bertanggal=ttd(pertama, tempat=tempat, tanggal=tanggal, tahun=tahun),
        ttd_kedua=ttd(kedua, label="Pihak Kedua,", jabatan=jabatan_kd),
        peringatan=peringatan,
        **rows,
    )


def pk_pendukung(pk=None, *, opd=None, tahun=None):
    """The PKs per jenjang a PK rests on, the latest version of each, as printed rows
    ({id, jabatan, nama, versi, is_perubahan, status}), one query: for the OPD's PK (or,
    without a PK, the OPD's year) those of its eselon III officials; for an eselon III PK
    those of the eselon IV officials who sign with that official. A final PK prints the
    list frozen in its snapshot (laporan.services.pk_finalize)."""
    if pk is not None:
        opd, tahun = pk.opd, pk.tahun
    jenjang = pk.jenjang if pk is not None else JenjangPK.OPD
    qs = PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun)
    if jenjang == JenjangPK.OPD:
        qs = qs.filter(jenjang=JenjangPK.ESELON_III)
    elif jenjang == JenjangPK.ESELON_III:
        qs = qs.filter(jenjang=JenjangPK.ESELON_IV, pihak_kedua_id=pk.pihak_pertama_id)
    else:
        return []
    terbaru = {}
    for x in qs.select_related("pihak_pertama").order_by("pihak_pertama_id", "-versi"):
        terbaru.setdefault(x.pihak_pertama_id, x)
    return [
        {
            "id": x.pk,
            "jabatan": x.pihak_pertama.jabatan,
            "nama": x.pihak_pertama.nama,
            "versi": x.versi,
            "is_perubahan": x.is_perubahan,
            "status": x.get_status_display(),
        }
        for x in sorted(terbaru.values(), key=lambda x: x.pihak_pertama.jabatan)
    ]


def pk_jenjang_untuk(pejabat, tahun, versi=None):
    """The PK per jenjang of an official for the year: the given version, else the latest."""
    qs = PerjanjianKinerja.objects.filter(
        pihak_pertama=pejabat, tahun=tahun, jenjang__in=[JenjangPK.ESELON_III, JenjangPK.ESELON_IV]
    ).select_related("opd__pemda", "pihak_pertama__unit", "pihak_kedua", "finalized_by")
    if versi:
        return qs.filter(versi=versi).first()
    return qs.order_by("-versi").first()
