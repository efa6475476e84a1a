"""PK lifecycle (finalise freezes, PK Perubahan, reopen with a reason), the verification
page, and who may edit, finalise and reopen the documents."""

import hashlib
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from anggaran.models import Pagu
from kinerja.models import Aksi, RencanaAksi, StatusDokumen, TargetTriwulan
from laporan import selectors, services
from laporan.models import AnalisisIndikator, DokumenTerbit, LaporanKinerja, PerjanjianKinerja
from renstra.models import Pejabat, TargetTahunan
from sakip import roles
from sakip.angka import Besaran
from tests.factories import (
    IndikatorFactory,
    KegiatanFactory,
    OPDFactory,
    PaguFactory,
    PenggunaFactory,
    PeriodeFactory,
    ProgramFactory,
    SasaranFactory,
    SubKegiatanFactory,
    TargetTahunanFactory,
    TujuanFactory,
    UnitFactory,
)

from .conftest import read_pdf

pytestmark = pytest.mark.django_db
TAHUN = 2023


@pytest.fixture
def rencana():
    """A small OPD: one sasaran indicator with a 2023 target of 80%, one program whose
    sub-kegiatan (of unit A) has a pagu of Rp 100.000.000, a Kepala Dinas and a Wali Kota."""
    opd = OPDFactory(nama="Dinas Uji Dokumen", pemda__ibukota="Kota Uji")
    unit_a = UnitFactory(opd=opd, nama="Bidang A")
    unit_b = UnitFactory(opd=opd, nama="Bidang B")
    periode = PeriodeFactory(opd=opd)
    sasaran = SasaranFactory(
        tujuan=TujuanFactory(periode=periode), uraian="Meningkatnya mutu layanan"
    )
    indikator = IndikatorFactory(
        sasaran=sasaran, uraian="Persentase layanan tepat waktu", is_iku=True
    )
    TargetTahunanFactory(indikator=indikator, tahun=TAHUN, nilai=Decimal("80"))
    program = ProgramFactory(sasaran=sasaran, periode=periode, nama="Program Layanan Uji")
    sub = SubKegiatanFactory(kegiatan=KegiatanFactory(program=program), unit=unit_a)
    PaguFactory(sub_kegiatan=sub, tahun=TAHUN, jumlah=Decimal("100000000"))
    kepala = Pejabat.objects.create(
        pemda=opd.pemda,
        opd=opd,
        nama="Dr. KEPALA UJI, M.Si.",
        nip="19700101 199001 1 001",
        pangkat="Pembina Tk I",
        golongan="IV/b",
        jabatan="Kepala Dinas Uji Dokumen",
        is_kepala=True,
    )
    walikota = Pejabat.objects.create(
        pemda=opd.pemda, nama="WALI UJI, S.H.", jabatan="Wali Kota Uji", is_kepala_daerah=True
    )
    return {
        "opd": opd,
        "unit_a": unit_a,
        "unit_b": unit_b,
        "periode": periode,
        "indikator": indikator,
        "program": program,
        "sub": sub,
        "kepala": kepala,
        "walikota": walikota,
    }


def _pk(r):
    return services.pk_create(
        opd=r["opd"],
        tahun=TAHUN,
        tempat="Kota Uji",
        tanggal="2023-01-04",
        pihak_pertama=r["kepala"],
        pihak_kedua=r["walikota"],
        indikator_list=[r["indikator"]],
        program_list=[r["program"]],
    )


def _user(role, opd, **kwargs):
    return PenggunaFactory(role=role, opd=opd, pemda=opd.pemda, **kwargs)


# --- PK lifecycle -------------------------------------------------------------------------


