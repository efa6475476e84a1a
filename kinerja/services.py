"""Writes of the quarterly workflow (issue 4): realisations, their submission and
verification and evidence files (opening and closing quarters: renstra.services).

Every function takes keyword-only arguments, checks every rule on the server (scope,
closed quarter, status, version) and runs in one transaction; a refused write raises
ValidationError with an Indonesian message (a dict keyed by field where a field is to
blame) and changes nothing. Views, the Excel upload and the shell all call these."""

import zipfile
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from anggaran.models import RealisasiAnggaran
from kinerja.models import (
    BuktiRealisasi,
    Realisasi,
    bukti_upload_to,
)
from renstra.lingkup import (
    boleh_isi_indikator,
    boleh_verifikasi_indikator,
    boleh_verifikasi_sub_kegiatan,
    indikator_unit,
)
from renstra.models import Indikator
from renstra.services import triwulan_terbuka
from sakip import access, batas, capaian
from sakip import angka as fmt
from sakip.alur import (
    DAPAT_DIUBAH,
    KonflikVersi,
    StatusRealisasi,
    cek_dapat_diubah,
    cek_versi,
    simpan_baru_atau_konflik,
)
from sakip.berkas import penyimpanan_bukti


def bukti_storage():
    """The private storage of evidence files (the STORAGES alias "bukti", sakip.berkas):
    by default PRIVATE_MEDIA_ROOT, never under a public URL."""
    return penyimpanan_bukti()


# --- realisations ------------------------------------------------------------------------


def _label_status(status):
    return StatusRealisasi(status).label.lower()


def _angka_nonneg(value, field, label):
    """A typed measure, read by the one parser and held to the bounds of the column
    (sakip.batas), with the message next to `field`."""
    if value is None:
        return None
    try:
        d = fmt.parse_angka(value)
    except fmt.AngkaTidakSah as exc:
        raise ValidationError({field: str(exc)}) from None
    if d is not None and d < 0:
        raise ValidationError({field: f"{label} tidak boleh negatif."})
    return _dalam_batas(d, field)


def satuan_utuh(nilai, satuan, field, teks=None):
    """`nilai`, or ValidationError next to `field` when its unit counts things and the
    number has a fraction ("12,5 orang"; the unit list is sakip.angka.SATUAN_BULAT)."""
    try:
        return fmt.cek_satuan(nilai, satuan, teks if isinstance(teks, str) else None)
    except fmt.AngkaTidakSah as exc:
        raise ValidationError({field: str(exc)}) from None


def _dalam_batas(d, field, jenis=batas.UKURAN):
    try:
        return batas.cek_batas(d, jenis)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None


def nilai_tampil_realisasi(obj):
    """The value of a realisation as a person reads it (for conflict messages)."""
    if obj is None:
        return "–"
    if obj.tidak_terukur:
        return f"{fmt.TIDAK_TERUKUR} ({obj.alasan_tidak_terukur})"
    if obj.level_id:
        return obj.level.nama
    if obj.pembilang is not None and obj.penyebut is not None:
        return f"{fmt.angka(obj.nilai, 2)} ({fmt.angka(obj.pembilang)} / {fmt.angka(obj.penyebut)})"
    return fmt.angka(obj.nilai)


# Foreign keys a row's check leaves to the database (checking them costs a query each).
_FK_REALISASI = (
    "indikator",
    "level",
    "dibuat_oleh",
    "diubah_oleh",
    "diajukan_oleh",
    "diverifikasi_oleh",
)


