from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from kinerja import selectors_dasbor
from renstra.filters import opd_pilihan, tahun_triwulan_aktif, terbatas_unit
from renstra.models import Pemda
from renstra.tables import TautanBaris
from sakip import access, capaian, grafik, roles
from sakip.alur import StatusRealisasi
from sakip.angka import triwulan_romawi as romawi
from sakip.kalender import TRIWULAN_CHOICES

WARNA_TRIWULAN = ("#9ec5fe", "#6ea8fe", "#3d8bfd", "#0a58ca")
WARNA_LEBIH = "#dc3545"


class PeriodeForm(forms.Form):
    tahun = forms.IntegerField(
        label="Tahun",
        min_value=2000,
        max_value=2100,
        required=False,
        error_messages={
            "invalid": "Tahun harus berupa angka, mis. 2025.",
            "min_value": "Tahun paling awal 2000.",
            "max_value": "Tahun paling akhir 2100.",
        },
    )
    triwulan = forms.TypedChoiceField(
        label="Triwulan",
        choices=TRIWULAN_CHOICES,
        coerce=int,
        required=False,
        error_messages={"invalid_choice": "Triwulan harus I, II, III atau IV."},
    )


def _tahun_triwulan(request):
    """The year and quarter asked for, else the active ones; bad input is reported and
    the active quarter shown instead."""
    default_tahun, default_tw = tahun_triwulan_aktif(request.user)
    form = PeriodeForm(request.GET or None)
    tahun, triwulan = default_tahun, default_tw
    if form.is_bound and form.is_valid():
        tahun = form.cleaned_data["tahun"] or default_tahun
        triwulan = form.cleaned_data["triwulan"] or default_tw
    return form, tahun, triwulan


# --- the bars (presentation of the read model's penyerapan) ------------------------------


@dataclass
class BarisProgram:
    """A program's bars: the read model's figures per quarter and how each is drawn."""

    program: object  # anggaran.selectors.ProgramPerTriwulan
    batang: list  # (TW, bar width %, colour, Hasil) for the SVG

    @property
    def kolom(self):
        """(pagu, realisasi, penyerapan) per quarter, for the figures under the chart."""
        return [(t.pagu, t.realisasi, t.penyerapan) for t in self.program.triwulan]


def _grafik(program):
    bars = []
    for angka in program.triwulan:
        nilai = angka.penyerapan.nilai
        lebar = float(min(max(nilai, Decimal(0)), Decimal(100))) if nilai is not None else 0.0
        # Spending above the pagu in force is an error to notice, not a longer bar.
        lebih = nilai is not None and nilai > 100
        warna = WARNA_LEBIH if lebih else WARNA_TRIWULAN[angka.triwulan - 1]
        bars.append((angka.triwulan, lebar, warna, angka.penyerapan))
    return BarisProgram(program, bars)


# --- the charts (geometry of the read model's figures) -------------------------------------

WARNA_CAPAIAN = "#198754"
WARNA_PENYERAPAN = "#0d6efd"


def _catatan(rerata, satuan="indikator"):
    """ "1 dari 5 indikator" under a mean, or nothing when every row has a figure."""
    if rerata.n_semua == 0:
        return f"tanpa {satuan}"
    return f"{rerata.n_dinilai} dari {rerata.n_semua} {satuan}"


def _grafik_tren(tren):
    return grafik.kolom(
        [f"TW {romawi(t.triwulan)}" for t in tren],
        [
            ("Capaian kinerja rata-rata", WARNA_CAPAIAN, [t.capaian.nilai for t in tren]),
            ("Penyerapan anggaran", WARNA_PENYERAPAN, [t.penyerapan.nilai for t in tren]),
        ],
        n_slot=4,
    )


def _warna(nilai, skala):
    tingkat = capaian.predikat(nilai, skala)
    return tingkat.warna if tingkat else ""


def _grafik_sasaran(rerata_sasaran, skala):
    return grafik.batang(
        (
            f"{s.kode} {s.uraian}".strip(),
            s.capaian_rata,
            _warna(s.capaian_rata, skala),
            "",
            _catatan(r),
        )
        for s, r in rerata_sasaran
    )


# --- views ---------------------------------------------------------------------------------


