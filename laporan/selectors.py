"""The rows of each document (STYLE rule 4: one set of rows for HTML, PDF and XLSX).

Each `*_document` function returns a plain dict the templates render. The plan's
structure is read here in a fixed number of queries; every figure (pagu in force, the
cumulative realisation, capaian, penyerapan, efficiency, progress, shares) comes from the
engine: kinerja.selectors / anggaran.selectors for the SQL roll-ups and sakip.capaian
for the rules. Nothing here adds money or divides.
"""

from decimal import Decimal

from django.db.models import Prefetch, Q

from anggaran import selectors as _a
from anggaran import selectors as anggaran_selectors
from kinerja import selectors as kinerja_selectors
from kinerja.models import Aksi, RencanaAksi, StatusDokumen, TargetTriwulan
from laporan.matriks import MATRIKS
from laporan.models import AnalisisIndikator, DokumenTerbit, LaporanKinerja, PerjanjianKinerja
from renstra.models import (
    Indikator,
    Kegiatan,
    Pejabat,
    Program,
    Sasaran,
    SubKegiatan,
    TargetTahunan,
    TriwulanPelaporan,
    Tujuan,
    UnitKerja,
)
from renstra.selectors import periode_aktif
from sakip import angka as fmt

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
    # Two decimals at most, trailing zeros dropped: 86%, 48,25%, 70,32% (1277/1816).
    text = fmt.angka(fmt.bulatkan(nilai, 2))
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
    return Pejabat.objects.filter(opd=opd, is_kepala=True).order_by("-aktif", "-id").first()


def kepala_daerah(opd):
    return (
        Pejabat.objects.filter(pemda_id=opd.pemda_id, is_kepala_daerah=True)
        .order_by("-aktif", "-id")
        .first()
    )


def periode_wajib(opd, tahun):
    periode = periode_aktif(opd, tahun)
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
        for t in TargetTahunan.objects.filter(
            indikator_id__in=indikator_ids, tahun=tahun
        ).select_related("level")
    }


def targets_triwulan(indikator_ids, tahun):
    """{(indikator_id, triwulan): TargetTriwulan}, one query."""
    return {
        (t.indikator_id, t.triwulan): t
        for t in TargetTriwulan.objects.filter(
            indikator_id__in=indikator_ids, tahun=tahun
        ).select_related("level")
    }


def _target_of(target, satuan):
    if target is None:
        return fmt.TANPA_NILAI
    return target_tampil(target.nilai, target.level, target.teks, satuan)


# --- engine adapters ----------------------------------------------------------------------


def pagu_program(program_ids, tahun, triwulan=4):
    """{program_id: pagu in force at `triwulan`} from the engine's SQL roll-up."""
    return anggaran_selectors.pagu_per_program(program_ids, tahun, triwulan)


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
                "target_teks": (target.teks or (target.level.nama if target.level_id else ""))
                if target
                else "",
                "target_tampil": _target_of(target, ind.satuan),
            }
        )
    return rows


def _pk_program_live(pairs, tahun):
    pagu = pagu_program([p.pk for _, p, _ in pairs], tahun)
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
        pk.indikator_set.filter(indikator__isnull=False)
        .select_related("indikator__sasaran")
        .order_by("urutan", "id")
    )
    prog_rows = list(
        pk.program_set.filter(program__isnull=False)
        .select_related("program")
        .order_by("urutan", "id")
    )
    indikator_rows = _pk_indikator_live([(r.pk, r.indikator) for r in ind_rows], pk.tahun)
    program_rows = _pk_program_live([(r.pk, r.program, r.sumber_dana) for r in prog_rows], pk.tahun)
    total = (
        sum((r["anggaran"] or Decimal(0) for r in program_rows), Decimal(0))
        if program_rows
        else None
    )
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
        judul=("Perjanjian Kinerja Perubahan" if pk and pk.is_perubahan else "Perjanjian Kinerja")
        + f" Tahun {tahun}",
        tempat=tempat,
        tanggal=tanggal,
        tempat_tanggal=tempat_tanggal,
        pihak_pertama=pertama,
        pihak_kedua=kedua,
        ttd_pertama=ttd(pertama_ttd, label="Pihak Pertama,"),
        ttd_pertama_bertanggal=ttd(pertama_ttd, tempat_tanggal=tempat_tanggal),
        ttd_kedua=ttd(kedua, label="Pihak Kedua,", jabatan=jabatan_kd),
        **rows,
    )


