"""Where files live (issue 15 item 8): evidence and attachments in the storage alias
"bukti" (private: served only by views after a permission check), issued PDFs in
"dokumen". Both are entries of settings.STORAGES, set from the environment
(SAKIP_STORAGE_BUKTI, SAKIP_STORAGE_DOKUMEN; README, "Penyimpanan berkas"), by default the
local folders PRIVATE_MEDIA_ROOT and MEDIA_ROOT. Code reads and writes the files only
through the storage API (open, save, delete, exists), never a filesystem path, so a
deployment can put them on object storage (django-storages' S3 backend, MinIO).

BerkasBukti is the one abstract base of the three evidence models (kinerja's
BuktiRealisasi, evaluasi's BuktiLke, laporan's LampiranLkjip)."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.db import models
from django.utils.functional import LazyObject, cached_property, empty

BUKTI = "bukti"
DOKUMEN = "dokumen"


class PenyimpananPribadi(FileSystemStorage):
    """FileSystemStorage under PRIVATE_MEDIA_ROOT (unless `location` is given), read when
    first used and again after the setting changes (a test's temporary folder)."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @cached_property
    def location(self):
        return os.path.abspath(self.base_location)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


class _Alias(LazyObject):
    """The storage of one STORAGES alias, looked up when first used and again after
    STORAGES changes (override_settings), as django's default_storage does."""

    def __init__(self, alias):
        self.__dict__["alias"] = alias
        super().__init__()

    def _setup(self):
        self._wrapped = storages[self.__dict__["alias"]]


_ALIAS = {BUKTI: _Alias(BUKTI), DOKUMEN: _Alias(DOKUMEN)}


def _storages_berubah(*, setting, **kwargs):
    if setting == "STORAGES":
        for alias in _ALIAS.values():
            alias._wrapped = empty


setting_changed.connect(_storages_berubah)


def penyimpanan_bukti():
    """The private storage of evidence files and attachments (alias "bukti")."""
    return _ALIAS[BUKTI]


def penyimpanan_dokumen():
    """The storage of issued documents (alias "dokumen")."""
    return _ALIAS[DOKUMEN]


def jalur_unggah(instance, filename):
    """upload_to of BerkasBukti: the model's own random path (jalur_berkas)."""
    return instance.jalur_berkas(filename)


class BerkasBukti(models.Model):
    """An uploaded evidence file kept in the private storage under a random name; the
    original name, type (checked from the bytes) and size are kept in the row. A
    subclass names the path of its files (jalur_berkas)."""

    berkas = models.FileField(
        "berkas", upload_to=jalur_unggah, storage=penyimpanan_bukti, max_length=255
    )
    nama_asli = models.CharField("nama berkas", max_length=255)
    content_type = models.CharField(max_length=100)
    ukuran = models.PositiveIntegerField("ukuran (byte)")
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def jalur_berkas(self, filename):
        raise NotImplementedError

    def baca(self):
        """The stored bytes."""
        with self.berkas.storage.open(self.berkas.name, "rb") as handle:
            return handle.read()
