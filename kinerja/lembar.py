"""Reads for the quarter entry sheet and the verification sheet (issue 4): one unit's
indicators and sub-kegiatan for a year and quarter, with the model rows the forms edit
(this quarter's Realisasi, evidence, category levels) beside the read model's figures:
targets, earlier quarters, value to date, capaian and predicate from kinerja.selectors,
pagu in force, realisation to date and penyerapan from anggaran.selectors. The sheet
computes nothing itself, so it shows what the listings, dashboards and documents show.

A fixed number of queries whatever the number of rows: every related set is fetched once
for the whole sheet and joined in memory."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Count,
    F,
    FilteredRelation,
    Q,
    Subquery,
    Value,
)
from django.urls import reverse

from anggaran import selectors as anggaran_selectors
from anggaran.models import RealisasiAnggaran
from kinerja import lembar_kepala as kepala
from kinerja import selectors
from kinerja.models import BuktiRealisasi, Realisasi
from renstra import selectors as renstra_selectors
from renstra.lingkup import indikator_unit, indikator_unit_periode
from renstra.models import (
    Indikator,
    LevelKategori,
    Pengguna,
    PeriodeRenstra,
    SubKegiatan,
    TriwulanPelaporan,
)
from renstra.tables import unit_entri
from sakip import capaian as rules
from sakip.alur import StatusRealisasi
from sakip.instans import pembuat_instans


@dataclass
class BarisIndikator:
    """One indicator row of a sheet: the Indikator and this quarter's Realisasi (what the
    form edits) and `angka`, its row of the read model (every figure shown)."""

    indikator: Indikator
    levels: list
    angka: selectors.IndikatorRow
    realisasi: Realisasi | None  # this quarter's row
    bukti: list
    # what a save answered, shown on the re-rendered row (entry sheet only)
    form: object = None
    pesan: str = ""
    konflik: str = ""
    bukti_terbuka: bool = False

    @property
    def kunci(self):
        return f"ind-{self.indikator.pk}"

    @property
    def capaian(self) -> rules.Hasil:
        return self.angka.capaian

    @property
    def predikat(self) -> rules.Tingkat | None:
        return self.angka.predikat

    @property
    def target_tahunan(self) -> selectors.Nilai:
        return self.angka.nilai_target

    @property
    def target_triwulan(self) -> selectors.Nilai:
        return self.angka.nilai_target_triwulan

    @property
    def sebelumnya(self) -> selectors.Nilai:
        return self.angka.nilai_tw_lalu

    @property
    def nilai_sd(self) -> selectors.Nilai:
        return self.angka.nilai_realisasi

    @property
    def status(self):
        return self.realisasi.status if self.realisasi else ""

    @property
    def versi(self):
        return self.realisasi.versi if self.realisasi else 0

    @property
    def dapat_diubah(self):
        return self.status in ("", StatusRealisasi.DRAFT, StatusRealisasi.DIKEMBALIKAN)


@dataclass
class BarisAnggaran:
    """One sub-kegiatan budget row of a sheet: this quarter's RealisasiAnggaran (what the
    form edits) and `angka`, the read model's budget row."""

    sub_kegiatan: SubKegiatan
    angka: anggaran_selectors.AnggaranRow
    realisasi: RealisasiAnggaran | None  # this quarter's row
    form: object = None
    pesan: str = ""
    konflik: str = ""

    @property
    def kunci(self):
        return f"ang-{self.sub_kegiatan.pk}"

    @property
    def pagu(self) -> Decimal | None:
        return self.angka.pagu

    @property
    def sd_triwulan(self) -> Decimal:
        """Spent up to and including this quarter."""
        return self.angka.realisasi

    @property
    def penyerapan(self) -> rules.Hasil:
        return self.angka.penyerapan

    @property
    def status(self):
        return self.realisasi.status if self.realisasi else ""

    @property
    def versi(self):
        return self.realisasi.versi if self.realisasi else 0

    @property
    def dapat_diubah(self):
        return self.status in ("", StatusRealisasi.DRAFT, StatusRealisasi.DIKEMBALIKAN)


@dataclass
class Kelompok:
    """A heading of the sheet: a sasaran, program, kegiatan or sub-kegiatan with its rows."""

    level: str  # "Sasaran", "Program", "Kegiatan", "Sub Kegiatan"
    kode: str
    nama: str
    konteks: list  # parent labels, outermost first
    urut: tuple
    indikator: list = field(default_factory=list)
    anggaran: BarisAnggaran | None = None


