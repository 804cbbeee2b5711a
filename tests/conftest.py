"""Shared fixtures: factories' world, the real Celery worker and real Chromium.

The services come from `make test` (scripts/test.sh). Fixtures that need one
fail when it is missing; nothing is skipped.
"""

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.workers import worker_queues

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run there unless told the loop is not serving async code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def _tasks_run_inline_unless_the_test_uses_the_worker(request):
    from lndstrategy.celery import app

    eager = request.node.get_closest_marker("worker") is None
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = eager
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _password_reset_limits_start_afresh(monkeypatch):
    # The cache (Redis) is shared by the whole run; each test counts reset requests on its own.
    import uuid

    from organisations import services

    monkeypatch.setattr(services, "PASSWORD_RESET_CACHE_PREFIX", f"reset-{uuid.uuid4().hex}")


@pytest.fixture(autouse=True)
def _documents_are_exported_only_in_tests_marked_exports(request, settings):
    # Snapshots are built eagerly in many tests; drawing charts in Chromium and rendering PDFs
    # after each would slow the suite down. Only tests marked `exports` build documents.
    settings.REPORTS_BUILD_EXPORTS = request.node.get_closest_marker("exports") is not None


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Path]:
    """A real `celery worker` process on the real broker, reading the test database.

    Yields the folder where the worker writes the emails it sends.
    """
    from django.db import connection

    from lndstrategy.celery import app

    broker = os.environ.get("REDIS_URL")
    assert broker, "REDIS_URL is not set: run the suite with `make test`."
    settings_dict = connection.settings_dict
    assert settings_dict["ENGINE"].endswith("postgresql"), "The worker needs PostgreSQL."
    database_url = "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**settings_dict)
    mail_dir = tmp_path_factory.mktemp("worker-mail")
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    ARTIFACTS.mkdir(exist_ok=True)
    log = (ARTIFACTS / "celery-worker.log").open("w")
    worker = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "lndstrategy", "worker",
            "--pool=solo", "--loglevel=INFO", "--without-gossip", "--without-mingle",
            "-Q", worker_queues(), "-n", f"test-{os.getpid()}@%h",
        ],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=0.5):
            assert worker.poll() is None, "The Celery worker exited; see celery-worker.log."
            assert time.monotonic() < deadline, "The Celery worker did not answer within 60 s."
        yield mail_dir
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    assert shutil.which(executable), f"Chromium not found at {executable}: run `make test`."
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def default_framework(db):
    """The default L&D framework, imported into the test database."""
    from maturity.services import default_framework_version

    return default_framework_version()
