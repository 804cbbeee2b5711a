"""The dashboard in real Chromium: charts drawn by plotly.js under the strict CSP."""

import pytest

from organisations.models import Role
from reports import services
from reports.selectors import latest_snapshot
from tests.actions.factories import ActionFactory
from tests.factories import PASSWORD, MembershipFactory
from tests.reports.factories import answered_assessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/orgs/")


def test_the_dashboard_draws_every_chart_without_breaking_the_csp(
    live_server, page, artifacts_dir, default_framework
):
    member = MembershipFactory(role=Role.LEADER)
    organisation = member.organisation
    answered_assessment(organisation, respondents=6)
    ActionFactory.create_batch(3, organisation=organisation)
    services.snapshot_build(organisation)  # tasks ran inline on each commit; this is a no-op
    snapshot = latest_snapshot(organisation)
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            message.type in ("error", "warning")
            and "favicon.ico" not in str(message.location)
            and problems.append(f"{message.text} at {message.location}")
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))

    log_in(page, live_server, member.user)
    page.goto(f"{live_server.url}/orgs/{organisation.slug}/dashboard/")
    drawn = [chart for chart in snapshot.figures["en"] if chart["figure"]]
    page.locator(".chart-drawn .main-svg").first.wait_for()
    assert page.locator(".chart-drawn").count() == len(drawn)
    for chart in drawn:
        assert page.locator(f'[data-chart="{chart["key"]}"] .main-svg').count() >= 1
    assert page.locator("style").count() == 0  # plotly injected no inline style
    page.screenshot(path=artifacts_dir / "dashboard.png", full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path=artifacts_dir / "dashboard-print.png", full_page=True)
    assert not problems, problems


def test_a_framework_of_its_own_draws_only_its_own_cards_on_desktop_and_phone(
    live_server, page, artifacts_dir
):
    from tests.diagnosis.instrument_scenario import build_instrument_round

    member = MembershipFactory(role=Role.LEADER)
    organisation = member.organisation
    build_instrument_round(organisation=organisation)
    services.snapshot_build(organisation, force=True)
    snapshot = latest_snapshot(organisation)
    log_in(page, live_server, member.user)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/orgs/{organisation.slug}/dashboard/")
        page.locator(".chart-drawn .main-svg").first.wait_for()
        drawn = [chart for chart in snapshot.figures["en"] if chart["figure"]]
        assert page.locator(".chart-drawn").count() == len(drawn)
        assert page.get_by_role("heading", name="Scores by dimension").count() == 1
        assert page.get_by_role("heading", name="Blocks and their dimensions").count() == 1
        text = page.locator("main").inner_text()
        assert "six features" not in text
        assert "quadrants" not in text
        page.screenshot(path=artifacts_dir / f"dashboard-own-framework-{width}.png", full_page=True)
