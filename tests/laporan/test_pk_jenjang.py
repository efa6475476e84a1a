"""PK per jenjang (issue 16) from the demo's pohon kinerja: an eselon III and an eselon IV
official's PK with their superior, built from their nodes; the OPD PK's finalise / snapshot
rules; who drafts and who finalises."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from laporan import pdf, services, services_jenjang
from laporan.models import DokumenTerbit, JenjangPK, PerjanjianKinerja
from laporan.selectors.pk import pk_default_choices, pk_document, pk_jenjang_untuk
from renstra import demo, services_pohon
from renstra.models import Pejabat, TargetTahunan
from sakip import roles
from tests.factories import PenggunaFactory
from tests.laporan.conftest import read_pdf

TAHUN = 2025
REHLINJAMSOS = "rehabilitasi-perlindungan-jaminan-sosial"


@pytest.fixture
def pohon(probolinggo):
    demo.create_demo_pejabat(probolinggo)
    demo.create_demo_pohon(probolinggo)
    return probolinggo


def _kabid(opd):
    return Pejabat.objects.get(opd=opd, unit__slug=REHLINJAMSOS, eselon__startswith="III")


def _buat(pejabat):
    return services_jenjang.pk_jenjang_buat(
        pejabat=pejabat, tahun=TAHUN, tempat="Probolinggo", tanggal=datetime.date(TAHUN, 1, 6)
    )


def test_an_eselon_iii_pk_holds_the_officials_programs_and_is_signed_with_the_kepala_dinas(
    pohon, seed_data
):
    kabid = _kabid(pohon)
    pk = _buat(kabid)
    assert pk.jenjang == JenjangPK.ESELON_III and pk.pihak_kedua.is_kepala
    doc = pk_document(opd=pohon, tahun=TAHUN, pk=pk)
    html = pdf.render_html(doc)
    assert "Perjanjian Kinerja Eselon III Tahun 2025" in html
    assert kabid.nama in html and pk.pihak_kedua.nama in html
    # the superior signs with their own title, not the Wali Kota's
    assert doc["ttd_kedua"] and pk.pihak_kedua.jabatan in html
    programs = {r["program"] for r in doc["program_rows"]}
    assert "PROGRAM REHABILITASI SOSIAL" in programs
    assert {r["sasaran"] for r in doc["indikator_rows"]} >= {"PROGRAM REHABILITASI SOSIAL"}


def test_an_eselon_iv_pk_holds_kegiatan_and_is_signed_with_the_kepala_bidang(pohon, seed_data):
    kasi = (
        Pejabat.objects.filter(
            unit__slug=REHLINJAMSOS, eselon__startswith="IV", node_pohon_set__isnull=False
        )
        .distinct()
        .first()
    )
    pk = _buat(kasi)
    assert pk.jenjang == JenjangPK.ESELON_IV and pk.pihak_kedua == _kabid(pohon)
    doc = pk_document(opd=pohon, tahun=TAHUN, pk=pk)
    assert doc["jenis"] == "pk-jenjang" and doc["label_program"] == "Program / Kegiatan"
    kegiatan = {r["program"] for r in doc["program_rows"]}
    assert kegiatan and all(not k.startswith("PROGRAM") for k in kegiatan)
    rendered = pdf.html_to_pdf(pdf.render_html(doc, pdf=True))
    _, text = read_pdf(rendered.content)
    assert "Eselon IV" in text and kasi.nama in text and _kabid(pohon).nama in text


def test_a_final_pk_per_jenjang_keeps_its_targets_when_the_plan_changes(pohon, seed_data):
    pk = services.pk_finalize(pk=_buat(_kabid(pohon)))
    before = pk_document(opd=pohon, tahun=TAHUN, pk=pk)
    row = next(r for r in before["indikator_rows"] if r["target_nilai"] is not None)
    pk_row = pk.indikator_set.get(pk=row["id"])
    TargetTahunan.objects.filter(indikator=pk_row.indikator_id, tahun=TAHUN).update(
        nilai=Decimal("1.5")
    )
    after = pk_document(opd=PerjanjianKinerja.objects.get(pk=pk.pk).opd, tahun=TAHUN, pk=pk)
    again = next(r for r in after["indikator_rows"] if r["id"] == row["id"])
    assert again["target_nilai"] == row["target_nilai"] != Decimal("1.5")
    assert pk.snapshot["jenjang"] == JenjangPK.ESELON_III
    # the OPD's PK lists the eselon III PKs it rests on
    opd_doc = pk_document(opd=pohon, tahun=TAHUN)
    assert [p["id"] for p in opd_doc["pk_pendukung"]] == [pk.pk]


def test_a_second_pk_of_the_same_official_and_year_is_refused(pohon, seed_data):
    _buat(_kabid(pohon))
    with pytest.raises(ValidationError):
        _buat(_kabid(pohon))
    assert PerjanjianKinerja.objects.filter(pihak_pertama=_kabid(pohon)).count() == 1


def test_an_official_without_a_superior_gets_no_pk(pohon, seed_data):
    kabid = _kabid(pohon)
    Pejabat.objects.filter(pk=kabid.pk).update(atasan=None)
    kabid.refresh_from_db()
    with pytest.raises(ValidationError):
        _buat(kabid)
    assert not PerjanjianKinerja.objects.filter(pihak_pertama=kabid).exists()


def _user(opd, role, **extra):
    return PenggunaFactory(opd=opd, role=role, **extra)


def test_the_perencana_drafts_and_the_kepala_dinas_finalises_a_kepala_bidangs_pk(
    client, pohon, seed_data, monkeypatch
):
    monkeypatch.setattr(
        pdf, "html_to_pdf", lambda html, base_url=None: pdf.RenderedPdf(b"%PDF-1.7 uji", 1)
    )
    kabid = _kabid(pohon)
    args = [pohon.slug, TAHUN, kabid.pk]
    buat = reverse("laporan:pk_jenjang_buat", args=args)
    finalkan = reverse("laporan:pk_jenjang_finalkan", args=args)

    client.force_login(_user(pohon, roles.KEPALA_DINAS))
    assert client.post(buat).status_code == 403
    client.force_login(_user(pohon, roles.OPERATOR, unit=kabid.unit))
    assert client.post(buat).status_code == 403
    assert not PerjanjianKinerja.objects.filter(pihak_pertama=kabid).exists()

    client.force_login(_user(pohon, roles.PERENCANA))
    assert client.post(buat).status_code == 302
    pk = PerjanjianKinerja.objects.get(pihak_pertama=kabid)
    assert client.post(finalkan).status_code == 403
    assert client.get(reverse("laporan:pk_jenjang", args=args)).status_code == 200

    client.force_login(_user(pohon, roles.KEPALA_DINAS))
    assert client.post(finalkan).status_code == 302
    pk.refresh_from_db()
    assert pk.status == "final"
    assert client.get(reverse("laporan:pk_jenjang_pdf", args=args)).status_code == 200


def test_an_operator_sees_only_their_units_officials(client, pohon, seed_data):
    kabid = _kabid(pohon)
    _buat(kabid)
    lain = Pejabat.objects.get(
        opd=pohon, unit__slug="pemberdayaan-sosial", eselon__startswith="III"
    )
    client.force_login(_user(pohon, roles.OPERATOR, unit=lain.unit))
    daftar = client.get(reverse("laporan:pk_jenjang_daftar", args=[pohon.slug, TAHUN]))
    assert lain.nama in daftar.content.decode() and kabid.nama not in daftar.content.decode()
    url = reverse("laporan:pk_jenjang", args=[pohon.slug, TAHUN, kabid.pk])
    assert client.get(url).status_code == 404
    assert Group.objects.filter(name=roles.OPERATOR).exists()


def test_a_pk_perubahan_and_a_reopen_of_a_pk_per_jenjang_stay_in_the_officials_series(
    pohon, seed_data
):
    kabid = _kabid(pohon)
    pk = services.pk_finalize(pk=_buat(kabid))
    baru = services.pk_perubahan(pk=pk)
    assert (baru.jenjang, baru.versi, baru.pihak_pertama) == (pk.jenjang, 2, kabid)
    assert [r.node_id for r in baru.indikator_set.order_by("urutan")] == [
        r.node_id for r in pk.indikator_set.order_by("urutan")
    ]
    assert baru.program_set.count() == pk.program_set.count()
    # the OPD's own PK of the year is another series: its version 1 is still free
    assert not PerjanjianKinerja.objects.filter(opd=pohon, tahun=TAHUN, jenjang="opd").exists()
    with pytest.raises(ValidationError):
        services.pk_reopen(pk=pk, alasan="salah target")


def test_the_pdf_of_a_pk_per_jenjang_is_issued_with_a_verification_record(
    client, pohon, seed_data, monkeypatch
):
    monkeypatch.setattr(
        pdf, "html_to_pdf", lambda html, base_url=None: pdf.RenderedPdf(b"%PDF-1.7 uji", 1)
    )
    kabid = _kabid(pohon)
    _buat(kabid)
    client.force_login(_user(pohon, roles.PERENCANA))
    url = reverse("laporan:pk_jenjang_pdf", args=[pohon.slug, TAHUN, kabid.pk])
    assert client.get(url).status_code == 200
    dokumen = DokumenTerbit.objects.get(jenis="pk-jenjang")
    assert (dokumen.unit, dokumen.tahun, dokumen.is_final) == (kabid.unit, TAHUN, False)


def test_a_final_pk_per_jenjang_is_reopened_by_the_admin_after_giving_a_reason(
    client, pohon, seed_data
):
    kabid = _kabid(pohon)
    pk = services.pk_finalize(pk=_buat(kabid))
    url = reverse("laporan:pk_jenjang_buka", args=[pohon.slug, TAHUN, kabid.pk])
    for role in (roles.PERENCANA, roles.KEPALA_DINAS):
        client.force_login(_user(pohon, role))
        assert client.get(url).status_code == 403
        assert client.post(url, {"alasan": "salah target"}).status_code == 403

    client.force_login(_user(pohon, roles.ADMIN))
    daftar = client.get(reverse("laporan:pk_jenjang_daftar", args=[pohon.slug, TAHUN]))
    assert url in daftar.content.decode()
    konfirmasi = client.get(url)
    assert "Buka kembali" in konfirmasi.content.decode()
    # without a reason: the form says so and the PK stays final
    kosong = client.post(url, {"alasan": ""})
    assert "Alasan membuka kembali wajib diisi." in kosong.content.decode()
    pk.refresh_from_db()
    assert pk.status == "final"

    assert client.post(url, {"alasan": "salah target"}).status_code == 302
    pk.refresh_from_db()
    assert (pk.status, pk.snapshot) == ("draft", None)
    assert "salah target" in pk.history.first().history_change_reason
    # a draft cannot be reopened again: the service's message, nothing changes
    again = client.post(url, {"alasan": "lagi"})
    assert "belum final" in again.content.decode()


def test_a_pk_perubahan_per_jenjang_is_started_by_the_perencana_after_confirming(
    client, pohon, seed_data
):
    kabid = _kabid(pohon)
    pk = _buat(kabid)
    url = reverse("laporan:pk_jenjang_perubahan", args=[pohon.slug, TAHUN, kabid.pk])
    client.force_login(_user(pohon, roles.PERENCANA))
    # from a draft: the page says why and a POST changes nothing
    assert "belum final" in client.get(url).content.decode()
    client.post(url)
    assert PerjanjianKinerja.objects.filter(pihak_pertama=kabid).count() == 1

    services.pk_finalize(pk=pk)
    for role in (roles.KEPALA_DINAS, roles.OPERATOR):
        client.force_login(_user(pohon, role, unit=kabid.unit))
        assert client.post(url).status_code == 403
    assert PerjanjianKinerja.objects.filter(pihak_pertama=kabid).count() == 1

    client.force_login(_user(pohon, roles.PERENCANA))
    daftar = client.get(reverse("laporan:pk_jenjang_daftar", args=[pohon.slug, TAHUN]))
    assert url in daftar.content.decode()
    assert "Buat PK Perubahan" in client.get(url).content.decode()
    assert client.get(url) and PerjanjianKinerja.objects.filter(pihak_pertama=kabid).count() == 1
    assert client.post(url).status_code == 302
    baru = pk_jenjang_untuk(kabid, TAHUN)
    assert (baru.versi, baru.is_perubahan, baru.status) == (2, True, "draft")
    pk.refresh_from_db()
    assert pk.status == "final"


def _baris(pk):
    return (
        [(r.node_id, r.indikator_id) for r in pk.indikator_set.order_by("urutan", "id")],
        [(r.program_id, r.kegiatan_id) for r in pk.program_set.order_by("urutan", "id")],
    )


def test_a_draft_is_rebuilt_from_the_tree_after_rows_were_removed_and_a_final_one_is_not(
    pohon, seed_data
):
    kabid = _kabid(pohon)
    pk = _buat(kabid)
    asli = _baris(pk)
    services_jenjang.pk_jenjang_hapus_baris(
        pk=pk, jenis="anggaran", baris_id=pk.program_set.first().pk
    )
    assert len(_baris(pk)[1]) == len(asli[1]) - 1
    services_jenjang.pk_jenjang_susun_ulang(pk=pk)
    assert _baris(pk) == asli
    services.pk_finalize(pk=pk)
    with pytest.raises(ValidationError, match="sudah final"):
        services_jenjang.pk_jenjang_susun_ulang(pk=pk)
    assert _baris(pk) == asli


def test_rows_are_added_only_from_the_officials_nodes_and_the_last_indicator_stays(
    pohon, seed_data
):
    kabid = _kabid(pohon)
    pk = _buat(kabid)
    row = pk.indikator_set.order_by("urutan").first()
    services_jenjang.pk_jenjang_hapus_baris(pk=pk, jenis="indikator", baris_id=row.pk)
    calon_ind, _ = services_jenjang.calon_baris(pk)
    assert (row.node_id, row.indikator_id) in {(n, i) for n, i, _ in calon_ind}
    services_jenjang.pk_jenjang_tambah_indikator(
        pk=pk, node_id=row.node_id, indikator_id=row.indikator_id
    )
    assert (row.node_id, row.indikator_id) == _baris(pk)[0][-1]
    # an indicator of another Bidang's node is refused, nothing added
    lain = Pejabat.objects.get(
        opd=pohon, unit__slug="pemberdayaan-sosial", eselon__startswith="III"
    )
    node_lain = lain.node_pohon_set.filter(program__isnull=False).first()
    ind_lain = node_lain.program.indikator_set.first()
    sebelum = _baris(pk)
    with pytest.raises(ValidationError, match="bukan indikator node"):
        services_jenjang.pk_jenjang_tambah_indikator(
            pk=pk, node_id=node_lain.pk, indikator_id=ind_lain.pk
        )
    with pytest.raises(ValidationError, match="bukan node pohon kinerja"):
        services_jenjang.pk_jenjang_tambah_anggaran(pk=pk, program_id=node_lain.program_id)
    assert _baris(pk) == sebelum
    for r in list(pk.indikator_set.order_by("urutan"))[:-1]:
        services_jenjang.pk_jenjang_hapus_baris(pk=pk, jenis="indikator", baris_id=r.pk)
    with pytest.raises(ValidationError, match="terakhir"):
        services_jenjang.pk_jenjang_hapus_baris(
            pk=pk, jenis="indikator", baris_id=pk.indikator_set.get().pk
        )


def test_the_perencana_edits_the_rows_on_the_page_and_others_may_not(client, pohon, seed_data):
    kabid = _kabid(pohon)
    pk = _buat(kabid)
    args = [pohon.slug, TAHUN, kabid.pk]
    ubah = reverse("laporan:pk_jenjang_ubah", args=args)
    susun = reverse("laporan:pk_jenjang_susun_ulang", args=args)
    baris = pk.program_set.order_by("urutan").first()
    asli = _baris(pk)
    for role in (roles.KEPALA_DINAS, roles.OPERATOR, roles.VERIFIKATOR):
        client.force_login(_user(pohon, role, unit=kabid.unit))
        assert client.get(ubah).status_code == 403
        assert client.post(ubah, {"aksi": "hapus_anggaran", "baris": baris.pk}).status_code == 403
        assert client.post(susun).status_code == 403
    assert _baris(pk) == asli

    client.force_login(_user(pohon, roles.PERENCANA))
    daftar = client.get(reverse("laporan:pk_jenjang_daftar", args=[pohon.slug, TAHUN]))
    assert ubah in daftar.content.decode()
    page = client.get(ubah).content.decode()
    assert "Susun ulang dari pohon kinerja" in page and baris.program.nama in page
    # bad input: an Indonesian message, nothing changes
    salah = client.post(ubah, {"aksi": "tambah_anggaran", "pilihan": "x"}, follow=True)
    assert "Pilih baris yang akan ditambahkan." in salah.content.decode()
    assert _baris(pk) == asli
    client.post(ubah, {"aksi": "hapus_anggaran", "baris": baris.pk})
    assert len(_baris(pk)[1]) == len(asli[1]) - 1
    assert baris.program.nama in client.get(ubah).content.decode()  # offered again
    client.post(ubah, {"aksi": "tambah_anggaran", "pilihan": f"{baris.program_id}-0"})
    assert sorted(_baris(pk)[1]) == sorted(asli[1])
    assert client.post(susun).status_code == 302
    assert _baris(pk) == asli


def test_a_pk_perubahan_takes_its_rows_from_the_current_tree_and_the_old_stays_signed(
    pohon, seed_data
):
    kabid = _kabid(pohon)
    pk = services.pk_finalize(pk=_buat(kabid))
    lama = _baris(pk)
    # the tree changes after the PK was signed: one of the Kabid's programs passes to the
    # Kabid of Pemberdayaan Sosial, and a new intermediate result is given to the Kabid
    lain = Pejabat.objects.get(
        opd=pohon, unit__slug="pemberdayaan-sosial", eselon__startswith="III"
    )
    pindah = kabid.node_pohon_set.filter(program__isnull=False).order_by("pk").first()
    pindah.pejabat = lain
    pindah.save()
    baru_node = services_pohon.node_buat(
        periode_rpjmd=pindah.periode_rpjmd,
        jenjang="eselon_iii",
        induk=pindah.induk,
        unit=kabid.unit,
        pejabat=kabid,
        uraian="Meningkatnya layanan rujukan PPKS",
    )
    ind = services_pohon.indikator_node_buat(
        node=baru_node, uraian="Persentase PPKS yang dirujuk", satuan="%", target={TAHUN: 80}
    )
    perubahan = services.pk_perubahan(pk=pk)
    indikator, anggaran = _baris(perubahan)
    assert (baru_node.pk, ind.pk) in indikator
    assert pindah.pk not in {n for n, _ in indikator}
    assert (pindah.program_id, None) not in anggaran
    assert (pindah.program_id, None) in lama[1]
    pk.refresh_from_db()
    assert pk.status == "final" and _baris(pk) == lama
    doc = pk_document(opd=pohon, tahun=TAHUN, pk=pk)
    assert pindah.program.nama in {r["program"] for r in doc["program_rows"]}


def test_the_opds_pk_prints_the_pks_it_rests_on_and_keeps_the_list_once_final(pohon, seed_data):
    kabid = _kabid(pohon)
    pk3 = services.pk_finalize(pk=_buat(kabid))
    kepala = Pejabat.objects.get(opd=pohon, is_kepala=True, aktif=True)
    walikota = Pejabat.objects.get(pemda=pohon.pemda, is_kepala_daerah=True)
    indikator, program = pk_default_choices(pohon, TAHUN)
    opd_pk = services.pk_create(
        opd=pohon,
        tahun=TAHUN,
        tempat="Probolinggo",
        tanggal=datetime.date(TAHUN, 1, 6),
        pihak_pertama=kepala,
        pihak_kedua=walikota,
        indikator_list=indikator,
        program_list=program,
    )
    html = pdf.render_html(pk_document(opd=pohon, tahun=TAHUN, pk=opd_pk))
    assert "Perjanjian Kinerja pejabat eselon III yang mendukung:" in html
    assert f"{kabid.jabatan} ({kabid.nama})" in html
    services.pk_finalize(pk=opd_pk)
    opd_pk.refresh_from_db()
    # a PK per jenjang made after the OPD's PK was signed is not on the signed list
    lain = Pejabat.objects.get(
        opd=pohon, unit__slug="pemberdayaan-sosial", eselon__startswith="III"
    )
    _buat(lain)
    doc = pk_document(opd=pohon, tahun=TAHUN, pk=opd_pk)
    assert [p["id"] for p in doc["pk_pendukung"]] == [pk3.pk]
    assert [p["id"] for p in pk_document(opd=pohon, tahun=TAHUN)["pk_pendukung"]] == sorted(
        [pk3.pk, pk_jenjang_untuk(lain, TAHUN).pk],
        key=lambda i: PerjanjianKinerja.objects.get(pk=i).pihak_pertama.jabatan,
    )


def test_an_eselon_iii_pk_lists_the_eselon_iv_pks_of_its_kasi(pohon, seed_data):
    kabid = _kabid(pohon)
    kasi = Pejabat.objects.filter(atasan=kabid, node_pohon_set__isnull=False).distinct().first()
    pk4 = _buat(kasi)
    pk3 = _buat(kabid)
    doc = pk_document(opd=pohon, tahun=TAHUN, pk=pk3)
    assert [p["id"] for p in doc["pk_pendukung"]] == [pk4.pk]
    assert "pejabat eselon IV yang mendukung" in pdf.render_html(doc)
    assert pk_document(opd=pohon, tahun=TAHUN, pk=pk4)["pk_pendukung"] == []
