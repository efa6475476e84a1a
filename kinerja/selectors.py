"""Performance roll-ups: the rows every page, PDF, XLSX export and the `capaian` command
read (STYLE rules 3 and 4; DESIGN section 3).

    capaian_opd(opd, tahun, triwulan)     everything of one OPD: settings, budget per level,
                                          indicators, sasaran (the usual entry point)
    indikator_rows(opd, tahun, triwulan)  per indicator: targets, realisation to date, capaian
    sasaran_rows(opd, tahun, triwulan)    per sasaran: its indicators, budget, share, efficiency
    anggaran_rows(...)                    see anggaran.selectors
    pemda_rows(pemda, tahun, triwulan)    the same per OPD for a whole Pemda
    pengaturan_pemda(pemda)               the Pemda's computation settings, read once

Each runs a fixed number of queries whatever the size of the plan: targets are correlated
subqueries on the indicator query, realisations one flat query, budget levels one annotated
query each. The values fetched go through sakip.capaian (pure rules); nothing rounds here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Q, Subquery

from anggaran import selectors as anggaran_selectors
from kinerja.models import Realisasi, TargetTriwulan
from renstra import selectors as renstra_selectors
from renstra.models import (
    LEVEL_FIELDS,
    Indikator,
    LevelKategori,
    Pemda,
    PerangkatDaerah,
    Sasaran,
    TargetTahunan,
    TingkatPredikat,
)
from sakip import capaian

# --- settings -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Pengaturan:
    """A Pemda's computation settings (DESIGN section 3): the negative-polarity formula, the
    efficiency convention, the cap, and the predicate scale (the Pemda's own scale marked
    `utama`, else the global one without a Pemda, i.e. Permendagri 86/2017)."""

    rumus_negatif: str = capaian.SELISIH
    konvensi_efisiensi: str = capaian.RASIO
    batas_capaian: Decimal | None = None
    skala: tuple[capaian.Tingkat, ...] = capaian.SKALA_PERMENDAGRI_86
    nama_skala: str = "Permendagri 86/2017"


def pengaturan_pemda(pemda) -> Pengaturan:
    """Read the settings of a Pemda (instance or pk) in at most two queries."""
    if not isinstance(pemda, Pemda):
        pemda = Pemda.objects.get(pk=pemda)
    tingkat = list(
        TingkatPredikat.objects.filter(
            Q(skala__pemda_id=pemda.pk, skala__utama=True) | Q(skala__pemda__isnull=True)
        )
        .order_by("-skala__utama", "skala_id", "-batas_bawah")
        .values("skala_id", "skala__pemda_id", "skala__nama", "batas_bawah", "label", "warna")
    )
    own = [t for t in tingkat if t["skala__pemda_id"] == pemda.pk]
    if own:
        chosen = own
    elif tingkat:
        chosen = [t for t in tingkat if t["skala_id"] == tingkat[0]["skala_id"]]
    else:
        chosen = []
    if chosen:
        skala = tuple(capaian.Tingkat(t["batas_bawah"], t["label"], t["warna"]) for t in chosen)
        nama_skala = chosen[0]["skala__nama"]
    else:
        skala, nama_skala = capaian.SKALA_PERMENDAGRI_86, "Permendagri 86/2017"
    return Pengaturan(
        rumus_negatif=pemda.rumus_negatif or capaian.SELISIH,
        konvensi_efisiensi=pemda.konvensi_efisiensi or capaian.RASIO,
        batas_capaian=pemda.batas_capaian,
        skala=skala,
        nama_skala=nama_skala,
    )


# --- indicators ---------------------------------------------------------------------------


@dataclass
class IndikatorRow:
    """One indicator for a year up to a quarter, with every figure a report prints.

    `realisasi` is the value to date by the indicator's rule (Indikator.agregasi) over its
    quarterly Realisasi; `capaian` compares it with the yearly target, `capaian_triwulan`
    with the quarter's target (Rencana Aksi), `kemajuan` with the end-of-Renstra target.
    Categorical indicators carry levels (`*_level`) instead of numbers."""

    id: int
    periode_id: int
    tingkat: str  # tujuan, sasaran, program, kegiatan, sub_kegiatan
    pemilik_id: int
    kode: str
    uraian: str
    satuan: str
    tipe: str
    polaritas: str
    agregasi: str
    rumus_negatif: str
    is_iku: bool
    urutan: int
    formula: str
    label_pembilang: str
    label_penyebut: str
    pengali: Decimal
    target: Decimal | None
    target_level: capaian.Level | None
    target_teks: str
    target_triwulan: Decimal | None
    target_triwulan_level: capaian.Level | None
    target_triwulan_teks: str
    target_akhir: Decimal | None
    target_akhir_level: capaian.Level | None
    tahun_akhir: int
    realisasi: Decimal | None
    realisasi_level: capaian.Level | None
    pembilang: Decimal | None
    penyebut: Decimal | None
    realisasi_triwulan: dict[int, Decimal | None]
    level_triwulan: dict[int, capaian.Level | None]
    status_triwulan: dict[int, str]
    capaian: capaian.Hasil
    capaian_triwulan: capaian.Hasil
    kemajuan: capaian.Hasil
    predikat: capaian.Tingkat | None
    efisiensi: capaian.Efisiensi | None = None  # filled for sasaran indicators

    @property
    def kategori(self) -> bool:
        return self.tipe == Indikator.Tipe.KATEGORI

    @property
    def sasaran_id(self):
        return self.pemilik_id if self.tingkat == "sasaran" else None


def _level(levels, level_id):
    return levels.get(level_id) if level_id else None


def _indikator_queryset(filter_q, tahun, triwulan):
    # order_by(): the models' default ordering would join indikator, periode, OPD and Pemda
    # into every subquery (the target is unique per indikator/tahun[/triwulan] anyway).
    tahunan = TargetTahunan.objects.filter(indikator=OuterRef("pk"), tahun=tahun).order_by()
    akhir = TargetTahunan.objects.filter(
        indikator=OuterRef("pk"), tahun=OuterRef("periode__tahun_akhir")
    ).order_by()
    triwulanan = TargetTriwulan.objects.filter(
        indikator=OuterRef("pk"), tahun=tahun, triwulan=triwulan
    ).order_by()
    annotations = {}
    for prefix, qs in (("t", tahunan), ("ta", akhir), ("tw", triwulanan)):
        for name in ("nilai", "level_id", "teks"):
            annotations[f"{prefix}_{name}"] = Subquery(qs.values(name)[:1])
    return (
        Indikator.objects.filter(filter_q)
        .annotate(**annotations)
        .values(
            "pk",
            "periode_id",
            "periode__tahun_akhir",
            *(f"{f}_id" for f in LEVEL_FIELDS),
            "kode",
            "uraian",
            "satuan",
            "tipe",
            "polaritas",
            "agregasi",
            "rumus_negatif",
            "rentang_bawah",
            "rentang_atas",
            "is_iku",
            "urutan",
            "formula",
            "label_pembilang",
            "label_penyebut",
            "pengali",
            "skala_id",
            *annotations.keys(),
        )
        .order_by("periode_id", "urutan", "pk")
    )


def _levels(filter_q):
    """{level_id: capaian.Level} of every category scale used by the indicators (one query)."""
    rows = LevelKategori.objects.filter(
        skala__in=Indikator.objects.filter(filter_q).values("skala_id")
    ).values("pk", "nama", "skor", "urutan")
    return {r["pk"]: capaian.Level(r["nama"], r["skor"], r["urutan"]) for r in rows}


def _realisasi(filter_q, tahun, triwulan, status):
    qs = Realisasi.objects.filter(
        indikator__in=Indikator.objects.filter(filter_q).values("pk"),
        tahun=tahun,
        triwulan__lte=triwulan,
    )
    if status is not None:
        qs = qs.filter(status__in=list(status))
    per_indikator = defaultdict(list)
    for r in qs.order_by("indikator_id", "triwulan").values(
        "indikator_id", "triwulan", "nilai", "pembilang", "penyebut", "level_id", "status"
    ):
        per_indikator[r["indikator_id"]].append(r)
    return per_indikator


def _nilai_sd(row, reports, levels):
    """Value to date (and the numerator/denominator shown in the formula) by the indicator's
    rule. A ratio quarter counts by its numerator/denominator when both were entered, else by
    its value (a yearly figure typed into TW IV); "kumulatif" divides summed numerators by
    summed denominators when every reported quarter has them."""
    agregasi = row["agregasi"]
    if row["tipe"] == Indikator.Tipe.KATEGORI:
        level = capaian.level_terakhir([_level(levels, r["level_id"]) for r in reports])
        return None, level, None, None
    if row["tipe"] != Indikator.Tipe.RASIO:
        return capaian.nilai_tahunan([r["nilai"] for r in reports], agregasi), None, None, None
    reported = []
    for r in reports:
        pair = (r["pembilang"], r["penyebut"])
        value = capaian.nilai_rasio(*pair, row["pengali"]) if None not in pair else None
        if value is not None:
            reported.append((value, pair))
        elif r["nilai"] is not None:
            reported.append((r["nilai"], None))
    if not reported:
        return None, None, None, None
    if agregasi == capaian.KUMULATIF and all(pair for _, pair in reported):
        pairs = [pair for _, pair in reported]
        nilai = capaian.nilai_tahunan_rasio(pairs, agregasi, row["pengali"])
        pembilang = sum((p for p, _ in pairs), capaian.NOL)
        penyebut = sum((q for _, q in pairs), capaian.NOL)
        return nilai, None, pembilang, penyebut
    nilai = capaian.nilai_tahunan([v for v, _ in reported], agregasi)
    last_pair = reported[-1][1]
    if agregasi == capaian.TERAKHIR and last_pair:
        return nilai, None, last_pair[0], last_pair[1]
    return nilai, None, None, None


def _build_rows(filter_q, tahun, triwulan, pengaturan, status=None):
    """The indicator rows for `filter_q` (a Q on Indikator): three queries."""
    levels = _levels(filter_q)
    reports = _realisasi(filter_q, tahun, triwulan, status)
    rows = []
    for row in _indikator_queryset(filter_q, tahun, triwulan):
        tingkat = next(f for f in LEVEL_FIELDS if row[f"{f}_id"])
        own = reports.get(row["pk"], [])
        nilai, level, pembilang, penyebut = _nilai_sd(row, own, levels)
        rumus = row["rumus_negatif"] or pengaturan.rumus_negatif
        kategori = row["tipe"] == Indikator.Tipe.KATEGORI
        common = {
            "polaritas": row["polaritas"],
            "rumus_negatif": rumus,
            "rentang_bawah": row["rentang_bawah"],
            "rentang_atas": row["rentang_atas"],
            "kategori": kategori,
            "batas": pengaturan.batas_capaian,
            "realisasi": nilai,
            "realisasi_level": level,
        }
        t_level = _level(levels, row["t_level_id"])
        tw_level = _level(levels, row["tw_level_id"])
        ta_level = _level(levels, row["ta_level_id"])
        hasil = capaian.capaian(target=row["t_nilai"], target_level=t_level, **common)
        rows.append(
            IndikatorRow(
                id=row["pk"],
                periode_id=row["periode_id"],
                tingkat=tingkat,
                pemilik_id=row[f"{tingkat}_id"],
                kode=row["kode"],
                uraian=row["uraian"],
                satuan=row["satuan"],
                tipe=row["tipe"],
                polaritas=row["polaritas"],
                agregasi=row["agregasi"],
                rumus_negatif=rumus,
                is_iku=row["is_iku"],
                urutan=row["urutan"],
                formula=row["formula"],
                label_pembilang=row["label_pembilang"],
                label_penyebut=row["label_penyebut"],
                pengali=row["pengali"],
                target=row["t_nilai"],
                target_level=t_level,
                target_teks=row["t_teks"] or "",
                target_triwulan=row["tw_nilai"],
                target_triwulan_level=tw_level,
                target_triwulan_teks=row["tw_teks"] or "",
                target_akhir=row["ta_nilai"],
                target_akhir_level=ta_level,
                tahun_akhir=row["periode__tahun_akhir"],
                realisasi=nilai,
                realisasi_level=level,
                pembilang=pembilang,
                penyebut=penyebut,
                realisasi_triwulan={r["triwulan"]: r["nilai"] for r in own},
                level_triwulan={r["triwulan"]: _level(levels, r["level_id"]) for r in own},
                status_triwulan={r["triwulan"]: r["status"] for r in own},
                capaian=hasil,
                capaian_triwulan=capaian.capaian(
                    target=row["tw_nilai"], target_level=tw_level, **common
                ),
                kemajuan=capaian.tingkat_kemajuan(
                    target=row["ta_nilai"], target_level=ta_level, **common
                ),
                predikat=capaian.predikat(hasil, pengaturan.skala),
            )
        )
    return rows


def _opd(opd):
    if isinstance(opd, PerangkatDaerah):
        if "pemda" not in opd._state.fields_cache:
            opd = PerangkatDaerah.objects.select_related("pemda").get(pk=opd.pk)
        return opd
    lookup = {"slug": opd} if isinstance(opd, str) else {"pk": opd}
    return PerangkatDaerah.objects.select_related("pemda").get(**lookup)


def indikator_rows(opd, tahun, triwulan=4, *, periode=None, pengaturan=None, status=None):
    """Every indicator of the OPD's Renstra period covering `tahun` (all levels), with
    targets, realisation to `triwulan` and capaian. Empty when no period covers the year.
    `status` (iterable of StatusRealisasi) narrows which realisations count."""
    opd = _opd(opd)
    periode = periode or renstra_selectors.periode_aktif(opd, tahun)
    if periode is None:
        return []
    pengaturan = pengaturan or pengaturan_pemda(opd.pemda)
    return _build_rows(Q(periode_id=periode.pk), tahun, triwulan, pengaturan, status)


# --- sasaran and the OPD ------------------------------------------------------------------


@dataclass
class SasaranRow:
    """A sasaran: its indicators, the budget of the programs under it (pagu in force,
    realisation to date, penyerapan, share of the DPA), the mean capaian of its indicators
    (capped figures when the Pemda caps) and efficiency of that mean against penyerapan."""

    id: int
    kode: str
    uraian: str
    tujuan_id: int
    urutan: int
    indikator: list[IndikatorRow]
    anggaran: anggaran_selectors.AnggaranRow | None
    capaian_rata: Decimal | None
    efisiensi: capaian.Efisiensi

    @property
    def pangsa(self):
        return self.anggaran.pangsa if self.anggaran else capaian.kosong()

    @property
    def penyerapan(self):
        return self.anggaran.penyerapan if self.anggaran else capaian.kosong()


@dataclass
class CapaianOPD:
    """Everything a report of one OPD for a year up to a quarter needs."""

    opd: PerangkatDaerah
    periode: object
    tahun: int
    triwulan: int
    pengaturan: Pengaturan
    anggaran: anggaran_selectors.AnggaranRollup | None
    indikator: list[IndikatorRow] = field(default_factory=list)
    sasaran: list[SasaranRow] = field(default_factory=list)

    def indikator_tingkat(self, tingkat):
        return [row for row in self.indikator if row.tingkat == tingkat]

    def indikator_milik(self, tingkat, pemilik_id):
        return [r for r in self.indikator if r.tingkat == tingkat and r.pemilik_id == pemilik_id]


def _sasaran_rows(periode, indikator, rollup, pengaturan):
    anggaran_per_sasaran = rollup.per_id("sasaran")
    per_sasaran = defaultdict(list)
    for row in indikator:
        if row.tingkat == "sasaran":
            per_sasaran[row.pemilik_id].append(row)
    result = []
    for s in (
        Sasaran.objects.filter(periode_id=periode.pk)
        .order_by("urutan", "kode")
        .values("pk", "kode", "uraian", "tujuan_id", "urutan")
    ):
        rows = per_sasaran.get(s["pk"], [])
        anggaran = anggaran_per_sasaran.get(s["pk"])
        serapan = anggaran.penyerapan if anggaran else capaian.kosong()
        for row in rows:
            row.efisiensi = capaian.efisiensi(row.capaian, serapan, pengaturan.konvensi_efisiensi)
        rata = capaian.rata_rata([r.capaian for r in rows])
        result.append(
            SasaranRow(
                id=s["pk"],
                kode=s["kode"],
                uraian=s["uraian"],
                tujuan_id=s["tujuan_id"],
                urutan=s["urutan"],
                indikator=rows,
                anggaran=anggaran,
                capaian_rata=rata,
                efisiensi=capaian.efisiensi(rata, serapan, pengaturan.konvensi_efisiensi),
            )
        )
    return result


def capaian_opd(opd, tahun, triwulan=4, *, status=None) -> CapaianOPD:
    """The whole roll-up of one OPD (instance, pk or slug) for `tahun` up to `triwulan`:
    settings, budget per sub-kegiatan / kegiatan / program / sasaran, every indicator with
    capaian, and the sasaran rows. A fixed number of queries (about a dozen). When no Renstra
    period covers the year, `periode` is None and the lists are empty."""
    opd = _opd(opd)
    pengaturan = pengaturan_pemda(opd.pemda)
    periode = renstra_selectors.periode_aktif(opd, tahun)
    result = CapaianOPD(opd, periode, tahun, triwulan, pengaturan, None)
    if periode is None:
        return result
    result.anggaran = anggaran_selectors.anggaran_rows(periode, tahun, triwulan, status)
    result.indikator = _build_rows(Q(periode_id=periode.pk), tahun, triwulan, pengaturan, status)
    result.sasaran = _sasaran_rows(periode, result.indikator, result.anggaran, pengaturan)
    return result


def sasaran_rows(opd, tahun, triwulan=4, *, status=None):
    """Per sasaran: indicators with capaian, budget, share of the DPA, efficiency."""
    return capaian_opd(opd, tahun, triwulan, status=status).sasaran


def anggaran_rows(opd, tahun, triwulan=4, *, status=None):
    """The budget roll-up of an OPD's period covering `tahun` (see anggaran.selectors), or
    None when no period covers the year."""
    periode = renstra_selectors.periode_aktif(opd, tahun)
    if periode is None:
        return None
    return anggaran_selectors.anggaran_rows(periode, tahun, triwulan, status)


# --- Pemda --------------------------------------------------------------------------------


@dataclass
class OPDRow:
    """One OPD of a Pemda: budget totals and a summary of its indicators' capaian."""

    opd_id: int
    nama: str
    singkatan: str
    slug: str
    periode_id: int | None
    anggaran: anggaran_selectors.AnggaranOPD | None
    jumlah_indikator: int
    jumlah_dinilai: int
    capaian_rata: Decimal | None
    predikat: capaian.Tingkat | None
    efisiensi: capaian.Efisiensi | None


