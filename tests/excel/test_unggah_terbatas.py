"""Uploaded workbooks are bounded before they are parsed (sakip.xlsx.buka_workbook,
baris_sheet): a workbook that unzips to more than SAKIP_XLSX_MAX_BYTES, or whose sheet
claims or reaches more than SAKIP_XLSX_MAX_BARIS rows, is refused with an Indonesian
message before its rows are read, by the realisation upload and by the Renstra import; and
the list of refused rows stays short."""

import io
import re
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.worksheet import _read_only

from anggaran import renstra_xlsx
from kinerja import excel
from sakip import xlsx
from tests.kinerja.dunia import siapkan

pytestmark = pytest.mark.django_db

ENAM_JUTA = 6_000_000
# The row limit plus the few rows of the other sheets read before the refusal.
PALING_BANYAK_DIBACA = 20_000 + 100


@pytest.fixture
def d(db, settings, tmp_path):
    return siapkan(settings, tmp_path)


@pytest.fixture
def baris_dihitung(monkeypatch):
    """How many rows openpyxl yields from any read-only sheet during the test."""
    hitung = {"baris": 0}
    asli = _read_only.ReadOnlyWorksheet._cells_by_row

    def dihitung(self, *args, **kwargs):
        for row in asli(self, *args, **kwargs):
            hitung["baris"] += 1
            yield row

    monkeypatch.setattr(_read_only.ReadOnlyWorksheet, "_cells_by_row", dihitung)
    return hitung


def _ubah_sheet(content, sheet, ubah):
    """The workbook bytes with the XML of the named sheet passed through `ubah`."""
    wb = load_workbook(io.BytesIO(content), read_only=True)
    index = wb.sheetnames.index(sheet) + 1
    wb.close()
    target = f"xl/worksheets/sheet{index}.xml"
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == target:
                data = ubah(data.decode()).encode()
            dst.writestr(info.filename, data)
    return out.getvalue()


def dimensi_enam_juta(xml):
    return re.sub(r'<dimension ref="A1:([A-Z]+)\d+"', rf'<dimension ref="A1:\g<1>{ENAM_JUTA}"', xml)


def baris_enam_juta_tanpa_dimensi(xml):
    xml = re.sub(r"<dimension [^>]*/>", "", xml)
    return xml.replace(
        "</sheetData>", f'<row r="{ENAM_JUTA}"><c r="A{ENAM_JUTA}"><v>1</v></c></row></sheetData>'
    )


def isi_raksasa(xml):
    # 60 MB of whitespace is valid XML and deflates to a few dozen kilobytes.
    return xml.replace("</worksheet>", " " * (60 * 1024 * 1024) + "</worksheet>")


def test_a_part_that_unzips_beyond_the_limit_is_refused_before_openpyxl_opens_it(
    monkeypatch, settings
):
    wb = xlsx.workbook_baru()
    wb.create_sheet("Data")["A1"] = "x"
    content = _ubah_sheet(xlsx.simpan_bytes(wb), "Data", isi_raksasa)
    assert len(content) < 1024 * 1024  # small on disk

    def tidak_boleh(*args, **kwargs):
        raise AssertionError("openpyxl must not open an oversized workbook")

    monkeypatch.setattr(xlsx, "load_workbook", tidak_boleh)
    with pytest.raises(xlsx.BerkasTidakValid) as exc:
        xlsx.buka_workbook(content)
    assert "Isi workbook terlalu besar" in str(exc.value)
    assert "paling banyak 50 MB" in str(exc.value)


# --- the realisation upload -----------------------------------------------------------------


def _templat(client, d):
    client.force_login(d.operator)
    response = client.get(reverse("kinerja:realisasi_templat", args=[d.tahun, d.triwulan]))
    assert response.status_code == 200
    return response.content


def _unggah(client, d, content):
    berkas = io.BytesIO(content)
    berkas.name = "realisasi.xlsx"
    return client.post(
        reverse("kinerja:realisasi_unggah", args=[d.tahun, d.triwulan]), {"berkas": berkas}
    )


