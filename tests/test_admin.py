"""The Django admin: every registered model's list and change page render for the admin
user with the seed data, and an admin can build a small Renstra entirely in the admin."""

from decimal import Decimal

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.html import escape

from anggaran.models import Pagu
from renstra.models import (
    Indikator,
    Kegiatan,
    PerangkatDaerah,
    PeriodeRenstra,
    Program,
    SubKegiatan,
)
from sakip.formfields import AngkaDecimalField
from tests.factories import ProgramFactory

REGISTERED = sorted(admin.site._registry, key=lambda m: m._meta.label)


@pytest.fixture
def admin_client(client, seed_data, django_user_model):
    user = django_user_model.objects.create_superuser("super", "super@example.go.id", "rahasia-123")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_admin_list_and_change_pages_render_with_the_data(admin_client, model):
    opts = model._meta
    response = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert response.status_code == 200
    obj = model.objects.order_by("pk").first()
    if obj is None:
        return
    response = admin_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    )
    assert response.status_code == 200
    assert escape(str(obj))[:40] in response.content.decode()


def test_admin_lists_show_seed_values(admin_client):
    page = admin_client.get(reverse("admin:renstra_pejabat_changelist")).content.decode()
    assert "19630811 198701 1 002" in page
    assert "HADI ZAINAL ABIDIN" in page
    page = admin_client.get(reverse("admin:renstra_unitkerja_changelist")).content.decode()
    assert "Bidang Rehabilitasi, Perlindungan dan Jaminan Sosial" in page


