"""The rows of each document (STYLE rule 4: one set of rows for HTML, PDF and XLSX).

Each `*_document` function returns a plain dict the templates render. The plan's
structure is read here in a fixed number of queries; every figure (pagu in force, the
cumulative realisation, capaian, penyerapan, efficiency, progress, shares) comes from the
engine: kinerja.selectors / anggaran.selectors for the SQL roll-ups and kinerja.capaian
for the rules. Nothing here adds money or divides.
"""

from collections import OrderedDict
from decimal import Decimal

from django.db.models import Prefetch

from kinerja import format as fmt
from kinerja.lingkup import periode_untuk
from kinerja.models import (
    Aksi,
    AnalisisIndikator,
    LaporanKinerja,
    PerjanjianKinerja,
    RencanaAksi,
    StatusDokumen,
    TargetTriwulan,
)
from renstra.models import (
    Indikator,
    Kegiatan,
    Pejabat,
    Program,
    Sasaran,
    SubKegiatan,
    TargetTahunan,
    Tujuan,
    UnitKerja,
)

JENIS = {
    "pk": "Perjanjian Kinerja",
    "rencana-aksi": "Rencana Aksi",
    "pengukuran": "Pengukuran Kinerja",
    "lkjip": "Laporan Kinerja Instansi Pemerintah (LKjIP)",
    "iku": "Indikator Kinerja Utama (IKU)",
    "cascading": "Tabel Keterkaitan IKU dengan Program Kegiatan",
}
LANDSCAPE = {"rencana-aksi", "pengukuran", "iku", "cascading"}


class DokumenTidakAda(Exception):
    """The document cannot be produced (no Renstra period for the year, no such unit);
    the message is shown to the user."""


# --- small shared pieces ------------------------------------------------------------------


def target_tampil(nilai=None, level=None, teks="", satuan=""):
    """A target or realisation as printed in the seeds: '86%', '48,25%', '50 Orang',
    'Madya', a written target, or '–'."""
    if teks:
        return teks
    if level:
        return str(level)
    if nilai is None:
        return fmt.TANPA_NILAI
    text = fmt.angka(nilai)
    satuan = (satuan or "").strip()
    if satuan == "%":
        return text + "%"
    return f"{text} {satuan}".strip()


def pejabat_dict(pejabat):
    if pejabat is None:
        return {"nama": "", "nip": "", "pangkat": "", "golongan": "", "jabatan": ""}
    return {
        "nama": pejabat.nama,
        "nip": pejabat.nip,
        "pangkat": pejabat.pangkat,
        "golongan": pejabat.golongan,
        "jabatan": pejabat.jabatan,
    }


def ttd(pejabat, *, label="", jabatan=None, tempat_tanggal=""):
    """A signature block: `pejabat` is a Pejabat or a snapshot dict."""
    data = pejabat if isinstance(pejabat, dict) else pejabat_dict(pejabat)
    return {
        "label": label,
        "jabatan": jabatan if jabatan is not None else data.get("jabatan", ""),
        "nama": data.get("nama", ""),
        "pangkat": data.get("pangkat", ""),
        "nip": data.get("nip", ""),
        "tempat_tanggal": tempat_tanggal,
    }


def kepala_opd(opd, tahun=None):
    """The head of an OPD who signs: the active one, else the latest recorded."""
    return (
        Pejabat.objects.filter(opd=opd, is_kepala=True).order_by("-aktif", "-id").first()
    )


def kepala_daerah(opd):
    return (
        Pejabat.objects.filter(pemda_id=opd.pemda_id, is_kepala_daerah=True)
        .order_by("-aktif", "-id")
        .first()
    )


def periode_wajib(opd, tahun):
    periode = periode_untuk(opd.pk, tahun)
    if periode is None:
        raise DokumenTidakAda(f"Belum ada Renstra {opd.nama} yang mencakup tahun {tahun}.")
    return periode


def _base(jenis, opd, tahun, *, is_final, **extra):
    doc = {
        "jenis": jenis,
        "judul": JENIS[jenis],
        "opd": opd,
        "tahun": tahun,
        "is_final": is_final,
        "landscape": jenis in LANDSCAPE,
        "versi": 1,
        "finalized_at": None,
    }
    doc.update(extra)
    return doc


def _rowspans(rows, key, span_field):
    """Mark the first of each run of rows sharing `key` with the run length (for rowspan)."""
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and rows[j][key] == rows[i][key]:
            rows[j][span_field] = 0
            j += 1
        rows[i][span_field] = j - i
        i = j
    return rows


def targets_tahunan(indikator_ids, tahun):
    """{indikator_id: TargetTahunan} for one year, one query."""
    return {
        t.indikator_id: t
        for t in TargetTahunan.objects.filter(indikator_id__in=indikator_ids, tahun=tahun).select_related("level")
    }


