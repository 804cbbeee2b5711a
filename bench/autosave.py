"""Load run of the questionnaire's autosave while the worker builds snapshots and documents.

Run: ``.venv/bin/python bench/autosave.py [--backend sqlite|postgres] [--concurrency 20]
[--seconds 30]``. Everything stays on 127.0.0.1, in a throwaway folder (and, for PostgreSQL, a
throwaway database), removed at the end.

``--backend sqlite`` (the default) is the embedded default of ``make run``, set up the way
``scripts/run.sh`` does: no DATABASE_URL (SQLite in the folder, so WAL, the busy timeout and
immediate transactions come from the settings), no REDIS_URL (file-system broker and cache),
``migrate``, one Celery worker with beat (``--concurrency=1``) and Django's
development server. ``--backend postgres`` creates a database on the server of
``--database-url`` (default: DATABASE_URL, else the one ``scripts/services.sh`` starts) and
serves with gunicorn; broker and cache stay on the file system so no shared Redis is touched.

Both modes build documents (``REPORTS_BUILD_EXPORTS=true``): a bench organisation gets an open
round with three submitted respondents (enough to show results) and one respondent per
concurrent client, each answering through their own personal link. The worker first builds the
documents of the seeded round (the warm-up: Chromium starts), then the run begins: every save
bumps the data version, so the worker rebuilds the snapshot every few seconds, and every
``--documents-every`` seconds someone asks for fresh PDF, XLSX and CSV files (as "build now" on
the exports page does), which the worker builds meanwhile. A client behaves like the autosave
script: a save that fails is sent again. At the end every answer the server confirmed is
checked in the database.

The last line is ``autosave: N saves, E errors, p95 X ms``: N save requests sent, E of them not
answered 200 plus confirmed answers missing from the database, and the 95th percentile latency.
The exit status is 1 when E is not 0.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
POSTGRES_URL = "postgres://postgres@127.0.0.1:55432/postgres"  # scripts/services.sh
SUBMITTED = 3  # the default anonymity threshold: results, charts and quotes are shown

SEED = """
import json
from django.contrib.auth import get_user_model
from diagnosis.answers import answer_save, respondent_submit
from diagnosis.models import Assessment, AssessmentStatus
from diagnosis.services import assessment_create, respondent_invite, respondent_issue_token
from organisations.models import Role
from organisations.services import organisation_create

owner = get_user_model().objects.create_user("bench.owner", "owner@bench.invalid")
organisation = organisation_create(creator=owner, role=Role.OWNER, name="Bench Ltd", slug="bench")
assessment = assessment_create(
    organisation=organisation, created_by=owner, title="Load run",
    groups=["ld", "leadership", "staff"],
)
# Invited while a draft, so no invitation email (which would issue new links) is queued.
people = [
    respondent_invite(
        assessment=assessment, email=f"person{{n}}@bench.invalid", name=f"Person {{n}}",
        group="staff",
    )
    for n in range({respondents})
]
done = [
    respondent_invite(
        assessment=assessment, email=f"done{{n}}@bench.invalid", name=f"Done {{n}}",
        group="staff",
    )
    for n in range({submitted})
]
tokens = {{respondent_issue_token(person): person.pk for person in people}}
Assessment.objects.filter(pk=assessment.pk).update(status=AssessmentStatus.OPEN)
assessment.refresh_from_db()

items = list(assessment.framework_version.items.select_related("dimension"))
first_split = {{}}
for item in items:
    first_split.setdefault((item.dimension_id, item.response), item.pk)


def full_answer(item, n):
    if item.response in ("likert5", "level5"):
        return {{"value": str(1 + (item.pk + n) % 5)}}
    if item.response == "current_target":
        return {{"current": str(1 + (item.pk + n) % 5), "target": "5"}}
    if item.response == "points100":
        share = "100" if first_split[(item.dimension_id, item.response)] == item.pk else "0"
        return {{"today": share, "desired": share}}
    return {{"choice": item.option_codes[0]}}


for n, person in enumerate(done):
    person.assessment = assessment
    for item in items:
        answer_save(person, item.code, full_answer(item, n))
    respondent_submit(person)

