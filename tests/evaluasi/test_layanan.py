"""The two sides of an evaluation and the findings, enforced in the services: the OPD
cannot touch the Inspektorat's scores and vice versa, an approved/final side is
read-only, an override of the system's proposal needs a note, and recommendations follow
terbuka → proses → selesai → diterima only. Scores computed live from the answers."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from evaluasi import selectors, services
from evaluasi.models import Evaluasi, Jawaban, Kriteria, Pihak, StatusRekomendasi, VersiLke
from sakip import roles
from tests.evaluasi.dunia import buat_opd, evaluasi_untuk, pengguna
from tests.factories import PemdaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    opd, units = buat_opd(1)
    e = evaluasi_untuk(opd)
    kriteria = list(Kriteria.objects.filter(sub_komponen__komponen__versi=e.versi_id))
    return type(
        "W",
        (),
        {
            "opd": opd,
            "evaluasi": e,
            "kriteria": kriteria,
            "k": next(k for k in kriteria if k.kode == "1.a.1"),
            "perencana": pengguna(roles.PERENCANA, opd),
            "kadis": pengguna(roles.KEPALA_DINAS, opd),
            "inspektorat": pengguna(roles.INSPEKTORAT, pemda=opd.pemda),
        },
    )


def _jawab(w, user, pihak, jawaban="Y", k=None, **extra):
    return services.jawaban_simpan(
        user=user, evaluasi=w.evaluasi, kriteria=k or w.k, pihak=pihak, jawaban=jawaban, **extra
    )


def _jawab_semua(w, user, pihak, huruf):
    for k in w.kriteria:
        Jawaban.objects.create(
            evaluasi=w.evaluasi,
            kriteria=k,
            pihak=pihak,
            jawaban=huruf["YT" if k.skala == "YT" else "AE"],
            diubah_oleh=user,
        )


def test_the_perencana_writes_the_self_assessment(w):
    assert _jawab(w, w.perencana, Pihak.MANDIRI).jawaban == "Y"


def test_the_opd_cannot_edit_the_inspektorat_scores(w):
    for user in (w.perencana, w.kadis):
        with pytest.raises(PermissionDenied):
            _jawab(w, user, Pihak.INSPEKTORAT)
    assert not Jawaban.objects.filter(pihak=Pihak.INSPEKTORAT).exists()


def test_the_inspektorat_cannot_edit_the_opd_scores(w):
    with pytest.raises(PermissionDenied):
        _jawab(w, w.inspektorat, Pihak.MANDIRI)
    assert _jawab(w, w.inspektorat, Pihak.INSPEKTORAT).pihak == Pihak.INSPEKTORAT


def test_the_inspektorat_of_another_pemda_cannot_evaluate(w):
    lain = pengguna(roles.INSPEKTORAT, pemda=PemdaFactory())
    with pytest.raises(PermissionDenied):
        _jawab(w, lain, Pihak.INSPEKTORAT)


def test_an_answer_off_the_criterion_scale_changes_nothing(w):
    with pytest.raises(ValidationError):
        _jawab(w, w.perencana, Pihak.MANDIRI, jawaban="B")  # 1.a.1 is Y/T
    assert not Jawaban.objects.exists()


def test_overriding_the_system_proposal_needs_a_note(w):
    # 1.b.2: PK on time after the DPA; this OPD has no PK, so the system proposes T.
    k = next(k for k in w.kriteria if k.kode == "1.b.2")
    with pytest.raises(ValidationError) as exc:
        _jawab(w, w.perencana, Pihak.MANDIRI, jawaban="Y", k=k)
    assert "catatan" in exc.value.message_dict
    obj = _jawab(w, w.perencana, Pihak.MANDIRI, jawaban="Y", k=k, catatan="PK ada di kertas")
    assert (obj.jawaban, obj.saran, obj.catatan) == ("Y", "T", "PK ada di kertas")
    assert _jawab(w, w.inspektorat, Pihak.INSPEKTORAT, jawaban="T", k=k).saran == "T"


def test_only_the_kadis_approves_and_only_a_complete_self_assessment(w):
    with pytest.raises(PermissionDenied):
        services.mandiri_setujui(user=w.perencana, evaluasi=w.evaluasi)
    with pytest.raises(ValidationError):
        services.mandiri_setujui(user=w.kadis, evaluasi=w.evaluasi)
    _jawab_semua(w, w.perencana, Pihak.MANDIRI, {"YT": "Y", "AE": "A"})
    services.mandiri_setujui(user=w.kadis, evaluasi=w.evaluasi)
    w.evaluasi.refresh_from_db()
    assert w.evaluasi.status_mandiri == Evaluasi.StatusMandiri.DISETUJUI
    with pytest.raises(ValidationError):
        _jawab(w, w.perencana, Pihak.MANDIRI, jawaban="T")


def test_a_final_inspektorat_evaluation_is_read_only(w):
    _jawab_semua(w, w.inspektorat, Pihak.INSPEKTORAT, {"YT": "Y", "AE": "B"})
    services.inspektorat_finalkan(user=w.inspektorat, evaluasi=w.evaluasi)
    with pytest.raises(ValidationError):
        _jawab(w, w.inspektorat, Pihak.INSPEKTORAT, jawaban="T")


def test_live_scores_of_both_sides_with_their_grade_and_differences(w):
    _jawab_semua(w, w.perencana, Pihak.MANDIRI, {"YT": "Y", "AE": "A"})
    _jawab_semua(w, w.inspektorat, Pihak.INSPEKTORAT, {"YT": "Y", "AE": "C"})
    lke = selectors.lke(w.evaluasi)
    assert lke.total.mandiri == Decimal(100)
    assert lke.predikat.mandiri.huruf == "AA"
    # 1.a, 2.a, 3.a, 4.a are all Y/T (20 points); every other criterion of 1.b… is A–E
    # except the Y/T ones, which score 1 on both sides.
    ie = lke.komponen[0].sub[0]
    assert ie.nilai.inspektorat == Decimal(6) and not ie.beda
    assert lke.total.inspektorat < lke.total.mandiri
    beda = [r.kriteria.kode for r in lke.kriteria() if r.beda]
    assert "1.b.3" in beda and "1.a.1" not in beda


def test_an_unanswered_lke_shows_no_score_and_no_grade(w):
    _jawab(w, w.perencana, Pihak.MANDIRI)
    lke = selectors.lke(w.evaluasi)
    assert lke.total.mandiri is None and lke.predikat.mandiri is None
    assert lke.terjawab.mandiri == 1


# --- findings and follow-up ------------------------------------------------------------------


def _rekomendasi(w):
    return services.rekomendasi_buat(
        user=w.inspektorat, evaluasi=w.evaluasi, kriteria=w.k, uraian="Susun pedoman"
    )


def test_only_the_inspektorat_records_recommendations(w):
    with pytest.raises(PermissionDenied):
        services.rekomendasi_buat(
            user=w.perencana, evaluasi=w.evaluasi, kriteria=w.k, uraian="Sendiri"
        )
    assert _rekomendasi(w).status == StatusRekomendasi.TERBUKA


def test_a_recommendation_follows_its_statuses_on_the_server(w):
    rek = _rekomendasi(w)
    with pytest.raises(ValidationError):  # no skipping to selesai or diterima
        services.rekomendasi_ubah_status(user=w.perencana, rekomendasi=rek, status="selesai")
    with pytest.raises(ValidationError):
        services.rekomendasi_ubah_status(user=w.inspektorat, rekomendasi=rek, status="diterima")
    services.tindak_lanjut_simpan(
        user=w.perencana,
        rekomendasi=rek,
        uraian="Pedoman disusun",
        batas_waktu=datetime.date(2025, 6, 30),
    )
    rek.refresh_from_db()
    assert rek.status == StatusRekomendasi.PROSES
    with pytest.raises(PermissionDenied):  # the Inspektorat does not declare the OPD done
        services.rekomendasi_ubah_status(user=w.inspektorat, rekomendasi=rek, status="selesai")
    services.rekomendasi_ubah_status(user=w.perencana, rekomendasi=rek, status="selesai")
    with pytest.raises(PermissionDenied):  # the OPD does not accept its own work
        services.rekomendasi_ubah_status(user=w.kadis, rekomendasi=rek, status="diterima")
    services.rekomendasi_ubah_status(user=w.inspektorat, rekomendasi=rek, status="diterima")
    rek.refresh_from_db()
    assert rek.status == StatusRekomendasi.DITERIMA
    with pytest.raises(ValidationError):
        services.tindak_lanjut_simpan(
            user=w.perencana, rekomendasi=rek, uraian="Lagi", batas_waktu=datetime.date(2025, 7, 1)
        )


def test_the_inspektorat_may_send_a_done_recommendation_back(w):
    rek = _rekomendasi(w)
    services.tindak_lanjut_simpan(
        user=w.kadis, rekomendasi=rek, uraian="Dikerjakan", batas_waktu=datetime.date(2025, 6, 30)
    )
    services.rekomendasi_ubah_status(user=w.kadis, rekomendasi=rek, status="selesai")
    services.rekomendasi_ubah_status(user=w.inspektorat, rekomendasi=rek, status="proses")
    rek.refresh_from_db()
    assert rek.status == StatusRekomendasi.PROSES


def test_the_inspektorat_cannot_record_the_opd_follow_up(w):
    rek = _rekomendasi(w)
    with pytest.raises(PermissionDenied):
        services.tindak_lanjut_simpan(
            user=w.inspektorat, rekomendasi=rek, uraian="x", batas_waktu=datetime.date(2025, 1, 1)
        )


def test_under_the_regulation_method_explicit_checks_lift_a_full_sub_component(w):
    VersiLke.objects.filter(pk=w.evaluasi.versi_id).update(metode=VersiLke.Metode.SUB_KOMPONEN)
    w.evaluasi.refresh_from_db()
    _jawab_semua(w, w.perencana, Pihak.MANDIRI, {"YT": "Y", "AE": "A"})
    sub = selectors.lke(w.evaluasi).komponen[0].sub[0]
    assert (sub.pilihan.mandiri, sub.nilai.mandiri) == ("B", Decimal("4.2"))  # never inferred
    services.syarat_sub_simpan(
        user=w.perencana,
        evaluasi=w.evaluasi,
        sub_komponen=sub.sub,
        pihak=Pihak.MANDIRI,
        syarat_bb=True,
        syarat_a=True,
        syarat_aa=False,
    )
    sub = selectors.lke(w.evaluasi).komponen[0].sub[0]
    assert (sub.pilihan.mandiri, sub.nilai.mandiri) == ("A", Decimal("5.4"))
    with pytest.raises(PermissionDenied):
        services.syarat_sub_simpan(
            user=w.perencana,
            evaluasi=w.evaluasi,
            sub_komponen=sub.sub,
            pihak=Pihak.INSPEKTORAT,
            syarat_bb=True,
            syarat_a=True,
            syarat_aa=True,
        )
