"""Every stored number has bounds that both databases hold exactly (sakip.batas): the
form, the services, the Excel upload, the Renstra import and the model refuse a number
beyond them with one Indonesian message, never a 500, and a value stored before the bounds
still shows and can be overwritten."""

import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from openpyxl import load_workbook

from anggaran import renstra_xlsx
from anggaran.models import RealisasiAnggaran
from anggaran.renstra_impor import renstra_impor
from anggaran.services import realisasi_anggaran_simpan
from kinerja import excel, services
from kinerja.models import Realisasi
from renstra.models import TargetTahunan
from sakip import batas
from tests.excel.helpers import as_file, buat_rencana, dump_rencana
from tests.kinerja.dunia import siapkan, snapshot

TERBESAR_UKURAN = "99.999.999.999,9999"
TERBESAR_UANG = "999.999.999.999.999"
ANGKA_38 = "9" * 38
ANGKA_40 = "1" * 40
HX = {"HTTP_HX_REQUEST": "true"}


def pesan(exc_info, field=None):
    exc = exc_info.value
    return " ".join(exc.message_dict[field] if field else exc.messages)


# --- the one check, without a database -----------------------------------------------


def test_a_measure_may_have_eleven_whole_digits_and_four_decimals():
    assert batas.cek_batas(Decimal("99999999999.9999"), batas.UKURAN) == Decimal("99999999999.9999")
    assert batas.cek_batas(Decimal("-99999999999.9999"), "ukuran") == Decimal("-99999999999.9999")
    assert batas.cek_batas(None, batas.UKURAN) is None


@pytest.mark.parametrize(
    "value, text",
    [
        (Decimal("100000000000"), f"Angka terlalu besar: paling banyak {TERBESAR_UKURAN}."),
        (Decimal("9999999999999999"), f"Angka terlalu besar: paling banyak {TERBESAR_UKURAN}."),
        (Decimal(ANGKA_40), f"Angka terlalu besar: paling banyak {TERBESAR_UKURAN}."),
        (Decimal("-100000000000"), f"Angka terlalu kecil: paling sedikit -{TERBESAR_UKURAN}."),
        (Decimal("1.23456"), "Paling banyak 4 angka di belakang koma."),
        (Decimal("NaN"), "Angka tidak sah."),
    ],
)
def test_a_measure_beyond_the_bounds_gets_an_indonesian_message(value, text):
    with pytest.raises(ValidationError) as exc:
        batas.cek_batas(value, batas.UKURAN)
    assert pesan(exc) == text


def test_trailing_zeros_after_the_decimal_mark_are_not_decimals():
    assert str(batas.cek_batas(Decimal("86.50000"), batas.UKURAN)) == "86.5"
    assert str(batas.cek_batas(Decimal("1000.00"), batas.UANG)) == "1000"


@pytest.mark.parametrize(
    "value, text",
    [
        (Decimal("1000000000000000"), f"Angka terlalu besar: paling banyak {TERBESAR_UANG}."),
        (Decimal(ANGKA_40), f"Angka terlalu besar: paling banyak {TERBESAR_UANG}."),
        (Decimal("-1"), "Angka tidak boleh negatif."),
        (Decimal("10.5"), "Jumlah dalam rupiah penuh (tanpa sen)."),
    ],
)
def test_money_is_whole_rupiah_from_zero_below_a_thousand_trillion(value, text):
    with pytest.raises(ValidationError) as exc:
        batas.cek_batas(value, batas.UANG)
    assert pesan(exc) == text
    assert batas.cek_batas(Decimal("999999999999999"), batas.UANG) == Decimal("999999999999999")


@pytest.mark.parametrize("jenis", list(batas.JENIS.values()), ids=list(batas.JENIS))
def test_every_kind_fits_the_fifteen_digits_sqlite_stores_exactly(jenis):
    assert jenis.digit_bulat + jenis.desimal <= 15
    largest = jenis.terbesar
    assert float(largest) == float(str(largest))
    assert Decimal(repr(float(largest))) == largest


def _number_fields():
    for model in apps.get_models():
        if model._meta.app_label not in ("renstra", "anggaran", "kinerja", "laporan"):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.DecimalField):
                yield f"{model._meta.label}.{field.name}", field


def test_every_decimal_column_is_bounded_to_what_both_databases_hold():
    unbounded = []
    for name, field in _number_fields():
        kinds = [v.jenis for v in field.validators if isinstance(v, batas.BatasValidator)]
        if not kinds:
            # A small column (percentages, multipliers) is bounded by its own digits.
            if field.max_digits > 15:
                unbounded.append(name)
            continue
        jenis = batas.JENIS[kinds[0]]
        assert jenis.desimal == field.decimal_places, name
        assert jenis.digit_bulat <= field.max_digits - field.decimal_places, name
    assert unbounded == []


