import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from anggaran import renstra_xlsx as excel
from renstra.models import PeriodeRenstra, SubKegiatan, Tujuan
from sakip import roles
from tests.excel.helpers import as_file, buat_rencana, dump_rencana, periode_of
from tests.factories import OPDFactory, PenggunaFactory

pytestmark = pytest.mark.django_db


def upload(data, name="renstra.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_admin_imports_a_workbook_through_the_page(client):
    periode = buat_rencana()
    opd = periode.opd
    before = dump_rencana(periode)
    data = as_file(excel.renstra_export(periode)).getvalue()
    periode.delete()
    admin = PenggunaFactory(role=roles.ADMIN, pemda=opd.pemda)
    client.force_login(admin)

    response = client.post(
        reverse("anggaran:renstra_impor"),
        {"opd": opd.pk, "periode": "2021-2026", "berkas": upload(data)},
    )

    assert response.status_code == 200
    assert "Renstra tersimpan" in response.content.decode()
    assert dump_rencana(periode_of(opd)) == before


def test_the_page_lists_every_bad_cell_and_saves_nothing(client):
    opd = OPDFactory()
    wb = excel.renstra_template(opd, 2021, 2026)
    wb[excel.SHEET_TUJUAN].append(["T1", None])
    admin = PenggunaFactory(role=roles.ADMIN, pemda=opd.pemda)
    client.force_login(admin)

    response = client.post(
        reverse("anggaran:renstra_impor"),
        {"opd": opd.pk, "periode": "2021-2026", "berkas": upload(as_file(wb).getvalue())},
    )

    body = response.content.decode()
    assert response.status_code == 422
    assert "1 sel salah" in body and "Kolom &#x27;Uraian&#x27; wajib diisi." in body
    assert not Tujuan.objects.exists()


def test_a_file_that_is_not_a_workbook_gets_a_message_next_to_the_field(client):
    opd = OPDFactory()
    client.force_login(PenggunaFactory(role=roles.ADMIN, pemda=opd.pemda))

    response = client.post(
        reverse("anggaran:renstra_impor"),
        {"opd": opd.pk, "periode": "2021-2026", "berkas": upload(b"bukan excel")},
    )

    assert response.status_code == 422
    assert "bukan workbook Excel" in response.content.decode()
    assert not PeriodeRenstra.objects.exists()


def test_admin_downloads_the_empty_template(client):
    opd = OPDFactory()
    client.force_login(PenggunaFactory(role=roles.ADMIN, pemda=opd.pemda))

    response = client.post(
        reverse("anggaran:renstra_impor"), {"opd": opd.pk, "periode": "2022-2026", "template": "1"}
    )

    assert response.status_code == 200
    wb = load_workbook(as_file_bytes(response.content))
    assert excel.SHEET_INDIKATOR in wb.sheetnames
    assert wb[excel.SHEET_SUB].cell(row=1, column=6).value == "Pagu 2022"


def as_file_bytes(content):
    import io

    return io.BytesIO(content)


@pytest.mark.parametrize("role", [roles.OPERATOR, roles.PERENCANA, roles.PIMPINAN])
def test_only_the_admin_may_import(client, role):
    opd = OPDFactory()
    client.force_login(PenggunaFactory(role=role, pemda=opd.pemda, opd=opd))
    assert client.get(reverse("anggaran:renstra_impor")).status_code == 403


def test_admin_of_another_pemda_cannot_pick_this_opd(client):
    opd = OPDFactory()
    other = OPDFactory()
    client.force_login(PenggunaFactory(role=roles.ADMIN, pemda=other.pemda))
    response = client.post(
        reverse("anggaran:renstra_impor"), {"opd": opd.pk, "periode": "2021-2026", "template": "1"}
    )
    assert response.status_code == 422
    assert not PeriodeRenstra.objects.filter(opd=opd).exists()


def test_export_is_scoped_to_the_users_opd(client):
    periode = buat_rencana()
    outsider = PenggunaFactory(role=roles.PERENCANA, opd=OPDFactory())
    client.force_login(outsider)
    assert client.get(reverse("anggaran:renstra_ekspor", args=[periode.pk])).status_code == 404
    insider = PenggunaFactory(role=roles.PERENCANA, opd=periode.opd)
    client.force_login(insider)
    response = client.get(reverse("anggaran:renstra_ekspor", args=[periode.pk]))
    assert response.status_code == 200
    wb = load_workbook(as_file_bytes(response.content))
    kode = [r[0] for r in wb[excel.SHEET_SUB].iter_rows(min_row=2, values_only=True)]
    assert kode == list(SubKegiatan.objects.order_by("kode").values_list("kode", flat=True))


def test_the_commands_export_and_import_with_dry_run(tmp_path, capsys):
    periode = buat_rencana()
    opd = periode.opd
    before = dump_rencana(periode)
    target = tmp_path / "renstra.xlsx"
    call_command("export_renstra", "--opd", opd.slug, "--periode", "2021-2026", "-o", str(target))
    periode.delete()

    call_command(
        "import_renstra", str(target), "--opd", opd.slug, "--periode", "2021-2026", "--dry-run"
    )
    assert not PeriodeRenstra.objects.exists()
    call_command("import_renstra", str(target), "--opd", opd.slug, "--periode", "2021-2026")

    out = capsys.readouterr().out
    assert "Sub Kegiatan" in out and "tersimpan" in out
    assert dump_rencana(periode_of(opd)) == before


def test_the_import_command_fails_loudly_on_bad_cells(tmp_path):
    opd = OPDFactory()
    wb = excel.renstra_template(opd, 2021, 2026)
    wb[excel.SHEET_SASARAN].append(["S1", "T404", "Sasaran"])
    path = tmp_path / "salah.xlsx"
    wb.save(path)
    with pytest.raises(CommandError, match="1 sel salah"):
        call_command("import_renstra", str(path), "--opd", opd.slug, "--periode", "2021-2026")
    with pytest.raises(CommandError, match="Periode"):
        call_command("import_renstra", str(path), "--opd", opd.slug, "--periode", "2021")
