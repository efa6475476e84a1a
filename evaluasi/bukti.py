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
from laporan.models import LaporanKinerja, PerjanjianKinerja
from renstra.lingkup import periode_untuk
from renstra.models import Pejabat, Sasaran, UnitKerja
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
    pk = PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun, versi=1).first()
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


def _pejabat_aktif(opd, tahun):
    akhir = datetime.date(tahun, 12, 31)
    return list(
        Pejabat.objects.filter(opd=opd, aktif=True)
        .filter(Q(selesai_menjabat__isnull=True) | Q(selesai_menjabat__gte=akhir))
        .select_related("unit", "atasan")
        .order_by("pk")
    )


def cascading_eselon_iv(evaluasi):
    """The cascading reaches eselon IV: every eselon III official of the OPD answers to
    the head (eselon II) and has at least one eselon IV official under them.

    Judged on the officials' chain (Pejabat.eselon, Pejabat.atasan); see the report for
    the pohon kinerja version."""
    opd, tahun = evaluasi.opd, evaluasi.tahun
    pejabat = _pejabat_aktif(opd, tahun)
    tiga = [p for p in pejabat if p.eselon.startswith("III")]
    empat_per_atasan = {p.atasan_id for p in pejabat if p.eselon.startswith("IV")}
    tautan = [("Cascading kinerja", _url("laporan:cascading", opd.slug, tahun))]
    if not tiga:
        return Fakta(Decimal(0), "Belum ada pejabat eselon III yang tercatat.", tautan)
    kurang = []
    for p in tiga:
        if p.atasan is None or not p.atasan.eselon.startswith("II"):
            kurang.append(f"{p.jabatan}: atasan eselon II belum dicatat")
        elif p.pk not in empat_per_atasan:
            kurang.append(f"{p.jabatan}: belum ada pejabat eselon IV di bawahnya")
    ada = len(tiga) - len(kurang)
    return Fakta(
        _persen(ada, len(tiga)),
        f"{ada} dari {len(tiga)} pejabat eselon III berjenjang sampai eselon IV.",
        tautan,
        kurang,
    )


def target_skp(evaluasi):
    """The PK targets are used in the officials' SKP: every eselon III/IV official has a
    superior on record (the chain an SKP derives its targets from)."""
    opd, tahun = evaluasi.opd, evaluasi.tahun
    pejabat = [p for p in _pejabat_aktif(opd, tahun) if p.eselon.startswith(("III", "IV"))]
    tautan = [("Perjanjian Kinerja", _url("laporan:pk", opd.slug, tahun))]
    if not pejabat:
        return Fakta(Decimal(0), "Belum ada pejabat eselon III/IV yang tercatat.", tautan)
    kurang = [f"{p.jabatan}: atasan belum dicatat" for p in pejabat if p.atasan_id is None]
    ada = len(pejabat) - len(kurang)
    return Fakta(
        _persen(ada, len(pejabat)),
        f"{ada} dari {len(pejabat)} pejabat eselon III/IV menurunkan target dari atasannya.",
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