def konteks_opd(request, slug=None):
    """Everything the OPD dashboard shows (HTML and XLSX), or a redirect when no OPD is
    named."""
    user = request.user
    if slug is None:
        if user.opd_id:
            return redirect(reverse("kinerja:dasbor_opd", args=[user.opd.slug]) + _qs(request))
        if access.pemda_wide(user):
            return redirect(reverse("kinerja:dasbor_pemda") + _qs(request))
        return _pilih_opd(request)
    opd = get_object_or_404(opd_pilihan(request).select_related("pemda"), slug=slug)
    form, tahun, triwulan = _tahun_triwulan(request)
    irisan_unit = user.unit if terbatas_unit(user) else None
    dasbor = selectors_dasbor.dasbor_opd(opd, tahun, triwulan, unit=irisan_unit)
    crumb = ("Dasbor pemda", reverse("kinerja:dasbor_pemda")) if access.pemda_wide(user) else None
    context = {
        "opd": opd,
        "form": form,
        "tahun": tahun,
        "triwulan": triwulan,
        "periode": dasbor.periode,
        "irisan_unit": irisan_unit,
        "status_tw": dasbor.status_tw,
        "skala": dasbor.skala,
        "hanya_terverifikasi": dasbor.hanya_terverifikasi,
        "triwulan_pilihan": TRIWULAN_CHOICES,
        "warna_triwulan": WARNA_TRIWULAN,
        "warna_lebih": WARNA_LEBIH,
        "crumbs": [c for c in (crumb, (opd.singkatan or opd.nama, "")) if c],
        "query": f"?tahun={tahun}&triwulan={triwulan}",
        "dasbor": dasbor,
    }
    if dasbor.periode is None:
        return context

    # Each indicator and empty row links to the sheet where it is entered or verified.
    tautan = TautanBaris(user) if dasbor.status_tw else None
    for _, rows in dasbor.sasaran:
        for row in rows:
            row.url = (
                tautan.indikator(
                    row.id, tahun=tahun, triwulan=triwulan, unit_id=dasbor.unit_entri.get(row.id)
                )
                if tautan
                else ""
            )
            row.label = dasbor.label.get(row.id, "")
            row.belum_verifikasi = row.id in dasbor.belum_verifikasi
            # Marked verified only when every counted row of the year so far is.
            row.terverifikasi = bool(row.status_triwulan) and all(
                status == StatusRealisasi.DIVERIFIKASI for status in row.status_triwulan.values()
            )
    lengkap = dasbor.kelengkapan
    for ind in lengkap.daftar_indikator_kosong:
        ind.url_entri = (
            tautan.indikator(ind.pk, tahun=tahun, triwulan=triwulan, unit_id=ind.unit_entri)
            if tautan
            else ""
        )
    for sub in lengkap.daftar_sub_kosong:
        sub.url_entri = (
            tautan.sub_kegiatan(sub.pk, tahun=tahun, triwulan=triwulan, unit_id=sub.unit_id)
            if tautan
            else ""
        )
    program_rows = [_grafik(p) for p in dasbor.program]
    for row in program_rows:
        row.belum_verifikasi = row.program.id in dasbor.program_belum_verifikasi
    context.update(
        sasaran_list=dasbor.sasaran,
        jumlah_indikator=dasbor.jumlah_indikator,
        rata_iku=dasbor.rata_iku,
        rata_iku_tingkat=dasbor.rata_iku_tingkat,
        rerata=dasbor.rerata,
        ada_iku=dasbor.ada_iku,
        n_belum_verifikasi=len(dasbor.belum_verifikasi),
        n_program_belum_verifikasi=len(dasbor.program_belum_verifikasi),
        program_rows=program_rows,
        penyerapan_total=dasbor.penyerapan_total,
        pagu_total=dasbor.pagu_total,
        realisasi_total=dasbor.realisasi_total,
        unit_rows=lengkap.unit_rows,
        kelengkapan=lengkap.kelengkapan,
        jumlah_baris=lengkap.jumlah_baris,
        jumlah_terisi=lengkap.jumlah_terisi,
        n_indikator=lengkap.n_indikator,
        n_sub=lengkap.n_sub,
        n_indikator_kosong=lengkap.n_indikator_kosong,
        n_sub_kosong=lengkap.n_sub_kosong,
        daftar_indikator_kosong=lengkap.daftar_indikator_kosong,
        daftar_sub_kosong=lengkap.daftar_sub_kosong,
        batas_daftar=lengkap.batas_daftar,
        tren=dasbor.tren,
        rerata_sasaran=dasbor.rerata_sasaran,
        grafik_sasaran=_grafik_sasaran(dasbor.rerata_sasaran, dasbor.skala),
        grafik_tren=_grafik_tren(dasbor.tren),
    )
    return context


