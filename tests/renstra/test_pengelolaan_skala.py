"""The Pemda admin builds the predicate scale in the application (issue 11 item 1): the
bands with both bounds, inclusive flags and gaps, the same overlap check as the Django
admin, and the choice of the scale the Pemda grades by."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.selectors import capaian_opd
from renstra import services
from renstra.models import Pemda, SkalaPredikat, TingkatPredikat
from tests.factories import RealisasiFactory
from tests.kinerja.dunia import siapkan

pytestmark = pytest.mark.django_db


@pytest.fixture
def d(settings, tmp_path):
    return siapkan(settings, tmp_path)


def _bands(*bands, awal=0):
    """The POST body of the band formset: (bawah, bawah_inklusif, atas, atas_inklusif, label)."""
    data = {"tingkat-TOTAL_FORMS": str(len(bands)), "tingkat-INITIAL_FORMS": str(awal)}
    for i, (bawah, bawah_ink, atas, atas_ink, label) in enumerate(bands):
        data.update(
            {
                f"tingkat-{i}-batas_bawah": bawah,
                f"tingkat-{i}-batas_atas": atas,
                f"tingkat-{i}-label": label,
                f"tingkat-{i}-warna": "#198754",
            }
        )
        if bawah_ink:
            data[f"tingkat-{i}-bawah_inklusif"] = "on"
        if atas_ink:
            data[f"tingkat-{i}-atas_inklusif"] = "on"
    return data


CELAH = _bands(
    ("80", True, "100", True, "Baik"),
    ("0", True, "60", False, "Kurang"),
)


def test_an_admin_builds_a_scale_with_a_gap_chooses_it_and_the_opd_grades_by_it(client, d):
    client.force_login(d.admin)
    response = client.post(reverse("pengelolaan:skala_baru"), {"nama": "Skala Kota", **CELAH})
    assert response.status_code == 302
    skala = SkalaPredikat.objects.get(nama="Skala Kota")
    assert skala.pemda == d.pemda
    assert sorted(skala.tingkat_set.values_list("label", flat=True)) == ["Baik", "Kurang"]

    response = client.post(reverse("pengelolaan:skala_list"), {"skala": skala.pk})
    assert response.status_code == 302
    assert Pemda.objects.get(pk=d.pemda.pk).skala_predikat == skala
    teks = client.get(reverse("pengelolaan:skala_list")).content.decode()
    assert "Skala Kota" in teks and "dipakai" in teks and "Global (hanya dibaca)" in teks

    RealisasiFactory(indikator=d.ind_persen, tahun=d.tahun, triwulan=d.triwulan, nilai=70)
    RealisasiFactory(indikator=d.ind_b, tahun=d.tahun, triwulan=d.triwulan, nilai=52)
    baris = {r.id: r for r in capaian_opd(d.opd, d.tahun, d.triwulan).indikator}
    assert baris[d.ind_persen.pk].predikat.label == "Baik"  # 87,5%
    assert baris[d.ind_b.pk].predikat.di_luar_skala  # 65%: in the gap
    assert baris[d.ind_b.pk].predikat.label == "di luar skala"


def test_overlapping_bands_are_refused_in_indonesian_and_nothing_is_saved(client, d):
    client.force_login(d.admin)
    data = _bands(("80", True, "100", True, "Baik"), ("50", True, "90", False, "Cukup"))
    response = client.post(reverse("pengelolaan:skala_baru"), {"nama": "Tumpuk", **data})
    assert response.status_code == 422
    assert "bertumpuk" in response.content.decode()
    assert not SkalaPredikat.objects.filter(nama="Tumpuk").exists()


def test_an_inverted_band_is_refused_and_the_scale_keeps_its_bands(client, d):
    skala = services.skala_simpan(
        user=d.admin,
        skala=SkalaPredikat(nama="Lama"),
        tingkat=[{"batas_bawah": Decimal("0"), "label": "Semua", "bawah_inklusif": True}],
    )
    client.force_login(d.admin)
    data = _bands(("90", True, "80", False, "Terbalik"))
    response = client.post(
        reverse("pengelolaan:skala_ubah", args=[skala.pk]), {"nama": "X", **data}
    )
    assert response.status_code == 422
    assert "Batas atas harus lebih besar" in response.content.decode()
    skala.refresh_from_db()
    assert skala.nama == "Lama"
    assert list(skala.tingkat_set.values_list("label", flat=True)) == ["Semua"]


def test_numbers_are_typed_the_indonesian_way(client, d):
    client.force_login(d.admin)
    data = _bands(("85,5", True, "", False, "Tinggi"))
    response = client.post(reverse("pengelolaan:skala_baru"), {"nama": "Koma", **data})
    assert response.status_code == 302
    t = TingkatPredikat.objects.get(skala__nama="Koma")
    assert (t.batas_bawah, t.batas_atas) == (Decimal("85.5"), None)


def test_the_service_refuses_overlap_without_writing(d):
    with pytest.raises(ValidationError, match="bertumpuk"):
        services.skala_simpan(
            user=d.admin,
            skala=SkalaPredikat(nama="Tumpuk"),
            tingkat=[
                {"batas_bawah": Decimal("50"), "label": "A", "bawah_inklusif": True},
                {"batas_bawah": Decimal("70"), "label": "B", "bawah_inklusif": True},
            ],
        )
    assert not SkalaPredikat.objects.filter(nama="Tumpuk").exists()


def test_another_pemdas_admin_gets_404_for_the_scale_and_cannot_choose_it(client, d):
    skala = services.skala_simpan(
        user=d.admin,
        skala=SkalaPredikat(nama="Milik Kota"),
        tingkat=[{"batas_bawah": Decimal("0"), "label": "Semua", "bawah_inklusif": True}],
    )
    client.force_login(d.admin_lain)
    assert client.get(reverse("pengelolaan:skala_ubah", args=[skala.pk])).status_code == 404
    response = client.post(reverse("pengelolaan:skala_ubah", args=[skala.pk]), CELAH)
    assert response.status_code == 404
    teks = client.get(reverse("pengelolaan:skala_list")).content.decode()
    assert "Milik Kota" not in teks
    response = client.post(reverse("pengelolaan:skala_list"), {"skala": skala.pk})
    assert response.status_code == 422
    lain = Pemda.objects.get(pk=d.admin_lain.pemda_id)
    assert lain.skala_predikat_id != skala.pk


def test_a_global_scale_is_read_only_for_the_pemda_admin(client, d):
    global_ = SkalaPredikat.objects.filter(pemda__isnull=True).first()
    client.force_login(d.admin)
    assert client.get(reverse("pengelolaan:skala_ubah", args=[global_.pk])).status_code == 404


def test_an_operator_is_refused(client, d):
    client.force_login(d.operator)
    for url in (
        reverse("pengelolaan:skala_list"),
        reverse("pengelolaan:skala_baru"),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, {"nama": "X", **CELAH}).status_code == 403
    assert not SkalaPredikat.objects.filter(nama="X").exists()


def _hitung(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_scale_list_costs_the_same_queries_whatever_its_length(client, d):
    client.force_login(d.admin)
    url = reverse("pengelolaan:skala_list")
    sedikit = _hitung(client, url)
    for i in range(5):
        services.skala_simpan(
            user=d.admin,
            skala=SkalaPredikat(nama=f"Skala {i}"),
            tingkat=[
                {"batas_bawah": Decimal("50"), "label": "Baik", "bawah_inklusif": True},
                {"batas_atas": Decimal("50"), "label": "Kurang"},
            ],
        )
    assert _hitung(client, url) == sedikit


def test_the_form_shows_a_scales_bounds_the_indonesian_way_and_the_nav_links_it(client, d):
    skala = services.skala_simpan(
        user=d.admin,
        skala=SkalaPredikat(nama="Koma"),
        tingkat=[{"batas_bawah": Decimal("85.5"), "label": "Tinggi", "bawah_inklusif": True}],
    )
    client.force_login(d.admin)
    teks = client.get(reverse("pengelolaan:skala_ubah", args=[skala.pk])).content.decode()
    assert 'value="85,5"' in teks and 'value="Tinggi"' in teks
    assert reverse("pengelolaan:skala_list") in teks  # the "Pengelolaan" menu and the tab
