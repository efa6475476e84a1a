"""Performance roll-ups: the rows every page, PDF, XLSX export and the `capaian` command
read (STYLE rules 3 and 4; DESIGN section 3).

    capaian_opd(opd, tahun, triwulan)     everything of one OPD: settings, budget per level,
                                          indicators, sasaran (the usual entry point)
    capaian_opd_triwulan(opd, tahun, tws) the same for several quarters in one pass
    indikator_rows(opd, tahun, triwulan)  per indicator: targets, realisation to date, capaian
    sasaran_rows(opd, tahun, triwulan)    per sasaran: its indicators, budget, share, efficiency
    anggaran_rows(...)                    see anggaran.selectors
    pemda_rows(pemda, tahun, triwulan)    the same per OPD for a whole Pemda (its per-indicator
                                          inputs aggregated in SQL: kinerja.agregat_pemda)
    pemda_rows_triwulan(pemda, tahun, tws) the same for several quarters in one pass
    pengaturan_pemda(pemda)               the Pemda's computation settings, read once

Each runs a fixed number of queries whatever the size of the plan: targets are correlated
subqueries on the indicator query, realisations one flat query, budget levels one annotated
query each. The values fetched go through sakip.capaian (pure rules); nothing rounds here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, fields
from decimal import Decimal

from django.db.models import Q
from django.db.models.sql.constants import MULTI

from anggaran import selectors as anggaran_selectors
from kinerja import agregat_pemda
from kinerja.baris import IndikatorRow, Nilai
from kinerja.models import Realisasi, TargetTriwulan
from renstra import selectors as renstra_selectors
from renstra.models import (
    LEVEL_FIELDS,
    Indikator,
    Pemda,
    PerangkatDaerah,
    Sasaran,
    TargetTahunan,
)
from sakip import alur, capaian

# --- settings -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Pengaturan:
    """A Pemda's computation settings (DESIGN section 3): the negative-polarity formula, the
    efficiency convention, the cap, and the predicate scale (renstra.selectors.skala_predikat,
    the one rule for which scale applies)."""

    rumus_negatif: str = capaian.SELISIH
    konvensi_efisiensi: str = capaian.RASIO
    batas_capaian: Decimal | None = None
    skala: tuple[capaian.Tingkat, ...] = capaian.SKALA_PERMENDAGRI_86
    nama_skala: str = renstra_selectors.SKALA_BAWAAN.nama
    tampilkan_capaian_tanpa_batas: bool = False
    batas_atas_efisien: Decimal | None = None
    label_efisiensi: capaian.LabelEfisiensi = capaian.LABEL_EFISIENSI
    realisasi_dihitung: str = alur.RealisasiDihitung.FINAL_TERVERIFIKASI

    def efisiensi(self, capaian_kinerja, penyerapan) -> capaian.Efisiensi:
        """Efficiency by this Pemda's convention, ceiling and labels (sakip.capaian)."""
        return capaian.efisiensi(
            capaian_kinerja,
            penyerapan,
            self.konvensi_efisiensi,
            batas_atas=self.batas_atas_efisien,
            label=self.label_efisiensi,
        )

    def status(self, *, final=False):
        """The statuses a surface counts (None: all), by the Pemda's rule (alur.status_dihitung)."""
        return alur.status_dihitung(self.realisasi_dihitung, final=final)


def pengaturan_pemda(pemda) -> Pengaturan:
    """Read the settings of a Pemda (instance or pk): one query for the scale, one more for a
    pk."""
    if not isinstance(pemda, Pemda):
        pemda = Pemda.objects.get(pk=pemda)
    skala = renstra_selectors.skala_predikat(pemda.pk)
    return Pengaturan(
        rumus_negatif=pemda.rumus_negatif or capaian.SELISIH,
        konvensi_efisiensi=pemda.konvensi_efisiensi or capaian.RASIO,
        batas_capaian=pemda.batas_capaian,
        skala=skala.tingkat,
        nama_skala=skala.nama,
        tampilkan_capaian_tanpa_batas=pemda.tampilkan_capaian_tanpa_batas,
        batas_atas_efisien=pemda.batas_atas_efisien,
        label_efisiensi=capaian.LabelEfisiensi(
            pemda.label_efisien, pemda.label_tidak_efisien, pemda.label_di_atas_batas
        ),
        realisasi_dihitung=pemda.realisasi_dihitung,
    )


