"""Writes of the documents: PK (create, edit, finalise with a frozen snapshot, reopen,
PK Perubahan), Rencana Aksi and its actions, the LKjIP narrative, targets, and issuing a
PDF as a DokumenTerbit with a verification code. The targets' writes are in
laporan.services_target (re-exported here).

Every function takes keyword-only arguments, checks the rule it enforces and calls
full_clean() before saving; a refused write raises ValidationError with an Indonesian
message and changes nothing (each runs in one transaction)."""

import secrets
from decimal import Decimal

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from kinerja.models import Aksi, RencanaAksi, StatusDokumen
from kinerja.services import satuan_utuh
from laporan import selectors, services_jenjang
from laporan.models import (
    AnalisisIndikator,
    DokumenTerbit,
    LaporanKinerja,
    PenandatanganDokumen,
    PerjanjianKinerja,
    PKIndikator,
    PKProgram,
)

# the targets' writes live in their own module; callers keep using laporan.services
from laporan.services_target import (  # noqa: F401
    target_tahunan_set,
    target_triwulan_set,
    targets_save,
)

KODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud from paper
KODE_LENGTH = 10


def _log(*, user, obj, message):
    """Keep the reason of a reopen where an auditor finds it (admin log, with the user)."""
    if user is None or not user.pk:
        return
    LogEntry.objects.create(
        user_id=user.pk,
        content_type_id=ContentType.objects.get_for_model(obj).pk,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action_flag=CHANGE,
        change_message=message,
    )


def _require_draft(doc, label):
    if doc.status == StatusDokumen.FINAL:
        raise ValidationError(
            f"{label} sudah final dan tidak dapat diubah. Minta admin membukanya kembali."
        )


def _final_untuk_dibuka(model, obj, alasan, pesan_belum_final):
    """The locked final document and the stripped reason: reopening needs both a reason
    and a document that is final."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Alasan membuka kembali wajib diisi."})
    locked = model.objects.select_for_update().get(pk=obj.pk)
    if locked.status != StatusDokumen.FINAL:
        raise ValidationError(pesan_belum_final)
    return locked, alasan


# --- Perjanjian Kinerja -------------------------------------------------------------------


def _check_menjabat(field, pejabat, tanggal):
    """A signatory must be in office on the document's date (Pejabat.menjabat_pada)."""
    if pejabat is not None and tanggal and not pejabat.menjabat_pada(tanggal):
        raise ValidationError({field: f"{pejabat.nama} tidak menjabat pada tanggal dokumen."})


def _check_pk_parties(*, opd, pihak_pertama, pihak_kedua, tanggal=None):
    _check_menjabat("pihak_pertama", pihak_pertama, tanggal)
    errors = {}
    if pihak_pertama.opd_id != opd.pk:
        errors["pihak_pertama"] = "Pihak pertama harus pejabat perangkat daerah ini."
    if not pihak_kedua.is_kepala_daerah or pihak_kedua.pemda_id != opd.pemda_id:
        errors["pihak_kedua"] = "Pihak kedua harus kepala daerah pemda ini."
    if errors:
        raise ValidationError(errors)


def _check_pk_rows(*, opd, tahun, indikator_list, program_list):
    errors = {}
    for indikator in indikator_list:
        if indikator.sasaran_id is None or indikator.periode.opd_id != opd.pk:
            errors["indikator"] = "Hanya indikator sasaran perangkat daerah ini yang dapat dipilih."
        elif not indikator.periode.memuat_tahun(tahun):
            errors["indikator"] = f"Indikator {indikator} bukan bagian dari Renstra tahun {tahun}."
    for program in program_list:
        if program.periode.opd_id != opd.pk or not program.periode.memuat_tahun(tahun):
            errors["program"] = (
                f"Program {program} bukan program perangkat daerah ini pada tahun {tahun}."
            )
    if errors:
        raise ValidationError(errors)


def _set_pk_rows(pk, indikator_list, program_list):
    pk.indikator_set.all().delete()
    pk.program_set.all().delete()
    PKIndikator.objects.bulk_create(
        PKIndikator(perjanjian=pk, indikator=ind, urutan=i)
        for i, ind in enumerate(indikator_list, 1)
    )
    PKProgram.objects.bulk_create(
        PKProgram(perjanjian=pk, program=prog, urutan=i) for i, prog in enumerate(program_list, 1)
    )


