"""Geometry of the Pemda ranking chart (server-rendered SVG, no script): one horizontal
bar per OPD stacked from its component scores (the Inspektorat's), on a 0–100 axis.
Takes the rows of selectors.peringkat; computes positions only, never a score (coordinates
as sakip.grafik writes them, the helper shared with the dashboards' charts)."""

from dataclasses import dataclass
from decimal import Decimal

from sakip.grafik import koordinat as _svg

LEBAR_LABEL = 220
LEBAR_BATANG = 500
TINGGI_BARIS = 26
WARNA = ("#1f4e79", "#2e75b6", "#9dc3e6", "#f4b183")  # one per component, in order


@dataclass(frozen=True)
class Ruas:
    x: str
    lebar: str
    warna: str
    judul: str


@dataclass(frozen=True)
class Batang:
    y: int
    label: str
    ruas: list
    total: Decimal | None
    x_total: str


def grafik(rows):
    skala = Decimal(LEBAR_BATANG) / 100
    batang = []
    for i, r in enumerate(rows):
        x = Decimal(LEBAR_LABEL)
        ruas = []
        for n, (komponen, nilai) in enumerate(r.komponen):
            if nilai.inspektorat is None:
                continue
            w = nilai.inspektorat * skala
            ruas.append(
                Ruas(_svg(x), _svg(w), WARNA[n % len(WARNA)], f"{komponen.kode}. {komponen.nama}")
            )
            x += w
        batang.append(
            Batang(
                i * TINGGI_BARIS + 10,
                r.evaluasi.opd.singkatan or r.evaluasi.opd.nama,
                ruas,
                r.total.inspektorat,
                x + 6,
            )
        )
    return {
        "batang": batang,
        "lebar": LEBAR_LABEL + LEBAR_BATANG + 60,
        "tinggi": len(rows) * TINGGI_BARIS + 40,
        "x_awal": LEBAR_LABEL,
        "x_akhir": LEBAR_LABEL + LEBAR_BATANG,
        "legenda": [
            (WARNA[n % len(WARNA)], f"{k.kode}. {k.nama}")
            for n, (k, _) in enumerate(rows[0].komponen)
        ]
        if rows
        else [],
    }
