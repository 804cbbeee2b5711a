"""Celery tasks of the regeneration pipeline: thin wrappers around `reports.services`."""

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from organisations.models import Organisation

from . import services, versioning

RETRYABLE = (
    services.LockBusy,
    OperationalError,
    InterfaceError,
    RedisConnectionError,
    RedisTimeoutError,
    ConnectionError,
)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=RETRYABLE,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=10,
    soft_time_limit=settings.REPORTS_BUILD_SOFT_SECONDS,
    time_limit=settings.REPORTS_BUILD_HARD_SECONDS,
)
def regenerate_organisation(self, organisation_id: int) -> None:
    """Rebuild the organisation's snapshot if its data moved on (idempotent); while its changes
    are still coming in quick succession, wait for them (not when run inline)."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return
    delay = 0.0 if self.request.is_eager else versioning.settle_delay(organisation_id)
    if delay > 0 and versioning.regeneration_defer(organisation_id, countdown=delay):
        return
    services.snapshot_build(organisation)


@shared_task(acks_late=True, ignore_result=True, soft_time_limit=30, time_limit=60)
def sweep_stale_snapshots() -> None:
    """Periodic (Celery beat): re-enqueue organisations whose snapshot lags their data, and
    the exports of current snapshots that lack documents."""
    services.sweep()
    export_services.sweep()


# The export task lives with the exports; importing it here registers it with the worker.
from .exports import services as export_services  # noqa: E402
from .exports import tasks as export_tasks  # noqa: E402, F401
