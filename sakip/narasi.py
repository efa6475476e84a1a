"""Figures typed in a narrative checked against the computed ones (issue 14, LKjIP).

The perencana types the LKjIP narrative; the tables are computed. A percentage written in
the text next to the words of a computed figure ("realisasi anggaran ... 91,29 %") that
differs from it (the table computes 86,58%) is flagged before the report is finalised,
so the printed text and tables do not contradict each other. Pure: strings and Decimals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# "91,29 %", "86,58%": a figure typed with decimals (Indonesian comma), which claims to be
# a computed result; round figures ("hampir 50%", "di atas 90 %") are estimates, not checked.
PERSEN = re.compile(r"(\d{1,3}(?:\.\d{3})*,\d{1,2})\s?%")
JANGKAUAN = 80  # characters before the figure, within its sentence, naming the figure
TOLERANSI = Decimal("0.005")  # the text rounds to two decimals


@dataclass(frozen=True)
class AngkaTerhitung:
    """A computed figure and the words that name it in a narrative."""

    label: str
    nilai: Decimal
    kata: tuple[str, ...]


@dataclass(frozen=True)
class Pertentangan:
    kutipan: str
    tertulis: Decimal
    label: str
    terhitung: Decimal


def _desimal(teks):
    return Decimal(teks.replace(".", "").replace(",", "."))


def angka_bertentangan(teks, terhitung):
    """Each percentage of `teks` preceded (within JANGKAUAN characters of its sentence) by
    the words of a computed figure and differing from it by more than rounding."""
    hasil = []
    teks = teks or ""
    for m in PERSEN.finditer(teks):
        konteks = teks[max(m.start() - JANGKAUAN, 0) : m.start()]
        konteks = re.split(r"[.;:!?]\s", konteks)[-1].lower()  # its own sentence only
        tertulis = _desimal(m.group(1))
        for angka in terhitung:
            if angka.nilai is None or not all(k in konteks for k in angka.kata):
                continue
            if abs(tertulis - angka.nilai.quantize(Decimal("0.01"))) > TOLERANSI:
                kutipan = " ".join(teks[max(m.start() - 60, 0) : m.end()].split())
                hasil.append(Pertentangan(f"…{kutipan}", tertulis, angka.label, angka.nilai))
            break
    return hasil


# --- the narrative's structure ----------------------------------------------------------

JUDUL = re.compile(r"^(\d+(?:\.\d+)+)\.?\s+(\S.{0,100})$")
BUTIR = re.compile(r"^(?:[-•*–]\s+)?(?:(?:[a-zA-Z]|\d{1,2})[.)]\s+)?")
PENOMOR = re.compile(r"^(?:[-•*–]\s+)?(?:[a-zA-Z]|\d{1,2})[.)]\s+")
PELURU = re.compile(r"^[-•*–]\s+")
AKHIR_KALIMAT = tuple(".:;!?\"”')")


@dataclass(frozen=True)
class Blok:
    """One block of a narrative: a numbered heading ("judul", nomor + isi), a paragraph
    ("paragraf"), or a list ("ol" numbered, "ul" bulleted) whose `butir` are its items
    without their typed markers."""

    jenis: str
    isi: str = ""
    nomor: str = ""
    butir: tuple[str, ...] = ()


def blok_narasi(teks):
    """The narrative as blocks: a line "1.1.1 Sejarah Organisasi" is a heading; lines
    starting "a.", "1)", "-" or "- a." are list items, their markers dropped (the list
    numbers them, so "- a." is not printed twice); a paragraph that stops mid-sentence
    (text pasted from a PDF breaks at page ends) is joined with the next one."""
    blok = []
    for baris in (teks or "").splitlines():
        baris = " ".join(baris.split())
        if not baris:
            continue
        judul = JUDUL.match(baris)
        if judul and not baris.endswith("."):
            blok.append(Blok("judul", judul.group(2), nomor=judul.group(1)))
            continue
        if PENOMOR.match(baris) or PELURU.match(baris):
            jenis = "ol" if PENOMOR.match(baris) else "ul"
            isi = BUTIR.sub("", baris, count=1)
            if blok and blok[-1].jenis == jenis:
                blok[-1] = Blok(jenis, butir=(*blok[-1].butir, isi))
            else:
                blok.append(Blok(jenis, butir=(isi,)))
            continue
        akhir = blok[-1] if blok else None
        if (
            akhir is not None
            and akhir.jenis == "paragraf"
            and not akhir.isi.endswith(AKHIR_KALIMAT)
        ):
            blok[-1] = Blok("paragraf", f"{akhir.isi} {baris}")
        else:
            blok.append(Blok("paragraf", baris))
    return blok
