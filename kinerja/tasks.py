"""The realisation upload on the task queue (README, "Antrian"): the preview (read the
workbook and check every row once against data read once, kinerja.unggah) and the save, as jobs of our
table (sakip.models.Pekerjaan). Only kinerja.excel's two entry points are called:
baca_unggahan(berkas, …) and terapkan(…); their results are kept as JSON in the job for
the result page (kinerja.views_excel.realisasi_unggah_hasil)."""

import secrets

from celery import shared_task

from kinerja import excel
from renstra.models import UnitKerja
from sakip import antrian, xlsx

PRATINJAU = "realisasi-pratinjau"
SIMPAN = "realisasi-simpan"
URUTAN_SHEET = {excel.SHEET_KINERJA: 0, excel.SHEET_ANGGARAN: 1}


def _unit(params):
    unit = UnitKerja.objects.select_related("opd").filter(pk=params["unit"]).first()
    if unit is None:
        raise antrian.GagalPekerjaan("Unit kerja unggahan ini sudah tidak ada.")
    return unit


def pratinjau(pekerjaan, lapor):
    params = pekerjaan.params
    unit = _unit(params)
    tahun, triwulan = params["tahun"], params["triwulan"]
    lapor(10, "Membaca workbook")
    try:
        with pekerjaan.masukan.open("rb") as berkas:
            hasil = excel.baca_unggahan(berkas, unit=unit, tahun=tahun, triwulan=triwulan)
    except xlsx.BerkasTidakValid as exc:
        pekerjaan.hasil = {"pesan": str(exc)}
        return
    # One validation (issue 15 item 3): baca_unggahan checked every row of both sheets
    # against data read once; the save writes what it accepted, compared with the basis it
    # was checked on (kinerja.unggah), so the preview does not run the services again.
    perubahan = [p.as_session() for p in hasil.perubahan]
    kesalahan = [list(k) for k in hasil.kesalahan]
    kesalahan.sort(key=lambda k: (URUTAN_SHEET.get(k[0], 2), k[1]))
    pekerjaan.hasil = {
        "perubahan": perubahan,
        "sidik": hasil.sidik,
        "kesalahan": kesalahan,
        "tetap": hasil.tetap,
        "token": secrets.token_urlsafe(16) if perubahan and not kesalahan else "",
    }


def simpan(pekerjaan, lapor):
    params = pekerjaan.params
    unit = _unit(params)
    lapor(20, f"Menyimpan {len(params['perubahan'])} baris")
    kesalahan = excel.terapkan(
        user=pekerjaan.pemilik,
        unit=unit,
        tahun=params["tahun"],
        triwulan=params["triwulan"],
        perubahan=params["perubahan"],
        simpan=True,
    )
    pekerjaan.hasil = {
        "kesalahan": [list(k) for k in kesalahan],
        "jumlah": len(params["perubahan"]),
    }


@shared_task(name="kinerja.realisasi_pratinjau", ignore_result=True)
def realisasi_pratinjau(pk):
    antrian.jalankan(pk, pratinjau)


@shared_task(name="kinerja.realisasi_simpan", ignore_result=True)
def realisasi_simpan(pk):
    antrian.jalankan(pk, simpan)
