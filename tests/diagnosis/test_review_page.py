"""The review page says what submitting needs; its Submit button agrees with what submit does."""

import re

import pytest
from django.urls import reverse

from diagnosis.answers import answer_save

from .helpers import pulse_framework, respondent_with_link

pytestmark = pytest.mark.django_db

QUADRANTS = (
    "q_individual_productive",
    "q_organisational_productive",
    "q_individual_generative",
    "q_organisational_generative",
)
SKIP_ANY = "You can still submit with questions left open; they count as skipped."
SPLIT_FIRST = "Apart from the 100-point split, which must add up to 100 today and desired"


def review_of(client, respondent, token) -> str:
    slug = respondent.assessment.organisation.slug
    return client.get(reverse("questionnaire_link_review", args=[slug, token])).text


def submit_button(page: str) -> str:
    return re.search(r"<button[^>]*>Submit my answers</button>", page).group(0)


@pytest.fixture
def invited(default_framework):
    return respondent_with_link(assessment__framework_version=default_framework)


def test_with_the_split_not_shared_out_the_review_says_it_must_be_and_submit_is_disabled(
    client, invited
):
    respondent, token = invited
    page = review_of(client, respondent, token)
    assert SPLIT_FIRST in page
    assert SKIP_ANY not in page
    assert "Share out the 100 points as listed above, then submit." in page
    assert " disabled" in submit_button(page)


def test_once_the_split_adds_up_open_questions_may_stay_open_and_submit_is_live(client, invited):
    respondent, token = invited
    for code in QUADRANTS:
        answer_save(respondent, code, {"today": "25", "desired": "25"})
    page = review_of(client, respondent, token)
    assert "Not answered yet" in page  # other questions are still open
    assert SKIP_ANY in page
    assert SPLIT_FIRST not in page
    assert " disabled" not in submit_button(page)
    slug = respondent.assessment.organisation.slug
    response = client.post(reverse("questionnaire_link_submit", args=[slug, token]))
    assert response.status_code == 302  # what the page promised, submit does


def test_a_framework_without_a_split_never_mentions_one(client):
    respondent, token = respondent_with_link(assessment__framework_version=pulse_framework())
    page = review_of(client, respondent, token)
    assert SKIP_ANY in page
    assert "100-point" not in page
    assert " disabled" not in submit_button(page)


def test_after_submitting_the_review_page_has_no_submit_button(client, invited):
    respondent, token = invited
    for code in QUADRANTS:
        answer_save(respondent, code, {"today": "25", "desired": "25"})
    assert "Submit my answers" in review_of(client, respondent, token)
    slug = respondent.assessment.organisation.slug
    client.post(reverse("questionnaire_link_submit", args=[slug, token]))
    page = review_of(client, respondent, token)
    assert "Your answers" in page
    assert "Submit my answers" not in page
