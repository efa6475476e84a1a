"""The render_report command prints documents outside the web workers (the query counts of
the document pages are pinned in test_kueri_dokumen.py)."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from laporan.models import DokumenTerbit
from tests.builders import build_opd

from .conftest import orientation, read_pdf

pytestmark = pytest.mark.django_db


def test_render_report_writes_a_verified_pdf_and_html(tmp_path, capsys):
    rencana = build_opd(kali=1)
    out = tmp_path / "pengukuran.pdf"
    call_command(
        "render_report",
        "pengukuran",
        "--opd",
        rencana.opd.slug,
        "--tahun",
        str(rencana.tahun),
        "--triwulan",
        "3",
        "--format",
        "pdf",
        "--output",
        str(out),
    )
    content = out.read_bytes()
    assert content.startswith(b"%PDF")
    dokumen = DokumenTerbit.objects.get()
    assert (dokumen.jenis, dokumen.triwulan) == ("pengukuran", 3)
    assert dokumen.kode in capsys.readouterr().out
    reader, text = read_pdf(content)
    assert orientation(reader.pages[0]) == "landscape" and "TRIWULAN III" in text

    html = tmp_path / "lkjip.html"
    call_command(
        "render_report",
        "lkjip",
        "--opd",
        rencana.opd.slug,
        "--tahun",
        str(rencana.tahun),
        "--format",
        "html",
        "--output",
        str(html),
    )
    assert "BAB III" in html.read_text(encoding="utf-8")
    assert DokumenTerbit.objects.count() == 1  # HTML is not an issued document


def test_render_report_explains_bad_arguments_in_indonesian():
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command(
            "render_report", "pk", "--opd", "tidak-ada", "--tahun", "2023", "--output", "/tmp/x.pdf"
        )
    rencana = build_opd(kali=1)
    with pytest.raises(CommandError, match="--triwulan"):
        call_command(
            "render_report",
            "pengukuran",
            "--opd",
            rencana.opd.slug,
            "--tahun",
            "2023",
            "--output",
            "/tmp/x.pdf",
        )
    with pytest.raises(CommandError, match="Belum ada Renstra"):
        call_command(
            "render_report",
            "lkjip",
            "--opd",
            rencana.opd.slug,
            "--tahun",
            "2040",
            "--output",
            "/tmp/x.pdf",
        )


def test_unknown_quarter_unit_or_pk_version_is_not_found(admin_client):
    rencana = build_opd(kali=1)
    args = [rencana.opd.slug, rencana.tahun]
    assert admin_client.get(reverse("laporan:pengukuran", args=[*args, 5])).status_code == 404
    assert (
        admin_client.get(reverse("laporan:rencana_aksi", args=args) + "?unit=tidak-ada").status_code
        == 404
    )
    assert admin_client.get(reverse("laporan:pk_pdf", args=args) + "?versi=9").status_code == 404
    assert (
        admin_client.get(reverse("laporan:lkjip", args=[rencana.opd.slug, 2040])).status_code == 404
    )
    assert not DokumenTerbit.objects.exists()
