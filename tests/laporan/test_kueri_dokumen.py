"""Every document page and its PDF cost a fixed number of queries, pinned here, the same for
a small plan and one four times larger with three times the units (DESIGN section 5; STYLE
rule 8); the LKjIP runs the engine once for its four quarters and once for the year before."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja import selectors as kinerja_selectors
from kinerja.models import Aksi, RencanaAksi
from laporan import pdf, selectors, services
from laporan.models import AnalisisIndikator, LaporanKinerja, PenandatanganDokumen
from renstra.models import Indikator, Pejabat, Program, SubKegiatan, TriwulanPelaporan, UnitKerja
from tests.builders import build_opd
from tests.builders_pohon import build_pohon

pytestmark = pytest.mark.django_db

# Queries of the page (HTML) and of its PDF download; the PDF adds the issue of its
# verification record. Before the read model was shared (issue 1 of 9) the LKjIP page cost
# 112 queries and the Rencana Aksi grew by about seven per unit. Issue 14 added one query
# to each page (the signatories: the OPD's heads, or the year's PenandatanganDokumen) and
# one to each PDF (the draft already stored for the same fingerprint); issue 16 one to the
# PK page and its LKjIP annex (the eselon III PKs the OPD's PK rests on); issue 11 one per
# quarter roll-up (the budget of indicators that name their serving programs); the LKjIP's
# lampiran eleven (the T-C.27 matrix of the period, a fixed number whatever the plan's size,
# and the uploaded attachments). Issue 15 item 5: the LKjIP's four quarters in one engine
# pass (indicators, targets, realisations and sasaran read once, each budget level one query
# annotated per quarter) took it from 91 queries to 49 (48 since a final PK's list of the PKs it rests on is
# frozen in its snapshot).
# A final PK reads the PKs it rests on from its snapshot
# (no query; a draft one query), and the cascading one more (the RPJMD period of the year).
# The PDF of issue 15 is a queued job: the count is the request (build, look for the stored
# file, record the job) plus the job itself, which the tests run inside the request
# (CELERY_TASK_ALWAYS_EAGER): it builds the document again from the job's names, issues it
# and records the job's progress and end (six writes to the job row).
KUERI = {
    "pk": (9, 34),
    "rencana_aksi": (17, 48),
    "pengukuran": (28, 70),
    "lkjip": (48, 110),
    "iku": (13, 40),
    "cascading": (28, 70),
}
# The cascading built from the pohon kinerja (issue 16): the tree's read model (nodes,
# crosscutting links, indicator rows, yearly targets, the IKU Kota and the budget roll-up
# the total is read from, the IKU Kota each sasaran names) instead of the plan's own grouping.
KUERI_CASCADING_POHON = (34, 82)  # the PDF as a job, as above


def lengkapi(rencana, *, n_unit):
    """Give a built OPD what a working year has: a head of the OPD and of the region,
    `n_unit` units sharing its sub-kegiatan, a final PK, an LKjIP narrative with an
    analysis of every IKU, a Rencana Aksi per unit with an action per sub-kegiatan, and TW I
    closed."""
    opd, tahun = rencana.opd, rencana.tahun
    opd.pemda.ibukota = "Kota Bangun"
    opd.pemda.save(update_fields=["ibukota"])
    kepala = Pejabat.objects.create(
        pemda=opd.pemda, opd=opd, nama="KEPALA BANGUN", nip="1", jabatan="Kepala", is_kepala=True
    )
    walikota = Pejabat.objects.create(
        pemda=opd.pemda, nama="WALI BANGUN", jabatan="Wali Kota", is_kepala_daerah=True
    )
    existing = list(UnitKerja.objects.filter(opd=opd))
    units = existing + UnitKerja.objects.bulk_create(
        UnitKerja(opd=opd, nama=f"Bidang {i}", slug=f"bidang-{i}", urutan=i)
        for i in range(len(existing) + 1, n_unit + 1)
    )
    subs = list(SubKegiatan.objects.filter(periode=rencana.periode).order_by("kode"))
    for i, sub in enumerate(subs):
        sub.unit = units[i % n_unit]
    SubKegiatan.objects.bulk_update(subs, ["unit"])
    iku = list(Indikator.objects.filter(periode=rencana.periode, sasaran__isnull=False))
    pk = services.pk_create(
        opd=opd,
        tahun=tahun,
        tempat="Kota Bangun",
        tanggal=datetime.date(tahun, 1, 4),
        pihak_pertama=kepala,
        pihak_kedua=walikota,
        indikator_list=iku,
        program_list=list(Program.objects.filter(periode=rencana.periode)),
    )
    services.pk_finalize(pk=pk)
    laporan = LaporanKinerja.objects.create(opd=opd, tahun=tahun, kata_pengantar="Pengantar.")
    AnalisisIndikator.objects.bulk_create(
        AnalisisIndikator(
            laporan=laporan,
            indikator=ind,
            analisis_penyebab="Penyebab.",
            realisasi_nasional=Decimal("75.5"),
        )
        for ind in iku
    )
    ras = {
        u.pk: RencanaAksi.objects.create(unit=u, tahun=tahun, penandatangan=kepala) for u in units
    }
    Aksi.objects.bulk_create(
        Aksi(
            rencana_aksi=ras[sub.unit_id],
            sub_kegiatan=sub,
            uraian=f"Aksi {sub.kode}",
            volume=Decimal(12),
            satuan_volume="paket",
            tw1=True,
            tw3=True,
        )
        for sub in subs
    )
    TriwulanPelaporan.objects.create(
        opd=opd, tahun=tahun, triwulan=1, status=TriwulanPelaporan.Status.TUTUP
    )
    return rencana


@pytest.fixture(scope="module")
def dunia(django_db_setup, django_db_blocker):
    """Two worlds built once per module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            kecil = lengkapi(build_opd(kali=1), n_unit=2)
            besar = lengkapi(build_opd(kali=4), n_unit=6)
            yield kecil, besar
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def tanpa_weasyprint(monkeypatch):
    """Layout is WeasyPrint's work and costs no query; a stub keeps this module fast."""
    monkeypatch.setattr(
        pdf, "html_to_pdf", lambda html, base_url=None: pdf.RenderedPdf(b"%PDF-1.7 uji", 1)
    )


