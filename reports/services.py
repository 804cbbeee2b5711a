"""Build report snapshots: one organisation at a time, only when its data moved on.

``snapshot_build`` is what the Celery task, the demo seed and the benchmarks call. The whole
mechanism (versions, coalescing, locks, sweep) is explained in ``docs/regeneration.md``.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import traceback
import uuid
from collections.abc import Callable
from contextlib import contextmanager

import pandas as pd
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from maturity import comparisons
from organisations.models import Organisation

from . import selectors
from .charts import build_all_languages
from .models import OrganisationDataVersion, ReportSnapshot, SnapshotStatus
from .scores import build_scores
from .versioning import clear_pending, request_regeneration

logger = logging.getLogger(__name__)

LOCK_KEY = "regen-lock:{}"
KEEP_COMPLETE = 3  # complete snapshots kept per organisation (the newest)
MAX_FAILURES_PER_VERSION = 3  # the sweep stops retrying a version after this many failures
BENCHMARK_MIN_ORGANISATIONS = 5


class LockBusy(Exception):
    """Another run is building this organisation; the task retries later."""


class BuildLock:
    """A cache lock (``cache.add``) that expires by itself if its holder dies.

    While a build runs, a heartbeat thread refreshes it every third of its lifetime (see
    ``heartbeat``), so it never expires under a live build however long one step takes, and a
    killed worker blocks the organisation for at most its lifetime.
    """

    def __init__(self, organisation_id: int, seconds: int | None = None):
        self.key = LOCK_KEY.format(organisation_id)
        self.seconds = seconds or settings.REPORTS_LOCK_SECONDS
        self.token = uuid.uuid4().hex
        self.held = False

    def acquire(self) -> bool:
        self.held = bool(cache.add(self.key, self.token, timeout=self.seconds))
        return self.held

    def refresh(self) -> None:
        if self.held and cache.get(self.key) == self.token:
            cache.touch(self.key, self.seconds)

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        try:
            if cache.get(self.key) == self.token:
                cache.delete(self.key)
        except Exception:
            logger.warning("Could not release %s; it expires by itself", self.key)


@contextmanager
def heartbeat(beat: Callable[[], None], *, every: float):
    """Call ``beat`` every ``every`` seconds from a daemon thread while the block runs.

    Keys that say "a process is working on this" (locks, pending markers) are renewed this way
    with a short lifetime: they live exactly as long as the process does, so after a crash the
    sweep sees within seconds that the work was lost (docs/regeneration.md, "After a crash").
    """
    stop = threading.Event()

    def run() -> None:
        while not stop.wait(every):
            try:
                beat()
            except Exception:
                logger.warning("Heartbeat failed; the keys it renews may expire", exc_info=True)

    thread = threading.Thread(target=run, name="reports-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=every + 5)


@contextmanager
def build_lock(organisation_id: int):
    lock = BuildLock(organisation_id)
    if not lock.acquire():
        raise LockBusy(f"organisation {organisation_id} is being built")
    try:
        yield lock
    finally:
        lock.release()


def current_version(organisation_id: int) -> int:
    return (
        OrganisationDataVersion.objects.filter(organisation_id=organisation_id)
        .values_list("version", flat=True)
        .first()
        or 0
    )


def data_changed_at(organisation_id: int):
    """When the organisation's data last changed (None before any change)."""
    return (
        OrganisationDataVersion.objects.filter(organisation_id=organisation_id)
        .values_list("changed_at", flat=True)
        .first()
    )


def latest_complete_version(organisation_id: int) -> int | None:
    return (
        ReportSnapshot.objects.complete()
        .filter(organisation_id=organisation_id)
        .latest_first()
        .values_list("data_version", flat=True)
        .first()
    )


def is_up_to_date(organisation_id: int, version: int) -> bool:
    built = latest_complete_version(organisation_id)
    return built is not None and built >= version


def _pause_for_tests(variable: str = "REPORTS_TEST_PAUSE_FILE") -> None:
    """Test hook: while the file named by the environment ``variable`` exists, wait (at most
    60 s). The file receives this process id, so a test can kill the process mid-build."""
    path = os.environ.get(variable)
    if not path or not os.path.exists(path):
        return
    with open(path, "w") as handle:
        handle.write(str(os.getpid()))
    deadline = time.monotonic() + 60
    while os.path.exists(path) and time.monotonic() < deadline:
        time.sleep(0.1)


