"""Predicate bands with both bounds; the Pemda's scale is an explicit setting (issue 11).

Existing bands had a lower bound only (the highest one not above the capaian won): each gets
the next higher band's lower bound as its exclusive upper bound, so every grade stays the
same. Each Pemda keeps the scale it graded by: its own scale marked `utama`, else the global
scale the old rule picked (`utama` first, then the oldest).
"""

import django.db.models.deletion
from django.db import migrations, models

import renstra.models.organisasi


def bounds_from_lower(apps, schema_editor):
    Tingkat = apps.get_model("renstra", "TingkatPredikat")
    Skala = apps.get_model("renstra", "SkalaPredikat")
    for skala in Skala.objects.all():
        atas = None
        for t in Tingkat.objects.filter(skala=skala).order_by("-batas_bawah"):
            t.batas_atas, t.atas_inklusif, t.bawah_inklusif = atas, False, True
            t.save(update_fields=["batas_atas", "atas_inklusif", "bawah_inklusif"])
            atas = t.batas_bawah


def keep_current_scale(apps, schema_editor):
    Pemda = apps.get_model("renstra", "Pemda")
    Skala = apps.get_model("renstra", "SkalaPredikat")
    umum = Skala.objects.filter(pemda__isnull=True).order_by("-utama", "pk").first()
    if umum is None and Pemda.objects.exists():
        umum = Skala.objects.create(pemda=None, nama="Permendagri 86/2017")
        Tingkat = apps.get_model("renstra", "TingkatPredikat")
        for bawah, atas, label, warna in (
            (91, None, "Sangat Tinggi", "#198754"),
            (76, 91, "Tinggi", "#20c997"),
            (66, 76, "Sedang", "#ffc107"),
            (51, 66, "Rendah", "#fd7e14"),
            (0, 51, "Sangat Rendah", "#dc3545"),
        ):
            Tingkat.objects.create(
                skala=umum, batas_bawah=bawah, batas_atas=atas, label=label, warna=warna
            )
    for pemda in Pemda.objects.all():
        own = Skala.objects.filter(pemda=pemda, utama=True).first()
        pemda.skala_predikat = own or umum
        pemda.save(update_fields=["skala_predikat"])


def lower_bound_zero(apps, schema_editor):
    # Going back to lower bounds only: an open lower bound was "from nothing", i.e. 0.
    apps.get_model("renstra", "TingkatPredikat").objects.filter(batas_bawah__isnull=True).update(
        batas_bawah=0
    )


def restore_utama(apps, schema_editor):
    Pemda = apps.get_model("renstra", "Pemda")
    Skala = apps.get_model("renstra", "SkalaPredikat")
    for pemda in Pemda.objects.exclude(skala_predikat__pemda__isnull=True):
        Skala.objects.filter(pk=pemda.skala_predikat_id).update(utama=True)


class Migration(migrations.Migration):
    dependencies = [("renstra", "0004_pejabat_masa_jabatan")]

    operations = [
        migrations.RemoveConstraint(model_name="tingkatpredikat", name="tingkat_batas_unik"),
        migrations.AlterModelOptions(
            name="tingkatpredikat",
            options={
                "ordering": [
                    "skala",
                    models.OrderBy(models.F("batas_bawah"), descending=True, nulls_last=True),
                ],
                "verbose_name": "tingkat predikat",
                "verbose_name_plural": "tingkat predikat",
            },
        ),
        migrations.AlterField(
            model_name="tingkatpredikat",
            name="batas_bawah",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="Kosongkan bila tidak ada batas bawah (mis. “kurang dari 20%”).",
                max_digits=8,
                null=True,
                verbose_name="batas bawah (%)",
            ),
        ),
        migrations.RunPython(migrations.RunPython.noop, lower_bound_zero),
        migrations.AddField(
            model_name="tingkatpredikat",
            name="bawah_inklusif",
            field=models.BooleanField(
                default=True,
                help_text="Centang untuk ≥, kosongkan untuk >.",
                verbose_name="batas bawah termasuk",
            ),
        ),
        migrations.AddField(
            model_name="tingkatpredikat",
            name="batas_atas",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="Kosongkan bila tidak ada batas atas.",
                max_digits=8,
                null=True,
                verbose_name="batas atas (%)",
            ),
        ),
        migrations.AddField(
            model_name="tingkatpredikat",
            name="atas_inklusif",
            field=models.BooleanField(
                default=False,
                help_text="Centang untuk ≤, kosongkan untuk <.",
                verbose_name="batas atas termasuk",
            ),
        ),
        migrations.RunPython(bounds_from_lower, migrations.RunPython.noop),
        migrations.AddField(
            model_name="pemda",
            name="skala_predikat",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="pemda_pengguna",
                to="renstra.skalapredikat",
                verbose_name="skala predikat yang dipakai",
            ),
        ),
        migrations.RunPython(keep_current_scale, restore_utama),
        migrations.AlterField(
            model_name="pemda",
            name="skala_predikat",
            field=models.ForeignKey(
                default=renstra.models.organisasi.skala_predikat_bawaan,
                help_text="Skala global (Permendagri 86/2017) atau skala milik pemda ini.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="pemda_pengguna",
                to="renstra.skalapredikat",
                verbose_name="skala predikat yang dipakai",
            ),
        ),
        migrations.RemoveConstraint(model_name="skalapredikat", name="satu_skala_utama_per_pemda"),
        migrations.RemoveField(model_name="skalapredikat", name="utama"),
    ]
