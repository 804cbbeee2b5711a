"""In real Chromium: an autosave the database was too busy to take is sent again by the page."""

import sqlite3

import pytest
from django.db import OperationalError
from playwright.sync_api import expect

from diagnosis import views_questionnaire
from diagnosis.models import Answer

from .helpers import respondent_with_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_save_the_database_was_too_busy_for_is_retried_by_the_page_and_stored(
    live_server, page, default_framework, monkeypatch, artifacts_dir
):
    respondent, token = respondent_with_link(assessment__framework_version=default_framework)
    real_save = views_questionnaire.answer_save
    calls = []

    def busy_once(*args, **kwargs):
        calls.append(args[1])
        if len(calls) == 1:  # as SQLite says when another writer outlasts the busy timeout
            raise OperationalError("database is locked") from sqlite3.OperationalError(
                "database is locked"
            )
        return real_save(*args, **kwargs)

    monkeypatch.setattr(views_questionnaire, "answer_save", busy_once)
    slug = respondent.assessment.organisation.slug
    page.goto(f"{live_server.url}/orgs/{slug}/diagnosis/respond/{token}/2/")
    page.locator("label[for='f1_1-4']").click()
    status = page.locator("#status-f1_1")
    expect(status).to_contain_text("Not saved. Trying again")
    page.screenshot(path=artifacts_dir / "diagnosis-autosave-busy.png")
    expect(status).to_contain_text("Saved")
    assert calls == ["f1_1", "f1_1"]
    stored = Answer.objects.get(respondent=respondent, item__code="f1_1")
    assert stored.value == 4
