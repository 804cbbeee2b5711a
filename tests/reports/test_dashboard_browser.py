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
