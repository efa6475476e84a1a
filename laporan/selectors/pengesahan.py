"""Who signs a document and when (issue 14, "Who signs and when").

Every document has one record of its own holding its date, place and signatory: the PK,
the Rencana Aksi and the LKjIP in their own fields, every other document (each Pengukuran
quarter, IKU, cascading, each Renstra matrix) in a `PenandatanganDokumen` keyed by
`kunci_dokumen`. `pengesahan` reads that record and fills what is missing from the officials
in office on the document's date; what is still missing becomes a warning the draft prints
(never a made-up "Probolinggo, 2025")."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from laporan.models import PenandatanganDokumen, kunci_dokumen
from renstra.models import JenisPenugasan, Pejabat
from sakip import angka as fmt

URUTAN_PENUGASAN = {JenisPenugasan.DEFINITIF: 0, JenisPenugasan.PLT: 1, JenisPenugasan.PLH: 2}


@dataclass(frozen=True)
class Pengesahan:
    """The date, place and signatory of one document, and what is missing from them."""

    tempat: str = ""
    tanggal: date | None = None
    penandatangan: Pejabat | None = None
    pihak_kedua: Pejabat | None = None
    catatan: tuple[str, ...] = field(default=())
    rekaman: PenandatanganDokumen | None = None

    @property
    def lengkap(self):
        return not self.catatan


def pilih_menjabat(kandidat, tanggal):
    """The official of `kandidat` in office on `tanggal`: a definitif head before a Plt
    before a Plh, then the one who took office last. Without a date, the active one."""
    kandidat = list(kandidat)
    if tanggal is None:
        aktif = [p for p in kandidat if p.aktif] or kandidat
        return max(aktif, key=lambda p: p.pk, default=None)
    menjabat = [p for p in kandidat if p.menjabat_pada(tanggal)]
    if not menjabat:
        return None
    return min(
        menjabat,
        key=lambda p: (
            URUTAN_PENUGASAN.get(p.jenis_penugasan, 9),
            -(p.mulai_menjabat or date.min).toordinal(),
            -p.pk,
        ),
    )


def kepala_opd_list(opd):
    """Every head of the OPD ever recorded (definitif, Plt, Plh), one query."""
    return list(Pejabat.objects.filter(opd=opd, is_kepala=True))


def kepala_menjabat(opd, tanggal, kandidat=None):
    """The head of `opd` in office on `tanggal` (None: nobody recorded for that date)."""
    return pilih_menjabat(kepala_opd_list(opd) if kandidat is None else kandidat, tanggal)


def rekaman_untuk(opd, jenis, *, tahun=None, triwulan=None, unit=None, periode=None, versi=None):
    """The PenandatanganDokumen of one document, or None."""
    kunci = kunci_dokumen(
        jenis, tahun=tahun, triwulan=triwulan, unit=unit, periode=periode, versi=versi
    )
    return (
        PenandatanganDokumen.objects.filter(opd=opd, kunci=kunci)
        .select_related("penandatangan", "pihak_kedua")
        .first()
    )


def catatan_pengesahan(opd, tanggal, penandatangan):
    """The warnings of an incomplete date / signatory (Indonesian, for the draft)."""
    catatan = []
    if tanggal is None:
        catatan.append(
            "Tanggal dokumen belum ditetapkan: tetapkan tanggal, tempat dan penandatangan "
            "sebelum dokumen ditandatangani."
        )
    if penandatangan is None:
        if tanggal is None:
            catatan.append(
                f"{opd.nama} belum memiliki pejabat penandatangan: tambahkan Kepala "
                "Perangkat Daerah pada data pejabat."
            )
        else:
            catatan.append(
                f"Tidak ada pejabat {opd.nama} yang menjabat pada {fmt.tanggal_id(tanggal)}: "
                "lengkapi masa jabatan pejabat atau pilih penandatangan."
            )
    elif tanggal is not None and not penandatangan.menjabat_pada(tanggal):
        catatan.append(
            f"{penandatangan.nama} tidak menjabat pada {fmt.tanggal_id(tanggal)} (tanggal "
            "dokumen); pilih pejabat yang menjabat pada tanggal itu."
        )
    return tuple(catatan)


def pengesahan(
    opd,
    jenis,
    *,
    tahun=None,
    triwulan=None,
    unit=None,
    periode=None,
    versi=None,
    tempat="",
    tanggal=None,
    penandatangan=None,
    kandidat=None,
    rekaman=False,
):
    """The Pengesahan of one document. `tempat`, `tanggal` and `penandatangan` are the
    document's own fields (PK, Rencana Aksi, LKjIP); the other documents pass nothing and
    are read from their PenandatanganDokumen (`rekaman=False`: look it up; None: known to
    be absent). A missing signatory is the head in office on the date; a missing place is
    the Pemda's capital."""
    if rekaman is False:
        rekaman = None
        if not (tanggal or penandatangan):
            rekaman = rekaman_untuk(
                opd,
                jenis,
                tahun=tahun,
                triwulan=triwulan,
                unit=unit,
                periode=periode,
                versi=versi,
            )
    pihak_kedua = None
    if rekaman is not None:
        tempat = rekaman.tempat or tempat
        tanggal = rekaman.tanggal or tanggal
        penandatangan = rekaman.penandatangan or penandatangan
        pihak_kedua = rekaman.pihak_kedua
    if penandatangan is None:
        penandatangan = kepala_menjabat(opd, tanggal, kandidat)
    return Pengesahan(
        tempat=tempat or opd.pemda.ibukota,
        tanggal=tanggal,
        penandatangan=penandatangan,
        pihak_kedua=pihak_kedua,
        catatan=catatan_pengesahan(opd, tanggal, penandatangan),
        rekaman=rekaman,
    )


def ttd_pengesahan(p, *, label=""):
    """The signature block of a Pengesahan (laporan/_ttd.html): the title as printed (Plt. /
    Plh. before it), the pangkat where the official has one, the date or, undated, a blank
    to be filled (`tanpa_tanggal`)."""
    pejabat = p.penandatangan
    return {
        "label": label,
        "jabatan": pejabat.jabatan_tertulis if pejabat else "",
        "nama": pejabat.nama if pejabat else "",
        "pangkat": pejabat.pangkat if pejabat else "",
        "nip": pejabat.nip if pejabat else "",
        "tempat": p.tempat,
        "tanggal": p.tanggal,
        "tanpa_tanggal": p.tanggal is None,
    }
