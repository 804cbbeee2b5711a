"""In real Chromium: going Back after submitting never shows a Submit button that still works."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from diagnosis.answers import answer_save

from .helpers import respondent_with_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUADRANTS = (
    "q_individual_productive",
    "q_organisational_productive",
    "q_individual_generative",
    "q_organisational_generative",
)


def test_back_after_submitting_shows_the_answers_read_only(
    live_server, page: Page, default_framework
):
    respondent, token = respondent_with_link(assessment__framework_version=default_framework)
    for code in QUADRANTS:
        answer_save(respondent, code, {"today": "25", "desired": "25"})
    slug = respondent.assessment.organisation.slug
    page.goto(live_server.url + reverse("questionnaire_link_review", args=[slug, token]))
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_text("Thank you: you submitted your answers")).to_be_visible()
    page.go_back()
    expect(page.get_by_role("heading", name="Your answers")).to_be_visible()
    expect(page.get_by_role("button", name="Submit my answers")).to_have_count(0)
