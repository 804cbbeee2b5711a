"""A personal link stays the same across the invitation, reminders and resends, until the owner
withdraws it; restoring it then gives a new link. Only its hash is in the database."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from diagnosis import services
from diagnosis.emails import invitation_send, reminder_send
from diagnosis.models import Respondent
from organisations.models import Role, hash_token
from tests.factories import MembershipFactory

from .factories import AssessmentFactory, RespondentFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http\S+/respond/([^/\s]+)/")


@pytest.fixture
def respondent(default_framework):
    owner = MembershipFactory(role=Role.OWNER)
    assessment = AssessmentFactory(organisation=owner.organisation)
    services.assessment_open(assessment)
    return RespondentFactory(assessment=assessment)


def tokens_in(messages) -> list[str]:
    return [LINK.search(message.body).group(1) for message in messages]


def opens(client, respondent, token) -> int:
    slug = respondent.organisation.slug
    return client.get(reverse("questionnaire_link_start", args=[slug, token])).status_code


def remind_now(respondent: Respondent) -> None:
    Respondent.objects.filter(pk=respondent.pk).update(
        invited_at=timezone.now() - timedelta(days=4)
    )
    assert reminder_send(respondent.pk) is True


def test_the_invitation_a_reminder_and_a_resend_carry_the_same_working_link(
    client, respondent, django_capture_on_commit_callbacks
):
    assert invitation_send(respondent.pk) is True
    remind_now(respondent)
    with django_capture_on_commit_callbacks(execute=True):
        services.respondent_resend(respondent)

    assert len(mail.outbox) == 3
    first, reminder, resend = tokens_in(mail.outbox)
    assert first == reminder == resend
    assert opens(client, respondent, first) == 200


def test_the_reminder_says_the_link_still_works(respondent):
    invitation_send(respondent.pk)
    remind_now(respondent)
    reminder = mail.outbox[-1].body
    assert "This is the same link as in earlier emails; it still works." in reminder
    assert "replaces" not in reminder


def test_the_reminder_says_so_in_dutch_too(respondent):
    respondent.person.language = "nl"
    respondent.person.save()
    invitation_send(respondent.pk)
    remind_now(respondent)
    assert "Dit is dezelfde link als in eerdere e-mails; die werkt nog steeds." in (
        mail.outbox[-1].body
    )


def test_withdrawing_and_restoring_a_link_sends_a_new_one_and_the_old_one_dies(
    client, respondent, django_capture_on_commit_callbacks
):
    invitation_send(respondent.pk)
    (old,) = tokens_in(mail.outbox)
    services.respondent_revoke(respondent)
    assert opens(client, respondent, old) == 404

    with django_capture_on_commit_callbacks(execute=True):
        services.respondent_resend(respondent)

    new = tokens_in(mail.outbox)[-1]
    assert new != old
    assert opens(client, respondent, new) == 200
    assert opens(client, respondent, old) == 404


def test_a_restored_link_dies_at_once_even_before_the_new_email_goes_out(client, respondent):
    invitation_send(respondent.pk)
    (old,) = tokens_in(mail.outbox)
    services.respondent_revoke(respondent)
    services.respondent_resend(respondent)  # the email waits for the commit (never, here)
    assert opens(client, respondent, old) == 404


def test_the_token_is_not_in_the_database_only_its_hash(respondent):
    invitation_send(respondent.pk)
    (token,) = tokens_in(mail.outbox)
    respondent.refresh_from_db()
    assert respondent.token_hash == hash_token(token)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Respondent._meta.db_table} WHERE id = %s", [respondent.pk])
        row = cursor.fetchone()
    assert hash_token(token) in [str(value) for value in row]
    assert not any(token in str(value) for value in row)


def test_two_respondents_get_different_links(respondent):
    other = RespondentFactory(assessment=respondent.assessment)
    invitation_send(respondent.pk)
    invitation_send(other.pk)
    first, second = tokens_in(mail.outbox)
    assert first != second
