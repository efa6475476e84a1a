"""The Pemda roll-up's per-indicator capaian for several quarters from inputs aggregated in
SQL (issue 15 item 7), by the rule the per-OPD rows use (capaian_sd, sakip.capaian).

    capaian_pemda(periode_ids, tahun, triwulan_list, ...)
        {triwulan: {periode_id: [Hasil of each indicator, in plan order]}}

Four queries whatever the number of OPDs and quarters: the indicators with their yearly
targets (only the fields the rule reads), and one GROUP BY each over the realisations of
the plain, the categorical and the ratio indicators giving per indicator and quarter the
sum, number and last of the measured values (× 10^4 as whole numbers: exact on both
databases), the last level, the sums or the last of numerators and denominators, and the
latest entered quarter's "tidak dapat diukur" with its reason; capaian.nilai_agregat,
capaian.tidak_dapat_diukur and capaian.nilai_sampai_dengan take those. A ratio whose
value to date is not a division of sums (a mean of quarterly ratios, or a typed value
beside pairs) is computed from its rows by capaian.nilai_sampai_dengan, as the per-OPD read
model does: a fifth query, run only when there is one. No model is instantiated.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    Field,
    FilteredRelation,
    Max,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Round

from kinerja.models import Realisasi
from renstra.models import Indikator
from sakip import capaian

# A measure keeps 4 decimals (renstra MEASURE; sakip.batas.UKURAN bounds it to 15 digits):
# sums are taken over value × 10^4 as whole numbers, exact on both databases (SQLite holds a
# measure as a double, and a sum of doubles is not exact).
_DESIMAL = 4
_KATEGORI = Indikator.Tipe.KATEGORI
_RASIO = Indikator.Tipe.RASIO
_ANGKA = "nilai"  # every other kind: one value per quarter


def aturan_capaian(*, polaritas, rumus, rumus_pemda, rentang_bawah, rentang_atas, kategori, batas):
    """The arguments of capaian.capaian that are the indicator's own (all but the target
    and the realisation): its own formula for negative polarity overrides its Pemda's."""
    return {
        "polaritas": polaritas,
        "rumus_negatif": rumus or rumus_pemda or capaian.SELISIH,
        "rentang_bawah": rentang_bawah,
        "rentang_atas": rentang_atas,
        "kategori": kategori,
        "batas": batas,
    }


def capaian_sd(sd, target, target_level, **indikator):
    """The one rule of an indicator's capaian to date against its yearly target, from its
    value to date `sd` (capaian.NilaiSd): (the arguments of capaian.capaian but the target,
    the capaian, the "tidak dapat diukur" capaian or None). `indikator`: aturan_capaian's."""
    common = {
        **aturan_capaian(**indikator),
        "realisasi": sd.nilai,
        "realisasi_level": sd.level,
    }
    hasil = capaian.capaian(target=target, target_level=target_level, **common)
    na = capaian.capaian_tidak_terukur(sd.alasan) if sd.tidak_terukur else None
    return common, hasil, na


# A measure × 10^4 lies in (-10^15, 10^15) (sakip.batas.UKURAN): shifted by 10^15 it is
# positive and below 10^16, so quarter × 10^16 + it orders by quarter first.
_GESER, _ALAS = 10**16, 10**15


def _terakhir(nilai, triwulan, *syarat, **kondisi):
    """The whole number `nilai` (a measure × 10^4, _skala) of the latest quarter up to
    `triwulan` where it is set and the condition holds, as one MAX over quarter × 10^16 +
    value + 10^15 (64-bit integers on both databases); _dari_terakhir takes it back (each
    quarter has at most one row: realisasi_unik)."""
    kunci = ExpressionWrapper(
        F("triwulan") * _GESER + nilai + _ALAS, output_field=BigIntegerField()
    )
    return Max(kunci, filter=Q(*syarat, triwulan__lte=triwulan, **kondisi))


def _dari_terakhir(kunci):
    return None if kunci is None else kunci % _GESER - _ALAS