@transaction.atomic
def pk_create(
    *,
    opd,
    tahun,
    tempat,
    tanggal,
    pihak_pertama,
    pihak_kedua,
    indikator_list,
    program_list,
    user=None,
):
    """Start the PK of a year (versi 1). A PK Perubahan starts with `pk_perubahan`."""
    if PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun, jenjang="opd").exists():
        raise ValidationError(
            f"PK tahun {tahun} sudah ada; ubah PK tersebut atau buat PK Perubahan."
        )
    _check_pk_parties(
        opd=opd, pihak_pertama=pihak_pertama, pihak_kedua=pihak_kedua, tanggal=tanggal
    )
    _check_pk_rows(opd=opd, tahun=tahun, indikator_list=indikator_list, program_list=program_list)
    pk = PerjanjianKinerja(
        opd=opd,
        tahun=tahun,
        versi=1,
        tempat=tempat,
        tanggal=tanggal,
        pihak_pertama=pihak_pertama,
        pihak_kedua=pihak_kedua,
    )
    pk.full_clean()
    pk._history_user = user
    pk.save()
    _set_pk_rows(pk, indikator_list, program_list)
    return pk


@transaction.atomic
def pk_update(
    *, pk, tempat, tanggal, pihak_pertama, pihak_kedua, indikator_list, program_list, user=None
):
    pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
    _require_draft(pk, "Perjanjian Kinerja")
    _check_pk_parties(
        opd=pk.opd, pihak_pertama=pihak_pertama, pihak_kedua=pihak_kedua, tanggal=tanggal
    )
    _check_pk_rows(
        opd=pk.opd, tahun=pk.tahun, indikator_list=indikator_list, program_list=program_list
    )
    pk.tempat = tempat
    pk.tanggal = tanggal
    pk.pihak_pertama = pihak_pertama
    pk.pihak_kedua = pihak_kedua
    pk.full_clean()
    pk._history_user = user
    pk.save()
    _set_pk_rows(pk, indikator_list, program_list)
    return pk


def _pejabat_snapshot(pejabat):
    return {
        "nama": pejabat.nama,
        "nip": pejabat.nip,
        "pangkat": pejabat.pangkat,
        "golongan": pejabat.golongan,
        "jabatan": pejabat.jabatan_tertulis,
    }


@transaction.atomic
def pk_finalize(*, pk, user=None):
    """Freeze the PK: copy every text, target and program pagu into the rows and the
    snapshot, so later changes to targets or pagu leave the signed PK alone (DESIGN 2)."""

    pk = (
        PerjanjianKinerja.objects.select_for_update()
        .select_related("opd__pemda", "pihak_pertama", "pihak_kedua")
        .get(pk=pk.pk)
    )
    _require_draft(pk, "Perjanjian Kinerja")
    if not pk.indikator_set.exists():
        raise ValidationError("PK belum memuat indikator sasaran; pilih indikatornya dahulu.")
    if pk.jenjang != "opd" and not pk.pihak_pertama.menjabat_pada(pk.tanggal):
        raise ValidationError(
            f"{pk.pihak_pertama.nama} tidak menjabat pada tanggal PK; perbarui tanggal atau pejabat."
        )
    live = selectors.pk_live_rows(pk)
    for row in live["indikator_rows"]:
        PKIndikator.objects.filter(pk=row["id"]).update(
            sasaran_uraian=row["sasaran"],
            indikator_uraian=row["indikator"],
            target_nilai=row["target_nilai"],
            target_teks=row["target_teks"],
            satuan=row["satuan"],
        )
    for row in live["program_rows"]:
        PKProgram.objects.filter(pk=row["id"]).update(
            program_nama=row["program"], anggaran=row["anggaran"]
        )
    pk.snapshot = {
        "jenjang": pk.jenjang,
        "opd": pk.opd.nama,
        "pemda": pk.opd.pemda.nama,
        "jabatan_kepala_daerah": pk.opd.pemda.jabatan_kepala_daerah,
        "pihak_pertama": _pejabat_snapshot(pk.pihak_pertama),
        "pihak_kedua": _pejabat_snapshot(pk.pihak_kedua),
        "indikator": [
            {k: (str(v) if isinstance(v, Decimal) else v) for k, v in row.items()}
            for row in live["indikator_rows"]
        ],
        "program": [
            {k: (str(v) if isinstance(v, Decimal) else v) for k, v in row.items()}
            for row in live["program_rows"]
        ],
        "total_anggaran": str(live["total_anggaran"]),
        # the PKs per jenjang it rests on, as they stood when it was signed
        "pk_pendukung": selectors.pk_pendukung(pk),
    }
    pk.status = StatusDokumen.FINAL
    pk.finalized_at = timezone.now()
    pk.finalized_by = user if user and user.pk else None
    pk._history_user = user
    pk._change_reason = "Difinalkan"
    pk.save()
    return pk