# --- Rencana Aksi (seed 001) --------------------------------------------------------------


def _indikator_by_owner(periode, field, ids):
    """{owner_id: [Indikator]} for one level of the plan, one query."""
    result = {}
    for ind in Indikator.objects.filter(periode=periode, **{f"{field}_id__in": ids}).order_by(
        "urutan", "id"
    ):
        result.setdefault(getattr(ind, f"{field}_id"), []).append(ind)
    return result


def _indikator_cells(indikator_list, targets):
    """The INDIKATOR and TARGET cells of a plan element (several indicators: one line each)."""
    return [
        {"uraian": ind.uraian, "target": _target_of(targets.get(ind.pk), ind.satuan)}
        for ind in indikator_list
    ]


def _sasaran_indikator_unit(periode, unit):
    """The sasaran indicators a unit works towards: it is responsible for them, or it runs a
    sub-kegiatan of a program under their sasaran."""

    ids = (
        Indikator.objects.filter(periode=periode, sasaran__isnull=False)
        .filter(
            Q(unit_penanggung_jawab=unit)
            | Q(sasaran__program_set__kegiatan_set__sub_kegiatan_set__unit=unit)
        )
        .values("pk")
    )
    return list(
        Indikator.objects.filter(pk__in=ids)
        .select_related("sasaran")
        .order_by("sasaran__urutan", "sasaran__kode", "urutan", "id")
    )


