"""Data versions: bumped inside the change's own transaction; regeneration asked for after commit.

The bump is one upsert (``INSERT ... ON CONFLICT DO UPDATE SET version = version + 1``), so the
autosave path pays one query and never races: concurrent changes to one organisation queue on
its version row and each adds exactly one. See ``docs/regeneration.md``.
"""

from __future__ import annotations

import logging
import time
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.db.models import Model
from django.utils import timezone

from .models import OrganisationDataVersion

logger = logging.getLogger(__name__)

PENDING_KEY = "regen-pending:{}"
LAST_CHANGE_KEY = "regen-last-change:{}"


def pending_key(organisation_id: int) -> str:
    return PENDING_KEY.format(organisation_id)


def last_change_key(organisation_id: int) -> str:
    return LAST_CHANGE_KEY.format(organisation_id)


def _upsert_sql(connection, source: str) -> str:
    table = connection.ops.quote_name(OrganisationDataVersion._meta.db_table)
    return (
        f"INSERT INTO {table} (organisation_id, version, changed_at) {source} "
        f"ON CONFLICT (organisation_id) DO UPDATE SET version = {table}.version + 1, "
        "changed_at = excluded.changed_at RETURNING organisation_id, version"
    )


def _now(using: str):
    return connections[using].ops.adapt_datetimefield_value(timezone.now())


def _bump(using: str, source: str, params: list) -> tuple[int, int] | None:
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(_upsert_sql(connection, source), params)
        row = cursor.fetchone()
    if row is None:  # the parent row is gone: nothing left to version
        return None
    organisation_id, version = int(row[0]), int(row[1])
    transaction.on_commit(partial(request_regeneration, organisation_id), using=using, robust=True)
    return organisation_id, version


def bump_data_version(organisation_id: int, *, using: str = "default") -> int:
    """Add one to the organisation's data version in the current transaction; return it.

    After the transaction commits, a regeneration of the organisation is asked for.
    """
    # SQLite needs a WHERE in an upsert's SELECT to tell ON CONFLICT from a join's ON.
    result = _bump(using, "SELECT %s, 1, %s WHERE 1 = 1", [organisation_id, _now(using)])
    assert result is not None
    return result[1]


def bump_data_version_via(parent: type[Model], parent_pk: int, *, using: str = "default"):
    """Bump the version of the organisation that ``parent`` row ``parent_pk`` belongs to.

    For rows without an ``organisation`` column of their own (an answer belongs to a
    respondent): the organisation is looked up inside the same single statement.
    Returns (organisation_id, version), or None when the parent row does not exist.
    """
    connection = connections[using]
    table = connection.ops.quote_name(parent._meta.db_table)
    pk_column = connection.ops.quote_name(parent._meta.pk.column)
    org_column = connection.ops.quote_name(parent._meta.get_field("organisation").column)
    source = f"SELECT {org_column}, 1, %s FROM {table} WHERE {pk_column} = %s"
    return _bump(using, source, [_now(using), parent_pk])


def request_regeneration(organisation_id: int, *, force: bool = False) -> bool:
    """Enqueue one regeneration of the organisation unless one is already pending.

    The first request sets ``regen-pending:<org>`` and enqueues the task with a short
    countdown (``REPORTS_DEBOUNCE_SECONDS``); requests while that key exists are coalesced into
    the run already queued, which waits while they keep coming (see `settle_delay`).
    The run deletes the key when it starts, so changes made during a build queue one more run.
    Never raises: with the broker or cache down the request is logged and the periodic sweep
    enqueues the regeneration later. Returns whether a task was enqueued.
    """

    key = pending_key(organisation_id)
    now = time.time()
    try:
        # When the burst began (in the pending key) and when its last change came.
        cache.set(last_change_key(organisation_id), now, timeout=settings.REPORTS_PENDING_SECONDS)
        added = cache.add(key, now, timeout=settings.REPORTS_PENDING_SECONDS)
        if not added and not force:
            return False
        if not added:
            cache.set(key, now, timeout=settings.REPORTS_PENDING_SECONDS)
    except Exception:
        logger.warning(
            "Cache unavailable: regeneration of organisation %s left to the sweep",
            organisation_id,
            exc_info=True,
        )
        return False
    # The sweep (force) has nothing to coalesce; a countdown also makes the worker hold the
    # message unacknowledged, which a broker outage handles badly.
    if not _enqueue(organisation_id, countdown=0 if force else settings.REPORTS_DEBOUNCE_SECONDS):
        clear_pending(organisation_id)
        return False
    return True


def settle_delay(organisation_id: int) -> float:
    """Seconds a regeneration should still wait for its burst of changes to settle: until
    ``REPORTS_DEBOUNCE_SECONDS`` have passed without a change, but never more than
    ``REPORTS_COALESCE_SECONDS`` after the burst's first change. 0 when it may build now (also
    when the cache cannot say)."""
    try:
        first = cache.get(pending_key(organisation_id))
        last = cache.get(last_change_key(organisation_id))
    except Exception:
        return 0.0
    if not isinstance(first, int | float) or not isinstance(last, int | float):
        return 0.0
    now = time.time()
    quiet = settings.REPORTS_DEBOUNCE_SECONDS - (now - last)
    capped = settings.REPORTS_COALESCE_SECONDS - (now - first)
    return max(0.0, min(quiet, capped))


def regeneration_defer(organisation_id: int, *, countdown: float) -> bool:
    """Enqueue the organisation's regeneration again in ``countdown`` seconds (its burst of
    changes is still going on). False when the broker refused: the sweep covers it."""
    return _enqueue(organisation_id, countdown=countdown)


def _enqueue(organisation_id: int, *, countdown: float) -> bool:
    """Enqueue one regeneration of the organisation; False (logged) when the broker refused."""
    from .tasks import regenerate_organisation

    try:
        regenerate_organisation.apply_async(
            (organisation_id,),
            countdown=countdown,
            retry_policy={"max_retries": 1, "interval_start": 0, "interval_step": 0.2},
        )
    except Exception:
        logger.warning(
            "Broker unavailable: regeneration of organisation %s left to the sweep",
            organisation_id,
            exc_info=True,
        )
        return False
    return True


def clear_pending(organisation_id: int) -> None:
    try:
        cache.delete(pending_key(organisation_id))
    except Exception:
        logger.warning("Cache unavailable: could not clear %s", pending_key(organisation_id))