pool = {{
    item.code: item.response
    for item in items
    if item.response in ("likert5", "current_target", "points100")
}}
print("BENCH-SEED " + json.dumps({{"tokens": tokens, "items": pool}}))
"""

# A person asking for fresh documents every few seconds, as the exports page does when the figures
# are current ("build now"): the worker then builds the PDF, XLSX and CSV of the newest snapshot.
TRIGGER = """
import time
from organisations.models import Organisation
from reports.exports.services import newest_snapshot, schedule

organisation = Organisation.objects.get(slug="bench")
print("BENCH-TRIGGER ready", flush=True)
deadline, asked = time.monotonic() + {seconds}, 0
while time.monotonic() + {every} < deadline:
    time.sleep({every})
    snapshot = newest_snapshot(organisation)
    asked += bool(snapshot and schedule(snapshot, force=True))
print("BENCH-TRIGGER", asked, flush=True)
"""

STORED = """
import json
from diagnosis.models import Answer
rows = Answer.objects.filter(respondent_id__in={ids}).values_list(
    "respondent_id", "item__code", "value", "target"
)
print("BENCH-STORED " + json.dumps([list(row) for row in rows]))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Postgres:
    """A throwaway database on the server of `server_url`."""

    def __init__(self, server_url: str) -> None:
        self.name = f"lndstrategy_bench_autosave_{os.getpid()}"
        parts = urllib.parse.urlsplit(server_url)
        self.url = urllib.parse.urlunsplit(parts._replace(path=f"/{self.name}"))
        self.admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
        self.created = False

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(sql)

    def create(self) -> None:
        self._admin(f'CREATE DATABASE "{self.name}"')
        self.created = True

    def drop(self) -> None:
        if self.created:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self.created = False


