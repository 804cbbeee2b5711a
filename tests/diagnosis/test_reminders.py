"""Reminders: who is due, the rate limits, and the emails the tasks send."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from diagnosis import tasks
from diagnosis.emails import reminder_send
from diagnosis.models import AssessmentStatus, Respondent
from diagnosis.reminders import MAX_REMINDERS, awaiting_reminder, reminders_enqueue
from organisations.models import hash_token
from tests.factories import MembershipFactory, person_of

from .factories import RespondentFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def invited(days_ago: float = 4, **fields) -> Respondent:
    return RespondentFactory(invited_at=NOW - timedelta(days=days_ago), **fields)


def due_ids(now=NOW) -> set[int]:
    return set(awaiting_reminder(now).values_list("pk", flat=True))


def test_someone_invited_more_than_three_days_ago_who_has_not_submitted_is_due(
    default_framework,
):
    due = invited(days_ago=3.1)
    invited(days_ago=2.9)  # too soon
    RespondentFactory(invited_at=None)  # invitation not sent yet
    invited(submitted_at=NOW)
    invited(revoked_at=NOW)
    invited(person__email="")  # nowhere to send it
    assert due_ids() == {due.pk}


def test_nobody_is_reminded_within_three_days_of_the_last_reminder(default_framework):
    recent = invited(days_ago=10, reminded_at=NOW - timedelta(days=2), reminder_count=1)
    older = invited(days_ago=10, reminded_at=NOW - timedelta(days=3, minutes=1), reminder_count=1)
    assert due_ids() == {older.pk}
    assert due_ids(NOW + timedelta(days=1, minutes=1)) == {recent.pk, older.pk}


def test_nobody_is_reminded_more_than_three_times(default_framework):
    invited(days_ago=30, reminded_at=NOW - timedelta(days=10), reminder_count=MAX_REMINDERS)
    assert MAX_REMINDERS == 3
    assert due_ids() == set()


@pytest.mark.parametrize(
    "assessment",
    [
        {"assessment__status": AssessmentStatus.CLOSED},
        {"assessment__status": AssessmentStatus.DRAFT},
        {"assessment__send_reminders": False},
        {"assessment__closes_on": (NOW - timedelta(days=1)).date()},
    ],
)
def test_no_reminders_for_a_round_that_is_not_open_is_past_closing_or_switched_off(
    default_framework, assessment
):
    invited(**assessment)
    assert due_ids() == set()


def test_a_reminder_email_carries_a_fresh_link_and_is_counted(client, default_framework):
    respondent = invited(token_hash=hash_token("old-token"))
    assert reminder_send(respondent.pk) is True
    respondent.refresh_from_db()
    assert respondent.reminder_count == 1
    assert respondent.reminded_at is not None
    (message,) = mail.outbox
    assert message.to == [respondent.person.email]
    assert "Reminder" in message.subject
    token = message.body.split("/respond/")[1].split("/")[0]
    assert respondent.token_hash == hash_token(token)
    slug = respondent.organisation.slug
    assert client.get(reverse("questionnaire_link_start", args=[slug, token])).status_code == 200
    assert (
        client.get(reverse("questionnaire_link_start", args=[slug, "old-token"])).status_code == 404
    )


def test_a_reminder_that_is_not_due_sends_nothing(default_framework):
    respondent = invited(days_ago=1)
    assert reminder_send(respondent.pk) is False
    assert reminder_send(987654) is False  # gone
    assert mail.outbox == []


def test_a_duplicate_reminder_task_sends_only_once(default_framework):
    respondent = invited()
    tasks.send_respondent_reminder.delay(respondent.pk)
    tasks.send_respondent_reminder.delay(respondent.pk)
    assert len(mail.outbox) == 1


def test_the_hourly_sweep_reminds_everyone_due_once(
    default_framework, django_capture_on_commit_callbacks
):
    first, second = invited(), invited()
    member = MembershipFactory()
    third = invited(
        assessment__organisation=member.organisation,
        person=person_of(member.user, member.organisation),
    )
    invited(days_ago=1)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.remind_due_respondents.delay()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        r.person.email for r in (first, second, third)
    )
    member_mail = next(m for m in mail.outbox if m.to == [member.user.email])
    assert "/answer/" in member_mail.body  # members log in; no personal link
    with django_capture_on_commit_callbacks(execute=True):
        tasks.remind_due_respondents.delay()
    assert len(mail.outbox) == 3  # nobody twice within three days


def test_the_owner_can_send_due_reminders_now_within_the_same_limits(
    client, default_framework, django_capture_on_commit_callbacks
):
    respondent = invited()
    invited(days_ago=1, assessment=respondent.assessment)
    owner = MembershipFactory(organisation=respondent.organisation, role="owner")
    client.force_login(owner.user)
    url = reverse(
        "assessment_remind", args=[respondent.organisation.slug, respondent.assessment_id]
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
        client.post(url)
    assert [m.to for m in mail.outbox] == [[respondent.person.email]]


def test_reminders_run_hourly_from_celery_beat_and_are_rate_limited():
    entry = settings.CELERY_BEAT_SCHEDULE["diagnosis-reminders"]
    assert entry["task"] == tasks.remind_due_respondents.name
    assert entry["schedule"] == 3600
    assert tasks.send_respondent_reminder.rate_limit
    assert tasks.remind_due_respondents.rate_limit


def test_reminders_enqueue_counts_who_is_due_in_one_assessment(default_framework):
    one = invited()
    invited()
    assert reminders_enqueue(assessment_id=one.assessment_id) == 1
