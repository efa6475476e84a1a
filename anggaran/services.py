"""Writes of budget realisations (issue 4): the amount a sub-kegiatan spent in a quarter.
Same contract as kinerja.services: keyword-only, every rule on the server, one
transaction, ValidationError in Indonesian and nothing written on refusal."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum

from anggaran import selectors
from anggaran.models import RealisasiAnggaran
from renstra.lingkup import boleh_isi_sub_kegiatan
from renstra.models import SubKegiatan
from renstra.services import triwulan_terbuka
from sakip import angka as fmt
from sakip import batas
from sakip.alur import KonflikVersi, cek_dapat_diubah, nama_pengguna, simpan_baru_atau_konflik


def parse_rupiah(text):
    """A rupiah amount as typed, read by the one rule (sakip.angka.parse_angka: "1.000" is
    one thousand). Reading only: the bounds of an amount (sakip.batas.UANG) are checked by
    the caller, after its own messages."""
    return fmt.parse_angka(text)


def pagu_berlaku(*, sub_kegiatan, tahun, triwulan):
    """The pagu in force in a quarter (anggaran.selectors.pagu_berlaku, the one rule); None
    when no pagu is set."""
    return selectors.pagu_berlaku(tahun, triwulan).filter(sub_kegiatan=sub_kegiatan).first()


@transaction.atomic
def realisasi_anggaran_simpan(*, user, sub_kegiatan, tahun, triwulan, jumlah, versi, penjelasan=""):
    """Save what a sub-kegiatan spent in one quarter. Refused when the year's total
    (every quarter, this one included) would exceed the pagu in force in this quarter, when
    the quarter is closed, the row already submitted or verified, or the version stale."""
    sub_kegiatan = SubKegiatan.objects.select_related("periode").get(pk=sub_kegiatan.pk)
    if not boleh_isi_sub_kegiatan(user, sub_kegiatan):
        raise PermissionDenied("Sub kegiatan ini bukan tanggungan unit Anda.")
    triwulan_terbuka(opd_id=sub_kegiatan.periode.opd_id, tahun=tahun, triwulan=triwulan)

    obj = (
        RealisasiAnggaran.objects.select_for_update(of=("self",))
        .select_related("diubah_oleh")
        .filter(sub_kegiatan=sub_kegiatan, tahun=tahun, triwulan=triwulan)
        .first()
    )
    try:
        versi = int(versi)
    except (TypeError, ValueError):
        versi = -1
    current = obj.versi if obj else 0
    if versi != current:
        siapa = nama_pengguna(obj.diubah_oleh) if obj else "pengguna lain"
        nilai = fmt.rupiah(obj.jumlah) if obj else "–"
        raise KonflikVersi(
            f"Data ini sudah diubah oleh {siapa} setelah Anda membuka halaman "
            f"(nilai sekarang: {nilai}). Perubahan Anda tidak disimpan; periksa nilai terbaru "
            "lalu simpan lagi bila perlu.",
            terkini=obj,
        )
    if obj is not None:
        cek_dapat_diubah(obj)

    try:
        amount = parse_rupiah(jumlah)
    except fmt.AngkaTidakSah as exc:
        raise ValidationError({"jumlah": str(exc)}) from None
    if amount is None:
        raise ValidationError({"jumlah": "Realisasi anggaran wajib diisi."})
    if amount < 0:
        raise ValidationError({"jumlah": "Realisasi anggaran tidak boleh negatif."})
    if amount != amount.to_integral_value():
        raise ValidationError({"jumlah": "Realisasi anggaran dalam rupiah penuh (tanpa sen)."})
    try:
        # Before any arithmetic: quantize() of a 40-digit amount would raise, not refuse.
        amount = batas.cek_batas(amount, batas.UANG).quantize(Decimal(1))
    except ValidationError as exc:
        raise ValidationError({"jumlah": exc.messages}) from None

    pagu = pagu_berlaku(sub_kegiatan=sub_kegiatan, tahun=tahun, triwulan=triwulan)
    if pagu is None:
        raise ValidationError({"jumlah": "Pagu sub kegiatan tahun ini belum ditetapkan."})
    lain = RealisasiAnggaran.objects.filter(sub_kegiatan=sub_kegiatan, tahun=tahun).exclude(
        triwulan=triwulan
    ).aggregate(total=Sum("jumlah"))["total"] or Decimal(0)
    if lain + amount > pagu.jumlah:
        raise ValidationError(
            {
                "jumlah": (
                    f"Total realisasi tahun {tahun} menjadi {fmt.rupiah(lain + amount)}, "
                    f"melebihi pagu yang berlaku {fmt.rupiah(pagu.jumlah)}."
                )
            }
        )

    if obj is None:
        obj = RealisasiAnggaran(sub_kegiatan=sub_kegiatan, tahun=tahun, triwulan=triwulan)
    obj.jumlah = amount
    obj.penjelasan = (penjelasan or "").strip()
    obj.diubah_oleh = user
    obj.versi = current + 1
    obj.full_clean(exclude=["sub_kegiatan"])  # uniqueness: see simpan_baru_atau_konflik
    obj._history_user = user
    simpan_baru_atau_konflik(obj, created=current == 0)
    return obj