def run_manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    with open(log, "ab") as output:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_until_up(port: int, process: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"The server exited during start-up:\n{log.read_text()[-3000:]}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/healthz/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("The server did not answer in time.")


class Browser:
    """One person's browser: a kept-alive connection, cookies and the CSRF token."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection(HOST, port, timeout=60)

    def request(self, method: str, path: str, fields: dict | None = None, **headers):
        body = urllib.parse.urlencode(fields) if fields is not None else None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), **headers}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            if "csrftoken" in self.cookies:
                headers["X-CSRFToken"] = self.cookies["csrftoken"]
        try:
            self.connection.request(method, path, body, headers)
            response = self.connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
            return 0, {}, b""
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, dict(response.getheaders()), content


def fields_for(rng: random.Random, response: str) -> dict:
    if response == "current_target":
        return {"current": str(rng.randint(1, 5)), "target": str(rng.randint(1, 5))}
    if response == "points100":
        return {"today": str(rng.randint(0, 100)), "desired": str(rng.randint(0, 100))}
    return {"value": str(rng.randint(1, 5))}


def stored_pair(fields: dict) -> list:
    if "value" in fields:
        return [int(fields["value"]), None]
    if "current" in fields:
        return [int(fields["current"]), int(fields["target"])]
    return [int(fields["today"]), int(fields["desired"])]


class Load:
    """The respondents' threads, and what they saw."""

    def __init__(self, port: int, tokens: dict[str, int], items: dict, seconds: float) -> None:
        self.port, self.tokens, self.items = port, tokens, list(items.items())
        self.seconds = seconds
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.statuses: dict[int, int] = {}
        self.confirmed: dict[tuple[int, str], list] = {}  # (respondent, item) -> stored pair

    def respondent(self, number: int, token: str, respondent_id: int) -> None:
        rng = random.Random(number)
        browser = Browser(self.port)
        browser.request("GET", f"/orgs/bench/diagnosis/respond/{token}/")
        url = f"/orgs/bench/diagnosis/respond/{token}/save/"
        stop_at = time.monotonic() + self.seconds
        while time.monotonic() < stop_at:
            code, response = rng.choice(self.items)
            fields = fields_for(rng, response)
            # Like the autosave script: what failed is sent again (until the run ends + 60 s).
            while time.monotonic() < stop_at + 60:
                started = time.perf_counter()
                status, headers, _ = browser.request(
                    "POST", url, {"item": code, **fields}, **{"HX-Request": "true"}
                )
                elapsed = time.perf_counter() - started
                with self.lock:
                    self.latencies.append(elapsed)
                    self.statuses[status] = self.statuses.get(status, 0) + 1
                if status == 200:
                    with self.lock:
                        self.confirmed[(respondent_id, code)] = stored_pair(fields)
                    break
                time.sleep(float(headers.get("Retry-After", 1)))

    def run(self) -> float:
        threads = [
            threading.Thread(target=self.respondent, args=(number, token, respondent_id))
            for number, (token, respondent_id) in enumerate(self.tokens.items())
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return time.perf_counter() - started


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def worker_activity(log: Path, offset: int, settle: float = 0) -> dict[str, int]:
    """What the worker did since `offset`; first waits (at most `settle` seconds) for the
    tasks it had received to finish, so a document set being built is counted."""
    deadline = time.monotonic() + settle
    while True:
        text = log.read_text(errors="replace")[offset:]
        received = len(re.findall(r"\] received", text))
        finished = len(re.findall(r"\] (succeeded|raised|retry|Retry)", text))
        if finished >= received or time.monotonic() > deadline:
            break
        time.sleep(1)
    return {
        "snapshots": len(re.findall(r"Built snapshot v\d+ of organisation", text)),
        "exports": len(re.findall(r"Exported snapshot \d+:", text)),
        "database errors": len(re.findall(r"OperationalError|database is locked", text)),
    }


def wait_for_documents(log: Path, worker: subprocess.Popen, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and worker.poll() is None:
        if "Exported snapshot" in log.read_text(errors="replace"):
            return True
        time.sleep(1)
    return False


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    server_url = os.environ.get("DATABASE_URL", "")
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--concurrency", type=int, default=20, help="respondents saving at once")
    parser.add_argument("--seconds", type=float, default=30, help="how long they save")
    parser.add_argument(
        "--database-url",
        default=server_url if server_url.startswith("postgres") else POSTGRES_URL,
        help="PostgreSQL server to create the throwaway database on (--backend postgres)",
    )
    parser.add_argument(
        "--documents-every", type=float, default=8, help="seconds between requests for fresh "
        "documents during the run (0: none; saves still trigger snapshots)",
    )  # fmt: skip
    parser.add_argument(
        "--warm-up", type=float, default=300,
        help="at most this many seconds to wait for the first documents before the run",
    )  # fmt: skip
    parser.add_argument(
        "--workers", type=int, default=min(8, 2 * (os.cpu_count() or 1)),
        help="gunicorn workers (--backend postgres)",
    )  # fmt: skip
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument("--keep", action="store_true", help="keep the folder (logs) at the end")
    options = parser.parse_args()
    if options.concurrency < 1 or options.seconds <= 0:
        parser.error("--concurrency and --seconds must be positive")
    if options.backend == "postgres" and not options.database_url.startswith("postgres"):
        parser.error(f"--database-url {options.database_url!r} is not a PostgreSQL URL")
    return options


def main() -> int:
    options = arguments()
    folder = Path(tempfile.mkdtemp(prefix="lndstrategy-autosave-bench-"))
    for sub in ("broker/processed", "logs", "staticfiles"):  # as scripts/run.sh
        (folder / sub).mkdir(parents=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "REDIS_", "CELERY_", "REPORTS_", "SQLITE_"))
        and key not in ("CACHE_KEY_PREFIX", "DJANGO_SETTINGS_MODULE")
    }
    env |= {
        "LNDSTRATEGY_VAR_DIR": str(folder),
        "DJANGO_DEBUG": "true",
        "REPORTS_BUILD_EXPORTS": "true",
        "LOG_LEVEL": "INFO",  # the worker log tells what was built meanwhile
    }
    database = None
    if options.backend == "postgres":
        database = Postgres(options.database_url)
        env |= {"DATABASE_URL": database.url, "DATABASE_CONN_MAX_AGE": "60"}
    worker = server = None
    logs = folder / "logs"
    try:
        if database is not None:
            database.create()
        run_manage(env, "migrate", "--noinput")
        seed = SEED.format(respondents=options.concurrency, submitted=SUBMITTED)
        data = json.loads(run_manage(env, "shell", "-c", seed).split("BENCH-SEED ", 1)[1])
        worker_log = logs / "worker.log"
        worker = start(
            [
                str(BIN / "celery"), "-A", "lndstrategy", "worker", "--beat", "--loglevel=INFO",
                "--concurrency=1", "--schedule", str(folder / "celerybeat-schedule"),
            ],
            env, worker_log,
        )  # fmt: skip
        port = free_port()
        if options.backend == "sqlite":  # as `make run`: Django's (threaded) development server
            command = [sys.executable, "manage.py", "runserver", f"{HOST}:{port}", "--noreload"]
            serving = "runserver"
        else:
            command = [
                sys.executable, "-m", "gunicorn", "lndstrategy.wsgi", "--bind", f"{HOST}:{port}",
                "--workers", str(options.workers), "--threads", str(options.threads),
                "--worker-class", "gthread", "--log-level", "warning",
            ]  # fmt: skip
            serving = f"gunicorn {options.workers} workers x {options.threads} threads"
        server = start(command, env, logs / "server.log")
        wait_until_up(port, server, logs / "server.log")
        # The seed's submits asked for a snapshot and its documents: let the worker build them
        # first, so the run starts with Chromium warm, as on a server that has been up a while.
        warm = wait_for_documents(worker_log, worker, options.warm_up)
        trigger = None
        if options.documents_every:
            script = TRIGGER.format(seconds=options.seconds, every=options.documents_every)
            trigger = subprocess.Popen(
                [sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, env=env,
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                start_new_session=True,
            )  # fmt: skip
            trigger.stdout.readline()  # "ready": Django is set up; the run starts now
        offset = len(worker_log.read_text(errors="replace"))

        load = Load(port, data["tokens"], data["items"], options.seconds)
        wall = load.run()
        asked = 0
        if trigger is not None:
            asked = int((trigger.communicate(timeout=120)[0].split() or ["0"])[-1])
        activity = worker_activity(worker_log, offset, settle=120)
        if worker.poll() is not None:
            raise SystemExit(f"The worker stopped:\n{worker_log.read_text()[-3000:]}")

        ids = sorted(set(data["tokens"].values()))
        rows = run_manage(env, "shell", "-c", STORED.format(ids=ids))
        stored = {
            (respondent, code): [value, target]
            for respondent, code, value, target in json.loads(rows.split("BENCH-STORED ", 1)[1])
        }
        lost = [key for key, pair in load.confirmed.items() if stored.get(key) != pair]
        saves = len(load.latencies)
        failed = saves - load.statuses.get(200, 0)
        errors = failed + len(lost)
        p95 = percentile(load.latencies, 0.95) * 1000 if load.latencies else 0.0
        print(
            f"backend {options.backend}, {serving}, Celery worker (concurrency 1, beat), "
            f"{options.concurrency} respondents saving for {options.seconds:g} s"
        )
        print(f"  statuses     {dict(sorted(load.statuses.items()))} in {wall:.1f} s")
        if load.latencies:
            print(
                f"  latency      p50 {statistics.median(load.latencies) * 1000:.0f} ms, "
                f"p99 {percentile(load.latencies, 0.99) * 1000:.0f} ms, "
                f"max {max(load.latencies) * 1000:.0f} ms; {saves / wall:.0f} saves/s"
            )
        print(
            f"  worker       {activity['snapshots']} snapshots and {activity['exports']} "
            f"document sets (PDF, XLSX, CSV) built during the run and its tail ({asked} asked for, "
            f"{'after' if warm else 'without'} a warm-up set), "
            f"{activity['database errors']} database errors"
        )
        print(f"  stored       {len(load.confirmed)} confirmed answers checked, {len(lost)} lost")
        print(f"autosave: {saves} saves, {errors} errors, p95 {p95:.0f} ms")
        return 1 if errors else 0
    finally:
        stop(server)
        stop(worker)
        if database is not None:
            database.drop()
        if options.keep:
            print(f"  kept         {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