def _rencana_aksi_unit(periode, unit, tahun, ra):
    sasaran_ind = _sasaran_indikator_unit(periode, unit)
    subs = list(
        SubKegiatan.objects.filter(periode=periode, unit=unit)
        .select_related("kegiatan__program")
        .order_by("kegiatan__program__kode", "kegiatan__kode", "kode")
    )
    kegiatan_ids = {s.kegiatan_id for s in subs}
    program_ids = {s.kegiatan.program_id for s in subs}
    ind_sub = _indikator_by_owner(periode, "sub_kegiatan", [s.pk for s in subs])
    ind_keg = _indikator_by_owner(periode, "kegiatan", kegiatan_ids)
    ind_prog = _indikator_by_owner(periode, "program", program_ids)
    all_ids = [
        i.pk for group in (ind_sub, ind_keg, ind_prog) for lst in group.values() for i in lst
    ]
    all_ids += [i.pk for i in sasaran_ind]
    targets = targets_tahunan(all_ids, tahun)
    tw_targets = targets_triwulan([i.pk for i in sasaran_ind], tahun)
    aksi_by_sub = {}
    if ra is not None:
        for aksi in Aksi.objects.filter(rencana_aksi=ra).order_by(
            "sub_kegiatan__kode", "urutan", "id"
        ):
            aksi_by_sub.setdefault(aksi.sub_kegiatan_id, []).append(aksi)

    sasaran_rows = []
    for ind in sasaran_ind:
        sasaran_rows.append(
            {
                "sasaran": ind.sasaran.uraian,
                "indikator": ind.uraian,
                "tw": [_target_of(tw_targets.get((ind.pk, n)), ind.satuan) for n in (1, 2, 3, 4)],
            }
        )
    _number_sasaran(sasaran_rows)

    rows = []
    for sub in subs:
        kegiatan = sub.kegiatan
        program = kegiatan.program
        aksi_list = aksi_by_sub.get(sub.pk) or [None]
        for aksi in aksi_list:
            rows.append(
                {
                    "program_id": program.pk,
                    "program": program.nama,
                    "program_ind": _indikator_cells(ind_prog.get(program.pk, []), targets),
                    "kegiatan_id": kegiatan.pk,
                    "kegiatan": kegiatan.nama,
                    "kegiatan_ind": _indikator_cells(ind_keg.get(kegiatan.pk, []), targets),
                    "sub_id": sub.pk,
                    "sub": sub.nama,
                    "sub_ind": _indikator_cells(ind_sub.get(sub.pk, []), targets),
                    "aksi": aksi.uraian if aksi else "",
                    "volume": aksi.volume_teks if aksi else "",
                    "tw": [bool(aksi and getattr(aksi, f"tw{n}")) for n in (1, 2, 3, 4)],
                }
            )
    _rowspans(rows, "program_id", "program_span")
    _rowspans(rows, "kegiatan_id", "kegiatan_span")
    _rowspans(rows, "sub_id", "sub_span")
    no = 0
    for row in rows:
        if row["program_span"]:
            no += 1
        row["no"] = no
    penandatangan = ra.penandatangan if ra and ra.penandatangan_id else kepala_opd(unit.opd)
    tempat = (ra.tempat if ra else "") or unit.opd.pemda.ibukota
    tanggal = ra.tanggal if ra else None
    return {
        "unit": unit,
        "ra": ra,
        "is_final": bool(ra and ra.status == StatusDokumen.FINAL),
        "sasaran_rows": sasaran_rows,
        "rows": rows,
        "ttd": ttd(
            penandatangan,
            label="Mengetahui,",
            jabatan=(penandatangan.jabatan if penandatangan else ""),
            tempat_tanggal=f"{tempat}, {fmt.tanggal_id(tanggal) if tanggal else tahun}",
        ),
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
    ras = {
        ra.unit_id: ra
        for ra in RencanaAksi.objects.filter(unit__in=units, tahun=tahun).select_related(
            "penandatangan"
        )
    }
    sections = [_rencana_aksi_unit(periode, u, tahun, ras.get(u.pk)) for u in units]
    is_final = bool(sections) and all(s["is_final"] for s in sections)
    finalized = [s["ra"].finalized_at for s in sections if s["ra"] and s["ra"].finalized_at]
    return _base(
        "rencana-aksi",
        opd,
        tahun,
        is_final=is_final,
        unit=unit,
        judul=f"Rencana Aksi Tahun {tahun}" + (f" · {unit.nama}" if unit else ""),
        sections=sections,
        finalized_at=max(finalized) if is_final and finalized else None,
    )


def aksi_list(ra):
    if ra is None:
        return []
    return list(
        Aksi.objects.filter(rencana_aksi=ra)
        .select_related("sub_kegiatan")
        .order_by("sub_kegiatan__kode", "urutan", "id")
    )


# --- figures from the engine -------------------------------------------------------------


def capaian_opd(opd, tahun, triwulan=4):
    """The engine's roll-up of an OPD (settings, budget per level, indicators, sasaran)."""

    return kinerja_selectors.capaian_opd(opd, tahun, triwulan)


def indikator_tahun_lalu(opd, tahun, periode):
    """{indikator_id: IndikatorRow} of the previous year in the same Renstra period
    (LKjIP table 3.1.x.B; seed 000 "Capaian" of the year before)."""

    if periode is None or not periode.memuat_tahun(tahun - 1):
        return {}
    rows = kinerja_selectors.indikator_rows(opd, tahun - 1, 4, periode=periode)
    return {row.id: row for row in rows}


def nilai_tampil(row, *, target=False, akhir=False, triwulan=False):
    """The target or realisation of an engine IndikatorRow as printed ('86%', 'Madya', '–')."""
    if target or akhir or triwulan:
        prefix = "target_akhir" if akhir else ("target_triwulan" if triwulan else "target")
        teks = "" if akhir else getattr(row, f"{prefix}_teks", "")
        level = getattr(row, f"{prefix}_level")
        return target_tampil(getattr(row, prefix), level.nama if level else None, teks, row.satuan)
    level = row.realisasi_level
    return target_tampil(row.realisasi, level.nama if level else None, "", row.satuan)


def rumus_tampil(row):
    """The formula cell of the Pengukuran: the formula text and, for a ratio indicator, the
    entered numerator and denominator ('1.277 / 1.816 × 100%')."""
    lines = []
    if row.label_pembilang and row.label_penyebut:
        lines.append(f"{row.label_pembilang} / {row.label_penyebut} × {fmt.angka(row.pengali)}%")
    elif row.formula:
        lines.append(row.formula)
    angka = ""
    if row.pembilang is not None and row.penyebut is not None:
        angka = (
            f"{fmt.angka(row.pembilang)} / {fmt.angka(row.penyebut)} × {fmt.angka(row.pengali)}%"
        )
    return {"teks": lines[0] if lines else "", "angka": angka}


def _penandatangan_tahun(opd, tahun):
    """Who signs a year's measurements: the first party of the year's latest PK, else the
    head of the OPD."""
    pk = (
        PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun)
        .select_related("pihak_pertama")
        .order_by("-versi")
        .first()
    )
    return pk.pihak_pertama if pk else kepala_opd(opd)