def periksa_realisasi(
    *,
    user,
    indikator,
    lama,
    tahun,
    triwulan,
    versi,
    nilai=None,
    pembilang=None,
    penyebut=None,
    level=None,
    penjelasan="",
    tidak_terukur=False,
    alasan_tidak_terukur="",
):
    """Every rule of a realisation's value, without a query: the one check that the web
    form (realisasi_simpan) and the Excel upload (kinerja.unggah, for all rows at once)
    run. `indikator` comes with its periode and skala, `lama` is the stored row (with
    `diubah_oleh` and `level`) or None, `level` a LevelKategori or None. Returns the row
    (`lama` changed, or a new one) ready to save with the next version, or raises
    ValidationError / KonflikVersi with an Indonesian message. The caller has checked
    permission and that the quarter is open."""
    current = cek_versi(lama, versi, nilai_tampil_realisasi)
    if lama is not None:
        cek_dapat_diubah(lama)
        obj = lama
    else:
        obj = Realisasi(tahun=tahun, triwulan=triwulan, dibuat_oleh=user)
    obj.indikator = indikator

    tipe = indikator.tipe
    obj.nilai = obj.pembilang = obj.penyebut = None
    obj.level = None
    obj.tidak_terukur = bool(tidak_terukur)
    obj.alasan_tidak_terukur = (alasan_tidak_terukur or "").strip() if tidak_terukur else ""
    if obj.tidak_terukur:
        if not obj.alasan_tidak_terukur:
            raise ValidationError(
                {"alasan_tidak_terukur": "Alasan wajib diisi bila indikator tidak dapat diukur."}
            )
    elif tipe == Indikator.Tipe.KATEGORI:
        if level is None or level == "":
            raise ValidationError({"level": "Pilih kategori realisasi."})
        if getattr(level, "skala_id", None) != indikator.skala_id:
            raise ValidationError({"level": "Kategori tidak ada pada skala indikator ini."})
        obj.level = level
    elif tipe == Indikator.Tipe.RASIO:
        p = _angka_nonneg(pembilang, "pembilang", "Pembilang")
        q = _angka_nonneg(penyebut, "penyebut", "Penyebut")
        if p is None:
            raise ValidationError({"pembilang": "Pembilang wajib diisi."})
        if q is None:
            raise ValidationError({"penyebut": "Penyebut wajib diisi."})
        if q == 0:
            raise ValidationError({"penyebut": "Penyebut tidak boleh nol."})
        obj.pembilang, obj.penyebut = p, q
        nilai = capaian.nilai_rasio(p, q, indikator.pengali)
        if nilai.copy_abs() > batas.UKURAN.terbesar:
            # Checked before rounding: quantize() of a huge quotient would raise instead.
            raise ValidationError(
                {
                    "pembilang": "Hasil pembilang / penyebut terlalu besar: paling banyak "
                    f"{fmt.angka(batas.UKURAN.terbesar, batas.UKURAN.desimal)}."
                }
            )
        # Stored to the field's four decimals; the exact figure is recomputed for reports.
        obj.nilai = nilai.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    else:
        n = _angka_nonneg(nilai, "nilai", "Nilai realisasi")
        if n is None:
            raise ValidationError({"nilai": "Nilai realisasi wajib diisi."})
        obj.nilai = satuan_utuh(n, indikator.satuan, "nilai", nilai)
    obj.penjelasan = (penjelasan or "").strip()
    obj.diubah_oleh = user
    obj.versi = current + 1
    # The fields' own validators (bounds) and the model's clean() (the year inside the
    # period, the level of the scale); uniqueness and foreign keys are the database's.
    obj.full_clean(exclude=_FK_REALISASI, validate_unique=False, validate_constraints=False)
    return obj


@transaction.atomic
def realisasi_simpan(
    *,
    user,
    indikator,
    tahun,
    triwulan,
    versi,
    nilai=None,
    pembilang=None,
    penyebut=None,
    level=None,
    penjelasan="",
    tidak_terukur=False,
    alasan_tidak_terukur="",
):
    """Save one quarter's realisation of an indicator.

    `versi` is the version the editor loaded (0 for a row that did not exist); a
    different current version means someone else saved in between: KonflikVersi, nothing
    written. Numbers may be Decimals or text as typed ("86,5", "1.250.000"). Ratio
    indicators take pembilang/penyebut and get `nilai` computed (× Indikator.pengali);
    categorical indicators take a LevelKategori of their scale. `tidak_terukur` records
    that the indicator cannot be measured this quarter instead of a figure: the reason
    (`alasan_tidak_terukur`) is required and any typed figure is dropped (issue 11 item 5).
    The rules of the value are periksa_realisasi's.
    """
    indikator = Indikator.objects.select_related("periode", "skala").get(pk=indikator.pk)
    if not boleh_isi_indikator(user, indikator):
        raise PermissionDenied("Indikator ini bukan tanggungan unit Anda.")
    triwulan_terbuka(opd_id=indikator.periode.opd_id, tahun=tahun, triwulan=triwulan)

    lama = (
        Realisasi.objects.select_for_update(of=("self",))
        .select_related("diubah_oleh", "level")
        .filter(indikator=indikator, tahun=tahun, triwulan=triwulan)
        .first()
    )
    obj = periksa_realisasi(
        user=user,
        indikator=indikator,
        lama=lama,
        tahun=tahun,
        triwulan=triwulan,
        versi=versi,
        nilai=nilai,
        pembilang=pembilang,
        penyebut=penyebut,
        level=level,
        penjelasan=penjelasan,
        tidak_terukur=tidak_terukur,
        alasan_tidak_terukur=alasan_tidak_terukur,
    )
    # The row's uniqueness is the database's job (a concurrent insert is a conflict, see
    # simpan_baru_atau_konflik), not a validation message.
    obj.full_clean(exclude=["indikator"])
    obj._history_user = user
    simpan_baru_atau_konflik(obj, created=lama is None)
    return obj