# Fields of an indicator the rows need (one values_list() query; _baris unpacks them in
# this order), with its Pemda's settings:
# each indicator is computed with its own Pemda's rules even when a listing mixes Pemdas.
_FIELDS = (
    "pk", "periode_id", "periode__tahun_akhir", "periode__opd__pemda__rumus_negatif",
    "periode__opd__pemda__batas_capaian", "periode__opd__pemda__tampilkan_capaian_tanpa_batas",
    *(f"{f}_id" for f in LEVEL_FIELDS),
    "kode", "uraian", "satuan", "tipe", "polaritas", "agregasi", "rumus_negatif",
    "rentang_bawah", "rentang_atas", "is_iku", "urutan", "formula", "label_pembilang",
    "label_penyebut", "pengali",
)  # fmt: skip
_NILAI = ("nilai", "level_id", "level__nama", "level__skor", "level__urutan")
_REALISASI = (
    "indikator_id", "tahun", "triwulan", "pembilang", "penyebut", "status", "tidak_terukur",
    "alasan_tidak_terukur", *_NILAI,
)  # fmt: skip
_KATEGORI, _RASIO = Indikator.Tipe.KATEGORI.value, Indikator.Tipe.RASIO.value
# A target that was not set: (nilai, level, teks).
_TANPA_TARGET = (None, None, "")


class _Level(dict):
    """One capaian.Level per category level fetched (no query): the rows of a sheet share a
    handful of levels, so each is built once."""

    def dapat(self, level_id, nama, skor, urutan):
        if not level_id:
            return None
        level = self.get(level_id)
        if level is None:
            level = self[level_id] = capaian.Level(nama, skor, urutan)
        return level


@dataclass
class _Bahan:
    """Everything fetched for a set of indicators: four queries whatever their number."""

    indikator: list
    tahunan: dict  # (indikator, tahun) -> (nilai, level, teks)
    triwulanan: dict  # (indikator, tahun, triwulan) -> (nilai, level, teks)
    # (indikator, tahun) -> (triwulan, capaian.Laporan, status) in quarter order
    laporan: dict


def _tuples(queryset) -> list:
    """The rows of a values_list() queryset, as values_list() gives them, with each distinct
    value of a converted column (a decimal or a boolean on SQLite) read by Django's own
    converters once instead of once per row (a sheet repeats few distinct values)."""
    compiler = queryset.query.get_compiler(queryset.db)
    rows = [row for chunk in compiler.execute_sql(MULTI) for row in chunk]
    kolom = [s[0] for s in compiler.select[: compiler.col_count]] if rows else ()
    converters = compiler.get_converters(kolom)
    if not converters:
        return rows
    connection = compiler.connection
    columns = list(zip(*rows, strict=True))
    for i, (functions, expression) in converters.items():

        def convert(value, functions=functions, expression=expression):
            for function in functions:
                value = function(value, expression, connection)
            return value

        column = columns[i]
        try:
            memo = {value: convert(value) for value in set(column)}
        except TypeError:  # an unhashable value
            columns[i] = [convert(value) for value in column]
            continue
        if 0 in memo and any(type(value) is float for value in memo):
            # 0, 0.0 and -0.0 are one key but may read apart: each zero is read itself.
            columns[i] = [memo[value] if value != 0 else convert(value) for value in column]
        else:
            columns[i] = list(map(memo.__getitem__, column))
    return list(zip(*columns, strict=True))


