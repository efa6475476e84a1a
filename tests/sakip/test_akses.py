"""The rule type of the access tables (sakip.akses): the answer it derives for each
persona follows the order in which Django and the views check."""

import pytest

from sakip import akses
from sakip.akses import ADMIN, ADMIN_LAIN, ANONIM, DILAYANI, KE_LOGIN, OPERATOR, TANPA_PERAN


def test_the_refusal_a_rule_declares_follows_the_order_of_the_checks():
    aturan = akses.Aturan(get=frozenset({ADMIN}), luar=frozenset({ADMIN_LAIN}))
    assert aturan.jawaban(ADMIN, "GET") == DILAYANI
    assert aturan.jawaban(ANONIM, "GET") == KE_LOGIN
    assert aturan.jawaban(TANPA_PERAN, "GET") == 403
    assert aturan.jawaban(ADMIN_LAIN, "GET") == 404
    assert aturan.jawaban(OPERATOR, "GET") == 403
    assert aturan.jawaban(ADMIN, "POST") == 405
    assert aturan.jawaban(ADMIN_LAIN, "POST") == 405
    assert aturan.jawaban(ANONIM, "POST") == KE_LOGIN
    publik = akses.Aturan(get=akses.PUBLIK)
    assert publik.jawaban(ANONIM, "POST") == 405
    assert publik.jawaban(TANPA_PERAN, "POST") == 405


def test_a_rule_refuses_unknown_personas_and_served_personas_out_of_scope():
    with pytest.raises(ValueError, match="tak dikenal"):
        akses.Aturan(get=frozenset({"tamu"}))
    with pytest.raises(ValueError, match="luar lingkup"):
        akses.Aturan(get=frozenset({ADMIN}), luar=frozenset({ADMIN}))


def test_a_rule_written_with_plain_sets_is_immutable():
    aturan = akses.Aturan(get={ADMIN}, luar={ADMIN_LAIN})
    assert aturan.get == frozenset({ADMIN}) and isinstance(aturan.luar, frozenset)
    assert aturan.post is None
