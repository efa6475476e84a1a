"""Writes of the pohon kinerja (renstra.models.pohon): a node, an indicator owned by an
intermediate node, and the tree cascaded from an OPD's Renstra (the seed 000 cascade:
Tujuan RPJMD -> OPD tujuan -> sasaran -> program -> kegiatan -> sub-kegiatan), each node
with the unit and the official responsible for it.

Keyword-only arguments, full_clean() before saving, one transaction, Indonesian
ValidationError and nothing written on refusal (STYLE rule 1)."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction

from renstra.models import (
    Indikator,
    Jenjang,
    NodePohon,
    Pejabat,
    PeriodeRenstra,
    PeriodeRPJMD,
    TargetTahunan,
)


@transaction.atomic
def node_buat(*, periode_rpjmd: PeriodeRPJMD, jenjang: str, induk=None, **fields) -> NodePohon:
    """A node of the tree (NodePohon.save validates it)."""
    node = NodePohon(periode_rpjmd=periode_rpjmd, jenjang=jenjang, induk=induk, **fields)
    node.save()
    return node


@transaction.atomic
def indikator_node_buat(*, node: NodePohon, uraian: str, satuan: str = "", target=None, **fields):
    """An ordinary Indikator owned by an intermediate node (no Renstra object), with its
    yearly targets `target` ({tahun: Decimal}). Its quarterly targets are set on the target
    sheet like any other indicator's."""
    if node.objek_field:
        raise ValidationError(
            "Node ini memakai objek rencana; indikatornya adalah indikator objek tersebut."
        )
    if not node.periode_id:
        raise ValidationError("Node belum terhubung ke periode Renstra perangkat daerah.")
    indikator = Indikator(
        node_pohon=node, periode_id=node.periode_id, uraian=uraian, satuan=satuan, **fields
    )
    indikator.full_clean()
    indikator.save()
    if node.unit_id:
        indikator.unit_penanggung_jawab.add(node.unit_id)
    for tahun, nilai in (target or {}).items():
        TargetTahunan(indikator=indikator, tahun=tahun, nilai=nilai).save()
    return indikator


def _unit_terbanyak(units):
    """The unit most sub-kegiatan belong to (the lowest id on a tie), or None."""
    hitung = Counter(u for u in units if u)
    if not hitung:
        return None
    return min(hitung, key=lambda u: (-hitung[u], u))


def _pejabat_eselon(opd, awalan):
    """Active officials of the OPD whose eselon starts with `awalan`, per unit, by name."""
    per_unit = {}
    for p in Pejabat.objects.filter(opd=opd, aktif=True, eselon__startswith=awalan).order_by(
        "unit_id", "nama", "pk"
    ):
        per_unit.setdefault(p.unit_id, []).append(p)
    return per_unit


def _ambil_atau_buat(periode_rpjmd, field, obj, **fields):
    node = NodePohon.objects.filter(periode_rpjmd=periode_rpjmd, **{field: obj}).first()
    if node is not None:
        return node, False
    node = NodePohon(periode_rpjmd=periode_rpjmd, **{field: obj}, **fields)
    node.save()
    return node, True


