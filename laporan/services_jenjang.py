"""Writes of the PK per jenjang (issue 16): the Perjanjian Kinerja of an eselon III or IV
official with their superior, built from the official's nodes of the pohon kinerja. It is
the OPD's PK model (laporan.models.PerjanjianKinerja) with `jenjang` set: the same
finalise / snapshot / reopen / PK Perubahan services (laporan.services) apply to it.

Keyword-only arguments, full_clean() before saving, one transaction, Indonesian
ValidationError and nothing written on refusal (STYLE rule 1)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja import selectors_pohon
from laporan.models import JenjangPK, PerjanjianKinerja, PKIndikator, PKProgram
from laporan.selectors.pk import pk_jenjang_untuk
from renstra.models import Jenjang


def jenjang_pejabat(pejabat):
    """The PK jenjang of an official by eselon (III / IV), or None."""
    eselon = pejabat.eselon or ""
    if eselon.startswith("III"):
        return JenjangPK.ESELON_III
    if eselon.startswith("IV"):
        return JenjangPK.ESELON_IV
    return None


def _periksa_pihak(pejabat, jenjang):
    atasan = pejabat.atasan
    if atasan is None:
        raise ValidationError(
            {"pihak_kedua": f"{pejabat.nama} belum memiliki atasan langsung pada data pejabat."}
        )
    if jenjang == JenjangPK.ESELON_III and not atasan.is_kepala:
        raise ValidationError(
            {"pihak_kedua": "Pihak kedua PK eselon III adalah kepala perangkat daerah."}
        )
    if jenjang == JenjangPK.ESELON_IV and not (atasan.eselon or "").startswith("III"):
        raise ValidationError(
            {"pihak_kedua": "Pihak kedua PK eselon IV adalah pejabat eselon III."}
        )
    return atasan


def baris_dari_pohon(pejabat, tahun):
    """The rows of the official's PK from their nodes of the year's tree: (indicator rows
    as (node, Indikator id)), (program or kegiatan rows as (Program id, Kegiatan id)). An
    eselon III official promises their program outcomes (budget: the programs), an
    eselon IV official their kegiatan outputs (budget: the kegiatan)."""
    rpjmd = selectors_pohon.periode_rpjmd_untuk(pejabat.pemda_id, tahun)
    if rpjmd is None:
        raise ValidationError(f"Belum ada periode RPJMD yang memuat tahun {tahun}.")
    pohon = selectors_pohon.pohon_rows(rpjmd, tahun, 4, opd=pejabat.opd_id)
    indikator, anggaran = [], []
    for n in pohon.milik_pejabat(pejabat.pk):
        if n.jenjang == Jenjang.PELAKSANA:
            continue  # sub-kegiatan stay on the official's SKP, not on the PK
        indikator.extend((n.id, i.id) for i in n.indikator if not i.rpjmd)
        if n.objek_field == "program":
            anggaran.append((n.objek_id, None))
        elif n.objek_field == "kegiatan":
            anggaran.append((None, n.objek_id))
    return indikator, anggaran


@transaction.atomic
def pk_jenjang_buat(*, pejabat, tahun, tempat, tanggal, user=None):
    """Start the PK per jenjang of an official for a year (versi 1) from their nodes."""
    jenjang = jenjang_pejabat(pejabat)
    if jenjang is None:
        raise ValidationError("PK per jenjang hanya untuk pejabat eselon III dan IV.")
    if pk_jenjang_untuk(pejabat, tahun) is not None:
        raise ValidationError(
            f"PK {tahun} {pejabat.nama} sudah ada; ubah PK tersebut atau buat PK Perubahan."
        )
    atasan = _periksa_pihak(pejabat, jenjang)
    indikator, anggaran = baris_dari_pohon(pejabat, tahun)
    if not indikator:
        raise ValidationError(
            f"{pejabat.nama} belum memegang node pohon kinerja berindikator pada tahun {tahun}."
        )
    pk = PerjanjianKinerja(
        opd_id=pejabat.opd_id,
        jenjang=jenjang,
        tahun=tahun,
        versi=1,
        tempat=tempat,
        tanggal=tanggal,
        pihak_pertama=pejabat,
        pihak_kedua=atasan,
    )
    pk.full_clean()
    pk._history_user = user
    pk.save()
    PKIndikator.objects.bulk_create(
        PKIndikator(perjanjian=pk, node_id=node_id, indikator_id=ind_id, urutan=i)
        for i, (node_id, ind_id) in enumerate(indikator, 1)
    )
    PKProgram.objects.bulk_create(
        PKProgram(perjanjian=pk, program_id=p, kegiatan_id=k, urutan=i)
        for i, (p, k) in enumerate(anggaran, 1)
    )
    return pk
