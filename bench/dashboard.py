"""Dashboard throughput against a trivial view, and how fast an edit reaches the dashboard.

Run: ``.venv/bin/python bench/dashboard.py``. Printed, not asserted. Everything stays on the
loopback interface and every loop is bounded in time and count.

1. Throughput: one gunicorn run (2 sync workers, production settings) serves the dashboard of
   an organisation with 200 respondents, the trivial ``/healthz/`` view (no session, no
   template) and the organisation overview (the same login, membership check and layout as the
   dashboard, but no data); a client with 4 threads requests each for 5 s, twice, in turn.
   Prints requests per second and the ratios (target: dashboard at least 0.5 of the trivial
   view, since it reads one snapshot). Client and server share the machine's two cores.
2. Freshness: a Celery worker started here (on Redis when REDIS_URL is set, with a queue and
   cache prefix of its own; else on the file-system broker) regenerates the snapshot; for 20
   edits of an answer, the seconds from the save to the dashboard showing the new version.
   Prints the median. Most of it is the deliberate coalescing countdown
   (REPORTS_DEBOUNCE_MS, 300 ms, at most REPORTS_COALESCE_SECONDS, 2 s) plus the broker's polling.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from regeneration import ROOT, seed, setup_django

THREADS = 4
SECONDS = 5.0
EDITS = 20
VERSION = re.compile(rb'data-snapshot-version="(\d+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port: int, path: str, cookie: str = "") -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def throughput(port: int, path: str, cookie: str) -> float:
    done = [0] * THREADS
    failed = [0] * THREADS
    stop = time.monotonic() + SECONDS

    def client(index: int) -> None:
        while time.monotonic() < stop:
            status, _body = get(port, path, cookie)
            if status == 200:
                done[index] += 1
            else:
                failed[index] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not sum(failed), f"{path}: {sum(failed)} requests failed"
    return sum(done) / SECONDS


def session_cookie(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def wait_for(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "gunicorn exited"
        try:
            if get(port, "/healthz/")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def shown_version(port: int, path: str, cookie: str) -> int:
    status, body = get(port, path, cookie)
    match = VERSION.search(body) if status == 200 else None
    return int(match.group(1)) if match else -1


def main() -> None:
    redis_url = os.environ.get("REDIS_URL", "")
    run = f"bench-{os.getpid()}"
    os.environ["CELERY_TASK_DEFAULT_QUEUE"] = run
    os.environ["CACHE_KEY_PREFIX"] = run
    os.environ["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(64)  # sessions signed alike
    var_dir = setup_django()
    from django.contrib.auth import get_user_model

    from diagnosis.models import Answer
    from reports import services
    from reports.services import current_version

    organisation = seed(200, slug="bench-dashboard")
    services.snapshot_build(organisation)
    user = get_user_model().objects.get(username="owner-bench-dashboard")
    cookie = session_cookie(user)
    path = f"/orgs/{organisation.slug}/dashboard/"
    env = {
        **os.environ,
        "LNDSTRATEGY_VAR_DIR": var_dir,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
    }
    manage = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"]
    subprocess.run(manage, cwd=ROOT, env=env, check=True)  # the manifest DEBUG=false needs
    port = free_port()
    bin_dir = Path(sys.executable).parent
    web = subprocess.Popen(
        [str(bin_dir / "gunicorn"), "lndstrategy.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2",
         "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    worker = None
    try:
        wait_for(port, web)
        assert shown_version(port, path, cookie) >= 0, "the dashboard did not render"
        overview = f"/orgs/{organisation.slug}/"
        rates: dict[str, list[float]] = {"trivial": [], "page": [], "dashboard": []}
        for _round in range(2):
            rates["trivial"].append(throughput(port, "/healthz/", ""))
            rates["page"].append(throughput(port, overview, cookie))
            rates["dashboard"].append(throughput(port, path, cookie))
        trivial, page, dashboard = (max(rates[k]) for k in ("trivial", "page", "dashboard"))
        print(f"trivial view /healthz/ (no session, no template): {trivial:8.1f} requests/s")
        print(f"organisation overview (login, layout, no data):   {page:8.1f} requests/s")
        print(f"dashboard:                                        {dashboard:8.1f} requests/s")
        print(f"ratio dashboard / trivial view:   {dashboard / trivial:5.2f}   (target >= 0.5)")
        print(f"ratio dashboard / overview page:  {dashboard / page:5.2f}")
        print(f"(best of 2 runs of {SECONDS:.0f} s, {THREADS} client threads, 2 gunicorn workers)")

        broker = "Redis" if redis_url else "file-system broker"
        worker = subprocess.Popen(
            [str(bin_dir / "celery"), "-A", "lndstrategy", "worker", "--pool=solo",
             "--loglevel=WARNING", "-Q", f"{run},{run}-documents", "-n", f"{run}@%h",
             "--without-gossip", "--without-mingle"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(3)  # let the worker connect
        answer = Answer.objects.filter(
            respondent__organisation=organisation, item__response="likert5"
        ).first()
        delays = []
        for edit in range(EDITS):
            answer.value = edit % 5 + 1
            started = time.monotonic()
            answer.save()
            version = current_version(organisation.pk)
            deadline = started + 60
            while shown_version(port, path, cookie) < version:
                assert time.monotonic() < deadline, "the edit did not reach the dashboard in 60 s"
                time.sleep(0.05)
            delays.append(time.monotonic() - started)
        print(
            f"save -> dashboard ({broker}): median {statistics.median(delays):.2f} s over "
            f"{EDITS} edits (min {min(delays):.2f}, max {max(delays):.2f})"
        )
    finally:
        for process in (worker, web):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)


if __name__ == "__main__":
    main()
