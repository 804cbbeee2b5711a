"""Reminders to people who were asked to answer and have not submitted yet.

Limits: nobody is reminded within three days of their invitation or last reminder, nobody more
than three times, and only while the round is open, before its closing date, and with reminders
switched on. The beat task (`tasks.remind_due_respondents`, hourly) enqueues one email per due
respondent; each email task re-checks the rule on the locked row, so duplicates send nothing.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import AssessmentStatus, Respondent

REMINDER_INTERVAL = timedelta(days=3)
MAX_REMINDERS = 3


def awaiting_reminder(now: datetime | None = None) -> QuerySet[Respondent]:
    """Respondents who may be reminded at `now`."""
    now = now or timezone.now()
    cutoff = now - REMINDER_INTERVAL
    return (
        Respondent.objects.filter(
            assessment__status=AssessmentStatus.OPEN,
            assessment__send_reminders=True,
            submitted_at__isnull=True,
            revoked_at__isnull=True,
            invited_at__lte=cutoff,
            reminder_count__lt=MAX_REMINDERS,
        )
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=cutoff))
        .filter(
            Q(assessment__closes_on__isnull=True)
            | Q(assessment__closes_on__gte=timezone.localdate(now))
        )
        .exclude(person__email="")
    )


def reminders_enqueue(*, assessment_id: int | None = None, now: datetime | None = None) -> int:
    """Queue a reminder for everyone due (optionally in one assessment); returns how many."""
    from .tasks import send_respondent_reminder

    due = awaiting_reminder(now)
    if assessment_id is not None:
        due = due.filter(assessment_id=assessment_id)
    ids = list(due.values_list("pk", flat=True))
    for respondent_id in ids:
        transaction.on_commit(
            lambda respondent_id=respondent_id: send_respondent_reminder.delay(respondent_id)
        )
    return len(ids)


def claim_reminder(respondent_id: int, now: datetime | None = None) -> Respondent | None:
    """Lock the respondent if a reminder is due; call inside a transaction."""
    return (
        awaiting_reminder(now)
        .select_for_update(of=("self",))
        .select_related("assessment__organisation", "person")
        .filter(pk=respondent_id)
        .first()
    )
