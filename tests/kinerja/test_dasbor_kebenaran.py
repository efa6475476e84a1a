"""Dashboards that tell the truth (issue 13 items 5 and 6), on a world with empty,
unverified and verified rows: completeness counts what is really empty, every mean says
how many indicators it rests on and which are missing, unverified figures are marked by
the Pemda's rule, the charts and the XLSX export show the read model's figures
(kinerja.selectors), and the header of a Pemda-wide reader names the Pemda."""

import io
import re
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja import selectors
from kinerja.models import Realisasi
from renstra.models import Indikator, Pemda
from sakip.alur import RealisasiDihitung, StatusRealisasi
from tests.factories import (
    OPDFactory,
    PemdaFactory,
    PenggunaFactory,
    RealisasiAnggaranFactory,
    RealisasiFactory,
    buat_dunia_dasbor,
    buat_pengguna_dasbor,
)

pytestmark = pytest.mark.django_db

TW1 = "?tahun=2025&triwulan=1"


@pytest.fixture
def dunia():
    """OPD A with five sasaran indicators, all IKU, at TW I 2025:
    IKU 1 realisation 40 submitted (not verified) -> 50%; IKU 2 nothing; IKU 3 72 verified
    -> 90%; IKU 4 a saved row without a value (empty); IKU 5 recorded "tidak dapat diukur"
    (filled, no capaian). Its ten sub-kegiatan: five spent, five not."""
    d = buat_dunia_dasbor(n=5)
    d["users"] = buat_pengguna_dasbor(d)
    a = d["a"]
    ind = a["indikator_sasaran"]
    Indikator.objects.filter(pk__in=[i.pk for i in ind]).update(is_iku=True)
    Realisasi.objects.filter(indikator=ind[2]).update(
        nilai=D("72"), status=StatusRealisasi.DIVERIFIKASI
    )
    RealisasiFactory(indikator=ind[3], tahun=2025, triwulan=1, nilai=None)
    Realisasi.objects.filter(indikator=ind[4]).update(
        nilai=None, tidak_terukur=True, alasan_tidak_terukur="Survei belum terbit"
    )
    return d