@transaction.atomic
def pohon_dari_renstra(*, periode_rpjmd: PeriodeRPJMD, periode: PeriodeRenstra) -> dict:
    """Cascade an OPD's Renstra period into the tree of `periode_rpjmd` (safe to run again:
    a plan object that already has a node keeps it).

    Tujuan RPJMD (kepala daerah) -> the OPD tujuan that supports it -> its sasaran (the
    Kepala Dinas) -> programs (eselon III: the official of the unit that holds most of
    the program's sub-kegiatan) -> kegiatan (eselon IV of that unit, in turn) ->
    sub-kegiatan (pelaksana, under the kegiatan's official). A sasaran whose IKU Kota belongs
    to another Tujuan RPJMD than its tujuan's also serves that one (crosscutting).
    Returns the number of nodes made per jenjang."""
    if periode.opd.pemda_id != periode_rpjmd.pemda_id:
        raise ValidationError("Periode Renstra bukan milik Pemda periode RPJMD ini.")
    if periode.periode_rpjmd_id != periode_rpjmd.pk:
        periode.periode_rpjmd = periode_rpjmd
        periode.save(update_fields=["periode_rpjmd"])
    opd = periode.opd
    kepala = opd.pejabat_set.filter(is_kepala=True, aktif=True).first()
    eselon3, eselon4 = _pejabat_eselon(opd, "III"), _pejabat_eselon(opd, "IV")
    dibuat = Counter()

    def buat(field, obj, **fields):
        node, baru = _ambil_atau_buat(periode_rpjmd, field, obj, **fields)
        if baru:
            dibuat[node.jenjang] += 1
        return node

    rpjmd_node = {}
    for tujuan_rpjmd in periode_rpjmd.tujuan_set.all():
        rpjmd_node[tujuan_rpjmd.pk] = buat(
            "tujuan_rpjmd",
            tujuan_rpjmd,
            jenjang=Jenjang.PEMDA,
            jabatan=periode_rpjmd.pemda.jabatan_kepala_daerah,
            urutan=tujuan_rpjmd.urutan,
        )
    opd_fields = {
        "jenjang": Jenjang.OPD,
        "pejabat": kepala,
        "jabatan": kepala.jabatan if kepala else "Kepala Perangkat Daerah",
    }
    subs = list(periode.sub_kegiatan_set.select_related("kegiatan__program").order_by("kode"))
    unit_program, unit_kegiatan = {}, {}
    for s in subs:
        unit_program.setdefault(s.kegiatan.program_id, []).append(s.unit_id)
        unit_kegiatan.setdefault(s.kegiatan_id, []).append(s.unit_id)
    giliran = Counter()

    for tujuan in periode.tujuan_set.select_related("tujuan_rpjmd").order_by("urutan", "kode"):
        induk = rpjmd_node.get(tujuan.tujuan_rpjmd_id)
        n_tujuan = buat("tujuan", tujuan, induk=induk, urutan=tujuan.urutan, **opd_fields)
        for sasaran in tujuan.sasaran_set.select_related("iku_kota").order_by("urutan", "kode"):
            n_sasaran = buat(
                "sasaran", sasaran, induk=n_tujuan, urutan=sasaran.urutan, **opd_fields
            )
            lain = rpjmd_node.get(sasaran.iku_kota.tujuan_rpjmd_id) if sasaran.iku_kota else None
            if lain is not None and lain.pk != getattr(induk, "pk", None):
                n_sasaran.crosscutting.add(lain)
            for program in sasaran.program_set.order_by("urutan", "kode"):
                unit = _unit_terbanyak(unit_program.get(program.pk, ()))
                pejabat = (eselon3.get(unit) or [None])[0]
                n_program = buat(
                    "program",
                    program,
                    induk=n_sasaran,
                    jenjang=Jenjang.ESELON_III,
                    unit_id=unit,
                    pejabat=pejabat,
                    jabatan=pejabat.jabatan if pejabat else "",
                    urutan=program.urutan,  # the plan's order (seed 000 prints it)
                )
                for kegiatan in program.kegiatan_set.order_by("urutan", "kode"):
                    unit_k = _unit_terbanyak(unit_kegiatan.get(kegiatan.pk, ())) or unit
                    calon = eselon4.get(unit_k) or []
                    pejabat_k = calon[giliran[unit_k] % len(calon)] if calon else None
                    giliran[unit_k] += 1
                    n_kegiatan = buat(
                        "kegiatan",
                        kegiatan,
                        induk=n_program,
                        jenjang=Jenjang.ESELON_IV,
                        unit_id=unit_k,
                        pejabat=pejabat_k,
                        jabatan=pejabat_k.jabatan if pejabat_k else "",
                        urutan=kegiatan.urutan,
                    )
                    for sub in kegiatan.sub_kegiatan_set.order_by("kode"):
                        buat(
                            "sub_kegiatan",
                            sub,
                            induk=n_kegiatan,
                            jenjang=Jenjang.PELAKSANA,
                            unit_id=sub.unit_id,
                            pejabat=pejabat_k,
                            jabatan=pejabat_k.jabatan if pejabat_k else "",
                        )
    return dict(dibuat)
