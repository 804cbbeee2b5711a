"""Load run of the questionnaire's autosave: many respondents saving answers at once.

Run: ``.venv/bin/python bench/autosave.py``. It starts gunicorn on a free loopback port against a
throwaway database -- a new PostgreSQL database on the server of ``DATABASE_URL`` when that is
set, otherwise a temporary SQLite file (WAL, immediate transactions) -- migrates it, seeds one
open assessment with N invited respondents, and fires autosave POSTs through their personal
links from C concurrent clients until R requests are done or T seconds have passed. It prints
throughput and latency percentiles, then stops gunicorn and drops the database and its folder.

Everything stays on 127.0.0.1. Reports regeneration, which every autosave asks for, goes to a
file-system broker in the throwaway folder (never to a shared Redis) and is not run here.

Knobs (environment): BENCH_RESPONDENTS (50), BENCH_REQUESTS (2000), BENCH_CONCURRENCY (24),
BENCH_SECONDS (30), BENCH_WORKERS (gunicorn workers; 2 per core, at most 8), BENCH_THREADS (2).
"""

from __future__ import annotations

import http.client
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
HOST = "127.0.0.1"

RESPONDENTS = int(os.environ.get("BENCH_RESPONDENTS", 50))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", 2000))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", 24))
SECONDS = float(os.environ.get("BENCH_SECONDS", 30))
WORKERS = int(os.environ.get("BENCH_WORKERS", min(8, 2 * (os.cpu_count() or 1))))
THREADS = int(os.environ.get("BENCH_THREADS", 2))

SEED = """
import json
from diagnosis.models import Assessment, AssessmentStatus, Respondent
from diagnosis.services import default_framework_choice, respondent_issue_token
from organisations.models import Organisation

organisation = Organisation.objects.create(name="Bench Ltd", slug="bench")
version = default_framework_choice()
assessment = Assessment.objects.create(
    organisation=organisation, framework_version=version, title="Load run",
    groups=["ld", "leadership", "staff"], status=AssessmentStatus.OPEN,
)
tokens = []
for number in range({n}):
    respondent = Respondent.objects.create(
        organisation=organisation, assessment=assessment, group="staff",
        email=f"person{{number}}@bench.invalid", name=f"Person {{number}}",
    )
    tokens.append(respondent_issue_token(respondent))
items = {{
    item.code: item.response for item in version.items.all()
    if item.response in ("likert5", "current_target", "points100")
}}
print("BENCH-SEED " + json.dumps({{"tokens": tokens, "items": items}}))
"""

COUNT = """
from diagnosis.models import Answer
print("BENCH-COUNT", Answer.objects.count())
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Database:
    """A throwaway database: a new PostgreSQL database, or a SQLite file in `folder`."""

    def __init__(self, folder: Path) -> None:
        self.server_url = os.environ.get("DATABASE_URL", "")
        self.name = f"lndstrategy_bench_{os.getpid()}"
        self.created = False
        if self.server_url.startswith(("postgres://", "postgresql://")):
            parts = urllib.parse.urlsplit(self.server_url)
            self.url = urllib.parse.urlunsplit(parts._replace(path=f"/{self.name}"))
            self.admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
            self.kind = "PostgreSQL"
        else:
            pragmas = urllib.parse.quote("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL")
            self.url = (
                f"sqlite:///{folder / 'bench.sqlite3'}"
                f"?timeout=30&transaction_mode=IMMEDIATE&init_command={pragmas}"
            )
            self.kind = "SQLite"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(sql)

    def create(self) -> None:
        if self.kind == "PostgreSQL":
            self._admin(f'CREATE DATABASE "{self.name}"')
            self.created = True

    def drop(self) -> None:
        if self.created:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self.created = False


def run_manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args[:1])} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def wait_until_up(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn exited during start-up; see its output above.")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/healthz/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("gunicorn did not answer within a minute.")


class Client:
    """One simulated respondent's browser: keeps its connection and CSRF cookie."""

    def __init__(self, port: int, token: str) -> None:
        self.port, self.base = port, f"/orgs/bench/diagnosis/respond/{token}/"
        self.connection = http.client.HTTPConnection(HOST, port, timeout=30)
        self.connection.request("GET", self.base)
        response = self.connection.getresponse()
        response.read()
        cookie = response.getheader("Set-Cookie", "")
        self.csrf = cookie.split("csrftoken=")[1].split(";")[0]

    def save(self, fields: dict) -> int:
        body = urllib.parse.urlencode(fields)
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={self.csrf}",
            "X-CSRFToken": self.csrf,
            "HX-Request": "true",
        }
        for _attempt in (1, 2):  # a kept-alive connection the server closed is retried once
            try:
                self.connection.request("POST", self.base + "save/", body, headers)
                response = self.connection.getresponse()
                response.read()
                return response.status
            except (OSError, http.client.HTTPException):
                self.connection.close()
                self.connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        return 0


