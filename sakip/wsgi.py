import os

from django.core.wsgi import get_wsgi_application

from sakip.proses import siapkan_proses

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
application = get_wsgi_application()
siapkan_proses()