@transaction.atomic
def pk_reopen(*, pk, alasan, user=None):
    """Reopen a final PK (admin only, checked by the view); the reason is kept in the PK's
    history and the admin log."""
    pk, alasan = _final_untuk_dibuka(
        PerjanjianKinerja, pk, alasan, "PK ini belum final; tidak ada yang perlu dibuka kembali."
    )
    if pk.seri.filter(versi__gt=pk.versi).exists():
        raise ValidationError(
            "Sudah ada PK Perubahan sesudah versi ini; ubah PK Perubahan tersebut."
        )
    pk.status = StatusDokumen.DRAFT
    pk.snapshot = None
    pk.finalized_at = None
    pk.finalized_by = None
    pk._history_user = user
    pk._change_reason = f"Dibuka kembali: {alasan}"[:100]
    pk.save()
    _log(user=user, obj=pk, message=f"Dibuka kembali: {alasan}")
    return pk


@transaction.atomic
def pk_perubahan(*, pk, tanggal=None, user=None):
    """Start a PK Perubahan (after APBD-P): a new draft version with the same parties; the
    OPD's PK keeps its rows, a PK per jenjang takes its rows from the official's nodes of
    the CURRENT tree (not the old rows). The final PK it revises stays as signed."""
    pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
    if pk.status != StatusDokumen.FINAL:
        raise ValidationError("PK Perubahan hanya dapat dibuat dari PK yang sudah final.")
    latest = pk.seri.aggregate(v=Max("versi"))["v"]
    if latest != pk.versi:
        raise ValidationError("Sudah ada PK Perubahan untuk PK ini.")
    baru = PerjanjianKinerja(
        opd=pk.opd,
        jenjang=pk.jenjang,
        tahun=pk.tahun,
        versi=pk.versi + 1,
        is_perubahan=True,
        tempat=pk.tempat,
        tanggal=tanggal or timezone.localdate(),
        pihak_pertama=pk.pihak_pertama,
        pihak_kedua=pk.pihak_kedua,
    )
    baru.full_clean()
    baru._history_user = user
    baru.save()
    if pk.jenjang != "opd":
        services_jenjang.isi_baris(baru, *services_jenjang.baris_baru_dari_pohon(baru))
        return baru
    PKIndikator.objects.bulk_create(
        PKIndikator(perjanjian=baru, indikator_id=r.indikator_id, urutan=r.urutan)
        for r in pk.indikator_set.filter(indikator__isnull=False)
    )
    PKProgram.objects.bulk_create(
        PKProgram(
            perjanjian=baru, program_id=r.program_id, urutan=r.urutan, sumber_dana=r.sumber_dana
        )
        for r in pk.program_set.filter(program__isnull=False)
    )
    return baru


# --- Rencana Aksi -------------------------------------------------------------------------


def rencana_aksi_get_or_create(*, unit, tahun):
    ra, _ = RencanaAksi.objects.get_or_create(
        unit=unit, tahun=tahun, defaults={"tempat": unit.opd.pemda.ibukota}
    )
    return ra


@transaction.atomic
def rencana_aksi_update(*, rencana_aksi, tempat, tanggal, penandatangan, user=None):
    ra = RencanaAksi.objects.select_for_update().get(pk=rencana_aksi.pk)
    _require_draft(ra, "Rencana Aksi")
    if penandatangan and penandatangan.opd_id != ra.unit.opd_id:
        raise ValidationError(
            {"penandatangan": "Penandatangan harus pejabat perangkat daerah ini."}
        )
    _check_menjabat("penandatangan", penandatangan, tanggal)
    ra.tempat, ra.tanggal, ra.penandatangan = tempat, tanggal, penandatangan
    ra.full_clean()
    ra.save()
    return ra


def _check_aksi(ra, sub_kegiatan):
    if sub_kegiatan.periode.opd_id != ra.unit.opd_id or not sub_kegiatan.periode.memuat_tahun(
        ra.tahun
    ):
        raise ValidationError({"sub_kegiatan": "Sub kegiatan bukan bagian dari rencana tahun ini."})
    if sub_kegiatan.unit_id and sub_kegiatan.unit_id != ra.unit_id:
        raise ValidationError({"sub_kegiatan": "Sub kegiatan ini dilaksanakan unit lain."})