def _url(nama, rencana, *, ekstensi=""):
    args = [rencana.opd.slug, rencana.tahun]
    if nama == "pengukuran":
        args.append(2)
    return reverse(f"laporan:{nama}{ekstensi}", args=args)


def _kueri(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx), response


@pytest.mark.parametrize("nama", list(KUERI))
def test_document_page_and_pdf_cost_a_pinned_number_of_queries_at_both_plan_sizes(
    admin_client, dunia, tanpa_weasyprint, nama
):
    kecil, besar = dunia
    assert besar.counts["indikator"] > 3 * kecil.counts["indikator"]
    admin_client.get(_url(nama, kecil))  # session and user caches, as on any later page
    html_kecil, _ = _kueri(admin_client, _url(nama, kecil))
    html_besar, response = _kueri(admin_client, _url(nama, besar))
    pdf_kecil, _ = _kueri(admin_client, _url(nama, kecil, ekstensi="_pdf"))
    pdf_besar, _ = _kueri(admin_client, _url(nama, besar, ekstensi="_pdf"))
    assert (html_kecil, pdf_kecil) == KUERI[nama]
    assert (html_besar, pdf_besar) == KUERI[nama]
    assert besar.opd.nama in response.content.decode()


def test_the_cascading_from_the_tree_costs_the_same_at_both_sizes(
    admin_client, dunia, tanpa_weasyprint
):
    kecil, besar = dunia
    for rencana in dunia:
        build_pohon(rencana)
    admin_client.get(_url("cascading", kecil))
    html_kecil, _ = _kueri(admin_client, _url("cascading", kecil))
    html_besar, response = _kueri(admin_client, _url("cascading", besar))
    pdf_kecil, _ = _kueri(admin_client, _url("cascading", kecil, ekstensi="_pdf"))
    pdf_besar, _ = _kueri(admin_client, _url("cascading", besar, ekstensi="_pdf"))
    assert (html_kecil, pdf_kecil) == (html_besar, pdf_besar) == KUERI_CASCADING_POHON
    doc = selectors.build_document("cascading", besar.opd, besar.tahun)
    assert (
        doc["dari_pohon"]
        and len(doc["pohon"])
        > 3 * len(selectors.build_document("cascading", kecil.opd, kecil.tahun)["pohon"]) / 2
    )
    assert "Persentase penduduk miskin" in response.content.decode()