def _inline_management(prefix, total=1):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_an_admin_builds_a_small_renstra_in_the_admin(admin_client):
    opd = PerangkatDaerah.objects.get(slug="dinsos-pppa-probolinggo")
    data = {
        "opd": opd.pk,
        "nama": "Renstra uji",
        "tahun_awal": 2027,
        "tahun_akhir": 2031,
        "versi": 1,
        "status": "draft",
    }
    data.update(_inline_management("tujuan_set", 1))
    data.update(
        {
            "tujuan_set-0-kode": "T1",
            "tujuan_set-0-uraian": "Meningkatnya kesejahteraan",
            "tujuan_set-0-urutan": "1",
        }
    )
    response = admin_client.post(reverse("admin:renstra_perioderenstra_add"), data)
    assert response.status_code == 302, _errors(response)
    periode = PeriodeRenstra.objects.get(nama="Renstra uji")
    tujuan = periode.tujuan_set.get()

    data = {"tujuan": tujuan.pk, "kode": "S1", "uraian": "Meningkatnya kualitas PMKS", "urutan": 1}
    data.update(_inline_management("indikator_set", 1))
    data.update(_inline_management("program_set", 1))
    data.update(
        {
            "indikator_set-0-uraian": "Persentase PMKS terpenuhi kebutuhan dasarnya",
            "indikator_set-0-satuan": "%",
            "indikator_set-0-tipe": "persentase",
            "indikator_set-0-polaritas": "positif",
            "indikator_set-0-agregasi": "terakhir",
            "indikator_set-0-is_iku": "on",
            "indikator_set-0-urutan": "1",
            "indikator_set-0-pengali": "100",
            "program_set-0-kode": "1.06.04",
            "program_set-0-nama": "Program Rehabilitasi Sosial",
            "program_set-0-periode": periode.pk,
            "program_set-0-urutan": "1",
        }
    )
    response = admin_client.post(reverse("admin:renstra_sasaran_add"), data)
    assert response.status_code == 302, _errors(response)
    program = Program.objects.get(periode=periode, kode="1.06.04")

    data = {
        "periode": periode.pk,
        "sasaran": program.sasaran_id,
        "kode": "1.06.04",
        "nama": program.nama,
        "urutan": 1,
    }
    data.update(_inline_management("kegiatan_set", 1))
    data.update(_inline_management("indikator_set", 0))
    data.update(_inline_management("sasaran_tahunan", 1))
    data.update(
        {
            # In 2031 the program is a support program (the per-year override, empty sasaran).
            "sasaran_tahunan-0-tahun": "2031",
            "sasaran_tahunan-0-sasaran": "",
            "sasaran_tahunan-0-program": program.pk,
            "kegiatan_set-0-kode": "1.06.04.2.01",
            "kegiatan_set-0-nama": "Rehabilitasi Sosial Dasar",
            "kegiatan_set-0-urutan": "1",
            "kegiatan_set-0-id": "",
            "kegiatan_set-0-program": program.pk,
        }
    )
    response = admin_client.post(reverse("admin:renstra_program_change", args=[program.pk]), data)
    assert response.status_code == 302, _errors(response)
    kegiatan = Kegiatan.objects.get(periode=periode, kode="1.06.04.2.01")
    assert list(program.sasaran_tahunan.values_list("tahun", "sasaran")) == [(2031, None)]

    unit = opd.unit_set.get(slug="rehabilitasi-perlindungan-jaminan-sosial")
    data = {
        "kegiatan": kegiatan.pk,
        "kode": "1.06.04.2.01.0001",
        "nama": "Penyediaan Permakanan",
        "unit": unit.pk,
        "lokasi": "Kota Probolinggo",
        "urutan": 1,
    }
    data.update(_inline_management("indikator_set", 1))
    data.update(_inline_management("pagu_set", 1))
    data.update(
        {
            "indikator_set-0-uraian": "Jumlah orang yang mendapatkan permakanan",
            "indikator_set-0-satuan": "orang",
            "indikator_set-0-tipe": "angka",
            "indikator_set-0-polaritas": "positif",
            "indikator_set-0-agregasi": "kumulatif",
            "indikator_set-0-urutan": "1",
            "indikator_set-0-pengali": "100",
            "pagu_set-0-tahun": "2027",
            "pagu_set-0-berlaku_mulai": "1",
            "pagu_set-0-jenis": "murni",
            "pagu_set-0-jumlah": "783242000",
            "pagu_set-0-sumber_dana": "APBD",
        }
    )
    response = admin_client.post(reverse("admin:renstra_subkegiatan_add"), data)
    assert response.status_code == 302, _errors(response)

    sub = SubKegiatan.objects.get(periode=periode, kode="1.06.04.2.01.0001")
    assert sub.unit == unit
    assert Pagu.objects.get(sub_kegiatan=sub).jumlah == 783242000
    assert Indikator.objects.filter(periode=periode).count() == 2
    assert Indikator.objects.get(sub_kegiatan=sub).satuan == "orang"


def _errors(response):
    context = response.context
    if not context:
        return response.status_code
    errors = []
    if "adminform" in context:
        errors.append(context["adminform"].form.errors)
    for formset in context.get("inline_admin_formsets", []):
        errors.append(formset.formset.errors)
        errors.append(formset.formset.non_form_errors())
    return errors


def test_an_opd_added_with_units_and_an_official_gives_the_official_its_pemda(admin_client):
    pemda = PerangkatDaerah.objects.get(slug="dinsos-pppa-probolinggo").pemda
    data = {
        "pemda": pemda.pk,
        "nama": "Dinas Uji Admin",
        "singkatan": "DUA",
        "slug": "dinas-uji-admin",
    }
    data.update(_inline_management("unit_set", 1))
    data.update(
        {
            "unit_set-0-nama": "Sekretariat",
            "unit_set-0-slug": "sekretariat",
            "unit_set-0-jenis": "sekretariat",
            "unit_set-0-urutan": "1",
        }
    )
    data.update(_inline_management("pejabat_set", 1))
    data.update(
        {
            "pejabat_set-0-nama": "Drs. Uji Pejabat",
            "pejabat_set-0-jabatan": "Kepala Dinas Uji Admin",
            "pejabat_set-0-jenis_penugasan": "plt",
            "pejabat_set-0-eselon": "II.b",
            "pejabat_set-0-is_kepala": "on",
            "pejabat_set-0-aktif": "on",
        }
    )
    response = admin_client.post(reverse("admin:renstra_perangkatdaerah_add"), data)
    assert response.status_code == 302, _errors(response)
    opd = PerangkatDaerah.objects.get(slug="dinas-uji-admin")
    pejabat = opd.pejabat_set.get()
    assert (pejabat.pemda, pejabat.jenis_penugasan, pejabat.is_kepala) == (pemda, "plt", True)


