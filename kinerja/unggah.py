"""The realisation upload in bulk (issue 15 item 3): every row of a workbook is checked
against data read once for the unit and quarter (Keadaan: a fixed number of queries for
any number of rows) by the same pure checks as a single save
(kinerja.services.periksa_realisasi, anggaran.services.periksa_realisasi_anggaran), and
the rows are written with bulk INSERTs and UPDATEs inside one transaction, with their
audit history (simple_history's bulk_create_with_history, and sakip.massal's one-statement
UPDATE with the same history rows; the user as history_user and a change reason).

The preview validates (kinerja.excel.baca_unggahan); what it accepted is kept with the
basis it was checked against (`dasar`: the row's version and, for a budget row, the pagu
in force and the other quarters' spending). The save (terapkan) does not check the rows
again: it locks the quarter, reads the rows once, and refuses everything, listing the
rows, when the quarter was closed or any basis changed since the preview."""

import copy
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from anggaran import services as anggaran_services
from anggaran.models import RealisasiAnggaran
from kinerja.models import Realisasi
from kinerja.services import nilai_tampil_realisasi, periksa_realisasi
from renstra.lingkup import indikator_unit
from renstra.models import Indikator, LevelKategori, SubKegiatan
from renstra.services import triwulan_terbuka
from sakip import access, massal
from sakip import angka as fmt
from sakip.alur import cek_dapat_diubah, cek_versi

KOLOM_TULIS_KINERJA = [
    "nilai",
    "pembilang",
    "penyebut",
    "level",
    "tidak_terukur",
    "alasan_tidak_terukur",
    "penjelasan",
    "diubah_oleh",
    "versi",
    "updated_at",
]
KOLOM_TULIS_ANGGARAN = ["jumlah", "penjelasan", "diubah_oleh", "versi", "updated_at"]


def alasan_perubahan(tahun, triwulan):
    """The change reason of the history rows an upload writes."""
    return f"Unggah Excel realisasi Triwulan {fmt.triwulan_romawi(triwulan)} {tahun}"


@dataclass
class Keadaan:
    """What the checks of an upload need, read once for the unit and quarter."""

    unit: object
    tahun: int
    triwulan: int
    indikator: dict = field(default_factory=dict)  # id -> Indikator (periode, skala)
    realisasi: dict = field(default_factory=dict)  # indikator id -> Realisasi
    level: dict = field(default_factory=dict)  # id -> LevelKategori
    level_nama: dict = field(default_factory=dict)  # (skala id, name lowercased) -> level
    sub: dict = field(default_factory=dict)  # id -> SubKegiatan of the unit
    anggaran: dict = field(default_factory=dict)  # sub id -> RealisasiAnggaran
    pagu: dict = field(default_factory=dict)  # sub id -> pagu in force (Decimal)
    lain: dict = field(default_factory=dict)  # sub id -> other quarters' spending


def baca_keadaan(*, unit, tahun, triwulan, indikator_ids, sub_ids, kunci=False):
    """Keadaan of the given rows in seven queries, whatever their number: only the unit's
    own indicators and sub-kegiatan are kept (another unit's id is simply absent). With
    `kunci` (inside the save's transaction) the quarter's stored rows are locked."""
    k = Keadaan(unit=unit, tahun=tahun, triwulan=triwulan)
    indikator_ids = [i for i in set(indikator_ids) if i is not None]
    sub_ids = [i for i in set(sub_ids) if i is not None]
    if indikator_ids:
        k.indikator = {
            i.pk: i
            for i in indikator_unit(
                unit.pk, Indikator.objects.filter(pk__in=indikator_ids)
            ).select_related("periode", "skala")
        }
        rows = Realisasi.objects.filter(
            indikator_id__in=list(k.indikator), tahun=tahun, triwulan=triwulan
        ).select_related("level", "diubah_oleh")
        if kunci:
            rows = rows.select_for_update(of=("self",))
        k.realisasi = {r.indikator_id: r for r in rows}
        skala = {i.skala_id for i in k.indikator.values() if i.skala_id}
        for lv in LevelKategori.objects.filter(skala_id__in=skala):
            k.level[lv.pk] = lv
            k.level_nama[(lv.skala_id, lv.nama.lower())] = lv
    if sub_ids:
        k.sub = {
            s.pk: s
            for s in SubKegiatan.objects.filter(pk__in=sub_ids, unit=unit).select_related("periode")
        }
        rows = RealisasiAnggaran.objects.filter(
            sub_kegiatan_id__in=list(k.sub), tahun=tahun, triwulan=triwulan
        ).select_related("diubah_oleh")
        if kunci:
            rows = rows.select_for_update(of=("self",))
        k.anggaran = {r.sub_kegiatan_id: r for r in rows}
        k.pagu = anggaran_services.pagu_berlaku_per_sub(list(k.sub), tahun, triwulan)
        k.lain = anggaran_services.realisasi_lain(list(k.sub), tahun, triwulan)
    return k


def _teks(d):
    return None if d is None else str(d)


def _uang(d):
    return str(d if d is not None else Decimal(0))


