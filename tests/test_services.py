"""The suite runs against the real services; if one is missing, say so loudly."""

import os
import shutil

import pytest
import redis
from django.db import connection


@pytest.mark.django_db
def test_the_database_is_postgresql():
    assert connection.vendor == "postgresql", "Run the suite with `make test` (PostgreSQL)."


def test_redis_answers():
    url = os.environ.get("REDIS_URL")
    assert url, "REDIS_URL is not set: run the suite with `make test`."
    assert redis.Redis.from_url(url).ping()


def test_the_celery_broker_is_redis():
    from lndstrategy.celery import app

    assert app.conf.broker_url.startswith("redis://")


def test_chromium_is_installed():
    assert shutil.which(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
