"""Writes of the reporting calendar: opening, closing and reopening a quarter of an OPD
(recorded in RiwayatTriwulan), and the check every save makes that its quarter is open.

Keyword-only arguments, every rule on the server, one transaction, Indonesian
ValidationError and nothing written on refusal (STYLE rule 1)."""

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from renstra.models import (
    Pejabat,
    Pemda,
    Pengguna,
    RiwayatTriwulan,
    SkalaPredikat,
    TingkatPredikat,
    TriwulanPelaporan,
    UnitKerja,
)
from sakip import access, roles
from sakip import angka as fmt
from sakip import capaian as rumus


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


# --- the Pemda admin's pages: users, units and officials of their own Pemda (issue 12) ---


def pemda_kelolaan(user):
    """The Pemda whose users, units and officials `user` manages: their own (an Admin),
    None for a superuser (every Pemda); PermissionDenied for anyone else."""
    access.require_role(user, roles.ADMIN)
    if user.is_superuser:
        return None
    if not user.pemda_id:
        raise PermissionDenied("Akun admin ini belum terhubung ke pemda.")
    return user.pemda_id


def _cek_pemda(user, pemda_id):
    lingkup = pemda_kelolaan(user)
    if lingkup is not None and pemda_id != lingkup:
        raise PermissionDenied("Data ini di luar pemda Anda.")


@transaction.atomic
def unit_simpan(*, user, unit):
    """Create or change a unit (Bidang, Sekretariat) of an OPD of the admin's Pemda."""
    if not unit.opd_id:
        raise ValidationError({"opd": "Pilih perangkat daerah."})
    _cek_pemda(user, unit.opd.pemda_id)
    if unit.pk:
        _cek_pemda(user, UnitKerja.objects.select_related("opd").get(pk=unit.pk).opd.pemda_id)
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def pejabat_simpan(*, user, pejabat):
    """Create or change an official of the admin's Pemda (the kepala daerah has no OPD):
    the Pemda follows the OPD; the unit must be of that OPD, the superior of that Pemda."""
    if pejabat.pk:
        _cek_pemda(user, Pejabat.objects.values_list("pemda_id", flat=True).get(pk=pejabat.pk))
    if pejabat.opd_id:
        pejabat.pemda_id = pejabat.opd.pemda_id
    elif not pejabat.pemda_id:
        pejabat.pemda_id = user.pemda_id
    if not pejabat.pemda_id:
        raise ValidationError({"opd": "Pilih perangkat daerah (pemda pejabat tidak diketahui)."})
    _cek_pemda(user, pejabat.pemda_id)
    if pejabat.unit_id and pejabat.unit.opd_id != pejabat.opd_id:
        raise ValidationError({"unit": "Unit kerja bukan bagian dari perangkat daerah ini."})
    pejabat.full_clean()
    pejabat.save()
    return pejabat


@transaction.atomic
def pengguna_simpan(*, user, pengguna, peran, kata_sandi=""):
    """Create or change an account of the admin's Pemda and its roles (sakip.roles). A
    Pemda admin never makes or edits a superuser or staff account, cannot take the Admin
    role from their own account, and sets a password only through Django's validators."""
    lingkup = pemda_kelolaan(user)
    if pengguna.pk:
        lama = Pengguna.objects.get(pk=pengguna.pk)
        if lingkup is not None:
            if lama.is_superuser or lama.is_staff:
                raise PermissionDenied("Akun superuser atau staf dikelola di admin Django.")
            pemda_lama = lama.pemda_id or (lama.opd.pemda_id if lama.opd_id else None)
            if pemda_lama != lingkup:
                raise PermissionDenied("Akun ini di luar pemda Anda.")
        pengguna.is_superuser, pengguna.is_staff = lama.is_superuser, lama.is_staff
    else:
        pengguna.is_superuser = pengguna.is_staff = False
    if pengguna.unit_id:
        pengguna.opd_id = pengguna.unit.opd_id
    if pengguna.opd_id:
        pengguna.pemda_id = pengguna.opd.pemda_id
    elif not pengguna.pemda_id:
        pengguna.pemda_id = user.pemda_id
    _cek_pemda(user, pengguna.pemda_id)
    peran = list(peran)
    tak_dikenal = set(peran) - set(roles.ALL)
    if tak_dikenal:
        raise ValidationError({"peran": f"Peran tidak dikenal: {', '.join(sorted(tak_dikenal))}."})
    if pengguna.pk == user.pk and roles.ADMIN not in peran and not user.is_superuser:
        raise ValidationError(
            {"peran": "Anda tidak dapat mencabut peran Admin dari akun Anda sendiri."}
        )
    if kata_sandi:
        try:
            validate_password(kata_sandi, pengguna)
        except ValidationError as exc:
            raise ValidationError({"kata_sandi": exc.messages}) from None
        pengguna.set_password(kata_sandi)
    elif not pengguna.pk:
        raise ValidationError({"kata_sandi": "Kata sandi wajib diisi untuk pengguna baru."})
    pengguna.full_clean(exclude=["password", "groups", "user_permissions"])
    pengguna.save()
    pengguna.groups.set(Group.objects.filter(name__in=peran))
    return pengguna