def _baris_unit(unit_id, tahun, triwulan):
    return Realisasi.objects.filter(
        indikator__in=indikator_unit(unit_id).values("pk"), tahun=tahun, triwulan=triwulan
    )


@transaction.atomic
def realisasi_ajukan(*, user, unit, tahun, triwulan):
    """Submit the unit's quarter for verification: its draft and returned rows (kinerja
    and anggaran) become "diajukan". Returns the number of rows submitted."""

    if not access.can_edit_unit(user, unit):
        raise PermissionDenied("Unit ini bukan unit Anda.")
    triwulan_terbuka(opd_id=unit.opd_id, tahun=tahun, triwulan=triwulan)
    now = timezone.now()
    rows = list(
        _baris_unit(unit.pk, tahun, triwulan).select_for_update().filter(status__in=DAPAT_DIUBAH)
    )
    anggaran = list(
        RealisasiAnggaran.objects.select_for_update().filter(
            sub_kegiatan__unit_id=unit.pk, tahun=tahun, triwulan=triwulan, status__in=DAPAT_DIUBAH
        )
    )
    if not rows and not anggaran:
        raise ValidationError(
            "Tidak ada realisasi yang dapat diajukan: isi dan simpan realisasi terlebih dahulu."
        )
    for obj in rows:
        obj.status = StatusRealisasi.DIAJUKAN
        obj.diajukan_oleh = user
        obj.diajukan_pada = now
        obj.versi += 1
        obj._history_user = user
        obj.save()
    for obj in anggaran:
        obj.status = StatusRealisasi.DIAJUKAN
        obj.versi += 1
        obj._history_user = user
        obj.save()
    return len(rows) + len(anggaran)


def _cek_verifikasi(user, obj, boleh):
    if not boleh:
        raise PermissionDenied("Realisasi ini bukan wewenang verifikasi Anda.")
    if obj.status != StatusRealisasi.DIAJUKAN:
        raise ValidationError(
            f"Hanya realisasi berstatus diajukan yang dapat diverifikasi "
            f"(status sekarang: {_label_status(obj.status)})."
        )


def _cek_versi_verifikasi(obj, versi):
    if versi is None:
        return
    try:
        versi = int(versi)
    except (TypeError, ValueError):
        versi = -1
    if versi != obj.versi:
        raise KonflikVersi(
            "Realisasi ini sudah berubah setelah Anda membuka halaman; muat ulang halaman.",
            terkini=obj,
        )


def _triwulan_baris_terbuka(obj, pemilik):
    """Lock the quarter of a realisation row before the row itself: every write takes the
    quarter first (triwulan_terbuka), so two writes never wait for each other in opposite
    order (a deadlock on PostgreSQL). A row's year, quarter and owner never change, so the
    caller's copy is enough to find its quarter."""
    triwulan_terbuka(opd_id=pemilik.periode.opd_id, tahun=obj.tahun, triwulan=obj.triwulan)


def _kunci(model, obj):
    return model.objects.select_for_update().select_related().get(pk=obj.pk)


@transaction.atomic
def realisasi_verifikasi(*, user, realisasi, versi=None, catatan=""):
    """Approve one submitted realisation (diajukan → diverifikasi)."""
    _triwulan_baris_terbuka(realisasi, realisasi.indikator)
    obj = _kunci(Realisasi, realisasi)
    _cek_verifikasi(user, obj, boleh_verifikasi_indikator(user, obj.indikator))
    _cek_versi_verifikasi(obj, versi)
    obj.status = StatusRealisasi.DIVERIFIKASI
    obj.catatan_verifikasi = (catatan or "").strip()
    obj.diverifikasi_oleh = user
    obj.diverifikasi_pada = timezone.now()
    obj.versi += 1
    obj._history_user = user
    obj.save()
    return obj