# The indicator columns the sheet's rows read (entri_baris, verifikasi_baris, excel): ~900
# rows do not carry (and convert) every column. A column read that is not here costs a query
# per row: the pinned query counts of the sheets say so.
_KOLOM = (
    "periode skala tujuan sasaran program kegiatan sub_kegiatan node_pohon kode uraian satuan "
    "tipe polaritas pengali label_pembilang label_penyebut is_iku urutan"
)
KOLOM_INDIKATOR = tuple(_KOLOM.split())
_ATT_INDIKATOR = ("id", *(Indikator._meta.get_field(k).attname for k in KOLOM_INDIKATOR))
# This quarter's Realisasi columns the sheets read (its indicator, year and quarter are known),
# and of its last editor what the verification sheet shows (get_full_name, username).
_REALISASI = (
    "id status versi nilai pembilang penyebut level_id penjelasan tidak_terukur "
    "alasan_tidak_terukur catatan_verifikasi diubah_oleh_id diajukan_pada"
)
_ATT_REALISASI = tuple(_REALISASI.split())
_ATT_PENGISI = ("username", "first_name", "last_name")


def lembar_unit(*, unit, tahun, triwulan, indikator_ids=None, status=None, pengisi=True):
    """The sheet of one unit for a quarter: a list of Kelompok in plan order.

    `status` (a list) keeps only rows of this quarter with those statuses (the
    verification sheet); `indikator_ids` narrows to given indicators (one row re-render);
    `pengisi=False` leaves out who entered and verified each row (the entry sheet does not
    show them).

    The indicators, this quarter's Realisasi of each (one LEFT JOIN: one row per indicator
    and quarter, realisasi_unik) and the labels of their headings are one query of tuples."""
    opd = unit.opd
    periode = renstra_selectors.periode_aktif(opd.pk, tahun)
    if periode is None:
        return []
    skala = renstra_selectors.skala_predikat(opd.pemda_id)

    indikator_qs = indikator_unit(unit.pk).filter(periode=periode)
    if indikator_ids is not None:
        indikator_qs = indikator_qs.filter(pk__in=indikator_ids)
    ini = FilteredRelation(
        "realisasi_set", condition=Q(realisasi_set__tahun=tahun, realisasi_set__triwulan=triwulan)
    )
    kolom_r = [f"ini__{k}" for k in _ATT_REALISASI]
    if pengisi:
        kolom_r += [f"ini__diubah_oleh__{k}" for k in _ATT_PENGISI]
    # `status` is applied below, in Python: a status filter in SQL lets PostgreSQL's planner
    # start from every OPD's realisations in that status (tests/test_isolasi_opd.py).
    rows_qs = indikator_qs.annotate(ini=ini, **kepala.LABEL_INDUK)
    rows = rows_qs.values_list(*_ATT_INDIKATOR, *kepala.LABEL_INDUK, *kolom_r).order_by(
        "urutan", "pk"
    )
    angka = selectors.indikator_rows_q(
        Q(pk__in=indikator_qs.order_by().values("pk")), tahun, triwulan, skala=skala.tingkat
    )

    n_ind, n_lb = len(_ATT_INDIKATOR), len(_ATT_INDIKATOR) + len(kepala.LABEL_INDUK)
    n_r = n_lb + len(_ATT_REALISASI)
    nama_lb = [k.removeprefix("lb_") for k in kepala.LABEL_INDUK]
    buat_ind = pembuat_instans(Indikator, _ATT_INDIKATOR)
    buat_r = pembuat_instans(Realisasi, ("indikator_id", "tahun", "triwulan", *_ATT_REALISASI))
    buat_p = pembuat_instans(Pengguna, ("id", *_ATT_PENGISI))
    cache = Indikator.periode.field.set_cached_value
    cache_level = Realisasi.level.field.set_cached_value
    cache_pengisi = Realisasi.diubah_oleh.field.set_cached_value

    indikator_list = []
    for row in rows:
        ind = buat_ind(row[:n_ind])
        cache(ind, periode)  # every row's period is this one: no copy of it per row
        if status is not None and (
            row[n_lb] is None or row[n_lb + _ATT_REALISASI.index("status")] not in status
        ):
            continue
        r = None
        if row[n_lb] is not None:  # this quarter's Realisasi
            r = buat_r((ind.pk, tahun, triwulan, *row[n_lb:n_r]))
            if pengisi:
                p = buat_p((r.diubah_oleh_id, *row[n_r:])) if r.diubah_oleh_id else None
                cache_pengisi(r, p)
        indikator_list.append((ind, r, row))

    levels = {}
    skala_ids = {i.skala_id for i, _, _ in indikator_list if i.skala_id}
    if skala_ids:
        for lv in LevelKategori.objects.filter(skala_id__in=skala_ids).order_by("urutan"):
            levels.setdefault(lv.skala_id, []).append(lv)
    level_pk = {lv.pk: lv for lvs in levels.values() for lv in lvs}

    # The evidence of those rows in one query, joined here: a prefetch would build a
    # queryset per row for its cache (and another for each .all()), most of its cost.
    bukti = {}
    ini_ids = [r.pk for _, r, _ in indikator_list if r is not None]
    if ini_ids:
        for bk in BuktiRealisasi.objects.filter(realisasi_id__in=ini_ids).order_by("created_at"):
            bukti.setdefault(bk.realisasi_id, []).append(bk)

    groups = {}
    for ind, r, row in indikator_list:
        if r is not None and r.level_id is not None and r.level_id in level_pk:
            cache_level(r, level_pk[r.level_id])  # else read on access
        baris = BarisIndikator(
            indikator=ind,
            levels=levels.get(ind.skala_id, []),
            angka=angka[ind.pk],
            realisasi=r,
            bukti=bukti.get(r.pk, []) if r is not None else [],
        )
        kunci = kepala.kunci(ind)
        g = groups.get(kunci)
        if g is None:
            lb = dict(zip(nama_lb, row[n_ind:n_lb], strict=True), n_id=ind.node_pohon_id)
            g = groups[kunci] = Kelompok(kunci[0], *kepala.kepala(kunci[0], lb))
        g.indikator.append(baris)

    if indikator_ids is None:
        for baris in lembar_anggaran(
            unit=unit, periode=periode, tahun=tahun, triwulan=triwulan, status=status
        ):
            level, pk, *isi = kepala.kepala_sub(baris.sub_kegiatan)
            g = groups.get((level, pk))
            if g is None:
                g = groups[level, pk] = Kelompok(level, *isi)
            g.anggaran = baris

    return sorted(groups.values(), key=lambda g: g.urut)