# --- the Pemda's predicate scale (issue 11 item 1) ---


def tingkat_bertumpuk(tingkat):
    """ValidationError when two bands of one scale overlap (gaps are allowed): `tingkat`
    are (batas_bawah, bawah_inklusif, batas_atas, atas_inklusif, label) tuples. Shared by
    the Django admin's inline and the Pemda admin's page."""
    bands = [
        rumus.Tingkat(
            bawah,
            label or "",
            batas_atas=atas,
            bawah_inklusif=bool(bawah_ink),
            atas_inklusif=bool(atas_ink),
        )
        for bawah, bawah_ink, atas, atas_ink, label in tingkat
        if bawah is not None or atas is not None
    ]
    tumpuk = rumus.bands_bertumpuk(bands)
    if tumpuk:
        a, b = tumpuk
        raise ValidationError(
            f"Tingkat “{a.label}” dan “{b.label}” bertumpuk: satu nilai capaian hanya "
            "boleh masuk satu tingkat. Perbaiki batasnya (celah di antara tingkat boleh)."
        )


def skala_kelolaan(user):
    """The scales `user` may change: their Pemda's own (a superuser: every scale)."""
    lingkup = pemda_kelolaan(user)
    qs = SkalaPredikat.objects.select_related("pemda")
    return qs if lingkup is None else qs.filter(pemda_id=lingkup)


KOLOM_TINGKAT = ("batas_bawah", "bawah_inklusif", "batas_atas", "atas_inklusif", "label", "warna")


@transaction.atomic
def skala_simpan(*, user, skala, tingkat):
    """Create or change a predicate scale of the admin's Pemda with all its bands:
    `tingkat` is the complete list of bands (dicts of batas_bawah, bawah_inklusif,
    batas_atas, atas_inklusif, label, warna) and replaces the scale's bands. Each band is
    checked (bounds not inverted) and no two may overlap; nothing is written on refusal."""
    lingkup = pemda_kelolaan(user)
    if skala.pk:
        lama = SkalaPredikat.objects.select_for_update().get(pk=skala.pk)
        if lingkup is not None and lama.pemda_id != lingkup:
            raise PermissionDenied("Skala ini bukan milik pemda Anda.")
        skala.pemda_id = lama.pemda_id
    elif lingkup is not None:
        skala.pemda_id = lingkup
    else:
        skala.pemda_id = skala.pemda_id or user.pemda_id
    baris = [TingkatPredikat(**{k: t.get(k) for k in KOLOM_TINGKAT if k in t}) for t in tingkat]
    if not baris:
        raise ValidationError("Skala perlu sedikitnya satu tingkat.")
    for i, t in enumerate(baris, start=1):
        t.bawah_inklusif, t.atas_inklusif = bool(t.bawah_inklusif), bool(t.atas_inklusif)
        t.warna = t.warna or "#6c757d"
        try:
            t.full_clean(exclude=["skala"])
        except ValidationError as exc:
            raise ValidationError(f"Tingkat ke-{i}: {' '.join(exc.messages)}") from None
    tingkat_bertumpuk(
        [(t.batas_bawah, t.bawah_inklusif, t.batas_atas, t.atas_inklusif, t.label) for t in baris]
    )
    skala.full_clean()
    skala.save()
    skala.tingkat_set.all().delete()
    for t in baris:
        t.skala = skala
    TingkatPredikat.objects.bulk_create(baris)
    return skala


@transaction.atomic
def skala_pakai(*, user, skala):
    """The admin's Pemda grades by `skala` from now on: a global scale or one of its own."""
    lingkup = pemda_kelolaan(user)
    pemda_id = lingkup if lingkup is not None else user.pemda_id
    if pemda_id is None:
        raise ValidationError("Akun ini tidak terhubung ke pemda; pilih skala di admin Django.")
    if skala.pemda_id not in (None, pemda_id):
        raise PermissionDenied("Skala ini milik pemerintah daerah lain.")
    pemda = Pemda.objects.select_for_update().get(pk=pemda_id)
    pemda.skala_predikat = skala
    pemda.full_clean()
    pemda.save(update_fields=["skala_predikat"])
    return pemda