def benchmark(organisation: Organisation, own: dict | None) -> list[dict] | None:
    """Percentile of each feature among the other organisations on the same framework, from
    their latest complete snapshots (one query); suppressed below five organisations."""
    if not own:
        return None
    newest = (
        ReportSnapshot.objects.complete()
        .filter(organisation=OuterRef("organisation"))
        .latest_first()
        .values("pk")[:1]
    )
    others = (
        ReportSnapshot.objects.complete()
        .exclude(organisation=organisation)
        .filter(pk=Subquery(newest), scores__benchmark_input__framework=own["framework"])
        .values_list("organisation_id", "scores__benchmark_input")
    )
    records = [(organisation.pk, code, score) for code, score in own["scores"].items()]
    for organisation_id, data in others:
        records += [(organisation_id, code, score) for code, score in data["scores"].items()]
    frame = pd.DataFrame(records, columns=["organisation", "dimension", "score"])
    table = comparisons.benchmark_percentiles(
        frame, organisation.pk, min_organisations=BENCHMARK_MIN_ORGANISATIONS
    )
    table = table.astype(object).where(table.notna(), None)
    return table.to_dict("records")


def _abandon_stale_builds(organisation_id: int) -> None:
    """Runs that died mid-build left 'building' rows; we hold the lock, so they are dead."""
    ReportSnapshot.objects.filter(
        organisation_id=organisation_id, status=SnapshotStatus.BUILDING
    ).update(
        status=SnapshotStatus.FAILED,
        error="Interrupted: the run building it stopped.",
        finished_at=timezone.now(),
    )


def _prune(organisation_id: int, keep_from_version: int) -> None:
    """Keep the newest complete snapshots, and the newest one with exported documents (so a
    download is always there while newer documents are built); drop failed ones older than
    the newest build."""
    newest = (
        ReportSnapshot.objects.complete().filter(organisation_id=organisation_id).latest_first()
    )
    keep = list(newest.values_list("pk", flat=True)[:KEEP_COMPLETE])
    keep += list(newest.exclude(files={}).values_list("pk", flat=True)[:1])
    ReportSnapshot.objects.filter(organisation_id=organisation_id).exclude(pk__in=keep).filter(
        data_version__lt=keep_from_version
    ).delete()


def _build(organisation: Organisation, version: int, lock: BuildLock) -> ReportSnapshot:
    started = timezone.now()
    clock = time.perf_counter()
    snapshot = ReportSnapshot.objects.create(
        organisation=organisation, data_version=version, started_at=started
    )
    try:
        _pause_for_tests()
        scores = build_scores(organisation, version)
        scores["built_on"] = timezone.localdate().isoformat()
        scores["benchmark"] = benchmark(organisation, scores.get("benchmark_input"))
        lock.refresh()
        languages = [code for code, _name in settings.LANGUAGES]
        figures = build_all_languages(scores, languages)
        lock.refresh()
    except BaseException as error:
        ReportSnapshot.objects.filter(pk=snapshot.pk).update(
            status=SnapshotStatus.FAILED,
            finished_at=timezone.now(),
            duration_ms=int((time.perf_counter() - clock) * 1000),
            error="".join(traceback.format_exception_only(error))[-2000:],
        )
        raise
    snapshot.scores, snapshot.figures = scores, figures
    snapshot.status = SnapshotStatus.COMPLETE
    snapshot.finished_at = timezone.now()
    snapshot.duration_ms = int((time.perf_counter() - clock) * 1000)
    try:
        with transaction.atomic():
            snapshot.save()
    except IntegrityError:  # the same version was completed meanwhile: keep that one
        ReportSnapshot.objects.filter(pk=snapshot.pk).delete()
        return ReportSnapshot.objects.complete().get(
            organisation=organisation, data_version=version
        )
    _prune(organisation.pk, version)
    return snapshot


def snapshot_build(organisation: Organisation, *, force: bool = False) -> ReportSnapshot | None:
    """Build a complete snapshot of the organisation's current data version.

    Returns None without doing any work when the newest complete snapshot already covers the
    current version (unless ``force``). Raises ``LockBusy`` when another run is building the
    organisation. The version is read before the data, so a snapshot never claims a version
    newer than what it shows.
    """
    clear_pending(organisation.pk)
    if not force and is_up_to_date(organisation.pk, current_version(organisation.pk)):
        return None
    with build_lock(organisation.pk) as lock:
        version = current_version(organisation.pk)
        if not force and is_up_to_date(organisation.pk, version):
            return None
        _abandon_stale_builds(organisation.pk)
        with heartbeat(lock.refresh, every=lock.seconds / 3):
            snapshot = _build(organisation, version, lock)
    logger.info(
        "Built snapshot v%s of organisation %s in %s ms",
        version,
        organisation.pk,
        snapshot.duration_ms,
    )
    from .exports.services import schedule as schedule_exports

    schedule_exports(snapshot)  # PDF, XLSX, CSV in a task of their own (docs/exports.md)
    return snapshot


def sweep() -> list[int]:
    """Enqueue a regeneration of every organisation whose newest complete snapshot is older
    than its data version (one query to find them). Returns their ids."""
    stale = selectors.stale_organisation_ids(max_failures=MAX_FAILURES_PER_VERSION)
    for organisation_id in stale:
        request_regeneration(organisation_id, force=True)
    if stale:
        logger.info("Sweep re-enqueued %s organisation(s)", len(stale))
    return stale
