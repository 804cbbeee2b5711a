"""In real Chromium: the owner unfolds a respondent's link and copies it with one press."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from diagnosis.services import respondent_issue_token
from organisations.models import Role
from tests.factories import PASSWORD, MembershipFactory

from .factories import AssessmentFactory, RespondentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_owner_copies_a_personal_link_from_the_round_page(
    live_server, browser, artifacts_dir, default_framework, settings
):
    settings.SITE_URL = live_server.url
    owner = MembershipFactory(role=Role.OWNER)
    assessment = AssessmentFactory(organisation=owner.organisation, anonymous=False)
    ada = RespondentFactory(assessment=assessment, person__name="Ada Janssen")
    token = respondent_issue_token(ada)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(owner.user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(
        live_server.url
        + reverse("assessment_detail", args=[owner.organisation.slug, assessment.pk])
    )
    row = page.get_by_role("row", name="Ada Janssen")
    row.get_by_text("Personal link").click()
    button = row.get_by_role("button", name="Copy link")
    button.click()
    expect(row.get_by_role("button", name="Copied")).to_be_visible()
    link = page.evaluate("navigator.clipboard.readText()")
    slug = owner.organisation.slug
    assert link == live_server.url + reverse("questionnaire_link_start", args=[slug, token])
    page.screenshot(path=artifacts_dir / "diagnosis-copy-link.png", full_page=True)
    context.close()
