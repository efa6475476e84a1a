"""The Pemda roll-up's per-indicator capaian for several quarters from inputs aggregated in
SQL (issue 15 item 7), by the rule the per-OPD rows use (capaian_sd, sakip.capaian).

    capaian_pemda(periode_ids, tahun, triwulan_list, ...)
        {triwulan: {periode_id: [Hasil of each indicator, in plan order]}}

Four queries whatever the number of OPDs and quarters: the indicators (only the fields the
rule reads), their yearly targets, one GROUP BY over the realisations of the plain and
categorical indicators giving per indicator and quarter the sum, number and last of the
measured values, the last level and the latest entered quarter's "tidak dapat diukur"
(capaian.nilai_agregat and capaian.tidak_dapat_diukur take those), and the rows of the
ratio indicators (whose value to date divides per quarter: capaian.nilai_sampai_dengan on
the rows, as the per-OPD read model does). No model is instantiated.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import BigIntegerField, Count, F, IntegerField, Max, Q, Sum, Value
from django.db.models.functions import Cast, Coalesce, Round

from kinerja.models import Realisasi
from renstra.models import Indikator, TargetTahunan
from sakip import capaian

# A measure keeps 4 decimals (renstra MEASURE; sakip.batas.UKURAN bounds it to 15 digits):
# sums are taken over value × 10^4 as whole numbers, exact on both databases (SQLite holds a
# measure as a double, and a sum of doubles is not exact).
_DESIMAL = 4
_KATEGORI = Indikator.Tipe.KATEGORI
_RASIO = Indikator.Tipe.RASIO


def capaian_sd(
    sd,
    target,
    target_level,
    *,
    polaritas,
    rumus,
    rumus_pemda,
    rentang_bawah,
    rentang_atas,
    kategori,
    batas,
):
    """The one rule of an indicator's capaian to date against its yearly target, from its
    value to date `sd` (capaian.NilaiSd): (the arguments of capaian.capaian but the target,
    the capaian, the "tidak dapat diukur" capaian or None). The indicator's own formula for
    negative polarity overrides its Pemda's."""
    common = {
        "polaritas": polaritas,
        "rumus_negatif": rumus or rumus_pemda or capaian.SELISIH,
        "rentang_bawah": rentang_bawah,
        "rentang_atas": rentang_atas,
        "kategori": kategori,
        "batas": batas,
        "realisasi": sd.nilai,
        "realisasi_level": sd.level,
    }
    hasil = capaian.capaian(target=target, target_level=target_level, **common)
    na = capaian.capaian_tidak_terukur(sd.alasan) if sd.tidak_terukur else None
    return common, hasil, na


def _terakhir(field, triwulan, **kondisi):
    """The value of `field` at the latest quarter up to `triwulan` that has one (each
    quarter has at most one row: realisasi_unik)."""
    per_tw = [Max(field, filter=Q(triwulan=q, **kondisi)) for q in range(triwulan, 0, -1)]
    return Coalesce(*per_tw) if len(per_tw) > 1 else per_tw[0]


def _ringkasan(realisasi, triwulan_list):
    """{indikator id: {triwulan: (sum × 10^4, number, last value, last level score, latest
    entered quarter not measurable, its reason)}} of the measured quarters up to each
    quarter: one GROUP BY."""
    skala = Cast(Round(Value(10**_DESIMAL) * F("nilai")), BigIntegerField())
    kolom = {}
    for tw in triwulan_list:
        diukur = Q(triwulan__lte=tw, tidak_terukur=False)
        kolom[f"j{tw}"] = Sum(skala, filter=diukur & Q(nilai__isnull=False))
        kolom[f"n{tw}"] = Count("nilai", filter=diukur)
        kolom[f"t{tw}"] = _terakhir("nilai", tw, tidak_terukur=False)
        kolom[f"l{tw}"] = _terakhir("level__skor", tw, tidak_terukur=False)
        kolom[f"x{tw}"] = _terakhir(Cast("tidak_terukur", IntegerField()), tw)
        kolom[f"a{tw}"] = _terakhir("alasan_tidak_terukur", tw)
    rows = (
        realisasi.values("indikator_id")
        .annotate(**kolom)
        .order_by()
        .values_list("indikator_id", *kolom)
    )
    lebar = len(kolom) // len(triwulan_list)
    return {
        pk: {tw: nilai[i * lebar : (i + 1) * lebar] for i, tw in enumerate(triwulan_list)}
        for pk, *nilai in rows
    }


