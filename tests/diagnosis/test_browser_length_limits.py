"""In real Chromium: long texts get a live character count; a paste over the limit stays in
the field (the browser cuts nothing) and is refused with a message next to it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from diagnosis.models import KeyChallenge, TextAnswer
from organisations.models import Role
from tests.diagnosis.results_scenario import build_scenario
from tests.factories import PASSWORD, MembershipFactory

from .helpers import respondent_with_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_pasted_answer_over_5000_characters_stays_in_the_field_and_is_refused(
    live_server, page, default_framework, artifacts_dir
):
    respondent, token = respondent_with_link(assessment__framework_version=default_framework)
    slug = respondent.assessment.organisation.slug
    field = page.locator("textarea[data-max-chars]").first
    for number in range(1, 15):  # the first page with an open question
        page.goto(f"{live_server.url}/orgs/{slug}/diagnosis/respond/{token}/{number}/")
        if page.locator("textarea[data-max-chars]").count():
            break
    code = field.get_attribute("id").removeprefix("text-")
    counter = page.locator(f"#text-{code}-count")
    expect(counter).to_have_text("0 / 5,000")

    field.fill("a" * 6000)
    expect(counter).to_have_text("6,000 / 5,000")
    expect(counter).to_have_class("form-text text-end char-count text-danger fw-semibold")
    expect(page.locator(f"#status-{code}")).to_contain_text(
        "Please keep your answer under 5,000 characters."
    )
    assert len(field.input_value()) == 6000  # nothing cut: the writer can shorten it
    page.screenshot(path=artifacts_dir / "questionnaire-text-over-limit.png", full_page=True)
    assert not TextAnswer.objects.filter(respondent=respondent).exists()

    field.fill("Short and sweet.")
    expect(counter).to_have_text("16 / 5,000")
    expect(page.locator(f"#status-{code}")).to_contain_text("Saved")
    assert TextAnswer.objects.get(respondent=respondent).text == "Short and sweet."


def test_a_key_challenge_counts_its_characters_and_keeps_a_too_long_description(
    live_server, page, artifacts_dir
):
    assessment = build_scenario().assessment
    organisation = assessment.organisation
    owner = MembershipFactory(organisation=organisation, role=Role.OWNER).user
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(owner.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Your organisations").wait_for()
    page.goto(live_server.url + reverse("workspace_challenges", args=[organisation.slug]))

    form = page.locator("#challenge-form")
    expect(form.locator("#id_title-count")).to_have_text("0 / 200")
    form.locator("#id_title").fill("Decisions wait for managers")
    expect(form.locator("#id_title-count")).to_have_text("27 / 200")
    long_text = ("Teams wait for approval. " * 94).strip()  # 2,349 characters
    form.locator("#id_description").fill(long_text)
    expect(form.locator("#id_description-count")).to_have_text("2,349 / 2,000")
    form.locator("input[value='f4-autonomy']").check()
    form.get_by_role("button", name="Add key challenge").click()
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts_dir / "key-challenge-too-long.png", full_page=True)

    form = page.locator("#challenge-form")
    expect(form).to_contain_text("Ensure this value has at most 2000 characters (it has 2349).")
    assert form.locator("#id_description").input_value() == long_text
    expect(form.locator("#id_description-count")).to_have_text("2,349 / 2,000")
    page.screenshot(path=artifacts_dir / "key-challenge-too-long.png", full_page=True)
    assert not KeyChallenge.objects.exists()
