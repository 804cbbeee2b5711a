import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from organisations.models import Role
from reports import services
from tests.actions.factories import ActionFactory
from tests.factories import MembershipFactory
from tests.reports.factories import answered_assessment
from tests.workers import worker_queues

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture
def viewer(db):
    return MembershipFactory(role=Role.VIEWER)


@pytest.fixture
def built_dashboard(default_framework, viewer):
    """An organisation with answers, two actions and a complete snapshot; a viewer of it."""
    organisation = viewer.organisation
    answered_assessment(organisation, respondents=6)
    ActionFactory.create_batch(2, organisation=organisation)
    snapshot = services.snapshot_build(organisation)
    return organisation, snapshot


# --- A broker of our own: a throwaway Redis and workers we may stop, start and kill ----------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateRedis:
    """A redis-server on a free loopback port, never the suite's shared one."""

    def __init__(self, folder: Path):
        self.port = free_port()
        self.folder = folder
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        subprocess.run(
            [
                "redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                "--daemonize", "yes", "--save", "", "--appendonly", "no",
                "--dir", str(self.folder), "--pidfile", str(self.folder / "redis.pid"),
                "--logfile", str(self.folder / "redis.log"),
            ],
            check=True,
        )  # fmt: skip
        self.wait(up=True)

    def stop(self) -> None:
        subprocess.run(["redis-cli", "-p", str(self.port), "shutdown", "nosave"], check=False)
        self.wait(up=False)

    def is_up(self) -> bool:
        ping = subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True)
        return ping.stdout.strip() == b"PONG"

    def wait(self, *, up: bool, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while self.is_up() != up:
            assert time.monotonic() < deadline, f"redis on {self.port} did not go {up=}"
            time.sleep(0.05)


@pytest.fixture
def private_redis(tmp_path) -> Iterator[PrivateRedis]:
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def on_private_redis(private_redis, settings) -> Iterator[PrivateRedis]:
    """Point this test process's cache and Celery producer at the private Redis."""
    from lndstrategy.celery import app

    prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": private_redis.url,
            "KEY_PREFIX": prefix,
            # Fail fast while the server is down: the web path must not hang on it.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    previous = app.conf.broker_url
    app.conf.broker_url = private_redis.url
    app.conf.broker_connection_timeout = 1
    app._pool = None
    app.amqp._producer_pool = None
    yield private_redis
    app.conf.broker_url = previous
    app._pool = None
    app.amqp._producer_pool = None


def ping(app) -> list:
    try:
        return app.control.ping(timeout=0.5)
    except Exception:  # a pooled connection from before an outage: the next try reconnects
        return []


@pytest.fixture
def start_worker(on_private_redis, django_db_blocker, tmp_path) -> Iterator:
    """Start a Celery worker (prefork, one child, with beat) on the private Redis."""
    from django.db import connection

    from lndstrategy.celery import app

    workers: list[subprocess.Popen] = []
    settings_dict = connection.settings_dict
    database_url = "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**settings_dict)
    ARTIFACTS.mkdir(exist_ok=True)

    def start(name: str, queues: str | None = None, **env: str) -> subprocess.Popen:
        """A worker on ``queues`` (a ``-Q`` argument; both of the run's queues by default)."""
        log = (ARTIFACTS / f"reports-worker-{name}.log").open("w")
        environment = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": on_private_redis.url,
            "REPORTS_SWEEP_SECONDS": "2",
            **env,
        }
        worker = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "lndstrategy", "worker", "--beat",
                "--schedule", str(tmp_path / f"beat-{name}"), "--pool=prefork",
                "--concurrency=1", "--loglevel=INFO", "--without-gossip", "--without-mingle",
                "-Q", queues or worker_queues(), "-n", f"reports-{name}-{os.getpid()}@%h",
            ],
            cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: beat and pool children included
        )  # fmt: skip
        workers.append(worker)
        deadline = time.monotonic() + 60
        while not ping(app):
            assert worker.poll() is None, f"worker {name} exited; see its log"
            assert time.monotonic() < deadline, f"worker {name} did not answer within 60 s"
        return worker

    yield start
    for worker in workers:
        stop_group(worker)


def stop_group(worker: subprocess.Popen) -> None:
    """Stop the worker and every process it started (the embedded beat, the pool)."""
    try:
        os.killpg(worker.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    with contextlib.suppress(subprocess.TimeoutExpired):
        worker.wait(timeout=20)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(worker.pid, signal.SIGKILL)  # whatever of the group is still there
    worker.wait()


@pytest.fixture
def media(settings, tmp_path):
    """Stored documents go to a folder of this test's own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
