"""Invitations go out through the real Celery worker on Redis."""

import re
import time

import pytest
from django.urls import reverse

from organisations.models import Membership, Role
from tests.factories import MembershipFactory, UserFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def wait_for_mail(folder, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        files = sorted(folder.iterdir())
        if files:
            return files[0].read_text()
        time.sleep(0.2)
    raise AssertionError("The worker sent no email within 30 s; see celery-worker.log.")


def test_the_worker_emails_an_invitation_whose_link_lets_the_invitee_join(
    celery_worker_process, client
):
    owner = MembershipFactory(role=Role.OWNER)
    client.force_login(owner.user)
    response = client.post(
        reverse("organisation_members", args=[owner.organisation.slug]),
        {"email": "board.member@example.org", "role": Role.LEADER},
    )
    assert response.status_code == 302

    message = wait_for_mail(celery_worker_process)
    assert "board.member@example.org" in message
    link = re.search(r"http://\S+/invitations/(\S+)/", message)
    assert link, message

    invitee = UserFactory(email="board.member@example.org")
    client.force_login(invitee)
    client.post(reverse("invitation_accept", args=[link.group(1)]))
    assert Membership.objects.get(user=invitee).organisation == owner.organisation