@transaction.atomic
def realisasi_kembalikan(*, user, realisasi, catatan, versi=None):
    """Return one submitted realisation to the operator with a comment (diajukan →
    dikembalikan). The comment is required: it is what the operator must fix."""
    catatan = (catatan or "").strip()
    if not catatan:
        raise ValidationError({"catatan": "Catatan wajib diisi saat mengembalikan realisasi."})
    _triwulan_baris_terbuka(realisasi, realisasi.indikator)
    obj = _kunci(Realisasi, realisasi)
    _cek_verifikasi(user, obj, boleh_verifikasi_indikator(user, obj.indikator))
    _cek_versi_verifikasi(obj, versi)
    obj.status = StatusRealisasi.DIKEMBALIKAN
    obj.catatan_verifikasi = catatan
    obj.diverifikasi_oleh = user
    obj.diverifikasi_pada = timezone.now()
    obj.versi += 1
    obj._history_user = user
    obj.save()
    return obj


@transaction.atomic
def realisasi_anggaran_verifikasi(*, user, realisasi_anggaran, versi=None, catatan=""):

    _triwulan_baris_terbuka(realisasi_anggaran, realisasi_anggaran.sub_kegiatan)
    obj = _kunci(RealisasiAnggaran, realisasi_anggaran)
    _cek_verifikasi(user, obj, boleh_verifikasi_sub_kegiatan(user, obj.sub_kegiatan))
    _cek_versi_verifikasi(obj, versi)
    obj.status = StatusRealisasi.DIVERIFIKASI
    obj.catatan_verifikasi = (catatan or "").strip()
    obj.versi += 1
    obj._history_user = user
    obj.save()
    return obj


@transaction.atomic
def realisasi_anggaran_kembalikan(*, user, realisasi_anggaran, catatan, versi=None):

    catatan = (catatan or "").strip()
    if not catatan:
        raise ValidationError({"catatan": "Catatan wajib diisi saat mengembalikan realisasi."})
    _triwulan_baris_terbuka(realisasi_anggaran, realisasi_anggaran.sub_kegiatan)
    obj = _kunci(RealisasiAnggaran, realisasi_anggaran)
    _cek_verifikasi(user, obj, boleh_verifikasi_sub_kegiatan(user, obj.sub_kegiatan))
    _cek_versi_verifikasi(obj, versi)
    obj.status = StatusRealisasi.DIKEMBALIKAN
    obj.catatan_verifikasi = catatan
    obj.versi += 1
    obj._history_user = user
    obj.save()
    return obj


@transaction.atomic
def triwulan_verifikasi_semua(*, user, unit, tahun, triwulan, setujui, catatan=""):
    """Approve (setujui=True) or return every submitted row of a unit's quarter at once.
    Returning requires a comment. Returns the number of rows changed."""

    if not access.can_verify_unit(user, unit):
        raise PermissionDenied("Unit ini bukan wewenang verifikasi Anda.")
    catatan = (catatan or "").strip()
    if not setujui and not catatan:
        raise ValidationError({"catatan": "Catatan wajib diisi saat mengembalikan realisasi."})
    triwulan_terbuka(opd_id=unit.opd_id, tahun=tahun, triwulan=triwulan)
    status = StatusRealisasi.DIVERIFIKASI if setujui else StatusRealisasi.DIKEMBALIKAN
    now = timezone.now()
    rows = list(
        _baris_unit(unit.pk, tahun, triwulan)
        .select_for_update()
        .filter(status=StatusRealisasi.DIAJUKAN)
    )
    anggaran = list(
        RealisasiAnggaran.objects.select_for_update().filter(
            sub_kegiatan__unit_id=unit.pk,
            tahun=tahun,
            triwulan=triwulan,
            status=StatusRealisasi.DIAJUKAN,
        )
    )
    if not rows and not anggaran:
        raise ValidationError("Tidak ada realisasi berstatus diajukan pada triwulan ini.")
    for obj in rows:
        obj.status = status
        obj.catatan_verifikasi = catatan
        obj.diverifikasi_oleh = user
        obj.diverifikasi_pada = now
        obj.versi += 1
        obj._history_user = user
        obj.save()
    for obj in anggaran:
        obj.status = status
        obj.catatan_verifikasi = catatan
        obj.versi += 1
        obj._history_user = user
        obj.save()
    return len(rows) + len(anggaran)


