"""Celery tasks of the diagnosis stage: thin wrappers around `emails` and `reminders`."""

from celery import shared_task

from lndstrategy.celery import EMAIL_TASK_OPTIONS

from . import emails, reminders


@shared_task(**EMAIL_TASK_OPTIONS)
def send_respondent_invitation(respondent_id: int) -> None:
    emails.invitation_send(respondent_id)


@shared_task(rate_limit="30/m", **EMAIL_TASK_OPTIONS)
def send_respondent_reminder(respondent_id: int) -> None:
    emails.reminder_send(respondent_id)


@shared_task(acks_late=True, rate_limit="1/m")
def remind_due_respondents() -> None:
    """Celery beat runs this hourly; it queues one reminder per respondent who is due."""
    reminders.reminders_enqueue()