# --- the Indonesian decimal comma in every decimal field (issue 12, item 8) ---------------


def _admins_with_decimal_fields():
    """(model admin or inline, model, DecimalField) of every registered model and inline."""
    out = []
    for model, model_admin in admin.site._registry.items():
        admins = [(model_admin, model)]
        admins += [(inline(model, admin.site), inline.model) for inline in model_admin.inlines]
        for adm, mdl in admins:
            for f in mdl._meta.get_fields():
                if isinstance(f, models.DecimalField):
                    out.append(pytest.param(adm, f, id=f"{type(adm).__name__}.{f.name}"))
    return out


@pytest.mark.parametrize("model_admin, db_field", _admins_with_decimal_fields())
def test_every_admin_decimal_field_reads_the_indonesian_way(model_admin, db_field, rf):
    field = model_admin.formfield_for_dbfield(db_field, request=rf.get("/"))
    assert isinstance(field, AngkaDecimalField)
    if db_field.decimal_places:
        assert field.clean("86,5") == Decimal("86.5")
    if db_field.max_digits - db_field.decimal_places >= 4:
        assert field.clean("1.250") == Decimal("1250")
    assert field.prepare_value(Decimal("1250.50")) == "1.250,5"
    assert field.clean(field.prepare_value(Decimal("1250"))) == Decimal("1250")
    with pytest.raises(ValidationError, match="bukan angka"):
        field.clean("abc")


def test_there_are_decimal_fields_in_the_admin_to_check():
    assert len(_admins_with_decimal_fields()) >= 5


def test_admin_saves_a_pagu_typed_with_dots_and_a_comma(admin_client):
    sub = SubKegiatan.objects.select_related("periode").order_by("pk").first()
    tahun = sub.periode.tahun_awal
    Pagu.objects.filter(sub_kegiatan=sub, tahun=tahun).delete()
    response = admin_client.post(
        reverse("admin:anggaran_pagu_add"),
        {
            "sub_kegiatan": sub.pk,
            "tahun": tahun,
            "berlaku_mulai": 1,
            "jenis": "murni",
            "jumlah": "1.765.363.950",
            "sumber_dana": "APBD",
            "keterangan": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Pagu.objects.get(sub_kegiatan=sub, tahun=tahun).jumlah == Decimal("1765363950")


def test_the_admin_refuses_a_per_year_sasaran_outside_the_programs_period(admin_client):
    program = ProgramFactory()
    data = {
        "periode": program.periode_id,
        "sasaran": program.sasaran_id or "",
        "kode": program.kode,
        "nama": program.nama,
        "urutan": 0,
    }
    data.update(_inline_management("kegiatan_set", 0))
    data.update(_inline_management("indikator_set", 0))
    data.update(_inline_management("sasaran_tahunan", 1))
    data.update({"sasaran_tahunan-0-tahun": "2040", "sasaran_tahunan-0-program": program.pk})
    response = admin_client.post(reverse("admin:renstra_program_change", args=[program.pk]), data)
    assert response.status_code == 200
    assert "di luar periode Renstra" in response.content.decode()
    assert not program.sasaran_tahunan.exists()


def test_the_per_year_sasaran_inline_offers_only_the_sasaran_of_the_programs_period(
    admin_client,
):
    program = ProgramFactory()
    lain = ProgramFactory()  # a sasaran of another period
    html = admin_client.get(
        reverse("admin:renstra_program_change", args=[program.pk])
    ).content.decode()
    pilihan = html.split('name="sasaran_tahunan-__prefix__-sasaran"')[1].split("</select>")[0]
    assert program.sasaran.uraian in pilihan
    assert lain.sasaran.uraian not in pilihan
