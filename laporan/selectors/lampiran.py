"""The lampiran of an LKjIP in the order of the seed's daftar lampiran (seed 003): the
Renstra matrix (T-C.27 of the OPD's Renstra period), the Perjanjian Kinerja, the four
quarterly Pengukuran, then the uploaded attachments (piagam penghargaan and the like) in
their `urutan`. Images are printed in the PDF; an uploaded PDF is listed by its title and
handed in separately (PDFs are never merged)."""

from dataclasses import dataclass

from laporan.matriks.umum import MATRIKS
from laporan.models import LampiranLkjip


@dataclass(frozen=True)
class Lampiran:
    nomor: int
    judul: str
    jangkar: str  # the id of its section in the document ("" for a separate PDF)
    jenis: str  # "matriks", "pk", "pengukuran" or "unggahan"
    terpisah: bool = False  # an uploaded PDF: "dilampirkan terpisah"
    gambar: bool = False
    id: int | None = None  # the LampiranLkjip row of an upload
    nama_asli: str = ""


def unggahan(laporan):
    """The uploaded attachments of an LKjIP in their order (one query; none without a
    report)."""
    if laporan is None or laporan.pk is None:
        return []
    return list(LampiranLkjip.objects.filter(laporan=laporan).order_by("urutan", "id"))


def daftar_lampiran(*, tahun, kode_matriks, unggahan_list):
    """The numbered daftar lampiran."""
    tetap = [
        ("Matriks Renstra (Tabel " + kode_matriks + ")", "lampiran-matriks", "matriks"),
        (f"Perjanjian Kinerja Tahun {tahun}", "lampiran-pk", "pk"),
        (
            f"Pengukuran Kinerja Perangkat Daerah Tahun {tahun} (Triwulan I–IV)",
            "lampiran-pengukuran",
            "pengukuran",
        ),
    ]
    rows = [
        Lampiran(nomor=i, judul=judul, jangkar=jangkar, jenis=jenis)
        for i, (judul, jangkar, jenis) in enumerate(tetap, start=1)
    ]
    for obj in unggahan_list:
        gambar = obj.gambar
        rows.append(
            Lampiran(
                nomor=len(rows) + 1,
                judul=obj.judul,
                jangkar=f"lampiran-unggahan-{obj.pk}" if gambar else "",
                jenis="unggahan",
                terpisah=not gambar,
                gambar=gambar,
                id=obj.pk,
                nama_asli=obj.nama_asli,
            )
        )
    return rows


def daftar_untuk(laporan, tahun):
    """The daftar lampiran of a year's LKjIP without building the document (the Daftar
    Lampiran page, the narrative form)."""
    return daftar_lampiran(
        tahun=tahun, kode_matriks=MATRIKS["t-c-27"][0], unggahan_list=unggahan(laporan)
    )


def urutan_berikut(daftar):
    """The `urutan` proposed for the next upload: one past the last uploaded one."""
    return 1 + sum(1 for lamp in daftar if lamp.jenis == "unggahan")


def gambar_lampiran(doc, *, sumber):
    """The image attachments of an LKjIP document with their `src`: `sumber(obj)` gives it
    (a data: URI in the PDF, the file's address on the page)."""
    by_id = {obj.pk: obj for obj in doc.get("lampiran_unggahan", [])}
    return [
        {"lampiran": lamp, "src": sumber(by_id[lamp.id]) if lamp.id in by_id else ""}
        for lamp in doc.get("lampiran", [])
        if lamp.gambar
    ]
