"""A worker killed mid-export: the lost export is running again within a minute of a new worker
starting, and its documents follow, on Redis and on the file-system broker of `make run`, which
loses the message for good (issue 16, item 9: it took 336 s). The workers here run the
product's sweep interval and lifetimes.

The limit applies to the recovery (the lost export running again); the build itself then takes
what it takes without a crash too (8 to 25 s on the test machine, more when it is loaded), so
the documents are given that on top.
"""

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache

from reports.exports import services
from reports.exports.services import expected_keys
from reports.models import ReportSnapshot
from tests.reports.conftest import ARTIFACTS, ROOT, stop_group
from tests.reports.factories import answered_assessment
from tests.reports.helpers import wait_until_current
from tests.workers import worker_queues

pytestmark = [pytest.mark.worker, pytest.mark.exports, pytest.mark.django_db(transaction=True)]

RECOVERY_LIMIT = 60  # seconds from a new worker's start to the export running again (issue 16)
BUILD_ALLOWANCE = 90  # seconds for the 8 documents once the export runs
# What a production worker runs with (no test shortcuts): the sweep every 30 s, exports after
# a 5 s delay; only the pause hook is added, to kill the worker mid-export.
PRODUCT = {"REPORTS_SWEEP_SECONDS": "30", "REPORTS_EXPORT_DELAY_SECONDS": "5"}


