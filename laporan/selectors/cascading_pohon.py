"""The cascading table (seed 000) of an OPD built from its pohon kinerja (renstra NodePohon,
read through kinerja.selectors_pohon): Tujuan RPJMD -> IKU Kota -> sasaran (the OPD's
lowest eselon II nodes) -> program column (every eselon III node: a program, or an
intermediate result with indicators of its own) -> kegiatan column (every eselon IV node)
-> sub kegiatan (pelaksana nodes) with their pagu. Each node keeps its indicators, the
target of the year (targets of the plan's program and kegiatan indicators are printed by
the small tree, as seed 000 prints none in its table) and the unit and jabatan
responsible. Every figure is the read model's: targets and capaian of
kinerja.selectors_pohon, last year's capaian of the Konteks, pagu and the total of the
budget roll-up the tree read. Nothing is summed here."""

from laporan.selectors.umum import Besaran, besaran_indikator
from renstra.models import Jenjang

_TINGKAT_KEGIATAN = (Jenjang.ESELON_IV, Jenjang.PELAKSANA)


def target_besaran(i):
    """The year's target of an IndikatorPohon as a Besaran (plan, node or IKU Kota)."""
    if i.row is not None:
        return besaran_indikator(i.row, "target")
    t = i.target
    return Besaran(
        nilai=t.angka, satuan=i.satuan or "", level=t.level.nama if t.level else "", teks=t.teks
    )


def _ind(n, dengan_target):
    return [
        {"uraian": i.uraian, "target": target_besaran(i) if dengan_target else None}
        for i in n.indikator
    ]


def _penanggung_jawab(n):
    """The jabatan responsible (it names the unit), else the unit."""
    return n.jabatan or n.unit_nama


def _daun(grup, nama="", sub=False, ind=(), anggaran=None, antara=False, node_id=None):
    return {
        **grup,
        "nama": nama,
        "sub": sub,
        "ind": list(ind),
        "anggaran": anggaran,
        "antara": antara,
        "node_id": node_id,
    }


def _pemda_di_atas(pohon, n):
    """The nearest kepala daerah node above `n` (its Tujuan / Sasaran RPJMD), or None."""
    while n is not None:
        if n.jenjang == Jenjang.PEMDA:
            return n
        n = pohon.node.get(n.induk_id) if n.induk_id else None
    return None


def _iku(pohon, pemda, hanya=None):
    """The IKU Kota of the RPJMD node (or of the nearest RPJMD node above it holding any);
    `hanya`: the set of IKU Kota ids a plan sasaran names (empty: it names none)."""
    n = pemda
    while n is not None and n.jenjang == Jenjang.PEMDA:
        iku = [i for i in n.indikator if i.rpjmd and (hanya is None or i.id in hanya)]
        if iku:
            return [{"uraian": i.uraian, "target": target_besaran(i)} for i in iku]
        n = pohon.node.get(n.induk_id) if n.induk_id else None
    return []


def _sasaran_nodes(pohon, opd_id):
    """The OPD's lowest eselon II nodes (its sasaran, or an eselon II node with nothing of
    the OPD's level below it), in tree order, each with the top eselon II node above it."""
    hasil = []
    for n in pohon.urut():
        if n.opd_id != opd_id or n.jenjang != Jenjang.OPD:
            continue
        if any(a.jenjang == Jenjang.OPD for a in n.anak):
            continue
        puncak = n
        while puncak.induk_id and pohon.node[puncak.induk_id].jenjang == Jenjang.OPD:
            puncak = pohon.node[puncak.induk_id]
        hasil.append((n, puncak))
    return hasil