def targets_triwulan(indikator_ids, tahun):
    """{(indikator_id, triwulan): TargetTriwulan}, one query."""
    return {
        (t.indikator_id, t.triwulan): t
        for t in TargetTriwulan.objects.filter(indikator_id__in=indikator_ids, tahun=tahun).select_related("level")
    }


def _target_of(target, satuan):
    if target is None:
        return fmt.TANPA_NILAI
    return target_tampil(target.nilai, target.level, target.teks, satuan)


# --- engine adapters ----------------------------------------------------------------------


def pagu_program(program_ids, tahun, triwulan=4):
    """{program_id: pagu in force at `triwulan`} (sum of its sub-kegiatan), one query."""
    from django.db.models import OuterRef, Subquery, Sum

    from anggaran.models import Pagu

    berlaku = Pagu.objects.filter(
        sub_kegiatan=OuterRef("pk"), tahun=tahun, berlaku_mulai__lte=triwulan
    ).order_by("-berlaku_mulai")
    rows = (
        SubKegiatan.objects.filter(kegiatan__program_id__in=program_ids)
        .annotate(pagu=Subquery(berlaku.values("jumlah")[:1]))
        .values("kegiatan__program_id")
        .annotate(total=Sum("pagu"))
    )
    return {r["kegiatan__program_id"]: r["total"] for r in rows}


# --- Perjanjian Kinerja -------------------------------------------------------------------


def pk_list(opd, tahun):
    return list(
        PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun)
        .select_related("pihak_pertama", "pihak_kedua")
        .order_by("versi")
    )


def pk_for(opd, tahun, versi=None):
    qs = PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun).select_related(
        "opd__pemda", "pihak_pertama", "pihak_kedua", "finalized_by"
    )
    if versi:
        return qs.filter(versi=versi).first()
    return qs.order_by("-versi").first()


def pk_default_choices(opd, tahun):
    """What a new PK lists by default: the IKU among the sasaran indicators (all sasaran
    indicators when none is flagged IKU) and every program of the period."""
    periode = periode_wajib(opd, tahun)
    indikator = list(
        Indikator.objects.filter(periode=periode, sasaran__isnull=False)
        .select_related("sasaran")
        .order_by("sasaran__urutan", "sasaran__kode", "urutan", "id")
    )
    iku = [i for i in indikator if i.is_iku]
    program = list(Program.objects.filter(periode=periode).order_by("urutan", "kode"))
    return (iku or indikator), program


def _pk_indikator_live(pairs, tahun):
    """pairs: [(row_id, Indikator)] -> live rows (texts and targets as they are now)."""
    indikator_ids = [ind.pk for _, ind in pairs]
    targets = targets_tahunan(indikator_ids, tahun)
    rows = []
    for row_id, ind in pairs:
        target = targets.get(ind.pk)
        rows.append(
            {
                "id": row_id,
                "sasaran": ind.sasaran.uraian if ind.sasaran_id else "",
                "indikator": ind.uraian,
                "satuan": ind.satuan,
                "target_nilai": target.nilai if target else None,
                "target_teks": (target.teks or (target.level.nama if target.level_id else "")) if target else "",
                "target_tampil": _target_of(target, ind.satuan),
            }
        )
    return rows


def _pk_program_live(pairs, tahun):
    pagu = pagu_program([p.pk for _, p in pairs], tahun)
    rows = []
    for row_id, program, sumber in pairs:
        rows.append(
            {
                "id": row_id,
                "program": program.nama,
                "anggaran": pagu.get(program.pk),
                "sumber_dana": sumber,
            }
        )
    return rows


def pk_live_rows(pk):
    """The rows of a draft PK as they read now (used to show it, and to freeze it)."""
    ind_rows = list(
        pk.indikator_set.filter(indikator__isnull=False).select_related("indikator__sasaran").order_by("urutan", "id")
    )
    prog_rows = list(
        pk.program_set.filter(program__isnull=False).select_related("program").order_by("urutan", "id")
    )
    indikator_rows = _pk_indikator_live([(r.pk, r.indikator) for r in ind_rows], pk.tahun)
    program_rows = _pk_program_live([(r.pk, r.program, r.sumber_dana) for r in prog_rows], pk.tahun)
    total = sum((r["anggaran"] or Decimal(0) for r in program_rows), Decimal(0)) if program_rows else None
    return {"indikator_rows": indikator_rows, "program_rows": program_rows, "total_anggaran": total}


def _pk_frozen_rows(pk):
    indikator_rows = [
        {
            "id": r.pk,
            "sasaran": r.sasaran_uraian,
            "indikator": r.indikator_uraian,
            "satuan": r.satuan,
            "target_nilai": r.target_nilai,
            "target_teks": r.target_teks,
            "target_tampil": target_tampil(r.target_nilai, None, r.target_teks, r.satuan),
        }
        for r in pk.indikator_set.order_by("urutan", "id")
    ]
    program_rows = [
        {"id": r.pk, "program": r.program_nama, "anggaran": r.anggaran, "sumber_dana": r.sumber_dana}
        for r in pk.program_set.order_by("urutan", "id")
    ]
    total = Decimal(pk.snapshot["total_anggaran"]) if pk.snapshot and pk.snapshot.get("total_anggaran") not in (None, "None") else None
    return {"indikator_rows": indikator_rows, "program_rows": program_rows, "total_anggaran": total}


