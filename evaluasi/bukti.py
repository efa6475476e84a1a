"""The evidence map: rules that judge an LKE criterion from what SAKIP already holds
(reference §5, the ★ criteria), each returning its facts with a link to each.

A rule proposes; a person confirms or overrides with a note (services.jawaban_simpan).
Each rule runs a fixed number of queries, whatever the size of the OPD."""

import calendar
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.urls import reverse

from anggaran.models import DPA
from evaluasi.models import Pemantauan
from kinerja.models import Realisasi, RencanaAksi, StatusDokumen
from laporan.models import JenjangPK, LaporanKinerja, PerjanjianKinerja
from laporan.selectors.pohon import pohon_untuk
from laporan.selectors.umum import DokumenTidakAda
from renstra.lingkup import periode_untuk
from renstra.models import Jenjang, Sasaran, UnitKerja
from sakip.alur import StatusRealisasi

TRIWULAN = (1, 2, 3, 4)
# The LKjIP chapters a report must carry (PermenPAN-RB 53/2014, Lampiran: Ikhtisar
# Eksekutif, BAB I Pendahuluan, BAB III Akuntabilitas Kinerja, BAB IV Penutup).
BAB_LKJIP = (
    ("ikhtisar_eksekutif", "Ikhtisar Eksekutif"),
    ("latar_belakang", "BAB I latar belakang"),
    ("gambaran_organisasi", "BAB I gambaran organisasi"),
    ("analisis_umum", "BAB III capaian kinerja"),
    ("kesimpulan", "BAB IV penutup"),
)


@dataclass
class Fakta:
    """What a rule found. `persen`: the share of the required items present (0–100),
    from which the proposal is made; `alasan`: one sentence a person can check;
    `tautan`: (label, url) of every record the rule read."""

    persen: Decimal
    alasan: str
    tautan: list = field(default_factory=list)
    rincian: list = field(default_factory=list)  # the items missing, one line each

    @property
    def terpenuhi(self):
        return self.persen >= 100


def saran(fakta, skala):
    """The proposed answer on the criterion's scale: Y only when everything is there;
    A–E by coverage (A all, B ≥ 75 %, C ≥ 50 %, D ≥ 25 %, else E), the bands regional
    LKE guides use for coverage criteria (reference §3.2)."""
    if fakta is None:
        return ""
    if skala == "YT":
        return "Y" if fakta.terpenuhi else "T"
    p = fakta.persen
    if p >= 100:
        return "A"
    if p >= 75:
        return "B"
    if p >= 50:
        return "C"
    if p >= 25:
        return "D"
    return "E"


def _persen(ada, semua):
    if not semua:
        return Decimal(0)
    return Decimal(ada) * 100 / Decimal(semua)


def tambah_bulan(tanggal, bulan=1):
    """The same day `bulan` months later (the last day of a shorter month)."""
    m = tanggal.month - 1 + bulan
    tahun, m = tanggal.year + m // 12, m % 12 + 1
    return datetime.date(tahun, m, min(tanggal.day, calendar.monthrange(tahun, m)[1]))


def batas_lkjip(tahun):
    """The LKjIP is due three months after the year it reports (Perpres 29/2014 art. 20:
    "paling lambat 3 (tiga) bulan setelah tahun anggaran berakhir")."""
    return datetime.date(tahun + 1, 3, 31)


def _url(name, *args, query=""):
    url = reverse(name, args=args)
    return f"{url}?{query}" if query else url


# --- the rules ----------------------------------------------------------------------------


def pk_tepat_waktu(evaluasi):
    """The PK of the year is final and signed at most one month after the DPA was approved
    (PermenPAN-RB 53/2014: the PK is drawn up at the latest one month after the budget
    document is approved)."""
    opd, tahun = evaluasi.opd, evaluasi.tahun
    pk = PerjanjianKinerja.objects.filter(
        opd=opd, tahun=tahun, versi=1, jenjang=JenjangPK.OPD
    ).first()
    dpa = DPA.objects.filter(opd=opd, tahun=tahun, berlaku_mulai=1).first()
    tautan = [("Perjanjian Kinerja", _url("laporan:pk", opd.slug, tahun))]
    if pk is None or pk.status != StatusDokumen.FINAL:
        return Fakta(Decimal(0), f"PK {tahun} belum difinalkan.", tautan)
    if dpa is None or dpa.tanggal is None:
        return Fakta(Decimal(0), f"Tanggal pengesahan DPA {tahun} belum dicatat.", tautan)
    batas = tambah_bulan(dpa.tanggal)
    if pk.tanggal > batas:
        return Fakta(
            Decimal(0),
            f"PK ditandatangani {pk.tanggal:%d-%m-%Y}, melewati batas {batas:%d-%m-%Y} "
            f"(satu bulan setelah DPA {dpa.tanggal:%d-%m-%Y}).",
            tautan,
        )
    return Fakta(
        Decimal(100),
        f"PK final, ditandatangani {pk.tanggal:%d-%m-%Y}, dalam satu bulan setelah DPA "
        f"{dpa.tanggal:%d-%m-%Y}.",
        tautan,
    )


