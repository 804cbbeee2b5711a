"""Password reset emails go out from the worker after the request, a few per hour at most,
and the page says the same whatever happened."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from organisations.tasks import send_password_reset_email
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SAME_ANSWER = "Check your email"


def ask(client, email: str, ip: str = "198.51.100.7"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip, follow=True)


def test_the_request_only_queues_the_email_and_the_worker_sends_it_after_commit(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    user = UserFactory(email="forgetful@example.org")
    queued = []
    monkeypatch.setattr(send_password_reset_email, "delay", lambda *args: queued.append(args))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = ask(client, "forgetful@example.org")
    assert SAME_ANSWER in response.content.decode()
    assert mail.outbox == []  # nothing sent inside the request
    assert len(callbacks) == 1
    callbacks[0]()
    assert queued == [(user.pk, "en")]
    assert "token" not in str(queued)  # only the account's id goes into the queue


def test_the_worker_task_sends_a_working_link_in_the_asked_language(client):
    user = UserFactory(email="forgetful@example.org")
    send_password_reset_email(user.pk, "nl")
    (message,) = mail.outbox
    assert message.to == ["forgetful@example.org"]
    assert "wachtwoord" in message.body.lower()
    link = re.search(r"http://127\.0\.0\.1:8000(/accounts/password/reset/\S+/\S+/)", message.body)
    page = client.get(link.group(1), follow=True)
    assert page.context["validlink"] is True


def test_the_worker_sends_nothing_to_an_account_that_is_gone_or_inactive():
    inactive = UserFactory(is_active=False)
    send_password_reset_email(inactive.pk, "en")
    send_password_reset_email(999_999, "en")
    assert mail.outbox == []


def test_a_fourth_request_for_one_address_within_the_hour_sends_nothing_but_says_the_same(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="forgetful@example.org")
    answers = []
    with django_capture_on_commit_callbacks(execute=True):
        for attempt in range(4):
            answers.append(ask(client, "forgetful@example.org", ip=f"198.51.100.{attempt}"))
    assert len(mail.outbox) == 3
    assert all(SAME_ANSWER in answer.content.decode() for answer in answers)
    assert {answer.redirect_chain[-1][0] for answer in answers} == {reverse("password_reset_done")}


def test_one_computer_asking_for_many_addresses_is_limited_too(
    client, django_capture_on_commit_callbacks, settings
):
    settings.PASSWORD_RESET_LIMIT_PER_IP = 10
    for number in range(12):
        UserFactory(email=f"colleague{number}@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(12):
            assert SAME_ANSWER in ask(client, f"colleague{number}@example.org").content.decode()
    assert len(mail.outbox) == 10
    # Another computer is not affected.
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, "colleague11@example.org", ip="203.0.113.50")
    assert len(mail.outbox) == 11
