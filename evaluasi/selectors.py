"""Reads of the Evaluasi AKIP: the LKE of an evaluation as typed rows with both sides'
answers, evidence, proposals and live scores (evaluasi.skor), and the Pemda roll-ups
(ranking, open recommendations). Every figure any page, PDF or XLSX shows comes from here.

Query counts do not grow with the number of criteria, answers or OPDs."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from evaluasi import bukti, skor
from evaluasi.models import (
    BuktiLke,
    Evaluasi,
    Jawaban,
    Komponen,
    Kriteria,
    Pihak,
    Rekomendasi,
    StatusRekomendasi,
    SubKomponen,
    SyaratSub,
    VersiLke,
)

PIHAK = (Pihak.MANDIRI, Pihak.INSPEKTORAT)


@dataclass
class Sisi:
    """One figure for each side."""

    mandiri: object = None
    inspektorat: object = None

    def __getitem__(self, pihak):
        return getattr(self, pihak)

    def __setitem__(self, pihak, value):
        setattr(self, pihak, value)

    @property
    def beda(self):
        return self.mandiri != self.inspektorat


@dataclass
class BarisKriteria:
    kriteria: Kriteria
    jawaban: Sisi  # Jawaban rows (or None)
    nilai: Sisi  # Decimal values of the answers
    fakta: bukti.Fakta | None
    saran: str
    bukti: list = field(default_factory=list)
    rekomendasi: list = field(default_factory=list)

    @property
    def beda(self):
        return (
            self.nilai.beda
            and self.nilai.mandiri is not None
            and self.nilai.inspektorat is not None
        )

    def huruf(self, pihak):
        j = self.jawaban[pihak]
        return j.jawaban if j else ""


@dataclass
class BarisSub:
    sub: SubKomponen
    kriteria: list
    persen: Sisi
    pilihan: Sisi  # method A letter (AA…E), or None
    nilai: Sisi
    syarat: Sisi = None  # SyaratSub rows (method A checks), or None

    @property
    def beda(self):
        return self.nilai.beda


@dataclass
class BarisKomponen:
    komponen: Komponen
    sub: list
    nilai: Sisi

    @property
    def beda(self):
        return self.nilai.beda


@dataclass
class Lke:
    evaluasi: Evaluasi
    komponen: list
    total: Sisi
    predikat: Sisi
    terjawab: Sisi
    jumlah_kriteria: int

    def kriteria(self):
        for k in self.komponen:
            for s in k.sub:
                yield from s.kriteria


def struktur(versi_id):
    """The components of a version with their sub-components and criteria (3 queries)."""
    return list(
        Komponen.objects.filter(versi_id=versi_id)
        .order_by("kode")
        .prefetch_related(
            Prefetch(
                "sub_komponen_set",
                queryset=SubKomponen.objects.order_by("kode").prefetch_related(
                    Prefetch("kriteria_set", queryset=Kriteria.objects.order_by("urutan"))
                ),
            )
        )
    )


def _skor_sub(sub, nilai_list, metode, syarat=None):
    """(persen, pilihan, nilai) of one side of a sub-component."""
    persen = skor.pemenuhan_persen(nilai_list)
    if metode == VersiLke.Metode.SUB_KOMPONEN:
        cek = {}
        if syarat is not None:
            cek = {
                "syarat_bb": syarat.syarat_bb,
                "syarat_a": syarat.syarat_a,
                "syarat_aa": syarat.syarat_aa,
            }
        pilihan = skor.pilihan_sub_komponen(persen, **cek)
        return persen, pilihan, skor.nilai_sub_metode_a(pilihan, sub.bobot)
    return persen, None, skor.nilai_sub_metode_b(nilai_list, sub.bobot)


def _hitung(
    evaluasi,
    komponen_list,
    jawaban_map,
    *,
    fakta=None,
    bukti_map=None,
    rek_map=None,
    syarat_map=None,
):
    fakta, bukti_map, rek_map = fakta or {}, bukti_map or {}, rek_map or {}
    syarat_map = syarat_map or {}
    metode = evaluasi.versi.metode
    baris_komponen = []
    terjawab = Sisi(0, 0)
    jumlah = 0
    for komponen in komponen_list:
        baris_sub = []
        for sub in komponen.sub_komponen_set.all():
            baris = []
            for k in sub.kriteria_set.all():
                jumlah += 1
                jawab, nilai = Sisi(), Sisi()
                for pihak in PIHAK:
                    j = jawaban_map.get((k.pk, pihak))
                    jawab[pihak] = j
                    nilai[pihak] = skor.nilai_jawaban(j.jawaban, k.skala) if j else None
                    if j:
                        terjawab[pihak] += 1
                f = fakta.get(k.pk)
                baris.append(
                    BarisKriteria(
                        kriteria=k,
                        jawaban=jawab,
                        nilai=nilai,
                        fakta=f,
                        saran=bukti.saran(f, k.skala),
                        bukti=bukti_map.get(k.pk, []),
                        rekomendasi=rek_map.get(k.pk, []),
                    )
                )
            persen, pilihan, nilai_sub = Sisi(), Sisi(), Sisi()
            for pihak in PIHAK:
                persen[pihak], pilihan[pihak], nilai_sub[pihak] = _skor_sub(
                    sub, [b.nilai[pihak] for b in baris], metode, syarat_map.get((sub.pk, pihak))
                )
            syarat = Sisi(**{p: syarat_map.get((sub.pk, p)) for p in PIHAK})
            baris_sub.append(BarisSub(sub, baris, persen, pilihan, nilai_sub, syarat))
        nilai_k = Sisi(**{p: skor.jumlah(s.nilai[p] for s in baris_sub) for p in PIHAK})
        baris_komponen.append(BarisKomponen(komponen, baris_sub, nilai_k))
    total = Sisi(**{p: skor.jumlah(k.nilai[p] for k in baris_komponen) for p in PIHAK})
    predikat = Sisi(**{p: skor.predikat(total[p]) for p in PIHAK})
    return Lke(evaluasi, baris_komponen, total, predikat, terjawab, jumlah)


def lke(evaluasi, *, dengan_bukti=True):
    """The full LKE of an evaluation: every criterion with both answers, its evidence
    facts and proposal, uploaded files and recommendations; scores per sub-component,
    component and total, and the grade, for each side."""
    komponen_list = struktur(evaluasi.versi_id)
    jawaban_map = {
        (j.kriteria_id, j.pihak): j
        for j in Jawaban.objects.filter(evaluasi=evaluasi).select_related("diubah_oleh")
    }
    syarat_map = {
        (s.sub_komponen_id, s.pihak): s for s in SyaratSub.objects.filter(evaluasi=evaluasi)
    }
    if not dengan_bukti:
        return _hitung(evaluasi, komponen_list, jawaban_map, syarat_map=syarat_map)
    kriteria_list = [
        k for kp in komponen_list for s in kp.sub_komponen_set.all() for k in s.kriteria_set.all()
    ]
    bukti_map, rek_map = {}, {}
    for b in BuktiLke.objects.filter(evaluasi=evaluasi):
        bukti_map.setdefault(b.kriteria_id, []).append(b)
    for r in Rekomendasi.objects.filter(evaluasi=evaluasi).prefetch_related("tindak_lanjut_set"):
        rek_map.setdefault(r.kriteria_id, []).append(r)
    fakta = bukti.fakta_semua(evaluasi, kriteria_list)
    return _hitung(
        evaluasi,
        komponen_list,
        jawaban_map,
        fakta=fakta,
        bukti_map=bukti_map,
        rek_map=rek_map,
        syarat_map=syarat_map,
    )


@dataclass
class BarisPeringkat:
    peringkat: int | None
    evaluasi: Evaluasi
    komponen: list  # [(Komponen, Sisi)]
    total: Sisi
    predikat: Sisi


def peringkat(pemda_id, tahun):
    """The OPDs of a Pemda evaluated for `tahun`, ranked by the Inspektorat's score (the
    self-assessment beside it); an OPD whose evaluation is incomplete comes last, unranked."""
    evaluasi_list = list(
        Evaluasi.objects.filter(opd__pemda_id=pemda_id, tahun=tahun).select_related("opd", "versi")
    )
    jawaban_per, syarat_per = {}, {}
    for j in Jawaban.objects.filter(evaluasi__in=evaluasi_list):
        jawaban_per.setdefault(j.evaluasi_id, {})[(j.kriteria_id, j.pihak)] = j
    for s in SyaratSub.objects.filter(evaluasi__in=evaluasi_list):
        syarat_per.setdefault(s.evaluasi_id, {})[(s.sub_komponen_id, s.pihak)] = s
    strukturs = {}
    rows = []
    for e in evaluasi_list:
        if e.versi_id not in strukturs:
            strukturs[e.versi_id] = struktur(e.versi_id)
        h = _hitung(
            e, strukturs[e.versi_id], jawaban_per.get(e.pk, {}), syarat_map=syarat_per.get(e.pk)
        )
        rows.append(
            BarisPeringkat(
                None, e, [(k.komponen, k.nilai) for k in h.komponen], h.total, h.predikat
            )
        )
    rows.sort(
        key=lambda r: (
            r.total.inspektorat is None,
            -(r.total.inspektorat or 0),
            r.evaluasi.opd.nama,
        )
    )
    for i, r in enumerate(rows, 1):
        if r.total.inspektorat is not None:
            r.peringkat = i
    return rows


def rekomendasi_terbuka(pemda_id):
    """Every recommendation not yet accepted, of every OPD of the Pemda (one query)."""
    return list(
        Rekomendasi.objects.filter(evaluasi__opd__pemda_id=pemda_id)
        .exclude(status=StatusRekomendasi.DITERIMA)
        .select_related("evaluasi__opd", "kriteria")
        .prefetch_related("tindak_lanjut_set")
        .order_by("evaluasi__opd__nama", "evaluasi__tahun", "kriteria__kode", "pk")
    )


def rekomendasi_evaluasi(evaluasi):
    """The recommendations of one evaluation with their follow-up (two queries)."""
    return list(
        Rekomendasi.objects.filter(evaluasi=evaluasi)
        .select_related("kriteria")
        .prefetch_related("tindak_lanjut_set")
        .order_by("kriteria__kode", "pk")
    )


def lhe_document(evaluasi):
    """The LHE as a document dict for laporan.pdf (issue, verification code, DokumenTerbit):
    final once the Inspektorat's evaluation is final."""
    final = evaluasi.status_inspektorat == Evaluasi.StatusInspektorat.FINAL
    return {
        "jenis": "lhe",
        "judul": "Laporan Hasil Evaluasi AKIP",
        "opd": evaluasi.opd,
        "tahun": evaluasi.tahun,
        "is_final": final,
        "finalized_at": evaluasi.difinalkan_pada if final else None,
        "lke": lke(evaluasi),
        "rekomendasi": rekomendasi_evaluasi(evaluasi),
    }
