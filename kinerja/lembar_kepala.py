"""The headings of the entry and verification sheets (kinerja.lembar): each row sits under
its sub-kegiatan, kegiatan, program, sasaran, pohon kinerja node or tujuan, labelled with
its parents and sorted in plan order. The labels are columns of the sheet's own queries."""

from django.db.models import F

# The labels and order of each row's heading and its parents, as columns of the same query
# (one per path from the indicator): a heading is shared by many rows, so building the plan
# objects per row (select_related) made ~4 model instances for each indicator.
_SASARAN = {"id": "", "urutan": "__urutan", "kode": "__kode"}
_PROGRAM = {"kode": "__kode", "nama": "__nama"}
_JALUR_INDUK = {
    "sk": ("sub_kegiatan", {"kode": "__kode", "nama": "__nama"}),
    "skk": ("sub_kegiatan__kegiatan", {"kode": "__kode", "nama": "__nama"}),
    "skp": ("sub_kegiatan__kegiatan__program", _PROGRAM),
    "sks": ("sub_kegiatan__kegiatan__program__sasaran", _SASARAN),
    "k": ("kegiatan", {"kode": "__kode", "nama": "__nama"}),
    "kp": ("kegiatan__program", _PROGRAM),
    "ks": ("kegiatan__program__sasaran", _SASARAN),
    "p": ("program", _PROGRAM),
    "ps": ("program__sasaran", _SASARAN),
    "s": ("sasaran", {"kode": "__kode", "uraian": "__uraian", "urutan": "__urutan"}),
    "n": ("node_pohon", {"uraian": "__uraian", "urutan": "__urutan"}),
    "t": ("tujuan", {"kode": "__kode", "uraian": "__uraian", "urutan": "__urutan"}),
}
LABEL_INDUK = {
    f"lb_{nama}_{kolom}": F(jalur + akhir)
    for nama, (jalur, kolom_jalur) in _JALUR_INDUK.items()
    for kolom, akhir in kolom_jalur.items()
}


def _sasaran_urut(sas_id, urutan, kode):
    return (urutan, kode) if sas_id is not None else (9999, "")


# the same labels on a SubKegiatan (its budget row's heading)
LABEL_INDUK_SUB = {
    f"lb_{nama}_{kolom}": F(jalur.removeprefix("sub_kegiatan__") + akhir)
    for nama, (jalur, kolom_jalur) in _JALUR_INDUK.items()
    if nama in ("skk", "skp", "sks")
    for kolom, akhir in kolom_jalur.items()
}


def kepala_sub(sk):
    """(level, pk, kode, nama, parent labels, sort key) of the heading of a sub-kegiatan annotated with LABEL_INDUK_SUB."""
    konteks = [f"Program {sk.lb_skp_kode} {sk.lb_skp_nama}"]
    konteks.append(f"Kegiatan {sk.lb_skk_kode} {sk.lb_skk_nama}")
    s_urut = _sasaran_urut(sk.lb_sks_id, sk.lb_sks_urutan, sk.lb_sks_kode)
    urut = (2, s_urut, sk.lb_skp_kode, sk.lb_skk_kode, sk.kode)
    return "Sub Kegiatan", sk.pk, sk.kode, sk.nama or "", konteks, urut


def kunci(i):
    """(level, pk) of the heading of indicator `i`: its sub-kegiatan, kegiatan, program,
    sasaran, pohon node or tujuan (the first it is attached to)."""
    if i.sub_kegiatan_id:
        return "Sub Kegiatan", i.sub_kegiatan_id
    if i.kegiatan_id:
        return "Kegiatan", i.kegiatan_id
    if i.program_id:
        return "Program", i.program_id
    if i.sasaran_id:
        return "Sasaran", i.sasaran_id
    if i.node_pohon_id:
        return "Pohon Kinerja", i.node_pohon_id
    return "Tujuan", i.tujuan_id


def kepala(level, lb):
    """(kode, nama, parent labels, sort key) of a heading of `level` from `lb`, the label
    columns (LABEL_INDUK, without their "lb_") of one of its indicators, in plan order."""
    if level == "Sub Kegiatan":
        konteks = [f"Program {lb['skp_kode']} {lb['skp_nama']}"]
        konteks.append(f"Kegiatan {lb['skk_kode']} {lb['skk_nama']}")
        s_urut = _sasaran_urut(lb["sks_id"], lb["sks_urutan"], lb["sks_kode"])
        urut = (2, s_urut, lb["skp_kode"], lb["skk_kode"], lb["sk_kode"])
        return lb["sk_kode"], lb["sk_nama"] or "", konteks, urut
    if level == "Kegiatan":
        s_urut = _sasaran_urut(lb["ks_id"], lb["ks_urutan"], lb["ks_kode"])
        urut = (2, s_urut, lb["kp_kode"], lb["k_kode"], "")
        return lb["k_kode"], lb["k_nama"] or "", [f"Program {lb['kp_kode']} {lb['kp_nama']}"], urut
    if level == "Program":
        s_urut = _sasaran_urut(lb["ps_id"], lb["ps_urutan"], lb["ps_kode"])
        return lb["p_kode"], lb["p_nama"] or "", [], (2, s_urut, lb["p_kode"], "", "")
    if level == "Sasaran":
        return lb["s_kode"], lb["s_uraian"] or "", [], (1, (lb["s_urutan"], lb["s_kode"]))
    if level == "Pohon Kinerja":  # an intermediate result of the pohon kinerja: after the plan
        return "", lb["n_uraian"] or "", [], (3, lb["n_urutan"], lb["n_id"])
    return lb["t_kode"], lb["t_uraian"] or "", [], (0, lb["t_urutan"], lb["t_kode"])
