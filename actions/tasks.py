"""Celery tasks of the actions stage: thin wrappers around `emails`."""

from celery import shared_task

from . import emails

RETRY = {
    "acks_late": True,
    "autoretry_for": (OSError,),
    "retry_backoff": True,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(**RETRY)
def send_action_owner_email(action_id: int, person_id: int) -> None:
    emails.action_owner_send(action_id, person_id)


@shared_task(**RETRY)
def send_recommendation_owner_email(recommendation_id: int, person_id: int) -> None:
    emails.recommendation_owner_send(recommendation_id, person_id)