def _pilih_opd(request):
    """No OPD of their own and not a reader of the whole Pemda (a planner of the Pemda's
    Bappeda without an OPD): instead of a 404, a choice of the OPDs they may read
    (sakip.access scopes such an account to none today, so the page says why)."""
    opds = list(opd_pilihan(request))
    return render(
        request,
        "kinerja/dasbor/pilih_opd.html",
        {"opd_list": opds, "qs": _qs(request), "crumbs": [("Dasbor OPD", "")]},
    )


@login_required
@require_GET
def dasbor_opd(request, slug=None):
    context = konteks_opd(request, slug)
    if isinstance(context, HttpResponse):
        return context
    return render(request, "kinerja/dasbor/dasbor_opd.html", context)


def _qs(request):
    return f"?{request.GET.urlencode()}" if request.GET else ""


def _pemda(request):
    """The Pemda a dashboard reads: the user's own; a user of no Pemda (the superuser)
    picks one with ?pemda=<slug> (default the first by name)."""
    user = request.user
    if user.pemda_id:
        return user.pemda, []
    pilihan = list(Pemda.objects.order_by("nama"))
    dipilih = request.GET.get("pemda")
    pemda = next((p for p in pilihan if p.slug == dipilih), pilihan[0] if pilihan else None)
    return pemda, pilihan


def konteks_pemda(request):
    """Everything the Pemda dashboard shows (HTML and XLSX)."""
    user = request.user
    if not access.pemda_wide(user):
        access.require_role(user, roles.PIMPINAN, roles.ADMIN)
    form, tahun, triwulan = _tahun_triwulan(request)
    pemda, pemda_pilihan = _pemda(request)
    if pemda is None:
        raise Http404("Belum ada pemerintah daerah.")
    lengkap = selectors_dasbor.dasbor_pemda_lengkap(pemda, tahun, triwulan)
    dasbor = lengkap.dasbor
    query = f"?tahun={tahun}&triwulan={triwulan}"
    for baris in dasbor.baris:
        baris.url = reverse("kinerja:dasbor_opd", args=[baris.opd.slug]) + query
    grafik_opd = grafik.batang(
        (
            b.opd.singkatan or b.opd.nama,
            b.opd.capaian_rata,
            b.opd.predikat.warna if b.opd.predikat else "",
            b.url,
            f"{b.opd.jumlah_dinilai} dari {b.opd.jumlah_indikator} indikator",
        )
        for b in dasbor.baris
    )
    return {
        "pemda": pemda,
        "pemda_pilihan": pemda_pilihan,
        "form": form,
        "tahun": tahun,
        "triwulan": triwulan,
        "baris_opd": dasbor.baris,
        "skala": dasbor.skala,
        "rata_capaian": dasbor.rata_capaian,
        "rerata": lengkap.rerata,
        "pagu_total": dasbor.anggaran.pagu,
        "realisasi_total": dasbor.anggaran.realisasi,
        "penyerapan_total": dasbor.anggaran.penyerapan,
        "hanya_terverifikasi": dasbor.hanya_terverifikasi,
        "kontribusi": dasbor.kontribusi,
        "triwulan_pilihan": TRIWULAN_CHOICES,
        "tren": lengkap.tren,
        "grafik_opd": grafik_opd,
        "grafik_tren": _grafik_tren(lengkap.tren),
        "query": query + (f"&pemda={pemda.slug}" if pemda_pilihan else ""),
        "crumbs": [("Dasbor pemda", "")],
    }


@login_required
@require_GET
def dasbor_pemda(request):
    return render(request, "kinerja/dasbor/dasbor_pemda.html", konteks_pemda(request))
