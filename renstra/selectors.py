"""Reads of the plan: which Renstra period a report uses, which sasaran a program serves in
a year, and which predicate scale."""

from dataclasses import dataclass

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Subquery, When

from renstra.models import (
    Pemda,
    PeriodeRenstra,
    Program,
    ProgramSasaranTahunan,
    TingkatPredikat,
)
from sakip import alur
from sakip import capaian as rumus


def status_pemda(pemda_id, *, final=False):
    """The realisation statuses a surface of this Pemda counts (None: all) by its rule
    (sakip.alur.status_dihitung, issue 11 item 7); a user without a Pemda sees all. One
    query."""
    aturan = (
        Pemda.objects.filter(pk=pemda_id).values_list("realisasi_dihitung", flat=True).first()
        if pemda_id
        else None
    )
    return alur.status_dihitung(aturan, final=final)


def sasaran_berlaku(tahun, *, program="pk"):
    """The one rule for which sasaran a program serves in a year (issue 11 item 4), as an
    expression on a queryset whose `program` path leads to a Program ("pk" on Program
    itself, e.g. "sub_kegiatan__kegiatan__program" on Pagu rows): the program's
    ProgramSasaranTahunan of `tahun` where there is one (its sasaran, or None for a support
    program that year), else Program.sasaran of the period. `tahun` is an int or
    OuterRef("tahun") / a field name of the row ("tahun" on Pagu / RealisasiAnggaran).
    Every budget roll-up per sasaran and every grouping of programs per sasaran reads it
    (anggaran.selectors.anggaran_rows, sasaran_program below)."""
    if isinstance(tahun, str):
        tahun = OuterRef(tahun)
    ganti = ProgramSasaranTahunan.objects.filter(program=OuterRef(program), tahun=tahun)
    bawaan = "sasaran" if program == "pk" else f"{program}__sasaran"
    return Case(
        When(Exists(ganti), then=Subquery(ganti.values("sasaran_id")[:1])),
        default=F(bawaan),
        output_field=IntegerField(),
    )


def sasaran_program(periode, tahun):
    """{program_id: sasaran_id or None} of a period in `tahun` by sasaran_berlaku. One
    query."""
    periode_id = getattr(periode, "pk", periode)
    rows = (
        Program.objects.filter(periode_id=periode_id)
        .annotate(sasaran_tahun=sasaran_berlaku(tahun))
        .values_list("pk", "sasaran_tahun")
    )
    return dict(rows)


def periode_aktif(opd, tahun):
    """The Renstra period of an OPD that covers `tahun`; the latest version (a Perubahan)
    wins. None when no period covers the year. One query."""
    return periode_aktif_qs(opd, tahun).first()


def periode_aktif_qs(opd, tahun):
    """periode_aktif as a queryset (its first row), to use as a subquery."""
    opd_id = getattr(opd, "pk", opd)
    return PeriodeRenstra.objects.filter(
        opd_id=opd_id, tahun_awal__lte=tahun, tahun_akhir__gte=tahun
    ).order_by("-versi", "-tahun_awal")


def periode_aktif_pemda(pemda, tahun):
    """{opd_id: PeriodeRenstra} for every OPD of a Pemda with a period covering `tahun`
    (the latest version per OPD), in one query."""
    pemda_id = getattr(pemda, "pk", pemda)
    result = {}
    periods = PeriodeRenstra.objects.filter(
        opd__pemda_id=pemda_id, tahun_awal__lte=tahun, tahun_akhir__gte=tahun
    ).order_by("opd_id", "-versi", "-tahun_awal")
    for periode in periods:
        result.setdefault(periode.opd_id, periode)
    return result


@dataclass(frozen=True)
class Skala:
    """The predicate scale a Pemda uses: its name and bands (highest first). Iterating it
    gives the bands, so it can be passed to sakip.capaian.predikat."""

    nama: str
    tingkat: tuple[rumus.Tingkat, ...]

    def __iter__(self):
        return iter(self.tingkat)


SKALA_BAWAAN = Skala("Permendagri 86/2017", rumus.SKALA_PERMENDAGRI_86)


def skala_predikat(pemda_id) -> Skala:
    """The one rule for which predicate scale applies (DESIGN section 3, "predikat"; issue
    11): the scale the Pemda chose (Pemda.skala_predikat, a required setting). Without a
    Pemda (or a scale without bands), Permendagri 86/2017 from sakip.capaian. One query;
    read it once per request and pass it on."""
    if not pemda_id:
        return SKALA_BAWAAN
    rows = list(
        TingkatPredikat.objects.filter(skala__pemda_pengguna__pk=pemda_id)
        .order_by(F("batas_bawah").desc(nulls_last=True), "pk")
        .values(
            "skala__nama",
            "batas_bawah",
            "batas_atas",
            "bawah_inklusif",
            "atas_inklusif",
            "label",
            "warna",
        )
    )
    if not rows:
        return SKALA_BAWAAN
    return Skala(
        rows[0]["skala__nama"],
        tuple(
            rumus.Tingkat(
                r["batas_bawah"],
                r["label"],
                r["warna"],
                r["batas_atas"],
                r["bawah_inklusif"],
                r["atas_inklusif"],
            )
            for r in rows
        ),
    )
