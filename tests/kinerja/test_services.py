"""Rules of the quarterly workflow services (kinerja.services, anggaran.services): every
refusal carries an Indonesian message and leaves the database unchanged."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from anggaran.models import Pagu, RealisasiAnggaran
from anggaran.services import realisasi_anggaran_simpan
from kinerja import services
from kinerja.models import BuktiRealisasi, Realisasi
from renstra import services as renstra_services
from renstra.models import RiwayatTriwulan, TriwulanPelaporan
from sakip.alur import StatusRealisasi
from tests.kinerja.dunia import siapkan, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def d(db, settings, tmp_path):
    return siapkan(settings, tmp_path)


def simpan(d, user=None, indikator=None, versi=0, **kw):
    return services.realisasi_simpan(
        user=user or d.operator,
        indikator=indikator or d.ind_persen,
        tahun=d.tahun,
        triwulan=d.triwulan,
        versi=versi,
        **kw,
    )


def pesan(exc_info, field=None):
    exc = exc_info.value
    if field is not None:
        return " ".join(exc.message_dict[field])
    return " ".join(exc.messages)


@pytest.mark.parametrize(
    "typed, expected",
    [("86,5", "86.5"), ("86.5", "86.5"), ("1.250", "1250"), ("1.250.000", "1250000")],
)
def test_realisasi_simpan_reads_indonesian_and_plain_numbers(d, typed, expected):
    obj = simpan(d, nilai=typed)
    assert obj.nilai == Decimal(expected)
    assert obj.versi == 1
    assert obj.status == StatusRealisasi.DRAFT
    assert obj.diubah_oleh == d.operator


@pytest.mark.parametrize(
    "kw, field, text",
    [
        ({"nilai": "delapan puluh"}, "nilai", "bukan angka"),
        ({"nilai": "-5"}, "nilai", "tidak boleh negatif"),
        ({"nilai": ""}, "nilai", "wajib diisi"),
        ({"nilai": "1250.000"}, "nilai", "tiap tiga angka"),
    ],
)
def test_realisasi_simpan_refuses_bad_numbers_and_changes_nothing(d, kw, field, text):
    before = snapshot()
    with pytest.raises(ValidationError) as exc:
        simpan(d, **kw)
    assert text in pesan(exc, field)
    assert snapshot() == before


def test_ratio_indicator_computes_value_from_numerator_and_denominator(d):
    obj = simpan(d, indikator=d.ind_rasio, pembilang="45", penyebut="60")
    assert obj.pembilang == 45 and obj.penyebut == 60
    assert obj.nilai == Decimal("75.0000")


def test_ratio_indicator_refuses_zero_denominator(d):
    before = snapshot()
    with pytest.raises(ValidationError) as exc:
        simpan(d, indikator=d.ind_rasio, pembilang="45", penyebut="0")
    assert pesan(exc, "penyebut") == "Penyebut tidak boleh nol."
    assert snapshot() == before


def test_categorical_indicator_refuses_a_level_of_another_scale(d):
    from renstra.models import LevelKategori, SkalaKategori

    other = SkalaKategori.objects.create(nama="Skala lain")
    foreign = LevelKategori.objects.create(skala=other, nama="Emas", urutan=1, skor=1)
    before = snapshot()
    with pytest.raises(ValidationError) as exc:
        simpan(d, indikator=d.ind_kategori, level=foreign)
    assert pesan(exc, "level") == "Kategori tidak ada pada skala indikator ini."
    assert snapshot() == before
    ok = simpan(d, indikator=d.ind_kategori, level=d.levels["Nindya"])
    assert ok.level == d.levels["Nindya"] and ok.nilai is None


def test_realisasi_on_a_closed_quarter_is_refused(d):
    TriwulanPelaporan.objects.filter(pk=d.tw.pk).update(status=TriwulanPelaporan.Status.TUTUP)
    before = snapshot()
    with pytest.raises(ValidationError) as exc:
        simpan(d, nilai="50")
    assert "sudah ditutup" in pesan(exc)
    assert snapshot() == before


def test_realisasi_on_a_quarter_never_opened_is_refused(d):
    with pytest.raises(ValidationError) as exc:
        services.realisasi_simpan(
            user=d.operator, indikator=d.ind_persen, tahun=d.tahun, triwulan=3, versi=0, nilai="5"
        )
    assert "belum dibuka" in pesan(exc)
    assert not Realisasi.objects.filter(indikator__periode=d.periode).exists()


def test_a_verified_row_cannot_be_changed(d):
    obj = simpan(d, nilai="50")
    services.realisasi_ajukan(user=d.operator, unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan)
    obj = services.realisasi_verifikasi(user=d.verifikator, realisasi=obj)
    before = snapshot()
    with pytest.raises(ValidationError) as exc:
        simpan(d, nilai="60", versi=obj.versi)
    assert "sudah diverifikasi" in pesan(exc)
    assert snapshot() == before


def test_a_submitted_row_waits_for_the_verifier(d):
    obj = simpan(d, nilai="50")
    services.realisasi_ajukan(user=d.operator, unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan)
    obj.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        simpan(d, nilai="60", versi=obj.versi)
    assert "menunggu verifikasi" in pesan(exc)


def test_second_concurrent_save_is_refused_with_the_other_persons_value(d):
    first = simpan(d, nilai="70")  # both editors loaded version 1 after this
    # Operator saves 75 from version 1 ...
    simpan(d, nilai="75", versi=first.versi)
    # ... the perencana, who loaded the page at version 1 too, saves 80.
    before = snapshot()
    with pytest.raises(services.KonflikVersi) as exc:
        simpan(d, user=d.perencana, nilai="80", versi=first.versi)
    text = pesan(exc)
    assert "Operator" in text  # who saved (full name of the "operator" persona)
    assert "75" in text  # their value
    assert "tidak disimpan" in text
    assert snapshot() == before
    assert Realisasi.objects.filter(indikator__periode=d.periode).get().nilai == 75


def test_operator_cannot_save_another_units_indicator(d):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        simpan(d, indikator=d.ind_b, nilai="10")
    assert snapshot() == before


def test_submit_moves_draft_and_returned_rows_to_diajukan(d):
    a = simpan(d, nilai="50")
    b = simpan(d, indikator=d.ind_rasio, pembilang="1", penyebut="2")
    n = services.realisasi_ajukan(
        user=d.operator, unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan
    )
    assert n == 2
    a.refresh_from_db()
    assert a.status == StatusRealisasi.DIAJUKAN and a.diajukan_oleh == d.operator
    services.realisasi_kembalikan(
        user=d.verifikator, realisasi=a, catatan="Lampirkan daftar penerima"
    )
    a.refresh_from_db()
    assert a.status == StatusRealisasi.DIKEMBALIKAN
    assert a.catatan_verifikasi == "Lampirkan daftar penerima"
    simpan(d, nilai="55", versi=a.versi)
    n = services.realisasi_ajukan(
        user=d.operator, unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan
    )
    assert n == 1
    b.refresh_from_db()
    assert b.status == StatusRealisasi.DIAJUKAN


def test_submit_with_nothing_to_submit_says_so(d):
    with pytest.raises(ValidationError) as exc:
        services.realisasi_ajukan(
            user=d.operator, unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan
        )
    assert "Tidak ada realisasi yang dapat diajukan" in pesan(exc)


def test_verification_requires_submitted_status_and_own_unit(d):
    a = simpan(d, nilai="50")
    with pytest.raises(ValidationError) as exc:
        services.realisasi_verifikasi(user=d.verifikator, realisasi=a)
    assert "Hanya realisasi berstatus diajukan" in pesan(exc)
    services.realisasi_ajukan(user=d.operator, unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.realisasi_verifikasi(user=d.verifikator_b, realisasi=a)
    with pytest.raises(PermissionDenied):
        services.realisasi_verifikasi(user=d.operator, realisasi=a)
    assert snapshot() == before


def test_returning_requires_a_comment(d):
    a = simpan(d, nilai="50")
    services.realisasi_ajukan(user=d.operator, unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan)
    before = snapshot()
    with pytest.raises(ValidationError) as exc:
        services.realisasi_kembalikan(user=d.verifikator, realisasi=a, catatan="  ")
    assert pesan(exc, "catatan") == "Catatan wajib diisi saat mengembalikan realisasi."
    assert snapshot() == before


def test_whole_quarter_can_be_approved_at_once(d):
    simpan(d, nilai="50")
    simpan(d, indikator=d.ind_kategori, level=d.levels["Madya"])
    realisasi_anggaran_simpan(
        user=d.operator,
        sub_kegiatan=d.sub_a,
        tahun=d.tahun,
        triwulan=d.triwulan,
        jumlah="1.000.000",
        versi=0,
    )
    services.realisasi_ajukan(user=d.operator, unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan)
    n = services.triwulan_verifikasi_semua(
        user=d.verifikator, unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan, setujui=True
    )
    assert n == 3
    assert set(
        Realisasi.objects.filter(indikator__periode=d.periode).values_list("status", flat=True)
    ) == {StatusRealisasi.DIVERIFIKASI}
    assert (
        RealisasiAnggaran.objects.filter(sub_kegiatan__periode=d.periode).get().status
        == StatusRealisasi.DIVERIFIKASI
    )


def test_history_keeps_who_and_old_and_new_values(d):
    a = simpan(d, nilai="50")
    simpan(d, user=d.perencana, nilai="60", versi=a.versi)
    records = list(Realisasi.history.order_by("history_date"))
    assert [r.nilai for r in records] == [50, 60]
    assert [r.history_user for r in records] == [d.operator, d.perencana]


# --- budget -------------------------------------------------------------------------------


def simpan_anggaran(d, jumlah, versi=0, triwulan=None, user=None):
    return realisasi_anggaran_simpan(
        user=user or d.operator,
        sub_kegiatan=d.sub_a,
        tahun=d.tahun,
        triwulan=triwulan or d.triwulan,
        jumlah=jumlah,
        versi=versi,
    )


def test_budget_realisation_is_saved_in_whole_rupiah(d):
    obj = simpan_anggaran(d, "25.000.000")
    assert obj.jumlah == 25_000_000 and obj.versi == 1


@pytest.mark.parametrize("typed", ["1.000", "Rp 1.000", "1000", "1.000,00"])
def test_a_dot_in_a_rupiah_amount_groups_thousands(d, typed):
    assert simpan_anggaran(d, typed).jumlah == 1000


def test_budget_above_the_pagu_in_force_is_refused(d):
    TriwulanPelaporan.objects.create(opd=d.opd, tahun=d.tahun, triwulan=1)
    simpan_anggaran(d, "60.000.000", triwulan=1)
    before = snapshot()
    with pytest.raises(ValidationError) as exc:
        simpan_anggaran(d, "40.000.001")
    text = pesan(exc, "jumlah")
    assert "melebihi pagu yang berlaku Rp 100.000.000" in text
    assert "Rp 100.000.001" in text
    assert snapshot() == before
    assert simpan_anggaran(d, "40.000.000").jumlah == 40_000_000


def test_budget_uses_the_revised_pagu_from_its_quarter(d):
    Pagu.objects.create(
        sub_kegiatan=d.sub_a,
        tahun=d.tahun,
        berlaku_mulai=2,
        jenis=Pagu.Jenis.PERGESERAN,
        jumlah=Decimal("120000000"),
    )
    assert simpan_anggaran(d, "110.000.000").jumlah == 110_000_000


@pytest.mark.parametrize(
    "typed, text",
    [
        ("-5", "tidak boleh negatif"),
        ("sejuta", "bukan angka"),
        ("1,5", "rupiah penuh"),
        ("", "wajib diisi"),
    ],
)
def test_budget_refuses_bad_amounts(d, typed, text):
    before = snapshot()
    with pytest.raises(ValidationError) as exc:
        simpan_anggaran(d, typed)
    assert text in pesan(exc, "jumlah")
    assert snapshot() == before


def test_budget_concurrent_save_is_refused(d):
    first = simpan_anggaran(d, "1.000.000")
    simpan_anggaran(d, "2.000.000", versi=first.versi)
    with pytest.raises(services.KonflikVersi) as exc:
        simpan_anggaran(d, "3.000.000", versi=first.versi, user=d.perencana)
    assert "Rp 2.000.000" in pesan(exc)
    assert (
        RealisasiAnggaran.objects.filter(sub_kegiatan__periode=d.periode).get().jumlah == 2_000_000
    )


def test_budget_on_a_closed_quarter_is_refused(d):
    TriwulanPelaporan.objects.filter(pk=d.tw.pk).update(status=TriwulanPelaporan.Status.TUTUP)
    with pytest.raises(ValidationError) as exc:
        simpan_anggaran(d, "1.000")
    assert "sudah ditutup" in pesan(exc)
    assert not RealisasiAnggaran.objects.filter(sub_kegiatan__periode=d.periode).exists()


# --- quarters -----------------------------------------------------------------------------


def test_admin_opens_closes_and_reopens_with_a_reason(d):
    tw = renstra_services.triwulan_buka(user=d.admin, opd=d.opd, tahun=d.tahun, triwulan=3)
    assert tw.status == TriwulanPelaporan.Status.BUKA
    renstra_services.triwulan_tutup(user=d.admin, triwulan_pelaporan=tw)
    tw.refresh_from_db()
    assert tw.status == TriwulanPelaporan.Status.TUTUP
    before = snapshot()
    with pytest.raises(ValidationError) as exc:
        renstra_services.triwulan_buka(user=d.admin, opd=d.opd, tahun=d.tahun, triwulan=3)
    assert "wajib disertai alasan" in pesan(exc, "alasan")
    assert snapshot() == before
    renstra_services.triwulan_buka(
        user=d.admin, opd=d.opd, tahun=d.tahun, triwulan=3, alasan="Koreksi data BPS"
    )
    tw.refresh_from_db()
    assert tw.status == TriwulanPelaporan.Status.BUKA
    assert list(
        RiwayatTriwulan.objects.filter(triwulan=tw)
        .order_by("created_at", "pk")
        .values_list("aksi", "alasan", "oleh")
    ) == [
        ("buka", "", d.admin.pk),
        ("tutup", "", d.admin.pk),
        ("buka kembali", "Koreksi data BPS", d.admin.pk),
    ]


@pytest.mark.parametrize(
    "who", ["operator", "perencana", "kadis", "verifikator", "pimpinan", "admin_lain"]
)
def test_only_the_pemdas_admin_controls_quarters(d, who):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        renstra_services.triwulan_tutup(user=getattr(d, who), triwulan_pelaporan=d.tw)
    assert snapshot() == before


# --- evidence -----------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def xlsx_bytes():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    "name, content, ctype",
    [
        ("laporan.pdf", PDF, "application/pdf"),
        ("foto.png", PNG, "image/png"),
        ("foto.JPG", JPG, "image/jpeg"),
        ("rekap.xlsx", None, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_evidence_of_allowed_types_is_stored_privately_under_a_random_name(
    d, settings, name, content, ctype
):
    obj = simpan(d, nilai="50")
    content = content if content is not None else xlsx_bytes()
    bukti = services.bukti_simpan(
        user=d.operator, realisasi=obj, berkas=SimpleUploadedFile(name, content)
    )
    assert bukti.content_type == ctype and bukti.nama_asli == name
    assert name.split(".")[0] not in bukti.berkas.name
    stored = settings.PRIVATE_MEDIA_ROOT / bukti.berkas.name
    assert stored.read_bytes() == content


@pytest.mark.parametrize(
    "name, content",
    [
        ("skrip.pdf", b"#!/bin/sh\necho pwned\n"),  # a PDF by name only
        ("foto.png", PDF),  # a PDF dressed as PNG
        ("dokumen.docx", b"PK\x03\x04" + b"\x00" * 30),
        ("halaman.html", b"<html><script>alert(1)</script></html>"),
        ("palsu.xlsx", b"PK\x03\x04not a zip at all"),
    ],
)
def test_evidence_is_checked_by_content_not_by_name(d, name, content):
    obj = simpan(d, nilai="50")
    with pytest.raises(ValidationError) as exc:
        services.bukti_simpan(
            user=d.operator, realisasi=obj, berkas=SimpleUploadedFile(name, content)
        )
    assert "Jenis berkas tidak diizinkan" in pesan(exc, "berkas")
    assert not BuktiRealisasi.objects.filter(realisasi__indikator__periode=d.periode).exists()


def test_evidence_above_the_size_limit_is_refused(d, settings):
    settings.BUKTI_MAX_BYTES = 1024
    obj = simpan(d, nilai="50")
    with pytest.raises(ValidationError) as exc:
        services.bukti_simpan(
            user=d.operator, realisasi=obj, berkas=SimpleUploadedFile("a.pdf", PDF + b"0" * 2000)
        )
    assert "melebihi batas" in pesan(exc, "berkas")
    assert not BuktiRealisasi.objects.filter(realisasi__indikator__periode=d.periode).exists()
    assert not list((settings.PRIVATE_MEDIA_ROOT).glob("**/*.*"))


def test_two_people_creating_the_same_row_at_once_get_the_concurrency_message(d, monkeypatch):
    simpan(d, user=d.perencana, nilai="90")
    # The second editor's lookup ran before the first insert committed: it saw no row.
    monkeypatch.setattr(
        Realisasi.objects, "select_for_update", lambda *a, **k: Realisasi.objects.none()
    )
    before = snapshot()
    with pytest.raises(services.KonflikVersi) as exc:
        simpan(d, nilai="70")
    assert "baru saja diisi oleh pengguna lain" in pesan(exc)
    assert snapshot() == before