def _skala(field):
    """A measure (4 decimals, at most 15 digits: sakip.batas.UKURAN) × 10^4 as a whole
    number: exact on both databases, summed exactly, and read without a decimal
    conversion per value."""
    field = F(field) if isinstance(field, str) else field
    return Cast(Round(Value(10**_DESIMAL) * field), BigIntegerField())


# A quarter whose ratio divides (capaian.nilai_rasio): numerator and a non-zero denominator.
_PASANGAN = Q(pembilang__isnull=False, penyebut__isnull=False) & ~Q(penyebut=0)


def _ringkasan(realisasi, triwulan_list, jenis):
    """(width, {indikator id: (id, then per quarter: the latest entered quarter, the latest
    one recorded "tidak dapat diukur", then of a plain indicator ("nilai")
    the sum × 10^4, number and last of the values; of a categorical one the last level's
    score; of a ratio the sums × 10^4 of numerators and denominators, the number of quarters
    reported, the last numerator and denominator and the number of quarters with a value
    but no pair)}) of the measured quarters up to each quarter: one GROUP BY."""
    kolom = {}
    for tw in triwulan_list:
        diukur = Q(triwulan__lte=tw, tidak_terukur=False)
        kolom[f"m{tw}"] = Max("triwulan", filter=Q(triwulan__lte=tw))
        kolom[f"x{tw}"] = Max("triwulan", filter=Q(triwulan__lte=tw, tidak_terukur=True))
        if jenis == _RASIO:
            kolom[f"p{tw}"] = Sum(_skala("pembilang"), filter=diukur & _PASANGAN)
            kolom[f"q{tw}"] = Sum(_skala("penyebut"), filter=diukur & _PASANGAN)
            kolom[f"n{tw}"] = Count("pk", filter=diukur & (_PASANGAN | Q(nilai__isnull=False)))
            kolom[f"pl{tw}"] = _terakhir(_skala("pembilang"), tw, _PASANGAN, tidak_terukur=False)
            kolom[f"ql{tw}"] = _terakhir(_skala("penyebut"), tw, _PASANGAN, tidak_terukur=False)
            kolom[f"c{tw}"] = Count("pk", filter=diukur & ~_PASANGAN & Q(nilai__isnull=False))
        elif jenis == _KATEGORI:
            kolom[f"l{tw}"] = _terakhir(_skala("level__skor"), tw, tidak_terukur=False)
        else:
            kolom[f"j{tw}"] = Sum(_skala("nilai"), filter=diukur & Q(nilai__isnull=False))
            kolom[f"n{tw}"] = Count("nilai", filter=diukur)
            kolom[f"t{tw}"] = _terakhir(_skala("nilai"), tw, tidak_terukur=False)
    # Every column is a whole number or NULL as both databases return it: no conversion.
    kolom = {nama: _utuh(ekspresi) for nama, ekspresi in kolom.items()}
    rows = (
        realisasi.values("indikator_id")
        .annotate(**kolom)
        .order_by()
        .values_list("indikator_id", *kolom)
    )
    # The columns of the i-th quarter are row[1 + i * width : 1 + (i + 1) * width].
    return len(kolom) // len(triwulan_list), {row[0]: row for row in rows}


def _utuh(ekspresi):
    """`ekspresi` (a whole number: a count, a quarter, a measure × 10^4) read as the
    database driver gives it, an int (or a Decimal integer for a PostgreSQL sum), without
    Django's per-value conversion."""
    return ExpressionWrapper(ekspresi, output_field=Field())


def _dipakai(field, **syarat):
    return Case(When(Q(**syarat), then=F(field)), default=None)


def _desimal(skala):
    """A measure read × 10^4 as a whole number (_skala), as the Decimal its column holds."""
    return None if skala is None else Decimal(skala).scaleb(-_DESIMAL)


class _Desimal(dict):
    """_desimal memoised for one roll-up (targets, levels and bounds repeat across OPDs):
    the same Decimal, converted once per distinct whole number."""

    def __missing__(self, skala):
        self[skala] = hasil = _desimal(skala)
        return hasil


