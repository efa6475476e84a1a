"""The Celery application (README, "Antrian"): configured from Django's settings under the
CELERY_ namespace; each app's tasks live in its tasks.py (laporan, kinerja, anggaran).

    celery -A sakip worker --concurrency 1 --max-memory-per-child 600000
"""

import os

from celery import Celery
from celery.signals import worker_process_init

from sakip.proses import siapkan_proses

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")

app = Celery("sakip")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def _siapkan(**kwargs):
    """Each worker process, once the app is loaded: the garbage collector as a web worker's
    (sakip.proses)."""
    siapkan_proses()
