"""Review checks of a pohon kinerja (issue 16 item 4): what the perencana and Bappeda run
before a tree is set. Each check is a pure function over the tree's read model
(kinerja.selectors_pohon.Pohon) and, where it needs the plan beside the tree, a `Rencana`
of plain rows (`rencana_telaah` reads it in three queries). Each returns `Temuan`s; a
`peringatan` is advice, never a block.

    node_tanpa_indikator        a node without an indicator
    indikator_tanpa_target      an indicator without a target for the year (or given years)
    sasaran_tanpa_rpjmd         an OPD sasaran linked to no RPJMD tujuan / sasaran
    anggaran_tanpa_node         a program or kegiatan with pagu that serves no node
    anak_di_luar_unit           a node whose children belong to other units
    indikator_aktivitas         an indicator that counts activities where an outcome is
                                expected (heuristic on satuan and wording: a warning)
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from anggaran import selectors as anggaran_selectors
from renstra.models import Jenjang, PeriodeRenstra, Sasaran

GALAT, PERINGATAN = "galat", "peringatan"


@dataclass(frozen=True)
class Temuan:
    """One finding: which check, how serious, which node / indicator / plan object."""

    cek: str
    tingkat: str  # galat or peringatan
    pesan: str
    node_id: int | None = None
    indikator_id: int | None = None
    objek: str = ""  # "program:12" for a plan object without a node


@dataclass(frozen=True)
class ObjekAnggaran:
    tingkat: str  # program / kegiatan
    id: int
    kode: str
    nama: str
    pagu: Decimal | None


@dataclass(frozen=True)
class SasaranRencana:
    id: int
    kode: str
    uraian: str
    iku_kota_id: int | None


@dataclass
class Rencana:
    """The plan beside the tree: the Renstra periods' years, their sasaran, and the programs
    and kegiatan with their pagu of the year."""

    tahun_periode: dict = field(default_factory=dict)  # periode_id -> (awal, akhir)
    sasaran: list = field(default_factory=list)
    anggaran: list = field(default_factory=list)


def rencana_telaah(pohon, *, opd=None) -> Rencana:
    """The Rencana of the Renstra periods in `pohon` (or of `opd` within its RPJMD period)."""
    rpjmd = pohon.periode_rpjmd
    periode = PeriodeRenstra.objects.filter(periode_rpjmd=rpjmd)
    if opd is not None:
        periode = periode.filter(opd=opd)
    periode = list(periode.order_by("opd_id", "-versi"))
    hasil = Rencana(tahun_periode={p.pk: (p.tahun_awal, p.tahun_akhir) for p in periode})
    hasil.sasaran = [
        SasaranRencana(s.pk, s.kode, s.uraian, s.iku_kota_id)
        for s in Sasaran.objects.filter(periode__in=periode).order_by("periode_id", "urutan")
    ]
    for p in periode:
        rollup = anggaran_selectors.anggaran_rows(p, pohon.tahun, pohon.triwulan)
        for tingkat in ("program", "kegiatan"):
            hasil.anggaran.extend(
                ObjekAnggaran(tingkat, r.id, r.kode, r.nama, r.pagu)
                for r in getattr(rollup, tingkat)
            )
    return hasil


def node_tanpa_indikator(pohon):
    """Every node needs at least one indicator (its own, its plan object's or IKU Kota)."""
    return [
        Temuan("node_tanpa_indikator", GALAT, f"Node “{n.judul}” belum memiliki indikator.", n.id)
        for n in pohon.urut()
        if not n.indikator
    ]


def indikator_tanpa_target(pohon, rencana: Rencana, tahun_list=None):
    """An indicator needs a target for each year of `tahun_list` (default the tree's year)
    that lies in its period (the Renstra period of its node; the RPJMD period for IKU Kota)."""
    temuan, dilihat = [], set()
    rpjmd = pohon.periode_rpjmd
    tahun_list = [pohon.tahun] if tahun_list is None else list(tahun_list)
    for n in pohon.urut():
        if n.periode_id in rencana.tahun_periode:
            awal, akhir = rencana.tahun_periode[n.periode_id]
        else:
            awal, akhir = rpjmd.tahun_awal, rpjmd.tahun_akhir
        for i in n.indikator:
            kunci = (i.rpjmd, i.id)
            if kunci in dilihat:
                continue
            dilihat.add(kunci)
            kurang = [t for t in tahun_list if awal <= t <= akhir and t not in i.tahun_bertarget]
            if kurang:
                tahun = ", ".join(str(t) for t in kurang)
                temuan.append(
                    Temuan(
                        "indikator_tanpa_target",
                        GALAT,
                        f"Indikator “{i.uraian}” belum memiliki target tahun {tahun}.",
                        n.id,
                        i.id,
                    )
                )
    return temuan


def _melayani_pemda(pohon, n):
    node = n
    seen = set()
    while node is not None and node.id not in seen:
        seen.add(node.id)
        if node.jenjang == Jenjang.PEMDA:
            return True
        if any(
            pohon.node[c].jenjang == Jenjang.PEMDA for c in node.crosscutting if c in pohon.node
        ):
            return True
        node = pohon.node.get(node.induk_id) if node.induk_id else None
    return False


def sasaran_tanpa_rpjmd(pohon, rencana: Rencana):
    """An OPD sasaran must serve the RPJMD: it names the IKU Kota it supports, its node
    hangs under (or crosscuts to) an RPJMD node, and a sasaran without a node is reported."""
    temuan = [
        Temuan(
            "sasaran_tanpa_rpjmd",
            GALAT,
            f"Sasaran {s.kode} “{s.uraian}” tidak menyebut IKU kota / sasaran RPJMD yang "
            "didukungnya.",
            objek=f"sasaran:{s.id}",
        )
        for s in rencana.sasaran
        if s.iku_kota_id is None
    ]
    dengan_node = set()
    for n in pohon.urut():
        if n.objek_field != "sasaran":
            continue
        dengan_node.add(n.objek_id)
        if not _melayani_pemda(pohon, n):
            temuan.append(
                Temuan(
                    "sasaran_tanpa_rpjmd",
                    GALAT,
                    f"Sasaran “{n.judul}” tidak terhubung ke tujuan / sasaran RPJMD mana pun.",
                    n.id,
                )
            )
    for s in rencana.sasaran:
        if s.id not in dengan_node:
            temuan.append(
                Temuan(
                    "sasaran_tanpa_rpjmd",
                    GALAT,
                    f"Sasaran {s.kode} “{s.uraian}” belum ada di pohon kinerja.",
                    objek=f"sasaran:{s.id}",
                )
            )
    return temuan


def anggaran_tanpa_node(pohon, rencana: Rencana):
    """Money must serve the tree: a program or kegiatan with pagu but no node."""
    ada = {(n.objek_field, n.objek_id) for n in pohon.node.values()}
    return [
        Temuan(
            "anggaran_tanpa_node",
            GALAT,
            f"{o.tingkat.capitalize()} {o.kode} {o.nama} memiliki pagu tetapi tidak mendukung "
            "node pohon kinerja mana pun.",
            objek=f"{o.tingkat}:{o.id}",
        )
        for o in rencana.anggaran
        if o.pagu and (o.tingkat, o.id) not in ada
    ]


def anak_di_luar_unit(pohon):
    """A unit's result is made by that unit: a child node of another unit is reported (the
    Pemda and OPD levels, which have no unit, are not checked)."""
    temuan = []
    for n in pohon.urut():
        if not n.unit_id:
            continue
        lain = [a for a in n.anak if a.unit_id and a.unit_id != n.unit_id]
        for a in lain:
            temuan.append(
                Temuan(
                    "anak_di_luar_unit",
                    GALAT,
                    f"Node “{a.judul}” ({a.unit_nama}) berada di bawah “{n.judul}” milik "
                    f"{n.unit_nama}.",
                    a.id,
                )
            )
    return temuan


# Units and words that count activities or products rather than results.
SATUAN_AKTIVITAS = {
    "kegiatan",
    "kali",
    "laporan",
    "dokumen",
    "paket",
    "rapat",
    "keg",
}
_KATA_AKTIVITAS = re.compile(
    r"^\s*(jumlah\s+(kegiatan|laporan|dokumen|rapat|sosialisasi|pelatihan)|"
    r"terlaksananya|terselenggaranya|tersusunnya|frekuensi|banyaknya\s+kegiatan)",
    re.IGNORECASE,
)
JENJANG_OUTCOME = {Jenjang.PEMDA, Jenjang.OPD, Jenjang.ESELON_III}


def kata_aktivitas(uraian: str, satuan: str) -> bool:
    """The heuristic: the satuan is a count of activities or documents, or the wording
    starts like an output ("Jumlah kegiatan …", "Terlaksananya …")."""
    return (satuan or "").strip().lower() in SATUAN_AKTIVITAS or bool(
        _KATA_AKTIVITAS.match(uraian or "")
    )


def indikator_aktivitas(pohon):
    """Where an outcome is expected (Pemda, OPD, eselon III) an indicator that counts
    activities is a warning, never a block."""
    temuan = []
    for n in pohon.urut():
        if n.jenjang not in JENJANG_OUTCOME:
            continue
        for i in n.indikator:
            if kata_aktivitas(i.uraian, i.satuan):
                temuan.append(
                    Temuan(
                        "indikator_aktivitas",
                        PERINGATAN,
                        f"Indikator “{i.uraian}” ({i.satuan or 'tanpa satuan'}) menghitung "
                        f"aktivitas; pada jenjang {n.jenjang_label} diharapkan indikator hasil "
                        "(outcome).",
                        n.id,
                        i.id,
                    )
                )
    return temuan


CEK = {
    "node_tanpa_indikator": "Node tanpa indikator",
    "indikator_tanpa_target": "Indikator tanpa target tahunan",
    "sasaran_tanpa_rpjmd": "Sasaran OPD tanpa keterkaitan RPJMD",
    "anggaran_tanpa_node": "Program / kegiatan berpagu tanpa node",
    "anak_di_luar_unit": "Node anak di luar unit induknya",
    "indikator_aktivitas": "Indikator aktivitas pada jenjang outcome",
}


def telaah(pohon, rencana: Rencana) -> dict:
    """Every check: {cek: [Temuan]} in the order of CEK."""
    return {
        "node_tanpa_indikator": node_tanpa_indikator(pohon),
        "indikator_tanpa_target": indikator_tanpa_target(pohon, rencana),
        "sasaran_tanpa_rpjmd": sasaran_tanpa_rpjmd(pohon, rencana),
        "anggaran_tanpa_node": anggaran_tanpa_node(pohon, rencana),
        "anak_di_luar_unit": anak_di_luar_unit(pohon),
        "indikator_aktivitas": indikator_aktivitas(pohon),
    }