def _plan_tree(periode):
    """Tujuan (with RPJMD goal), sasaran, program, kegiatan of a period, four queries."""
    tujuan = {
        t.pk: t for t in Tujuan.objects.filter(periode=periode).select_related("tujuan_rpjmd")
    }
    sasaran = list(
        Sasaran.objects.filter(periode=periode)
        .select_related("iku_kota")
        .order_by("urutan", "kode")
    )
    program = list(Program.objects.filter(periode=periode).order_by("urutan", "kode"))
    kegiatan = list(Kegiatan.objects.filter(periode=periode).order_by("kode"))
    return tujuan, sasaran, program, kegiatan


# --- Pengukuran Kinerja (seed 003 annex) --------------------------------------------------


def pengukuran_document(*, opd, tahun, triwulan, data=None):
    """Pengukuran Kinerja of a quarter: per sasaran its indicators (formula with the entered
    numbers, yearly target, realisation to date, capaian) beside its programs and kegiatan
    (pagu in force that quarter, realisation cumulated to it, penyerapan); totals."""
    periode = periode_wajib(opd, tahun)
    data = data or capaian_opd(opd, tahun, triwulan)
    tujuan, sasaran_list, program_list, kegiatan_list = _plan_tree(periode)
    rollup = data.anggaran
    prog_ang = rollup.per_id("program")
    keg_ang = rollup.per_id("kegiatan")
    ind_by_sasaran = {}
    for row in data.indikator_tingkat("sasaran"):
        ind_by_sasaran.setdefault(row.pemilik_id, []).append(row)
    keg_by_program = {}
    for k in kegiatan_list:
        keg_by_program.setdefault(k.program_id, []).append(k)
    prog_by_sasaran = {}
    for p in program_list:
        prog_by_sasaran.setdefault(p.sasaran_id, []).append(p)

    blocks = []
    no = 0
    sasaran_entries = [(s, s.pk) for s in sasaran_list]
    if prog_by_sasaran.get(None):
        sasaran_entries.append((None, None))
    for s, sid in sasaran_entries:
        budget = []
        for p in prog_by_sasaran.get(sid, []):
            a = prog_ang.get(p.pk)
            budget.append(
                {
                    "program": True,
                    "nama": p.nama,
                    "pagu": a.pagu if a else None,
                    "realisasi": a.realisasi if a else None,
                    "penyerapan": a.penyerapan if a else None,
                }
            )
            for k in keg_by_program.get(p.pk, []):
                a = keg_ang.get(k.pk)
                budget.append(
                    {
                        "program": False,
                        "nama": k.nama,
                        "pagu": a.pagu if a else None,
                        "realisasi": a.realisasi if a else None,
                        "penyerapan": a.penyerapan if a else None,
                    }
                )
        indikator = [
            {
                "uraian": r.uraian,
                "rumus": rumus_tampil(r),
                "target": nilai_tampil(r, target=True),
                "realisasi": nilai_tampil(r),
                "capaian": r.capaian,
                "span": 1,
            }
            for r in ind_by_sasaran.get(sid, [])
        ]
        n = max(len(indikator), len(budget), 1)
        while len(budget) < n:
            budget.append(None)
        if indikator:
            indikator[-1]["span"] = n - len(indikator) + 1
        if s is not None:
            no += 1
            t = tujuan.get(s.tujuan_id)
            tujuan_rpjmd = (
                t.tujuan_rpjmd.uraian if t and t.tujuan_rpjmd_id else (t.uraian if t else "")
            )
        else:
            tujuan_rpjmd = ""
        rows = []
        for i in range(n):
            rows.append(
                {
                    "indikator": indikator[i] if i < len(indikator) else None,
                    "indikator_kosong": not indikator and i == 0,
                    "budget": budget[i],
                }
            )
        blocks.append(
            {
                "no": no if s is not None else "",
                "tujuan_rpjmd": tujuan_rpjmd,
                "sasaran": s.uraian if s is not None else "Program penunjang (tanpa sasaran)",
                "span": n,
                "rows": rows,
            }
        )

    dpa = _a.dpa_berlaku(opd, tahun, triwulan)
    penandatangan = _penandatangan_tahun(opd, tahun)
    return _base(
        "pengukuran",
        opd,
        tahun,
        is_final=_triwulan_ditutup(opd, tahun, triwulan),
        triwulan=triwulan,
        triwulan_romawi=fmt.triwulan_romawi(triwulan),
        judul=f"Pengukuran Kinerja Triwulan {fmt.triwulan_romawi(triwulan)} Tahun {tahun}",
        blocks=blocks,
        total_pagu=rollup.pagu,
        total_realisasi=rollup.realisasi,
        total_penyerapan=rollup.penyerapan,
        dpa=dpa.jumlah if dpa else None,
        ttd=ttd(
            penandatangan,
            jabatan=penandatangan.jabatan if penandatangan else "",
            tempat_tanggal=f"{opd.pemda.ibukota}, {_bulan_laporan(tahun, triwulan)}",
        ),
    )