# The SubKegiatan columns and this quarter's RealisasiAnggaran columns the sheets read.
_ATT_SUB = ("id", "kode", "nama", "urutan", "kegiatan_id", "unit_id", "periode_id")
_ATT_REALISASI_ANGGARAN = (
    "id",
    "jumlah",
    "penjelasan",
    "status",
    "catatan_verifikasi",
    "versi",
    "diubah_oleh_id",
)
_ANGGARAN = ("pagu", "realisasi", "realisasi_tw", "jenis_pagu")  # dengan_anggaran's


def lembar_anggaran(*, unit, periode, tahun, triwulan, status=None, sub_kegiatan_ids=None):
    """Budget rows of the unit's sub-kegiatan: the read model's pagu in force, realisation
    of the quarter and to date and penyerapan, and this quarter's RealisasiAnggaran (one
    LEFT JOIN: one row per sub-kegiatan and quarter), in one query of tuples."""
    qs = SubKegiatan.objects.filter(periode=periode, unit=unit)
    if sub_kegiatan_ids is not None:
        qs = qs.filter(pk__in=sub_kegiatan_ids)
    ini = FilteredRelation(
        "realisasi_anggaran_set",
        condition=Q(realisasi_anggaran_set__tahun=tahun, realisasi_anggaran_set__triwulan=triwulan),
    )
    qs = anggaran_selectors.dengan_anggaran(
        qs.annotate(ini=ini, **kepala.LABEL_INDUK_SUB),
        anggaran_selectors.JALUR["sub_kegiatan"],
        tahun,
        triwulan,
    )
    kolom_r = [f"ini__{k}" for k in _ATT_REALISASI_ANGGARAN]
    kolom_r += [f"ini__diubah_oleh__{k}" for k in _ATT_PENGISI]
    rows = qs.values_list(*_ATT_SUB, *_ANGGARAN, *kepala.LABEL_INDUK_SUB, *kolom_r).order_by("kode")

    n_sub = len(_ATT_SUB) + len(_ANGGARAN) + len(kepala.LABEL_INDUK_SUB)
    n_r = n_sub + len(_ATT_REALISASI_ANGGARAN)
    buat_sub = pembuat_instans(SubKegiatan, (*_ATT_SUB, *_ANGGARAN, *kepala.LABEL_INDUK_SUB))
    kolom = ("sub_kegiatan_id", "tahun", "triwulan", *_ATT_REALISASI_ANGGARAN)
    buat_r = pembuat_instans(RealisasiAnggaran, kolom)
    buat_p = pembuat_instans(Pengguna, ("id", *_ATT_PENGISI))
    cache_pengisi = RealisasiAnggaran.diubah_oleh.field.set_cached_value
    result = []
    for row in rows:
        if status is not None and (
            row[n_sub] is None or row[n_sub + _ATT_REALISASI_ANGGARAN.index("status")] not in status
        ):
            continue  # in Python, as lembar_unit's status
        s = buat_sub(row[:n_sub])
        r = None
        if row[n_sub] is not None:
            r = buat_r((s.pk, tahun, triwulan, *row[n_sub:n_r]))
            cache_pengisi(r, buat_p((r.diubah_oleh_id, *row[n_r:])) if r.diubah_oleh_id else None)
        angka = anggaran_selectors.baris_anggaran(
            "sub_kegiatan", s, induk_id=s.kegiatan_id, unit_id=s.unit_id
        )
        result.append(BarisAnggaran(sub_kegiatan=s, angka=angka, realisasi=r))
    return result


