"""Writes of the PK per jenjang (issue 16): the Perjanjian Kinerja of an eselon III or IV
official with their superior, built from the official's nodes of the pohon kinerja. It is
the OPD's PK model (laporan.models.PerjanjianKinerja) with `jenjang` set: the same
finalise / snapshot / reopen / PK Perubahan services (laporan.services) apply to it.

Keyword-only arguments, full_clean() before saving, one transaction, Indonesian
ValidationError and nothing written on refusal (STYLE rule 1)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from kinerja import selectors_pohon
from kinerja.models import StatusDokumen
from laporan.models import JenjangPK, PerjanjianKinerja, PKIndikator, PKProgram
from laporan.selectors.pk import pk_jenjang_untuk
from renstra.models import Jenjang

# The node level an official of a PK jenjang promises results at.
_JENJANG_NODE = {JenjangPK.ESELON_III: Jenjang.ESELON_III, JenjangPK.ESELON_IV: Jenjang.ESELON_IV}


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


def _pohon(pejabat, tahun):
    rpjmd = selectors_pohon.periode_rpjmd_untuk(pejabat.pemda_id, tahun)
    if rpjmd is None:
        raise ValidationError(f"Belum ada periode RPJMD yang memuat tahun {tahun}.")
    return selectors_pohon.pohon_rows(rpjmd, tahun, 4, opd=pejabat.opd_id)


def baris_dari_pohon(pejabat, tahun, pohon=None):
    """The rows of the official's PK from their nodes of the year's tree: (indicator rows
    as (node, Indikator id)), (program or kegiatan rows as (Program id, Kegiatan id)). An
    eselon III official promises their program outcomes (budget: the programs), an
    eselon IV official their kegiatan outputs (budget: the kegiatan)."""
    pohon = pohon or _pohon(pejabat, tahun)
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
    isi_baris(pk, indikator, anggaran)
    return pk


def isi_baris(pk, indikator, anggaran):
    """Replace the rows of a PK per jenjang: indicator rows [(node id, Indikator id)] and
    budget rows [(Program id, Kegiatan id)], numbered in the given order."""
    pk.indikator_set.all().delete()
    pk.program_set.all().delete()
    PKIndikator.objects.bulk_create(
        PKIndikator(perjanjian=pk, node_id=node_id, indikator_id=ind_id, urutan=i)
        for i, (node_id, ind_id) in enumerate(indikator, 1)
    )
    PKProgram.objects.bulk_create(
        PKProgram(perjanjian=pk, program_id=p, kegiatan_id=k, urutan=i)
        for i, (p, k) in enumerate(anggaran, 1)
    )


def baris_baru_dari_pohon(pk):
    """The rows of a new version of a PK per jenjang (PK Perubahan, or rebuilt) from the
    CURRENT tree of its official; refused when the official holds no node with an
    indicator any more."""
    indikator, anggaran = baris_dari_pohon(pk.pihak_pertama, pk.tahun)
    if not indikator:
        raise ValidationError(
            f"{pk.pihak_pertama.nama} tidak lagi memegang node pohon kinerja berindikator "
            f"pada tahun {pk.tahun}."
        )
    return indikator, anggaran


def _draf_terkunci(pk):
    pk = (
        PerjanjianKinerja.objects.select_for_update()
        .select_related("pihak_pertama", "opd")
        .get(pk=pk.pk)
    )
    if pk.jenjang == JenjangPK.OPD:
        raise ValidationError("Baris PK perangkat daerah diubah pada halaman PK-nya.")
    if pk.status == StatusDokumen.FINAL:
        raise ValidationError(
            "PK sudah final dan barisnya tidak dapat diubah; buat PK Perubahan atau minta "
            "admin membukanya kembali."
        )
    return pk


@transaction.atomic
def pk_jenjang_susun_ulang(*, pk, user=None):
    """Rebuild a draft PK per jenjang's rows from the official's nodes of the current tree
    ("Susun ulang dari pohon kinerja"): rows added or removed by hand are replaced."""
    pk = _draf_terkunci(pk)
    isi_baris(pk, *baris_baru_dari_pohon(pk))
    return pk


def calon_baris(pk, pohon=None):
    """What may be added to a draft PK per jenjang: (indicators, budget rows). Indicators
    [(node id, Indikator id, label)] of the nodes the official holds or that their unit
    holds at the official's level; programs (eselon III) or kegiatan (eselon IV) of those
    nodes [(Program id, Kegiatan id, label)]. Rows already in the PK are left out."""
    pejabat = pk.pihak_pertama
    pohon = pohon or _pohon(pejabat, pk.tahun)
    level = _JENJANG_NODE.get(pk.jenjang)
    ada_ind = set(pk.indikator_set.values_list("node_id", "indikator_id"))
    ada_ang = set(pk.program_set.values_list("program_id", "kegiatan_id"))
    indikator, anggaran = [], []
    for n in pohon.urut():
        if not (
            n.pejabat_id == pejabat.pk
            or (n.jenjang == level and pejabat.unit_id and n.unit_id == pejabat.unit_id)
        ):
            continue
        if n.jenjang == Jenjang.PELAKSANA:
            continue
        for i in n.indikator:
            if not i.rpjmd and (n.id, i.id) not in ada_ind:
                indikator.append((n.id, i.id, f"{n.judul} — {i.uraian}"))
        kunci = {"program": (n.objek_id, None), "kegiatan": (None, n.objek_id)}.get(n.objek_field)
        if kunci and kunci not in ada_ang and kunci not in {a[:2] for a in anggaran}:
            anggaran.append((*kunci, n.judul))
    return indikator, anggaran


@transaction.atomic
def pk_jenjang_tambah_indikator(*, pk, node_id, indikator_id, user=None):
    """Add one indicator row of a node to a draft PK per jenjang (see calon_baris)."""
    pk = _draf_terkunci(pk)
    calon = {(n, i) for n, i, _ in calon_baris(pk)[0]}
    if (node_id, indikator_id) not in calon:
        raise ValidationError(
            {"indikator": "Indikator ini bukan indikator node pohon kinerja pejabat ini."}
        )
    urutan = (pk.indikator_set.aggregate(m=Max("urutan"))["m"] or 0) + 1
    return PKIndikator.objects.create(
        perjanjian=pk, node_id=node_id, indikator_id=indikator_id, urutan=urutan
    )


@transaction.atomic
def pk_jenjang_tambah_anggaran(*, pk, program_id=None, kegiatan_id=None, user=None):
    """Add a program (eselon III) or kegiatan (eselon IV) budget row of one of the
    official's nodes to a draft PK per jenjang."""
    pk = _draf_terkunci(pk)
    calon = {(p, k) for p, k, _ in calon_baris(pk)[1]}
    if (program_id, kegiatan_id) not in calon:
        raise ValidationError(
            {"anggaran": "Program / kegiatan ini bukan node pohon kinerja pejabat ini."}
        )
    urutan = (pk.program_set.aggregate(m=Max("urutan"))["m"] or 0) + 1
    return PKProgram.objects.create(
        perjanjian=pk, program_id=program_id, kegiatan_id=kegiatan_id, urutan=urutan
    )


@transaction.atomic
def pk_jenjang_hapus_baris(*, pk, jenis, baris_id, user=None):
    """Remove an indicator row (`jenis` "indikator") or a budget row ("anggaran") of a
    draft PK per jenjang; its last indicator row stays (a PK promises something)."""
    pk = _draf_terkunci(pk)
    rows = {"indikator": pk.indikator_set, "anggaran": pk.program_set}.get(jenis)
    if rows is None or not rows.filter(pk=baris_id).exists():
        raise ValidationError("Baris tidak ditemukan pada PK ini.")
    if jenis == "indikator" and pk.indikator_set.count() == 1:
        raise ValidationError("Baris indikator terakhir tidak dapat dihapus.")
    rows.filter(pk=baris_id).delete()