def test_rencana_aksi_of_six_units_costs_what_two_units_cost(admin_client, dunia):
    kecil, besar = dunia
    doc_kecil = selectors.build_document("rencana-aksi", kecil.opd, kecil.tahun)
    doc_besar = selectors.build_document("rencana-aksi", besar.opd, besar.tahun)
    assert (len(doc_kecil["sections"]), len(doc_besar["sections"])) == (2, 6)
    assert all(s["rows"] and s["rows"][0]["aksi"] for s in doc_besar["sections"])


def test_lkjip_runs_the_engine_once_for_its_four_quarters_and_once_for_the_year_before(
    dunia, monkeypatch
):
    kecil, _ = dunia
    calls = []
    capaian_opd, indikator_rows = (
        kinerja_selectors.capaian_opd_triwulan,
        kinerja_selectors.indikator_rows,
    )

    def hitung_capaian(opd, tahun, triwulan_list, **kwargs):
        calls.append(("capaian_opd_triwulan", tahun, tuple(triwulan_list)))
        return capaian_opd(opd, tahun, triwulan_list, **kwargs)

    def hitung_indikator(opd, tahun, triwulan=4, **kwargs):
        calls.append(("indikator_rows", tahun, triwulan))
        return indikator_rows(opd, tahun, triwulan, **kwargs)

    monkeypatch.setattr(kinerja_selectors, "capaian_opd_triwulan", hitung_capaian)
    monkeypatch.setattr(kinerja_selectors, "indikator_rows", hitung_indikator)
    # A closed quarter whose date is set is final (an undated one stays a draft).
    PenandatanganDokumen.objects.create(
        opd=kecil.opd,
        jenis="pengukuran",
        tahun=kecil.tahun,
        triwulan=1,
        tempat="Probolinggo",
        tanggal=datetime.date(kecil.tahun, 4, 3),
    )
    doc = selectors.build_document("lkjip", kecil.opd, kecil.tahun)
    tahun = kecil.tahun
    assert sorted(calls) == sorted(
        [("capaian_opd_triwulan", tahun, (1, 2, 3, 4)), ("indikator_rows", tahun - 1, 4)]
    )
    # The fourth annex is the TW IV measurement of the same roll-up as the tables.
    assert [p["triwulan"] for p in doc["pengukuran"]] == [1, 2, 3, 4]
    assert doc["pengukuran"][3]["total_pagu"] == doc["total_pagu"]
    assert doc["pengukuran"][0]["is_final"] and not doc["pengukuran"][1]["is_final"]
    # Each annex of a draft is the Pengukuran of its quarter printed on its own while that
    # quarter is open (a closed quarter's own Pengukuran is final and may count fewer rows).
    for annex in doc["pengukuran"][1:]:
        sendiri = selectors.build_document(
            "pengukuran", kecil.opd, tahun, triwulan=annex["triwulan"]
        )
        assert annex["blocks"] == sendiri["blocks"]
        assert (annex["total_pagu"], annex["total_realisasi"], annex["dpa"]) == (
            sendiri["total_pagu"],
            sendiri["total_realisasi"],
            sendiri["dpa"],
        )


def test_four_quarters_in_one_pass_are_the_four_quarters_one_by_one(dunia):
    """capaian_opd_triwulan reads once what each quarter reads; the figures are those of the
    quarter computed alone."""
    kecil, _ = dunia
    semua = kinerja_selectors.capaian_opd_triwulan(kecil.opd, kecil.tahun, (1, 2, 3, 4))
    for tw in (1, 2, 3, 4):
        sendiri = kinerja_selectors.capaian_opd(kecil.opd, kecil.tahun, tw)
        assert semua[tw].anggaran == sendiri.anggaran
        assert semua[tw].indikator == sendiri.indikator
        assert semua[tw].sasaran == sendiri.sasaran
        assert (semua[tw].capaian_rata, semua[tw].predikat) == (
            sendiri.capaian_rata,
            sendiri.predikat,
        )
