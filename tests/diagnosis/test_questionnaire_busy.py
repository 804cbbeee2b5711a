"""When the database is too busy to take an answer or a submit, the respondent is asked to try
again (503 with Retry-After) instead of meeting a server error; trying again stores it."""

import sqlite3

import pytest
from django.db import OperationalError
from django.urls import reverse

from diagnosis import views_questionnaire
from diagnosis.models import Answer

from .helpers import pulse_framework, respondent_with_link

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


class Deadlock(Exception):
    sqlstate = "40P01"  # how psycopg names a PostgreSQL deadlock


def busy_error(cause: Exception) -> OperationalError:
    error = OperationalError(str(cause))
    error.__cause__ = cause
    return error


def fail_once(monkeypatch, name: str, cause: Exception) -> list:
    real, calls = getattr(views_questionnaire, name), []

    def once(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise busy_error(cause)
        return real(*args, **kwargs)

    monkeypatch.setattr(views_questionnaire, name, once)
    return calls


def url(respondent, token, page: str) -> str:
    return reverse(
        f"questionnaire_link_{page}", args=[respondent.assessment.organisation.slug, token]
    )


@pytest.mark.parametrize(
    "cause", [sqlite3.OperationalError("database is locked"), Deadlock("deadlock detected")]
)
def test_an_autosave_the_database_was_too_busy_for_asks_to_retry_and_the_retry_stores_it(
    client, default_framework, monkeypatch, cause
):
    respondent, token = respondent_with_link(assessment__framework_version=default_framework)
    fail_once(monkeypatch, "answer_save", cause)
    save = url(respondent, token, "save")

    busy = client.post(save, {"item": "f1_1", "value": "4"}, **HTMX)
    assert busy.status_code == 503
    assert busy["Retry-After"] == "2"
    assert "the server was busy" in busy.text
    assert not Answer.objects.filter(respondent=respondent).exists()

    again = client.post(save, {"item": "f1_1", "value": "4"}, **HTMX)
    assert again.status_code == 200
    assert Answer.objects.get(respondent=respondent, item__code="f1_1").value == 4


def test_any_other_database_error_is_not_passed_off_as_busy(client, default_framework, monkeypatch):
    respondent, token = respondent_with_link(assessment__framework_version=default_framework)
    fail_once(monkeypatch, "answer_save", sqlite3.OperationalError("no such table: answers"))
    client.raise_request_exception = True
    with pytest.raises(OperationalError):
        client.post(url(respondent, token, "save"), {"item": "f1_1", "value": "4"}, **HTMX)


def test_a_submit_the_database_was_too_busy_for_says_so_and_submitting_again_works(
    client, monkeypatch
):
    respondent, token = respondent_with_link(assessment__framework_version=pulse_framework())
    fail_once(monkeypatch, "respondent_submit", sqlite3.OperationalError("database is locked"))

    busy = client.post(url(respondent, token, "submit"))
    assert busy.status_code == 503
    assert "Not submitted: the server was busy. Please submit again." in busy.text
    respondent.refresh_from_db()
    assert respondent.submitted_at is None

    again = client.post(url(respondent, token, "submit"))
    assert again.status_code == 302
    respondent.refresh_from_db()
    assert respondent.submitted_at is not None
