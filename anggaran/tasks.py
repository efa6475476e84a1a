"""The Renstra import on the task queue (README, "Antrian"): the uploaded workbook is kept
as the job's input, anggaran.renstra_impor runs in the worker (all or nothing, as ever),
and its outcome is kept as JSON in the job for the result page
(anggaran.views_renstra.renstra_impor_hasil)."""

import dataclasses

from celery import shared_task

from anggaran.renstra_impor import renstra_impor
from renstra.models import PerangkatDaerah
from sakip import antrian, xlsx

IMPOR = "renstra-impor"


def impor(pekerjaan, lapor):
    params = pekerjaan.params
    opd = PerangkatDaerah.objects.select_related("pemda").filter(pk=params["opd"]).first()
    if opd is None:
        raise antrian.GagalPekerjaan("Perangkat daerah impor ini sudah tidak ada.")
    lapor(10, "Membaca workbook Renstra")
    try:
        with pekerjaan.masukan.open("rb") as berkas:
            hasil = renstra_impor(
                opd=opd,
                tahun_awal=params["tahun_awal"],
                tahun_akhir=params["tahun_akhir"],
                berkas=berkas,
                dry_run=params["dry_run"],
                user=pekerjaan.pemilik,
            )
    except xlsx.BerkasTidakValid as exc:
        pekerjaan.hasil = {"pesan": str(exc)}
        return
    pekerjaan.hasil = {
        "kesalahan": [dataclasses.asdict(k) for k in hasil.kesalahan],
        "ringkasan": hasil.ringkasan,
        "dry_run": hasil.dry_run,
        "periode_baru": hasil.periode_baru,
        "periode": hasil.periode.pk if hasil.periode and hasil.periode.pk else None,
    }


@shared_task(name="anggaran.renstra_impor", ignore_result=True)
def renstra_impor_tugas(pk):
    antrian.jalankan(pk, impor)
