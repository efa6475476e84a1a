"""The read model of the pohon kinerja (renstra.models.pohon): each node of a Pemda's tree
for a year up to a quarter, with its indicators (the plan object's own, or those the node
owns, or the IKU Kota of an RPJMD node), their targets and capaian from the one indicator
read model (kinerja.selectors.indikator_rows_q), the node's pagu from
anggaran.selectors.anggaran_rows, and the node's capaian.

A node's capaian is the mean of its indicators' capaian (sakip.capaian.rata_rata, capped
figures when the Pemda caps); a node whose indicators have no figure (an RPJMD node: the
IKU Kota realisation is not entered here) takes the mean of its children's. The tree page,
its PDF and XLSX, the PK per jenjang, the SKP export and the review checks read these rows.

A fixed number of queries whatever the number of nodes and indicators: nodes, crosscutting
links, the indicator rows (four), IKU Kota with their targets (two), yearly targets of all
years (one), and per OPD in the tree its budget roll-up (six)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from anggaran import selectors as anggaran_selectors
from kinerja import selectors
from renstra import selectors as renstra_selectors
from renstra.models import (
    IndikatorRPJMD,
    Jenjang,
    NodePohon,
    PeriodeRPJMD,
    TargetRPJMD,
    TargetTahunan,
)
from sakip import capaian as rules

JENJANG_LABEL = dict(Jenjang.choices)
JENJANG_SINGKAT = {
    Jenjang.PEMDA: "Kepala Daerah",
    Jenjang.OPD: "Eselon II",
    Jenjang.ESELON_III: "Eselon III",
    Jenjang.ESELON_IV: "Eselon IV",
    Jenjang.PELAKSANA: "Sub Kegiatan",
}
# Which IndikatorRow.tingkat holds the indicators of a node reusing a plan object.
_TINGKAT_OBJEK = {
    "tujuan": "tujuan",
    "sasaran": "sasaran",
    "program": "program",
    "kegiatan": "kegiatan",
    "sub_kegiatan": "sub_kegiatan",
}


@dataclass
class IndikatorPohon:
    """One indicator of a node: a plan or node Indikator (`row` from the read model) or an
    IKU Kota (`rpjmd`, target only)."""

    id: int
    uraian: str
    satuan: str
    rpjmd: bool
    target: selectors.Nilai
    row: selectors.IndikatorRow | None = None
    tahun_bertarget: frozenset = frozenset()

    @property
    def capaian(self) -> rules.Hasil:
        if self.row is None:
            return rules.kosong("belum dapat dinilai: realisasi IKU kota tidak dicatat di sini")
        return self.row.capaian

    @property
    def capaian_triwulan(self) -> rules.Hasil:
        return self.row.capaian_triwulan if self.row else rules.kosong()

    @property
    def realisasi(self) -> selectors.Nilai:
        return self.row.nilai_realisasi if self.row else selectors.Nilai()

    @property
    def predikat(self):
        return self.row.predikat if self.row else None


@dataclass
class NodeRow:
    """One node of the tree with what every surface shows of it."""

    id: int
    induk_id: int | None
    jenjang: str
    objek_field: str | None
    objek_id: int | None
    kode: str
    judul: str
    opd_id: int | None
    opd_nama: str
    periode_id: int | None
    unit_id: int | None
    unit_nama: str
    jabatan: str
    pejabat_id: int | None
    pejabat_nama: str
    urutan: int
    indikator: list[IndikatorPohon] = field(default_factory=list)
    anak: list["NodeRow"] = field(default_factory=list)
    crosscutting: list[int] = field(default_factory=list)  # other nodes it also serves
    crosscutting_judul: list[str] = field(default_factory=list)
    didukung: list[int] = field(default_factory=list)  # crosscutting nodes serving it
    pagu: Decimal | None = None
    capaian: rules.Hasil = field(default_factory=rules.kosong)
    predikat: rules.Tingkat | None = None
    kedalaman: int = 0
    kontributor: list[str] = field(default_factory=list)  # OPDs below / serving it

    @property
    def jenjang_label(self):
        return JENJANG_SINGKAT.get(self.jenjang, self.jenjang)

    @property
    def jenjang_uraian(self):
        return JENJANG_LABEL.get(self.jenjang, self.jenjang)

    @property
    def hasil_antara(self) -> bool:
        """An intermediate result: no Renstra / RPJMD object, indicators of its own."""
        return self.objek_field is None


@dataclass
class Pohon:
    """The tree of an RPJMD period (or the part a user may see) for a year and quarter."""

    periode_rpjmd: PeriodeRPJMD
    tahun: int
    triwulan: int
    akar: list[NodeRow]
    node: dict[int, NodeRow]
    anggaran: dict = field(default_factory=dict)  # {Renstra period id: its budget roll-up}

    def urut(self) -> list[NodeRow]:
        """Depth-first, in tree order (what the PDF and XLSX print)."""
        hasil = []

        def jalan(n):
            hasil.append(n)
            for a in n.anak:
                jalan(a)

        for a in self.akar:
            jalan(a)
        return hasil

    def milik_pejabat(self, pejabat_id) -> list[NodeRow]:
        return [n for n in self.urut() if n.pejabat_id == pejabat_id]

    @property
    def kedalaman_maks(self) -> int:
        return max((n.kedalaman for n in self.node.values()), default=0)


def periode_rpjmd_untuk(pemda, tahun):
    """The Pemda's RPJMD period covering `tahun` (the latest start wins), or None."""
    pemda_id = getattr(pemda, "pk", pemda)
    return (
        PeriodeRPJMD.objects.filter(
            pemda_id=pemda_id, tahun_awal__lte=tahun, tahun_akhir__gte=tahun
        )
        .order_by("-tahun_awal")
        .first()
    )


