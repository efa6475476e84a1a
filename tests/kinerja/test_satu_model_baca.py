"""One read model (issue "[1 of 9]", item 2): for one world holding count and percentage
indicators summed, taken last and averaged over the quarters, the entry sheet, the
indicator listing, the realisation listing, the OPD dashboard and the `capaian` command
show the same value to date and capaian; and every budget surface shows the same pagu in
force, realisation to date and penyerapan after a mid-year revision of the pagu."""

import re
from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from kinerja import selectors
from renstra.models import Indikator, Pemda, SkalaPredikat, TingkatPredikat
from sakip import angka as fmt
from sakip import roles
from tests import factories as f

pytestmark = pytest.mark.django_db

TAHUN, TW = 2025, 2

# uraian, tipe, satuan, agregasi, yearly target, TW I, TW II, expected to date, capaian
INDIKATOR = [
    ("Jumlah peserta pelatihan", "angka", "orang", "kumulatif", 200, 30, 47, "77", "38,50%"),
    ("Jumlah kunjungan per bulan", "angka", "kali", "rata_rata", 20, 10, 15, "12,5", "62,50%"),
    (
        "Persentase aduan selesai",
        "persentase",
        "%",
        "terakhir",
        80,
        "61.5",
        "70.25",
        "70,25",
        "87,81%",
    ),
    (
        "Persentase layanan tepat waktu",
        "persentase",
        "%",
        "rata_rata",
        90,
        64,
        71,
        "67,5",
        "75,00%",
    ),
]


@pytest.fixture
def dunia():
    opd = f.OPDFactory(slug="dinas-satu-model", nama="Dinas Satu Model")
    unit = f.UnitFactory(opd=opd, nama="Bidang Satu")
    periode = f.PeriodeFactory(opd=opd)
    sasaran = f.SasaranFactory(tujuan=f.TujuanFactory(periode=periode), uraian="Sasaran uji")
    program = f.ProgramFactory(sasaran=sasaran, periode=periode, kode="1.06.01")
    kegiatan = f.KegiatanFactory(program=program, kode="1.06.01.2.01")
    sub = f.SubKegiatanFactory(kegiatan=kegiatan, kode="1.06.01.2.01.0001", unit=unit)
    indikator = {}
    for urutan, (uraian, tipe, satuan, agregasi, target, tw1, tw2, *_) in enumerate(INDIKATOR):
        ind = f.IndikatorFactory(
            sasaran=sasaran,
            uraian=uraian,
            tipe=tipe,
            satuan=satuan,
            agregasi=agregasi,
            urutan=urutan,
        )
        ind.unit_penanggung_jawab.add(unit)
        f.TargetTahunanFactory(indikator=ind, tahun=TAHUN, nilai=D(target))
        f.RealisasiFactory(indikator=ind, tahun=TAHUN, triwulan=1, nilai=D(tw1))
        f.RealisasiFactory(indikator=ind, tahun=TAHUN, triwulan=2, nilai=D(tw2))
        indikator[uraian] = ind
    # A Rencana Aksi target for TW II: the capaian shown stays against the year's target,
    # the one against the quarter's (77 / 100) is shown beside it where a page has room.
    f.TargetTriwulanFactory(
        indikator=indikator["Jumlah peserta pelatihan"], tahun=TAHUN, triwulan=TW, nilai=D(100)
    )
    # Pagu murni Rp 100 jt, APBD Perubahan Rp 80 jt from TW II; spent 10 jt + 30 jt.
    f.PaguFactory(sub_kegiatan=sub, tahun=TAHUN, berlaku_mulai=1, jumlah=D(100_000_000))
    f.PaguFactory(
        sub_kegiatan=sub, tahun=TAHUN, berlaku_mulai=2, jenis="perubahan", jumlah=D(80_000_000)
    )
    f.RealisasiAnggaranFactory(sub_kegiatan=sub, tahun=TAHUN, triwulan=1, jumlah=D(10_000_000))
    f.RealisasiAnggaranFactory(sub_kegiatan=sub, tahun=TAHUN, triwulan=2, jumlah=D(30_000_000))
    f.TriwulanPelaporanFactory(opd=opd, tahun=TAHUN, triwulan=TW)
    pemda = opd.pemda
    users = {
        "operator": f.PenggunaFactory(role=roles.OPERATOR, pemda=pemda, opd=opd, unit=unit),
        "perencana": f.PenggunaFactory(role=roles.PERENCANA, pemda=pemda, opd=opd),
        "kadis": f.PenggunaFactory(role=roles.KEPALA_DINAS, pemda=pemda, opd=opd),
    }
    return {"opd": opd, "unit": unit, "sub": sub, "indikator": indikator, "users": users}


