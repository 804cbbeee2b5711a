"""Every page a demo user can reach by clicking answers without a server error."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests.smoke.crawler import crawl, failures

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["consultant", "lnd.leader", "ceo", "viewer"])
def test_every_page_a_demo_user_can_reach_answers_without_error(client, username):
    call_command("seed_demo", stdout=StringIO())
    client.force_login(get_user_model().objects.get(username=username))
    visits = crawl(client, "/orgs/")
    assert len(visits) > 20
    assert failures(visits) == []


def test_the_demo_on_the_embedded_defaults_answers_without_error(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "CACHE_KEY_PREFIX"}
    }
    env |= {"LNDSTRATEGY_VAR_DIR": str(tmp_path), "CELERY_TASK_ALWAYS_EAGER": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "tests.smoke.crawl_embedded"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]