def _nilai_target(t):
    if not t:
        return selectors.Nilai()
    return selectors.Nilai(t.get("nilai"), None, t.get("teks") or "")


def pohon_rows(
    periode_rpjmd, tahun, triwulan=4, *, opd=None, unit_id=None, skala=None, status=None
) -> Pohon:
    """The tree of `periode_rpjmd` for `tahun` up to `triwulan`.

    `opd` keeps the Pemda's nodes and that OPD's (a page of one OPD reads only its rows);
    `unit_id` keeps only the nodes of one unit (an operator's view: a node whose parent is
    not kept becomes a root). `skala` is the predicate scale (renstra.selectors.skala_predikat)."""
    if skala is None:
        skala = renstra_selectors.skala_predikat(periode_rpjmd.pemda_id)
    nodes = NodePohon.objects.filter(periode_rpjmd=periode_rpjmd)
    opd_id = getattr(opd, "pk", opd)
    if opd_id is not None:
        nodes = nodes.filter(Q(opd__isnull=True) | Q(opd_id=opd_id))
    if unit_id is not None:
        nodes = nodes.filter(unit_id=unit_id)
    nodes = list(
        nodes.select_related(
            "opd",
            "unit",
            "pejabat",
            "tujuan_rpjmd",
            "sasaran_rpjmd",
            "tujuan",
            "sasaran",
            "program",
            "kegiatan",
            "sub_kegiatan",
        ).order_by("urutan", "id")
    )
    ids = {n.pk for n in nodes}
    rows = {}
    for n in nodes:
        f = n.objek_field
        obj = n.objek
        rows[n.pk] = NodeRow(
            id=n.pk,
            induk_id=n.induk_id if n.induk_id in ids else None,
            jenjang=n.jenjang,
            objek_field=f,
            objek_id=obj.pk if obj else None,
            kode=getattr(obj, "kode", "") if obj else "",
            judul=n.judul,
            opd_id=n.opd_id,
            opd_nama=n.opd.nama if n.opd_id else "",
            periode_id=n.periode_id,
            unit_id=n.unit_id,
            unit_nama=n.unit.nama if n.unit_id else "",
            jabatan=n.jabatan,
            pejabat_id=n.pejabat_id,
            pejabat_nama=n.pejabat.nama if n.pejabat_id else "",
            urutan=n.urutan,
        )
    through = NodePohon.crosscutting.through.objects.filter(
        from_nodepohon_id__in=ids, to_nodepohon_id__in=ids
    ).values_list("from_nodepohon_id", "to_nodepohon_id")
    for dari, ke in through:
        rows[dari].crosscutting.append(ke)
        rows[dari].crosscutting_judul.append(rows[ke].judul)
        rows[ke].didukung.append(dari)

    _isi_indikator(rows, tahun, triwulan, skala, status)
    anggaran = _isi_pagu(rows, tahun, triwulan, status)

    akar = []
    for r in rows.values():
        (rows[r.induk_id].anak if r.induk_id else akar).append(r)
    for r in rows.values():
        r.anak.sort(key=lambda a: (a.urutan, a.kode, a.id))
    akar.sort(key=lambda a: (a.urutan, a.kode, a.id))

    def hitung(r, kedalaman):
        r.kedalaman = kedalaman
        for a in r.anak:
            hitung(a, kedalaman + 1)
        sendiri = rules.rata_rata(i.capaian for i in r.indikator)
        if sendiri is None:
            sendiri = rules.rata_rata(a.capaian for a in r.anak)
        r.capaian = rules.Hasil(sendiri) if sendiri is not None else rules.kosong()
        r.predikat = rules.predikat(r.capaian, skala)
        opd = {r.opd_nama} if r.opd_nama else set()
        for a in r.anak:
            opd.update(a.kontributor)
        for d in r.didukung:
            opd.update(rows[d].kontributor or ([rows[d].opd_nama] if rows[d].opd_nama else []))
        r.kontributor = sorted(opd)

    # crosscutting supporters first so a Pemda node sees their contributors
    for r in sorted(akar, key=lambda a: a.jenjang == Jenjang.PEMDA):
        hitung(r, 0)
    return Pohon(periode_rpjmd, tahun, triwulan, akar, rows, anggaran)