class _Sasaran:
    """The leaf rows (kegiatan and sub-kegiatan lines) under one sasaran node."""

    def __init__(self, s, *, periode, semua_sub):
        self.s, self.periode, self.semua_sub = s, periode, semua_sub
        self.leaves, self.tanpa_pagu = [], 0

    def grup(self, p, atas=""):
        """The program-column cell of an eselon III node (or none)."""
        return {
            "program_id": p.id if p else None,
            "program": p.judul if p else "",
            "program_ind": _ind(p, p.hasil_antara) if p else [],
            "program_antara": bool(p and p.hasil_antara),
            "program_pj": _penanggung_jawab(p) if p else "",
            "program_atas": atas,
            "program_key": (self.s.id, p.id if p else None),
        }

    def kegiatan(self, g, n):
        """Rows of an eselon IV or pelaksana node and the nodes below it."""
        if n.jenjang == Jenjang.PELAKSANA:
            if n.objek_field == "sub_kegiatan" and not n.pagu and not self.semua_sub:
                self.tanpa_pagu += 1
            else:
                self.leaves.append(
                    _daun(
                        g,
                        n.judul,
                        sub=True,
                        ind=_ind(n, n.hasil_antara),
                        anggaran=n.pagu,
                        antara=n.hasil_antara,
                        node_id=n.id,
                    )
                )
        else:
            dua_level = self.periode.dua_level and n.objek_field == "kegiatan"
            self.leaves.append(
                _daun(
                    g,
                    n.judul,
                    ind=_ind(n, n.hasil_antara),
                    anggaran=n.pagu if dua_level else None,
                    antara=n.hasil_antara,
                    node_id=n.id,
                )
            )
        for a in n.anak:
            if a.jenjang in _TINGKAT_KEGIATAN:
                self.kegiatan(g, a)

    def program(self, p, atas=""):
        """An eselon III node's rows; an eselon III node below it follows as its own cell,
        naming the one it supports."""
        g = self.grup(p, atas)
        awal = len(self.leaves)
        for a in p.anak:
            if a.jenjang in _TINGKAT_KEGIATAN:
                self.kegiatan(g, a)
        if len(self.leaves) == awal:
            self.leaves.append(_daun(g))
        for a in p.anak:
            if a.jenjang == Jenjang.ESELON_III:
                self.program(a, p.judul)

    def susun(self):
        langsung = None
        for a in self.s.anak:
            if a.jenjang == Jenjang.ESELON_III:
                self.program(a)
            elif a.jenjang in _TINGKAT_KEGIATAN:
                langsung = langsung or self.grup(None)
                self.kegiatan(langsung, a)
        if not self.leaves:
            self.leaves.append(_daun(self.grup(None)))
        return self.leaves


def cascading_rows(pohon, *, opd, periode, lalu, iku_sasaran, semua_sub=False):
    """(rows, number of sub-kegiatan left out for lack of pagu). One row per kegiatan or
    sub-kegiatan line; spans are set by the caller. `iku_sasaran` ({Sasaran id: IKU Kota
    id or None}) keeps a plan sasaran to the IKU Kota it names (seed 002), as the review
    check `sasaran_tanpa_rpjmd` reads it; an intermediate eselon II node shows the IKU Kota
    of the RPJMD node above it."""
    rows, tanpa_pagu, tujuan_no = [], 0, {}
    for s, puncak in _sasaran_nodes(pohon, opd.pk):
        pemda = _pemda_di_atas(pohon, s)
        tujuan_no.setdefault(puncak.id, len(tujuan_no) + 1)
        head = {
            "tujuan_id": puncak.id,
            "tujuan_no": tujuan_no[puncak.id],
            "tujuan_rpjmd": pemda.judul if pemda else puncak.judul,
            "iku_kota": _iku(
                pohon,
                pemda,
                {iku_sasaran.get(s.objek_id)} - {None} if s.objek_field == "sasaran" else None,
            ),
            "sasaran_id": s.id,
            "sasaran": s.judul,
            "sasaran_antara": s.hasil_antara,
            "crosscutting": s.crosscutting_judul,
            "indikator": [
                {
                    "uraian": i.uraian,
                    "target": target_besaran(i),
                    "lalu": besaran_indikator(lalu[i.id]) if i.id in lalu else None,
                }
                for i in s.indikator
                if not i.rpjmd
            ],
        }
        bagian = _Sasaran(s, periode=periode, semua_sub=semua_sub)
        rows.extend({**head, **leaf} for leaf in bagian.susun())
        tanpa_pagu += bagian.tanpa_pagu
    return rows, tanpa_pagu


def pohon_ringkas(pohon, opd_id):
    """The small tree printed after the table: every node of the OPD's part of the tree
    (the RPJMD nodes it serves down to its kegiatan, intermediate results included) with
    depth, level, the jabatan and official responsible and the indicators with the year's
    target; the sub-kegiatan (pelaksana) of a node are named on one line under it."""
    simpan = {n.id for n in pohon.urut() if n.opd_id == opd_id}
    for pk in list(simpan):  # the RPJMD nodes above the OPD's nodes
        n = pohon.node[pk]
        while n.induk_id:
            n = pohon.node[n.induk_id]
            simpan.add(n.id)
    return [
        {
            "kedalaman": n.kedalaman,
            "jenjang": n.jenjang_label,
            "judul": n.judul,
            "kode": n.kode,
            "antara": n.hasil_antara,
            "penanggung_jawab": _penanggung_jawab(n) or n.opd_nama,
            "pejabat": n.pejabat_nama,
            "indikator": [
                {"uraian": i.uraian, "target": target_besaran(i), "iku": i.rpjmd}
                for i in n.indikator
            ],
            "crosscutting": n.crosscutting_judul,
            "kontributor": n.kontributor,
            "sub": [a.judul for a in n.anak if a.jenjang == Jenjang.PELAKSANA and a.id in simpan],
        }
        for n in pohon.urut()
        if n.id in simpan and n.jenjang != Jenjang.PELAKSANA
    ]
