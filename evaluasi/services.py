"""Writes of the Evaluasi AKIP (STYLE: keyword-only arguments, full_clean before save).

Who writes which side is decided here, not in the views: the OPD's self-assessment by its
Perencana (approved by its Kepala Dinas), the Inspektorat's evaluation by the Inspektorat
of the OPD's Pemda. Neither side can touch the other's answers. Recommendations follow
terbuka → proses → selesai → diterima, and nothing else."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from evaluasi import bukti, skor
from evaluasi.models import (
    BuktiLke,
    Evaluasi,
    Jawaban,
    Komponen,
    Kriteria,
    Pemantauan,
    Pihak,
    Rekomendasi,
    StatusRekomendasi,
    SubKomponen,
    SyaratSub,
    TindakLanjut,
    VersiLke,
    bukti_lke_upload_to,
)
from kinerja.services import JENIS_BUKTI, bukti_storage, jenis_berkas, nama_berkas_pendek
from sakip import access, roles

# --- the LKE as data ----------------------------------------------------------------------


@transaction.atomic
def lke_muat(*, data):
    """Create a VersiLke from the fixture's dict (fixtures/lke_88_2021.json). A version
    that exists already is left as it is: a later regulation is a new version, never an
    edit of an old one. Returns (versi, dibuat)."""
    versi = VersiLke.objects.filter(kode=data["kode"]).first()
    if versi:
        return versi, False
    versi = VersiLke(
        kode=data["kode"],
        regulasi=data["regulasi"],
        tahun_mulai=data["tahun_mulai"],
        metode=data.get("metode", VersiLke.Metode.KRITERIA),
    )
    versi.full_clean()
    versi.save()
    total = Decimal(0)
    for k in data["komponen"]:
        komponen = Komponen(versi=versi, kode=k["kode"], nama=k["nama"], bobot=Decimal(k["bobot"]))
        komponen.full_clean(exclude=["versi"])
        komponen.save()
        total += komponen.bobot
        jumlah_sub = Decimal(0)
        for s in k["sub_komponen"]:
            sub = SubKomponen(
                komponen=komponen,
                kode=s["kode"],
                jenis=s["jenis"],
                nama=s["nama"],
                bobot=Decimal(s["bobot"]),
            )
            sub.full_clean(exclude=["komponen"])
            sub.save()
            jumlah_sub += sub.bobot
            for urutan, c in enumerate(s["kriteria"], 1):
                kriteria = Kriteria(
                    sub_komponen=sub,
                    kode=c["kode"],
                    urutan=urutan,
                    uraian=c["uraian"],
                    skala=c["skala"],
                    aturan=c.get("aturan", ""),
                )
                kriteria.full_clean(exclude=["sub_komponen"])
                kriteria.save()
        if jumlah_sub != komponen.bobot:
            raise ValidationError(
                f"Bobot sub-komponen {komponen.kode} tidak berjumlah {komponen.bobot}."
            )
    if total != 100:
        raise ValidationError("Bobot komponen LKE harus berjumlah 100.")
    return versi, True


# --- who may write ------------------------------------------------------------------------


def boleh_isi(user, evaluasi, pihak):
    """May `user` write the answers of `pihak` on this evaluation (ignoring its status)?"""
    if user.is_superuser:
        return True
    if pihak == Pihak.MANDIRI:
        return access.has_role(user, roles.PERENCANA) and user.opd_id == evaluasi.opd_id
    return (
        access.has_role(user, roles.INSPEKTORAT)
        and user.pemda_id is not None
        and user.pemda_id == evaluasi.opd.pemda_id
    )


def boleh_setujui(user, evaluasi):
    if user.is_superuser:
        return True
    return access.has_role(user, roles.KEPALA_DINAS) and user.opd_id == evaluasi.opd_id


def boleh_tindak_lanjut(user, evaluasi):
    if user.is_superuser:
        return True
    return (
        access.has_role(user, roles.PERENCANA, roles.KEPALA_DINAS)
        and user.opd_id == evaluasi.opd_id
    )


def _terkunci(evaluasi, pihak):
    if pihak == Pihak.MANDIRI:
        return evaluasi.status_mandiri == Evaluasi.StatusMandiri.DISETUJUI
    return evaluasi.status_inspektorat == Evaluasi.StatusInspektorat.FINAL


def _cek_pihak(user, evaluasi, pihak):
    if pihak not in Pihak.values:
        raise ValidationError("Pihak penilai tidak dikenal.")
    if not boleh_isi(user, evaluasi, pihak):
        raise PermissionDenied("Anda tidak berwenang mengisi penilaian ini.")
    if _terkunci(evaluasi, pihak):
        raise ValidationError("Penilaian ini sudah disetujui/final dan tidak dapat diubah.")


# --- the evaluation -----------------------------------------------------------------------


def evaluasi_buka(*, opd, tahun):
    """The evaluation of `opd` for `tahun`, created on first use with the LKE version in
    force that year."""
    evaluasi = Evaluasi.objects.filter(opd=opd, tahun=tahun).select_related("versi").first()
    if evaluasi:
        return evaluasi
    versi = VersiLke.objects.untuk_tahun(tahun)
    if versi is None:
        raise ValidationError(f"Belum ada LKE yang berlaku untuk tahun {tahun}.")
    evaluasi = Evaluasi(opd=opd, tahun=tahun, versi=versi)
    evaluasi.full_clean()
    evaluasi.save()
    return evaluasi


@transaction.atomic
def jawaban_simpan(*, user, evaluasi, kriteria, pihak, jawaban, catatan=""):
    """Save one side's answer. When the criterion has an evidence rule (evaluasi.bukti) the
    system's proposal is computed here, not taken from the form; an answer that differs
    from it needs a note saying why, and the proposal is kept beside the answer."""
    evaluasi = Evaluasi.objects.select_for_update().select_related("opd").get(pk=evaluasi.pk)
    _cek_pihak(user, evaluasi, pihak)
    if kriteria.sub_komponen.komponen.versi_id != evaluasi.versi_id:
        raise ValidationError("Kriteria bukan bagian dari LKE evaluasi ini.")
    jawaban = (jawaban or "").strip().upper()
    catatan = (catatan or "").strip()
    try:
        skor.nilai_jawaban(jawaban, kriteria.skala)
    except ValueError:
        raise ValidationError(
            {"jawaban": "Pilih jawaban yang ada pada skala kriteria ini."}
        ) from None
    if not jawaban:
        raise ValidationError({"jawaban": "Pilih jawaban."})
    aturan = bukti.ATURAN.get(kriteria.aturan)
    saran = bukti.saran(aturan[1](evaluasi), kriteria.skala) if aturan else ""
    if saran and jawaban != saran and not catatan:
        raise ValidationError(
            {"catatan": "Jawaban berbeda dari saran sistem: tuliskan alasannya di catatan."}
        )
    obj, _ = Jawaban.objects.get_or_create(
        evaluasi=evaluasi,
        kriteria=kriteria,
        pihak=pihak,
        defaults={"jawaban": jawaban, "diubah_oleh": user},
    )
    obj.jawaban, obj.catatan, obj.saran, obj.diubah_oleh = jawaban, catatan, saran, user
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def syarat_sub_simpan(*, user, evaluasi, sub_komponen, pihak, syarat_bb, syarat_a, syarat_aa):
    """One side's explicit checks on a sub-component (the regulation's method, §3.1)."""
    evaluasi = Evaluasi.objects.select_for_update().select_related("opd").get(pk=evaluasi.pk)
    _cek_pihak(user, evaluasi, pihak)
    if sub_komponen.komponen.versi_id != evaluasi.versi_id:
        raise ValidationError("Sub-komponen bukan bagian dari LKE evaluasi ini.")
    obj, _ = SyaratSub.objects.get_or_create(
        evaluasi=evaluasi, sub_komponen=sub_komponen, pihak=pihak
    )
    obj.syarat_bb, obj.syarat_a, obj.syarat_aa = bool(syarat_bb), bool(syarat_a), bool(syarat_aa)
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def mandiri_setujui(*, user, evaluasi):
    """The Kepala Dinas approves the self-assessment; it is read-only afterwards. Every
    criterion must have an answer."""
    evaluasi = Evaluasi.objects.select_for_update().get(pk=evaluasi.pk)
    if not boleh_setujui(user, evaluasi):
        raise PermissionDenied("Hanya Kepala Dinas yang dapat menyetujui penilaian mandiri.")
    if evaluasi.status_mandiri == Evaluasi.StatusMandiri.DISETUJUI:
        raise ValidationError("Penilaian mandiri sudah disetujui.")
    _cek_lengkap(evaluasi, Pihak.MANDIRI)
    evaluasi.status_mandiri = Evaluasi.StatusMandiri.DISETUJUI
    evaluasi.disetujui_oleh, evaluasi.disetujui_pada = user, timezone.now()
    evaluasi.save(update_fields=["status_mandiri", "disetujui_oleh", "disetujui_pada"])
    return evaluasi


@transaction.atomic
def inspektorat_finalkan(*, user, evaluasi):
    evaluasi = Evaluasi.objects.select_for_update().select_related("opd").get(pk=evaluasi.pk)
    _cek_pihak(user, evaluasi, Pihak.INSPEKTORAT)
    _cek_lengkap(evaluasi, Pihak.INSPEKTORAT)
    evaluasi.status_inspektorat = Evaluasi.StatusInspektorat.FINAL
    evaluasi.difinalkan_pada = timezone.now()
    evaluasi.save(update_fields=["status_inspektorat", "difinalkan_pada"])
    return evaluasi


def _cek_lengkap(evaluasi, pihak):
    semua = Kriteria.objects.filter(sub_komponen__komponen__versi=evaluasi.versi_id).count()
    terisi = evaluasi.jawaban_set.filter(pihak=pihak).count()
    if terisi < semua:
        raise ValidationError(f"Masih ada {semua - terisi} kriteria yang belum dijawab.")


def _berkas_aman(berkas):
    """(nama, content type) of an upload within settings.BUKTI_MAX_BYTES whose content is
    a PDF, JPG, PNG or XLSX (the checks of kinerja's evidence)."""
    if berkas is None:
        raise ValidationError({"berkas": "Pilih berkas bukti dukung."})
    if berkas.size > settings.BUKTI_MAX_BYTES:
        raise ValidationError({"berkas": "Ukuran berkas melebihi batas."})
    if berkas.size == 0:
        raise ValidationError({"berkas": "Berkas kosong."})
    nama = nama_berkas_pendek((berkas.name or "berkas").rsplit("/", 1)[-1].rsplit("\\", 1)[-1])
    ext = nama.rsplit(".", 1)[-1].lower() if "." in nama else ""
    jenis = jenis_berkas(berkas)
    if jenis is None or JENIS_BUKTI.get(ext) != jenis:
        raise ValidationError(
            {"berkas": "Jenis berkas tidak diizinkan. Unggah PDF, JPG, PNG, atau XLSX."}
        )
    return nama, jenis


@transaction.atomic
def bukti_simpan(*, user, evaluasi, kriteria, pihak, berkas):
    """Attach an evidence file to one side's answer of a criterion."""
    evaluasi = Evaluasi.objects.select_for_update().select_related("opd").get(pk=evaluasi.pk)
    _cek_pihak(user, evaluasi, pihak)
    nama, jenis = _berkas_aman(berkas)
    bukti = BuktiLke(
        evaluasi=evaluasi,
        kriteria=kriteria,
        pihak=pihak,
        nama_asli=nama,
        content_type=jenis,
        ukuran=berkas.size,
        diunggah_oleh=user,
    )
    path = bukti_storage().save(bukti_lke_upload_to(bukti, nama), berkas)
    bukti.berkas.name = path
    try:
        bukti.full_clean()
        bukti.save()
    except Exception:
        bukti_storage().delete(path)
        raise
    return bukti


# --- findings and follow-up ---------------------------------------------------------------

TRANSISI = {
    # (from, to): who moves it — "opd" or "inspektorat"
    (StatusRekomendasi.TERBUKA, StatusRekomendasi.PROSES): "opd",
    (StatusRekomendasi.PROSES, StatusRekomendasi.SELESAI): "opd",
    (StatusRekomendasi.SELESAI, StatusRekomendasi.DITERIMA): "inspektorat",
    (StatusRekomendasi.SELESAI, StatusRekomendasi.PROSES): "inspektorat",
}


@transaction.atomic
def rekomendasi_buat(*, user, evaluasi, kriteria, uraian):
    evaluasi = Evaluasi.objects.select_related("opd").get(pk=evaluasi.pk)
    if not boleh_isi(user, evaluasi, Pihak.INSPEKTORAT):
        raise PermissionDenied("Hanya Inspektorat yang mencatat rekomendasi.")
    if kriteria.sub_komponen.komponen.versi_id != evaluasi.versi_id:
        raise ValidationError("Kriteria bukan bagian dari LKE evaluasi ini.")
    obj = Rekomendasi(
        evaluasi=evaluasi, kriteria=kriteria, uraian=(uraian or "").strip(), dibuat_oleh=user
    )
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def rekomendasi_ubah_status(*, user, rekomendasi, status):
    """Move a recommendation along its one path (TRANSISI); anything else is refused."""
    obj = (
        Rekomendasi.objects.select_for_update()
        .select_related("evaluasi__opd")
        .get(pk=rekomendasi.pk)
    )
    siapa = TRANSISI.get((obj.status, status))
    if siapa is None:
        raise ValidationError(
            f"Status tidak dapat diubah dari {obj.get_status_display()} ke {status}."
        )
    boleh = (
        boleh_tindak_lanjut(user, obj.evaluasi)
        if siapa == "opd"
        else boleh_isi(user, obj.evaluasi, Pihak.INSPEKTORAT)
    )
    if not boleh:
        raise PermissionDenied("Anda tidak berwenang mengubah status rekomendasi ini.")
    if status == StatusRekomendasi.SELESAI and not obj.tindak_lanjut_set.exists():
        raise ValidationError("Catat tindak lanjut sebelum menyatakan rekomendasi selesai.")
    obj.status = status
    obj.save(update_fields=["status", "updated_at"])
    return obj


@transaction.atomic
def tindak_lanjut_simpan(*, user, rekomendasi, uraian, batas_waktu, berkas=None):
    """The OPD records a follow-up action; an open recommendation moves to 'proses'."""
    obj = (
        Rekomendasi.objects.select_for_update()
        .select_related("evaluasi__opd")
        .get(pk=rekomendasi.pk)
    )
    if not boleh_tindak_lanjut(user, obj.evaluasi):
        raise PermissionDenied("Hanya OPD yang dievaluasi yang mencatat tindak lanjut.")
    if obj.status == StatusRekomendasi.DITERIMA:
        raise ValidationError("Rekomendasi sudah diterima; tindak lanjut tidak dapat ditambah.")
    tl = TindakLanjut(
        rekomendasi=obj, uraian=(uraian or "").strip(), batas_waktu=batas_waktu, dibuat_oleh=user
    )
    path = None
    if berkas is not None:
        tl.nama_asli, _ = _berkas_aman(berkas)
        path = bukti_storage().save(
            f"tindak-lanjut/{obj.evaluasi.tahun}/{uuid.uuid4().hex}",
            berkas,
        )
        tl.berkas.name = path
    try:
        tl.full_clean()
        tl.save()
    except Exception:
        if path:
            bukti_storage().delete(path)
        raise
    if obj.status == StatusRekomendasi.TERBUKA:
        obj.status = StatusRekomendasi.PROSES
        obj.save(update_fields=["status", "updated_at"])
    return tl


# --- quarterly monitoring -----------------------------------------------------------------


@transaction.atomic
def pemantauan_simpan(*, user, unit, tahun, triwulan, kendala, tindak_lanjut, batas_waktu, status):
    """The monitoring record of a unit and quarter (one per unit and quarter; saving
    again updates it). Written by whoever may enter the unit's realisations."""
    if not access.can_edit_unit(user, unit):
        raise PermissionDenied("Anda tidak berwenang mengisi pemantauan unit ini.")
    obj = Pemantauan.objects.filter(
        unit=unit, tahun=tahun, triwulan=triwulan
    ).first() or Pemantauan(unit=unit, tahun=tahun, triwulan=triwulan, dibuat_oleh=user)
    obj.kendala = (kendala or "").strip()
    obj.tindak_lanjut = (tindak_lanjut or "").strip()
    obj.batas_waktu = batas_waktu
    obj.status = status
    obj.full_clean(validate_constraints=False)
    obj.save()
    return obj
