"""Issue 11 items 1–3 through the application: a Pemda admin builds a predicate scale with
a gap and nothing above 100% in the Django admin, chooses it, caps capaian at 100 with the
uncapped figure shown too and the efficiency index with a ceiling; an operator enters the
realisations on the entry sheet; the Pengukuran and LKjIP pages, their PDF text and the
LKjIP XLSX print the capped figures, the predicates of that scale ("di luar skala" in the
gap), the scale once as a table, and the index with three decimals."""

import io
import re
from decimal import Decimal as D
from html import unescape

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from renstra.models import Pemda, SkalaPredikat, TingkatPredikat
from sakip import roles
from sakip.alur import RealisasiDihitung
from tests import factories as f
from tests.laporan.conftest import read_pdf

pytestmark = pytest.mark.django_db

TAHUN, TW = 2025, 4
HX = {"HTTP_HX_REQUEST": "true"}

# uraian, polaritas, target, realisation; the capaian and predicate the documents print.
INDIKATOR = [
    # 100 / 80 = 125% -> capped 100 ("> 89% – 100%": Sangat Baik)
    ("Persentase aduan selesai [A]", "positif", "80", "100", "100,00%", "Sangat Baik"),
    # (2 × 10 − 8) / 10 = 120% -> capped 100
    ("Jumlah kasus kekerasan [B]", "negatif", "10", "8", "100,00%", "Sangat Baik"),
    # 85%: in the gap between 80 and 89
    ("Persentase layanan tepat waktu [C]", "positif", "100", "85", "85,00%", "di luar skala"),
    # 50%: 40% ≤ x < 60%
    ("Persentase pelatihan tuntas [D]", "positif", "100", "50", "50,00%", "Cukup"),
]


@pytest.fixture
def dunia():
    opd = f.OPDFactory(slug="dinas-skala", nama="Dinas Uji Skala")
    unit = f.UnitFactory(opd=opd, nama="Bidang Skala")
    periode = f.PeriodeFactory(opd=opd, tahun_awal=2021, tahun_akhir=2026)
    sasaran = f.SasaranFactory(tujuan=f.TujuanFactory(periode=periode), uraian="Sasaran skala")
    program = f.ProgramFactory(sasaran=sasaran, periode=periode, kode="1.06.01")
    kegiatan = f.KegiatanFactory(program=program, kode="1.06.01.2.01")
    sub = f.SubKegiatanFactory(kegiatan=kegiatan, kode="1.06.01.2.01.0001", unit=unit)
    indikator = {}
    for urutan, (uraian, polaritas, target, *_) in enumerate(INDIKATOR):
        ind = f.IndikatorFactory(
            sasaran=sasaran,
            uraian=uraian,
            polaritas=polaritas,
            satuan="%" if polaritas == "positif" else "kasus",
            tipe="persentase" if polaritas == "positif" else "angka",
            agregasi="terakhir",
            urutan=urutan,
            is_iku=True,
        )
        ind.unit_penanggung_jawab.add(unit)
        f.TargetTahunanFactory(indikator=ind, tahun=TAHUN, nilai=D(target))
        indikator[uraian] = ind
    f.PaguFactory(sub_kegiatan=sub, tahun=TAHUN, berlaku_mulai=1, jumlah=D(100_000_000))
    f.TriwulanPelaporanFactory(opd=opd, tahun=TAHUN, triwulan=TW)
    pemda = opd.pemda
    admin = f.PenggunaFactory(role=roles.ADMIN, pemda=pemda, is_staff=True, is_superuser=True)
    users = {
        "admin": admin,
        "operator": f.PenggunaFactory(role=roles.OPERATOR, pemda=pemda, opd=opd, unit=unit),
        "kadis": f.PenggunaFactory(role=roles.KEPALA_DINAS, pemda=pemda, opd=opd),
    }
    return {"opd": opd, "pemda": pemda, "sub": sub, "indikator": indikator, "users": users}


def _bands(rows):
    """The admin inline formset of TingkatPredikat for `rows` of (bawah, ≥?, atas, ≤?, label)."""
    data = {
        "tingkat_set-TOTAL_FORMS": str(len(rows)),
        "tingkat_set-INITIAL_FORMS": "0",
        "tingkat_set-MIN_NUM_FORMS": "0",
        "tingkat_set-MAX_NUM_FORMS": "1000",
    }
    for i, (bawah, bawah_inklusif, atas, atas_inklusif, label) in enumerate(rows):
        data.update(
            {
                f"tingkat_set-{i}-batas_bawah": bawah,
                f"tingkat_set-{i}-batas_atas": atas,
                f"tingkat_set-{i}-label": label,
                f"tingkat_set-{i}-warna": "#198754",
            }
        )
        if bawah_inklusif:
            data[f"tingkat_set-{i}-bawah_inklusif"] = "on"
        if atas_inklusif:
            data[f"tingkat_set-{i}-atas_inklusif"] = "on"
    return data