def _isi_indikator(rows, tahun, triwulan, skala, status):
    """Attach each node's indicators (plan, node-owned and IKU Kota): a fixed set of queries."""
    q = Q(pk__in=[])
    per_objek = {}
    for r in rows.values():
        if r.objek_field in _TINGKAT_OBJEK:
            per_objek.setdefault((_TINGKAT_OBJEK[r.objek_field], r.objek_id), []).append(r)
    for tingkat in _TINGKAT_OBJEK.values():
        pemilik = [k[1] for k in per_objek if k[0] == tingkat]
        if pemilik:
            q |= Q(**{f"{tingkat}_id__in": pemilik})
    sendiri = [r.id for r in rows.values() if r.objek_field is None]
    if sendiri:
        q |= Q(node_pohon_id__in=sendiri)
    indikator_rows = selectors.indikator_rows_q(q, tahun, triwulan, skala=skala, status=status)
    bertarget = {}
    for ind_id, th in (
        TargetTahunan.objects.filter(indikator_id__in=list(indikator_rows))
        .filter(Q(nilai__isnull=False) | Q(level__isnull=False) | ~Q(teks=""))
        .values_list("indikator_id", "tahun")
    ):
        bertarget.setdefault(ind_id, set()).add(th)
    for row in sorted(indikator_rows.values(), key=lambda x: (x.urutan, x.id)):
        if row.tingkat == "node_pohon":
            targets = [rows[row.pemilik_id]] if row.pemilik_id in rows else []
        else:
            targets = per_objek.get((row.tingkat, row.pemilik_id), [])
        for r in targets:
            r.indikator.append(
                IndikatorPohon(
                    id=row.id,
                    uraian=row.uraian,
                    satuan=row.satuan,
                    rpjmd=False,
                    target=row.nilai_target,
                    row=row,
                    tahun_bertarget=frozenset(bertarget.get(row.id, ())),
                )
            )

    rpjmd_t = {r.objek_id: r for r in rows.values() if r.objek_field == "tujuan_rpjmd"}
    rpjmd_s = {r.objek_id: r for r in rows.values() if r.objek_field == "sasaran_rpjmd"}
    if not rpjmd_t and not rpjmd_s:
        return
    iku = list(
        IndikatorRPJMD.objects.filter(
            Q(tujuan_rpjmd_id__in=list(rpjmd_t), sasaran_rpjmd__isnull=True)
            | Q(sasaran_rpjmd_id__in=list(rpjmd_s))
        ).order_by("urutan", "id")
    )
    targets = {}
    for t in TargetRPJMD.objects.filter(indikator__in=[i.pk for i in iku]).values(
        "indikator_id", "tahun", "nilai", "teks"
    ):
        targets[(t["indikator_id"], t["tahun"])] = t
    for i in iku:
        node = (
            rpjmd_s.get(i.sasaran_rpjmd_id)
            if i.sasaran_rpjmd_id
            else rpjmd_t.get(i.tujuan_rpjmd_id)
        )
        if node is None:
            continue
        node.indikator.append(
            IndikatorPohon(
                id=i.pk,
                uraian=i.uraian,
                satuan=i.satuan,
                rpjmd=True,
                target=_nilai_target(targets.get((i.pk, tahun))),
                tahun_bertarget=frozenset(
                    th
                    for (ind, th), t in targets.items()
                    if ind == i.pk and (t["nilai"] is not None or t["teks"])
                ),
            )
        )


