"""Celery tasks of the actions stage: thin wrappers around `emails`."""

from celery import shared_task

from lndstrategy.celery import EMAIL_TASK_OPTIONS

from . import emails


@shared_task(**EMAIL_TASK_OPTIONS)
def send_action_owner_email(action_id: int, person_id: int) -> None:
    emails.action_owner_send(action_id, person_id)


@shared_task(**EMAIL_TASK_OPTIONS)
def send_recommendation_owner_email(recommendation_id: int, person_id: int) -> None:
    emails.recommendation_owner_send(recommendation_id, person_id)