def iku_lengkap(evaluasi):
    """Every sasaran of the Renstra has an IKU, and every IKU states its formula and its
    data source."""
    opd, tahun = evaluasi.opd, evaluasi.tahun
    periode = periode_untuk(opd.pk, tahun)
    tautan = [("Dokumen IKU", _url("laporan:iku", opd.slug, tahun))]
    if periode is None:
        return Fakta(Decimal(0), f"Belum ada Renstra yang mencakup {tahun}.", tautan)
    sasaran = list(
        Sasaran.objects.filter(periode=periode)
        .annotate(
            iku=Count("indikator_set", filter=Q(indikator_set__is_iku=True), distinct=True),
            iku_lengkap=Count(
                "indikator_set",
                filter=Q(indikator_set__is_iku=True)
                & ~Q(indikator_set__formula="")
                & ~Q(indikator_set__sumber_data=""),
                distinct=True,
            ),
        )
        .order_by("urutan", "kode")
    )
    kurang = [
        f"Sasaran {s.kode}: "
        + ("belum ada IKU" if not s.iku else "IKU tanpa formula atau sumber data")
        for s in sasaran
        if not s.iku or s.iku_lengkap < s.iku
    ]
    if not sasaran:
        return Fakta(Decimal(0), "Renstra belum memuat sasaran.", tautan)
    ada = len(sasaran) - len(kurang)
    return Fakta(
        _persen(ada, len(sasaran)),
        f"{ada} dari {len(sasaran)} sasaran memiliki IKU dengan formula dan sumber data.",
        tautan,
        kurang,
    )


def realisasi_triwulan(evaluasi):
    """Realisations were entered and verified for every quarter of the year."""
    opd, tahun = evaluasi.opd, evaluasi.tahun
    baris = {
        r["triwulan"]: r
        for r in Realisasi.objects.filter(indikator__periode__opd=opd, tahun=tahun)
        .values("triwulan")
        .annotate(
            semua=Count("pk"),
            terverifikasi=Count("pk", filter=Q(status=StatusRealisasi.DIVERIFIKASI)),
        )
    }
    tautan = [
        (f"Pengukuran TW {t}", _url("laporan:pengukuran", opd.slug, tahun, t)) for t in TRIWULAN
    ]
    kurang = []
    for t in TRIWULAN:
        r = baris.get(t)
        if not r:
            kurang.append(f"TW {t}: belum ada realisasi")
        elif r["terverifikasi"] < r["semua"]:
            kurang.append(f"TW {t}: {r['semua'] - r['terverifikasi']} realisasi belum diverifikasi")
    ada = len(TRIWULAN) - len(kurang)
    return Fakta(
        _persen(ada, len(TRIWULAN)),
        f"{ada} dari 4 triwulan terisi dan seluruh realisasinya terverifikasi.",
        tautan,
        kurang,
    )


def rencana_aksi_unit(evaluasi):
    """Every unit of the OPD has a final Rencana Aksi for the year."""
    opd, tahun = evaluasi.opd, evaluasi.tahun
    final = set(
        RencanaAksi.objects.filter(
            unit__opd=opd, tahun=tahun, status=StatusDokumen.FINAL
        ).values_list("unit_id", flat=True)
    )
    units = list(UnitKerja.objects.filter(opd=opd).order_by("urutan", "nama"))
    tautan = [
        (
            f"Rencana Aksi {u.singkatan or u.nama}",
            _url("laporan:rencana_aksi", opd.slug, tahun, query=f"unit={u.slug}"),
        )
        for u in units
    ]
    kurang = [f"{u.nama}: Rencana Aksi belum final" for u in units if u.pk not in final]
    ada = len(units) - len(kurang)
    return Fakta(
        _persen(ada, len(units)),
        f"{ada} dari {len(units)} unit memiliki Rencana Aksi {tahun} yang final.",
        tautan,
        kurang,
    )


