"""Writes of the reporting calendar: opening, closing and reopening a quarter of an OPD
(recorded in RiwayatTriwulan), and the check every save makes that its quarter is open.

Keyword-only arguments, every rule on the server, one transaction, Indonesian
ValidationError and nothing written on refusal (STYLE rule 1)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from renstra.models import RiwayatTriwulan, TriwulanPelaporan
from sakip import access, roles
from sakip import angka as fmt


def triwulan_terbuka(*, opd_id, tahun, triwulan):
    """The reporting quarter when it is open, else ValidationError.

    Every save and the close call this inside their transaction, where it locks the
    quarter's row (SELECT ... FOR UPDATE on PostgreSQL; on SQLite every transaction takes
    the write lock at BEGIN, see DATABASES in sakip/settings.py) until commit: a close waits
    for a save in flight, and a save that waited for a close sees the quarter closed. Outside
    a transaction (a page that only asks) it just reads."""
    tw = TriwulanPelaporan.objects.filter(opd_id=opd_id, tahun=tahun, triwulan=triwulan)
    if transaction.get_connection().in_atomic_block:
        tw = tw.select_for_update()
    tw = tw.first()
    label = f"Triwulan {fmt.triwulan_romawi(triwulan)} {tahun}"
    if tw is None:
        raise ValidationError(f"{label} belum dibuka untuk pengisian.", code="tutup")
    if tw.status != TriwulanPelaporan.Status.BUKA:
        raise ValidationError(f"{label} sudah ditutup; data hanya dapat dibaca.", code="tutup")
    return tw


def _require_admin_for(user, opd):
    access.require_role(user, roles.ADMIN)
    if not access.can_see_opd(user, opd):
        raise PermissionDenied("Perangkat daerah ini di luar wewenang Anda.")


@transaction.atomic
def triwulan_buka(*, user, opd, tahun, triwulan, alasan="", batas_waktu=None):
    """Open a quarter of a year for an OPD. Reopening a closed quarter requires a reason;
    both are recorded in RiwayatTriwulan."""
    _require_admin_for(user, opd)
    alasan = (alasan or "").strip()
    try:
        tahun, triwulan = int(tahun), int(triwulan)
    except (TypeError, ValueError):
        raise ValidationError({"tahun": "Tahun dan triwulan harus berupa angka."}) from None
    if not 1 <= triwulan <= 4:
        raise ValidationError({"triwulan": "Triwulan harus I sampai IV."})
    if not 2000 <= tahun <= 2100:
        raise ValidationError({"tahun": "Tahun tidak wajar."})
    tw = (
        TriwulanPelaporan.objects.select_for_update()
        .filter(opd=opd, tahun=tahun, triwulan=triwulan)
        .first()
    )
    if tw is None:
        tw = TriwulanPelaporan(opd=opd, tahun=tahun, triwulan=triwulan, batas_waktu=batas_waktu)
        tw.full_clean()
        tw.save()
        RiwayatTriwulan.objects.create(triwulan=tw, aksi="buka", alasan=alasan, oleh=user)
        return tw
    if tw.status == TriwulanPelaporan.Status.BUKA:
        raise ValidationError("Triwulan ini sudah dibuka.")
    if not alasan:
        raise ValidationError(
            {"alasan": "Membuka kembali triwulan yang sudah ditutup wajib disertai alasan."}
        )
    tw.status = TriwulanPelaporan.Status.BUKA
    if batas_waktu:
        tw.batas_waktu = batas_waktu
    tw.full_clean()
    tw.save()
    RiwayatTriwulan.objects.create(triwulan=tw, aksi="buka kembali", alasan=alasan, oleh=user)
    return tw


@transaction.atomic
def triwulan_tutup(*, user, triwulan_pelaporan, alasan=""):
    """Close a quarter: from now on read-only for everybody."""
    tw = TriwulanPelaporan.objects.select_related("opd").get(pk=triwulan_pelaporan.pk)
    _require_admin_for(user, tw.opd)
    # The same lock as every save: the close waits until a save in flight has committed.
    tw = triwulan_terbuka(opd_id=tw.opd_id, tahun=tw.tahun, triwulan=tw.triwulan)
    tw.status = TriwulanPelaporan.Status.TUTUP
    tw.full_clean()
    tw.save()
    RiwayatTriwulan.objects.create(
        triwulan=tw, aksi="tutup", alasan=(alasan or "").strip(), oleh=user
    )
    return tw
