"""'Simpan semua' of the entry sheet (issue 13 item 1): one POST with every changed row of
the sheet, indicator rows and budget rows. Each row goes through the same path as its
single save (kinerja.views.entri.simpan_indikator / simpan_anggaran: the same form, the
same service with its validation, bounds, version check and permission per row), each in
its own savepoint, so a refused row changes nothing and the good rows are saved. The
answer re-renders every row sent (with its message) and the summary bar, out of band.

The body names the rows in `baris` ("ind-12,ang-5") and carries each row's fields under
its key as form prefix (ind-12-nilai, ind-12-versi, ang-5-jumlah, ...)."""

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from anggaran.forms import RealisasiAnggaranForm
from kinerja import lembar
from kinerja.forms import RealisasiForm
from kinerja.views.entri import (
    ENTRI_ROLES,
    render_lembar,
    simpan_anggaran,
    simpan_indikator,
    unit_pilihan,
)
from renstra import lingkup
from renstra.models import SubKegiatan
from sakip import roles

BATAS_BARIS = 2000


def baca_kunci(teks):
    """[("ind" | "ang", pk)] from "ind-12,ang-5", and the keys that are not rows."""
    kunci, salah = [], []
    for bagian in (teks or "").split(","):
        bagian = bagian.strip()
        if not bagian:
            continue
        jenis, _, pk = bagian.partition("-")
        if jenis in ("ind", "ang") and pk.isdigit() and len(pk) < 12:
            if (jenis, int(pk)) not in kunci:
                kunci.append((jenis, int(pk)))
        else:
            salah.append(bagian)
    return kunci, salah


@login_required
@require_POST
def entri_simpan_semua(request, tahun, triwulan):
    unit, _ = unit_pilihan(request, role_names=ENTRI_ROLES, unit_bound_role=roles.OPERATOR)
    kunci, salah = baca_kunci(request.POST.get("baris"))
    kunci = kunci[:BATAS_BARIS]
    ditolak = [f"Baris “{k[:40]}” tidak dikenal; tidak disimpan." for k in salah]
    tw, _ = lembar.triwulan_pelaporan(opd_id=unit.opd_id, tahun=tahun, triwulan=triwulan)
    if tw is None:
        ditolak += ["Triwulan pelaporan ini belum dibuka untuk unit Anda; tidak ada yang disimpan."]
        kunci = []
    ind_ids = [pk for jenis, pk in kunci if jenis == "ind"]
    sub_ids = [pk for jenis, pk in kunci if jenis == "ang"]
    indikator = {
        i.pk: i
        for i in lingkup.indikator_unit(unit.pk)
        .filter(periode__opd_id=unit.opd_id, pk__in=ind_ids)
        .select_related("periode", "skala")
    }
    subs = {
        s.pk: s
        for s in SubKegiatan.objects.filter(unit=unit, pk__in=sub_ids).select_related("periode")
    }
    hasil = {}  # (jenis, pk) -> (form or None, konflik)
    with transaction.atomic():
        for jenis, pk in kunci:
            prefix = f"{jenis}-{pk}"
            if jenis == "ind" and pk in indikator:
                form = RealisasiForm(request.POST, prefix=prefix, indikator=indikator[pk])
                with transaction.atomic():  # this row's own savepoint
                    hasil[jenis, pk] = simpan_indikator(
                        user=request.user,
                        indikator=indikator[pk],
                        tahun=tahun,
                        triwulan=triwulan,
                        form=form,
                    )
            elif jenis == "ang" and pk in subs:
                form = RealisasiAnggaranForm(request.POST, prefix=prefix)
                with transaction.atomic():
                    hasil[jenis, pk] = simpan_anggaran(
                        user=request.user,
                        sub_kegiatan=subs[pk],
                        tahun=tahun,
                        triwulan=triwulan,
                        form=form,
                    )
            else:
                apa = "Indikator" if jenis == "ind" else "Sub kegiatan"
                ditolak.append(
                    f"{apa} #{pk} bukan tanggungan unit {unit.nama}; perubahannya tidak disimpan."
                )

    baris_ind, baris_ang = lembar.baris_terpilih(
        unit=unit,
        tahun=tahun,
        triwulan=triwulan,
        indikator_ids=[pk for j, pk in hasil if j == "ind"],
        sub_kegiatan_ids=[pk for j, pk in hasil if j == "ang"],
    )
    tersimpan = gagal = 0
    for b in baris_ind + baris_ang:
        pk = b.indikator.pk if isinstance(b, lembar.BarisIndikator) else b.sub_kegiatan.pk
        form, konflik = hasil[("ind" if isinstance(b, lembar.BarisIndikator) else "ang", pk)]
        b.form, b.konflik = form, konflik
        if form is None and not konflik:
            b.pesan = "Tersimpan"
            tersimpan += 1
        else:
            gagal += 1
    gagal += len(ditolak)
    if tw is None:
        return HttpResponse(_laporan(request, tersimpan, gagal, ditolak, kosong=False))
    response = render_lembar(
        request,
        unit=unit,
        tahun=tahun,
        triwulan=triwulan,
        indikator=baris_ind,
        anggaran=baris_ang,
        ringkas=True,
        extra={"oob": True},
    )
    laporan = _laporan(request, tersimpan, gagal, ditolak, kosong=not kunci and not ditolak)
    return HttpResponse(response.content.decode() + laporan)


def _laporan(request, tersimpan, gagal, ditolak, kosong):
    return render_to_string(
        "kinerja/_entri_simpan_semua.html",
        {"tersimpan": tersimpan, "gagal": gagal, "ditolak": ditolak, "kosong": kosong},
        request=request,
    )