def wait_for_file_text(path: Path, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while not (path.exists() and path.read_text()):
        assert time.monotonic() < deadline, f"nothing written to {path} in {timeout} s"
        time.sleep(0.1)
    return path.read_text()


def wait_for_documents(snapshot: ReportSnapshot, timeout: float) -> ReportSnapshot:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        snapshot.refresh_from_db()
        if expected_keys() <= set(snapshot.files):
            return snapshot
        time.sleep(0.3)
    raise AssertionError(f"Documents of snapshot {snapshot.pk}: only {sorted(snapshot.files)}")


def kill_mid_export(worker: subprocess.Popen, organisation, pause: Path) -> ReportSnapshot:
    """Wait until the worker is inside an export of the current snapshot, then SIGKILL the whole
    worker (main process, pool child, embedded beat) as the OOM killer or a power cut would."""
    wait_for_file_text(pause, timeout=120)  # the export paused inside its lock and heartbeat
    snapshot = wait_until_current(organisation, timeout=30)
    assert not expected_keys() <= set(snapshot.files)
    assert services.is_pending(organisation.pk)
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()
    pause.unlink()
    return snapshot


def measure_recovery(snapshot: ReportSnapshot, killed: float, started: float, broker: str):
    lock = f"export-lock:{snapshot.organisation_id}"
    dead_holder = cache.get(lock)  # the killed export's token, until its lifetime ends
    deadline = started + RECOVERY_LIMIT + BUILD_ALLOWANCE
    while cache.get(lock) in (None, dead_holder) and not expected_keys() <= set(snapshot.files):
        assert time.monotonic() < deadline, "the lost export never ran again"
        time.sleep(0.1)
        snapshot.refresh_from_db()
    running = time.monotonic()
    wait_for_documents(snapshot, timeout=max(deadline - running, 1))
    done = time.monotonic()
    print(
        f"\n[{broker}] export running again {running - started:.1f} s after the new worker "
        f"answered ({running - killed:.1f} s after the kill); documents complete "
        f"{done - started:.1f} s after it ({done - killed:.1f} s after the kill; build "
        f"{done - running:.1f} s)"
    )
    assert running - started < RECOVERY_LIMIT
    assert {record["data_version"] for record in snapshot.files.values()} == {snapshot.data_version}


def test_documents_of_a_worker_killed_mid_export_are_built_within_a_minute_on_redis(
    start_worker, default_framework, viewer, tmp_path
):
    pause = tmp_path / "pause-export"
    pause.touch()
    environment = {**PRODUCT, "REPORTS_BUILD_EXPORTS": "true"}
    first = start_worker("export-kill", REPORTS_TEST_EXPORT_PAUSE_FILE=str(pause), **environment)
    organisation = viewer.organisation
    answered_assessment(organisation, respondents=4)

    snapshot = kill_mid_export(first, organisation, pause)
    killed = time.monotonic()
    start_worker("export-after-kill", **environment)
    started = time.monotonic()
    measure_recovery(snapshot, killed, started, "redis")


# --- The file-system broker of `make run`: no REDIS_URL, broker and cache in a folder ----------


@pytest.fixture
def on_filesystem_broker(settings, tmp_path) -> Iterator[Path]:
    """Point this process's cache and Celery producer where a worker started without REDIS_URL
    looks (its LNDSTRATEGY_VAR_DIR); yields that folder."""
    from lndstrategy.celery import app

    var = tmp_path / "var"
    broker = var / "broker"
    for folder in (broker / "processed", broker / "control", var / "cache"):
        folder.mkdir(parents=True)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(var / "cache"),
        }
    }
    previous = app.conf.broker_url, app.conf.broker_transport_options
    app.conf.broker_url = "filesystem://"
    app.conf.broker_transport_options = {
        "data_folder_in": str(broker),
        "data_folder_out": str(broker),
        "processed_folder": str(broker / "processed"),
        "control_folder": str(broker / "control"),
        "store_processed": False,
    }
    app._pool = None
    app.amqp._producer_pool = None
    yield var
    app.conf.broker_url, app.conf.broker_transport_options = previous
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def start_filesystem_worker(on_filesystem_broker, tmp_path) -> Iterator:
    """A worker (prefork, one child, with beat) started the way `make run` starts it: the
    embedded defaults, no REDIS_URL, only the test database added."""
    from django.db import connection

    workers: list[subprocess.Popen] = []
    database_url = "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**connection.settings_dict)
    ARTIFACTS.mkdir(exist_ok=True)

    def start(name: str, **env: str) -> subprocess.Popen:
        log_path = ARTIFACTS / f"reports-worker-{name}.log"
        environment = {
            key: value
            for key, value in os.environ.items()
            if key not in {"REDIS_URL", "MEDIA_ROOT", "REPORTS_SWEEP_SECONDS"}
        }
        environment |= {
            "DATABASE_URL": database_url,
            "LNDSTRATEGY_VAR_DIR": str(on_filesystem_broker),
            **env,
        }
        worker = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "lndstrategy", "worker", "--beat",
                "--schedule", str(tmp_path / f"beat-{name}"), "--pool=prefork",
                "--concurrency=1", "--loglevel=INFO", "--without-gossip", "--without-mingle",
                "-Q", worker_queues(), "-n", f"reports-{name}-{os.getpid()}@%h",
            ],
            cwd=ROOT, env=environment, stdout=log_path.open("w"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        workers.append(worker)
        deadline = time.monotonic() + 60
        while " ready." not in log_path.read_text():
            assert worker.poll() is None, f"worker {name} exited; see {log_path}"
            assert time.monotonic() < deadline, f"worker {name} not ready within 60 s"
            time.sleep(0.2)
        return worker

    yield start
    for worker in workers:
        with contextlib.suppress(ProcessLookupError):
            stop_group(worker)


def export_messages(broker: Path) -> list[Path]:
    found = []
    for path in broker.glob("*.msg"):
        with contextlib.suppress(OSError, ValueError):
            headers = json.loads(path.read_text()).get("headers", {})
            if headers.get("task") == "reports.exports.tasks.export_snapshot":
                found.append(path)
    return found


def test_documents_of_a_worker_killed_mid_export_are_built_within_a_minute_on_the_filesystem_broker(
    start_filesystem_worker, on_filesystem_broker, default_framework, viewer, tmp_path
):
    pause = tmp_path / "pause-export"
    pause.touch()
    environment = {**PRODUCT, "REPORTS_BUILD_EXPORTS": "true"}
    first = start_filesystem_worker(
        "fs-export-kill", REPORTS_TEST_EXPORT_PAUSE_FILE=str(pause), **environment
    )
    organisation = viewer.organisation
    answered_assessment(organisation, respondents=4)

    snapshot = kill_mid_export(first, organisation, pause)
    killed = time.monotonic()
    assert export_messages(on_filesystem_broker / "broker") == []  # lost: nothing to redeliver
    start_filesystem_worker("fs-export-after-kill", **environment)
    started = time.monotonic()
    measure_recovery(snapshot, killed, started, "filesystem")