def _ambil(filter_q, tahun_set, triwulan_set, status=None) -> _Bahan:
    """Fetch the indicators of `filter_q` (a Q on Indikator) with their yearly targets of
    `tahun_set` and of their period's last year, their quarterly targets of `triwulan_set`
    and their realisations up to the latest of those quarters. Everything comes as tuples
    (_tuples), each level and each quarter's capaian.Laporan built once here for every row
    and quarter that reads them."""
    tahun_set, triwulan_set = set(tahun_set), set(triwulan_set)
    level = _Level().dapat
    # order_by(): the models' default ordering would join indikator, periode, OPD and Pemda
    # into every query below.
    pilih = Indikator.objects.filter(filter_q).order_by().values("pk")
    indikator = _tuples(
        Indikator.objects.filter(filter_q)
        .values_list(*_FIELDS)
        .order_by("periode_id", "urutan", "pk")
    )
    # The yearly targets of the years asked and of each indicator's last year: the years are
    # known from the indicators, so the query joins nothing and the pairs are kept here.
    akhir = {ind[0]: ind[2] for ind in indikator}
    tahunan = {
        (pk, tahun): (nilai, level(*lv), teks)
        for pk, tahun, teks, nilai, *lv in _tuples(
            TargetTahunan.objects.filter(
                indikator__in=pilih, tahun__in=tahun_set | set(akhir.values())
            )
            .order_by()
            .values_list("indikator_id", "tahun", "teks", *_NILAI)
        )
        if tahun in tahun_set or akhir.get(pk) == tahun
    }
    triwulanan = {
        (pk, tahun, tw): (nilai, level(*lv), teks)
        for pk, tahun, tw, teks, nilai, *lv in _tuples(
            TargetTriwulan.objects.filter(
                indikator__in=pilih, tahun__in=tahun_set, triwulan__in=triwulan_set
            )
            .order_by()
            .values_list("indikator_id", "tahun", "triwulan", "teks", *_NILAI)
        )
    }
    realisasi = Realisasi.objects.filter(
        indikator__in=pilih, tahun__in=tahun_set, triwulan__lte=max(triwulan_set, default=0)
    )
    if status is not None:
        realisasi = realisasi.filter(status__in=list(status))
    laporan = defaultdict(list)
    # What was entered is built once per distinct entry (capaian.Laporan is immutable).
    entri, Laporan = {}, capaian.Laporan
    for pk, tahun, tw, pembilang, penyebut, st, tt, alasan, nilai, *lv in _tuples(
        realisasi.order_by("indikator_id", "tahun", "triwulan").values_list(*_REALISASI)
    ):
        kunci = (nilai, pembilang, penyebut, lv[0], tt, alasan)
        isi = entri.get(kunci)
        if isi is None:
            isi = entri[kunci] = Laporan(nilai, pembilang, penyebut, level(*lv), tt, alasan)
        laporan[(pk, tahun)].append((tw, isi, st))
    return _Bahan(indikator, tahunan, triwulanan, laporan)


# IndikatorRow's fields in order: _baris fills an instance's __dict__ with exactly these
# (checked on each call's first row), a third of the cost of its generated __init__.
_KOLOM_BARIS = tuple(f.name for f in fields(IndikatorRow))
_TANPA_TARGET_TRIWULAN = "belum dapat dinilai: target triwulan belum ditetapkan"


