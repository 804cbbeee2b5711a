"""On the embedded SQLite defaults (`make run`), an autosave never fails because another process
is writing: it waits for the write lock, and past the busy timeout it answers a retryable 503
that the autosave script sends again. The run is a subprocess (tests/diagnosis/sqlite_autosave.py)
because the suite itself runs on PostgreSQL."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def observed(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("sqlite-autosave")
    (folder / "broker" / "processed").mkdir(parents=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "CACHE_KEY_PREFIX",
            "CELERY_TASK_ALWAYS_EAGER",
            "SQLITE_BUSY_TIMEOUT_SECONDS",
        }
    }
    env |= {"LNDSTRATEGY_VAR_DIR": str(folder), "LOG_LEVEL": "ERROR"}
    result = subprocess.run(
        [sys.executable, "-m", "tests.diagnosis.sqlite_autosave"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]
    return json.loads(result.stdout.split("RESULT ", 1)[1])


def test_the_embedded_database_uses_wal_a_20_second_busy_timeout_and_immediate_writes(observed):
    assert observed["pragmas"] == {"journal_mode": "wal", "busy_timeout": 20000, "synchronous": 1}
    assert observed["transaction_mode"] == "IMMEDIATE"


def test_an_autosave_waits_while_another_process_writes_and_its_answer_is_stored(observed):
    save = observed["within_timeout"]
    assert save["status"] == 200
    assert save["answer_status"] == "saved"
    assert save["seconds"] >= 1.0  # it waited for the other writer instead of failing
    assert save["stored"] == 4


def test_an_autosave_that_outwaits_the_busy_timeout_asks_to_retry_and_the_retry_stores_it(
    observed,
):
    busy = observed["beyond_timeout"]
    assert busy["status"] == 503  # the autosave script retries on 5xx ("Not saved. Trying again…")
    assert busy["retry_after"] == "2"
    assert busy["answer_status"] == "retry"
    assert "the server was busy" in busy["text"]
    assert busy["stored"] == 4  # the earlier answer, unchanged

    retried = observed["retried"]
    assert retried["status"] == 200
    assert retried["stored"] == 2