def _lkjip(evaluasi):
    return LaporanKinerja.objects.filter(opd=evaluasi.opd, tahun=evaluasi.tahun).first()


def lkjip_tepat_waktu(evaluasi):
    """The LKjIP of the year was finalised by its deadline (batas_lkjip)."""
    opd, tahun = evaluasi.opd, evaluasi.tahun
    lkjip = _lkjip(evaluasi)
    tautan = [("LKjIP", _url("laporan:lkjip", opd.slug, tahun))]
    batas = batas_lkjip(tahun)
    if lkjip is None or lkjip.status != StatusDokumen.FINAL or lkjip.finalized_at is None:
        return Fakta(Decimal(0), f"LKjIP {tahun} belum difinalkan.", tautan)
    tanggal = lkjip.finalized_at.date()
    if tanggal > batas:
        return Fakta(
            Decimal(0),
            f"LKjIP difinalkan {tanggal:%d-%m-%Y}, melewati batas {batas:%d-%m-%Y}.",
            tautan,
        )
    return Fakta(
        Decimal(100),
        f"LKjIP difinalkan {tanggal:%d-%m-%Y}, sebelum batas {batas:%d-%m-%Y}.",
        tautan,
    )


def lkjip_bab(evaluasi):
    """The LKjIP carries the required chapters (BAB_LKJIP), each with text."""
    opd, tahun = evaluasi.opd, evaluasi.tahun
    lkjip = _lkjip(evaluasi)
    tautan = [("LKjIP", _url("laporan:lkjip", opd.slug, tahun))]
    if lkjip is None:
        return Fakta(Decimal(0), f"LKjIP {tahun} belum disusun.", tautan)
    kurang = [label for nama, label in BAB_LKJIP if not getattr(lkjip, nama).strip()]
    ada = len(BAB_LKJIP) - len(kurang)
    return Fakta(
        _persen(ada, len(BAB_LKJIP)),
        f"{ada} dari {len(BAB_LKJIP)} bagian wajib LKjIP terisi.",
        tautan,
        [f"{label} kosong" for label in kurang],
    )


def pemantauan_triwulan(evaluasi):
    """Every unit recorded its quarterly monitoring (obstacles and follow-up) for every
    quarter of the year."""
    opd, tahun = evaluasi.opd, evaluasi.tahun
    ada_set = set(
        Pemantauan.objects.filter(unit__opd=opd, tahun=tahun).values_list("unit_id", "triwulan")
    )
    units = list(UnitKerja.objects.filter(opd=opd).order_by("urutan", "nama"))
    kurang = [
        f"{u.nama}: TW {t} belum dicatat"
        for u in units
        for t in TRIWULAN
        if (u.pk, t) not in ada_set
    ]
    semua = len(units) * len(TRIWULAN)
    tautan = [("Pemantauan triwulan", _url("evaluasi:pemantauan", opd.slug, tahun))]
    return Fakta(
        _persen(semua - len(kurang), semua),
        f"{semua - len(kurang)} dari {semua} catatan pemantauan unit per triwulan tersedia.",
        tautan,
        kurang,
    )


def _pohon(evaluasi):
    """The OPD's part of the Pemda's pohon kinerja for the year (kinerja.selectors_pohon
    through laporan.selectors.pohon), or None when the Pemda has no RPJMD period for it."""
    if not hasattr(evaluasi, "_pohon"):  # two rules read it; build it once per request
        try:
            evaluasi._pohon = pohon_untuk(evaluasi.opd, evaluasi.tahun)[1]
        except DokumenTidakAda:
            evaluasi._pohon = None
    return evaluasi._pohon


def _node_opd(pohon, opd):
    return [n for n in pohon.urut() if n.opd_id == opd.pk]


