import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean_env | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env() -> dict[str, str]:
    return {
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "strategy.example.org",
    }


def test_production_mode_passes_the_deployment_checklist():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DJANGO_DEBUG", "maybe", "is not a boolean"),
        ("DATABASE_CONN_MAX_AGE", "ten", "is not a whole number"),
        ("AXES_FAILURE_LIMIT", "0", "must be at least 1"),
    ],
)
def test_a_bad_environment_value_stops_start_up_with_a_clear_message(name, value, message):
    result = manage("check", **{name: value})
    assert result.returncode != 0
    assert message in result.stderr


PRAGMAS = """
from django.db import connection
cursor = connection.cursor()
names = ("journal_mode", "busy_timeout", "synchronous", "cache_size")
values = [cursor.execute(f"PRAGMA {name}").fetchone()[0] for name in names]
print(*values, connection.transaction_mode)
"""


def test_a_sqlite_url_keeps_its_own_options_and_still_gets_wal_and_immediate_writes(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}?timeout=5&init_command=PRAGMA%20cache_size%3D-4000"
    result = manage("shell", "-c", PRAGMAS, DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    assert "wal 5000 1 -4000 IMMEDIATE" in result.stdout


def test_a_sqlite_busy_timeout_under_a_second_stops_start_up(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    result = manage("check", DATABASE_URL=url, SQLITE_BUSY_TIMEOUT_SECONDS="0")
    assert result.returncode != 0
    assert "SQLITE_BUSY_TIMEOUT_SECONDS=0 must be at least 1" in result.stderr
    assert manage("check", DATABASE_URL=url, SQLITE_BUSY_TIMEOUT_SECONDS="1").returncode == 0


def test_production_mode_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["DJANGO_SECRET_KEY"]
    result = manage("check", **env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get(reverse("login"))
    policy = response.headers["Content-Security-Policy"]
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.django_db
def test_pages_load_their_scripts_and_styles_from_our_own_static_files(client):
    html = client.get(reverse("login")).content.decode()
    assert "/static/vendor/bootstrap/bootstrap.min.css" in html
    assert "/static/vendor/htmx/htmx.min.js" in html
    assert "http://" not in html.replace('xmlns="http://', "")
    assert "https://" not in html


def test_database_connections_persist_and_are_checked_before_reuse_unless_configured_off():
    show = (
        "from django.db import connection as c; "
        "print(c.settings_dict['CONN_MAX_AGE'], c.settings_dict['CONN_HEALTH_CHECKS'])"
    )
    assert "DATABASE_CONN_MAX_AGE" not in os.environ
    assert manage("shell", "-c", show).stdout.split()[-2:] == ["60", "True"]
    assert manage("shell", "-c", show, DATABASE_CONN_MAX_AGE="0").stdout.split()[-2:] == [
        "0",
        "True",
    ]


def test_documents_have_a_queue_of_their_own_with_a_worker_in_every_mode():
    import yaml

    from lndstrategy.celery import app

    def queue_of(task: str) -> str:
        return app.amqp.router.route({}, task)["queue"].name

    default = app.conf.task_default_queue
    assert queue_of("reports.exports.tasks.export_snapshot") == f"{default}-documents"
    assert queue_of("reports.tasks.regenerate_organisation") == default
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    queues = {name: s["command"][s["command"].index("-Q") + 1]
              for name, s in compose.items() if "-Q" in s.get("command", [])}  # fmt: skip
    assert queues == {"worker": "lndstrategy", "documents": "lndstrategy-documents"}
    run = (ROOT / "scripts" / "run.sh").read_text()
    assert '-Q "$queue"' in run
    assert '-Q "$queue-documents"' in run


SERVE_PLOTLY = """
from django.templatetags.static import static
from django.test import Client
path = static("vendor/plotly/plotly.min.js")
for encoding in ("br", "gzip", ""):
    response = Client(HTTP_ACCEPT_ENCODING=encoding).get(path, HTTP_HOST="strategy.example.org",
                                                         secure=True)
    size = sum(len(chunk) for chunk in response.streaming_content)
    print(encoding or "none", response.status_code, response.get("Content-Encoding", "-"), size)
"""


def test_in_production_static_files_are_served_brotli_or_gzip_compressed(tmp_path):
    env = production_env() | {"LNDSTRATEGY_VAR_DIR": str(tmp_path)}
    collected = manage("collectstatic", "--noinput", **env)
    assert collected.returncode == 0, collected.stderr
    served = manage("shell", "-c", SERVE_PLOTLY, **env)
    assert served.returncode == 0, served.stderr
    rows = {line.split()[0]: line.split()[1:] for line in served.stdout.splitlines()[-3:]}
    plain = int(rows["none"][2])
    assert rows["none"][:2] == ["200", "-"]
    assert rows["br"][:2] == ["200", "br"]
    assert rows["gzip"][:2] == ["200", "gzip"]
    assert int(rows["br"][2]) < plain / 4  # plotly.js: 4.8 MB as sent before, about 1.1 MB now
    assert int(rows["gzip"][2]) < plain / 3