def _bulan_laporan(tahun, triwulan):
    """The month a quarter is reported in, as the seeds date them (TW I in April … TW IV in
    January of the next year): 'April 2020'."""
    if triwulan == 4:
        return f"{fmt.BULAN[0]} {tahun + 1}"
    return f"{fmt.BULAN[triwulan * 3]} {tahun}"


def _triwulan_ditutup(opd, tahun, triwulan):
    """A quarter's measurement is final once the quarter is closed for entry."""

    return TriwulanPelaporan.objects.filter(
        opd=opd, tahun=tahun, triwulan=triwulan, status=TriwulanPelaporan.Status.TUTUP
    ).exists()


# --- LKjIP (seed 003) ---------------------------------------------------------------------


def lkjip_indikator(opd, tahun):
    """The sasaran indicators an LKjIP analyses (the IKU, else every sasaran indicator)."""
    periode = periode_wajib(opd, tahun)
    qs = (
        Indikator.objects.filter(periode=periode, sasaran__isnull=False)
        .select_related("sasaran")
        .order_by("sasaran__urutan", "sasaran__kode", "urutan", "id")
    )
    rows = list(qs)
    iku = [r for r in rows if r.is_iku]
    return iku or rows


def _program_kegiatan_rows(rollup, program_list, kegiatan_list, with_pct=False):
    """Tables 2.2 and 3.2: per program its kegiatan with pagu and realisation (year end)."""
    prog_ang = rollup.per_id("program")
    keg_ang = rollup.per_id("kegiatan")
    keg_by_program = {}
    for k in kegiatan_list:
        keg_by_program.setdefault(k.program_id, []).append(k)
    rows = []
    for no, p in enumerate(program_list, 1):
        kegs = keg_by_program.get(p.pk, [])
        a = prog_ang.get(p.pk)
        for i, k in enumerate(kegs or [None]):
            ka = keg_ang.get(k.pk) if k else None
            rows.append(
                {
                    "no": no,
                    "program": p.nama,
                    "span": len(kegs or [None]) if i == 0 else 0,
                    "program_pagu": a.pagu if a else None,
                    "program_realisasi": a.realisasi if a else None,
                    "program_penyerapan": a.penyerapan if a else None,
                    "kegiatan": k.nama if k else "",
                    "pagu": ka.pagu if ka else None,
                    "realisasi": ka.realisasi if ka else None,
                    "penyerapan": ka.penyerapan if ka else None,
                }
            )
    return rows


