"""Every form the app renders for the demo, sent back unchanged, is accepted (issue 12,
item 1: "every number the app prints into a form, it reads back"; the target form used to
pre-fill "3.636" and then refuse it).

Each entry of FORMULIR opens the pages of one kind of form as its user, sends every form
back as the browser would and returns the refusals it met. A new form (the pagu grid of
the perencana, for one) adds an entry here: a function taking (client, dunia) and
returning a list of (address, status, text) refusals."""

import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse

from anggaran import services as realisasi_anggaran
from anggaran.models import Pagu
from kinerja import services as kinerja_services
from kinerja.models import Aksi, RencanaAksi
from laporan import services as laporan_services
from renstra import demo, lingkup
from renstra.models import (
    Indikator,
    LevelKategori,
    PerangkatDaerah,
    SubKegiatan,
    TargetTahunan,
    TriwulanPelaporan,
)
from sakip import angka as fmt
from tests.formulir.baca_html import formulir, sebagai_post

HX = {"HTTP_HX_REQUEST": "true"}
TAHUN, TRIWULAN = demo.DEMO_TRIWULAN


@pytest.fixture
def dunia(seed_data, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    opd = PerangkatDaerah.objects.select_related("pemda").get(slug=demo.DEMO_OPD_SLUG)
    users = demo.create_demo_users(opd)
    TriwulanPelaporan.objects.get_or_create(opd=opd, tahun=TAHUN, triwulan=TRIWULAN)
    return SimpleNamespace(opd=opd, users=users)


def _ditolak(response, url):
    body = response.content.decode()
    salah = ("is-invalid", "invalid-feedback", "alert-danger", "errorlist")
    if response.status_code >= 400 or any(tanda in body for tanda in salah):
        pesan = re.findall(r'(?:invalid-feedback[^>]*|role="alert")>([^<]+)<', body)
        return [(url, response.status_code, pesan or body[:400])]
    return []


def _kirim_ulang_halaman(client, url, pilih=lambda f: True, **extra):
    """GET a page, send each chosen form back unchanged to its own address."""
    page = client.get(url)
    assert page.status_code == 200, url
    refused = []
    for f in formulir(page.content.decode()):
        if not pilih(f):
            continue
        action = f["attrs"].get("action") or url
        response = client.post(action, sebagai_post(f["data"]), follow=True, **extra)
        refused += _ditolak(response, action)
    return refused


def targets(client, d):
    client.force_login(d.users["perencana"])
    refused = []
    for tahun in (2021, TAHUN):
        before = {
            t.pk: (t.nilai, t.level_id, t.teks)
            for t in TargetTahunan.objects.filter(indikator__periode__opd=d.opd, tahun=tahun)
        }
        url = reverse("laporan:target_ubah", args=[d.opd.slug, tahun])
        refused += _kirim_ulang_halaman(client, url, lambda f: "t-" in str(f["data"]))
        after = {
            t.pk: (t.nilai, t.level_id, t.teks)
            for t in TargetTahunan.objects.filter(indikator__periode__opd=d.opd, tahun=tahun)
        }
        assert after == before, f"targets {tahun} changed by an unchanged save"
    return refused


def pk(client, d):
    client.force_login(d.users["perencana"])
    url = reverse("laporan:pk_ubah", args=[d.opd.slug, TAHUN])
    return _kirim_ulang_halaman(client, url, lambda f: f["attrs"].get("method") == "post")


def rencana_aksi(client, d):
    client.force_login(d.users["perencana"])
    refused = []
    for ra in RencanaAksi.objects.filter(unit__opd=d.opd, tahun=TAHUN).select_related("unit"):
        url = reverse("laporan:rencana_aksi_ubah", args=[d.opd.slug, TAHUN, ra.unit.slug])
        refused += _kirim_ulang_halaman(client, url, lambda f: ("bagian", "kepala") in f["data"])
        for aksi in Aksi.objects.filter(rencana_aksi=ra):
            a_url = reverse("laporan:aksi_ubah", args=[d.opd.slug, TAHUN, ra.unit.slug, aksi.pk])
            row = client.get(a_url, **HX).content.decode()
            data = formulir(f"<form>{row}</form>")[0]["data"]
            refused += _ditolak(client.post(a_url, sebagai_post(data), **HX), a_url)
    assert Aksi.objects.filter(rencana_aksi__unit__opd=d.opd, rencana_aksi__tahun=TAHUN).exists()
    return refused


def baris_entri(client, d):
    """The operator's entry rows, after a quarter's values were saved: figures with
    thousands and decimals, ratios, category levels."""
    operator = d.users["operator"]
    periode = lingkup.periode_untuk(d.opd.pk, TAHUN)
    for ind in lingkup.indikator_unit(operator.unit_id).filter(periode=periode):
        kw = {"nilai": "1.250" if fmt.satuan_bulat(ind.satuan) else "1.250,75"}
        if ind.tipe == Indikator.Tipe.RASIO:
            kw = {"pembilang": "1.277", "penyebut": "1.816"}
        elif ind.tipe == Indikator.Tipe.KATEGORI:
            kw = {"level": LevelKategori.objects.filter(skala=ind.skala).first()}
        kinerja_services.realisasi_simpan(
            user=operator, indikator=ind, tahun=TAHUN, triwulan=TRIWULAN, versi=0, **kw
        )
    for sub in SubKegiatan.objects.filter(unit=operator.unit, periode=periode):
        pagu = realisasi_anggaran.pagu_berlaku(sub_kegiatan=sub, tahun=TAHUN, triwulan=TRIWULAN)
        if pagu is not None and pagu.jumlah >= 1_250_000:
            realisasi_anggaran.realisasi_anggaran_simpan(
                user=operator,
                sub_kegiatan=sub,
                tahun=TAHUN,
                triwulan=TRIWULAN,
                jumlah="1.250.000",
                versi=0,
            )
    client.force_login(operator)
    page = client.get(reverse("kinerja:entri"))
    refused = []
    # Row forms of indicators and, when the year has a pagu, of sub kegiatan budgets.
    baris = re.compile(r"/entri/\d+/\d+/(indikator|sub-kegiatan)/\d+/$")
    entri = [
        f
        for f in formulir(page.content.decode())
        if baris.search(f["attrs"].get("hx-post", ""))
        # A budget row of a sub kegiatan without pagu stays empty: nothing to send back.
        and dict(f["data"]).get("jumlah", "x")
    ]
    assert entri, "the entry sheet renders row forms"
    for f in entri:
        url = f["attrs"]["hx-post"]
        refused += _ditolak(client.post(url, sebagai_post(f["data"]), **HX), url)
    return refused


def pagu_grid(client, d):
    """The perencana's pagu grid of every year with a pagu: sent back unchanged, it is
    accepted and writes nothing (no history row)."""
    client.force_login(d.users["perencana"])
    refused = []
    for tahun in (2020, 2023, TAHUN):
        before = list(Pagu.history.filter(sub_kegiatan__periode__opd=d.opd).values_list("pk"))
        url = reverse("anggaran:pagu_grid", args=[d.opd.slug, tahun])
        refused += _kirim_ulang_halaman(client, url, lambda f: f["attrs"].get("id") == "form-pagu")
        after = list(Pagu.history.filter(sub_kegiatan__periode__opd=d.opd).values_list("pk"))
        assert after == before, f"pagu {tahun} changed by an unchanged save"
    return refused


FORMULIR = [
    ("target", targets),
    ("pk", pk),
    ("rencana_aksi", rencana_aksi),
    ("entri", baris_entri),
    ("pagu", pagu_grid),
]


@pytest.mark.parametrize("fungsi", [f for _, f in FORMULIR], ids=[n for n, _ in FORMULIR])
def test_every_form_of_the_demo_sent_back_unchanged_is_accepted(client, dunia, fungsi):
    refused = fungsi(client, dunia)
    assert not refused, refused[:3]


def test_the_target_form_prints_thousands_that_read_back(client, dunia):
    periode = lingkup.periode_untuk(dunia.opd.pk, TAHUN)
    ind = (
        Indikator.objects.filter(periode=periode)
        .exclude(tipe__in=[Indikator.Tipe.RASIO, Indikator.Tipe.KATEGORI])
        .first()
    )
    laporan_services.target_tahunan_set(indikator=ind, tahun=TAHUN, nilai=Decimal("3636"))
    client.force_login(dunia.users["perencana"])
    page = client.get(reverse("laporan:target_ubah", args=[dunia.opd.slug, TAHUN]))
    assert f'name="t-{ind.pk}-tahunan" value="3.636"' in page.content.decode()
    assert not targets(client, dunia)
    assert TargetTahunan.objects.get(indikator=ind, tahun=TAHUN).nilai == Decimal("3636")