def answer(rng: random.Random, code: str, response: str) -> dict:
    if response == "current_target":
        return {"item": code, "current": rng.randint(1, 5), "target": rng.randint(1, 5)}
    if response == "points100":
        return {"item": code, "today": rng.randint(0, 100), "desired": rng.randint(0, 100)}
    return {"item": code, "value": rng.randint(1, 5)}


def load(port: int, tokens: list[str], items: dict[str, str]) -> tuple[list[float], dict, float]:
    clients = [Client(port, token) for token in tokens]
    pool = list(items.items())
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    issued = 0
    stop_at = time.monotonic() + SECONDS

    def worker(number: int) -> None:
        nonlocal issued
        rng = random.Random(number)
        while time.monotonic() < stop_at:
            with lock:
                if issued >= REQUESTS:
                    return
                issued += 1
                client = clients[issued % len(clients)]
            # Each client is used by one worker at a time: workers take clients round-robin
            # and there are more clients than workers by default; a shared one is serialised.
            with client_locks[id(client)]:
                started = time.perf_counter()
                status = client.save(answer(rng, *rng.choice(pool)))
                elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1

    client_locks = {id(client): threading.Lock() for client in clients}
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CONCURRENCY) as executor:
        for number in range(CONCURRENCY):
            executor.submit(worker, number)
    wall = time.perf_counter() - started
    for client in clients:
        client.connection.close()
    return latencies, statuses, wall


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="lndstrategy-autosave-bench-"))
    database = Database(folder)
    server: subprocess.Popen | None = None
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "DATABASE_URL", "CELERY_TASK_ALWAYS_EAGER")
    }
    env |= {
        "DATABASE_URL": database.url,
        "LNDSTRATEGY_VAR_DIR": str(folder),
        "DJANGO_DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "lndstrategy.settings",
        "LOG_LEVEL": "WARNING",
        "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "60"),
        "CELERY_TASK_DEFAULT_QUEUE": f"bench-{os.getpid()}",
    }
    (folder / "broker" / "processed").mkdir(parents=True)
    try:
        database.create()
        run_manage(env, "migrate", "--noinput")
        seeded = run_manage(env, "shell", "-c", SEED.format(n=RESPONDENTS))
        data = json.loads(seeded.split("BENCH-SEED ", 1)[1])
        port = free_port()
        server = subprocess.Popen(
            [
                PYTHON, "-m", "gunicorn", "lndstrategy.wsgi", "--bind", f"{HOST}:{port}",
                "--workers", str(WORKERS), "--threads", str(THREADS),
                "--worker-class", "gthread" if THREADS > 1 else "sync",
                "--log-level", "warning",
            ],
            cwd=ROOT, env=env, start_new_session=True,
        )  # fmt: skip
        wait_until_up(port, server)
        latencies, statuses, wall = load(port, data["tokens"], data["items"])
        stored = int(run_manage(env, "shell", "-c", COUNT).split("BENCH-COUNT", 1)[1])
        ok = statuses.get(200, 0)
        print(
            f"autosave on {database.kind}, gunicorn {WORKERS} workers x {THREADS} threads, "
            f"{RESPONDENTS} respondents, {CONCURRENCY} concurrent clients"
        )
        print(f"  requests     {len(latencies)} in {wall:.1f} s  (statuses: {statuses})")
        print(f"  throughput   {ok / wall:.0f} saves/s")
        print(
            f"  latency      p50 {statistics.median(latencies) * 1000:.0f} ms, "
            f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms, "
            f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms"
        )
        print(f"  answers      {stored} rows stored (one per respondent and item)")
        if ok != len(latencies):
            raise SystemExit("Some autosaves failed; see the statuses above.")
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        database.drop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
