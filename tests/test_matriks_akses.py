"""The access matrix: every URL of the project, GET and POST, for every persona of
sakip.akses, answers as the `AKSES` table beside its urls.py declares; a refused request
(and a POST answered with an error) changes no row; a URL without a declared rule or
without a concrete address here fails the build (the generated permission tests of
NetBox). The addresses carry real ids of the demo data: Rehlinjamsos's rows of Dinas
Sosial PPPA Kota Probolinggo."""

import datetime
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, resolve, reverse

from anggaran import tasks as anggaran_tasks
from anggaran.models import Pagu
from anggaran.services import realisasi_anggaran_simpan
from evaluasi import services as evaluasi_services
from evaluasi.models import Kriteria, Pihak
from kinerja import selectors_tutup, services
from kinerja import tasks as kinerja_tasks
from kinerja.models import Aksi
from laporan import pdf, services_jenjang
from laporan import services_lampiran as lampiran_services
from laporan.models import DokumenTerbit
from renstra import demo, lingkup
from renstra.models import (
    Indikator,
    Pejabat,
    PerangkatDaerah,
    SkalaPredikat,
    SubKegiatan,
    TriwulanPelaporan,
    UnitKerja,
)
from sakip import akses, roles
from sakip.akses import (
    ADMIN_LAIN,
    ADMIN_PEMDA,
    ANONIM,
    DILAYANI,
    KE_LOGIN,
    OPERATOR,
    OPERATOR_BIDANG_LAIN,
    OPERATOR_LAIN,
    PERSONA,
    TANPA_PERAN,
)
from sakip.models import Pekerjaan
from tests.factories import PenggunaFactory

TAHUN, TRIWULAN = demo.DEMO_TRIWULAN
TAHUN_DOKUMEN = 2020  # the year whose PK and LKjIP the seed holds, both final
UNIT = "rehabilitasi-perlindungan-jaminan-sosial"
UNIT_LAIN = "pemberdayaan-sosial"
PDF = b"%PDF-1.4\n%uji matriks akses\n"

# Set to False once the no-role middleware of branch h-security is merged: until then a
# no-role case that fails is reported as an expected failure, nothing else is.
MENUNGGU_TANPA_PERAN = False
ALASAN_TANPA_PERAN = "no-role middleware lands from branch h-security"


# --- every route of the project, with its declared rule ---------------------------------


@dataclass(frozen=True)
class Rute:
    kunci: str  # "namespace:name", or the route of an unnamed pattern
    lengkap: str  # the full route, as ResolverMatch.route gives it
    aturan: akses.Aturan | None


