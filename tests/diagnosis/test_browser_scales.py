"""In real Chromium, on a desktop and on a phone: an invited person answers statements on the
scales a framework declares (6 and 7 points, 11 and 2 points, its own likert5 words), with the
mouse and the keyboard, and finds the words of their answers on the review page."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from .helpers import respondent_with_link, scales_framework

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def saved(page: Page, code: str) -> None:
    expect(page.locator(f"#status-{code}")).to_contain_text("Saved")


def choose(page: Page, code: str, label: str) -> None:
    """Pick a point by its visible label and wait until the answer is stored."""
    page.locator(f"form:has(#status-{code}) label", has_text=label).click()
    saved(page, code)


def fits_the_screen(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize(
    ("device", "viewport"),
    [("desktop", {"width": 1366, "height": 900}), ("phone", {"width": 390, "height": 844})],
)
def test_statements_on_the_frameworks_own_scales_are_answered_and_reviewed(
    live_server, browser, artifacts_dir, device, viewport
):
    respondent, token = respondent_with_link(assessment__framework_version=scales_framework())
    args = [respondent.assessment.organisation.slug, token]
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + reverse("questionnaire_link_section", args=[*args, 1]))

    # Six points of how often, and "don't know" where the statement offers it.
    share = page.get_by_role("group", name="We ask each other for feedback.")
    expect(share.get_by_role("radio")).to_have_count(6)
    choose(page, "share_2", "Almost always")
    choose(page, "share_1", "Don't know")
    assert fits_the_screen(page)
    page.get_by_role("link", name="Next").click()

    # Seven points of agreement, by keyboard; then the missing point "not applicable".
    page.locator("#support_1-4").focus()
    page.keyboard.press("ArrowRight")
    saved(page, "support_1")
    expect(page.locator("#support_1-5")).to_be_checked()
    choose(page, "support_2", "Not applicable here")
    assert fits_the_screen(page)
    page.screenshot(path=artifacts_dir / f"diagnosis-scales-agree7-{device}.png", full_page=True)
    page.get_by_role("link", name="Next").click()

    # likert5 in the framework's own words.
    expect(page.get_by_text("Completely true")).to_be_visible()
    expect(page.get_by_text("Strongly agree")).to_have_count(0)
    choose(page, "clear_1", "Mostly true")
    page.get_by_role("link", name="Next").click()

    # The longest and shortest scales there can be: 11 points and 2.
    expect(page.get_by_role("group", name="How likely").get_by_role("radio")).to_have_count(12)
    choose(page, "likely_1", "10 Extremely likely")
    choose(page, "mentor_1", "Yes")
    assert fits_the_screen(page)
    page.screenshot(
        path=artifacts_dir / f"diagnosis-scales-long-short-{device}.png", full_page=True
    )

    # Nothing is lost on a reload.
    page.goto(live_server.url + reverse("questionnaire_link_section", args=[*args, 2]))
    expect(page.locator("#support_1-5")).to_be_checked()
    expect(page.locator("#support_2-9")).to_be_checked()

    page.get_by_role("link", name="Review", exact=True).click()
    expect(page.get_by_text("Every question has an answer.")).to_be_visible()
    page.get_by_text("The answers you gave").click()
    given = page.locator(".given-answers")
    for statement, words in (
        ("We ask each other for feedback.", "Almost always"),
        ("We share what we learned from a mistake.", "Don't know"),
        ("My manager makes time for learning.", "Somewhat agree"),
        ("Mistakes are held against you.", "Not applicable here"),
        ("I know what is expected of me.", "Mostly true"),
        ("I have a mentor.", "Yes"),
    ):
        expect(given.locator(".given-answer", has_text=statement).locator("dd")).to_have_text(words)
    assert fits_the_screen(page)
    page.screenshot(path=artifacts_dir / f"diagnosis-scales-review-{device}.png", full_page=True)
    context.close()
