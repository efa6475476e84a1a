"""The realisation upload in bulk (issue 15 item 3): every row checked once against data
read once, by the same rules as a single save; the preview's validated rows written in
bulk with their history, after the save re-checks that the quarter is open and no row
changed since the preview; the number of queries does not grow with the rows."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse

from anggaran.models import Pagu, RealisasiAnggaran
from anggaran.services import realisasi_anggaran_simpan
from kinerja import excel, unggah
from kinerja.models import Realisasi
from kinerja.services import realisasi_simpan
from renstra.models import Indikator, TriwulanPelaporan
from tests.factories import IndikatorFactory
from tests.kinerja.dunia import siapkan

pytestmark = pytest.mark.django_db


@pytest.fixture
def d(db, settings, tmp_path):
    return siapkan(settings, tmp_path)


def _workbook(d):
    return excel.templat_realisasi(unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan)


def _baris(wb, indikator):
    ws = wb[excel.SHEET_KINERJA]
    return next(r for r in ws.iter_rows(min_row=2) if r[0].value == indikator.pk)


def _bytes(wb):
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _isi_baik(wb, d):
    """Good values in every row of unit A: a percentage, a ratio, a level, a budget."""
    _baris(wb, d.ind_persen)[excel.K_REALISASI - 1].value = "86,5"
    rasio = _baris(wb, d.ind_rasio)
    rasio[excel.K_PEMBILANG - 1].value, rasio[excel.K_PENYEBUT - 1].value = 45, 60
    _baris(wb, d.ind_kategori)[excel.K_REALISASI - 1].value = "Madya"
    wa = wb[excel.SHEET_ANGGARAN]
    row = next(r for r in wa.iter_rows(min_row=2) if r[0].value == d.sub_a.pk)
    row[excel.A_JUMLAH - 1].value = 25_000_000
    return wb


def _unggah(client, d, wb):
    berkas = io.BytesIO(_bytes(wb))
    berkas.name = "realisasi.xlsx"
    return client.post(
        reverse("kinerja:realisasi_unggah", args=[d.tahun, d.triwulan]), {"berkas": berkas}
    )


def _simpan(client, d, token):
    return client.post(
        reverse("kinerja:realisasi_unggah_simpan", args=[d.tahun, d.triwulan]), {"token": token}
    )


def _tertulis(d):
    return (
        Realisasi.objects.filter(indikator__sub_kegiatan__unit=d.unit_a).count()
        + Realisasi.objects.filter(indikator=d.ind_kategori).count(),
        RealisasiAnggaran.objects.filter(sub_kegiatan=d.sub_a).count(),
        Realisasi.history.count(),
        RealisasiAnggaran.history.count(),
    )


def test_a_mixed_upload_lists_every_refusal_and_writes_nothing(client, d):
    extra = IndikatorFactory(
        sasaran=None, sub_kegiatan=d.sub_a, uraian="Jumlah lansia terlayani", satuan="orang"
    )
    wb = _isi_baik(_workbook(d), d)
    _baris(wb, extra)[excel.K_REALISASI - 1].value = "dua belas"  # not a number
    rasio = _baris(wb, d.ind_rasio)
    rasio[excel.K_PEMBILANG - 1].value = "200.000.000.000"  # beyond the bounds of a measure
    client.force_login(d.operator)
    sebelum = _tertulis(d)

    response = _unggah(client, d, wb)

    body = response.content.decode()
    assert response.status_code == 422
    assert "“dua belas” bukan angka" in body
    assert "Angka terlalu besar" in body
    assert "Simpan semua perubahan" not in body
    assert _tertulis(d) == sebelum


def test_a_count_with_a_fraction_is_refused_as_the_web_form_refuses_it(d):
    extra = IndikatorFactory(sasaran=None, sub_kegiatan=d.sub_a, uraian="Jumlah", satuan="orang")
    wb = _workbook(d)
    _baris(wb, extra)[excel.K_REALISASI - 1].value = "12,5"
    hasil = excel.baca_unggahan(_bytes(wb), unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan)
    with pytest.raises(Exception) as exc:
        realisasi_simpan(
            user=d.operator,
            indikator=extra,
            tahun=d.tahun,
            triwulan=d.triwulan,
            versi=0,
            nilai="12,5",
        )
    [(_, _, pesan)] = hasil.kesalahan
    assert " ".join(exc.value.messages) in pesan


def test_budget_above_the_pagu_is_refused_by_the_rule_of_a_single_save(client, d):
    wb = _isi_baik(_workbook(d), d)
    wa = wb[excel.SHEET_ANGGARAN]
    row = next(r for r in wa.iter_rows(min_row=2) if r[0].value == d.sub_a.pk)
    row[excel.A_JUMLAH - 1].value = 100_000_001
    client.force_login(d.operator)
    response = _unggah(client, d, wb)
    assert response.status_code == 422
    assert "melebihi pagu yang berlaku Rp 100.000.000" in response.content.decode()
    assert not RealisasiAnggaran.objects.filter(sub_kegiatan=d.sub_a).exists()


def test_the_preview_saves_in_bulk_with_history(client, d):
    client.force_login(d.operator)
    preview = _unggah(client, d, _isi_baik(_workbook(d), d))
    assert preview.status_code == 200, preview.content.decode()[:2000]
    assert not Realisasi.objects.exists()

    saved = _simpan(client, d, preview.context["token"])

    assert saved.status_code == 302
    persen = Realisasi.objects.get(indikator=d.ind_persen, tahun=d.tahun, triwulan=d.triwulan)
    assert persen.nilai == Decimal("86.5") and persen.versi == 1
    assert persen.diubah_oleh == d.operator and persen.dibuat_oleh == d.operator
    rasio = Realisasi.objects.get(indikator=d.ind_rasio)
    assert (rasio.pembilang, rasio.penyebut, rasio.nilai) == (45, 60, Decimal("75"))
    assert Realisasi.objects.get(indikator=d.ind_kategori).level == d.levels["Madya"]
    assert RealisasiAnggaran.objects.get(sub_kegiatan=d.sub_a).jumlah == 25_000_000
    alasan = unggah.alasan_perubahan(d.tahun, d.triwulan)
    for model, n in ((Realisasi, 3), (RealisasiAnggaran, 1)):
        history = list(model.history.all())
        assert len(history) == n
        assert {(h.history_type, h.history_user_id, h.history_change_reason) for h in history} == {
            ("+", d.operator.pk, alasan)
        }

    # A second upload changes one row: an UPDATE with its own history row.
    wb = _workbook(d)
    _baris(wb, d.ind_persen)[excel.K_REALISASI - 1].value = "90"
    preview = _unggah(client, d, wb)
    assert len(preview.context["hasil"]["perubahan"]) == 1
    assert _simpan(client, d, preview.context["token"]).status_code == 302
    persen.refresh_from_db()
    assert (persen.nilai, persen.versi) == (Decimal("90"), 2)
    latest = Realisasi.history.filter(id=persen.pk).order_by("-history_id").first()
    assert (latest.history_type, latest.nilai, latest.versi) == ("~", Decimal("90"), 2)
    assert latest.history_user == d.operator and latest.history_change_reason == alasan


def test_a_row_changed_between_preview_and_save_refuses_everything(client, d):
    client.force_login(d.operator)
    preview = _unggah(client, d, _isi_baik(_workbook(d), d))
    assert preview.status_code == 200
    realisasi_simpan(
        user=d.perencana,
        indikator=d.ind_persen,
        tahun=d.tahun,
        triwulan=d.triwulan,
        versi=0,
        nilai="70",
    )
    sebelum = _tertulis(d)

    response = _simpan(client, d, preview.context["token"])

    body = response.content.decode()
    assert response.status_code == 409
    assert "Data berubah sejak pratinjau; tidak ada yang disimpan." in body
    assert f"{d.ind_persen.uraian}: Data ini sudah diubah oleh Perencana" in body
    assert "nilai sekarang: 70" in body
    assert _tertulis(d) == sebelum


def test_a_quarter_closed_between_preview_and_save_refuses_everything(client, d):
    client.force_login(d.operator)
    preview = _unggah(client, d, _isi_baik(_workbook(d), d))
    assert preview.status_code == 200
    TriwulanPelaporan.objects.filter(pk=d.tw.pk).update(status=TriwulanPelaporan.Status.TUTUP)
    sebelum = _tertulis(d)

    response = _simpan(client, d, preview.context["token"])

    assert response.status_code == 409
    assert "Triwulan II 2025 sudah ditutup" in response.content.decode()
    assert _tertulis(d) == sebelum


def test_a_pagu_changed_between_preview_and_save_refuses_everything(client, d):
    client.force_login(d.operator)
    preview = _unggah(client, d, _isi_baik(_workbook(d), d))
    assert preview.status_code == 200
    Pagu.objects.filter(pk=d.pagu_a.pk).update(jumlah=Decimal("20000000"))
    sebelum = _tertulis(d)

    response = _simpan(client, d, preview.context["token"])

    assert response.status_code == 409
    assert "Pagu yang berlaku atau realisasi triwulan lain berubah setelah pratinjau" in (
        response.content.decode()
    )
    assert _tertulis(d) == sebelum


def test_a_preview_altered_in_the_session_is_not_saved(client, d):
    client.force_login(d.operator)
    preview = _unggah(client, d, _isi_baik(_workbook(d), d))
    token = preview.context["token"]
    session = client.session
    key = f"unggah-realisasi-{token}"
    data = session[key]
    data["perubahan"][0]["data"]["nilai"] = "99999"
    session[key] = data
    session.save()
    response = _simpan(client, d, token)
    assert response.status_code == 302
    assert not Realisasi.objects.exists()


def test_the_optional_column_records_not_measurable_with_its_reason(d):
    # A stored figure becomes n/a: the bulk UPDATE writes NULLs and a boolean.
    realisasi_simpan(
        user=d.operator,
        indikator=d.ind_persen,
        tahun=d.tahun,
        triwulan=d.triwulan,
        versi=0,
        nilai="70",
    )
    wb = _workbook(d)
    row = _baris(wb, d.ind_persen)
    row[excel.K_REALISASI - 1].value = "80"
    wb[excel.SHEET_KINERJA].cell(row=row[0].row, column=excel.K_ALASAN_TT).value = "Survei ditunda"
    hasil = excel.baca_unggahan(_bytes(wb), unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan)
    assert hasil.kesalahan == []
    kesalahan = excel.terapkan(
        user=d.operator,
        unit=d.unit_a,
        tahun=d.tahun,
        triwulan=d.triwulan,
        perubahan=[p.as_session() for p in hasil.perubahan],
        simpan=True,
    )
    assert kesalahan == []
    r = Realisasi.objects.get(indikator=d.ind_persen)
    assert r.tidak_terukur and r.alasan_tidak_terukur == "Survei ditunda" and r.nilai is None
    assert r.versi == 2 and Realisasi.history.filter(id=r.pk).count() == 2

    # The reason column left empty and no figure typed keeps the row n/a as stored.
    wb = _workbook(d)
    row = _baris(wb, d.ind_persen)
    row[excel.K_PENJELASAN - 1].value = "diubah"
    hasil = excel.baca_unggahan(_bytes(wb), unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan)
    assert hasil.kesalahan == [] and hasil.perubahan[0].data["tidak_terukur"]


def test_a_change_that_comes_without_a_preview_is_checked_by_the_same_rule(d):
    kesalahan = excel.terapkan(
        user=d.operator,
        unit=d.unit_a,
        tahun=d.tahun,
        triwulan=d.triwulan,
        perubahan=[
            {
                "jenis": "kinerja",
                "sheet": "Kinerja",
                "baris": 2,
                "obj_id": d.ind_persen.pk,
                "versi": 0,
                "label": "Baris 2",
                "data": {"nilai": "-5"},
            },
            {
                "jenis": "anggaran",
                "sheet": "Anggaran",
                "baris": 2,
                "obj_id": d.sub_b.pk,  # unit B's
                "versi": 0,
                "label": "Sub B",
                "data": {"jumlah": "5"},
            },
        ],
        simpan=True,
    )
    assert kesalahan == [
        ("Kinerja", 2, "Baris 2: Nilai realisasi tidak boleh negatif."),
        ("Anggaran", 2, f"Sub B: Sub kegiatan bukan tanggungan {d.unit_a.nama}."),
    ]
    assert not Realisasi.objects.exists()


# --- queries constant in the number of rows -------------------------------------------------

# Reading the upload: the quarter, the unit's indicators, their stored rows and scale levels,
# the sub-kegiatan, their stored rows, pagu in force and other quarters' spending.
QUERIES_BACA = 8
# Saving, inside one savepoint (2): the quarter (locked), the same seven reads (rows locked),
# new indicator rows (INSERT + history INSERT), changed indicator rows (UPDATE + history
# INSERT), the changed budget row (UPDATE + history INSERT).
QUERIES_SIMPAN = 16


def _dunia_besar(d, n):
    """Unit A with `n` more percentage indicators, half of them with a stored draft."""
    for i in range(n):
        ind = IndikatorFactory(
            sasaran=None, sub_kegiatan=d.sub_a, uraian=f"Persentase uji massal {i}", satuan="%"
        )
        if i % 2:
            realisasi_simpan(
                user=d.operator,
                indikator=ind,
                tahun=d.tahun,
                triwulan=d.triwulan,
                versi=0,
                nilai="10",
            )
    realisasi_anggaran_simpan(
        user=d.operator,
        sub_kegiatan=d.sub_a,
        tahun=d.tahun,
        triwulan=d.triwulan,
        jumlah="1000",
        versi=0,
    )
    wb = _isi_baik(_workbook(d), d)
    ws = wb[excel.SHEET_KINERJA]
    for r in ws.iter_rows(min_row=2):
        if Indikator.objects.get(pk=r[0].value).uraian.startswith("Persentase uji massal"):
            r[excel.K_REALISASI - 1].value = "55,5"
    return _bytes(wb)


@pytest.mark.parametrize("n", [10, 100])
def test_the_upload_costs_the_same_queries_for_10_and_100_rows(d, n, django_assert_num_queries):
    content = _dunia_besar(d, n)
    with django_assert_num_queries(QUERIES_BACA):
        hasil = excel.baca_unggahan(content, unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan)
    assert hasil.kesalahan == [] and len(hasil.perubahan) == n + 4
    perubahan = [p.as_session() for p in hasil.perubahan]
    with django_assert_num_queries(QUERIES_SIMPAN):
        kesalahan = excel.terapkan(
            user=d.operator,
            unit=d.unit_a,
            tahun=d.tahun,
            triwulan=d.triwulan,
            perubahan=perubahan,
            simpan=True,
        )
    assert kesalahan == []
    assert (
        Realisasi.objects.filter(
            indikator__uraian__startswith="Persentase uji massal", nilai=Decimal("55.5")
        ).count()
        == n
    )
