"""Issue 12, items 5 and 6: an aksi is edited in place and deleted only after a
confirmation page; the kadis may start the year's PK; finalising a PK shows what is
incomplete and needs a confirmation that names it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from anggaran.models import Pagu
from kinerja.models import Aksi, StatusDokumen
from laporan import selectors, services
from laporan.models import PerjanjianKinerja
from renstra.models import TargetTahunan
from sakip import roles
from tests.laporan.test_pk_dan_izin import TAHUN, _pk, _user, rencana  # noqa: F401

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def aksi(rencana):  # noqa: F811
    ra = services.rencana_aksi_get_or_create(unit=rencana["unit_a"], tahun=TAHUN)
    return services.aksi_save(
        rencana_aksi=ra,
        sub_kegiatan=rencana["sub"],
        uraian="Pendataan penerima",
        volume=Decimal("12"),
        satuan_volume="orang",
        triwulan=[1, 2],
    )


def _url(rencana, aksi, nama="laporan:aksi_ubah"):  # noqa: F811
    return reverse(nama, args=[rencana["opd"].slug, TAHUN, rencana["unit_a"].slug, aksi.pk])


def _isian(aksi, **ubah):
    p = f"aksi{aksi.pk}-"
    data = {p + "uraian": aksi.uraian, p + "volume": "12", p + "satuan_volume": "orang"}
    data[p + "triwulan"] = ["1", "2"]
    data.update({p + k: v for k, v in ubah.items()})
    return data


def test_perencana_edits_an_aksi_in_its_row(client, rencana, aksi):  # noqa: F811
    client.force_login(_user(roles.PERENCANA, rencana["opd"]))
    form = client.get(_url(rencana, aksi), **HX)
    assert form.status_code == 200
    body = form.content.decode()
    assert f'name="aksi{aksi.pk}-uraian"' in body and "<html" not in body
    response = client.post(
        _url(rencana, aksi), _isian(aksi, uraian="Pendataan ulang", volume="1.250"), **HX
    )
    assert response.status_code == 200
    assert "Aksi disimpan." in response.content.decode()
    aksi.refresh_from_db()
    assert (aksi.uraian, aksi.volume) == ("Pendataan ulang", Decimal("1250"))


def test_batal_brings_the_row_back_unchanged(client, rencana, aksi):  # noqa: F811
    client.force_login(_user(roles.PERENCANA, rencana["opd"]))
    response = client.get(_url(rencana, aksi) + "?batal=1", **HX)
    assert "Pendataan penerima" in response.content.decode()
    assert "Ubah" in response.content.decode()


def test_a_fraction_of_people_is_refused_next_to_the_volume(client, rencana, aksi):  # noqa: F811
    client.force_login(_user(roles.PERENCANA, rencana["opd"]))
    response = client.post(_url(rencana, aksi), _isian(aksi, volume="12,5"), **HX)
    assert response.status_code == 422
    assert "satuan orang dihitung utuh" in response.content.decode()
    aksi.refresh_from_db()
    assert aksi.volume == Decimal("12")


def test_operator_cannot_edit_an_aksi(client, rencana, aksi):  # noqa: F811
    client.force_login(_user(roles.OPERATOR, rencana["opd"], unit=rencana["unit_a"]))
    assert client.post(_url(rencana, aksi), _isian(aksi, uraian="X"), **HX).status_code == 403
    aksi.refresh_from_db()
    assert aksi.uraian == "Pendataan penerima"


def test_an_aksi_of_a_final_rencana_aksi_cannot_be_edited(client, rencana, aksi):  # noqa: F811
    aksi.rencana_aksi.status = StatusDokumen.FINAL
    aksi.rencana_aksi.save()
    client.force_login(_user(roles.PERENCANA, rencana["opd"]))
    assert client.post(_url(rencana, aksi), _isian(aksi, uraian="X"), **HX).status_code == 403
    assert "Ubah" not in client.get(_url(rencana, aksi), **HX).content.decode()


def test_deleting_an_aksi_asks_first_and_names_it(client, rencana, aksi):  # noqa: F811
    client.force_login(_user(roles.PERENCANA, rencana["opd"]))
    page = client.get(_url(rencana, aksi, "laporan:aksi_hapus"))
    assert page.status_code == 200
    assert "Pendataan penerima" in page.content.decode()
    assert Aksi.objects.filter(pk=aksi.pk).exists()
    response = client.post(_url(rencana, aksi, "laporan:aksi_hapus"))
    assert response.status_code == 302
    assert not Aksi.objects.filter(pk=aksi.pk).exists()


def test_kadis_starts_the_years_pk(client, rencana):  # noqa: F811
    opd = rencana["opd"]
    client.force_login(_user(roles.KEPALA_DINAS, opd))
    indeks = client.get(reverse("laporan:indeks", args=[opd.slug, TAHUN])).content.decode()
    assert reverse("laporan:pk_ubah", args=[opd.slug, TAHUN]) in indeks
    data = {
        "tempat": "Kota Uji",
        "tanggal": "2023-01-04",
        "pihak_pertama": rencana["kepala"].pk,
        "pihak_kedua": rencana["walikota"].pk,
        "indikator": [rencana["indikator"].pk],
        "program": [rencana["program"].pk],
    }
    response = client.post(reverse("laporan:pk_ubah", args=[opd.slug, TAHUN]), data)
    assert response.status_code == 302
    assert PerjanjianKinerja.objects.get().status == StatusDokumen.DRAFT


def test_incomplete_pk_lists_what_is_missing_and_needs_a_confirmation(client, rencana):  # noqa: F811
    pk = _pk(rencana)
    TargetTahunan.objects.filter(indikator=rencana["indikator"], tahun=TAHUN).delete()
    Pagu.objects.filter(sub_kegiatan=rencana["sub"]).delete()
    kurang = selectors.pk_kekurangan(pk)
    assert f"Target {TAHUN} belum diisi: Persentase layanan tepat waktu" in kurang
    assert f"Program tanpa pagu {TAHUN}: Program Layanan Uji" in kurang

    opd = rencana["opd"]
    url = reverse("laporan:pk_finalkan", args=[opd.slug, TAHUN])
    client.force_login(_user(roles.KEPALA_DINAS, opd))
    page = client.get(url).content.decode()
    assert "Program tanpa pagu" in page and 'name="konfirmasi"' in page
    assert "belum lengkap (2 hal di atas)" in page

    refused = client.post(url)
    assert refused.status_code == 422
    pk.refresh_from_db()
    assert pk.status == StatusDokumen.DRAFT

    assert client.post(url, {"konfirmasi": "ya"}).status_code == 302
    pk.refresh_from_db()
    assert pk.status == StatusDokumen.FINAL


def test_complete_pk_is_finalised_after_the_confirmation_page(client, rencana):  # noqa: F811
    pk = _pk(rencana)
    assert selectors.pk_kekurangan(pk) == []
    opd = rencana["opd"]
    client.force_login(_user(roles.KEPALA_DINAS, opd))
    url = reverse("laporan:pk_finalkan", args=[opd.slug, TAHUN])
    page = client.get(url).content.decode()
    assert "Ya, finalkan PK" in page and 'name="konfirmasi"' not in page
    assert client.post(url).status_code == 302
    pk.refresh_from_db()
    assert pk.status == StatusDokumen.FINAL


def test_irreversible_buttons_ask_first(client, rencana):  # noqa: F811
    _pk(rencana)
    opd = rencana["opd"]
    services.laporan_get_or_create(opd=opd, tahun=TAHUN)
    client.force_login(_user(roles.KEPALA_DINAS, opd))
    indeks = client.get(reverse("laporan:indeks", args=[opd.slug, TAHUN])).content.decode()
    assert 'data-confirm="Finalkan LKjIP' in indeks
    assert f'href="{reverse("laporan:pk_finalkan", args=[opd.slug, TAHUN])}"' in indeks
