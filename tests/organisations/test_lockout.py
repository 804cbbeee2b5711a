import time
from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def log_in(client, username: str, password: str, ip: str):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


@pytest.fixture
def victim(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return UserFactory(username="victim")


def test_repeated_bad_passwords_lock_that_username_from_that_address(client, victim):
    for _ in range(3):
        log_in(client, "victim", "wrong", "10.0.0.1")
    response = log_in(client, "victim", PASSWORD, "10.0.0.1")
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()


def test_a_lock_from_one_address_does_not_lock_the_real_user_out_from_another(client, victim):
    for _ in range(3):
        log_in(client, "victim", "wrong", "10.0.0.1")
    response = log_in(client, "victim", PASSWORD, "10.0.0.2")
    assert response.status_code == 302
    assert response.url == reverse("portfolio")


def test_other_usernames_from_the_same_address_can_still_log_in(client, victim):
    UserFactory(username="colleague")
    for _ in range(3):
        log_in(client, "victim", "wrong", "10.0.0.1")
    assert log_in(client, "colleague", PASSWORD, "10.0.0.1").status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, victim, settings):
    settings.AXES_COOLOFF_TIME = timedelta(seconds=1)
    for _ in range(3):
        log_in(client, "victim", "wrong", "10.0.0.1")
    assert log_in(client, "victim", PASSWORD, "10.0.0.1").status_code == 429
    time.sleep(1.2)
    assert log_in(client, "victim", PASSWORD, "10.0.0.1").status_code == 302


def test_a_wrong_password_shows_a_clear_error_on_the_form(client, victim):
    response = log_in(client, "victim", "wrong", "10.0.0.1")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


@pytest.fixture
def spray_limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_ADDRESS_FAILURE_LIMIT = 6


def test_one_address_trying_many_usernames_is_locked_for_every_username(client, spray_limit):
    UserFactory(username="colleague")
    for number in range(5):
        assert log_in(client, f"guess{number}", "wrong", "10.0.0.9").status_code == 200
    assert log_in(client, "guess5", "wrong", "10.0.0.9").status_code == 429  # the sixth
    response = log_in(client, "colleague", PASSWORD, "10.0.0.9")
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()


def test_a_spray_from_one_address_does_not_lock_anyone_out_elsewhere(client, spray_limit):
    UserFactory(username="colleague")
    for number in range(6):
        log_in(client, f"guess{number}", "wrong", "10.0.0.9")
    assert log_in(client, "colleague", PASSWORD, "10.0.0.10").status_code == 302


def test_fewer_failures_than_the_address_limit_leave_other_usernames_free(client, spray_limit):
    UserFactory(username="colleague")
    for number in range(5):
        log_in(client, f"guess{number}", "wrong", "10.0.0.9")
    assert log_in(client, "colleague", PASSWORD, "10.0.0.9").status_code == 302


def test_logging_into_ones_own_account_does_not_wipe_out_a_spray(client, spray_limit):
    UserFactory(username="attacker")
    UserFactory(username="colleague")
    for number in range(5):
        log_in(client, f"guess{number}", "wrong", "10.0.0.9")
    assert log_in(client, "attacker", PASSWORD, "10.0.0.9").status_code == 302
    client.logout()
    log_in(client, "guess5", "wrong", "10.0.0.9")
    assert log_in(client, "colleague", PASSWORD, "10.0.0.9").status_code == 429