def _level(skor):
    """A category level by its score, all capaian.capaian_kategori compares (skor)."""
    return capaian.Level("", skor) if skor is not None else None


def _realisasi_sd(ringkasan, tipe, agregasi, pengali, desimal):
    """(realisasi, realisasi level) of a measured indicator
    from its aggregated quarters: what capaian.nilai_sampai_dengan gives (capaian.NilaiSd's
    nilai and level) without building its reports. A ratio here has a numerator and
    denominator in every reported quarter (capaian_pemda reads the others row by row) and
    sums ("kumulatif") or takes the last ("terakhir"): its value to date is the ratio of the
    summed or last pair (nilai_sampai_dengan of that one pair). `ringkasan` starts with the
    latest entered quarter and the latest one recorded "tidak dapat diukur"; when they are
    the same the indicator cannot be measured, which the caller handles."""
    if tipe == _RASIO:
        _, _, p, q, banyak, pl, ql, _ = ringkasan
        if not banyak:
            return None, None
        if agregasi != capaian.KUMULATIF:
            p, q = _dari_terakhir(pl), _dari_terakhir(ql)
        return capaian.nilai_rasio(desimal[p], desimal[q], pengali), None
    if tipe == _KATEGORI:
        skor = _dari_terakhir(ringkasan[2])
        return None, _level(desimal[skor])
    _, _, jumlah, banyak, terakhir = ringkasan
    if agregasi == capaian.TERAKHIR:
        jumlah, terakhir = None, desimal[_dari_terakhir(terakhir)]
    else:
        jumlah, terakhir = desimal[jumlah], None
    return capaian.nilai_agregat(agregasi, jumlah, banyak, terakhir), None


