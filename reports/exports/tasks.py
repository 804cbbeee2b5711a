"""The export task: a thin wrapper around `reports.exports.services.export_snapshot`.

Registered with the worker through ``reports.tasks`` (which imports it).
"""

from celery import shared_task

from ..tasks import RETRYABLE
from . import services

EXPORT_SOFT_SECONDS = 150
EXPORT_HARD_SECONDS = 180


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=RETRYABLE,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=10,
    soft_time_limit=EXPORT_SOFT_SECONDS,
    time_limit=EXPORT_HARD_SECONDS,
)
def export_snapshot(
    snapshot_id: int,
    requested_by: int | None = None,
    force: bool = False,
    organisation_id: int | None = None,
) -> None:
    """Build and store the PDF, XLSX and CSV files of a snapshot (idempotent; skipped when
    the data already moved past the snapshot)."""
    services.export_snapshot(
        snapshot_id, requested_by=requested_by, force=force, organisation_id=organisation_id
    )
