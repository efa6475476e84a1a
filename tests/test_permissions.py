"""Permission matrix of every view that writes in the quarterly workflow (issue 4):
each role of the OPD, a user of another OPD, an admin of another Pemda and an anonymous
user get the expected answer, and a refused request leaves the database unchanged."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from anggaran.services import realisasi_anggaran_simpan
from kinerja import selectors_tutup, services
from tests.kinerja.dunia import siapkan, snapshot

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonim",
    "operator",
    "operator_b",
    "verifikator",
    "verifikator_b",
    "kadis",
    "perencana",
    "admin",
    "pimpinan",
    "operator_lain",
    "admin_lain",
]


def _draft(d):
    return services.realisasi_simpan(
        user=d.operator,
        indikator=d.ind_persen,
        tahun=d.tahun,
        triwulan=d.triwulan,
        versi=0,
        nilai="50",
    )


def _submitted(d):
    row = _draft(d)
    budget = realisasi_anggaran_simpan(
        user=d.operator,
        sub_kegiatan=d.sub_a,
        tahun=d.tahun,
        triwulan=d.triwulan,
        jumlah="1000",
        versi=0,
    )
    services.realisasi_ajukan(user=d.operator, unit=d.unit_a, tahun=d.tahun, triwulan=d.triwulan)
    row.refresh_from_db()
    budget.refresh_from_db()
    return row, budget


def setup_realisasi_simpan(d):
    return reverse("kinerja:realisasi_simpan", args=[d.tahun, d.triwulan, d.ind_persen.pk]), {
        "nilai": "70",
        "versi": 0,
    }


def setup_anggaran_simpan(d):
    return reverse("kinerja:realisasi_anggaran_simpan", args=[d.tahun, d.triwulan, d.sub_a.pk]), {
        "jumlah": "1.000",
        "versi": 0,
    }


def setup_ajukan(d):
    _draft(d)
    return reverse("kinerja:realisasi_ajukan", args=[d.tahun, d.triwulan]), {}


def setup_bukti_unggah(d):
    row = _draft(d)
    return reverse("kinerja:bukti_unggah", args=[row.pk]), {
        "berkas": SimpleUploadedFile("a.pdf", b"%PDF-1.4")
    }


def setup_bukti_hapus(d):
    row = _draft(d)
    bukti = services.bukti_simpan(
        user=d.operator, realisasi=row, berkas=SimpleUploadedFile("a.pdf", b"%PDF-1.4")
    )
    return reverse("kinerja:bukti_hapus", args=[bukti.pk]), {}


def setup_verifikasi(d):
    row, _ = _submitted(d)
    return reverse("kinerja:realisasi_verifikasi", args=[row.pk]), {
        "aksi": "setujui",
        "versi": row.versi,
    }


def setup_verifikasi_anggaran(d):
    _, budget = _submitted(d)
    return reverse("kinerja:realisasi_anggaran_verifikasi", args=[budget.pk]), {
        "aksi": "setujui",
        "versi": budget.versi,
    }


def setup_verifikasi_semua(d):
    _submitted(d)
    return reverse("kinerja:verifikasi_semua", args=[d.tahun, d.triwulan]), {"aksi": "setujui"}


def setup_triwulan_buka(d):
    return reverse("kinerja:triwulan_buka"), {"opd": d.opd.pk, "tahun": d.tahun, "triwulan": 3}


def setup_triwulan_tutup(d):
    """The close as its confirmation page sends it: the fingerprint of the list shown."""
    sidik = selectors_tutup.rincian_penutupan(d.tw).sidik
    return reverse("kinerja:triwulan_tutup", args=[d.tw.pk]), {"sidik": sidik, "setuju": "ya"}


ENTRY = {"operator": 200, "perencana": 200, "admin": 200}
ENTRY_REDIRECT = {"operator": 302, "perencana": 302, "admin": 302}
VERIFY = {"verifikator": 200, "kadis": 200}
ADMIN = {"admin": 302}

# view -> (setup, {persona: status when allowed}, {persona: status when refused, default 403})
MATRIX = {
    "realisasi_simpan": (
        setup_realisasi_simpan,
        ENTRY,
        {"operator_b": 404, "operator_lain": 404, "admin_lain": 404},
    ),
    "anggaran_simpan": (
        setup_anggaran_simpan,
        ENTRY,
        {"operator_b": 404, "operator_lain": 404, "admin_lain": 404},
    ),
    # operators of other units submit their own (empty) unit: a message, nothing changes
    "ajukan": (
        setup_ajukan,
        ENTRY_REDIRECT,
        {"operator_b": 302, "operator_lain": 302, "admin_lain": 404},
    ),
    "bukti_unggah": (
        setup_bukti_unggah,
        ENTRY,
        {"operator_b": 404, "operator_lain": 404, "admin_lain": 404},
    ),
    "bukti_hapus": (
        setup_bukti_hapus,
        ENTRY,
        {"operator_b": 404, "operator_lain": 404, "admin_lain": 404},
    ),
    "verifikasi": (setup_verifikasi, VERIFY, {"verifikator_b": 404}),
    "verifikasi_anggaran": (setup_verifikasi_anggaran, VERIFY, {"verifikator_b": 404}),
    "verifikasi_semua": (
        setup_verifikasi_semua,
        {"verifikator": 302, "kadis": 302},
        {"verifikator_b": 302},
    ),
    "triwulan_buka": (setup_triwulan_buka, ADMIN, {"admin_lain": 404}),
    "triwulan_tutup": (setup_triwulan_tutup, ADMIN, {"admin_lain": 404}),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("view", list(MATRIX))
def test_write_view_permission_matrix(client, settings, tmp_path, view, persona):
    d = siapkan(settings, tmp_path)
    setup, allowed, refused = MATRIX[view]
    url, data = setup(d)
    data = {**data, "unit": d.unit_a.pk}  # the rows' forms carry the unit, as the pages do
    if persona != "anonim":
        client.force_login(getattr(d, persona))
    before = snapshot()
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    if persona == "anonim":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
        assert snapshot() == before
    elif persona in allowed:
        assert response.status_code == allowed[persona], response.content.decode()[:500]
        assert snapshot() != before
    else:
        assert response.status_code == refused.get(persona, 403)
        assert snapshot() == before


@pytest.mark.parametrize(
    "url_name",
    ["kinerja:realisasi_simpan", "kinerja:realisasi_ajukan"],
)
def test_write_views_refuse_get(client, settings, tmp_path, url_name):
    d = siapkan(settings, tmp_path)
    client.force_login(d.operator)
    args = (
        [d.tahun, d.triwulan, d.ind_persen.pk]
        if url_name.endswith("simpan")
        else [d.tahun, d.triwulan]
    )
    assert client.get(reverse(url_name, args=args)).status_code == 405


def test_every_form_is_csrf_protected(settings, tmp_path):
    from django.test import Client

    d = siapkan(settings, tmp_path)
    client = Client(enforce_csrf_checks=True)
    client.force_login(d.operator)
    before = snapshot()
    url = reverse("kinerja:realisasi_simpan", args=[d.tahun, d.triwulan, d.ind_persen.pk])
    assert client.post(url, {"nilai": "70", "versi": 0}).status_code == 403
    assert snapshot() == before
    page = client.get(reverse("kinerja:entri")).content.decode()
    token = client.cookies["csrftoken"].value
    assert 'hx-headers=\'{"X-CSRFToken": "' in page
    response = client.post(
        url, {"nilai": "70", "versi": 0}, HTTP_X_CSRFTOKEN=token, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
