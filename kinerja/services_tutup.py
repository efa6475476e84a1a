"""Closing a quarter knowingly (issue 13 item 4): the admin confirms the list of rows still
not verified or empty (kinerja.selectors_tutup) and the close is recorded with that list.

One transaction; the quarter's row is locked before the list is read (the same lock every
save takes, renstra.services.triwulan_terbuka), so no save slips in between the check and
the close. Refused with an Indonesian message and nothing written when the list changed
since the page was shown or the confirmation is missing (STYLE rule 1)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja import selectors_tutup
from kinerja.models import PenutupanTriwulan
from renstra import services as renstra_services
from renstra.models import TriwulanPelaporan
from sakip import access, roles

PESAN_BERUBAH = (
    "Daftar baris yang belum diverifikasi atau masih kosong sudah berubah sejak halaman ini "
    "dibuka. Triwulan belum ditutup; periksa daftar terbaru di bawah lalu konfirmasi lagi."
)
PESAN_KONFIRMASI = (
    "Centang pernyataan yang menyebut baris yang belum diverifikasi dan yang masih kosong "
    "untuk menutup triwulan ini."
)


@transaction.atomic
def triwulan_tutup_dengan_daftar(*, user, triwulan_pelaporan, sidik, setuju, alasan=""):
    """Close the quarter when `sidik` is the fingerprint of the list as it is now and, when
    the list is not empty, the admin ticked the sentence naming it. Returns the record."""
    tw = TriwulanPelaporan.objects.select_related("opd__pemda").get(pk=triwulan_pelaporan.pk)
    access.require_role(user, roles.ADMIN)
    if not access.can_see_opd(user, tw.opd):
        raise PermissionDenied("Perangkat daerah ini di luar wewenang Anda.")
    # Lock the quarter first: from here on no row of it changes until the close commits.
    renstra_services.triwulan_terbuka(opd_id=tw.opd_id, tahun=tw.tahun, triwulan=tw.triwulan)
    rincian = selectors_tutup.rincian_penutupan(tw)
    if not sidik or sidik != rincian.sidik:
        raise ValidationError(PESAN_BERUBAH, code="berubah")
    if not rincian.bersih and not setuju:
        raise ValidationError(PESAN_KONFIRMASI, code="konfirmasi")
    alasan = (alasan or "").strip()
    renstra_services.triwulan_tutup(user=user, triwulan_pelaporan=tw, alasan=alasan)
    return PenutupanTriwulan.objects.create(
        triwulan=tw,
        oleh=user,
        alasan=alasan,
        realisasi_dihitung=rincian.realisasi_dihitung,
        n_diajukan=rincian.n_diajukan,
        n_dikembalikan=rincian.n_dikembalikan,
        n_draf=rincian.n_draf,
        n_kosong=rincian.n_kosong,
        daftar=rincian.sebagai_data(),
    )