def baris_indikator(*, unit, indikator, tahun, triwulan, pengisi=True):
    """One row of the sheet (after a save)."""
    for g in lembar_unit(
        unit=unit,
        tahun=tahun,
        triwulan=triwulan,
        indikator_ids=[indikator.pk],
        pengisi=pengisi,
    ):
        for b in g.indikator:
            return b
    return None


def baris_anggaran(*, unit, sub_kegiatan, tahun, triwulan):
    rows = lembar_anggaran(
        unit=unit,
        periode=sub_kegiatan.periode,
        tahun=tahun,
        triwulan=triwulan,
        sub_kegiatan_ids=[sub_kegiatan.pk],
    )
    return rows[0] if rows else None


def triwulan_pelaporan(*, opd_id, tahun, triwulan):
    """The reporting quarter (or None when never opened) and whether it is open for entry."""
    tw = TriwulanPelaporan.objects.filter(opd_id=opd_id, tahun=tahun, triwulan=triwulan).first()
    return tw, tw is not None and tw.status == TriwulanPelaporan.Status.BUKA


@dataclass(frozen=True)
class HitungVerifikasi:
    """The verifier's counts of one unit's quarter: its rows (indicator and budget rows
    together) per status."""

    diajukan: int = 0
    diverifikasi: int = 0
    dikembalikan: int = 0
    draf: int = 0

    @property
    def terlihat(self):
        """The rows the verification sheet shows (everything submitted at least once)."""
        return self.diajukan + self.diverifikasi + self.dikembalikan


def hitung_verifikasi(*, unit, tahun, triwulan):
    """The counts on the verifier's page, in one aggregate query (two grouped selects in a
    UNION ALL, the period as a subquery): the rows lembar_unit would list for the unit, so
    an action on a row answers with the changed counts without rebuilding the sheet."""
    periode = Subquery(renstra_selectors.periode_aktif_qs(unit.opd_id, tahun).values("pk")[:1])
    indikator = (
        Realisasi.objects.filter(
            indikator__in=indikator_unit(unit.pk).filter(periode=periode).values("pk"),
            tahun=tahun,
            triwulan=triwulan,
        )
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
    )
    anggaran = (
        RealisasiAnggaran.objects.filter(
            sub_kegiatan__unit_id=unit.pk,
            sub_kegiatan__periode=periode,
            tahun=tahun,
            triwulan=triwulan,
        )
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
    )
    n = Counter()
    for row in indikator.union(anggaran, all=True):
        n[row["status"]] += row["n"]
    return HitungVerifikasi(
        diajukan=n[StatusRealisasi.DIAJUKAN],
        diverifikasi=n[StatusRealisasi.DIVERIFIKASI],
        dikembalikan=n[StatusRealisasi.DIKEMBALIKAN],
        draf=n[StatusRealisasi.DRAFT],
    )