@pytest.mark.parametrize(
    "ubah, pesan",
    [
        (dimensi_enam_juta, "lebih dari 20.000 baris"),
        (baris_enam_juta_tanpa_dimensi, "lebih dari 20.000 baris"),
        (isi_raksasa, "Isi workbook terlalu besar"),
    ],
    ids=["dimensi", "baris-jauh", "isi-raksasa"],
)
def test_the_realisation_upload_refuses_a_workbook_too_large_to_read(
    client, d, baris_dihitung, ubah, pesan
):
    content = _ubah_sheet(_templat(client, d), excel.SHEET_KINERJA, ubah)
    baris_dihitung["baris"] = 0
    response = _unggah(client, d, content)
    assert response.status_code == 422
    body = response.content.decode()
    assert pesan in body
    assert "Hapus baris kosong" in body or "bagi data" in body
    # Stopped at the limit, not after six million empty rows.
    assert baris_dihitung["baris"] <= PALING_BANYAK_DIBACA


def test_a_sheet_claiming_six_million_rows_is_refused_before_any_row_is_read(
    client, d, baris_dihitung
):
    content = _ubah_sheet(_templat(client, d), excel.SHEET_KINERJA, dimensi_enam_juta)
    baris_dihitung["baris"] = 0
    with pytest.raises(xlsx.BerkasTidakValid) as exc:
        excel.baca_unggahan(content, unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan)
    assert f"Sheet “{excel.SHEET_KINERJA}” memuat lebih dari 20.000 baris" in str(exc.value)
    assert baris_dihitung["baris"] == 0


def test_the_row_limit_follows_the_setting(client, d, settings):
    content = _templat(client, d)
    settings.SAKIP_XLSX_MAX_BARIS = 2
    with pytest.raises(xlsx.BerkasTidakValid) as exc:
        excel.baca_unggahan(content, unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan)
    assert "lebih dari 2 baris" in str(exc.value)


def test_the_list_of_refused_rows_shows_the_first_200_and_counts_the_rest(client, d):
    wb = load_workbook(io.BytesIO(_templat(client, d)))
    ws = wb[excel.SHEET_KINERJA]
    start = ws.max_row + 1
    for nomor in range(start, start + 250):
        ws.cell(row=nomor, column=1, value=10_000_000 + nomor)  # nobody's indicator
        ws.cell(row=nomor, column=excel.K_REALISASI, value=5)
    buffer = io.BytesIO()
    wb.save(buffer)
    response = _unggah(client, d, buffer.getvalue())
    assert response.status_code == 422
    assert len(response.context["kesalahan"]) == 250
    assert len(response.context["kesalahan_tampil"]) == 200
    body = response.content.decode()
    assert "250 baris ditolak" in body
    assert "dan 50 kesalahan lain" in body
    assert body.count("bukan tanggungan") == 200


# --- the Renstra import ---------------------------------------------------------------------


def _impor(client, d, content, sheet=renstra_xlsx.SHEET_TUJUAN, ubah=None):
    template = xlsx.simpan_bytes(renstra_xlsx.renstra_template(d.opd, 2021, 2026))
    if content is None:
        content = _ubah_sheet(template, sheet, ubah)
    berkas = io.BytesIO(content)
    berkas.name = "renstra.xlsx"
    client.force_login(d.admin)
    return client.post(
        reverse("anggaran:renstra_impor"),
        {"opd": d.opd.pk, "periode": "2021-2026", "berkas": berkas, "dry_run": "on"},
    )


@pytest.mark.parametrize(
    "ubah, pesan",
    [
        (dimensi_enam_juta, "lebih dari 20.000 baris"),
        (baris_enam_juta_tanpa_dimensi, "lebih dari 20.000 baris"),
        (isi_raksasa, "Isi workbook terlalu besar"),
    ],
    ids=["dimensi", "baris-jauh", "isi-raksasa"],
)
def test_the_renstra_import_refuses_a_workbook_too_large_to_read(
    client, d, baris_dihitung, ubah, pesan
):
    response = _impor(client, d, None, ubah=ubah)
    assert response.status_code == 422
    assert pesan in response.content.decode()
    assert baris_dihitung["baris"] <= PALING_BANYAK_DIBACA


def test_the_renstra_import_lists_the_first_200_bad_cells_and_counts_the_rest(client, d):
    wb = renstra_xlsx.renstra_template(d.opd, 2021, 2026)
    ws = wb[renstra_xlsx.SHEET_TUJUAN]
    for nomor in range(2, 2 + 260):
        ws.cell(row=nomor, column=2, value=f"Tujuan tanpa kode {nomor}")  # Kode is required
    response = _impor(client, d, xlsx.simpan_bytes(wb))
    assert response.status_code == 422
    assert len(response.context["kesalahan_tampil"]) == 200
    assert response.context["kesalahan_lain"] == len(response.context["hasil"].kesalahan) - 200
    assert f"dan {response.context['kesalahan_lain']} kesalahan lain" in response.content.decode()
