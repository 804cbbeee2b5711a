"""The demo strategies can be browsed: Northwind's coherent one and Harbour's incoherent one."""

import pytest

from actions import demo as actions_demo
from diagnosis import demo as diagnosis_demo
from maturity import demo as maturity_demo
from organisations.demo import DEMO_PASSWORD, HARBOUR, NORTHWIND, seed_demo_organisations
from policy import demo as policy_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_consultant_browses_both_demo_strategies(live_server, page, artifacts_dir):
    seed_demo_organisations()
    maturity_demo.seed_demo()
    diagnosis_demo.seed_demo()
    policy_demo.seed_demo()
    actions_demo.seed_demo()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("consultant")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Your organisations").wait_for()

    northwind = f"{live_server.url}/orgs/{NORTHWIND}"
    page.goto(f"{northwind}/actions/")
    assert page.get_by_role("link", name="Coherence 100/100").is_visible()
    page.screenshot(path=artifacts_dir / "demo-northwind-kernel.png", full_page=True)
    page.goto(f"{northwind}/actions/coherence/")
    assert page.get_by_text("No findings: the strategy hangs together.").is_visible()
    page.screenshot(path=artifacts_dir / "demo-northwind-coherence.png", full_page=True)
    page.goto(f"{northwind}/actions/roadmap/?group=horizon")
    page.locator("#roadmap-chart .main-svg").first.wait_for()
    page.screenshot(path=artifacts_dir / "demo-northwind-roadmap.png", full_page=True)
    page.goto(f"{northwind}/actions/accountability/")
    page.screenshot(path=artifacts_dir / "demo-northwind-accountability.png", full_page=True)
    page.goto(f"{northwind}/actions/gaps/")
    assert page.get_by_role("link", name="Learning action").is_visible()
    page.goto(f"{northwind}/policy/")
    page.screenshot(path=artifacts_dir / "demo-northwind-policies.png", full_page=True)

    harbour = f"{live_server.url}/orgs/{HARBOUR}"
    page.goto(f"{harbour}/actions/coherence/")
    findings = page.locator("#findings").inner_text()
    assert "has no guiding policy" in findings
    assert "has no action carrying it out" in findings
    assert "is not done" in findings
    assert "away from the balance the diagnosis asks for" in findings
    page.screenshot(path=artifacts_dir / "demo-harbour-coherence.png", full_page=True)
    page.goto(f"{harbour}/actions/")
    page.screenshot(path=artifacts_dir / "demo-harbour-kernel.png", full_page=True)