# --- evidence ----------------------------------------------------------------------------

JENIS_BUKTI = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def jenis_berkas(berkas):
    """The content type from the file's bytes (not its name), or None when it is not a
    PDF, JPEG, PNG or XLSX."""
    berkas.seek(0)
    head = berkas.read(8)
    berkas.seek(0)
    if head.startswith(b"%PDF-"):
        return JENIS_BUKTI["pdf"]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return JENIS_BUKTI["png"]
    if head.startswith(b"\xff\xd8\xff"):
        return JENIS_BUKTI["jpg"]
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(berkas) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            berkas.seek(0)
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return JENIS_BUKTI["xlsx"]
    return None


def nama_berkas_pendek(nama, maks=200):
    """The uploaded name cut to `maks` characters at the end of its stem, so the extension
    (which the type check reads) survives a long name."""
    if len(nama) <= maks:
        return nama
    stem, dot, ext = nama.rpartition(".")
    if not dot or not stem or len(ext) >= maks - 1:
        return nama[:maks]
    return f"{stem[: maks - len(ext) - 1]}.{ext}"


@transaction.atomic
def bukti_simpan(*, user, realisasi, berkas):
    """Attach an evidence file (PDF, JPG, PNG or XLSX, checked by content; at most
    settings.BUKTI_MAX_BYTES) to a realisation the user may still edit."""
    _triwulan_baris_terbuka(realisasi, realisasi.indikator)
    obj = (
        Realisasi.objects.select_for_update()
        .select_related("indikator__periode")
        .get(pk=realisasi.pk)
    )
    if not boleh_isi_indikator(user, obj.indikator):
        raise PermissionDenied("Indikator ini bukan tanggungan unit Anda.")
    cek_dapat_diubah(obj)
    if berkas is None:
        raise ValidationError({"berkas": "Pilih berkas bukti dukung."})
    maks = settings.BUKTI_MAX_BYTES
    if berkas.size > maks:
        raise ValidationError(
            {
                "berkas": f"Ukuran berkas melebihi batas {fmt.angka(Decimal(maks) / 1024 / 1024, 0)} MB."
            }
        )
    if berkas.size == 0:
        raise ValidationError({"berkas": "Berkas kosong."})
    nama = nama_berkas_pendek((berkas.name or "berkas").rsplit("/", 1)[-1].rsplit("\\", 1)[-1])
    ext = nama.rsplit(".", 1)[-1].lower() if "." in nama else ""
    jenis = jenis_berkas(berkas)
    if jenis is None or JENIS_BUKTI.get(ext) != jenis:
        raise ValidationError(
            {"berkas": "Jenis berkas tidak diizinkan. Unggah PDF, JPG, PNG, atau XLSX."}
        )
    bukti = BuktiRealisasi(
        realisasi=obj,
        nama_asli=nama,
        content_type=jenis,
        ukuran=berkas.size,
        diunggah_oleh=user,
    )
    path = bukti_storage().save(bukti_upload_to(bukti, nama), berkas)
    bukti.berkas.name = path
    try:
        bukti.full_clean()
        bukti.save()
    except Exception:
        bukti_storage().delete(path)
        raise
    return bukti


@transaction.atomic
def bukti_hapus(*, user, bukti):
    obj = BuktiRealisasi.objects.select_related("realisasi__indikator__periode").get(pk=bukti.pk)
    realisasi = obj.realisasi
    if not boleh_isi_indikator(user, realisasi.indikator):
        raise PermissionDenied("Indikator ini bukan tanggungan unit Anda.")
    triwulan_terbuka(
        opd_id=realisasi.indikator.periode.opd_id,
        tahun=realisasi.tahun,
        triwulan=realisasi.triwulan,
    )
    cek_dapat_diubah(realisasi)
    path = obj.berkas.name
    obj.delete()
    transaction.on_commit(lambda: bukti_storage().delete(path))