def _rute(patterns, namespace="", prefix="", modul=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # the Django admin guards itself; tests/test_admin.py covers it
            ns = ":".join(n for n in (namespace, pattern.namespace) if n)
            yield from _rute(
                pattern.url_patterns, ns, prefix + str(pattern.pattern), pattern.urlconf_module
            )
            continue
        route = str(pattern.pattern)
        if pattern.name:
            kunci = f"{namespace}:{pattern.name}" if namespace else pattern.name
            aturan = getattr(modul, "AKSES", {}).get(pattern.name)
        else:
            kunci = route
            aturan = getattr(modul, "AKSES", {}).get(route)
        if isinstance(aturan, dict):  # a name routed twice declares each route
            aturan = aturan.get(route)
        yield Rute(kunci, prefix + route, aturan)


def _root():
    resolver = get_resolver()
    return _rute(resolver.url_patterns, modul=resolver.urlconf_module)


RUTE = list(_root())


# --- concrete addresses ------------------------------------------------------------------


@dataclass
class Alamat:
    """One concrete address: a URL name's kwargs (or the path of an unnamed route), a query
    string and the POST body the page's own form would send."""

    kwargs: dict = field(default_factory=dict)
    query: str = ""
    data: dict = field(default_factory=dict)
    path: str = ""

    def url(self, kunci):
        base = self.path or reverse(kunci, kwargs=self.kwargs)
        return f"{base}?{self.query}" if self.query else base


def _dokumen(d, tahun=TAHUN_DOKUMEN, **extra):
    return Alamat({"opd": d.opd.slug, "tahun": tahun, **extra})


def _kabid(d):
    """The demo's (invented) Kepala Bidang of Rehlinjamsos, who holds nodes of the tree."""
    return Pejabat.objects.get(opd=d.opd, unit=d.unit, eselon__startswith="III").pk


def _kasi(d):
    """An (invented) eselon IV official of Rehlinjamsos, whose PK the demo has not drafted."""
    return (
        Pejabat.objects.filter(opd=d.opd, unit=d.unit, eselon__startswith="IV")
        .order_by("nip")
        .first()
        .pk
    )


# One band of a predicate scale, as the band formset of /pengelolaan/skala/ posts it.
_BAND_SKALA = {
    "tingkat-TOTAL_FORMS": "1",
    "tingkat-INITIAL_FORMS": "0",
    "tingkat-0-batas_bawah": "0",
    "tingkat-0-bawah_inklusif": "on",
    "tingkat-0-label": "Semua",
    "tingkat-0-warna": "#198754",
}


def _skala_global():
    return SkalaPredikat.objects.filter(pemda__isnull=True).order_by("pk").first().pk


def _skala_pemda(d):
    """A scale of the demo's Pemda (the demo grades by the global one)."""
    skala, _ = SkalaPredikat.objects.get_or_create(pemda=d.opd.pemda, nama="Skala Pemda Uji")
    return skala.pk


def _matriks(d):
    return Alamat({"opd": d.opd.slug, "periode": d.periode.pk, "jenis": "t-c-27"})


def _lke(d, data=None, **extra):
    return Alamat({"opd": d.opd.slug, "tahun": TAHUN, **extra}, data=data or {})


def _berkas():
    return SimpleUploadedFile("bukti.pdf", PDF, content_type="application/pdf")


ALAMAT = {
    "home": lambda d: Alamat(),
    "angka_baca": lambda d: Alamat(query="nilai=1.250&satuan=orang"),
    "pekerjaan": lambda d: Alamat({"pk": d.pekerjaan.pk}),
    "pekerjaan_berkas": lambda d: Alamat({"pk": d.pekerjaan.pk}),
    "kinerja:realisasi_unggah_hasil": lambda d: Alamat({"pk": d.unggahan.pk}, query=d.q_unit),
    "anggaran:renstra_impor_hasil": lambda d: Alamat({"pk": d.impor.pk}),
    "login": lambda d: Alamat(),
    "logout": lambda d: Alamat(),
    "password_change": lambda d: Alamat(),
    "password_change_done": lambda d: Alamat(),
    "renstra/indikator/": lambda d: Alamat(path="/renstra/indikator/"),
    "renstra/sub-kegiatan/": lambda d: Alamat(path="/renstra/sub-kegiatan/"),
    "renstra/impor/": lambda d: Alamat(path="/renstra/impor/"),
    "renstra/periode/<int:pk>/ekspor.xlsx": lambda d: Alamat(
        path=f"/renstra/periode/{d.periode.pk}/ekspor.xlsx"
    ),
    r"^kinerja/(?P<rest>laporan/[\w-]+/[\w/-]+\.xlsx)$": lambda d: Alamat(
        path=f"/kinerja/laporan/{d.opd.slug}/{TAHUN_DOKUMEN}/pk.xlsx"
    ),
    # --- kinerja ---
    "kinerja:entri": lambda d: Alamat(query=d.q_unit),
    "kinerja:entri_triwulan": lambda d: Alamat(d.tw, query=d.q_unit),
    "kinerja:realisasi_simpan": lambda d: Alamat(
        {**d.tw, "pk": d.draf.indikator_id},
        data={"nilai": "2", "versi": d.draf.versi, "unit": d.unit.pk},
    ),
    "kinerja:realisasi_simpan_semua": lambda d: Alamat(
        d.tw,
        data={
            "unit": d.unit.pk,
            "baris": f"ind-{d.draf.indikator_id},ang-{d.anggaran_draf.sub_kegiatan_id}",
            f"ind-{d.draf.indikator_id}-nilai": "2",
            f"ind-{d.draf.indikator_id}-versi": d.draf.versi,
            f"ang-{d.anggaran_draf.sub_kegiatan_id}-jumlah": "2.000",
            f"ang-{d.anggaran_draf.sub_kegiatan_id}-versi": d.anggaran_draf.versi,
        },
    ),
    "kinerja:realisasi_ajukan": lambda d: Alamat(d.tw, data={"unit": d.unit.pk}),
    "kinerja:entri_ringkasan": lambda d: Alamat(d.tw, query=d.q_unit),
    "kinerja:realisasi_riwayat": lambda d: Alamat({"pk": d.diajukan.pk}),
    "kinerja:realisasi_anggaran_simpan": lambda d: Alamat(
        {**d.tw, "pk": d.anggaran_draf.sub_kegiatan_id},
        data={"jumlah": "2.000", "versi": d.anggaran_draf.versi, "unit": d.unit.pk},
    ),
    "kinerja:realisasi_anggaran_riwayat": lambda d: Alamat({"pk": d.anggaran_diajukan.pk}),
    "kinerja:realisasi_anggaran_verifikasi": lambda d: Alamat(
        {"pk": d.anggaran_diajukan.pk},
        data={"aksi": "setujui", "versi": d.anggaran_diajukan.versi, "unit": d.unit.pk},
    ),
    "kinerja:bukti_unggah": lambda d: Alamat(
        {"pk": d.draf.pk}, data={"berkas": _berkas(), "unit": d.unit.pk}
    ),
    "kinerja:bukti_unduh": lambda d: Alamat({"pk": d.bukti.pk}),
    "kinerja:bukti_hapus": lambda d: Alamat({"pk": d.bukti_hapus.pk}, data={"unit": d.unit.pk}),
    "kinerja:verifikasi": lambda d: Alamat(query=d.q_unit),
    "kinerja:verifikasi_triwulan": lambda d: Alamat(d.tw, query=d.q_unit),
    "kinerja:verifikasi_semua": lambda d: Alamat(d.tw, data={"aksi": "setujui", "unit": d.unit.pk}),
    "kinerja:realisasi_verifikasi": lambda d: Alamat(
        {"pk": d.diajukan.pk},
        data={"aksi": "setujui", "versi": d.diajukan.versi, "unit": d.unit.pk},
    ),
    "kinerja:triwulan_list": lambda d: Alamat(),
    "kinerja:triwulan_buka": lambda d: Alamat(
        data={"opd": d.opd.pk, "tahun": TAHUN, "triwulan": TRIWULAN + 1, "alasan": ""}
    ),
    "kinerja:triwulan_detail": lambda d: Alamat({"pk": d.triwulan.pk}),
    "kinerja:triwulan_tutup": lambda d: Alamat(
        {"pk": d.triwulan.pk},
        data={
            "alasan": "Uji matriks akses",
            "sidik": selectors_tutup.rincian_penutupan(d.triwulan).sidik,
            "setuju": "ya",
        },
    ),
    "kinerja:realisasi_list": lambda d: Alamat(),
    "kinerja:indikator_list": lambda d: Alamat(),
    "kinerja:subkegiatan_list": lambda d: Alamat(),
    "kinerja:dasbor_pemda": lambda d: Alamat(),
    "kinerja:dasbor_opd": lambda d: [Alamat(), Alamat({"slug": d.opd.slug})],
    "kinerja:dasbor_pemda_xlsx": lambda d: Alamat(query="tahun=2025&triwulan=1"),
    "kinerja:dasbor_opd_xlsx": lambda d: Alamat({"slug": d.opd.slug}, "tahun=2025&triwulan=1"),
    "kinerja:realisasi_excel": lambda d: Alamat(query=d.q_unit),
    "kinerja:realisasi_templat": lambda d: Alamat(d.tw, query=d.q_unit),
    "kinerja:realisasi_unggah": lambda d: Alamat(
        d.tw,
        data={
            "berkas": SimpleUploadedFile("realisasi.xlsx", d.workbook),
            "unit": d.unit.pk,
        },
    ),
    "kinerja:realisasi_unggah_simpan": lambda d: Alamat(
        d.tw, data={"token": "kedaluwarsa", "unit": d.unit.pk}
    ),
    # --- anggaran ---
    "anggaran:realisasi_anggaran_list": lambda d: Alamat(),
    "anggaran:renstra_impor": lambda d: Alamat(
        data={"opd": d.opd.pk, "periode": "2021-2026", "template": "1"}
    ),
    "anggaran:renstra_ekspor": lambda d: Alamat({"pk": d.periode.pk}),
    "anggaran:pagu": lambda d: Alamat(),
    "anggaran:pagu_grid": lambda d: Alamat(
        {"opd": d.opd.slug, "tahun": TAHUN},
        data={f"p-{d.anggaran_draf.sub_kegiatan_id}-2": "1.250.000"},
    ),
    "anggaran:pagu_ekspor": lambda d: Alamat({"opd": d.opd.slug, "tahun": TAHUN}),
    "anggaran:pagu_unggah": lambda d: Alamat({"opd": d.opd.slug, "tahun": TAHUN}),
    "anggaran:pagu_unggah_simpan": lambda d: Alamat(
        {"opd": d.opd.slug, "tahun": TAHUN}, data={"token": "kedaluwarsa"}
    ),
    "anggaran:pagu_riwayat": lambda d: Alamat(
        {"opd": d.opd.slug, "tahun": TAHUN, "pk": d.anggaran_draf.sub_kegiatan_id}
    ),
    # --- pengelolaan (the Pemda admin's users, units and officials) ---
    "pengelolaan:pengguna_list": lambda d: Alamat(),
    "pengelolaan:pengguna_baru": lambda d: Alamat(
        data={
            "username": "pengguna_baru_uji",
            "first_name": "Baru",
            "opd": d.opd.pk,
            "is_active": "on",
            "peran": "Operator",
            "unit": d.unit.pk,
            "kata_sandi": "Sandi-Uji-Matriks-2025",
        }
    ),
    "pengelolaan:pengguna_ubah": lambda d: Alamat(
        {"pk": d.users[OPERATOR].pk},
        data={
            "username": "operator",
            "first_name": "Operator",
            "last_name": "Bidang Rehlinjamsos",
            "opd": d.opd.pk,
            "unit": d.unit.pk,
            "is_active": "on",
            "peran": "Operator",
        },
    ),
    "pengelolaan:unit_list": lambda d: Alamat(),
    "pengelolaan:unit_baru": lambda d: Alamat(
        data={
            "opd": d.opd.pk,
            "nama": "Bidang Uji",
            "slug": "bidang-uji",
            "jenis": "bidang",
            "urutan": "9",
        }
    ),
    "pengelolaan:unit_ubah": lambda d: Alamat(
        {"pk": d.unit.pk},
        data={
            "opd": d.opd.pk,
            "nama": d.unit.nama,
            "slug": d.unit.slug,
            "jenis": d.unit.jenis,
            "urutan": d.unit.urutan,
        },
    ),
    "pengelolaan:pejabat_list": lambda d: Alamat(),
    "pengelolaan:pejabat_baru": lambda d: Alamat(
        data={
            "opd": d.opd.pk,
            "nama": "Uji Pejabat, S.Sos.",
            "jabatan": "Kepala Bidang Uji",
            "jenis_penugasan": "plt",
            "mulai_menjabat": "06/01/2025",
            "aktif": "on",
        }
    ),
    "pengelolaan:pejabat_ubah": lambda d: Alamat(
        {"pk": d.pejabat.pk},
        data={
            "opd": d.opd.pk,
            "nama": d.pejabat.nama,
            "jabatan": d.pejabat.jabatan,
            "jenis_penugasan": d.pejabat.jenis_penugasan,
            "aktif": "on",
        },
    ),
    "pengelolaan:skala_list": lambda d: Alamat(data={"skala": _skala_global()}),
    "pengelolaan:skala_baru": lambda d: Alamat(data={"nama": "Skala Uji", **_BAND_SKALA}),
    "pengelolaan:skala_ubah": lambda d: Alamat(
        {"pk": _skala_pemda(d)}, data={"nama": "Skala Pemda Uji", **_BAND_SKALA}
    ),
    # --- laporan ---
    "laporan:verifikasi": lambda d: Alamat({"kode": d.kode}),
    "laporan:beranda": lambda d: Alamat(),
    "laporan:indeks": _dokumen,
    "laporan:pengukuran": lambda d: _dokumen(d, triwulan=4),
    "laporan:pengukuran_pdf": lambda d: _dokumen(d, triwulan=4),
    "laporan:pengukuran_xlsx": lambda d: _dokumen(d, triwulan=4),
    "laporan:pk_ubah": _dokumen,
    "laporan:pk_finalkan": _dokumen,
    "laporan:pk_perubahan": _dokumen,
    "laporan:pk_buka": lambda d: Alamat(
        {"opd": d.opd.slug, "tahun": TAHUN_DOKUMEN}, data={"alasan": "Uji matriks akses"}
    ),
    "laporan:target_ubah": lambda d: _dokumen(d, TAHUN),
    "laporan:rencana_aksi_ubah": lambda d: Alamat(
        {"opd": d.opd.slug, "tahun": TAHUN, "unit": d.unit.slug},
        data={"bagian": "kepala", "ra-tempat": "Probolinggo", "ra-tanggal": "2025-01-06"},
    ),
    "laporan:aksi_hapus": lambda d: _dokumen(d, TAHUN, unit=d.unit.slug, pk=d.aksi.pk),
    "laporan:aksi_ubah": lambda d: Alamat(
        {"opd": d.opd.slug, "tahun": TAHUN, "unit": d.unit.slug, "pk": d.aksi.pk},
        data={
            f"aksi{d.aksi.pk}-uraian": d.aksi.uraian,
            f"aksi{d.aksi.pk}-triwulan": [str(n) for n in d.aksi.triwulan_list],
        },
    ),
    "laporan:rencana_aksi_finalkan": lambda d: _dokumen(d, TAHUN, unit=d.unit.slug),
    "laporan:rencana_aksi_buka": lambda d: Alamat(
        {"opd": d.opd.slug, "tahun": TAHUN, "unit": d.unit.slug},
        data={"alasan": "Uji matriks akses"},
    ),
    "laporan:lkjip_ubah": lambda d: _dokumen(d, TAHUN),
    "laporan:lampiran_daftar": lambda d: Alamat(
        {"opd": d.opd.slug, "tahun": TAHUN},
        data={"judul": "Piagam uji", "urutan": "1", "berkas": _berkas()},
    ),
    "laporan:lampiran_hapus": lambda d: _dokumen(d, TAHUN, pk=d.lampiran.pk),
    "laporan:lampiran_berkas": lambda d: _dokumen(d, TAHUN, pk=d.lampiran.pk),
    "laporan:lkjip_finalkan": _dokumen,
    "laporan:lkjip_buka": lambda d: Alamat(
        {"opd": d.opd.slug, "tahun": TAHUN_DOKUMEN}, data={"alasan": "Uji matriks akses"}
    ),
    "laporan:pengesahan_ubah": lambda d: Alamat(
        {"opd": d.opd.slug, "tahun": TAHUN_DOKUMEN, "dokumen": "pengukuran-4"},
        data={"tempat": "Probolinggo", "tanggal": "2021-01-04"},
    ),
    "laporan:matriks_pengesahan": lambda d: Alamat(
        {"opd": d.opd.slug, "periode": d.periode.pk, "jenis": "t-c-27"},
        data={"tempat": "Probolinggo", "tanggal": "2021-02-01"},
    ),
    "laporan:pk": _dokumen,
    "laporan:pk_pdf": _dokumen,
    "laporan:pk_xlsx": _dokumen,
    "laporan:pk_docx": _dokumen,
    "laporan:rencana_aksi": lambda d: Alamat(
        {"opd": d.opd.slug, "tahun": TAHUN}, query=f"unit={d.unit.slug}"
    ),
    "laporan:rencana_aksi_pdf": lambda d: Alamat(
        {"opd": d.opd.slug, "tahun": TAHUN}, query=f"unit={d.unit.slug}"
    ),
    "laporan:rencana_aksi_xlsx": lambda d: Alamat(
        {"opd": d.opd.slug, "tahun": TAHUN}, query=f"unit={d.unit.slug}"
    ),
    "laporan:lkjip": _dokumen,
    "laporan:lkjip_pdf": _dokumen,
    "laporan:lkjip_xlsx": _dokumen,
    "laporan:lkjip_docx": _dokumen,
    "laporan:iku": _dokumen,
    "laporan:iku_pdf": _dokumen,
    "laporan:iku_xlsx": _dokumen,
    "laporan:cascading": _dokumen,
    "laporan:cascading_pdf": _dokumen,
    "laporan:cascading_xlsx": _dokumen,
    "laporan:pohon": lambda d: _dokumen(d, TAHUN),
    "laporan:pohon_kinerja": lambda d: _dokumen(d, TAHUN),
    "laporan:pohon_kinerja_pdf": lambda d: _dokumen(d, TAHUN),
    "laporan:pohon_kinerja_xlsx": lambda d: _dokumen(d, TAHUN),
    "laporan:skp_daftar": lambda d: _dokumen(d, TAHUN),
    "laporan:pk_jenjang_daftar": lambda d: _dokumen(d, TAHUN),
    "laporan:pk_jenjang": lambda d: _dokumen(d, TAHUN, pejabat=_kabid(d)),
    "laporan:pk_jenjang_pdf": lambda d: _dokumen(d, TAHUN, pejabat=_kabid(d)),
    "laporan:pk_jenjang_buat": lambda d: _dokumen(d, TAHUN, pejabat=_kasi(d)),
    "laporan:pk_jenjang_ubah": lambda d: Alamat(
        {"opd": d.opd.slug, "tahun": TAHUN, "pejabat": _kabid(d)},
        data={"aksi": "hapus_anggaran", "baris": "0"},
    ),
    "laporan:pk_jenjang_susun_ulang": lambda d: _dokumen(d, TAHUN, pejabat=_kabid(d)),
    "laporan:pk_jenjang_finalkan": lambda d: _dokumen(d, TAHUN, pejabat=_kabid(d)),
    "laporan:pk_jenjang_buka": lambda d: Alamat(
        {"opd": d.opd.slug, "tahun": TAHUN, "pejabat": _kabid(d)},
        data={"alasan": "Uji matriks akses"},
    ),
    "laporan:pk_jenjang_perubahan": lambda d: _dokumen(d, TAHUN, pejabat=_kabid(d)),
    "laporan:skp_detail": lambda d: _dokumen(d, TAHUN, pejabat=_kabid(d)),
    "laporan:skp_xlsx": lambda d: _dokumen(d, TAHUN, pejabat=_kabid(d)),
    "laporan:skp_csv": lambda d: _dokumen(d, TAHUN, pejabat=_kabid(d)),
    "laporan:matriks": _matriks,
    "laporan:matriks_pdf": _matriks,
    "laporan:matriks_xlsx": _matriks,
    "laporan:tc27_xlsx": lambda d: Alamat({"opd": d.opd.slug, "pk": d.periode.pk}),
    # --- evaluasi ---
    "evaluasi:beranda": lambda d: Alamat(),
    "evaluasi:peringkat": lambda d: Alamat({"tahun": TAHUN}),
    "evaluasi:rekomendasi_list": lambda d: Alamat(),
    "evaluasi:rekomendasi_status": lambda d: Alamat(
        {"pk": d.rekomendasi.pk}, data={"status": "proses"}
    ),
    "evaluasi:tindak_lanjut_simpan": lambda d: Alamat(
        {"pk": d.rekomendasi.pk}, data={"uraian": "Uji matriks", "batas_waktu": "2025-12-31"}
    ),
    "evaluasi:bukti_unduh": lambda d: Alamat({"pk": d.bukti_lke.pk}),
    "evaluasi:tindak_lanjut_unduh": lambda d: Alamat({"pk": d.tindak_lanjut.pk}),
    "evaluasi:lke": _lke,
    "evaluasi:lke_xlsx": _lke,
    "evaluasi:lhe": _lke,
    "evaluasi:lhe_pdf": _lke,
    "evaluasi:pemantauan": lambda d: Alamat(
        {"opd": d.opd.slug, "tahun": TAHUN},
        data={
            "unit": d.unit.pk,
            "triwulan": "1",
            "kendala": "Uji",
            "tindak_lanjut": "Uji",
            "batas_waktu": "2025-04-30",
            "status": "rencana",
        },
    ),
    "evaluasi:jawaban_simpan": lambda d: _lke(
        d, kriteria=d.kriteria.pk, data={"pihak": "mandiri", "jawaban": "Y"}
    ),
    "evaluasi:bukti_unggah": lambda d: _lke(
        d, kriteria=d.kriteria.pk, data={"pihak": "mandiri", "berkas": _berkas()}
    ),
    "evaluasi:syarat_sub_simpan": lambda d: _lke(
        d, sub=d.kriteria.sub_komponen_id, data={"pihak": "mandiri", "syarat_a": "1"}
    ),
    "evaluasi:rekomendasi_buat": lambda d: _lke(
        d, kriteria=d.kriteria.pk, data={"uraian": "Uji matriks"}
    ),
    "evaluasi:mandiri_setujui": _lke,
    "evaluasi:inspektorat_finalkan": _lke,
}


def alamat_untuk(rute, d):
    """The one address of `rute` in ALAMAT (a name routed twice lists one per route)."""
    daftar = ALAMAT[rute.kunci](d)
    daftar = daftar if isinstance(daftar, list) else [daftar]
    cocok = [a for a in daftar if resolve(a.url(rute.kunci).split("?")[0]).route == rute.lengkap]
    assert len(cocok) == 1, f"{rute.kunci}: no single address for route {rute.lengkap!r}"
    return cocok[0]


# --- the demo world and its personas -----------------------------------------------------


def _html_to_pdf_stub(html, base_url=None):
    """WeasyPrint takes seconds a document; this test is about who gets the answer."""
    return pdf.RenderedPdf(content=PDF, halaman=1)


def _akun(username, role=None, **kwargs):
    user = PenggunaFactory(username=username, **kwargs)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def _bangun_dunia(client):
    """The demo of `manage.py load_demo` (fixtures, demo users, the open quarter) with the
    rows a quarter's work leaves, made through the services and the pages: a submitted
    and a draft realisation and budget realisation of Rehlinjamsos, evidence on the draft,
    an issued PDF; plus the personas the demo has no user for."""
    opd = PerangkatDaerah.objects.select_related("pemda").get(slug=demo.DEMO_OPD_SLUG)
    lumajang = PerangkatDaerah.objects.select_related("pemda").exclude(pemda=opd.pemda).get()
    users = demo.create_demo_users(opd)
    demo.create_demo_pejabat(opd)
    demo.create_demo_pohon(opd)
    # a draft PK per jenjang of the Kepala Bidang Rehlinjamsos, drafted from the tree
    services_jenjang.pk_jenjang_buat(
        pejabat=Pejabat.objects.get(opd=opd, unit__slug=UNIT, eselon__startswith="III"),
        tahun=TAHUN,
        tempat="Probolinggo",
        tanggal=datetime.date(TAHUN, 1, 6),
    )
    unit = opd.unit_set.get(slug=UNIT)
    triwulan, _ = TriwulanPelaporan.objects.get_or_create(opd=opd, tahun=TAHUN, triwulan=TRIWULAN)
    users.update(
        {
            ADMIN_PEMDA: _akun("admin_pemda", roles.ADMIN, pemda=opd.pemda),
            TANPA_PERAN: _akun("tanpa_peran", opd=opd, unit=unit),
            OPERATOR_BIDANG_LAIN: _akun(
                "operator_bidang_lain", roles.OPERATOR, unit=opd.unit_set.get(slug=UNIT_LAIN)
            ),
            ADMIN_LAIN: _akun("admin_lain", roles.ADMIN, pemda=lumajang.pemda),
            OPERATOR_LAIN: _akun(
                "operator_lain", roles.OPERATOR, unit=UnitKerja.objects.filter(opd=lumajang)[0]
            ),
        }
    )
    operator = users[OPERATOR]

    periode = lingkup.periode_untuk(opd.pk, TAHUN)
    # Two indicators of the unit's entry sheet that take a plain number.
    angka = list(
        lingkup.indikator_unit(unit.pk)
        .filter(periode=periode)
        .exclude(tipe__in=[Indikator.Tipe.RASIO, Indikator.Tipe.KATEGORI])
        .order_by("urutan", "pk")[:2]
    )
    # The demo's illustrative 2025 pagu (fixtures/probolinggo_pagu_2025.json), made round.
    sub = list(SubKegiatan.objects.filter(unit=unit, periode=periode).order_by("kode")[:2])
    for sub_kegiatan in sub:
        Pagu.objects.update_or_create(
            sub_kegiatan=sub_kegiatan,
            tahun=TAHUN,
            berlaku_mulai=1,
            defaults={"jumlah": Decimal(100_000_000)},
        )
    tw = {"tahun": TAHUN, "triwulan": TRIWULAN}

    def isi(indikator):
        return services.realisasi_simpan(
            user=operator, indikator=indikator, versi=0, nilai="1", **tw
        )

    def belanja(sub_kegiatan):
        return realisasi_anggaran_simpan(
            user=operator, sub_kegiatan=sub_kegiatan, jumlah="1000", versi=0, **tw
        )

    diajukan, anggaran_diajukan = isi(angka[0]), belanja(sub[0])
    services.realisasi_ajukan(user=operator, unit=unit, **tw)
    diajukan.refresh_from_db()
    anggaran_diajukan.refresh_from_db()
    draf, anggaran_draf = isi(angka[1]), belanja(sub[1])
    bukti = services.bukti_simpan(user=operator, realisasi=draf, berkas=_berkas())
    bukti_hapus = services.bukti_simpan(user=operator, realisasi=draf, berkas=_berkas())
    draf.refresh_from_db()
    client.force_login(operator)
    templat = client.get(reverse("kinerja:realisasi_templat", args=[TAHUN, TRIWULAN]))
    assert templat.status_code == 200

    # An LKE of the open year with a hand-judged criterion, an evidence file of the
    # self-assessment and an open recommendation of the Inspektorat.
    evaluasi = evaluasi_services.evaluasi_buka(opd=opd, tahun=TAHUN)
    kriteria = Kriteria.objects.get(sub_komponen__komponen__versi=evaluasi.versi, kode="1.a.1")
    bukti_lke = evaluasi_services.bukti_simpan(
        user=users["perencana"],
        evaluasi=evaluasi,
        kriteria=kriteria,
        pihak=Pihak.MANDIRI,
        berkas=_berkas(),
    )
    rekomendasi = evaluasi_services.rekomendasi_buat(
        user=users[akses.INSPEKTORAT], evaluasi=evaluasi, kriteria=kriteria, uraian="Uji"
    )
    tindak_lanjut = evaluasi_services.tindak_lanjut_simpan(
        user=users["perencana"],
        rekomendasi=rekomendasi,
        uraian="Uji",
        batas_waktu=date(2025, 6, 30),
        berkas=_berkas(),
    )
    rekomendasi.refresh_from_db()
    rekomendasi.status = "terbuka"  # the address moves it to 'proses' itself
    rekomendasi.save(update_fields=["status"])

    # An uploaded LKjIP attachment of the open year (lampiran_hapus / lampiran_berkas).
    lampiran = lampiran_services.lampiran_simpan(
        user=users["perencana"], opd=opd, tahun=TAHUN, judul="Piagam", urutan=1, berkas=_berkas()
    )

    client.force_login(users["kadis"])
    client.get(reverse("laporan:pk_pdf", args=[opd.slug, TAHUN_DOKUMEN]))
    client.logout()

    # Jobs of the queue (issue 15): the PK's rendering above (the kadis's, open to the
    # OPD's readers), an upload preview of the operator and an import of the Pemda admin
    # (each only its owner's).
    unggahan = Pekerjaan.objects.create(
        jenis=kinerja_tasks.PRATINJAU,
        pemilik=operator,
        opd=opd,
        unit_id=unit.pk,
        status=Pekerjaan.Status.SELESAI,
        params={"unit": unit.pk, **tw},
        hasil={"perubahan": [], "kesalahan": [], "tetap": 0, "token": ""},
    )
    impor = Pekerjaan.objects.create(
        jenis=anggaran_tasks.IMPOR,
        pemilik=users[ADMIN_PEMDA],
        opd=opd,
        status=Pekerjaan.Status.SELESAI,
        params={"opd": opd.pk, "tahun_awal": 2021, "tahun_akhir": 2026, "dry_run": True},
        hasil={"kesalahan": [], "ringkasan": {}, "dry_run": True, "periode": None},
    )

    return SimpleNamespace(
        opd=opd,
        unit=unit,
        periode=periode,
        triwulan=triwulan,
        tw=tw,
        q_unit=f"unit={unit.pk}",
        diajukan=diajukan,
        draf=draf,
        anggaran_diajukan=anggaran_diajukan,
        anggaran_draf=anggaran_draf,
        bukti=bukti,
        bukti_hapus=bukti_hapus,
        workbook=templat.content,
        kode=DokumenTerbit.objects.get().kode,
        aksi=Aksi.objects.filter(rencana_aksi__unit=unit, rencana_aksi__tahun=TAHUN).first(),
        pejabat=Pejabat.objects.filter(opd=opd).order_by("pk").first(),
        users=users,
        kriteria=kriteria,
        bukti_lke=bukti_lke,
        rekomendasi=rekomendasi,
        tindak_lanjut=tindak_lanjut,
        lampiran=lampiran,
        pekerjaan=Pekerjaan.objects.get(jenis="dokumen-pdf"),
        unggahan=unggahan,
        impor=impor,
    )


@pytest.fixture(scope="module")
def dunia(_seed_data_module, django_db_blocker, tmp_path_factory):
    """Built once for the module inside the seed data's transaction (rolled back at the
    end); each test's own changes roll back with its savepoint. Sessions go to signed
    cookies so that a request writes no row of its own, and PDFs are not laid out."""
    tmp = tmp_path_factory.mktemp("matriks_akses")
    pengaturan = override_settings(
        PRIVATE_MEDIA_ROOT=tmp / "private",
        MEDIA_ROOT=tmp / "media",
        SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies",
    )
    with pytest.MonkeyPatch.context() as mp, pengaturan, django_db_blocker.unblock():
        mp.setattr(pdf, "html_to_pdf", _html_to_pdf_stub)
        yield _bangun_dunia(Client())


def jumlah_tulis():
    """Rows inserted, updated or deleted so far on this connection: the one number that
    moves whatever a request writes."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT total_changes()")
        else:
            cursor.execute(
                "SELECT COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0)"
                " FROM pg_stat_xact_user_tables"
            )
        return cursor.fetchone()[0]


class TulisPekerjaan:
    """Rows the queue's own job table took during a request (sakip.models.Pekerjaan): its
    bookkeeping, like a session, not data a refused request must leave alone. Under the
    tests' eager queue a refused upload is one job that ran and reported the refusal."""

    def __init__(self):
        self.n = 0

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        verb = sql.lstrip()[:6].upper()
        if "sakip_pekerjaan" in sql and verb in ("INSERT", "UPDATE", "DELETE"):
            # an INSERT … RETURNING on SQLite reports no rowcount: one job per insert
            self.n += 1 if verb == "INSERT" else max(context["cursor"].rowcount, 0)
        return result


# --- the matrix ----------------------------------------------------------------------------


def _kasus():
    kunci = [r.kunci for r in RUTE]
    for rute in RUTE:
        if rute.aturan is None or rute.kunci not in ALAMAT:
            continue  # reported by the two tests below
        nama = rute.kunci if kunci.count(rute.kunci) == 1 else f"{rute.kunci}({rute.lengkap})"
        for persona in PERSONA:
            for metode in ("GET", "POST"):
                yield pytest.param(rute, persona, metode, id=f"{nama}-{persona}-{metode}")


def _terima(response):
    return f"{response.status_code} {response.get('Location', '')}".strip()


@pytest.mark.parametrize(("rute", "persona", "metode"), list(_kasus()))
def test_every_url_answers_each_persona_as_its_rule_declares(
    seed_data, dunia, rute, persona, metode
):
    client = Client()
    if persona != ANONIM:
        client.force_login(dunia.users[persona])
    alamat = alamat_untuk(rute, dunia)
    url = alamat.url(rute.kunci)
    sebelum = jumlah_tulis()
    pekerjaan = TulisPekerjaan()
    with connection.execute_wrapper(pekerjaan):
        response = client.get(url) if metode == "GET" else client.post(url, alamat.data)
    harapan = rute.aturan.jawaban(persona, metode)
    ditulis = jumlah_tulis() - sebelum - pekerjaan.n
    status = response.status_code
    ke_login = reverse("login") + "?next="
    pesan = f"{metode} {url} as {persona}: declared {harapan}, got {_terima(response)}"
    if rute.aturan.catatan:
        pesan += f" ({rute.aturan.catatan})"
    try:
        if harapan == DILAYANI:
            assert status in (200, 302, 409, 422), pesan
            assert not response.get("Location", "").startswith(ke_login), pesan
        elif harapan == KE_LOGIN:
            assert status == 302, pesan
            assert response["Location"].startswith(ke_login), pesan
        else:
            assert status == harapan, pesan
        if harapan != DILAYANI or (metode == "POST" and status >= 400):
            assert ditulis == 0, f"{pesan}; the refused request wrote {ditulis} row(s)"
    except AssertionError:
        if persona == TANPA_PERAN and MENUNGGU_TANPA_PERAN:
            pytest.xfail(ALASAN_TANPA_PERAN)
        raise


def test_every_url_name_declares_who_may_get_and_post_it():
    tanpa = sorted(r.kunci for r in RUTE if r.aturan is None)
    assert not tanpa, (
        "These URLs have no rule: add an Aturan to AKSES beside their urls.py "
        f"(see sakip/akses.py): {tanpa}"
    )


def test_every_url_name_has_a_concrete_address_in_the_matrix():
    tanpa = sorted({r.kunci for r in RUTE} - set(ALAMAT))
    assert not tanpa, f"Add a concrete address to ALAMAT in {__name__}: {tanpa}"


def test_every_address_in_the_matrix_names_a_url_that_exists():
    assert not set(ALAMAT) - {r.kunci for r in RUTE}


def test_the_walk_reaches_every_app_and_unnamed_routes_but_not_the_admin():
    kunci = {r.kunci for r in RUTE}
    for contoh in (
        "home",
        "kinerja:entri",
        "anggaran:renstra_impor",
        "laporan:verifikasi",
        "renstra/indikator/",
    ):
        assert contoh in kunci
    assert not [k for k in kunci if k.startswith("admin")]
    assert len(list(_kasus())) == len(RUTE) * len(PERSONA) * 2


def test_the_write_counter_sees_a_saved_realisation_and_not_a_refused_one(seed_data, dunia):
    alamat = ALAMAT["kinerja:realisasi_simpan"](dunia)
    url = alamat.url("kinerja:realisasi_simpan")
    client = Client()
    client.force_login(dunia.users[OPERATOR_BIDANG_LAIN])
    sebelum = jumlah_tulis()
    assert client.post(url, alamat.data).status_code == 404
    assert jumlah_tulis() == sebelum
    client.force_login(dunia.users[OPERATOR])
    sebelum = jumlah_tulis()
    assert client.post(url, alamat.data).status_code == 200
    assert jumlah_tulis() > sebelum
