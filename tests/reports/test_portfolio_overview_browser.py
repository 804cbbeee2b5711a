"""The client overview in real Chromium: one heatmap per framework, under the strict CSP,
on a desktop and a 390 px phone."""

import pytest

from organisations.models import Role
from reports import services
from tests.diagnosis.instrument_scenario import build_instrument_round
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.reports.factories import answered_assessment
from tests.reports.test_dashboard_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_client_overview_draws_a_heatmap_per_framework_on_desktop_and_phone(
    live_server, page, artifacts_dir, default_framework
):
    consultant = UserFactory()
    for name, likert in (("North Logistics", 2), ("South Care and Community Services", 4)):
        organisation = OrganisationFactory(name=name)
        MembershipFactory(user=consultant, organisation=organisation, role=Role.CONSULTANT)
        answered_assessment(organisation, respondents=4, likert=likert)
        services.snapshot_build(organisation, force=True)
    team = OrganisationFactory(name="Team Climate Co")
    MembershipFactory(user=consultant, organisation=team, role=Role.CONSULTANT)
    build_instrument_round(organisation=team)
    services.snapshot_build(team, force=True)
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
    log_in(page, live_server, consultant)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/portfolio/overview/")
        page.locator(".chart-drawn .main-svg").first.wait_for()
        assert page.locator(".chart-drawn").count() == 2
        assert page.locator("style").count() == 0  # plotly injected no inline style
        box = page.locator(".chart-drawn").first.bounding_box()
        assert box["width"] > width * 0.7
        page.screenshot(path=artifacts_dir / f"client-overview-{width}.png", full_page=True)
    assert not problems, problems
