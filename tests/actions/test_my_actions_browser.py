"""My actions in real Chromium, on a desktop and a 390 px phone: a status is updated there."""

import datetime

import pytest

from actions.models import Action, ActionStatus
from organisations.models import Role
from tests.actions.factories import ActionFactory
from tests.factories import MembershipFactory, person_of
from tests.reports.test_dashboard_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_updates_an_overdue_action_from_my_actions(live_server, page, artifacts_dir):
    member = MembershipFactory(role=Role.LEADER)
    organisation = member.organisation
    me = person_of(member.user, organisation)
    late = ActionFactory(
        organisation=organisation,
        owner=me,
        title="Coach planners in running after-action reviews",
        end_date=datetime.date.today() - datetime.timedelta(days=5),
        status=ActionStatus.IN_PROGRESS,
    )
    ActionFactory(organisation=organisation, owner=me, title="Open a weekly learning hour")
    log_in(page, live_server, member.user)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/orgs/{organisation.slug}/")
        page.get_by_role("link", name="My actions").first.click()
        page.wait_for_url("**/actions/mine/")
        assert page.locator(".border-danger").count() == 1
        page.screenshot(path=artifacts_dir / f"my-actions-{width}.png", full_page=True)
    card = page.locator(f"#action-{late.pk}")
    card.get_by_text("Update status").click()
    card.get_by_label("Status now").select_option("done")
    card.get_by_label("What happened").fill("Every team runs them now.")
    card.get_by_role("button", name="Record progress").click()
    page.wait_for_url("**/actions/mine/")
    assert "Progress recorded." in page.locator("main").inner_text()
    assert Action.objects.get(pk=late.pk).status == ActionStatus.DONE
    assert page.locator(".border-danger").count() == 0
    page.screenshot(path=artifacts_dir / "my-actions-updated-390.png", full_page=True)
