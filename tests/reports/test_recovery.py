"""After a crash the sweep finds lost work within seconds: the keys that keep it away live only
as long as a heartbeat from a running process renews them (issue 16, item 9)."""

import time

import pytest
from django.core.cache import cache

from reports import services as snapshot_services
from reports.exports import services
from reports.models import SnapshotStatus
from reports.versioning import bump_data_version
from tests.reports.export_helpers import stored_documents
from tests.reports.factories import answered_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def lacking_documents(media, viewer):
    """An organisation whose current snapshot lacks most of its documents."""
    bump_data_version(viewer.organisation.pk)
    stored_documents(viewer.organisation, kinds=["xlsx"])
    return viewer.organisation


@pytest.mark.exports
def test_the_sweep_leaves_an_export_alone_while_it_gives_signs_of_life(
    lacking_documents, django_capture_on_commit_callbacks
):
    services.mark_pending(lacking_documents.pk)  # queued or heartbeating just now
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert services.sweep() == []
    assert callbacks == []
    assert services.is_pending(lacking_documents.pk)


@pytest.mark.exports
def test_the_sweep_takes_an_export_silent_past_the_stale_limit_as_lost_and_enqueues_it_again(
    lacking_documents, django_capture_on_commit_callbacks, monkeypatch
):
    services.mark_pending(lacking_documents.pk)
    later = time.time() + services.STALE_SECONDS + 1  # its worker died: no heartbeat since
    monkeypatch.setattr(services.time, "time", lambda: later)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert services.sweep() == [lacking_documents.pk]
    assert len(callbacks) == 1
    # The page keeps saying the documents are on their way (they are, once more).
    assert services.is_pending(lacking_documents.pk)


@pytest.mark.exports
def test_a_pending_key_left_by_the_previous_release_does_not_keep_the_sweep_away(
    lacking_documents, django_capture_on_commit_callbacks
):
    cache.set(services.PENDING_KEY.format(lacking_documents.pk), "requested", 300)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert services.sweep() == [lacking_documents.pk]
    assert len(callbacks) == 1


def test_the_heartbeat_beats_while_the_block_runs_and_stops_with_it():
    beats = []
    with snapshot_services.heartbeat(lambda: beats.append(time.monotonic()), every=0.05):
        time.sleep(0.4)
    counted = len(beats)
    time.sleep(0.2)
    assert counted >= 3
    assert len(beats) == counted


def test_a_failing_beat_does_not_stop_the_heartbeat():
    calls = []

    def beat():
        calls.append(1)
        raise ConnectionError("cache down")

    with snapshot_services.heartbeat(beat, every=0.05):
        time.sleep(0.3)
    assert len(calls) >= 2


def test_a_running_export_keeps_its_lock_and_its_pending_key_alive_past_their_lifetimes(
    default_framework, media, viewer, monkeypatch
):
    answered_assessment(viewer.organisation, respondents=3)
    snapshot = snapshot_services.snapshot_build(viewer.organisation)
    monkeypatch.setattr(services, "HEARTBEAT_SECONDS", 0.2)
    monkeypatch.setattr(services, "STALE_SECONDS", 1)
    monkeypatch.setattr(services, "LOCK_SECONDS", 1)
    lock_key = f"export-lock:{viewer.organisation.pk}"
    seen = {}

    def slow_build(snapshot, **kwargs):
        time.sleep(2.5)  # one long step: longer than the lock's and the pending key's lifetimes
        seen["lock"] = cache.get(lock_key)
        seen["alive"] = services._pending_is_alive(viewer.organisation.pk)
        return {}

    monkeypatch.setattr(services, "build_exports", slow_build)
    services.export_snapshot(snapshot.pk)
    assert seen["lock"] is not None
    assert seen["alive"]
    assert cache.get(lock_key) is None  # released at the end
    assert not services.is_pending(viewer.organisation.pk)


def test_a_lock_whose_holder_died_frees_the_organisation_after_its_lifetime(viewer):
    lock = services.ExportLock(viewer.organisation.pk)
    lock.seconds = 1
    assert lock.acquire()  # then the process is killed: nobody refreshes or releases it
    assert not services.ExportLock(viewer.organisation.pk).acquire()
    time.sleep(1.5)
    assert services.ExportLock(viewer.organisation.pk).acquire()


def test_a_snapshot_build_keeps_its_lock_through_a_step_longer_than_the_lock_lifetime(
    default_framework, viewer, settings, monkeypatch
):
    settings.REPORTS_LOCK_SECONDS = 1
    answered_assessment(viewer.organisation, respondents=3)
    lock_key = snapshot_services.LOCK_KEY.format(viewer.organisation.pk)
    build_all_languages = snapshot_services.build_all_languages
    seen = {}

    def slow_charts(scores, languages):
        time.sleep(2)
        seen["lock"] = cache.get(lock_key)
        return build_all_languages(scores, languages)

    monkeypatch.setattr(snapshot_services, "build_all_languages", slow_charts)
    snapshot = snapshot_services.snapshot_build(viewer.organisation)
    assert snapshot.status == SnapshotStatus.COMPLETE
    assert seen["lock"] is not None
    assert cache.get(lock_key) is None