def _isi_pagu(rows, tahun, triwulan, status):
    """The pagu in force of nodes reusing a program, kegiatan or sub-kegiatan: one budget
    roll-up per Renstra period in the tree (six queries each). Returns the roll-ups by
    period id (a document's total reads them)."""
    periode_ids = sorted(
        {
            r.periode_id
            for r in rows.values()
            if r.periode_id and r.objek_field in ("program", "kegiatan", "sub_kegiatan")
        }
    )
    hasil = {}
    for periode_id in periode_ids:
        rollup = hasil[periode_id] = anggaran_selectors.anggaran_rows(
            periode_id, tahun, triwulan, status
        )
        per = {t: rollup.per_id(t) for t in ("program", "kegiatan", "sub_kegiatan")}
        for r in rows.values():
            if r.periode_id == periode_id and r.objek_field in per:
                ang = per[r.objek_field].get(r.objek_id)
                # a level without any pagu adds up to 0 in the roll-up: shown as none
                r.pagu = ang.pagu if ang and ang.pagu else None
    return hasil


# --- targets for each official's SKP (PermenPAN-RB 6/2022) -------------------------------


@dataclass
class SkpRow:
    """One rencana hasil kerja (RHK) of an official with one indicator: what HR enters into
    the e-Kinerja / SKP system, and the realisation per quarter read from the realisations
    entered for the official's node (the read model's quarterly values)."""

    nip: str
    nama: str
    jabatan: str
    unit: str
    rencana_hasil_kerja: str
    indikator: str
    target: selectors.Nilai
    satuan: str
    rhk_atasan: str  # the superior's RHK (the parent node) it supports
    node_id: int
    indikator_id: int | None
    realisasi_triwulan: dict  # {1..4: Nilai}
    capaian: rules.Hasil


def skp_rows(pohon: Pohon, pejabat) -> list[SkpRow]:
    """Every node of `pejabat` in `pohon` (read for the year to TW IV) with each of its
    indicators, in tree order. A node without indicators still gives one row (empty
    indicator) so HR sees the result; no query."""
    rows = []
    unit_nama = pejabat.unit.nama if pejabat.unit_id else ""
    for n in pohon.milik_pejabat(pejabat.pk):
        induk = pohon.node.get(n.induk_id) if n.induk_id else None
        umum = {
            "nip": pejabat.nip,
            "nama": pejabat.nama,
            "jabatan": pejabat.jabatan_tertulis,
            "unit": n.unit_nama or unit_nama,
            "rencana_hasil_kerja": n.judul,
            "rhk_atasan": induk.judul if induk else "",
            "node_id": n.id,
        }
        for i in n.indikator or [None]:
            rows.append(
                SkpRow(
                    **umum,
                    indikator=i.uraian if i else "",
                    target=i.target if i else selectors.Nilai(),
                    satuan=i.satuan if i else "",
                    indikator_id=i.id if i else None,
                    realisasi_triwulan={
                        tw: (i.row.nilai_pada(tw) if i and i.row else selectors.Nilai())
                        for tw in (1, 2, 3, 4)
                    },
                    capaian=i.capaian if i else rules.kosong(),
                )
            )
    return rows


# --- crosscutting on the Pemda dashboard --------------------------------------------------


