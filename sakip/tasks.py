"""The periodic cleanup of the job table (README, "Antrian"): run nightly by a Celery beat
(settings.CELERY_BEAT_SCHEDULE) when one runs; the same as `manage.py bersihkan_pekerjaan`."""

from celery import shared_task
from django.conf import settings

from sakip import antrian


@shared_task(name="sakip.bersihkan_pekerjaan", ignore_result=True)
def bersihkan_pekerjaan():
    antrian.bersihkan(hari=settings.SAKIP_PEKERJAAN_SIMPAN_HARI)