SKALA = [
    ("89", False, "100", True, "Sangat Baik"),
    ("60", True, "80", True, "Baik"),
    ("40", True, "60", False, "Cukup"),
    ("", True, "40", False, "Kurang"),
]


def _bangun_pengaturan(client, dunia):
    """What the Pemda admin does in the Django admin: the scale, then the Pemda's settings."""
    client.force_login(dunia["users"]["admin"])
    pemda = dunia["pemda"]
    response = client.post(
        reverse("admin:renstra_skalapredikat_add"),
        {"nama": "Skala uji berceleh", "pemda": str(pemda.pk), **_bands(SKALA)},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    skala = SkalaPredikat.objects.get(nama="Skala uji berceleh")
    response = client.post(
        reverse("admin:renstra_pemda_change", args=[pemda.pk]),
        {
            "nama": pemda.nama,
            "slug": pemda.slug,
            "jenis": pemda.jenis,
            "ibukota": "Uji",
            "jabatan_kepala_daerah": "Wali Kota",
            "skala_predikat": str(skala.pk),
            "rumus_negatif": "selisih",
            "batas_capaian": "100",
            "tampilkan_capaian_tanpa_batas": "on",
            "konvensi_efisiensi": "indeks",
            "batas_atas_efisien": "1,2",  # the admin reads the Indonesian comma
            "realisasi_dihitung": RealisasiDihitung.FINAL_TERVERIFIKASI,
            "label_efisien": "Efisien",
            "label_tidak_efisien": "Belum efisien",
            "label_di_atas_batas": "Perlu ditinjau perencanaannya",
        },
    )
    errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    assert response.status_code == 302, errors
    return skala


def _isi_realisasi(client, dunia):
    """What the operator does on the entry sheet: one value per indicator and the budget."""
    client.force_login(dunia["users"]["operator"])
    for uraian, _, _, realisasi, *_ in INDIKATOR:
        ind = dunia["indikator"][uraian]
        url = reverse("kinerja:realisasi_simpan", args=[TAHUN, TW, ind.pk])
        response = client.post(url, {"nilai": realisasi, "versi": 0}, **HX)
        assert response.status_code == 200, response.content.decode()[:1000]
    url = reverse("kinerja:realisasi_anggaran_simpan", args=[TAHUN, TW, dunia["sub"].pk])
    response = client.post(url, {"jumlah": "80.000.000", "versi": 0}, **HX)
    assert response.status_code == 200, response.content.decode()[:1000]


def _teks(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content


def test_overlapping_bands_are_refused_in_the_admin_and_nothing_is_saved(client, dunia):
    client.force_login(dunia["users"]["admin"])
    bertumpuk = [("60", True, "80", True, "Baik"), ("80", True, "", False, "Sangat Baik")]
    response = client.post(
        reverse("admin:renstra_skalapredikat_add"),
        {"nama": "Skala bertumpuk", "pemda": str(dunia["pemda"].pk), **_bands(bertumpuk)},
    )
    assert response.status_code == 200
    assert "bertumpuk" in response.content.decode()
    assert not SkalaPredikat.objects.filter(nama="Skala bertumpuk").exists()
    assert not TingkatPredikat.objects.filter(label="Baik").exists()


def test_a_band_with_its_upper_bound_below_the_lower_is_refused(client, dunia):
    client.force_login(dunia["users"]["admin"])
    response = client.post(
        reverse("admin:renstra_skalapredikat_add"),
        {"nama": "Skala terbalik", "pemda": "", **_bands([("80", True, "60", True, "Baik")])},
    )
    assert response.status_code == 200
    assert "Batas atas harus lebih besar daripada batas bawah." in response.content.decode()
    assert not SkalaPredikat.objects.filter(nama="Skala terbalik").exists()


def test_a_pemda_cannot_choose_another_pemdas_scale(client, dunia):
    lain = SkalaPredikat.objects.create(pemda=f.PemdaFactory(), nama="Skala pemda lain")
    pemda = Pemda.objects.get(pk=dunia["pemda"].pk)
    pemda.skala_predikat = lain
    with pytest.raises(Exception, match="milik pemerintah daerah lain"):
        pemda.full_clean()


def test_scale_with_gaps_and_cap_built_in_the_admin_print_on_every_document(client, dunia):
    _bangun_pengaturan(client, dunia)
    _isi_realisasi(client, dunia)
    lembar = _teks(_get(client, reverse("kinerja:entri_triwulan", args=[TAHUN, TW])).decode())
    assert "100,00% Sangat Baik sebelum dibatasi 125,00%" in lembar  # the dense row
    assert "85,00% di luar skala" in lembar
    opd = dunia["opd"].slug
    client.force_login(dunia["users"]["kadis"])

    pengukuran = _teks(_get(client, reverse("laporan:pengukuran", args=[opd, TAHUN, TW])).decode())
    lkjip_html = _get(client, reverse("laporan:lkjip", args=[opd, TAHUN])).decode()
    lkjip = _teks(lkjip_html)
    _, lkjip_pdf = read_pdf(_get(client, reverse("laporan:lkjip_pdf", args=[opd, TAHUN])))
    _, pengukuran_pdf = read_pdf(
        _get(client, reverse("laporan:pengukuran_pdf", args=[opd, TAHUN, TW]))
    )

    for uraian, _, _, _, capaian, predikat in INDIKATOR:
        # Table 3.1.x.A of the LKjIP: the capped figure, then this scale's predicate.
        assert re.search(re.escape(uraian) + r".{0,80}?" + re.escape(capaian), lkjip), uraian
        for teks in (lkjip, lkjip_pdf):
            assert re.search(
                re.escape(capaian) + r"( \(sebelum dibatasi [\d,]+%\))? " + re.escape(predikat),
                teks,
            ), (uraian, predikat)
    for teks in (pengukuran, pengukuran_pdf, lkjip, lkjip_pdf):
        # The uncapped figures are shown beside the capped ones, as the Pemda asked.
        assert "(sebelum dibatasi 125,00" in teks
        assert "(sebelum dibatasi 120,00" in teks
        assert "125,00 " not in teks.replace("(sebelum dibatasi 125,00", "")
    for teks in (lkjip, lkjip_pdf):
        # The scale is printed once, as a table with both bounds, and the Permendagri one
        # nowhere.
        assert teks.count("60% ≤ x ≤ 80%") == 1
        assert "89% < x ≤ 100%" in teks
        assert "< 40%" in teks
        assert "Sangat Tinggi" not in teks
        # Table 3.1.x.G: index = capaian / penyerapan (80%), three decimals, the Pemda's labels.
        # The PDF hyphenates long words in narrow header cells ("EFI-SIENSI").
        assert "INDEKS EFISIENSI" in re.sub(r"(?<=[A-Z])[-\u2010]\s+(?=[A-Z])", "", teks)
        rapat = "".join(
            teks.replace("\u2010", "").split()
        )  # a narrow PDF column breaks the long label
        assert "1,2500,250Perluditinjauperencanaannya" in rapat  # 100 / 80
        assert "1,0630,063Efisien" in rapat  # 85 / 80 = 1,0625
        assert "0,625-0,375Belumefisien" in rapat  # 50 / 80

    wb = load_workbook(io.BytesIO(_get(client, reverse("laporan:lkjip_xlsx", args=[opd, TAHUN]))))
    ws = wb["Capaian Sasaran"]
    rows = list(ws.iter_rows(values_only=True))
    header_index = next(i for i, r in enumerate(rows) if r and "Capaian (%)" in r)
    header = rows[header_index]
    for title in (
        "Capaian sebelum dibatasi (%)",
        "Indeks Efisiensi",
        "Tingkat Efisiensi",
        "Keterangan Efisiensi",
    ):
        assert title in header
    assert "Efisiensi (%)" not in header
    col = {title: header.index(title) for title in header if title}
    data = {r[col["Indikator"]]: r for r in rows[header_index + 1 :] if r[col["Indikator"]]}
    a = data["Persentase aduan selesai [A]"]
    assert a[col["Capaian (%)"]] == 100
    assert a[col["Capaian sebelum dibatasi (%)"]] == 125
    assert a[col["Predikat"]] == "Sangat Baik"
    assert a[col["Indeks Efisiensi"]] == D("1.25")
    assert a[col["Keterangan Efisiensi"]] == "Perlu ditinjau perencanaannya"
    c = data["Persentase layanan tepat waktu [C]"]
    assert c[col["Predikat"]] == "di luar skala"
    assert round(c[col["Indeks Efisiensi"]], 4) == D("1.0625")
    baris_a = next(
        i
        for i, r in enumerate(rows, start=1)
        if r[col["Indikator"]] == "Persentase aduan selesai [A]"
    )
    assert ws.cell(row=baris_a, column=col["Indeks Efisiensi"] + 1).number_format == "0.000"
    assert ws.cell(row=baris_a, column=col["Tingkat Efisiensi"] + 1).number_format == "0.000"