@dataclass
class KontribusiOPD:
    """One OPD contributing to an RPJMD node: its nodes linked to it directly (a child or a
    crosscutting link); empty when it contributes only further down (through a sasaran)."""

    opd_id: int
    opd_nama: str
    node: list[str] = field(default_factory=list)


@dataclass
class KontribusiRPJMD:
    """One RPJMD tujuan or sasaran (kepala daerah level) with its IKU Kota and the OPDs
    serving it, the same contributors as NodeRow.kontributor of the tree."""

    id: int
    kode: str
    judul: str
    kedalaman: int
    iku: list[str] = field(default_factory=list)
    opd: list[KontribusiOPD] = field(default_factory=list)


def kontribusi_rpjmd(pemda, tahun) -> list[KontribusiRPJMD]:
    """Per RPJMD tujuan / sasaran node of the tree of the period covering `tahun`, which OPDs
    contribute (their nodes below it, or crosscutting to it or to a node below it), in tree
    order. Four queries whatever the size of the tree; no figures (those stay on the tree
    page)."""
    periode = periode_rpjmd_untuk(pemda, tahun)
    if periode is None:
        return []
    nodes = {
        n.pk: n
        for n in NodePohon.objects.filter(periode_rpjmd=periode)
        .select_related("opd", "tujuan_rpjmd", "sasaran_rpjmd", "tujuan", "sasaran")
        .select_related("program", "kegiatan", "sub_kegiatan")
        .order_by("urutan", "id")
    }
    anak, didukung = {}, {}
    for n in nodes.values():
        if n.induk_id in nodes:
            anak.setdefault(n.induk_id, []).append(n.pk)
    for dari, ke in NodePohon.crosscutting.through.objects.filter(
        from_nodepohon_id__in=list(nodes), to_nodepohon_id__in=list(nodes)
    ).values_list("from_nodepohon_id", "to_nodepohon_id"):
        didukung.setdefault(ke, []).append(dari)
    iku = {}
    for i in IndikatorRPJMD.objects.filter(tujuan_rpjmd__periode_rpjmd=periode).order_by(
        "urutan", "id"
    ):
        kunci = ("sasaran_rpjmd", i.sasaran_rpjmd_id) if i.sasaran_rpjmd_id else None
        iku.setdefault(kunci or ("tujuan_rpjmd", i.tujuan_rpjmd_id), []).append(i.uraian)

    kontributor = {}

    def opd_dari(pk, jalan=frozenset()):
        """OPD ids of a node: its own, its children's and its crosscutting supporters'."""
        if pk in kontributor:
            return kontributor[pk]
        if pk in jalan:
            return set()  # a crosscutting cycle: counted once
        jalan = jalan | {pk}
        hasil = {nodes[pk].opd_id} if nodes[pk].opd_id else set()
        for a in anak.get(pk, []) + didukung.get(pk, []):
            hasil |= opd_dari(a, jalan)
        kontributor[pk] = hasil
        return hasil

    hasil = []

    def jalan_pemda(pk, kedalaman):
        n = nodes[pk]
        langsung = {}
        for a in anak.get(pk, []) + didukung.get(pk, []):
            m = nodes[a]
            if m.opd_id:
                langsung.setdefault(m.opd_id, []).append(m.judul)
        opd = [
            KontribusiOPD(o, nodes_opd[o], langsung.get(o, []))
            for o in sorted(opd_dari(pk), key=lambda o: nodes_opd[o])
        ]
        f = n.objek_field
        hasil.append(
            KontribusiRPJMD(
                id=pk,
                kode=getattr(n.objek, "kode", "") if f else "",
                judul=n.judul,
                kedalaman=kedalaman,
                iku=iku.get((f, getattr(n, f"{f}_id")), []) if f else [],
                opd=opd,
            )
        )
        for a in anak.get(pk, []):
            if nodes[a].jenjang == Jenjang.PEMDA:
                jalan_pemda(a, kedalaman + 1)

    nodes_opd = {n.opd_id: n.opd.nama for n in nodes.values() if n.opd_id}
    for pk, n in nodes.items():
        if n.jenjang == Jenjang.PEMDA and n.induk_id not in nodes:
            jalan_pemda(pk, 0)
    return hasil
