"""What the Celery workers the tests start listen to: both of the run's queues, snapshots (the
default) and documents (lndstrategy/settings.py, REPORTS_DOCUMENTS_QUEUE)."""

from django.conf import settings


def worker_queues() -> str:
    """The ``-Q`` argument of a test worker: the default queue and the documents queue."""
    from lndstrategy.celery import app

    return f"{app.conf.task_default_queue},{settings.REPORTS_DOCUMENTS_QUEUE}"