def unit_menunggu(*, opd_id, tahun, triwulan, unit_ids):
    """{unit id: rows waiting for verification (diajukan)} among `unit_ids` for a quarter
    of an OPD, each row counted in the unit whose sheet holds it; one query."""
    periode = Subquery(renstra_selectors.periode_aktif_qs(opd_id, tahun).values("pk")[:1])
    indikator = (
        Realisasi.objects.filter(
            indikator__periode=periode,
            tahun=tahun,
            triwulan=triwulan,
            status=StatusRealisasi.DIAJUKAN,
        )
        .annotate(u=unit_entri("indikator__"))
        .order_by()
        .values("u")
        .annotate(n=Count("pk"))
    )
    anggaran = (
        RealisasiAnggaran.objects.filter(
            sub_kegiatan__periode=periode,
            tahun=tahun,
            triwulan=triwulan,
            status=StatusRealisasi.DIAJUKAN,
        )
        .annotate(u=F("sub_kegiatan__unit_id"))
        .order_by()
        .values("u")
        .annotate(n=Count("pk"))
    )
    n = Counter()
    for row in indikator.union(anggaran, all=True):
        if row["u"] in unit_ids:
            n[row["u"]] += row["n"]
    return dict(n)


_PK = 987654321  # a pk no row has, to split a reversed address around


def alamat_antara(url_name, *args):
    """(before, after) the last id in the address of `url_name` (after `args`), so that a
    sheet of 700 rows writes each row's address as before + pk + after instead of
    reversing it per row (issue 15 item 2)."""
    before, _, after = reverse(url_name, args=[*args, _PK]).partition(str(_PK))
    return before, after


def alamat_baris(nama):
    """{key: (before, after)} of URL names taking one pk (alamat_antara of each)."""
    return {kunci: alamat_antara(url_name) for kunci, url_name in nama.items()}


# --- the summary bar: one aggregate query (issue 15 item 2) ---------------------------------