def _get(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def _teks(response):
    html = re.sub(r"<svg.*?</svg>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _iku(opd, tahun=2025, triwulan=1):
    data = selectors.capaian_opd(opd.pk, tahun, triwulan)  # its Pemda read afresh
    return data, [r for r in data.indikator_tingkat("sasaran") if r.is_iku]


def _atur(dunia, aturan):
    Pemda.objects.filter(pk=dunia["pemda"].pk).update(realisasi_dihitung=aturan)


def _nilai_grafik(html, testid):
    """{label: Decimal or None} of the chart's bars (data-label / data-nilai)."""
    blok = re.search(rf'data-testid="grafik-{testid}".*?</figure>', html, flags=re.S).group(0)
    return {
        label: (D(nilai) if nilai else None)
        for label, nilai in re.findall(r'data-label="([^"]*)" data-nilai="([^"]*)"', blok)
    }


def test_completeness_counts_a_saved_row_without_a_value_as_empty(client, dunia):
    a = dunia["a"]
    data, rows = _iku(a["opd"])
    # The read model's own rows: filled means a value, a level or "tidak dapat diukur".
    terisi = [r for r in rows if r.realisasi is not None or r.tidak_terukur]
    assert len(terisi) == 3
    teks = _teks(_get(client, dunia["users"]["kadis_a"], f"/kinerja/dasbor/dinas-a/{TW1}"))
    # 5 sasaran + 10 sub-kegiatan indicators (5 filled) + 10 sub-kegiatan (5 spent).
    assert "13 dari 25 baris terisi" in teks
    assert "7 dari 15 indikator dan 5 dari 10 sub kegiatan belum diisi" in teks
    assert a["indikator_sasaran"][3].uraian in teks  # the empty saved row is listed
    assert "Semua sub kegiatan sudah diisi" not in teks


def test_all_filled_is_said_only_when_true_and_nothing_is_claimed_without_rows(client, dunia):
    for sub in dunia["a"]["subs"]:
        if not sub.realisasi_anggaran_set.exists():
            RealisasiAnggaranFactory(sub_kegiatan=sub, tahun=2025, triwulan=1, jumlah=D(1))
    teks = _teks(_get(client, dunia["users"]["kadis_a"], f"/kinerja/dasbor/dinas-a/{TW1}"))
    assert "Semua sub kegiatan sudah diisi" in teks
    teks = _teks(
        _get(client, dunia["users"]["kadis_a"], "/kinerja/dasbor/dinas-a/?tahun=2024&triwulan=1")
    )
    assert "Semua sub kegiatan sudah diisi" not in teks
    assert "Tidak ada sub kegiatan berpagu pada tahun 2024" in teks


def test_the_mean_says_what_it_rests_on_and_which_iku_are_missing(client, dunia):
    data, rows = _iku(dunia["a"]["opd"])
    dinilai = [r.capaian.nilai for r in rows if r.capaian.ada]
    assert dinilai == [D(50), D(90)]
    response = _get(client, dunia["users"]["kadis_a"], f"/kinerja/dasbor/dinas-a/{TW1}")
    assert response.context["rata_iku"] == sum(dinilai) / 2 == data.capaian_rata
    teks = _teks(response)
    assert "70,00%" in teks
    assert "Rata-rata dari 2 dari 5 IKU; belum dinilai: IKU 2, IKU 4, IKU 5" in teks


def test_unverified_figures_are_marked_and_counted_by_the_pemda_rule(client, dunia):
    kadis = dunia["users"]["kadis_a"]
    url = f"/kinerja/dasbor/dinas-a/{TW1}"
    # Default: the dashboard counts submitted rows and says so, row by row.
    html = _get(client, kadis, url).content.decode()
    tanda = re.findall(r'data-testid="tanda-verifikasi">([^<]+)<', html)
    # IKU 1 submitted, IKU 3 verified, IKU 5 a draft "tidak dapat diukur"; IKU 2 and the
    # empty draft of IKU 4 hold no figure to mark.
    assert tanda == ["Belum diverifikasi", "Terverifikasi", "Belum diverifikasi"]
    assert "angka memuat realisasi yang belum diverifikasi" in html
    assert "2 dengan realisasi belum diverifikasi (ikut dihitung)" in _teks(client.get(url))

    # Verified only: the submitted row is left out of every figure, and marked so.
    _atur(dunia, RealisasiDihitung.TERVERIFIKASI)
    data, rows = _iku(dunia["a"]["opd"])
    assert data.hanya_terverifikasi and data.capaian_rata == D(90)
    response = client.get(url)
    assert response.context["rata_iku"] == data.capaian_rata
    teks = _teks(response)
    assert "Rata-rata dari 1 dari 5 IKU; belum dinilai: IKU 1, IKU 2, IKU 4, IKU 5" in teks
    assert "Menampilkan realisasi terverifikasi saja" in teks
    assert "2 dengan realisasi belum diverifikasi (tidak dihitung)" in teks
    html = response.content.decode()
    tanda = re.findall(r'data-testid="tanda-verifikasi">([^<]+)<', html)
    assert tanda[0] == "Menunggu verifikasi"


def test_charts_carry_the_read_models_figures(client, dunia):
    a = dunia["a"]
    # A TW II: IKU 2 reported, more spending.
    RealisasiFactory(indikator=a["indikator_sasaran"][1], tahun=2025, triwulan=2, nilai=D(60))
    url = "/kinerja/dasbor/dinas-a/?tahun=2025&triwulan=2"
    html = _get(client, dunia["users"]["kadis_a"], url).content.decode()
    data2 = selectors.capaian_opd(a["opd"], 2025, 2)
    (sasaran,) = data2.sasaran
    per_sasaran = _nilai_grafik(html, "sasaran")
    assert per_sasaran == {f"{sasaran.kode} {sasaran.uraian}": sasaran.capaian_rata}
    data1 = selectors.capaian_opd(a["opd"], 2025, 1)
    tren = re.findall(
        r'data-label="(TW [IV]+)" data-seri="([^"]+)" data-nilai="([^"]*)"',
        re.search(r'data-testid="grafik-tren".*?</figure>', html, flags=re.S).group(0),
    )
    got = {(tw, seri): D(v) if v else None for tw, seri, v in tren}
    assert got == {
        ("TW I", "Capaian kinerja rata-rata"): data1.capaian_rata,
        ("TW I", "Penyerapan anggaran"): data1.anggaran.penyerapan.nilai,
        ("TW II", "Capaian kinerja rata-rata"): data2.capaian_rata,
        ("TW II", "Penyerapan anggaran"): data2.anggaran.penyerapan.nilai,
    }
    assert data1.capaian_rata != data2.capaian_rata  # IKU 2 joined the mean
    # Accessible: a title, a description naming each value, the values as text too.
    assert '<title id="tren-judul">' in html and '<desc id="sasaran-desc">' in html
    assert "TW II: Capaian kinerja rata-rata" in html

    # The Pemda: one bar per OPD, each the read model's mean, linking to its dashboard.
    html = _get(client, dunia["users"]["pimpinan"], url.replace("dinas-a/", "")).content.decode()
    rows = selectors.pemda_rows(dunia["pemda"], 2025, 2)
    assert _nilai_grafik(html, "opd") == {r.singkatan or r.nama: r.capaian_rata for r in rows}
    for r in rows:
        assert (
            f'<a href="{reverse("kinerja:dasbor_opd", args=[r.slug])}?tahun=2025&amp;triwulan=2">'
            in html
        )


def _buka(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def _ringkasan(ws):
    return {row[0]: row[1] for row in ws.iter_rows(values_only=True)}


def test_opd_xlsx_reopened_equals_the_page(client, dunia):
    kadis = dunia["users"]["kadis_a"]
    page = _get(client, kadis, f"/kinerja/dasbor/dinas-a/{TW1}").context
    wb = _buka(_get(client, kadis, f"/kinerja/dasbor/dinas-a/dasbor.xlsx{TW1}"))
    r = _ringkasan(wb["Ringkasan"])
    assert r["Capaian rata-rata (%)"] == float(page["rata_iku"]) == 70
    assert (r["Indikator dinilai"], r["Indikator"]) == (2, 5)
    assert r["Belum dinilai"] == "IKU 2, IKU 4, IKU 5"
    assert (
        r["Pagu (Rp)"] == page["pagu_total"]
        and r["Realisasi anggaran (Rp)"] == page["realisasi_total"]
    )
    assert r["Penyerapan anggaran (%)"] == float(page["penyerapan_total"].nilai)
    assert r["Kelengkapan pengisian (%)"] == float(page["kelengkapan"].nilai) == 52
    assert (r["Baris terisi"], r["Baris"]) == (13, 25)
    ws = wb["Ringkasan"]
    assert ws["B6"].number_format == "0.00" and isinstance(ws["B6"].value, int | float)

    ws = wb["Capaian indikator"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    _, iku = _iku(dunia["a"]["opd"])
    assert [row[6] for row in rows] == [
        float(i.capaian.nilai) if i.capaian.ada else None for i in iku
    ]
    assert [row[8] for row in rows] == [
        "belum diverifikasi",
        None,
        "terverifikasi",
        None,
        "belum diverifikasi",
    ]
    assert ws.cell(row=2, column=7).number_format == "0.00"
    prog = list(wb["Penyerapan per program"].iter_rows(min_row=2, values_only=True))
    assert [(p[0], p[2], p[3]) for p in prog] == [
        (row.program.kode, row.kolom[0][0], row.kolom[0][1]) for row in page["program_rows"]
    ]
    tren = list(wb["Tren triwulanan"].iter_rows(min_row=2, values_only=True))
    assert tren == [("TW I", 70, 2, 5, float(page["penyerapan_total"].nilai))]


def test_pemda_xlsx_reopened_equals_the_page(client, dunia):
    pimpinan = dunia["users"]["pimpinan"]
    page = _get(client, pimpinan, f"/kinerja/dasbor/{TW1}").context
    wb = _buka(_get(client, pimpinan, f"/kinerja/dasbor/pemda.xlsx{TW1}"))
    r = _ringkasan(wb["Ringkasan"])
    assert r["Pemerintah daerah"] == "Pemerintah Kota Dasbor"
    assert r["Capaian rata-rata perangkat daerah (%)"] == float(page["rata_capaian"])
    assert r["Pagu (Rp)"] == page["pagu_total"]
    rows = list(wb["Perangkat daerah"].iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[1], row[3], row[4], row[5]) for row in rows] == [
        (
            "Pemerintah Kota Dasbor",
            b.opd.nama,
            float(b.opd.capaian_rata) if b.opd.capaian_rata is not None else None,
            b.opd.jumlah_dinilai,
            b.opd.jumlah_indikator,
        )
        for b in page["baris_opd"]
    ]
    assert [row[13] for row in rows] == [b.belum_verifikasi_kinerja for b in page["baris_opd"]]
    assert rows[0][13] == 2  # Dinas A's submitted IKU 1 and the draft of IKU 5


def test_export_of_another_opd_is_refused(client, dunia):
    client.force_login(dunia["users"]["kadis_a"])
    assert client.get("/kinerja/dasbor/dinas-b/dasbor.xlsx").status_code == 404
    assert client.get("/kinerja/dasbor/pemda.xlsx").status_code == 403
    client.logout()
    assert client.get("/kinerja/dasbor/pemda.xlsx").status_code == 302


def test_header_names_the_pemda_for_a_pemda_wide_reader_and_the_opd_otherwise(client, dunia):
    a = dunia["a"]["opd"]
    pimpinan = dunia["users"]["pimpinan"]
    pimpinan.opd = a  # a pimpinan registered under an OPD still reads the whole Pemda
    pimpinan.save()
    html = _get(client, pimpinan, f"/kinerja/dasbor/{TW1}").content.decode()
    assert '<span class="brand-opd" data-testid="lingkup">Pemerintah Kota Dasbor</span>' in html
    html = _get(
        client, dunia["users"]["kadis_a"], f"/kinerja/dasbor/dinas-a/{TW1}"
    ).content.decode()
    assert '<span class="brand-opd" data-testid="lingkup">DINA</span>' in html


def test_superuser_picks_the_pemda_and_the_page_names_it(client, dunia):
    lain = PemdaFactory(nama="Pemerintah Kabupaten Lain", slug="kab-lain")
    root = PenggunaFactory(username="root_dasbor", is_superuser=True, is_staff=True)
    teks = _teks(_get(client, root, f"/kinerja/dasbor/{TW1}&pemda=kab-lain"))
    assert "Dasbor Pemerintah Kabupaten Lain" in teks and "Pemerintah Kota Dasbor" in teks
    assert lain.nama in teks
    teks = _teks(_get(client, root, f"/kinerja/dasbor/{TW1}&pemda=kota-dasbor"))
    assert "Perangkat daerah Pemerintah Kota Dasbor" in teks and "Dinas A" in teks
    # A listing's OPD choice names the Pemda of each OPD: two "Dinas A" stay apart.
    OPDFactory(pemda=lain, nama="Dinas A", singkatan="DINA", slug="dinas-a-lain")
    html = _get(client, root, "/kinerja/realisasi/").content.decode()
    assert ">Dinas A (Pemerintah Kota Dasbor)</option>" in html
    assert ">Dinas A (Pemerintah Kabupaten Lain)</option>" in html
