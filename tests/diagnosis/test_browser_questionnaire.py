"""In real Chromium: an owner runs an assessment and two invited people answer through their links.

Tasks run eagerly in the live server's thread, so the invitation emails land in Django's
locmem outbox (`django.core.mail.outbox`), where the test reads the personal links.
"""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from organisations.models import Role
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINK = re.compile(r"https?://\S+/respond/\S+/")


def saved(page: Page, code: str) -> None:
    expect(page.locator(f"#status-{code}")).to_contain_text("Saved")


def choose(page: Page, input_id: str, code: str) -> None:
    """Pick an option by its visible label and wait until the answer is stored."""
    page.locator(f"label[for='{input_id}']").click()
    saved(page, code)


def owner_creates_and_opens_an_assessment(page: Page, base: str, organisation) -> None:
    page.goto(f"{base}/orgs/{organisation.slug}/diagnosis/")
    page.get_by_role("link", name="Create the first assessment").click()
    page.get_by_label("Title").fill("Leadership round")
    page.get_by_label("Closing date").fill((timezone.localdate() + timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Create assessment").click()
    expect(page.get_by_role("heading", name="Leadership round")).to_be_visible()

    invite = page.locator("form[action$='/respondents/invite/']")
    for name, email, group in (
        ("Ada Visser", "ada@example.org", "Leadership team"),
        ("Ben Smit", "ben@example.org", "L&D team"),
    ):
        invite.get_by_label("Name").fill(name)
        invite.get_by_label("Email").fill(email)
        invite.get_by_label("Group").select_option(label=group)
        invite.get_by_role("button", name="Add").click()
        expect(
            page.get_by_text(f"{email} will be invited when the assessment opens")
        ).to_be_visible()
    assert mail.outbox == []
    page.get_by_role("button", name="Open assessment").click()
    expect(page.get_by_text("Invitations are on their way")).to_be_visible()


def answer_through_the_link(page: Page, link: str, artifacts_dir, who: str, today: list) -> None:
    page.goto(link)
    expect(page.get_by_text("open the link from your email again")).to_be_visible()
    page.get_by_role("link", name="Start").click()

    # Strategic context: free text autosaves while typing.
    page.get_by_label("How does our business create value").fill(f"{who}: reliable delivery.")
    saved(page, "ctx_value")
    page.get_by_role("link", name="Next").click()

    # Features: the first statement by mouse, the second by keyboard only.
    choose(page, "f1_1-4", "f1_1")
    page.locator("#f1_2-3").focus()
    page.keyboard.press("ArrowRight")
    saved(page, "f1_2")
    choose(page, "f1_3-dk", "f1_3")

    # The connection drops: the answer waits and is sent again once it is back.
    page.context.set_offline(True)
    page.locator("label[for='f1_4-2']").click()
    expect(page.locator("#status-f1_4")).to_contain_text("no connection")
    page.context.set_offline(False)
    saved(page, "f1_4")
    if who == "Ada":
        page.screenshot(path=artifacts_dir / "diagnosis-questionnaire-features.png")

    # Midway reload: nothing is lost.
    page.reload()
    expect(page.locator("#f1_1-4")).to_be_checked()
    expect(page.locator("#f1_2-4")).to_be_checked()
    expect(page.locator("#f1_3-dk")).to_be_checked()
    expect(page.locator("#f1_4-2")).to_be_checked()
    page.goto(link)  # "resume later" from the same link
    expect(page.get_by_role("link", name="Continue where you left off")).to_be_visible()
    page.get_by_role("link", name="Strategic context").click()
    expect(page.get_by_label("How does our business create value")).to_have_value(
        f"{who}: reliable delivery."
    )

    # The 100-point split, with its running total.
    page.get_by_role("link", name="3. Where L&D effort goes").click()
    fields = page.locator("input[data-points-column]")
    desired = [25, 25, 25, 25]
    for index, (points_today, points_desired) in enumerate(zip(today, desired, strict=True)):
        fields.nth(2 * index).fill(str(points_today))
        fields.nth(2 * index + 1).fill(str(points_desired))
    page.locator("body").click()  # leave the last field: its change is sent at once
    expect(page.locator("[data-points-note='today']")).to_have_text("Adds up to 100.")
    expect(page.locator("[data-points-note='desired']")).to_have_text("Adds up to 100.")
    for code in ("q_individual_productive", "q_organisational_generative"):
        saved(page, code)
    if who == "Ada":
        page.screenshot(
            path=artifacts_dir / "diagnosis-questionnaire-quadrants.png", full_page=True
        )

    page.get_by_role("link", name="Review", exact=True).click()
    expect(page.get_by_role("heading", name="Not answered yet")).to_be_visible()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_text("Thank you: you submitted your answers")).to_be_visible()


def test_an_owner_invites_two_people_who_answer_through_their_links(
    live_server, browser, artifacts_dir, settings
):
    settings.SITE_URL = live_server.url  # the links in the emails
    organisation = OrganisationFactory(name="Coastline Freight")
    owner = MembershipFactory(organisation=organisation, role=Role.OWNER).user
    base = live_server.url

    owner_context = browser.new_context(viewport={"width": 1280, "height": 900})
    owner_page = owner_context.new_page()
    owner_page.set_default_timeout(15_000)
    owner_page.goto(f"{base}/accounts/login/")
    owner_page.get_by_label("Username").fill(owner.username)
    owner_page.get_by_label("Password").fill(PASSWORD)
    owner_page.get_by_role("button", name="Log in").click()
    owner_creates_and_opens_an_assessment(owner_page, base, organisation)

    links = {message.to[0]: LINK.search(message.body).group(0) for message in mail.outbox}
    assert sorted(links) == ["ada@example.org", "ben@example.org"]

    for who, email, today, viewport in (
        ("Ada", "ada@example.org", [60, 20, 15, 5], {"width": 1280, "height": 900}),
        ("Ben", "ben@example.org", [40, 30, 20, 10], {"width": 390, "height": 844}),  # a phone
    ):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.set_default_timeout(15_000)
        answer_through_the_link(page, links[email], artifacts_dir, who, today)
        if who == "Ben":
            page.screenshot(path=artifacts_dir / "diagnosis-questionnaire-phone.png")
        context.close()

    owner_page.reload()
    rate = owner_page.locator("section[aria-labelledby='rate-heading']")
    expect(rate).to_contain_text("100%")
    expect(rate).to_contain_text("2 of 2 people submitted")
    # An anonymous round (the default): who was asked and their link, never who submitted.
    ada = owner_page.get_by_role("row", name=re.compile("Ada Visser"))
    expect(ada).to_contain_text("Link sent")
    expect(ada).not_to_contain_text("Submitted")
    owner_page.screenshot(path=artifacts_dir / "diagnosis-assessment-owner.png", full_page=True)

    results = owner_page.get_by_role("link", name="Results", exact=True)
    response = owner_page.goto(base + results.get_attribute("href"))
    assert response.ok
    expect(
        owner_page.get_by_text("1 more response is needed before results are shown.")
    ).to_be_visible()
    owner_page.screenshot(path=artifacts_dir / "diagnosis-results.png", full_page=True)
    owner_context.close()


def test_an_unusable_link_shows_the_friendly_page(live_server, page, artifacts_dir):
    organisation = OrganisationFactory()
    page.goto(f"{live_server.url}/orgs/{organisation.slug}/diagnosis/respond/{'x' * 43}/")
    expect(page.get_by_role("heading", name="This link cannot be used")).to_be_visible()
    page.screenshot(path=artifacts_dir / "diagnosis-link-unusable.png")
