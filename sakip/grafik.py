"""Geometry of server-rendered SVG charts (no script: CSP forbids inline script and no
chart library is needed). Functions here take figures already computed by the read model
and return positions only; templates/includes/_grafik_batang.html and _grafik_kolom.html
draw them, with a <title>, a <desc> and every value written as text beside its bar.

    batang(items)          horizontal bars on a 0..100 (or more) axis, one per item
    kolom(kelompok, seri)  grouped columns: one group per quarter, one column per series
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

WARNA_BATANG = "#2e75b6"
WARNA_KOSONG = "#adb5bd"
BATAS_SUMBU = Decimal(200)  # bars longer than this are drawn to the edge (and say so)


def koordinat(n):
    """An SVG coordinate: a dot decimal, whatever the page's locale."""
    return f"{float(n):.1f}"


def _maks_sumbu(nilai):
    """The axis end: 100, or the largest figure rounded up to 50, at most BATAS_SUMBU."""
    ada = [v for v in nilai if v is not None]
    tertinggi = max(ada, default=Decimal(0))
    if tertinggi <= 100:
        return Decimal(100)
    return min(BATAS_SUMBU, Decimal(math.ceil(tertinggi / 50) * 50))


def _garis(maks, langkah=50):
    return [Decimal(t) for t in range(0, int(maks) + 1, langkah)]


@dataclass(frozen=True)
class Batang:
    y: str
    y_teks: str
    label: str  # as drawn (shortened)
    judul: str  # the full label
    nilai: Decimal | None  # the figure, formatted by the template
    lebar: str
    warna: str
    x_nilai: str
    url: str = ""
    catatan: str = ""  # e.g. "1 dari 5 indikator"
    terpotong: bool = False  # longer than the axis


@dataclass(frozen=True)
class Garis:
    x: str
    nilai: Decimal


@dataclass(frozen=True)
class GrafikBatang:
    batang: list
    garis: list
    lebar: int
    tinggi: int
    x_awal: int
    x_akhir: int
    y_sumbu: int


def _pendek(teks, n):
    teks = " ".join(str(teks).split())
    return teks if len(teks) <= n else teks[: n - 1].rstrip() + "…"


def batang(items, *, lebar_label=250, lebar_batang=380, tinggi_baris=26, panjang_label=34):
    """Horizontal bars. `items`: [(label, figure or None, colour or "", url, note)]. A
    missing figure gets no bar (the template writes "–" and the note)."""
    items = list(items)
    maks = _maks_sumbu([v for _, v, *_ in items])
    skala = Decimal(lebar_batang) / maks
    rows = []
    for i, (label, nilai, warna, url, catatan) in enumerate(items):
        y = i * tinggi_baris + 8
        panjang = min(max(nilai, Decimal(0)), maks) if nilai is not None else Decimal(0)
        w = panjang * skala
        rows.append(
            Batang(
                y=koordinat(y),
                y_teks=koordinat(y + 13),
                label=_pendek(label, panjang_label),
                judul=str(label),
                nilai=nilai,
                lebar=koordinat(w),
                warna=(warna or WARNA_BATANG) if nilai is not None else WARNA_KOSONG,
                x_nilai=koordinat(lebar_label + w + 6),
                url=url,
                catatan=catatan,
                terpotong=nilai is not None and nilai > maks,
            )
        )
    y_sumbu = len(items) * tinggi_baris + 8
    return GrafikBatang(
        batang=rows,
        garis=[Garis(koordinat(lebar_label + t * skala), t) for t in _garis(maks)],
        lebar=lebar_label + lebar_batang + 150,
        tinggi=y_sumbu + 20,
        x_awal=lebar_label,
        x_akhir=lebar_label + lebar_batang,
        y_sumbu=y_sumbu,
    )


@dataclass(frozen=True)
class Kolom:
    x: str
    y: str
    lebar: str
    tinggi: str
    warna: str
    nilai: Decimal | None
    seri: str
    x_teks: str
    y_teks: str
    terpotong: bool = False


@dataclass(frozen=True)
class Kelompok:
    label: str
    x_label: str
    kolom: list


@dataclass(frozen=True)
class GrafikKolom:
    kelompok: list
    garis: list  # [(y, figure)]
    legenda: list  # [(name, colour)]
    lebar: int
    tinggi: int
    x_awal: int
    x_akhir: int
    y_dasar: int


def kolom(kelompok, seri, *, n_slot=0, tinggi_plot=160, lebar_kelompok=130, x_awal=44):
    """Grouped columns. `kelompok`: the group labels ("TW I", …); `seri`: [(name, colour,
    [figure or None per group])]. A missing figure gets no column (the template writes
    "–"). `n_slot` keeps room for that many groups (the four quarters of a year, whichever
    are drawn yet), so the chart keeps its proportions."""
    kelompok = list(kelompok)
    slot = max(len(kelompok), n_slot, 1)
    semua = [v for _, _, nilai in seri for v in nilai]
    maks = _maks_sumbu(semua)
    skala = Decimal(tinggi_plot) / maks
    y_dasar = 16 + tinggi_plot
    n = max(len(seri), 1)
    lebar_kolom = Decimal(lebar_kelompok - 30) / n
    groups = []
    for g, label in enumerate(kelompok):
        x0 = x_awal + g * lebar_kelompok + 15
        cols = []
        for s, (nama, warna, nilai) in enumerate(seri):
            v = nilai[g] if g < len(nilai) else None
            tinggi = (min(max(v, Decimal(0)), maks) * skala) if v is not None else Decimal(0)
            x = x0 + s * lebar_kolom
            cols.append(
                Kolom(
                    x=koordinat(x),
                    y=koordinat(y_dasar - tinggi),
                    lebar=koordinat(lebar_kolom - 4),
                    tinggi=koordinat(tinggi),
                    warna=warna,
                    nilai=v,
                    seri=nama,
                    x_teks=koordinat(x + (lebar_kolom - 4) / 2),
                    y_teks=koordinat(y_dasar - tinggi - 4),
                    terpotong=v is not None and v > maks,
                )
            )
        groups.append(Kelompok(label, koordinat(x0 + (lebar_kelompok - 30) / 2), cols))
    return GrafikKolom(
        kelompok=groups,
        garis=[(koordinat(y_dasar - t * skala), t) for t in _garis(maks)],
        legenda=[(nama, warna) for nama, warna, _ in seri],
        lebar=x_awal + slot * lebar_kelompok + 10,
        tinggi=y_dasar + 24,
        x_awal=x_awal,
        x_akhir=x_awal + slot * lebar_kelompok,
        y_dasar=y_dasar,
    )