@transaction.atomic
def aksi_save(
    *,
    rencana_aksi,
    sub_kegiatan,
    uraian,
    volume=None,
    satuan_volume="",
    triwulan=(),
    urutan=None,
    aksi=None,
):
    """Create or change an action of a Rencana Aksi (only while the Rencana Aksi is a draft)."""
    ra = RencanaAksi.objects.select_for_update().select_related("unit").get(pk=rencana_aksi.pk)
    _require_draft(ra, "Rencana Aksi")
    if aksi is None or aksi.sub_kegiatan_id != sub_kegiatan.pk:
        # An aksi edited under the sub kegiatan it already has keeps it, even where the
        # plan has since given that sub kegiatan to another unit (the demo's Rencana Aksi
        # 2025 lists some under the unit of the seed document).
        _check_aksi(ra, sub_kegiatan)
    if not triwulan:
        raise ValidationError({"triwulan": "Pilih minimal satu triwulan pelaksanaan."})
    if aksi is None:
        aksi = Aksi(rencana_aksi=ra)
        if urutan is None:
            urutan = (
                ra.aksi_set.filter(sub_kegiatan=sub_kegiatan).aggregate(m=Max("urutan"))["m"] or 0
            ) + 1
    elif aksi.rencana_aksi_id != ra.pk:
        raise ValidationError("Aksi bukan bagian dari Rencana Aksi ini.")
    aksi.sub_kegiatan = sub_kegiatan
    aksi.uraian = uraian
    aksi.volume = satuan_utuh(volume, satuan_volume, "volume")
    aksi.satuan_volume = satuan_volume
    for n in (1, 2, 3, 4):
        setattr(aksi, f"tw{n}", n in triwulan)
    if urutan is not None:
        aksi.urutan = urutan
    aksi.full_clean()
    aksi.save()
    return aksi


@transaction.atomic
def aksi_delete(*, aksi):
    ra = RencanaAksi.objects.select_for_update().get(pk=aksi.rencana_aksi_id)
    _require_draft(ra, "Rencana Aksi")
    aksi.delete()


@transaction.atomic
def rencana_aksi_finalize(*, rencana_aksi, user=None):
    ra = RencanaAksi.objects.select_for_update().get(pk=rencana_aksi.pk)
    _require_draft(ra, "Rencana Aksi")
    if not ra.aksi_set.exists():
        raise ValidationError("Rencana Aksi belum memuat aksi.")
    if not ra.tanggal or not ra.penandatangan_id:
        raise ValidationError("Isi tanggal dan penandatangan sebelum memfinalkan.")
    ra.status = StatusDokumen.FINAL
    ra.finalized_at = timezone.now()
    ra.save()
    _log(user=user, obj=ra, message="Difinalkan")
    return ra


@transaction.atomic
def rencana_aksi_reopen(*, rencana_aksi, alasan, user=None):
    ra, alasan = _final_untuk_dibuka(
        RencanaAksi, rencana_aksi, alasan, "Rencana Aksi ini belum final."
    )
    ra.status = StatusDokumen.DRAFT
    ra.finalized_at = None
    ra.save()
    _log(user=user, obj=ra, message=f"Dibuka kembali: {alasan}")
    return ra


# --- LKjIP --------------------------------------------------------------------------------

NARASI_FIELDS = (
    "kata_pengantar",
    "ikhtisar_eksekutif",
    "latar_belakang",
    "gambaran_organisasi",
    "permasalahan_utama",
    "sistematika",
    "rencana_strategis",
    "analisis_umum",
    "realisasi_anggaran_narasi",
    "langkah_peningkatan",
    "kesimpulan",
)


def laporan_get_or_create(*, opd, tahun):
    laporan, _ = LaporanKinerja.objects.get_or_create(
        opd=opd, tahun=tahun, defaults={"tempat": opd.pemda.ibukota}
    )
    return laporan


@transaction.atomic
def laporan_update(*, laporan, data, user=None):
    """Save the LKjIP narrative: `data` holds tempat, tanggal, penandatangan and the
    NARASI_FIELDS."""
    lap = LaporanKinerja.objects.select_for_update().get(pk=laporan.pk)
    _require_draft(lap, "LKjIP")
    penandatangan = data.get("penandatangan")
    if penandatangan and penandatangan.opd_id != lap.opd_id:
        raise ValidationError(
            {"penandatangan": "Penandatangan harus pejabat perangkat daerah ini."}
        )
    _check_menjabat("penandatangan", penandatangan, data.get("tanggal", lap.tanggal))
    for field in ("tempat", "tanggal", "penandatangan", *NARASI_FIELDS):
        if field in data:
            setattr(lap, field, data[field])
    lap.full_clean()
    lap._history_user = user
    lap.save()
    return lap


