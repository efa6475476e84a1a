from django.apps import AppConfig

from sakip import formfields


class SakipConfig(AppConfig):
    name = "sakip"
    verbose_name = "SAKIP"

    def ready(self):
        formfields.pasang_di_admin()
