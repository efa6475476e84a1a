"""The Celery application (README, "Antrian"): configured from Django's settings under the
CELERY_ namespace; each app's tasks live in its tasks.py (laporan, kinerja, anggaran).

    celery -A sakip worker --concurrency 1 --max-memory-per-child 600000
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")

app = Celery("sakip")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