def _number_sasaran(rows):
    _rowspans(rows, "sasaran", "sasaran_rowspan")
    no = 0
    for row in rows:
        if row["sasaran_rowspan"]:
            no += 1
        row["sasaran_no"] = no
    return rows


def pk_document(*, opd, tahun, pk=None):
    """The PK of a year: a final PK from its frozen rows and snapshot; a draft from the
    live plan; no PK yet: a preview from the default choices (always a draft)."""
    pemda = opd.pemda
    if pk is not None and pk.status == StatusDokumen.FINAL and pk.snapshot:
        rows = _pk_frozen_rows(pk)
        pertama = pk.snapshot["pihak_pertama"]
        kedua = pk.snapshot["pihak_kedua"]
        jabatan_kd = pk.snapshot.get("jabatan_kepala_daerah") or kedua.get("jabatan", "")
    elif pk is not None:
        rows = pk_live_rows(pk)
        pertama = pejabat_dict(pk.pihak_pertama)
        kedua = pejabat_dict(pk.pihak_kedua)
        jabatan_kd = pemda.jabatan_kepala_daerah
    else:
        indikator, program = pk_default_choices(opd, tahun)
        rows = {
            "indikator_rows": _pk_indikator_live([(None, i) for i in indikator], tahun),
            "program_rows": _pk_program_live([(None, p, "APBD") for p in program], tahun),
        }
        rows["total_anggaran"] = (
            sum((r["anggaran"] or Decimal(0) for r in rows["program_rows"]), Decimal(0))
            if rows["program_rows"]
            else None
        )
        pertama = pejabat_dict(kepala_opd(opd, tahun))
        kedua = pejabat_dict(kepala_daerah(opd))
        jabatan_kd = pemda.jabatan_kepala_daerah
    tempat = (pk.tempat if pk else "") or pemda.ibukota
    tanggal = pk.tanggal if pk else None
    tempat_tanggal = f"{tempat}, {fmt.tanggal_id(tanggal) if tanggal else str(tahun)}"
    _number_sasaran(rows["indikator_rows"])
    pangkat_pertama = pertama.get("pangkat", "")
    pertama_ttd = dict(pertama, pangkat=pangkat_pertama)
    return _base(
        "pk",
        opd,
        tahun,
        is_final=bool(pk and pk.status == StatusDokumen.FINAL),
        pk=pk,
        versi=pk.versi if pk else 1,
        is_perubahan=bool(pk and pk.is_perubahan),
        finalized_at=pk.finalized_at if pk else None,
        judul=("Perjanjian Kinerja Perubahan" if pk and pk.is_perubahan else "Perjanjian Kinerja") + f" Tahun {tahun}",
        tempat=tempat,
        tanggal=tanggal,
        pihak_pertama=pertama,
        pihak_kedua=kedua,
        ttd_pertama=ttd(pertama_ttd, label="Pihak Pertama,"),
        ttd_pertama_bertanggal=ttd(pertama_ttd, tempat_tanggal=tempat_tanggal),
        ttd_kedua=ttd(kedua, label="Pihak Kedua,", jabatan=jabatan_kd),
        **rows,
    )


# --- dispatch -----------------------------------------------------------------------------


def build_document(jenis, opd, tahun, *, triwulan=None, unit_slug=None, versi=None):
    """The dict of one document, by its URL name (views and render_report use this)."""
    if jenis == "pk":
        pk = pk_for(opd, tahun, versi)
        if versi and pk is None:
            raise DokumenTidakAda(f"PK versi {versi} tahun {tahun} tidak ada.")
        return pk_document(opd=opd, tahun=tahun, pk=pk)
    if jenis == "rencana-aksi":
        unit = None
        if unit_slug:
            unit = UnitKerja.objects.filter(opd=opd, slug=unit_slug).first()
            if unit is None:
                raise DokumenTidakAda(f"Unit kerja '{unit_slug}' tidak ada di {opd.nama}.")
        return rencana_aksi_document(opd=opd, tahun=tahun, unit=unit)
    if jenis == "pengukuran":
        if triwulan not in (1, 2, 3, 4):
            raise DokumenTidakAda("Triwulan harus 1 sampai 4.")
        return pengukuran_document(opd=opd, tahun=tahun, triwulan=triwulan)
    if jenis == "lkjip":
        return lkjip_document(opd=opd, tahun=tahun)
    if jenis == "iku":
        return iku_document(opd=opd, tahun=tahun)
    if jenis == "cascading":
        return cascading_document(opd=opd, tahun=tahun)
    raise DokumenTidakAda(f"Jenis dokumen '{jenis}' tidak dikenal.")