def _baris(bahan, kunci, skala) -> list[IndikatorRow]:
    """The rows of fetched indicators (no query), one for each (indicator, tahun, triwulan)
    of `kunci` in its order: targets, the value to date by the indicator's rule
    (capaian.nilai_sampai_dengan over its quarters up to `triwulan`), its capaian against the
    yearly target by the rule of the Pemda roll-up (agregat_pemda.capaian_sd), against the
    quarter's target and the end-of-Renstra target, and the predicate on `skala`."""
    laporan, tahunan, triwulanan = bahan.laporan.get, bahan.tahunan.get, bahan.triwulanan.get
    predikat = {}  # the predicate depends on the figure only: each one is graded once
    tanpa_target_tw = capaian.kosong(_TANPA_TARGET_TRIWULAN)
    rows = []
    for ind, tahun, triwulan in kunci:
        # _FIELDS in order
        (pk, periode_id, tahun_akhir, rumus_pemda, batas, tampilkan_tanpa_batas, *pemilik,
         kode, uraian, satuan, tipe, polaritas, agregasi, rumus, bawah, atas,
         is_iku, urutan, formula, label_pembilang, label_penyebut, pengali) = ind  # fmt: skip
        for f, pemilik_id in zip(LEVEL_FIELDS, pemilik, strict=True):
            if pemilik_id:  # the one level it belongs to
                tingkat = f
                break
        own = [r for r in laporan((pk, tahun), ()) if r[0] <= triwulan]
        kategori = tipe == _KATEGORI
        sd = capaian.nilai_sampai_dengan(
            [r[1] for r in own], agregasi, kategori=kategori, rasio=tipe == _RASIO, pengali=pengali
        )
        t_nilai, t_level, t_teks = tahunan((pk, tahun), _TANPA_TARGET)
        common, hasil, na = agregat_pemda.capaian_sd(
            sd, t_nilai, t_level, polaritas=polaritas, rumus=rumus, rumus_pemda=rumus_pemda,
            rentang_bawah=bawah, rentang_atas=atas, kategori=kategori, batas=batas,
        )  # fmt: skip
        ta_nilai, ta_level, _ = tahunan((pk, tahun_akhir), _TANPA_TARGET)
        tw_nilai, tw_level, tw_teks = triwulanan((pk, tahun, triwulan), _TANPA_TARGET)
        dinilai = na or hasil
        if dinilai.nilai not in predikat:
            predikat[dinilai.nilai] = capaian.predikat(dinilai, skala)
        row = object.__new__(IndikatorRow)
        row.__dict__ = {
            "id": pk, "periode_id": periode_id, "tingkat": tingkat, "pemilik_id": pemilik_id,
            "kode": kode, "uraian": uraian, "satuan": satuan, "tipe": tipe,
            "polaritas": polaritas, "agregasi": agregasi,
            "rumus_negatif": common["rumus_negatif"], "is_iku": is_iku, "urutan": urutan,
            "formula": formula, "label_pembilang": label_pembilang,
            "label_penyebut": label_penyebut, "pengali": pengali,
            "target": t_nilai, "target_level": t_level, "target_teks": t_teks or "",
            "target_triwulan": tw_nilai, "target_triwulan_level": tw_level,
            "target_triwulan_teks": tw_teks or "",
            "target_akhir": ta_nilai, "target_akhir_level": ta_level, "tahun_akhir": tahun_akhir,
            "realisasi": sd.nilai, "realisasi_level": sd.level,
            "pembilang": sd.pembilang, "penyebut": sd.penyebut,
            "realisasi_triwulan": {r[0]: r[1].nilai for r in own},
            "level_triwulan": {r[0]: r[1].level for r in own},
            "status_triwulan": {r[0]: r[2] for r in own},
            "capaian": dinilai,
            # Against the quarter's Rencana Aksi target only when there is one: rules that
            # ignore the target (a range) would otherwise repeat the yearly capaian here.
            "capaian_triwulan": na or (
                capaian.capaian(target=tw_nilai, target_level=tw_level, **common)
                if tw_nilai is not None or tw_level is not None
                else tanpa_target_tw
            ),
            # Progress towards the end-of-Renstra target is not a capaian: no cap applies.
            "kemajuan": na or capaian.tingkat_kemajuan(
                target=ta_nilai, target_level=ta_level, **{**common, "batas": None}
            ),
            "predikat": predikat[dinilai.nilai], "efisiensi": None,
            "tahun": tahun, "triwulan": triwulan,
            "tidak_terukur": sd.tidak_terukur, "alasan_tidak_terukur": sd.alasan,
            "triwulan_tidak_terukur": frozenset(r[0] for r in own if r[1].tidak_terukur),
            "capaian_tanpa_batas": hasil.nilai_asli if tampilkan_tanpa_batas else None,
            "anggaran": None,
        }  # fmt: skip
        rows.append(row)
    if rows and tuple(rows[0].__dict__) != _KOLOM_BARIS:
        raise TypeError("kinerja.selectors._baris does not fill IndikatorRow's fields")
    return rows