# --- services, forms and the model ------------------------------------------------------


@pytest.fixture
def d(db, settings, tmp_path):
    return siapkan(settings, tmp_path)


def simpan(d, indikator=None, versi=0, **kw):
    return services.realisasi_simpan(
        user=d.operator,
        indikator=indikator or d.ind_persen,
        tahun=d.tahun,
        triwulan=d.triwulan,
        versi=versi,
        **kw,
    )


def test_a_sixteen_digit_realisation_is_refused_and_nothing_is_saved(d):
    before = snapshot()
    with pytest.raises(ValidationError) as exc:
        simpan(d, nilai="9999999999999999")
    assert pesan(exc, "nilai") == f"Angka terlalu besar: paling banyak {TERBESAR_UKURAN}."
    assert snapshot() == before


def test_a_ratio_with_a_38_digit_numerator_gets_a_message(d):
    with pytest.raises(ValidationError) as exc:
        simpan(d, indikator=d.ind_rasio, pembilang=ANGKA_38, penyebut="1")
    assert "Angka terlalu besar" in pesan(exc, "pembilang")


def test_a_ratio_whose_quotient_is_too_large_is_refused_before_rounding(d):
    with pytest.raises(ValidationError) as exc:
        simpan(d, indikator=d.ind_rasio, pembilang="99999999999", penyebut="0,0001")
    assert "Hasil pembilang / penyebut terlalu besar" in pesan(exc, "pembilang")


def test_a_40_digit_budget_amount_gets_a_message(d):
    before = snapshot()
    with pytest.raises(ValidationError) as exc:
        realisasi_anggaran_simpan(
            user=d.operator,
            sub_kegiatan=d.sub_a,
            tahun=d.tahun,
            triwulan=d.triwulan,
            jumlah=ANGKA_40,
            versi=0,
        )
    assert pesan(exc, "jumlah") == f"Angka terlalu besar: paling banyak {TERBESAR_UANG}."
    assert snapshot() == before


def test_the_model_refuses_a_target_beyond_the_bounds_with_the_same_message(d):
    target = TargetTahunan(indikator=d.ind_persen, tahun=2026, nilai=Decimal("100000000000"))
    with pytest.raises(ValidationError) as exc:
        target.full_clean()
    assert f"Angka terlalu besar: paling banyak {TERBESAR_UKURAN}." in pesan(exc, "nilai")


@pytest.mark.parametrize(
    "field, data",
    [
        ("nilai", {"nilai": "9999999999999999"}),
        ("pembilang", {"pembilang": ANGKA_38, "penyebut": "1"}),
    ],
)
def test_the_entry_row_shows_the_bound_next_to_the_field(client, d, field, data):
    client.force_login(d.operator)
    ind = d.ind_persen if field == "nilai" else d.ind_rasio
    url = reverse("kinerja:realisasi_simpan", args=[d.tahun, d.triwulan, ind.pk])
    response = client.post(url, {**data, "versi": 0}, **HX)
    assert response.status_code == 422
    assert "Angka terlalu besar: paling banyak" in response.content.decode()


def test_the_budget_row_refuses_a_40_digit_amount_with_a_message(client, d):
    client.force_login(d.operator)
    url = reverse("kinerja:realisasi_anggaran_simpan", args=[d.tahun, d.triwulan, d.sub_a.pk])
    response = client.post(url, {"jumlah": ANGKA_40, "versi": 0}, **HX)
    assert response.status_code == 422
    assert f"paling banyak {TERBESAR_UANG}" in response.content.decode()
    assert not RealisasiAnggaran.objects.exists()


# --- the Excel upload ---------------------------------------------------------------------


def test_the_excel_upload_refuses_huge_numbers_row_by_row(client, d):
    client.force_login(d.operator)
    template = client.get(reverse("kinerja:realisasi_templat", args=[d.tahun, d.triwulan]))
    wb = load_workbook(io.BytesIO(template.content))
    for row in wb[excel.SHEET_KINERJA].iter_rows(min_row=2):
        if row[0].value == d.ind_rasio.pk:
            row[excel.K_PEMBILANG - 1].value = ANGKA_38  # text: Excel would round a number
            row[excel.K_PENYEBUT - 1].value = 1
        elif row[0].value == d.ind_persen.pk:
            row[excel.K_REALISASI - 1].value = 1e16
    for row in wb[excel.SHEET_ANGGARAN].iter_rows(min_row=2):
        if row[0].value == d.sub_a.pk:
            row[excel.A_JUMLAH - 1].value = ANGKA_40
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "realisasi.xlsx"
    response = client.post(
        reverse("kinerja:realisasi_unggah", args=[d.tahun, d.triwulan]), {"berkas": buffer}
    )
    assert response.status_code == 422
    alasan = {baris[2] for baris in response.context["kesalahan"]}
    assert f"{d.ind_rasio.uraian}: Angka terlalu besar: paling banyak {TERBESAR_UKURAN}." in alasan
    assert f"{d.ind_persen.uraian}: Angka terlalu besar: paling banyak {TERBESAR_UKURAN}." in alasan
    assert f"{d.sub_a.kode}: Angka terlalu besar: paling banyak {TERBESAR_UANG}." in alasan
    assert not Realisasi.objects.exists()


