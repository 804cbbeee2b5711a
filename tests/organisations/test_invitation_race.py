"""Twelve people signing up through one invitation link at the same moment: one account joins,
the others are told the link was used; no account without an organisation, no server error."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse

from organisations.models import Invitation, Membership
from tests.factories import InvitationFactory

SIGNUPS = 12


@pytest.mark.django_db(transaction=True)
def test_twelve_simultaneous_sign_ups_on_one_link_create_exactly_one_account():
    token = Invitation.new_token()
    invitation = InvitationFactory(token=token)
    url = reverse("invitation_accept", args=[token])
    start = threading.Barrier(SIGNUPS, timeout=30)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def sign_up(number: int) -> None:
        try:
            client = Client()
            data = {
                "username": f"racer{number}",
                "password1": "a-long-unique-pass-42",
                "password2": "a-long-unique-pass-42",
            }
            start.wait()
            statuses.append(client.post(url, data).status_code)
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(n,)) for n in range(SIGNUPS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert len(statuses) == SIGNUPS
    assert [status for status in statuses if status >= 500] == []
    assert sorted(statuses) == [302] + [404] * (SIGNUPS - 1)
    accounts = get_user_model().objects.filter(username__startswith="racer")
    assert accounts.count() == 1
    assert Membership.objects.filter(organisation=invitation.organisation).get().user == (
        accounts.get()
    )
    invitation.refresh_from_db()
    assert invitation.accepted_by == accounts.get()
