"""The uploaded attachments of an LKjIP (piagam penghargaan and the like): a bounded upload
reusing kinerja's evidence checks (type read from the bytes, BUKTI_MAX_BYTES), stored under
PRIVATE_MEDIA_ROOT with a random name, and their removal."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.models import StatusDokumen
from kinerja.services import bukti_storage, jenis_berkas, nama_berkas_pendek
from laporan.models import LampiranLkjip, LaporanKinerja
from laporan.services import laporan_get_or_create
from sakip import angka as fmt

# What an LKjIP attachment may be: an image printed in the PDF, or a PDF listed by title.
JENIS_LAMPIRAN = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
}
PESAN_JENIS = "Jenis berkas tidak diizinkan. Unggah PDF, JPG, atau PNG."


def _draf(laporan):
    lap = LaporanKinerja.objects.select_for_update().get(pk=laporan.pk)
    if lap.status == StatusDokumen.FINAL:
        raise ValidationError(
            "LKjIP sudah final dan lampirannya tidak dapat diubah. Minta admin membukanya kembali."
        )
    return lap


def periksa_berkas(berkas):
    """The content type of an acceptable attachment; ValidationError (Indonesian) for a
    missing, empty, too large or wrongly typed file. Reads only the first bytes."""
    if berkas is None:
        raise ValidationError({"berkas": "Pilih berkas lampiran."})
    maks = settings.BUKTI_MAX_BYTES
    if berkas.size > maks:
        raise ValidationError(
            {
                "berkas": "Ukuran berkas melebihi batas "
                f"{fmt.angka(Decimal(maks) / 1024 / 1024, 0)} MB."
            }
        )
    if berkas.size == 0:
        raise ValidationError({"berkas": "Berkas kosong."})
    nama = nama_berkas_pendek((berkas.name or "berkas").rsplit("/", 1)[-1].rsplit("\\", 1)[-1])
    ext = nama.rsplit(".", 1)[-1].lower() if "." in nama else ""
    jenis = jenis_berkas(berkas)
    if jenis is None or JENIS_LAMPIRAN.get(ext) != jenis:
        raise ValidationError({"berkas": PESAN_JENIS})
    return nama, jenis


@transaction.atomic
def lampiran_simpan(*, user, opd, tahun, judul, urutan, berkas):
    """Attach a file to the draft LKjIP of a year (its record made when there is none; a
    refusal leaves nothing behind)."""
    lap = _draf(laporan_get_or_create(opd=opd, tahun=tahun))
    judul = (judul or "").strip()
    if not judul:
        raise ValidationError({"judul": "Judul lampiran wajib diisi."})
    nama, jenis = periksa_berkas(berkas)
    obj = LampiranLkjip(
        laporan=lap,
        judul=judul,
        urutan=urutan or 1,
        nama_asli=nama,
        content_type=jenis,
        ukuran=berkas.size,
        diunggah_oleh=user,
    )
    storage = bukti_storage()
    path = storage.save(obj.berkas.field.upload_to(obj, nama), berkas)
    obj.berkas.name = path
    try:
        obj.full_clean()
        obj.save()
    except Exception:
        storage.delete(path)
        raise
    return obj


@transaction.atomic
def lampiran_hapus(*, user, lampiran):
    """Remove an attachment of a draft LKjIP; its file goes once the deletion commits."""
    _draf(lampiran.laporan)
    path = lampiran.berkas.name
    LampiranLkjip.objects.filter(pk=lampiran.pk).delete()
    transaction.on_commit(lambda: bukti_storage().delete(path))
