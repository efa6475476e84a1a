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


class KonflikVersi(ValidationError):
    """Someone else saved the row after the form was loaded: nothing is overwritten.
    `terkini` is the row as it is now (its value and who saved it)."""

    def __init__(self, message, terkini):
        super().__init__(message, code="konflik")
        self.terkini = terkini


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