def _build_rows(filter_q, tahun, triwulan, pengaturan, status=None):
    """The indicator rows for `filter_q` (a Q on Indikator), in plan order: four queries."""
    bahan = _ambil(filter_q, {tahun}, {triwulan}, status)
    return _baris(bahan, [(ind, tahun, triwulan) for ind in bahan.indikator], pengaturan.skala)


def indikator_rows_q(filter_q, tahun, triwulan, *, skala, status=None):
    """{indikator id: IndikatorRow} for the indicators of `filter_q` (a Q on Indikator, e.g.
    one unit's sheet or a page of a listing) for `tahun` up to `triwulan`. `skala` is the
    predicate scale of the request (renstra.selectors.skala_predikat). Four queries."""
    bahan = _ambil(filter_q, {tahun}, {triwulan}, status)
    rows = _baris(bahan, [(ind, tahun, triwulan) for ind in bahan.indikator], skala)
    return {row.id: row for row in rows}


def indikator_rows_kunci(kunci, *, skala, status=None):
    """{(indikator id, tahun, triwulan): IndikatorRow} for any set of such keys (a page of
    quarterly realisations of several years): the same rows, four queries."""
    kunci = set(kunci)
    if not kunci:
        return {}
    bahan = _ambil(
        Q(pk__in={k[0] for k in kunci}), {k[1] for k in kunci}, {k[2] for k in kunci}, status
    )
    per_id = {ind[0]: ind for ind in bahan.indikator}
    kunci = [k for k in kunci if k[0] in per_id]
    rows = _baris(bahan, [(per_id[pk], tahun, tw) for pk, tahun, tw in kunci], skala)
    return dict(zip(kunci, rows, strict=True))


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
    def per_indikator(self) -> bool:
        """Some indicator names its own serving programs / kegiatan: tables 3.1.x.E/F/G
        print one budget line per indicator (the others keep the sasaran's)."""
        return any(r.anggaran is not None for r in self.indikator)

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
    # The OPD as a whole: mean capaian of its sasaran indicators, its predicate, and that
    # mean against the OPD's penyerapan (the same figures pemda_rows gives per OPD).
    capaian_rata: Decimal | None = None
    predikat: capaian.Tingkat | None = None
    efisiensi: capaian.Efisiensi | None = None
    # Only verified realisations counted (else also those not yet verified): pages say so.
    hanya_terverifikasi: bool = False

    def indikator_tingkat(self, tingkat):
        return [row for row in self.indikator if row.tingkat == tingkat]

    def indikator_milik(self, tingkat, pemilik_id):
        return [r for r in self.indikator if r.tingkat == tingkat and r.pemilik_id == pemilik_id]


def _sasaran_rows(sasaran_list, indikator, rollup, pengaturan, per_indikator):
    anggaran_per_sasaran = rollup.per_id("sasaran")
    per_sasaran = defaultdict(list)
    for row in indikator:
        if row.tingkat == "sasaran":
            per_sasaran[row.pemilik_id].append(row)
    result = []
    for s in sasaran_list:
        rows = per_sasaran.get(s["pk"], [])
        anggaran = anggaran_per_sasaran.get(s["pk"])
        serapan = anggaran.penyerapan if anggaran else capaian.kosong()
        for row in rows:
            row.anggaran = per_indikator.get(row.id)
            sendiri = row.anggaran.penyerapan if row.anggaran else serapan
            row.efisiensi = pengaturan.efisiensi(row.capaian, sendiri)
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
                efisiensi=pengaturan.efisiensi(rata, serapan),
            )
        )
    return result