def _html(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _teks(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _baris_tabel(html, uraian):
    """The text of the table row (<tr>) that names `uraian`."""
    for tr in re.findall(r"<tr.*?</tr>", html, flags=re.S):
        if uraian in tr:
            return _teks(tr)
    raise AssertionError(f"no row for {uraian}")


def _baris_lembar(html, indikator, mentah=False):
    """The text of an indicator's row on the entry sheet."""
    start = html.index(f'id="ind-{indikator.pk}"')
    end = html.find('<div class="entri-row', start)
    html = html[start : end if end != -1 else None]
    return html if mentah else _teks(html)


def _perintah(opd):
    out = StringIO()
    call_command(
        "capaian", "--opd", opd.slug, "--tahun", str(TAHUN), "--triwulan", str(TW), stdout=out
    )
    return out.getvalue()


def test_read_model_applies_each_indicators_rule_to_date(dunia):
    rows = {r.uraian: r for r in selectors.indikator_rows(dunia["opd"], TAHUN, TW)}
    for uraian, *_, sd, capaian in INDIKATOR:
        row = rows[uraian]
        assert fmt.angka(row.realisasi) == sd, uraian
        assert fmt.persen(row.capaian, simbol=True) == capaian, uraian
    assert fmt.persen(rows["Jumlah peserta pelatihan"].capaian_triwulan) == "77,00"


def test_entry_sheet_listings_dashboard_and_command_show_the_same_value_to_date_and_capaian(
    client, dunia
):
    users = dunia["users"]
    entri = _html(client, users["operator"], reverse("kinerja:entri_triwulan", args=[TAHUN, TW]))
    daftar = _html(
        client, users["perencana"], f"/kinerja/indikator/?tahun={TAHUN}&triwulan={TW}&per_page=100"
    )
    realisasi = _html(
        client, users["perencana"], f"/kinerja/realisasi/?tahun={TAHUN}&triwulan={TW}"
    )
    dasbor = _html(
        client, users["kadis"], f"/kinerja/dasbor/{dunia['opd'].slug}/?tahun={TAHUN}&triwulan={TW}"
    )
    perintah = _perintah(dunia["opd"])
    for uraian, *_, sd, capaian in INDIKATOR:
        ind = dunia["indikator"][uraian]
        lembar = _baris_lembar(entri, ind)
        # the dense sheet prints the value to date under capaian, the sentence as its title
        assert f"s.d. TW II: {sd}" in lembar, uraian
        assert f"realisasi s.d. TW II: {sd}," in _baris_lembar(entri, ind, mentah=True), uraian
        assert capaian in lembar, uraian
        for name, html in (("indikator", daftar), ("realisasi", realisasi), ("dasbor", dasbor)):
            row = _baris_tabel(html, uraian)
            assert f" {sd} " in row, (name, uraian, row)
            assert capaian in row, (name, uraian, row)
        line = next(line for line in perintah.splitlines() if line.startswith(uraian))
        assert f" {sd} " in line and capaian.rstrip("%") in line, line
    # The quarter's own target is compared too, and said so, where it is set.
    peserta = dunia["indikator"]["Jumlah peserta pelatihan"]
    assert "terhadap target TW II: 77,00%" in _baris_lembar(entri, peserta, mentah=True)
    assert "77,00%" in _baris_tabel(daftar, "Jumlah peserta pelatihan")


def test_every_budget_surface_shows_the_pagu_in_force_after_a_revision(client, dunia):
    users, sub = dunia["users"], dunia["sub"]
    pagu, realisasi, serapan = "Rp 80.000.000", "Rp 40.000.000", "50,00%"
    entri = _teks(
        _html(client, users["operator"], reverse("kinerja:entri_triwulan", args=[TAHUN, TW]))
    )
    assert f"Pagu berlaku TW II {pagu} APBD Perubahan" in entri
    assert f"Realisasi s.d. TW II {realisasi}" in entri and serapan in entri
    listing = _baris_tabel(
        _html(client, users["perencana"], f"/kinerja/sub-kegiatan/?tahun={TAHUN}&triwulan={TW}"),
        sub.nama,
    )
    assert pagu in listing and realisasi in listing and serapan in listing
    anggaran = _html(client, users["perencana"], f"/anggaran/realisasi/?tahun={TAHUN}")
    tw2, tw1 = [
        _teks(tr) for tr in re.findall(r"<tr.*?</tr>", anggaran, flags=re.S) if sub.nama in tr
    ]
    assert pagu in tw2 and realisasi in tw2 and serapan in tw2
    # TW I keeps the murni pagu that was in force then: 10 jt of 100 jt.
    assert "Rp 100.000.000" in tw1 and "10,00%" in tw1
    dasbor = _teks(
        _html(
            client,
            users["kadis"],
            f"/kinerja/dasbor/{dunia['opd'].slug}/?tahun={TAHUN}&triwulan={TW}",
        )
    )
    assert f"{realisasi} dari pagu {pagu}" in dasbor
    assert f"Pagu TW II: {pagu} · realisasi {realisasi}" in dasbor
    perintah = _perintah(dunia["opd"])
    jumlah = next(line for line in perintah.splitlines() if line.split()[:2] == ["Jumlah", "Rp"])
    assert pagu in jumlah and realisasi in jumlah and "50,00" in jumlah


def test_the_indicator_rule_is_the_one_stored_on_the_indicator(dunia):
    """Changing an indicator's rule changes every surface at once, through the read model."""
    ind = dunia["indikator"]["Jumlah peserta pelatihan"]
    Indikator.objects.filter(pk=ind.pk).update(agregasi="terakhir")
    row = next(r for r in selectors.indikator_rows(dunia["opd"], TAHUN, TW) if r.id == ind.pk)
    assert row.realisasi == D(47)
    assert fmt.persen(row.capaian) == "23,50"


def test_a_pemdas_own_predicate_scale_shows_on_every_surface(client, dunia):
    skala = SkalaPredikat.objects.create(pemda=dunia["opd"].pemda, nama="Skala uji")
    for batas, label in ((D(80), "Baik sekali"), (D(0), "Perlu perhatian")):
        TingkatPredikat.objects.create(skala=skala, batas_bawah=batas, label=label)
    Pemda.objects.filter(pk=dunia["opd"].pemda_id).update(skala_predikat=skala)
    users, uraian = dunia["users"], "Persentase aduan selesai"  # 87,81%
    ind = dunia["indikator"][uraian]
    entri = _html(client, users["operator"], reverse("kinerja:entri_triwulan", args=[TAHUN, TW]))
    assert "Baik sekali" in _baris_lembar(entri, ind)
    # The listing marks the predicate by colour, named in the dot's title.
    daftar = _html(client, users["perencana"], f"/kinerja/indikator/?tahun={TAHUN}&triwulan={TW}")
    tr = next(t for t in re.findall(r"<tr.*?</tr>", daftar, flags=re.S) if uraian in t)
    assert 'aria-label="Baik sekali"' in tr
    dasbor = _html(
        client, users["kadis"], f"/kinerja/dasbor/{dunia['opd'].slug}/?tahun={TAHUN}&triwulan={TW}"
    )
    assert "Baik sekali" in _baris_tabel(dasbor, uraian)
    perintah = _perintah(dunia["opd"])
    assert "skala predikat: Skala uji" in perintah
    assert "Baik sekali" in next(line for line in perintah.splitlines() if line.startswith(uraian))