def lkjip_document(*, opd, tahun):
    """The LKjIP of a year: the entered narrative and every table computed (2.2, 2.3,
    3.1.x.A–I per sasaran, 3.2), with the PK and the four quarterly measurements attached."""
    periode = periode_wajib(opd, tahun)
    laporan = (
        LaporanKinerja.objects.filter(opd=opd, tahun=tahun).select_related("penandatangan").first()
    )
    data = capaian_opd(opd, tahun, 4)
    lalu = indikator_tahun_lalu(opd, tahun, periode)
    tujuan, sasaran_list, program_list, kegiatan_list = _plan_tree(periode)
    analisis = {}
    if laporan is not None:
        analisis = {a.indikator_id: a for a in AnalisisIndikator.objects.filter(laporan=laporan)}
    prog_by_sasaran = {}
    for p in program_list:
        prog_by_sasaran.setdefault(p.sasaran_id, []).append(p)
    keg_by_program = {}
    for k in kegiatan_list:
        keg_by_program.setdefault(k.program_id, []).append(k)
    iku_ids = {i.pk for i in lkjip_indikator(opd, tahun)}

    bagian = []
    for srow in data.sasaran:
        rows = []
        for r in srow.indikator:
            if r.id not in iku_ids:
                continue
            prev = lalu.get(r.id)
            a = analisis.get(r.id)
            rows.append(
                {
                    "uraian": r.uraian,
                    "target": nilai_tampil(r, target=True),
                    "realisasi": nilai_tampil(r),
                    "capaian": r.capaian,
                    "predikat": r.predikat,
                    "realisasi_lalu": nilai_tampil(prev) if prev else fmt.TANPA_NILAI,
                    "target_akhir": nilai_tampil(r, akhir=True),
                    "kemajuan": r.kemajuan,
                    "nasional": target_tampil(a.realisasi_nasional, None, "", r.satuan)
                    if a and a.realisasi_nasional is not None
                    else fmt.TANPA_NILAI,
                    "keterangan_nasional": (a.keterangan_nasional if a else "") or fmt.TANPA_NILAI,
                    "efisiensi": r.efisiensi,
                    "analisis_penyebab": a.analisis_penyebab if a else "",
                    "solusi": a.solusi if a else "",
                    "analisis_program": a.analisis_program if a else "",
                }
            )
        if not rows:
            continue
        penunjang = []
        for p in prog_by_sasaran.get(srow.id, []):
            penunjang.append({"program": True, "nama": p.nama})
            penunjang.extend(
                {"program": False, "nama": k.nama} for k in keg_by_program.get(p.pk, [])
            )
        bagian.append(
            {
                "nomor": f"3.1.{len(bagian) + 1}",
                "uraian": srow.uraian,
                "rows": rows,
                "anggaran": srow.anggaran,
                "penyerapan": srow.penyerapan,
                "pangsa": srow.pangsa,
                "penunjang": penunjang,
            }
        )

    rollup = data.anggaran

    dpa = _a.dpa_berlaku(opd, tahun, 4)
    pk = pk_for(opd, tahun)
    pk_doc = pk_document(opd=opd, tahun=tahun, pk=pk)
    pengukuran = [
        pengukuran_document(opd=opd, tahun=tahun, triwulan=tw, data=(data if tw == 4 else None))
        for tw in (1, 2, 3, 4)
    ]
    penandatangan = (
        laporan.penandatangan if laporan and laporan.penandatangan_id else kepala_opd(opd)
    )
    tanggal = laporan.tanggal if laporan else None
    tempat = (laporan.tempat if laporan else "") or opd.pemda.ibukota
    jumlah_kegiatan = len(kegiatan_list)
    return _base(
        "lkjip",
        opd,
        tahun,
        is_final=bool(laporan and laporan.status == StatusDokumen.FINAL),
        finalized_at=laporan.finalized_at if laporan else None,
        judul=f"LKjIP Tahun {tahun}",
        laporan=laporan,
        n=laporan or {},
        dua_level=periode.dua_level,
        pengaturan=data.pengaturan,
        skala=data.pengaturan.skala,
        bagian=bagian,
        tabel_program=_program_kegiatan_rows(rollup, program_list, kegiatan_list),
        pk=pk_doc,
        pengukuran=pengukuran,
        total_pagu=rollup.pagu,
        total_realisasi=rollup.realisasi,
        total_penyerapan=rollup.penyerapan,
        dpa=dpa,
        jumlah_program=len(program_list),
        jumlah_kegiatan=jumlah_kegiatan,
        tujuan_list=sorted(tujuan.values(), key=lambda t: (t.urutan, t.kode)),
        sasaran_list=sasaran_list,
        ttd=ttd(
            penandatangan,
            jabatan=penandatangan.jabatan if penandatangan else "",
            tempat_tanggal=f"{tempat}, {fmt.tanggal_id(tanggal) if tanggal else tahun}",
        ),
    )


# --- IKU (seed 002) -----------------------------------------------------------------------