def capaian_opd(opd, tahun, triwulan=4, *, status=None, final=False) -> CapaianOPD:
    """The whole roll-up of one OPD (instance, pk or slug) for `tahun` up to `triwulan`:
    settings, budget per sub-kegiatan / kegiatan / program / sasaran, every indicator with
    capaian, and the sasaran rows. A fixed number of queries (about a dozen). When no Renstra
    period covers the year, `periode` is None and the lists are empty. Which realisations
    count is the Pemda's rule for a `final` document or a draft / dashboard (alur.
    status_dihitung), unless `status` says."""
    return capaian_opd_triwulan(opd, tahun, (triwulan,), status=status, final=final)[triwulan]


def capaian_opd_triwulan(opd, tahun, triwulan_list, *, status=None, final=False):
    """{triwulan: CapaianOPD} for several quarters of one year in one pass (an LKjIP and
    its four Pengukuran annexes): the settings, the period, the indicators with their
    targets and realisations, the sasaran and the budget of every level (one query per level
    annotated for each quarter) are read once for all the quarters; each CapaianOPD is exactly what capaian_opd gives for
    its quarter (capaian_opd is this function for one quarter)."""
    triwulan_list = sorted(set(triwulan_list))
    opd = _opd(opd)
    pengaturan = pengaturan_pemda(opd.pemda)
    status = status if status is not None else pengaturan.status(final=final)
    periode = renstra_selectors.periode_aktif(opd, tahun)
    hasil = {}
    for tw in triwulan_list:
        hasil[tw] = CapaianOPD(opd, periode, tahun, tw, pengaturan, None)
        hasil[tw].hanya_terverifikasi = status is not None
    if periode is None:
        return hasil
    bahan = _ambil(Q(periode_id=periode.pk), {tahun}, triwulan_list, status)
    sasaran_list = list(
        Sasaran.objects.filter(periode_id=periode.pk)
        .order_by("urutan", "kode")
        .values("pk", "kode", "uraian", "tujuan_id", "urutan")
    )
    rollup = anggaran_selectors.anggaran_rows_triwulan(periode, tahun, triwulan_list, status)
    per_indikator = anggaran_selectors.anggaran_per_indikator_triwulan(
        periode.pk,
        tahun,
        {tw: r.dpa.jumlah if r.dpa else None for tw, r in rollup.items()},
        status,
    )
    for tw, result in hasil.items():
        result.anggaran = rollup[tw]
        result.indikator = _baris(
            bahan, [(i, tahun, tw) for i in bahan.indikator], pengaturan.skala
        )
        result.sasaran = _sasaran_rows(
            sasaran_list, result.indikator, result.anggaran, pengaturan, per_indikator[tw]
        )
        _efisiensi_per_tingkat(result.indikator, result.anggaran, pengaturan)
        sasaran_ind = result.indikator_tingkat("sasaran")
        result.capaian_rata = capaian.rata_rata(r.capaian for r in sasaran_ind)
        result.predikat = capaian.predikat(result.capaian_rata, pengaturan.skala)
        result.efisiensi = pengaturan.efisiensi(result.capaian_rata, result.anggaran.penyerapan)
    return hasil


