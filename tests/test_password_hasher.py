from django.contrib.auth.hashers import check_password, make_password

from tests.factories import PenggunaFactory


def test_tests_hash_passwords_with_the_fast_hasher():
    encoded = make_password("rahasia-uji-123")
    assert encoded.startswith("md5$")
    assert check_password("rahasia-uji-123", encoded)


def test_a_persona_made_by_the_factory_gets_the_fast_hash_and_its_password_checks(db):
    user = PenggunaFactory(username="operator_cepat")
    assert user.password.startswith("md5$")
    assert user.check_password("rahasia-uji-123")
