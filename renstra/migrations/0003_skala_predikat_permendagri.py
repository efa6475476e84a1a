from decimal import Decimal

from django.db import migrations

# Permendagri 86/2017: >= 91 Sangat Tinggi, 76-90 Tinggi, 66-75 Sedang, 51-65 Rendah, <= 50 Sangat Rendah.
TINGKAT = [
    (Decimal("91"), "Sangat Tinggi", "#198754"),
    (Decimal("76"), "Tinggi", "#20c997"),
    (Decimal("66"), "Sedang", "#ffc107"),
    (Decimal("51"), "Rendah", "#fd7e14"),
    (Decimal("0"), "Sangat Rendah", "#dc3545"),
]


def create_scale(apps, schema_editor):
    Skala = apps.get_model("renstra", "SkalaPredikat")
    Tingkat = apps.get_model("renstra", "TingkatPredikat")
    skala, _ = Skala.objects.get_or_create(pemda=None, nama="Permendagri 86/2017")
    for batas, label, warna in TINGKAT:
        Tingkat.objects.get_or_create(skala=skala, batas_bawah=batas, defaults={"label": label, "warna": warna})


def remove_scale(apps, schema_editor):
    apps.get_model("renstra", "SkalaPredikat").objects.filter(pemda=None, nama="Permendagri 86/2017").delete()


class Migration(migrations.Migration):
    dependencies = [("renstra", "0002_peran_pengguna")]
    operations = [migrations.RunPython(create_scale, remove_scale)]