def cascading_eselon_iv(evaluasi):
    """The OPD's pohon kinerja cascades down to eselon IV: every eselon II node has a
    child at its own level or at eselon III, and every eselon III node a child at eselon
    III or IV (PermenPAN-RB 89/2021), with at least one eselon IV node."""
    opd, tahun = evaluasi.opd, evaluasi.tahun
    tautan = [("Pohon kinerja", _url("laporan:pohon", opd.slug, tahun))]
    pohon = _pohon(evaluasi)
    if pohon is None:
        return Fakta(Decimal(0), f"Belum ada periode RPJMD yang memuat {tahun}.", tautan)
    nodes = _node_opd(pohon, opd)
    lanjut = {
        Jenjang.OPD: {Jenjang.OPD, Jenjang.ESELON_III},
        Jenjang.ESELON_III: {Jenjang.ESELON_III, Jenjang.ESELON_IV},
    }
    wajib = [n for n in nodes if n.jenjang in lanjut]
    if not wajib:
        return Fakta(Decimal(0), "Pohon kinerja perangkat daerah belum disusun.", tautan)
    kurang = [
        f"{n.jenjang_label}: {n.judul[:80]} belum diturunkan"
        for n in wajib
        if not any(a.jenjang in lanjut[n.jenjang] for a in n.anak)
    ]
    diturunkan = len(wajib) - len(kurang)
    ada_iv = any(n.jenjang == Jenjang.ESELON_IV for n in nodes)
    if not ada_iv:
        kurang.append("Belum ada kinerja eselon IV")
    # Each node to cascade counts once, and reaching eselon IV at all once more.
    return Fakta(
        _persen(diturunkan + ada_iv, len(wajib) + 1),
        f"{diturunkan} dari {len(wajib)} kinerja eselon II/III diturunkan; "
        f"kinerja eselon IV {'ada' if ada_iv else 'belum ada'}.",
        tautan,
        kurang,
    )


def target_skp(evaluasi):
    """The targets reach the officials' SKP: every eselon III / IV node of the OPD's tree
    names the official who holds it and has at least one indicator with a target for the
    year (the rows laporan's SKP export hands to HR, PermenPAN-RB 6/2022)."""
    opd, tahun = evaluasi.opd, evaluasi.tahun
    tautan = [("Target SKP pejabat", _url("laporan:skp_daftar", opd.slug, tahun))]
    pohon = _pohon(evaluasi)
    if pohon is None:
        return Fakta(Decimal(0), f"Belum ada periode RPJMD yang memuat {tahun}.", tautan)
    nodes = [
        n for n in _node_opd(pohon, opd) if n.jenjang in (Jenjang.ESELON_III, Jenjang.ESELON_IV)
    ]
    if not nodes:
        return Fakta(Decimal(0), "Belum ada kinerja eselon III/IV di pohon kinerja.", tautan)
    kurang = []
    for n in nodes:
        if not n.pejabat_id:
            kurang.append(f"{n.judul[:80]}: pejabat belum ditetapkan")
        elif not any(i.target.ada for i in n.indikator):
            kurang.append(f"{n.judul[:80]}: belum ada target {tahun}")
    ada = len(nodes) - len(kurang)
    return Fakta(
        _persen(ada, len(nodes)),
        f"{ada} dari {len(nodes)} kinerja eselon III/IV memiliki pejabat dan target {tahun} "
        "untuk SKP.",
        tautan,
        kurang,
    )


ATURAN = {
    "pk_tepat_waktu": ("PK final tepat waktu setelah DPA", pk_tepat_waktu),
    "iku_lengkap": ("IKU untuk setiap sasaran, dengan formula dan sumber data", iku_lengkap),
    "realisasi_triwulan": (
        "Realisasi setiap triwulan terisi dan terverifikasi",
        realisasi_triwulan,
    ),
    "rencana_aksi_unit": ("Rencana Aksi final untuk setiap unit", rencana_aksi_unit),
    "lkjip_tepat_waktu": ("LKjIP final tepat waktu", lkjip_tepat_waktu),
    "lkjip_bab": ("LKjIP memuat bab yang diwajibkan", lkjip_bab),
    "pemantauan_triwulan": ("Pemantauan triwulan setiap unit", pemantauan_triwulan),
    "cascading_eselon_iv": ("Cascading sampai eselon IV", cascading_eselon_iv),
    "target_skp": ("Target PK dipakai dalam SKP pejabat", target_skp),
}


def fakta_semua(evaluasi, kriteria_list):
    """{kriteria id: Fakta} for every criterion with a rule; each rule runs once even when
    several criteria share it."""
    hasil, cache = {}, {}
    for k in kriteria_list:
        if not k.aturan or k.aturan not in ATURAN:
            continue
        if k.aturan not in cache:
            cache[k.aturan] = ATURAN[k.aturan][1](evaluasi)
        hasil[k.pk] = cache[k.aturan]
    return hasil
