"""Regeneration survives a broker outage and a worker killed mid-build.

These tests run their own throwaway Redis on a free port and their own workers, so stopping
and killing them touches nothing else of the suite.
"""

import os
import signal
import time

import pytest
from django.urls import reverse

from reports.models import ReportSnapshot, SnapshotStatus
from tests.reports.factories import answered_assessment
from tests.reports.helpers import a_feature_answer, expected_overall, wait_until_current

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_edits_made_while_redis_is_down_reach_the_dashboard_once_it_is_back(
    start_worker, on_private_redis, client, default_framework, viewer
):
    workers = [start_worker("outage")]
    organisation = viewer.organisation
    assessment = answered_assessment(organisation, respondents=4)
    wait_until_current(organisation)
    client.force_login(viewer.user)
    pages = [
        reverse("dashboard", args=[organisation.slug]),
        reverse("dashboard_freshness", args=[organisation.slug]),
    ]

    on_private_redis.stop()
    answer = a_feature_answer(assessment)
    statuses = []
    for edit in range(10):
        answer.value = edit % 5 + 1
        answer.save()  # the enqueue after commit fails; the edit itself must not
        statuses += [client.get(url).status_code for url in pages]
    assert set(statuses) == {200}
    stale = ReportSnapshot.objects.filter(organisation=organisation).order_by("-data_version")
    assert stale.first().data_version < organisation.data_version.version

    on_private_redis.start()  # empty: every message and key sent before the outage is gone

    def supervise() -> None:
        # A worker holding a countdown task when the broker vanishes can die on it (kombu
        # restores the unacknowledged message over a closed connection); a supervisor
        # (systemd, Docker's restart policy) starts it again, as here.
        if workers[-1].poll() is not None:
            workers.append(start_worker(f"outage-{len(workers)}"))

    # The worker reconnects (or restarts); the beat sweep re-enqueues what the outage lost.
    final = wait_until_current(organisation, timeout=120, between=supervise)
    assert final.scores["results"]["overall"]["score"] == pytest.approx(
        expected_overall(assessment)
    )
    assert {client.get(url).status_code for url in pages} == {200}


def test_a_worker_killed_mid_build_leaves_no_half_snapshot_and_the_work_is_redone(
    start_worker, default_framework, viewer, tmp_path
):
    pause = tmp_path / "pause"
    start_worker("kill", REPORTS_TEST_PAUSE_FILE=str(pause), REPORTS_LOCK_SECONDS="3")
    organisation = viewer.organisation
    assessment = answered_assessment(organisation, respondents=4)
    before = wait_until_current(organisation)

    pause.touch()  # the next build stops after marking itself "building" and writes its pid
    answer = a_feature_answer(assessment)
    answer.value = 1 if answer.value != 1 else 5
    answer.save()
    deadline = time.monotonic() + 30
    while not pause.read_text():
        assert time.monotonic() < deadline, "no build started"
        time.sleep(0.1)
    assert ReportSnapshot.objects.filter(
        organisation=organisation, status=SnapshotStatus.BUILDING
    ).exists()
    os.kill(int(pause.read_text()), signal.SIGKILL)  # the pool process building it
    pause.unlink()

    final = wait_until_current(organisation, timeout=90)
    assert final.data_version > before.data_version
    assert final.scores["results"]["overall"]["score"] == pytest.approx(
        expected_overall(assessment)
    )
    assert {"en", "nl"} <= set(final.figures)
    assert all(chart["figure"] or chart["empty"] for chart in final.figures["en"])
    interrupted = ReportSnapshot.objects.get(
        organisation=organisation, data_version=final.data_version, status=SnapshotStatus.FAILED
    )
    assert interrupted.error.startswith("Interrupted")
