"""Building, scheduling and finding the exported documents of report snapshots.

After each complete snapshot, ``schedule`` enqueues the export task (``tasks.export_snapshot``,
after commit and a short delay) when ``REPORTS_BUILD_EXPORTS`` is on. The task calls
``export_snapshot``: unless the data already moved past the snapshot (a newer snapshot and
its exports are on their way), it draws the charts as SVG, builds the PDF, XLSX and CSV in
every language, stores them and records them in ``snapshot.files``. Downloads then only
stream a stored file. See ``docs/exports.md``.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from organisations.models import Organisation

from ..models import OrganisationDataVersion, ReportSnapshot
from ..services import BuildLock, LockBusy, _pause_for_tests, current_version, heartbeat
from . import storage
from .csv import build_csv
from .document import prepared_by
from .pdf import build_pdf
from .svg import ChartRenderer, chart_svgs
from .xlsx import build_xlsx

logger = logging.getLogger(__name__)

PENDING_KEY = "export-pending:{}"
FAILED_KEY = "export-failed:{}"
FAILURES_KEY = "export-failures:{}"
# After a crash (docs/exports.md, "After a crash"): the pending key holds the time of the last
# sign of life of its export (queued, then a heartbeat while it runs); the sweep takes one silent
# for STALE_SECONDS as lost and enqueues it again. The lock, renewed by the same heartbeat,
# expires LOCK_SECONDS after its holder died.
PENDING_SECONDS = 300  # how long the page says "being built" without news
HEARTBEAT_SECONDS = 5
STALE_SECONDS = 20
LOCK_SECONDS = 20
MAX_FAILURES = 3
MAX_LAG_SECONDS = 120  # documents are rebuilt at least this often while data keeps changing


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def expected_keys() -> set[str]:
    return {storage.file_key(kind, language) for kind in storage.KINDS for language in languages()}


class ExportLock(BuildLock):
    """One export run per organisation at a time (a cache lock that expires by itself)."""

    def __init__(self, organisation_id: int):
        super().__init__(organisation_id, seconds=LOCK_SECONDS)
        self.key = f"export-lock:{organisation_id}"


def build_document(
    snapshot: ReportSnapshot,
    kind: str,
    language: str,
    *,
    svgs: dict[str, str] | None = None,
    author: str = "",
    renderer: ChartRenderer | None = None,
) -> bytes:
    """One document's bytes (the PDF draws the charts unless ``svgs`` are given)."""
    export = storage.KINDS[kind]
    if export.format == "pdf":
        if svgs is None:
            svgs = snapshot.svgs.get(language) or chart_svgs(
                snapshot.figures.get(language) or [], use=renderer
            )
        return build_pdf(snapshot, language, svgs, author=author)
    if export.format == "xlsx":
        return build_xlsx(snapshot, language)
    return build_csv(snapshot, language, export.what)


def build_exports(
    snapshot: ReportSnapshot,
    *,
    kinds: list[str] | None = None,
    langs: list[str] | None = None,
    requested_by=None,
    renderer: ChartRenderer | None = None,
) -> dict[str, dict]:
    """Build, store and record documents of ``snapshot``; returns the records built."""
    kinds = kinds or list(storage.KINDS)
    langs = langs or languages()
    author = prepared_by(snapshot.organisation, requested_by)
    built: dict[str, dict] = {}
    svgs_by_language: dict[str, dict[str, str]] = {}
    for language in langs:
        for kind in kinds:
            svgs = None
            if kind == "pdf":
                svgs = snapshot.svgs.get(language) or chart_svgs(
                    snapshot.figures.get(language) or [], use=renderer
                )
                svgs_by_language[language] = svgs
            clock = time.perf_counter()
            data = build_document(snapshot, kind, language, svgs=svgs, author=author)
            record = storage.save(snapshot, storage.KINDS[kind], language, data, author=author)
            record["build_ms"] = int((time.perf_counter() - clock) * 1000)
            built[storage.file_key(kind, language)] = record
    with transaction.atomic():
        row = ReportSnapshot.objects.select_for_update().filter(pk=snapshot.pk).first()
        if row is None:  # pruned meanwhile: nothing may keep its files
            transaction.on_commit(
                lambda: storage.delete_folder(snapshot.organisation_id, snapshot.pk)
            )
            return {}
        files = (row.files or {}) | built
        svgs = (row.svgs or {}) | svgs_by_language
        ReportSnapshot.objects.filter(pk=snapshot.pk).update(files=files, svgs=svgs)
    snapshot.files, snapshot.svgs = files, svgs
    return built


