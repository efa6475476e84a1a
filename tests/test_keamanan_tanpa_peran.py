"""An account without a role reads nothing (issue "[2 of 9] Hardening", item 3): every
URL of the site, filled with real ids of the seed data, answers 403 with the "no role"
page, except the account pages and the public document check; and the access helpers
give such an account empty scopes even if a view were reached another way."""

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from renstra import demo
from sakip import access
from sakip.middleware import TANPA_PERAN_BOLEH
from tests.factories import PenggunaFactory

PESAN = "Akun Anda belum diberi peran"


def model(name):
    # Found by name: several models are moving between apps (kinerja -> renstra/laporan).
    return next(m for m in apps.get_models() if m.__name__ == name)


def semua_url(patterns=None, namespace=""):
    """(view name, route converters) of every named URL of the project's tree."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from semua_url(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}{p.name}", sorted(getattr(p.pattern, "converters", {}))


@pytest.fixture
def dunia(seed_data, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    opd = model("PerangkatDaerah").objects.select_related("pemda").get(slug=demo.DEMO_OPD_SLUG)
    demo.create_demo_users(opd)
    unit = opd.unit_set.get(slug=demo.DEMO_USERS["operator"][1])
    tahun, triwulan = demo.DEMO_TRIWULAN
    tw = model("TriwulanPelaporan").objects.create(opd=opd, tahun=tahun, triwulan=triwulan)
    realisasi = model("Realisasi").objects.filter(indikator__periode__opd=opd).first()
    bukti = model("BuktiRealisasi")(
        realisasi=realisasi, nama_asli="bukti.pdf", content_type="application/pdf", ukuran=8
    )
    from kinerja.services import bukti_storage

    bukti.berkas.name = bukti_storage().save("bukti/uji.pdf", ContentFile(b"%PDF-1.4"))
    bukti.save()
    periode = model("PeriodeRenstra").objects.filter(opd=opd).order_by("-tahun_awal").first()
    ids = {
        "Realisasi": realisasi.pk,
        "BuktiRealisasi": bukti.pk,
        "TriwulanPelaporan": tw.pk,
        "PeriodeRenstra": periode.pk,
        "Indikator": realisasi.indikator_id,
        "SubKegiatan": model("SubKegiatan").objects.filter(periode=periode).first().pk,
        "RealisasiAnggaran": model("RealisasiAnggaran")
        .objects.filter(sub_kegiatan__periode__opd=opd)
        .first()
        .pk,
        "Aksi": model("Aksi").objects.filter(rencana_aksi__unit__opd=opd).first().pk,
        "Pengguna": model("Pengguna").objects.get(username="operator").pk,
        "UnitKerja": unit.pk,
        "Pejabat": model("Pejabat").objects.filter(opd=opd).first().pk,
        # Any scale will do: the middleware refuses before the lookup.
        "SkalaPredikat": model("SkalaPredikat").objects.first().pk,
        "LampiranLkjip": 1,  # none exists: the middleware refuses before any lookup
        # No evaluation rows exist: the middleware refuses before any lookup.
        "Rekomendasi": 1,
        "BuktiLke": 1,
        "TindakLanjut": 1,
        "Pekerjaan": 1,  # no job exists: the middleware refuses before any lookup
    }
    user = PenggunaFactory(username="tanpa_peran", opd=opd, unit=unit)
    return {
        "opd": opd,
        "unit": unit,
        "tahun": tahun,
        "triwulan": triwulan,
        "ids": ids,
        "user": user,
    }


# Which model an URL's <int:pk> names; a new URL with a pk must be added here.
PK_MODEL = {
    "anggaran:renstra_ekspor": "PeriodeRenstra",
    "kinerja:realisasi_simpan": "Indikator",
    "kinerja:realisasi_riwayat": "Realisasi",
    "kinerja:bukti_unggah": "Realisasi",
    "kinerja:bukti_unduh": "BuktiRealisasi",
    "kinerja:bukti_hapus": "BuktiRealisasi",
    "kinerja:realisasi_verifikasi": "Realisasi",
    "kinerja:triwulan_tutup": "TriwulanPelaporan",
    "kinerja:triwulan_detail": "TriwulanPelaporan",
    "laporan:tc27_xlsx": "PeriodeRenstra",
    "kinerja:realisasi_anggaran_simpan": "SubKegiatan",
    "kinerja:realisasi_anggaran_riwayat": "RealisasiAnggaran",
    "kinerja:realisasi_anggaran_verifikasi": "RealisasiAnggaran",
    "laporan:aksi_hapus": "Aksi",
    "anggaran:pagu_riwayat": "SubKegiatan",
    "pengelolaan:pengguna_ubah": "Pengguna",
    "pengelolaan:unit_ubah": "UnitKerja",
    "pengelolaan:pejabat_ubah": "Pejabat",
    "pengelolaan:skala_ubah": "SkalaPredikat",
    "laporan:lampiran_hapus": "LampiranLkjip",
    "laporan:lampiran_berkas": "LampiranLkjip",
    "laporan:aksi_ubah": "Aksi",
    "evaluasi:rekomendasi_status": "Rekomendasi",
    "evaluasi:tindak_lanjut_simpan": "Rekomendasi",
    "evaluasi:bukti_unduh": "BuktiLke",
    "evaluasi:tindak_lanjut_unduh": "TindakLanjut",
    "pekerjaan": "Pekerjaan",
    "pekerjaan_berkas": "Pekerjaan",
    "kinerja:realisasi_unggah_hasil": "Pekerjaan",
    "anggaran:renstra_impor_hasil": "Pekerjaan",
}


def kwargs_untuk(name, converters, d):
    values = {
        "tahun": d["tahun"],
        "triwulan": d["triwulan"],
        "opd": d["opd"].slug,
        "slug": d["opd"].slug,
        "periode": d["ids"]["PeriodeRenstra"],
        "unit": d["unit"].slug,
        "jenis": "t-c-27",
        "kode": "TIDAKADA",
        "kriteria": 1,
        "sub": 1,
        "dokumen": "iku",  # laporan's per-document signatory form
        "pejabat": 1,  # laporan's SKP and PK per jenjang (branch h-pohon)
    }
    out = {}
    for conv in converters:
        if conv == "pk":
            assert name in PK_MODEL, f"{name}: which model does its pk name? add it to PK_MODEL"
            out["pk"] = d["ids"][PK_MODEL[name]]
        else:
            assert conv in values, f"{name}: no test value for <{conv}>"
            out[conv] = values[conv]
    return out


def urls_situs(d):
    # The Django admin checks is_staff itself and is covered by tests/test_admin.py; its
    # index stands for it here.
    out = []
    for name, converters in semua_url():
        if name.startswith("admin:") and name not in ("admin:index", *TANPA_PERAN_BOLEH):
            continue
        out.append((name, reverse(name, kwargs=kwargs_untuk(name, converters, d))))
    return out


def test_a_user_without_a_role_is_refused_on_every_url_of_the_site(client, dunia):
    client.force_login(dunia["user"])
    refused, urls = [], urls_situs(dunia)
    assert len(urls) > 50
    for name, url in urls:
        if name in TANPA_PERAN_BOLEH:
            continue
        for method in (client.get, client.post):
            response = method(url)
            if response.status_code != 403 or PESAN not in response.content.decode():
                refused.append((method.__name__, name, url, response.status_code))
    assert not refused, refused


def test_the_refusal_leaves_evidence_files_and_documents_unread(client, dunia):
    client.force_login(dunia["user"])
    d = dunia
    for url in (
        reverse("kinerja:bukti_unduh", args=[d["ids"]["BuktiRealisasi"]]),
        reverse("laporan:pk_pdf", args=[d["opd"].slug, d["tahun"]]),
        reverse("laporan:pk_docx", args=[d["opd"].slug, d["tahun"]]),
        reverse("laporan:lkjip_docx", args=[d["opd"].slug, d["tahun"]]),
        reverse("laporan:pengukuran", args=[d["opd"].slug, d["tahun"], d["triwulan"]]),
        reverse("kinerja:realisasi_list"),
    ):
        response = client.get(url)
        assert response.status_code == 403
        assert response["Content-Type"].startswith("text/html")
        assert b"%PDF" not in response.content and not response.content.startswith(b"PK")


def test_a_user_without_a_role_may_still_use_the_account_pages(client, dunia):
    client.force_login(dunia["user"])
    assert PESAN in client.get(reverse("home")).content.decode()
    assert client.get(reverse("password_change")).status_code == 200
    assert client.get(reverse("password_change_done")).status_code == 200
    assert client.get(reverse("laporan:verifikasi", args=["TIDAKADA"])).status_code == 404
    assert client.post(reverse("logout")).status_code == 302


def test_the_same_urls_still_answer_for_a_user_with_a_role(client, dunia):
    client.force_login(model("Pengguna").objects.get(username="kadis"))
    for name in ("kinerja:realisasi_list", "kinerja:indikator_list"):
        assert client.get(reverse(name)).status_code == 200
    url = reverse("kinerja:bukti_unduh", args=[dunia["ids"]["BuktiRealisasi"]])
    assert client.get(url).status_code == 200


def test_scopes_of_a_user_without_a_role_are_empty_even_without_the_middleware(
    client, dunia, settings
):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "RoleRequired" not in m]
    user = dunia["user"]
    Realisasi = model("Realisasi")
    assert access.tanpa_peran(user)
    assert not access.opd_queryset(user, Realisasi.objects.all(), "indikator__periode__opd")
    assert not access.unit_queryset(
        user, model("SubKegiatan").objects.all(), opd_field="periode__opd"
    )
    assert not access.can_see_opd(user, dunia["opd"])
    client.force_login(user)
    url = reverse("kinerja:bukti_unduh", args=[dunia["ids"]["BuktiRealisasi"]])
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("laporan:pk", args=[dunia["opd"].slug, dunia["tahun"]])).status_code
        == 404
    )
