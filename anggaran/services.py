"""Writes of budget realisations (issue 4): the amount a sub-kegiatan spent in a quarter.
Same contract as kinerja.services: keyword-only, every rule on the server, one
transaction, ValidationError in Indonesian and nothing written on refusal."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum

from anggaran import selectors
from anggaran.models import Pagu, RealisasiAnggaran
from renstra.lingkup import boleh_isi_sub_kegiatan
from renstra.models import SubKegiatan
from renstra.services import triwulan_terbuka
from sakip import angka as fmt
from sakip import batas
from sakip.alur import cek_dapat_diubah, cek_versi, simpan_baru_atau_konflik


def parse_rupiah(text):
    """A rupiah amount as typed, read by the one rule (sakip.angka.parse_angka: "1.000" is
    one thousand). Reading only: the bounds of an amount (sakip.batas.UANG) are checked by
    the caller, after its own messages."""
    return fmt.parse_angka(text)


def pagu_berlaku(*, sub_kegiatan, tahun, triwulan):
    """The pagu in force in a quarter (anggaran.selectors.pagu_berlaku, the one rule); None
    when no pagu is set."""
    return selectors.pagu_berlaku(tahun, triwulan).filter(sub_kegiatan=sub_kegiatan).first()


def nilai_tampil_anggaran(obj):
    return fmt.rupiah(obj.jumlah) if obj else "–"


def periksa_realisasi_anggaran(*, lama, versi, jumlah, pagu, lain, tahun):
    """Every rule of a budget realisation's amount, without a query: the one check that the
    web form (realisasi_anggaran_simpan) and the Excel upload (kinerja.unggah, all rows at
    once) run. `lama` is the stored row (with diubah_oleh) or None, `pagu` the amount of
    the pagu in force in the quarter (None when none is set), `lain` what the other
    quarters of the year spent. Returns (amount, current version) or raises
    ValidationError / KonflikVersi keyed "jumlah"."""
    current = cek_versi(lama, versi, nilai_tampil_anggaran)
    if lama is not None:
        cek_dapat_diubah(lama)
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
    if pagu is None:
        raise ValidationError({"jumlah": "Pagu sub kegiatan tahun ini belum ditetapkan."})
    lain = lain or Decimal(0)
    if lain + amount > pagu:
        raise ValidationError(
            {
                "jumlah": (
                    f"Total realisasi tahun {tahun} menjadi {fmt.rupiah(lain + amount)}, "
                    f"melebihi pagu yang berlaku {fmt.rupiah(pagu)}."
                )
            }
        )
    return amount, current


def realisasi_lain(sub_ids, tahun, triwulan):
    """{sub_kegiatan_id: what the other quarters of `tahun` spent} in one query."""
    return dict(
        RealisasiAnggaran.objects.filter(sub_kegiatan_id__in=sub_ids, tahun=tahun)
        .exclude(triwulan=triwulan)
        .order_by()
        .values_list("sub_kegiatan_id")
        .annotate(total=Sum("jumlah"))
        .values_list("sub_kegiatan_id", "total")
    )


def pagu_berlaku_per_sub(sub_ids, tahun, triwulan):
    """{sub_kegiatan_id: amount of the pagu in force} in one query (selectors.pagu_berlaku,
    the one rule)."""
    return dict(
        selectors.pagu_berlaku(tahun, triwulan)
        .filter(sub_kegiatan_id__in=sub_ids)
        .values_list("sub_kegiatan_id", "jumlah")
    )


@transaction.atomic
def realisasi_anggaran_simpan(*, user, sub_kegiatan, tahun, triwulan, jumlah, versi, penjelasan=""):
    """Save what a sub-kegiatan spent in one quarter. Refused when the year's total
    (every quarter, this one included) would exceed the pagu in force in this quarter, when
    the quarter is closed, the row already submitted or verified, or the version stale
    (periksa_realisasi_anggaran)."""
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
    pagu = pagu_berlaku(sub_kegiatan=sub_kegiatan, tahun=tahun, triwulan=triwulan)
    lain = realisasi_lain([sub_kegiatan.pk], tahun, triwulan).get(sub_kegiatan.pk)
    amount, current = periksa_realisasi_anggaran(
        lama=obj,
        versi=versi,
        jumlah=jumlah,
        pagu=pagu.jumlah if pagu else None,
        lain=lain,
        tahun=tahun,
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


# --- the pagu grid (issue 12): murni and each revision per sub-kegiatan and year ---------

JENIS_REVISI = (Pagu.Jenis.PERGESERAN, Pagu.Jenis.PERUBAHAN)


def nama_sel(sub_kegiatan_id, triwulan):
    """The form field (and the key of an error) of a pagu cell of the grid."""
    return f"p-{sub_kegiatan_id}-{triwulan}"


def nama_jenis(sub_kegiatan_id, triwulan):
    return f"j-{sub_kegiatan_id}-{triwulan}"


def _baca_sel(teks, jenis, triwulan):
    """(amount or None, jenis) of one cell as typed, or raise ValidationError with the
    message for the cell. The amount is read by the one parser (sakip.angka.parse_angka,
    money: a dot groups thousands, "1.250.000")."""
    try:
        jumlah = fmt.parse_angka(teks, uang=True)
    except fmt.AngkaTidakSah as exc:
        raise ValidationError(str(exc)) from None
    if triwulan == 1:
        jenis = Pagu.Jenis.MURNI
    else:
        jenis = (jenis or Pagu.Jenis.PERGESERAN).strip()
        if jenis not in JENIS_REVISI:
            raise ValidationError(
                "Jenis perubahan pagu harus Pergeseran atau APBD Perubahan (APBD Murni "
                "hanya berlaku mulai Triwulan I)."
            )
    if jumlah is None:
        return None, jenis
    if jumlah < 0:
        raise ValidationError("Pagu tidak boleh negatif.")
    if jumlah != jumlah.to_integral_value():
        raise ValidationError("Pagu dalam rupiah penuh (tanpa sen).")
    jumlah = batas.cek_batas(jumlah, batas.UANG).quantize(Decimal(1))
    return jumlah, jenis


@transaction.atomic
def pagu_simpan(*, user, periode, tahun, isian):
    """Save cells of the pagu grid of a Renstra period for a year. `isian` maps
    (sub_kegiatan_id, triwulan) to (amount as typed, jenis): the Pagu row that starts in
    that quarter (TW I is the APBD murni; later quarters a pergeseran or APBD Perubahan).
    An empty amount removes the row. Only the cells given are touched; a cell that says
    what is stored changes nothing, so the grid re-submitted unchanged saves nothing.

    Every cell is checked before anything is written; a refusal raises ValidationError
    keyed by the cell's field name (nama_sel) and writes nothing. Refused too: a pagu in
    force that falls below the budget already spent up to its quarter. Returns the number
    of rows created, changed or removed."""
    if not periode.memuat_tahun(tahun):
        raise ValidationError(
            f"Tahun {tahun} di luar periode Renstra {periode.tahun_awal}–{periode.tahun_akhir}."
        )
    subs = {
        s.pk: s
        for s in SubKegiatan.objects.filter(
            periode=periode, pk__in={sub_id for sub_id, _ in isian}
        ).select_related("periode")
    }
    stored = {
        (p.sub_kegiatan_id, p.berlaku_mulai): p
        for p in Pagu.objects.select_for_update().filter(sub_kegiatan_id__in=subs, tahun=tahun)
    }
    errors, rencana = {}, []
    for (sub_id, triwulan), (teks, jenis) in sorted(isian.items()):
        nama = nama_sel(sub_id, triwulan)
        if sub_id not in subs or triwulan not in (1, 2, 3, 4):
            errors[nama] = "Sub kegiatan atau triwulan tidak dikenal dalam Renstra ini."
            continue
        try:
            jumlah, jenis = _baca_sel(teks, jenis, triwulan)
        except ValidationError as exc:
            errors[nama] = " ".join(exc.messages)
            continue
        rencana.append((sub_id, triwulan, jumlah, jenis))
    if errors:
        raise ValidationError(errors)

    berubah = set()
    for sub_id, triwulan, jumlah, jenis in rencana:
        obj = stored.get((sub_id, triwulan))
        if jumlah is None:
            if obj is not None:
                obj._history_user = user
                obj.delete()
                berubah.add((sub_id, triwulan))
            continue
        if obj is not None and obj.jumlah == jumlah and obj.jenis == jenis:
            continue
        if obj is None:
            obj = Pagu(sub_kegiatan=subs[sub_id], tahun=tahun, berlaku_mulai=triwulan)
        obj.jumlah, obj.jenis = jumlah, jenis
        obj.full_clean()
        obj._history_user = user
        obj.save()
        berubah.add((sub_id, triwulan))
    if berubah:
        _cek_pagu_cukup(tahun, {sub_id for sub_id, _ in berubah})
    return len(berubah)


def _cek_pagu_cukup(tahun, sub_ids):
    """Refuse (and so roll back) when a changed sub-kegiatan's pagu in force at a quarter
    (selectors.pagu_berlaku, the one rule) is below what it spent up to that quarter."""
    jalur = selectors.JALUR["sub_kegiatan"]
    annotations = {}
    for q in (1, 2, 3, 4):
        annotations[f"pagu_{q}"] = selectors.jumlah_pagu(jalur, tahun, q, kosong=None)
        annotations[f"real_{q}"] = selectors.jumlah_realisasi(jalur, tahun, q)
    errors = {}
    for sub in SubKegiatan.objects.filter(pk__in=sub_ids).annotate(**annotations):
        for q in (1, 2, 3, 4):
            pagu, real = getattr(sub, f"pagu_{q}"), getattr(sub, f"real_{q}")
            if real and (pagu is None or pagu < real):
                errors[nama_sel(sub.pk, q)] = (
                    f"Pagu yang berlaku di Triwulan {fmt.triwulan_romawi(q)} menjadi "
                    f"{fmt.rupiah(pagu)}, lebih kecil dari realisasi s.d. triwulan itu "
                    f"{fmt.rupiah(real)}."
                )
                break
    if errors:
        raise ValidationError(errors)