def _set_cache(key: str, value, timeout: int | None) -> None:
    try:
        cache.set(key, value, timeout=timeout)
    except Exception:
        logger.warning("Cache unavailable: could not set %s", key)


def _delete_cache(key: str) -> None:
    try:
        cache.delete(key)
    except Exception:
        logger.warning("Cache unavailable: could not delete %s", key)


def schedule(
    snapshot: ReportSnapshot, *, requested_by=None, force: bool = False, now: bool = False
) -> bool:
    """After commit, enqueue the export of ``snapshot`` (only when REPORTS_BUILD_EXPORTS is on,
    unless forced by a person asking for it); ``now`` skips the delay that lets a newer
    snapshot supersede it (the sweep's re-enqueues). Never raises; the sweep catches what is
    lost."""
    if not (settings.REPORTS_BUILD_EXPORTS or force):
        return False
    from .tasks import export_snapshot

    organisation_id, snapshot_id = snapshot.organisation_id, snapshot.pk
    user_id = getattr(requested_by, "pk", requested_by)

    def enqueue() -> None:
        mark_pending(organisation_id)
        try:
            export_snapshot.apply_async(
                (snapshot_id,),
                {"requested_by": user_id, "force": force, "organisation_id": organisation_id},
                countdown=0 if force or now else settings.REPORTS_EXPORT_DELAY_SECONDS,
                retry_policy={"max_retries": 1, "interval_start": 0, "interval_step": 0.2},
            )
        except Exception:
            logger.warning(
                "Broker unavailable: exports of snapshot %s left to the sweep", snapshot_id
            )
            _delete_cache(PENDING_KEY.format(organisation_id))

    transaction.on_commit(enqueue)
    return True


def export_snapshot(
    snapshot_id: int, *, requested_by=None, force: bool = False, organisation_id: int | None = None
) -> dict | None:
    """What the export task does. Returns the records built, or None when there was nothing
    to do (snapshot gone, superseded by newer data, or already exported).

    While data keep changing, snapshots can be pruned before their export task runs; given
    the ``organisation_id``, the organisation's newest complete snapshot is then exported
    instead, under the same rules (so documents still follow at least every MAX_LAG_SECONDS).
    """
    complete = ReportSnapshot.objects.complete().select_related("organisation")
    snapshot = complete.filter(pk=snapshot_id).first()
    if snapshot is None and organisation_id is not None:
        snapshot = complete.filter(organisation_id=organisation_id).latest_first().first()
    if snapshot is None:
        return None
    snapshot_id = snapshot.pk
    organisation_id = snapshot.organisation_id
    if (
        not force
        and current_version(organisation_id) > snapshot.data_version
        and _documents_are_recent(snapshot.organisation)
    ):
        return None  # the data moved on: the newer snapshot brings its own exports
    if not force and expected_keys() <= set(snapshot.files or {}):
        _delete_cache(PENDING_KEY.format(organisation_id))
        return None
    lock = ExportLock(organisation_id)
    if not lock.acquire():
        raise LockBusy(f"exports of organisation {organisation_id} are being built")
    try:
        with heartbeat(lambda: _keep_alive(lock, organisation_id), every=HEARTBEAT_SECONDS):
            _pause_for_tests("REPORTS_TEST_EXPORT_PAUSE_FILE")
            built = build_exports(snapshot, requested_by=requested_by)
    except Exception as error:
        failures = FAILURES_KEY.format(snapshot_id)
        _set_cache(failures, (cache.get(failures) or 0) + 1, 24 * 3600)
        _set_cache(
            FAILED_KEY.format(organisation_id), f"{type(error).__name__}: {error}"[:500], 24 * 3600
        )
        raise
    finally:
        lock.release()
        _delete_cache(PENDING_KEY.format(organisation_id))
    _delete_cache(FAILED_KEY.format(organisation_id))
    logger.info("Exported snapshot %s: %s", snapshot_id, ", ".join(sorted(built)))
    return built


