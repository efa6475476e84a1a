from django.db import migrations

ROLE = "Inspektorat"


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=ROLE)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ROLE).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluasi", "0001_initial"), ("renstra", "0002_peran_pengguna")]
    operations = [migrations.RunPython(create_group, remove_group)]