def _nilai_sd(ringkasan, agregasi, kategori):
    """capaian.NilaiSd of a plain or categorical indicator from its aggregated quarters."""
    if ringkasan is None:
        return capaian.NilaiSd()
    jumlah, banyak, terakhir, skor, tidak_terukur, alasan = ringkasan
    alasan = capaian.tidak_dapat_diukur(
        [capaian.Laporan(tidak_terukur=bool(tidak_terukur), alasan=alasan or "")]
    )
    if alasan is not None:
        return capaian.NilaiSd(tidak_terukur=True, alasan=alasan)
    if kategori:
        return capaian.NilaiSd(level=capaian.Level("", skor) if skor is not None else None)
    if jumlah is not None:
        jumlah = Decimal(jumlah).scaleb(-_DESIMAL)
    return capaian.NilaiSd(capaian.nilai_agregat(agregasi, jumlah, banyak, terakhir))


def capaian_pemda(
    periode_ids, tahun, triwulan_list, *, rumus_pemda, batas, status=None, tingkat=None
):
    """{triwulan: {periode_id: [Hasil]}}: the capaian (the "tidak dapat diukur" one when so)
    of every indicator of the periods `periode_ids` (of `tingkat` only, e.g. "sasaran") for
    `tahun` up to each quarter, in plan order, counting realisations of `status` (None:
    all). Four queries."""
    triwulan_list = sorted(set(triwulan_list))
    pilih = {"periode_id__in": list(periode_ids)}
    if tingkat:
        pilih[f"{tingkat}__isnull"] = False
    indikator = list(
        Indikator.objects.filter(**pilih)
        .order_by("periode_id", "urutan", "pk")
        .values_list(
            "pk",
            "periode_id",
            "tipe",
            "polaritas",
            "agregasi",
            "rumus_negatif",
            "rentang_bawah",
            "rentang_atas",
            "pengali",
        )
    )
    lewat = {f"indikator__{k}": v for k, v in pilih.items()}
    target = {
        pk: (nilai, capaian.Level("", skor) if skor is not None else None)
        for pk, nilai, skor in TargetTahunan.objects.filter(tahun=tahun, **lewat)
        .order_by()
        .values_list("indikator_id", "nilai", "level__skor")
    }
    realisasi = Realisasi.objects.filter(
        tahun=tahun, triwulan__lte=max(triwulan_list, default=0), **lewat
    )
    if status is not None:
        realisasi = realisasi.filter(status__in=list(status))
    ringkasan = _ringkasan(realisasi.exclude(indikator__tipe=_RASIO), triwulan_list)
    rasio = defaultdict(list)
    for pk, tw, *laporan in (
        realisasi.filter(indikator__tipe=_RASIO)
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
    kosong = {}
    for pk, periode_id, tipe, polaritas, agregasi, rumus, bawah, atas, pengali in indikator:
        nilai_target, level_target = target.get(pk, (None, None))
        kategori = tipe == _KATEGORI
        aturan = {
            "polaritas": polaritas,
            "rumus": rumus,
            "rumus_pemda": rumus_pemda,
            "rentang_bawah": bawah,
            "rentang_atas": atas,
            "kategori": kategori,
            "batas": batas,
        }
        for tw in triwulan_list:
            if tipe == _RASIO:
                sd = capaian.nilai_sampai_dengan(
                    [r for q, r in rasio.get(pk, ()) if q <= tw],
                    agregasi,
                    rasio=True,
                    pengali=pengali,
                )
            else:
                sd = _nilai_sd(ringkasan.get(pk, kosong).get(tw), agregasi, kategori)
            _, nilai, na = capaian_sd(sd, nilai_target, level_target, **aturan)
            hasil[tw][periode_id].append(na or nilai)
    return hasil
