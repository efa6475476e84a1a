"""The workflow status shared by performance and budget realisations (DESIGN section 1:
draft -> diajukan -> diverifikasi, or dikembalikan back to the operator)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction


class StatusRealisasi(models.TextChoices):
    DRAFT = "draft", "Draf"
    DIAJUKAN = "diajukan", "Diajukan"
    DIVERIFIKASI = "diverifikasi", "Diverifikasi"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan"


DAPAT_DIUBAH = (StatusRealisasi.DRAFT, StatusRealisasi.DIKEMBALIKAN)


class RealisasiDihitung(models.TextChoices):
    """Which realisations the read model counts (a per-Pemda setting, issue 11 item 7)."""

    FINAL_TERVERIFIKASI = (
        "final_terverifikasi",
        "Dokumen final: hanya yang terverifikasi; draf, dasbor dan daftar: semua",
    )
    SEMUA = "semua", "Semua realisasi, termasuk yang belum diverifikasi"
    TERVERIFIKASI = "terverifikasi", "Hanya realisasi terverifikasi, di semua halaman"


TERVERIFIKASI = (StatusRealisasi.DIVERIFIKASI,)


def status_dihitung(aturan, *, final):
    """The statuses of the realisations a surface counts, None for all of them: with the
    default rule a final document (a closed quarter's Pengukuran, a finalised LKjIP) counts
    only verified rows while drafts, dashboards and listings show all and say so (issue 11
    item 7). The quarter's entry and verification sheets always show every row."""
    if aturan == RealisasiDihitung.TERVERIFIKASI or (
        final and aturan in (RealisasiDihitung.FINAL_TERVERIFIKASI, "", None)
    ):
        return TERVERIFIKASI
    return None


class KonflikVersi(ValidationError):
    """Someone else saved the row after the form was loaded: nothing is overwritten.
    `terkini` is the row as it is now (its value and who saved it)."""

    def __init__(self, message, terkini):
        super().__init__(message, code="konflik")
        self.terkini = terkini


def cek_versi(obj, versi, nilai_tampil):
    """KonflikVersi unless `versi` (what the editor loaded; 0 for a row that did not exist)
    is the stored row's version: someone else saved in between. Returns the current
    version. Pure: `obj` is the stored row (or None, with `diubah_oleh` loaded) read by the
    caller; `nilai_tampil(obj)` is its value as a person reads it."""
    try:
        versi = int(versi)
    except (TypeError, ValueError):
        versi = -1
    current = obj.versi if obj else 0
    if versi != current:
        siapa = nama_pengguna(obj.diubah_oleh) if obj else "pengguna lain"
        raise KonflikVersi(
            f"Data ini sudah diubah oleh {siapa} setelah Anda membuka halaman "
            f"(nilai sekarang: {nilai_tampil(obj)}). Perubahan Anda tidak disimpan; "
            "periksa nilai terbaru lalu simpan lagi bila perlu.",
            terkini=obj,
        )
    return current


def cek_dapat_diubah(obj):
    if obj.status == StatusRealisasi.DIVERIFIKASI:
        raise ValidationError(
            "Realisasi ini sudah diverifikasi dan tidak dapat diubah.", code="terkunci"
        )
    if obj.status == StatusRealisasi.DIAJUKAN:
        raise ValidationError(
            "Realisasi ini sudah diajukan dan sedang menunggu verifikasi; tidak dapat diubah.",
            code="terkunci",
        )


def nama_pengguna(user):
    if user is None:
        return "pengguna lain"
    return user.get_full_name() or user.username


def simpan_baru_atau_konflik(obj, *, created):
    """Save; when two people create the same row at once, the second insert meets the
    unique constraint and is told like any other concurrent edit."""
    if not created:
        obj.save()
        return
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise KonflikVersi(
            "Data ini baru saja diisi oleh pengguna lain. Perubahan Anda tidak disimpan; "
            "muat ulang baris untuk melihat nilai terbaru.",
            terkini=None,
        ) from None