def _efisiensi_per_tingkat(indikator, rollup, pengaturan):
    """Fill each program, kegiatan and sub-kegiatan budget row with the mean capaian of its
    own indicators and that mean against its penyerapan (DESIGN section 3, "rasio
    efisiensi")."""
    per_pemilik = defaultdict(list)
    for row in indikator:
        per_pemilik[(row.tingkat, row.pemilik_id)].append(row.capaian)
    for tingkat in ("program", "kegiatan", "sub_kegiatan"):
        for row in getattr(rollup, tingkat):
            row.capaian_rata = capaian.rata_rata(per_pemilik.get((tingkat, row.id), ()))
            row.efisiensi = pengaturan.efisiensi(row.capaian_rata, row.penyerapan)


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


def pemda_rows(pemda, tahun, triwulan=4, *, tingkat="sasaran", status=None, pengaturan=None):
    """Per OPD of a Pemda: pagu in force, realisation to date, penyerapan, DPA and share,
    the number of indicators of `tingkat` (default the sasaran indicators; None: all) and
    of those with a figure, their mean capaian, its predicate and efficiency. A fixed
    number of queries; pass `pengaturan` when the caller has read it already."""
    return pemda_rows_triwulan(
        pemda, tahun, (triwulan,), tingkat=tingkat, status=status, pengaturan=pengaturan
    )[triwulan]


def pemda_rows_triwulan(
    pemda, tahun, triwulan_list, *, tingkat="sasaran", status=None, pengaturan=None
):
    """{triwulan: [OPDRow]} for several quarters of one year in one pass (the Pemda
    dashboard's trend): the periods, the indicators, their targets and the aggregated
    realisations are read once for all the quarters (agregat_pemda.capaian_pemda, the rule
    of the per-OPD rows), the budget per OPD once per quarter; each list is exactly what
    pemda_rows gives for its quarter."""
    if not isinstance(pemda, Pemda):
        lookup = {"slug": pemda} if isinstance(pemda, str) else {"pk": pemda}
        pemda = Pemda.objects.get(**lookup)
    triwulan_list = sorted(set(triwulan_list))
    pengaturan = pengaturan or pengaturan_pemda(pemda)
    status = status if status is not None else pengaturan.status()
    periods = renstra_selectors.periode_aktif_pemda(pemda, tahun)
    periode_ids = [p.pk for p in periods.values()]
    per_tw = agregat_pemda.capaian_pemda(
        periode_ids,
        tahun,
        triwulan_list,
        rumus_pemda=pemda.rumus_negatif,
        batas=pemda.batas_capaian,
        status=status,
        tingkat=tingkat,
    )
    opds = list(
        PerangkatDaerah.objects.filter(pemda=pemda)
        .order_by("nama")
        .values_list("pk", "nama", "singkatan", "slug")
    )
    hasil = {}
    for tw in triwulan_list:
        anggaran = anggaran_selectors.anggaran_per_opd(pemda, tahun, tw, periode_ids, status)
        hasil[tw] = []
        for opd_id, nama, singkatan, slug in opds:
            periode = periods.get(opd_id)
            rows = per_tw[tw].get(periode.pk, []) if periode else []
            rata = capaian.rata_rata(rows)
            budget = anggaran.get(opd_id)
            hasil[tw].append(
                OPDRow(
                    opd_id=opd_id,
                    nama=nama,
                    singkatan=singkatan,
                    slug=slug,
                    periode_id=periode.pk if periode else None,
                    anggaran=budget,
                    jumlah_indikator=len(rows),
                    jumlah_dinilai=sum(1 for r in rows if r.ada),
                    capaian_rata=rata,
                    predikat=capaian.predikat(rata, pengaturan.skala),
                    efisiensi=pengaturan.efisiensi(rata, budget.penyerapan if budget else None),
                )
            )
    return hasil


__all__ = [
    "CapaianOPD",
    "IndikatorRow",
    "Nilai",
    "OPDRow",
    "Pengaturan",
    "SasaranRow",
    "anggaran_rows",
    "capaian_opd",
    "capaian_opd_triwulan",
    "indikator_rows",
    "pemda_rows",
    "pemda_rows_triwulan",
    "pengaturan_pemda",
    "sasaran_rows",
]