# --- a value stored before the bounds ------------------------------------------------------


def test_a_value_stored_beyond_the_bounds_still_shows_everywhere_and_can_be_overwritten(client, d):
    """The report: after a 16-digit realisation, the entry sheet, the listing and its CSV,
    the OPD dashboard, the Pengukuran HTML and XLSX and the Excel template returned 500 for
    good on SQLite, and nothing could be saved over it."""
    row = simpan(d, nilai="50")
    # Written past the validators, as before the bounds existed.
    Realisasi.objects.filter(pk=row.pk).update(nilai=Decimal("9999999999999999"))
    stored = Realisasi.objects.get(pk=row.pk).nilai
    assert abs(stored - Decimal("9999999999999999")) <= 1  # SQLite holds 15 digits

    opd, tahun, tw = d.opd.slug, d.tahun, d.triwulan
    client.force_login(d.operator)
    for url in (
        reverse("kinerja:entri"),
        reverse("kinerja:realisasi_templat", args=[tahun, tw]),
    ):
        assert client.get(url).status_code == 200, url
    client.force_login(d.kadis)
    for url in (
        reverse("kinerja:realisasi_list") + f"?tahun={tahun}&triwulan={tw}",
        reverse("kinerja:realisasi_list") + f"?tahun={tahun}&triwulan={tw}&_export=csv",
        reverse("kinerja:realisasi_list") + f"?tahun={tahun}&triwulan={tw}&_export=xlsx",
        reverse("kinerja:dasbor_opd", args=[opd]) + f"?tahun={tahun}",
        reverse("laporan:pengukuran", args=[opd, tahun, tw]),
        reverse("laporan:pengukuran_xlsx", args=[opd, tahun, tw]),
    ):
        assert client.get(url).status_code == 200, url

    client.force_login(d.operator)
    page = client.get(reverse("kinerja:entri")).content.decode()
    # The row shows the stored number in its input as the app prints it (issue 12: it reads
    # back), ready to be corrected.
    assert "9.999.999.999.999.999" in page or "10.000.000.000.000.000" in page
    url = reverse("kinerja:realisasi_simpan", args=[tahun, tw, d.ind_persen.pk])
    response = client.post(url, {"nilai": "75", "versi": row.versi}, **HX)
    assert response.status_code == 200, response.content.decode()[:500]
    assert Realisasi.objects.get(pk=row.pk).nilai == 75


def test_the_target_grid_shows_the_bound_next_to_the_cell_and_saves_nothing(client, d):
    client.force_login(d.perencana)
    url = reverse("laporan:target_ubah", args=[d.opd.slug, d.tahun])
    cell = f"t-{d.ind_persen.pk}-tahunan"
    response = client.post(url, {cell: "100.000.000.000", f"t-{d.ind_persen.pk}-4": "88"})
    assert response.status_code == 200
    assert response.context["errors"][cell] == (
        f"Angka terlalu besar: paling banyak {TERBESAR_UKURAN}."
    )
    assert TargetTahunan.objects.get(indikator=d.ind_persen, tahun=d.tahun).nilai == 80


def test_the_renstra_import_refuses_a_target_and_a_pagu_beyond_the_bounds_cell_by_cell(db):
    periode = buat_rencana()
    before = dump_rencana(periode)
    wb = renstra_xlsx.renstra_export(periode)
    sub, ind = wb[renstra_xlsx.SHEET_SUB], wb[renstra_xlsx.SHEET_INDIKATOR]
    header_sub = [c.value for c in sub[1]]
    header_ind = [c.value for c in ind[1]]
    sub.cell(row=2, column=header_sub.index("Pagu 2025") + 1, value="1.000.000.000.000.000")
    ind.cell(row=2, column=header_ind.index("Target 2025") + 1, value=ANGKA_40)

    hasil = renstra_impor(
        opd=periode.opd, tahun_awal=2021, tahun_akhir=2026, berkas=as_file(wb), dry_run=True
    )

    alasan = {(k.sheet, k.baris): k.alasan for k in hasil.kesalahan}
    assert alasan == {
        (renstra_xlsx.SHEET_SUB, 2): f"Pagu: Angka terlalu besar: paling banyak {TERBESAR_UANG}.",
        (renstra_xlsx.SHEET_INDIKATOR, 2): (
            f"Target: Angka terlalu besar: paling banyak {TERBESAR_UKURAN}."
        ),
    }
    assert dump_rencana(periode) == before