# --- the one check ----------------------------------------------------------------------


def periksa_kinerja(keadaan, *, obj_id, versi, data, user=None, salin=True):
    """The row of an indicator checked by periksa_realisasi against `keadaan`: returns
    (the unsaved row, its validated values, its basis) or raises ValidationError /
    PermissionDenied. `data` holds what was typed (nilai, pembilang, penyebut, level_id,
    penjelasan, tidak_terukur, alasan_tidak_terukur)."""
    ind = keadaan.indikator.get(obj_id)
    if ind is None:
        raise PermissionDenied(f"Indikator bukan tanggungan {keadaan.unit.nama}.")
    lama = keadaan.realisasi.get(obj_id)
    if lama is not None and salin:
        lama = copy.copy(lama)  # the preview leaves the stored row as it was read
    level_id = data.get("level_id")
    level = keadaan.level.get(level_id) if level_id else None
    obj = periksa_realisasi(
        user=user,
        indikator=ind,
        lama=lama,
        tahun=keadaan.tahun,
        triwulan=keadaan.triwulan,
        versi=versi,
        nilai=data.get("nilai"),
        pembilang=data.get("pembilang"),
        penyebut=data.get("penyebut"),
        level=level,
        penjelasan=data.get("penjelasan", ""),
        tidak_terukur=bool(data.get("tidak_terukur")),
        alasan_tidak_terukur=data.get("alasan_tidak_terukur", ""),
    )
    nilai = {
        "nilai": _teks(obj.nilai),
        "pembilang": _teks(obj.pembilang),
        "penyebut": _teks(obj.penyebut),
        "level_id": obj.level_id,
        "tidak_terukur": obj.tidak_terukur,
        "alasan_tidak_terukur": obj.alasan_tidak_terukur,
        "penjelasan": obj.penjelasan,
    }
    return obj, nilai, {"versi": obj.versi - 1}


def periksa_anggaran(keadaan, *, obj_id, versi, data):
    """The row of a sub-kegiatan checked by periksa_realisasi_anggaran against `keadaan`:
    (validated values, basis) or ValidationError / PermissionDenied."""
    if obj_id not in keadaan.sub:
        raise PermissionDenied(f"Sub kegiatan bukan tanggungan {keadaan.unit.nama}.")
    amount, current = anggaran_services.periksa_realisasi_anggaran(
        lama=keadaan.anggaran.get(obj_id),
        versi=versi,
        jumlah=data.get("jumlah"),
        pagu=keadaan.pagu.get(obj_id),
        lain=keadaan.lain.get(obj_id),
        tahun=keadaan.tahun,
    )
    nilai = {"jumlah": str(amount), "penjelasan": (data.get("penjelasan") or "").strip()}
    dasar = {
        "versi": current,
        "pagu": _teks(keadaan.pagu.get(obj_id)),
        "lain": _uang(keadaan.lain.get(obj_id)),
    }
    return nilai, dasar