@transaction.atomic
def analisis_save(
    *,
    laporan,
    indikator,
    analisis_penyebab="",
    solusi="",
    analisis_program="",
    realisasi_nasional=None,
    keterangan_nasional="",
    user=None,
):
    lap = LaporanKinerja.objects.select_for_update().get(pk=laporan.pk)
    _require_draft(lap, "LKjIP")
    if indikator.periode.opd_id != lap.opd_id or indikator.sasaran_id is None:
        raise ValidationError("Analisis hanya untuk indikator sasaran perangkat daerah ini.")
    analisis, _ = AnalisisIndikator.objects.get_or_create(laporan=lap, indikator=indikator)
    analisis.analisis_penyebab = analisis_penyebab
    analisis.solusi = solusi
    analisis.analisis_program = analisis_program
    analisis.realisasi_nasional = realisasi_nasional
    analisis.keterangan_nasional = keterangan_nasional
    analisis.full_clean()
    analisis.save()
    return analisis


@transaction.atomic
def laporan_finalize(*, laporan, user=None):
    lap = LaporanKinerja.objects.select_for_update().get(pk=laporan.pk)
    _require_draft(lap, "LKjIP")
    if not lap.penandatangan_id or not lap.tanggal:
        raise ValidationError("Isi tanggal dan penandatangan LKjIP sebelum memfinalkan.")
    lap.status = StatusDokumen.FINAL
    lap.finalized_at = timezone.now()
    lap.finalized_by = user if user and user.pk else None
    lap._history_user = user
    lap._change_reason = "Difinalkan"
    lap.save()
    return lap


@transaction.atomic
def laporan_reopen(*, laporan, alasan, user=None):
    lap, alasan = _final_untuk_dibuka(LaporanKinerja, laporan, alasan, "LKjIP ini belum final.")
    lap.status = StatusDokumen.DRAFT
    lap.finalized_at = None
    lap.finalized_by = None
    lap._history_user = user
    lap._change_reason = f"Dibuka kembali: {alasan}"[:100]
    lap.save()
    _log(user=user, obj=lap, message=f"Dibuka kembali: {alasan}")
    return lap


# --- issued documents ---------------------------------------------------------------------


@transaction.atomic
def penandatangan_simpan(
    *, opd, jenis, tempat, tanggal, penandatangan, pihak_kedua=None, user=None, **kunci
):
    """Set the date, place and signatory of one document (kunci: tahun, triwulan, unit,
    periode, versi as laporan.models.kunci_dokumen names it); the signatory must be in
    office on that date (PenandatanganDokumen.clean)."""
    rekaman = selectors.rekaman_untuk(opd, jenis, **kunci) or PenandatanganDokumen(
        opd=opd, jenis=jenis, **kunci
    )
    rekaman.tempat, rekaman.tanggal = tempat, tanggal
    rekaman.penandatangan, rekaman.pihak_kedua = penandatangan, pihak_kedua
    rekaman.diubah_oleh = user if user is not None and user.pk else None
    rekaman.full_clean(exclude=["kunci"])
    rekaman.save()
    return rekaman


def new_kode():
    while True:
        kode = "".join(secrets.choice(KODE_ALPHABET) for _ in range(KODE_LENGTH))
        if not DokumenTerbit.objects.filter(kode=kode).exists():
            return kode


@transaction.atomic
def dokumen_issue(
    *,
    kode,
    jenis,
    opd,
    tahun,
    rendered,
    is_final,
    versi=1,
    finalized_at=None,
    unit=None,
    triwulan=None,
    user=None,
    sidik="",
):
    """Store a PDF as issued: its bytes, page count and SHA-256, under the verification
    code that is printed in its footer, with the fingerprint of its data (laporan.sidik)."""
    dokumen = DokumenTerbit(
        kode=kode,
        jenis=jenis,
        opd=opd,
        unit=unit,
        tahun=tahun,
        triwulan=triwulan,
        versi=versi,
        is_final=is_final,
        finalized_at=finalized_at,
        sha256=rendered.sha256,
        halaman=rendered.halaman,
        sidik=sidik,
        dibuat_oleh=user if user is not None and user.pk else None,
    )
    dokumen.full_clean(exclude=["berkas"])
    dokumen.berkas.save(
        f"{jenis}-{opd.slug}-{tahun}-{kode}.pdf", ContentFile(rendered.content), save=False
    )
    try:
        dokumen.save()
    except BaseException:
        # nothing half-written: no stored file without its row (the queue's rule)
        dokumen.berkas.storage.delete(dokumen.berkas.name)
        raise
    return dokumen