def test_finalised_pk_does_not_change_when_target_or_pagu_changes_afterwards(rencana):
    pk = _pk(rencana)
    draft = selectors.pk_document(opd=rencana["opd"], tahun=TAHUN, pk=pk)
    assert draft["indikator_rows"][0]["target"] == Besaran(Decimal("80"), "%")
    assert draft["program_rows"][0]["anggaran"] == Decimal("100000000")

    services.pk_finalize(pk=pk)
    TargetTahunan.objects.filter(indikator=rencana["indikator"], tahun=TAHUN).update(
        nilai=Decimal("95")
    )
    Pagu.objects.filter(sub_kegiatan=rencana["sub"]).update(jumlah=Decimal("250000000"))
    rencana["indikator"].uraian = "Uraian yang diubah sesudah PK ditandatangani"
    rencana["indikator"].save()

    pk.refresh_from_db()
    frozen = selectors.pk_document(opd=rencana["opd"], tahun=TAHUN, pk=pk)
    assert frozen["is_final"]
    assert frozen["indikator_rows"][0]["target"] == Besaran(Decimal("80"), "%")
    assert frozen["indikator_rows"][0]["indikator"] == "Persentase layanan tepat waktu"
    assert frozen["program_rows"][0]["anggaran"] == Decimal("100000000")
    assert frozen["total_anggaran"] == Decimal("100000000")
    assert pk.snapshot["pihak_pertama"]["nip"] == "19700101 199001 1 001"
    # a draft PK Perubahan reads the plan as it is now
    baru = services.pk_perubahan(pk=pk)
    live = selectors.pk_document(opd=rencana["opd"], tahun=TAHUN, pk=baru)
    assert (baru.versi, baru.is_perubahan, live["is_final"]) == (2, True, False)
    assert live["indikator_rows"][0]["target"] == Besaran(Decimal("95"), "%")
    assert live["program_rows"][0]["anggaran"] == Decimal("250000000")


def test_final_pk_refuses_edits_and_a_second_finalise(rencana):
    pk = services.pk_finalize(pk=_pk(rencana))
    with pytest.raises(ValidationError, match="sudah final"):
        services.pk_update(
            pk=pk,
            tempat="X",
            tanggal="2023-02-01",
            pihak_pertama=rencana["kepala"],
            pihak_kedua=rencana["walikota"],
            indikator_list=[],
            program_list=[],
        )
    with pytest.raises(ValidationError, match="sudah final"):
        services.pk_finalize(pk=pk)
    pk.refresh_from_db()
    assert pk.tempat == "Kota Uji"


def test_pk_refuses_a_first_party_of_another_opd_and_changes_nothing(rencana):
    other = Pejabat.objects.create(
        pemda=rencana["opd"].pemda,
        opd=OPDFactory(pemda=rencana["opd"].pemda),
        nama="Lain",
        jabatan="Kepala Lain",
    )
    with pytest.raises(ValidationError) as exc:
        services.pk_create(
            opd=rencana["opd"],
            tahun=TAHUN,
            tempat="Kota Uji",
            tanggal="2023-01-04",
            pihak_pertama=other,
            pihak_kedua=rencana["walikota"],
            indikator_list=[rencana["indikator"]],
            program_list=[rencana["program"]],
        )
    assert "Pihak pertama harus pejabat perangkat daerah ini." in str(exc.value)
    assert not PerjanjianKinerja.objects.exists()


def test_reopen_needs_a_reason_and_records_it_in_the_history(rencana):
    admin = _user(roles.ADMIN, rencana["opd"])
    pk = services.pk_finalize(pk=_pk(rencana))
    with pytest.raises(ValidationError, match="Alasan"):
        services.pk_reopen(pk=pk, alasan="  ", user=admin)
    pk.refresh_from_db()
    assert pk.status == StatusDokumen.FINAL
    services.pk_reopen(pk=pk, alasan="Salah ketik target", user=admin)
    pk.refresh_from_db()
    assert pk.status == StatusDokumen.DRAFT and pk.snapshot is None
    assert pk.history.first().history_change_reason == "Dibuka kembali: Salah ketik target"