def sidik(perubahan):
    """The fingerprint of a preview's validated rows (what the save writes)."""
    kanonik = json.dumps(
        [[p["jenis"], p["obj_id"], p["versi"], p["data"], p.get("dasar")] for p in perubahan],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(kanonik.encode()).hexdigest()


# --- the save ---------------------------------------------------------------------------


class _Batal(Exception):
    pass


def _pesan(exc):
    if isinstance(exc, PermissionDenied):
        return str(exc) or "Anda tidak berwenang mengubah baris ini."
    if hasattr(exc, "error_dict"):
        return " ".join(m for msgs in exc.message_dict.values() for m in msgs)
    return " ".join(exc.messages)


def _sama_dengan_pratinjau_kinerja(keadaan, p, user):
    """The stored row, unchanged since the preview, with the preview's validated values."""
    ind = keadaan.indikator.get(p["obj_id"])
    if ind is None:
        raise PermissionDenied(f"Indikator bukan tanggungan {keadaan.unit.nama}.")
    lama = keadaan.realisasi.get(p["obj_id"])
    current = cek_versi(lama, p["dasar"]["versi"], nilai_tampil_realisasi)
    if lama is not None:
        cek_dapat_diubah(lama)
        obj = lama
    else:
        obj = Realisasi(
            indikator=ind, tahun=keadaan.tahun, triwulan=keadaan.triwulan, dibuat_oleh=user
        )
    d = p["data"]
    obj.nilai, obj.pembilang, obj.penyebut = (
        None if d.get(k) is None else Decimal(d[k]) for k in ("nilai", "pembilang", "penyebut")
    )
    obj.level_id = d.get("level_id")
    obj.tidak_terukur = bool(d.get("tidak_terukur"))
    obj.alasan_tidak_terukur = d.get("alasan_tidak_terukur", "")
    obj.penjelasan = d.get("penjelasan", "")
    obj.versi = current + 1
    return obj


def _sama_dengan_pratinjau_anggaran(keadaan, p):
    sub_id = p["obj_id"]
    if sub_id not in keadaan.sub:
        raise PermissionDenied(f"Sub kegiatan bukan tanggungan {keadaan.unit.nama}.")
    lama = keadaan.anggaran.get(sub_id)
    dasar = p["dasar"]
    current = cek_versi(lama, dasar["versi"], anggaran_services.nilai_tampil_anggaran)
    if lama is not None:
        cek_dapat_diubah(lama)
    pagu, lain = _teks(keadaan.pagu.get(sub_id)), _uang(keadaan.lain.get(sub_id))
    if (pagu, Decimal(lain)) != (dasar.get("pagu"), Decimal(dasar.get("lain") or 0)):
        raise ValidationError(
            "Pagu yang berlaku atau realisasi triwulan lain berubah setelah pratinjau "
            f"(pagu sekarang {fmt.rupiah(keadaan.pagu.get(sub_id))}, realisasi triwulan lain "
            f"{fmt.rupiah(Decimal(lain))}); unggah ulang workbook."
        )
    obj = lama or RealisasiAnggaran(
        sub_kegiatan=keadaan.sub[sub_id], tahun=keadaan.tahun, triwulan=keadaan.triwulan
    )
    obj.jumlah = Decimal(p["data"]["jumlah"])
    obj.penjelasan = p["data"].get("penjelasan", "")
    obj.versi = current + 1
    return obj


def _baris_tulis(keadaan, p, user):
    """The row to write for one change: checked by the one check when it comes without the
    preview's basis (a caller that did not preview), else compared with that basis."""
    if p["jenis"] == "kinerja":
        if "dasar" in p:
            return _sama_dengan_pratinjau_kinerja(keadaan, p, user)
        obj, _, _ = periksa_kinerja(
            keadaan, obj_id=p["obj_id"], versi=p["versi"], data=p["data"], user=user, salin=False
        )
        return obj
    if "dasar" not in p:
        nilai, dasar = periksa_anggaran(
            keadaan, obj_id=p["obj_id"], versi=p["versi"], data=p["data"]
        )
        p = {**p, "data": nilai, "dasar": dasar}
    return _sama_dengan_pratinjau_anggaran(keadaan, p)


def _tulis(model, objs, kolom, *, user, alasan, now):
    baru = [o for o in objs if o.pk is None]
    ada = [o for o in objs if o.pk is not None]
    for o in objs:
        o.diubah_oleh = user
        o.updated_at = now
    if baru:
        bulk_create_with_history(
            baru, model, default_user=user, default_change_reason=alasan, default_date=now
        )
    if ada:
        massal.perbarui_dengan_riwayat(model, ada, kolom, user=user, alasan=alasan, tanggal=now)


def terapkan(*, user, unit, tahun, triwulan, perubahan, simpan):
    """Write the changes of a preview (kinerja.excel.baca_unggahan) in one transaction.
    Refuses everything and returns [(sheet, row, message)] when the user may not fill the
    unit, the quarter is closed, or a row changed since the preview (or, for a change
    that comes unchecked, fails the one check); [] when every row was written (or, with
    simpan=False, would be)."""
    if not perubahan:
        return []

    def semua(pesan):
        return [(p["sheet"], p["baris"], f"{p['label']}: {pesan}") for p in perubahan]

    if not access.can_edit_unit(user, unit):
        return semua("Anda tidak berwenang mengisi realisasi unit ini.")
    kesalahan = []
    try:
        with transaction.atomic():
            try:
                triwulan_terbuka(opd_id=unit.opd_id, tahun=tahun, triwulan=triwulan)
            except ValidationError as exc:
                kesalahan = semua(" ".join(exc.messages))
                raise _Batal from None
            keadaan = baca_keadaan(
                unit=unit,
                tahun=tahun,
                triwulan=triwulan,
                indikator_ids=[p["obj_id"] for p in perubahan if p["jenis"] == "kinerja"],
                sub_ids=[p["obj_id"] for p in perubahan if p["jenis"] != "kinerja"],
                kunci=True,
            )
            kinerja, anggaran = [], []
            for p in perubahan:
                try:
                    obj = _baris_tulis(keadaan, p, user)
                except (ValidationError, PermissionDenied) as exc:
                    kesalahan.append((p["sheet"], p["baris"], f"{p['label']}: {_pesan(exc)}"))
                    continue
                (kinerja if p["jenis"] == "kinerja" else anggaran).append(obj)
            if kesalahan or not simpan:
                raise _Batal
            alasan, now = alasan_perubahan(tahun, triwulan), timezone.now()
            try:
                _tulis(Realisasi, kinerja, KOLOM_TULIS_KINERJA, user=user, alasan=alasan, now=now)
                _tulis(
                    RealisasiAnggaran,
                    anggaran,
                    KOLOM_TULIS_ANGGARAN,
                    user=user,
                    alasan=alasan,
                    now=now,
                )
            except IntegrityError:
                kesalahan = semua(
                    "Data ini baru saja diisi oleh pengguna lain. Tidak ada yang disimpan; "
                    "unggah ulang workbook."
                )
                raise _Batal from None
    except _Batal:
        pass
    return kesalahan