def _periode_aktif_sq(opd_ref, tahun):
    """renstra.selectors.periode_aktif as a subquery (the latest version covering `tahun`)."""
    return Subquery(
        PeriodeRenstra.objects.filter(opd_id=opd_ref, tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
        .order_by("-versi", "-tahun_awal")
        .values("pk")[:1]
    )


STATUS_RINGKAS = (
    StatusRealisasi.DRAFT,
    StatusRealisasi.DIKEMBALIKAN,
    StatusRealisasi.DIAJUKAN,
    StatusRealisasi.DIVERIFIKASI,
)

_JENIS_IND, _JENIS_ANG = "i", "a"


def _baris_per_status(unit_id, periode, tahun, triwulan):
    """[indicator rows, sub-kegiatan rows] of a unit's sheet for a quarter, each grouped by
    the status of the row's realisation for that quarter (None: no realisation, an empty
    row), as querysets of {"u": unit_id, "jenis", "st", "n"} to UNION ALL. Each table is
    read once: the rows of the sheet, each joined to its one realisation of the quarter
    (realisasi_unik, realisasi_anggaran_unik) through its index; the unit's indicators start
    from the period's own rows, so only this OPD's rows are read (issue 15 item 4,
    tests/test_isolasi_opd.py). `periode` is an uncorrelated subquery."""
    ind = indikator_unit_periode(unit_id, periode).annotate(
        r=FilteredRelation(
            "realisasi_set",
            condition=Q(realisasi_set__tahun=tahun, realisasi_set__triwulan=triwulan),
        )
    )
    sub = SubKegiatan.objects.filter(periode_id=periode, unit_id=unit_id).annotate(
        r=FilteredRelation(
            "realisasi_anggaran_set",
            condition=Q(
                realisasi_anggaran_set__tahun=tahun, realisasi_anggaran_set__triwulan=triwulan
            ),
        )
    )
    return [
        qs.order_by()
        .values(u=Value(unit_id), jenis=Value(jenis), st=F("r__status"))
        .annotate(n=Count("pk"))
        for jenis, qs in ((_JENIS_IND, ind), (_JENIS_ANG, sub))
    ]


def _gabung(querysets):
    """The rows of the grouped querysets (_baris_per_status), in one UNION ALL query."""
    return querysets[0].union(*querysets[1:], all=True)


def ringkasan_unit(*, unit, tahun, triwulan):
    """The counts of a unit's sheet for a quarter, in ONE query (_baris_per_status, two
    grouped selects in a UNION ALL): its indicator rows and sub-kegiatan rows (those
    lembar_unit shows), how many have this quarter's realisation and how many rows (both
    kinds) are in each status. The sheet and every row save show these counts
    (tests/kinerja/test_views_entri_lembar.py holds them to the sheet's rows)."""
    periode = _periode_aktif_sq(unit.opd_id, tahun)
    n = Counter()
    for row in _gabung(_baris_per_status(unit.pk, periode, tahun, triwulan)):
        n[row["jenis"], row["st"] is not None] += row["n"]
        n[row["st"]] += row["n"]
    hasil = {
        "indikator": n[_JENIS_IND, True] + n[_JENIS_IND, False],
        "terisi": n[_JENIS_IND, True],
        "anggaran": n[_JENIS_ANG, True] + n[_JENIS_ANG, False],
        "anggaran_terisi": n[_JENIS_ANG, True],
    }
    for st in STATUS_RINGKAS:
        hasil[str(st)] = n[st]
    hasil["kosong"] = n[None]  # rows of either kind without this quarter's realisation
    hasil["siap_diajukan"] = hasil["draft"] + hasil["dikembalikan"]
    return hasil


# --- the unit a perencana / admin lands on (issue 13 item 3) -------------------------------


def triwulan_terkini(opd_ids):
    """{opd_id: TriwulanPelaporan}: per OPD the latest open quarter, else the latest one
    (the quarter the sheet opens on), in one query."""
    hasil = {}
    for t in TriwulanPelaporan.objects.filter(opd_id__in=opd_ids).order_by("-tahun", "-triwulan"):
        cur = hasil.get(t.opd_id)
        if cur is None or (
            cur.status != TriwulanPelaporan.Status.BUKA
            and t.status == TriwulanPelaporan.Status.BUKA
        ):
            hasil[t.opd_id] = t
    return hasil


def unit_paling_perlu(units):
    """Of `units` (of one OPD or several), the unit whose sheet of its OPD's current quarter
    has the most rows returned by the verifier, then the most empty rows; None when no unit
    has either. One query for the quarters and one per OPD and quarter."""
    if len(units) < 2:
        return None
    tw = triwulan_terkini({u.opd_id for u in units})
    per_tw = {}
    for u in units:
        t = tw.get(u.opd_id)
        if t is not None:
            per_tw.setdefault((u.opd_id, t.tahun, t.triwulan), []).append(u.pk)
    # per unit id the rows returned by the verifier and the empty rows: ringkasan_unit's
    # "dikembalikan" and "kosong", every unit of a quarter in one UNION ALL
    kembali, kosong = Counter(), Counter()
    for (opd_id, tahun, triwulan), ids in per_tw.items():
        periode = _periode_aktif_sq(opd_id, tahun)
        per_unit = [q for u in ids for q in _baris_per_status(u, periode, tahun, triwulan)]
        for row in _gabung(per_unit):
            if row["st"] == StatusRealisasi.DIKEMBALIKAN:
                kembali[row["u"]] += row["n"]
            elif row["st"] is None:
                kosong[row["u"]] += row["n"]

    def nilai(u):
        return kembali[u.pk], kosong[u.pk]

    terbaik = max(units, key=nilai)  # ties: the first in order
    return terbaik if nilai(terbaik) > (0, 0) else None


def baris_terpilih(*, unit, tahun, triwulan, indikator_ids, sub_kegiatan_ids):
    """([BarisIndikator], [BarisAnggaran]) of the given rows of a unit's sheet, in plan
    order, in the sheet's fixed number of queries (rows answered by "Simpan semua")."""
    indikator, anggaran = [], []
    if indikator_ids:
        for g in lembar_unit(
            unit=unit, tahun=tahun, triwulan=triwulan, indikator_ids=indikator_ids, pengisi=False
        ):
            indikator.extend(g.indikator)
    if sub_kegiatan_ids:
        periode = renstra_selectors.periode_aktif(unit.opd_id, tahun)
        if periode is not None:
            anggaran = lembar_anggaran(
                unit=unit,
                periode=periode,
                tahun=tahun,
                triwulan=triwulan,
                sub_kegiatan_ids=sub_kegiatan_ids,
            )
    return indikator, anggaran