def test_verification_page_is_public_and_shows_the_checksum_of_the_pdf_as_issued(rencana, client):
    services.pk_finalize(pk=_pk(rencana))
    kadis = _user(roles.KEPALA_DINAS, rencana["opd"])
    client.force_login(kadis)
    response = client.get(reverse("laporan:pk_pdf", args=[rencana["opd"].slug, TAHUN]))
    assert response.status_code == 200
    dokumen = DokumenTerbit.objects.get()
    checksum = hashlib.sha256(response.content).hexdigest()
    assert dokumen.sha256 == checksum and dokumen.is_final and dokumen.dibuat_oleh == kadis
    with dokumen.berkas.open("rb") as stored:
        assert stored.read() == response.content
    _, text = read_pdf(response.content)
    assert (
        dokumen.kode in text
        and "Dr. KEPALA UJI, M.Si." in text
        and "NIP. 19700101 199001 1 001" in text
    )

    client.logout()
    page = client.get(reverse("laporan:verifikasi", args=[dokumen.kode]))
    assert page.status_code == 200
    body = page.content.decode()
    assert checksum in body and "Perjanjian Kinerja" in body and "Dinas Uji Dokumen" in body
    assert "Final" in body
    assert client.get(reverse("laporan:verifikasi", args=["TIDAKADA99"])).status_code == 404


def test_unfinalised_document_pdf_is_watermarked_draf(rencana, admin_client):
    _pk(rencana)
    response = admin_client.get(reverse("laporan:pk_pdf", args=[rencana["opd"].slug, TAHUN]))
    _, text = read_pdf(response.content)
    assert "DRAF" in text
    assert not DokumenTerbit.objects.get().is_final


# --- permissions --------------------------------------------------------------------------


def test_anonymous_users_see_only_the_verification_page(rencana, client):
    slug = rencana["opd"].slug
    for name in (
        "indeks",
        "pk",
        "pk_pdf",
        "lkjip",
        "iku",
        "cascading",
        "rencana_aksi",
        "target_ubah",
        "pk_ubah",
    ):
        response = client.get(reverse(f"laporan:{name}", args=[slug, TAHUN]))
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"], name
    assert client.get(reverse("laporan:pengukuran", args=[slug, TAHUN, 1])).status_code == 302
    assert not DokumenTerbit.objects.exists()


def test_user_of_another_opd_gets_not_found(rencana, client):
    other = OPDFactory(pemda=rencana["opd"].pemda)
    client.force_login(_user(roles.PERENCANA, other))
    for name in ("indeks", "pk", "pk_ubah", "target_ubah"):
        assert (
            client.get(reverse(f"laporan:{name}", args=[rencana["opd"].slug, TAHUN])).status_code
            == 404
        )


def test_only_perencana_edits_the_pk_only_kadis_finalises_only_admin_reopens(rencana, client):
    opd, slug = rencana["opd"], rencana["opd"].slug
    data = {
        "tempat": "Kota Uji",
        "tanggal": "2023-01-04",
        "pihak_pertama": rencana["kepala"].pk,
        "pihak_kedua": rencana["walikota"].pk,
        "indikator": [rencana["indikator"].pk],
        "program": [rencana["program"].pk],
    }
    operator = _user(roles.OPERATOR, opd, unit=rencana["unit_a"])
    client.force_login(operator)
    assert client.get(reverse("laporan:pk", args=[slug, TAHUN])).status_code == 200  # may read
    assert client.post(reverse("laporan:pk_ubah", args=[slug, TAHUN]), data).status_code == 403
    assert not PerjanjianKinerja.objects.exists()

    client.force_login(_user(roles.PERENCANA, opd))
    response = client.post(reverse("laporan:pk_ubah", args=[slug, TAHUN]), data)
    assert response.status_code == 302
    pk = PerjanjianKinerja.objects.get()
    assert pk.tempat == "Kota Uji" and list(
        pk.indikator_set.values_list("indikator", flat=True)
    ) == [rencana["indikator"].pk]
    assert client.post(reverse("laporan:pk_finalkan", args=[slug, TAHUN])).status_code == 403

    client.force_login(_user(roles.KEPALA_DINAS, opd))
    assert client.post(reverse("laporan:pk_finalkan", args=[slug, TAHUN])).status_code == 302
    pk.refresh_from_db()
    assert pk.status == StatusDokumen.FINAL
    assert client.get(reverse("laporan:pk_buka", args=[slug, TAHUN])).status_code == 403

    client.force_login(_user(roles.ADMIN, opd))
    response = client.post(reverse("laporan:pk_buka", args=[slug, TAHUN]), {"alasan": ""})
    assert (
        response.status_code == 200
        and "Alasan membuka kembali wajib diisi." in response.content.decode()
    )
    pk.refresh_from_db()
    assert pk.status == StatusDokumen.FINAL
    client.post(reverse("laporan:pk_buka", args=[slug, TAHUN]), {"alasan": "APBD Perubahan"})
    pk.refresh_from_db()
    assert pk.status == StatusDokumen.DRAFT