def pemda_rows(pemda, tahun, triwulan=4, *, tingkat="sasaran", status=None):
    """Per OPD of a Pemda: pagu in force, realisation to date, penyerapan, DPA and share,
    the number of indicators of `tingkat` (default the sasaran indicators) and of those with
    a figure, their mean capaian, its predicate and efficiency. A fixed number of queries."""
    if not isinstance(pemda, Pemda):
        lookup = {"slug": pemda} if isinstance(pemda, str) else {"pk": pemda}
        pemda = Pemda.objects.get(**lookup)
    pengaturan = pengaturan_pemda(pemda)
    periods = renstra_selectors.periode_aktif_pemda(pemda, tahun)
    periode_ids = [p.pk for p in periods.values()]
    anggaran = anggaran_selectors.anggaran_per_opd(pemda, tahun, triwulan, periode_ids, status)
    filter_q = Q(periode_id__in=periode_ids)
    if tingkat:
        filter_q &= Q(**{f"{tingkat}__isnull": False})
    per_periode = defaultdict(list)
    for row in _build_rows(filter_q, tahun, triwulan, pengaturan, status):
        per_periode[row.periode_id].append(row)
    result = []
    for opd in (
        PerangkatDaerah.objects.filter(pemda=pemda)
        .order_by("nama")
        .values("pk", "nama", "singkatan", "slug")
    ):
        periode = periods.get(opd["pk"])
        rows = per_periode.get(periode.pk, []) if periode else []
        rata = capaian.rata_rata([r.capaian for r in rows])
        budget = anggaran.get(opd["pk"])
        result.append(
            OPDRow(
                opd_id=opd["pk"],
                nama=opd["nama"],
                singkatan=opd["singkatan"],
                slug=opd["slug"],
                periode_id=periode.pk if periode else None,
                anggaran=budget,
                jumlah_indikator=len(rows),
                jumlah_dinilai=sum(1 for r in rows if r.capaian.ada),
                capaian_rata=rata,
                predikat=capaian.predikat(rata, pengaturan.skala),
                efisiensi=capaian.efisiensi(
                    rata, budget.penyerapan if budget else None, pengaturan.konvensi_efisiensi
                ),
            )
        )
    return result


__all__ = [
    "CapaianOPD",
    "IndikatorRow",
    "OPDRow",
    "Pengaturan",
    "SasaranRow",
    "anggaran_rows",
    "capaian_opd",
    "indikator_rows",
    "pemda_rows",
    "pengaturan_pemda",
    "sasaran_rows",
]