def iku_document(*, opd, tahun):
    periode = periode_wajib(opd, tahun)
    tujuan = list(Tujuan.objects.filter(periode=periode).order_by("urutan", "kode"))
    ind_tujuan = list(
        Indikator.objects.filter(periode=periode, tujuan__isnull=False).order_by("urutan", "id")
    )
    indikator = list(
        Indikator.objects.filter(periode=periode, sasaran__isnull=False)
        .select_related("sasaran")
        .prefetch_related(
            Prefetch("unit_penanggung_jawab", queryset=UnitKerja.objects.order_by("urutan"))
        )
        .order_by("sasaran__urutan", "sasaran__kode", "urutan", "id")
    )
    iku = [i for i in indikator if i.is_iku] or indikator
    rows = []
    for ind in iku:
        rumus = ""
        if ind.label_pembilang and ind.label_penyebut:
            rumus = f"{ind.label_pembilang} / {ind.label_penyebut} × {fmt.angka(ind.pengali)}%"
        rows.append(
            {
                "sasaran": ind.sasaran.uraian,
                "indikator": ind.uraian,
                "formula": ind.formula,
                "rumus": rumus,
                "sumber_data": ind.sumber_data,
                "penanggung_jawab": [u.nama for u in ind.unit_penanggung_jawab.all()],
            }
        )
    _number_sasaran(rows)
    kepala = kepala_opd(opd)
    return _base(
        "iku",
        opd,
        tahun,
        is_final=periode.status == periode.Status.DITETAPKAN,
        judul=f"Indikator Kinerja Utama (IKU) {periode.tahun_awal}–{periode.tahun_akhir}",
        periode=periode,
        tujuan_list=tujuan,
        indikator_tujuan=ind_tujuan,
        fungsi=[f for f in (opd.fungsi or "").splitlines() if f.strip()],
        rows=rows,
        ttd=ttd(
            kepala,
            jabatan=kepala.jabatan if kepala else "",
            tempat_tanggal=f"{opd.pemda.ibukota}, {tahun}",
        ),
    )


# --- Keterkaitan IKU / cascading (seed 000) -----------------------------------------------


def cascading_document(*, opd, tahun):
    """Seed 000: Tujuan RPJMD -> IKU kota -> sasaran -> indicator (target of the year,
    realisation of the year before) -> program -> kegiatan -> sub kegiatan with pagu."""
    periode = periode_wajib(opd, tahun)
    tujuan, sasaran_list, program_list, kegiatan_list = _plan_tree(periode)
    subs = list(SubKegiatan.objects.filter(periode=periode).order_by("kode"))
    indikator = list(
        Indikator.objects.filter(periode=periode, tujuan__isnull=True).order_by("urutan", "id")
    )
    targets = targets_tahunan([i.pk for i in indikator], tahun)
    lalu = indikator_tahun_lalu(opd, tahun, periode)
    rollup = anggaran_selectors.anggaran_rows(periode, tahun, 4)
    keg_ang = rollup.per_id("kegiatan")
    sub_ang = rollup.per_id("sub_kegiatan")
    by = {"sasaran": {}, "program": {}, "kegiatan": {}, "sub_kegiatan": {}}
    for ind in indikator:
        by[ind.level].setdefault(getattr(ind, f"{ind.level}_id"), []).append(ind)
    subs_by_keg = {}
    for sk in subs:
        subs_by_keg.setdefault(sk.kegiatan_id, []).append(sk)
    keg_by_program = {}
    for k in kegiatan_list:
        keg_by_program.setdefault(k.program_id, []).append(k)
    prog_by_sasaran = {}
    for p in program_list:
        prog_by_sasaran.setdefault(p.sasaran_id, []).append(p)

    def uraian(lst):
        return [i.uraian for i in lst]

    rows = []
    tujuan_no = {}
    for s in sasaran_list:
        t = tujuan.get(s.tujuan_id)
        if t.pk not in tujuan_no:
            tujuan_no[t.pk] = len(tujuan_no) + 1
        s_ind = by["sasaran"].get(s.pk, [])
        head = {
            "tujuan_id": t.pk,
            "tujuan_no": tujuan_no[t.pk],
            "tujuan_rpjmd": t.tujuan_rpjmd.uraian if t.tujuan_rpjmd_id else t.uraian,
            "iku_kota": s.iku_kota.uraian if s.iku_kota_id else "",
            "sasaran_id": s.pk,
            "sasaran": s.uraian,
            "indikator": [
                {
                    "uraian": i.uraian,
                    "target": _target_of(targets.get(i.pk), i.satuan),
                    "lalu": nilai_tampil(lalu[i.pk]) if i.pk in lalu else fmt.TANPA_NILAI,
                }
                for i in s_ind
            ],
        }
        leaves = []
        for p in prog_by_sasaran.get(s.pk, []):
            for k in keg_by_program.get(p.pk, []):
                ka = keg_ang.get(k.pk)
                leaves.append(
                    {
                        "program_id": p.pk,
                        "program": p.nama,
                        "program_ind": uraian(by["program"].get(p.pk, [])),
                        "nama": k.nama,
                        "sub": False,
                        "ind": uraian(by["kegiatan"].get(k.pk, [])),
                        "anggaran": (ka.pagu if ka else None) if periode.dua_level else None,
                    }
                )
                if not periode.dua_level:
                    for sk in subs_by_keg.get(k.pk, []):
                        sa = sub_ang.get(sk.pk)
                        leaves.append(
                            {
                                "program_id": p.pk,
                                "program": p.nama,
                                "program_ind": uraian(by["program"].get(p.pk, [])),
                                "nama": sk.nama,
                                "sub": True,
                                "ind": uraian(by["sub_kegiatan"].get(sk.pk, [])),
                                "anggaran": sa.pagu if sa else None,
                            }
                        )
            if not keg_by_program.get(p.pk):
                leaves.append(
                    {
                        "program_id": p.pk,
                        "program": p.nama,
                        "program_ind": uraian(by["program"].get(p.pk, [])),
                        "nama": "",
                        "sub": False,
                        "ind": [],
                        "anggaran": None,
                    }
                )
        if not leaves:
            leaves.append(
                {
                    "program_id": None,
                    "program": "",
                    "program_ind": [],
                    "nama": "",
                    "sub": False,
                    "ind": [],
                    "anggaran": None,
                }
            )
        for leaf in leaves:
            rows.append({**head, **leaf, "program_key": (s.pk, leaf["program_id"])})
    _rowspans(rows, "tujuan_id", "tujuan_span")
    _rowspans(rows, "sasaran_id", "sasaran_span")
    _rowspans(rows, "program_key", "program_span")
    kepala = kepala_opd(opd)
    return _base(
        "cascading",
        opd,
        tahun,
        is_final=periode.status == periode.Status.DITETAPKAN,
        judul=f"Tabel Keterkaitan IKU dengan Program Kegiatan Tahun {tahun}",
        rows=rows,
        total=rollup.pagu,
        tahun_lalu=tahun - 1,
        ttd=ttd(
            kepala,
            jabatan=kepala.jabatan if kepala else "",
            tempat_tanggal=f"{opd.pemda.ibukota}, {tahun}",
        ),
    )