def test_perencana_cannot_edit_a_final_pk_through_the_form(rencana, client):
    pk = services.pk_finalize(pk=_pk(rencana))
    client.force_login(_user(roles.PERENCANA, rencana["opd"]))
    response = client.post(
        reverse("laporan:pk_ubah", args=[rencana["opd"].slug, TAHUN]),
        {
            "tempat": "Diubah",
            "tanggal": "2023-03-01",
            "pihak_pertama": rencana["kepala"].pk,
            "pihak_kedua": rencana["walikota"].pk,
            "indikator": [rencana["indikator"].pk],
            "program": [rencana["program"].pk],
        },
    )
    assert response.status_code == 302
    pk.refresh_from_db()
    assert pk.tempat == "Kota Uji"


def test_targets_grid_saves_all_or_nothing_with_indonesian_numbers(rencana, client):
    ind = rencana["indikator"]
    url = reverse("laporan:target_ubah", args=[rencana["opd"].slug, TAHUN])
    client.force_login(_user(roles.OPERATOR, rencana["opd"], unit=rencana["unit_a"]))
    assert client.post(url, {f"t-{ind.pk}-tahunan": "90"}).status_code == 403

    client.force_login(_user(roles.PERENCANA, rencana["opd"]))
    response = client.post(url, {f"t-{ind.pk}-tahunan": "86,5", f"t-{ind.pk}-4": "abc"})
    assert response.status_code == 200
    assert "bukan angka" in response.content.decode()
    assert TargetTahunan.objects.get(indikator=ind, tahun=TAHUN).nilai == Decimal("80")
    assert not TargetTriwulan.objects.exists()

    response = client.post(
        url, {f"t-{ind.pk}-tahunan": "86,5", f"t-{ind.pk}-4": "88", f"t-{ind.pk}-1": ""}
    )
    assert response.status_code == 302
    assert TargetTahunan.objects.get(indikator=ind, tahun=TAHUN).nilai == Decimal("86.5")
    assert TargetTriwulan.objects.get(indikator=ind, tahun=TAHUN, triwulan=4).nilai == Decimal("88")


def test_rencana_aksi_actions_are_edited_by_perencana_and_frozen_once_final(rencana, client):
    opd, unit = rencana["opd"], rencana["unit_a"]
    url = reverse("laporan:rencana_aksi_ubah", args=[opd.slug, TAHUN, unit.slug])
    client.force_login(_user(roles.PERENCANA, opd))
    response = client.post(
        url,
        {
            "bagian": "aksi",
            "aksi-sub_kegiatan": rencana["sub"].pk,
            "aksi-uraian": "Rapat koordinasi",
            "aksi-volume": "2",
            "aksi-satuan_volume": "kali",
            "aksi-triwulan": ["1", "3"],
        },
    )
    assert response.status_code == 302
    aksi = Aksi.objects.get()
    assert (aksi.tw1, aksi.tw2, aksi.tw3, aksi.tw4, aksi.volume_teks) == (
        True,
        False,
        True,
        False,
        "2 kali",
    )
    response = client.post(
        url,
        {"bagian": "aksi", "aksi-sub_kegiatan": rencana["sub"].pk, "aksi-uraian": "Tanpa triwulan"},
    )
    assert "Pilih minimal satu triwulan pelaksanaan." in response.content.decode()
    client.post(
        url,
        {
            "bagian": "kepala",
            "ra-tempat": "Kota Uji",
            "ra-tanggal": "2023-01-04",
            "ra-penandatangan": rencana["kepala"].pk,
        },
    )

    client.force_login(_user(roles.KEPALA_DINAS, opd))
    client.post(reverse("laporan:rencana_aksi_finalkan", args=[opd.slug, TAHUN, unit.slug]))
    ra = RencanaAksi.objects.get()
    assert ra.status == StatusDokumen.FINAL
    with pytest.raises(ValidationError, match="sudah final"):
        services.aksi_save(
            rencana_aksi=ra, sub_kegiatan=rencana["sub"], uraian="Baru", triwulan=[2]
        )
    assert Aksi.objects.count() == 1
    doc = selectors.build_document("rencana-aksi", opd, TAHUN, unit_slug=unit.slug)
    assert doc["is_final"] and doc["sections"][0]["rows"][0]["aksi"] == "Rapat koordinasi"