def capaian_pemda(
    periode_ids, tahun, triwulan_list, *, rumus_pemda, batas, status=None, tingkat=None
):
    """{triwulan: {periode_id: [Hasil]}}: the capaian (the "tidak dapat diukur" one when so)
    of every indicator of the periods `periode_ids` (of `tingkat` only, e.g. "sasaran") for
    `tahun` up to each quarter, in plan order, counting realisations of `status` (None:
    all). Four or five queries (module docstring)."""
    triwulan_list = sorted(set(triwulan_list))
    pilih = {"periode_id__in": list(periode_ids)}
    if tingkat:
        pilih[f"{tingkat}__isnull"] = False
    indikator = list(
        Indikator.objects.filter(**pilih)
        # The yearly target, joined (one per indicator and year: target_tahunan_unik).
        .annotate(
            t=FilteredRelation("target_tahunan_set", condition=Q(target_tahunan_set__tahun=tahun))
        )
        .order_by("periode_id", "urutan", "pk")
        .values_list(
            "pk",
            "periode_id",
            "tipe",
            "polaritas",
            "agregasi",
            "rumus_negatif",
            # Read only where the rule uses them (fewer decimals to convert).
            _utuh(_skala(_dipakai("rentang_bawah", polaritas=capaian.RENTANG))),
            _utuh(_skala(_dipakai("rentang_atas", polaritas=capaian.RENTANG))),
            _utuh(_skala(_dipakai("pengali", tipe=_RASIO))),
            _utuh(_skala("t__nilai")),
            _utuh(_skala("t__level__skor")),
        )
    )
    lewat = {f"indikator__{k}": v for k, v in pilih.items()}
    realisasi = Realisasi.objects.filter(
        tahun=tahun, triwulan__lte=max(triwulan_list, default=0), **lewat
    )
    if status is not None:
        realisasi = realisasi.filter(status__in=list(status))
    ringkasan = {
        _ANGKA: _ringkasan(
            realisasi.exclude(indikator__tipe__in=[_RASIO, _KATEGORI]), triwulan_list, _ANGKA
        ),
        **{
            jenis: _ringkasan(realisasi.filter(indikator__tipe=jenis), triwulan_list, jenis)
            for jenis in (_KATEGORI, _RASIO)
        },
    }
    # The reasons of the latest quarters recorded "tidak dapat diukur": read only when some
    # indicator has one.
    tidak_terukur = set()
    for w, per_id in ringkasan.values():
        for baris in per_id.values():
            for i in range(0, w * len(triwulan_list), w):
                if baris[1 + i] is not None and baris[1 + i] == baris[2 + i]:
                    tidak_terukur.add(baris[0])
                    break
    alasan_tt = {}
    if tidak_terukur:
        alasan_tt = {
            (pk, tw): alasan
            for pk, tw, alasan in realisasi.filter(
                indikator_id__in=tidak_terukur, tidak_terukur=True
            ).values_list("indikator_id", "triwulan", "alasan_tidak_terukur")
        }
    # Ratios whose value to date cannot come from sums, read row by row: a mean of quarterly
    # ratios, or a reported quarter with a value but no pair (nilai_sampai_dengan). Their
    # query runs only when there are such ratios.
    _, per_id = ringkasan[_RASIO]
    campur = {baris[0] for baris in per_id.values() if baris[-1]}  # up to the last quarter
    baca = [
        i[0]
        for i in indikator
        if i[2] == _RASIO and (i[0] in campur or i[4] not in (capaian.KUMULATIF, capaian.TERAKHIR))
    ]
    rasio = defaultdict(list)
    for pk, tw, *laporan in (
        realisasi.filter(indikator_id__in=baca)
        .order_by("indikator_id", "triwulan")
        .values_list(
            "indikator_id",
            "triwulan",
            "nilai",
            "pembilang",
            "penyebut",
            "tidak_terukur",
            "alasan_tidak_terukur",
        )
    ):
        nilai, pembilang, penyebut, tidak_terukur, alasan = laporan
        rasio[pk].append(
            (tw, capaian.Laporan(nilai, pembilang, penyebut, None, tidak_terukur, alasan))
        )
    hasil = {tw: defaultdict(list) for tw in triwulan_list}
    desimal = _Desimal()
    aturan = capaian.capaian
    for pk, periode_id, tipe, polaritas, agregasi, rumus, *skala, pengali, t, t_skor in indikator:
        pengali = desimal[pengali]  # 2 decimals, read × 10^4 like the measures
        bawah, atas = (desimal[x] for x in skala) if polaritas == capaian.RENTANG else (None, None)
        indikator_ini = aturan_capaian(
            polaritas=polaritas,
            rumus=rumus,
            rumus_pemda=rumus_pemda,
            rentang_bawah=bawah,
            rentang_atas=atas,
            kategori=tipe == _KATEGORI,
            batas=batas,
        )
        indikator_ini["target"] = desimal[t]
        indikator_ini["target_level"] = _level(desimal[t_skor])
        lebar, per_id = ringkasan[tipe if tipe in ringkasan else _ANGKA]
        baris = per_id.get(pk)
        laporan = rasio.get(pk)
        for i, tw in enumerate(triwulan_list):
            alasan = None
            if laporan is not None:
                sd = capaian.nilai_sampai_dengan(
                    [r for q, r in laporan if q <= tw], agregasi, rasio=True, pengali=pengali
                )
                nilai, level = sd.nilai, sd.level
                alasan = sd.alasan if sd.tidak_terukur else None
            elif baris is None:
                nilai = level = None
            else:
                kolom = baris[1 + i * lebar : 1 + (i + 1) * lebar]
                if kolom[0] is not None and kolom[0] == kolom[1]:
                    # The latest entered quarter is recorded "tidak dapat diukur".
                    alasan = capaian.tidak_dapat_diukur(
                        [
                            capaian.Laporan(
                                tidak_terukur=True, alasan=alasan_tt.get((pk, kolom[1]), "")
                            )
                        ]
                    )
                if alasan is None:
                    nilai, level = _realisasi_sd(kolom, tipe, agregasi, pengali, desimal)
            if alasan is not None:
                hasil[tw][periode_id].append(capaian.capaian_tidak_terukur(alasan))
            else:
                hasil[tw][periode_id].append(
                    aturan(realisasi=nilai, realisasi_level=level, **indikator_ini)
                )
    return hasil
