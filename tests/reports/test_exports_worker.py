"""The documents are built by the workers after the regeneration, with no one asking."""

import time

import pytest

from reports.exports.services import expected_keys
from reports.models import ReportSnapshot
from tests.reports.export_factories import pdf_text
from tests.reports.factories import answered_assessment
from tests.reports.helpers import wait_until_current

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def wait_for_documents(snapshot: ReportSnapshot, timeout: float = 120) -> ReportSnapshot:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        snapshot.refresh_from_db()
        if expected_keys() <= set(snapshot.files):
            return snapshot
        time.sleep(0.3)
    raise AssertionError(f"Documents of snapshot {snapshot.pk}: only {sorted(snapshot.files)}")


def test_a_change_reaches_the_stored_documents_through_the_worker(
    start_worker, default_framework, viewer, settings
):
    start_worker("exports", REPORTS_BUILD_EXPORTS="true", REPORTS_EXPORT_DELAY_SECONDS="0")
    organisation = viewer.organisation
    answered_assessment(organisation, respondents=4)
    snapshot = wait_for_documents(wait_until_current(organisation))
    assert {record["data_version"] for record in snapshot.files.values()} == {snapshot.data_version}
    report = settings.MEDIA_ROOT / snapshot.files["pdf-en"]["path"]
    assert organisation.name in " ".join(pdf_text(report).split())  # however the cover spaces it
    assert set(snapshot.svgs) == {"en", "nl"}


def test_a_snapshot_does_not_wait_for_documents_which_have_a_queue_and_worker_of_their_own(
    start_worker, default_framework, viewer, settings
):
    from lndstrategy.celery import app

    env = {"REPORTS_BUILD_EXPORTS": "true", "REPORTS_EXPORT_DELAY_SECONDS": "0"}
    start_worker("snapshots", queues=app.conf.task_default_queue, **env)
    organisation = viewer.organisation
    answered_assessment(organisation, respondents=4)
    snapshot = wait_until_current(organisation)  # built with no worker on the documents queue
    time.sleep(2)
    snapshot.refresh_from_db()
    assert not expected_keys() & set(snapshot.files)  # the documents wait in their own queue
    start_worker("documents", queues=settings.REPORTS_DOCUMENTS_QUEUE, **env)
    assert expected_keys() <= set(wait_for_documents(snapshot).files)
