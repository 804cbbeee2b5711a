"""Waiting for the worker: poll the database until the snapshots catch up."""

import time

from diagnosis.models import Answer
from diagnosis.results import assessment_results
from reports.models import ReportSnapshot, SnapshotStatus
from reports.services import current_version


def current_snapshot(organisation) -> ReportSnapshot | None:
    """The complete snapshot of the organisation's current data version, if it exists yet."""
    version = current_version(organisation.pk)
    snapshot = (
        ReportSnapshot.objects.filter(organisation=organisation, status=SnapshotStatus.COMPLETE)
        .order_by("-data_version")
        .first()
    )
    return snapshot if snapshot is not None and snapshot.data_version >= version else None


def wait_until_current(organisation, timeout: float = 60.0, *, between=None) -> ReportSnapshot:
    """Wait for the snapshot of the current version; call ``between()`` while waiting."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        snapshot = current_snapshot(organisation)
        if snapshot is not None:
            return snapshot
        if between is not None:
            between()
        time.sleep(0.2)
    raise AssertionError(
        f"No snapshot of version {current_version(organisation.pk)} in {timeout} s"
    )


def a_feature_answer(assessment) -> Answer:
    return (
        Answer.objects.filter(
            respondent__assessment=assessment, item__response="likert5", item__reverse=False,
            item__dimension__kind="feature",
        )
        .select_related("respondent")
        .order_by("pk")
        .first()
    )  # fmt: skip


def expected_overall(assessment) -> float:
    return assessment_results(assessment).overall.score
