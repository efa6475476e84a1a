"""The LKE of PermenPAN-RB 88/2021 (fixtures/lke_88_2021.json, built from
../shared/reference/lke-88-2021.md) as reference data present in every database. A later
regulation is added as a new version (manage.py load_lke --berkas <file>), never by
editing these rows."""

import json
from decimal import Decimal
from pathlib import Path

from django.db import migrations

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "lke_88_2021.json"


def muat(apps, schema_editor):
    VersiLke = apps.get_model("evaluasi", "VersiLke")
    Komponen = apps.get_model("evaluasi", "Komponen")
    SubKomponen = apps.get_model("evaluasi", "SubKomponen")
    Kriteria = apps.get_model("evaluasi", "Kriteria")
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    if VersiLke.objects.filter(kode=data["kode"]).exists():
        return
    versi = VersiLke.objects.create(
        kode=data["kode"],
        regulasi=data["regulasi"],
        tahun_mulai=data["tahun_mulai"],
        metode=data["metode"],
    )
    for k in data["komponen"]:
        komponen = Komponen.objects.create(
            versi=versi, kode=k["kode"], nama=k["nama"], bobot=Decimal(k["bobot"])
        )
        for s in k["sub_komponen"]:
            sub = SubKomponen.objects.create(
                komponen=komponen,
                kode=s["kode"],
                jenis=s["jenis"],
                nama=s["nama"],
                bobot=Decimal(s["bobot"]),
            )
            Kriteria.objects.bulk_create(
                Kriteria(
                    sub_komponen=sub,
                    kode=c["kode"],
                    urutan=i,
                    uraian=c["uraian"],
                    skala=c["skala"],
                    aturan=c["aturan"],
                )
                for i, c in enumerate(s["kriteria"], 1)
            )


def hapus(apps, schema_editor):
    apps.get_model("evaluasi", "VersiLke").objects.filter(kode="permenpanrb-88-2021").delete()


class Migration(migrations.Migration):
    dependencies = [("evaluasi", "0002_peran_inspektorat")]
    operations = [migrations.RunPython(muat, hapus)]