# --- the documents page of a year and the targets grid -----------------------------------


def indeks_context(opd, tahun):
    """What the documents page of an OPD and year shows: every document with its status."""

    periode = periode_aktif(opd, tahun)
    units = []
    if periode is not None:
        ras = {ra.unit_id: ra for ra in RencanaAksi.objects.filter(unit__opd=opd, tahun=tahun)}
        for unit in (
            UnitKerja.objects.filter(opd=opd, sub_kegiatan_set__periode=periode)
            .distinct()
            .order_by("urutan", "nama")
        ):
            units.append({"unit": unit, "ra": ras.get(unit.pk)})
    return {
        "opd": opd,
        "tahun": tahun,
        "periode": periode,
        "pk_list": pk_list(opd, tahun),
        "pk": pk_for(opd, tahun),
        "laporan": LaporanKinerja.objects.filter(opd=opd, tahun=tahun).first(),
        "units": units,
        "triwulan": [(n, fmt.triwulan_romawi(n)) for n in (1, 2, 3, 4)],
        "terbit": list(
            DokumenTerbit.objects.filter(opd=opd, tahun=tahun).select_related(
                "unit", "dibuat_oleh"
            )[:20]
        ),
        "jenis": JENIS,
        "tahun_list": periode.tahun_list if periode else [tahun],
        "matriks": [(slug, kode) for slug, (kode, _judul) in MATRIKS.items()],
    }


def target_rows(opd, tahun):
    """Every indicator of the year's Renstra period with its yearly and TW I–IV targets as
    editable cells, ordered as the plan (sasaran, program, kegiatan, sub kegiatan)."""
    periode = periode_wajib(opd, tahun)
    indikator = list(
        Indikator.objects.filter(periode=periode)
        .select_related("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan", "skala")
        .order_by("urutan", "id")
    )
    level_order = {"tujuan": 0, "sasaran": 1, "program": 2, "kegiatan": 3, "sub_kegiatan": 4}

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
                }[ind.level],
                "pemilik": str(ind.pemilik),
                "cells": cells,
            }
        )
    return rows


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