def test_lkjip_narrative_is_edited_by_perencana_and_read_only_for_kadis(rencana, client):
    opd = rencana["opd"]
    url = reverse("laporan:lkjip_ubah", args=[opd.slug, TAHUN])
    ind = rencana["indikator"]
    data = {
        "tempat": "Kota Uji",
        "tanggal": "2024-01-10",
        "penandatangan": rencana["kepala"].pk,
        "kata_pengantar": "Puji syukur.",
        f"an{ind.pk}-analisis_penyebab": "Anggaran bertambah.",
        f"an{ind.pk}-realisasi_nasional": "75,5",
    }
    client.force_login(_user(roles.KEPALA_DINAS, opd))
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 403
    client.force_login(_user(roles.PERENCANA, opd))
    assert client.post(url, data).status_code == 302
    laporan = LaporanKinerja.objects.get()
    assert laporan.kata_pengantar == "Puji syukur."
    analisis = AnalisisIndikator.objects.get()
    assert (analisis.analisis_penyebab, analisis.realisasi_nasional) == (
        "Anggaran bertambah.",
        Decimal("75.5"),
    )
    services.laporan_finalize(laporan=laporan)
    data["kata_pengantar"] = "Diubah"
    assert client.post(url, data).status_code == 403
    laporan.refresh_from_db()
    assert laporan.kata_pengantar == "Puji syukur."


def test_a_final_document_is_laid_out_once_and_then_served_as_issued(rencana, admin_client):
    pk = services.pk_finalize(pk=_pk(rencana))
    url = reverse("laporan:pk_pdf", args=[rencana["opd"].slug, TAHUN])
    first = admin_client.get(url)
    second = admin_client.get(url)
    assert first.content == second.content
    assert DokumenTerbit.objects.count() == 1
    # reopened and finalised again: a new issue with a new code
    services.pk_reopen(pk=pk, alasan="Koreksi", user=None)
    services.pk_finalize(pk=pk)
    third = admin_client.get(url)
    assert DokumenTerbit.objects.count() == 2
    assert third.content != first.content


def test_documents_page_shows_each_document_with_the_buttons_the_role_may_use(rencana, client):
    services.pk_finalize(pk=_pk(rencana))
    url = reverse("laporan:indeks", args=[rencana["opd"].slug, TAHUN])
    client.force_login(_user(roles.PERENCANA, rencana["opd"]))
    body = client.get(url).content.decode()
    assert "Perjanjian Kinerja" in body and "PK Perubahan" in body
    assert "Buka kembali" not in body and ">Finalkan<" not in body
    client.force_login(_user(roles.ADMIN, rencana["opd"]))
    body = client.get(url).content.decode()
    assert "Buka kembali" in body and "PK Perubahan" not in body
    for name in ("target_ubah", "lkjip_ubah", "pk"):
        assert (
            client.get(reverse(f"laporan:{name}", args=[rencana["opd"].slug, TAHUN])).status_code
            == 200
        )
    ra_url = reverse(
        "laporan:rencana_aksi_ubah", args=[rencana["opd"].slug, TAHUN, rencana["unit_a"].slug]
    )
    assert client.get(ra_url).status_code == 200


def test_documents_home_leads_each_user_to_their_own_opd(rencana, client):
    opd = rencana["opd"]
    client.force_login(_user(roles.PERENCANA, opd))
    response = client.get(reverse("laporan:beranda") + "?tahun=2023")
    assert response.status_code == 302
    assert response["Location"] == reverse("laporan:indeks", args=[opd.slug, 2023])
    other = OPDFactory(nama="Dinas Pemda Lain")
    pimpinan = _user(roles.PIMPINAN, opd)
    client.force_login(pimpinan)
    body = client.get(reverse("laporan:beranda")).content.decode()
    assert opd.nama in body and other.nama not in body
