"""An owner turns a key challenge into a policy and actions, and watches coherence improve."""

import datetime
import re

import pytest

from diagnosis.models import KeyChallenge
from organisations.models import Membership, Organisation, Role
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Your organisations").wait_for()


def findings_text(page) -> str:
    return page.locator("#findings").inner_text() if page.locator("#findings").count() else ""


def add_action(page, base: str, policy_id: int, title: str, feature: str, horizon: str) -> None:
    page.goto(f"{base}/actions/new/?policy={policy_id}")
    page.locator("#id_title").fill(title)
    page.locator("#id_owner").select_option(label="Olivia Owner")
    page.get_by_label(feature).check()
    page.get_by_label("Organisational · generative").check()
    page.get_by_label("Complex work").check()
    page.get_by_label(horizon, exact=True).check()
    today = datetime.date.today()
    page.get_by_label("Start", exact=True).fill(str(today - datetime.timedelta(days=30)))
    page.get_by_label("End", exact=True).fill(str(today + datetime.timedelta(days=200)))
    page.get_by_label("Effort (person-days)").fill("15")
    page.get_by_label("What is measured").fill("Ideas tested per quarter")
    page.get_by_label("Target", exact=True).fill("6")
    page.get_by_role("button", name="Save action").click()
    page.get_by_role("heading", name=title).wait_for()


def test_an_owner_adopts_a_policy_adds_actions_and_the_findings_change(
    live_server, page, artifacts_dir
):
    organisation = Organisation.objects.create(name="Acme Freight", slug="acme-freight")
    owner = UserFactory(username="olivia", first_name="Olivia", last_name="Owner")
    Membership.objects.create(user=owner, organisation=organisation, role=Role.OWNER)
    KeyChallenge.objects.create(
        organisation=organisation, title="Learning means courses", dimension_codes=["f1"]
    )
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(f"{page.url} {message.location} {message.text}")
            if message.type == "error"
            else None
        ),
    )
    base = f"{live_server.url}/orgs/acme-freight"
    log_in(page, live_server, "olivia")

    page.goto(f"{base}/actions/coherence/")
    before_score = int(page.locator("#coherence-score").inner_text())
    assert "Key challenge “Learning means courses” has no guiding policy." in findings_text(page)
    page.screenshot(path=artifacts_dir / "strategy-1-coherence-before.png", full_page=True)

    page.goto(f"{base}/policy/library/")
    page.get_by_role("link", name=re.compile("^Adopt: Training is no longer")).click()
    page.get_by_role("heading", name="Adopt a library policy").wait_for()
    page.get_by_label("Learning means courses").check()
    page.get_by_role("button", name="Save policy").click()
    page.get_by_role("button", name="Mark as agreed").click()
    page.get_by_text("Policy marked as agreed.").wait_for()
    policy_id = int(page.url.rstrip("/").split("/")[-1])
    assert page.get_by_text("From the library").is_visible()

    page.goto(f"{base}/actions/coherence/")
    middle = findings_text(page)
    assert "has no guiding policy" not in middle
    assert "has no action carrying it out" in middle
    page.screenshot(path=artifacts_dir / "strategy-2-coherence-policy.png", full_page=True)

    add_action(
        page, base, policy_id, "Run an experiment fund", "3 · Openness to outside ideas", "Now"
    )
    add_action(
        page,
        base,
        policy_id,
        "Start communities of practice",
        "1 · Learning culture beyond training",
        "Two-year plan",
    )

    page.goto(f"{base}/actions/coherence/")
    after = findings_text(page)
    after_score = int(page.locator("#coherence-score").inner_text())
    assert "has no action carrying it out" not in after
    assert "No action is planned on the horizon “Now”" not in after
    assert "No action is planned on the horizon “Five-year vision”" in after
    assert after_score > before_score
    page.screenshot(path=artifacts_dir / "strategy-3-coherence-after.png", full_page=True)

    page.goto(f"{base}/actions/")
    tree = page.get_by_role("list", name="Strategy kernel")
    assert tree.get_by_text("Learning means courses").is_visible()
    assert tree.get_by_role("link", name="Run an experiment fund").is_visible()
    page.screenshot(path=artifacts_dir / "strategy-4-kernel.png", full_page=True)

    page.goto(f"{base}/actions/roadmap/")
    page.locator("#roadmap-chart .main-svg").first.wait_for()
    assert page.locator("#roadmap-chart g.trace.bars").count() >= 1
    page.screenshot(path=artifacts_dir / "strategy-5-roadmap.png", full_page=True)

    page.goto(f"{base}/actions/accountability/")
    page.screenshot(path=artifacts_dir / "strategy-6-accountability.png", full_page=True)
    csp = [p for p in problems if "Content Security Policy" in p or "Refused" in p]
    assert not csp, csp