def _documents_are_recent(organisation: Organisation) -> bool:
    """Whether some document was built in the last MAX_LAG_SECONDS. While data changes faster
    than exports are built, every export would be skipped for a newer one; so an outdated
    export still runs when the newest documents are older than that (or there are none)."""
    built = [stored.built_at for stored in newest_files(organisation).values() if stored.built_at]
    return bool(built) and (timezone.now() - max(built)).total_seconds() < MAX_LAG_SECONDS


def sweep() -> list[int]:
    """Enqueue the exports of every organisation whose current snapshot lacks some of its
    documents (two queries), unless they are pending or failed three times."""
    if not settings.REPORTS_BUILD_EXPORTS:
        return []
    newest = (
        ReportSnapshot.objects.complete()
        .filter(organisation=OuterRef("organisation"))
        .latest_first()
    )
    current = (
        OrganisationDataVersion.objects.annotate(
            snapshot_id=Subquery(newest.values("pk")[:1]),
            built=Subquery(newest.values("data_version")[:1]),
        )
        .filter(built=F("version"))
        .values_list("snapshot_id", flat=True)
    )
    wanted = expected_keys()
    scheduled = []
    for snapshot in ReportSnapshot.objects.filter(pk__in=list(current)).only(
        "pk", "organisation_id", "files"
    ):
        if wanted <= set(snapshot.files or {}):
            continue
        try:
            if _pending_is_alive(snapshot.organisation_id):
                continue
            if (cache.get(FAILURES_KEY.format(snapshot.pk)) or 0) >= MAX_FAILURES:
                continue
        except Exception:
            return scheduled
        schedule(snapshot, now=True)
        scheduled.append(snapshot.organisation_id)
    return scheduled


# --- Reading: what the download page and the downloads need --------------------------------


@dataclass(frozen=True)
class StoredFile:
    key: str
    kind: storage.ExportKind
    language: str
    record: dict

    @property
    def data_version(self) -> int:
        return self.record["data_version"]

    @property
    def built_at(self) -> datetime | None:
        return parse_datetime(self.record.get("built_at") or "")

    @property
    def size(self) -> int:
        return self.record.get("size", 0)


def newest_files(organisation: Organisation) -> dict[str, StoredFile]:
    """For each file key, the newest stored document among the kept snapshots (one query)."""
    rows = (
        ReportSnapshot.objects.complete()
        .filter(organisation=organisation)
        .latest_first()
        .values_list("files", flat=True)
    )
    found: dict[str, StoredFile] = {}
    for files in rows:  # newest first: the first record of a key wins
        for key, record in (files or {}).items():
            kind = storage.KINDS.get(record.get("kind", ""))
            if key in found or kind is None or not storage.belongs_to(record, organisation.pk):
                continue
            found[key] = StoredFile(key, kind, record.get("language", ""), record)
    return found


def newest_snapshot(organisation: Organisation) -> ReportSnapshot | None:
    return (
        ReportSnapshot.objects.complete()
        .filter(organisation=organisation)
        .latest_first()
        .defer("figures", "svgs", "scores")
        .first()
    )


def mark_pending(organisation_id: int) -> None:
    """Show the documents as being built from now on (the task clears it when done); the value
    is this moment, the sign of life the sweep reads."""
    _set_cache(PENDING_KEY.format(organisation_id), time.time(), PENDING_SECONDS)


def _keep_alive(lock: BuildLock, organisation_id: int) -> None:
    """The heartbeat of a running export: renew its lock and its sign of life."""
    lock.refresh()
    mark_pending(organisation_id)


def _pending_is_alive(organisation_id: int) -> bool:
    """Whether the pending export gave a sign of life in the last STALE_SECONDS (queued or
    running); one silent longer was lost with its worker or message. Raises if the cache is
    down."""
    seen = cache.get(PENDING_KEY.format(organisation_id))
    return isinstance(seen, int | float) and time.time() - seen < STALE_SECONDS


def is_pending(organisation_id: int) -> bool:
    try:
        return cache.get(PENDING_KEY.format(organisation_id)) is not None
    except Exception:
        return False


def last_failure(organisation_id: int) -> str:
    try:
        return cache.get(FAILED_KEY.format(organisation_id)) or ""
    except Exception:
        return ""
