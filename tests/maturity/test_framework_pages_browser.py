"""A consultant uploads a framework for their client organisation in a real browser."""

import pytest

from maturity.models import FrameworkVersion
from organisations.models import Role
from tests.factories import PASSWORD, MembershipFactory
from tests.maturity.samples import EXAMPLE_PATH, MINIMAL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The example under a code of the organisation's own: shipped codes are built-in, read-only.
ACME_PULSE = EXAMPLE_PATH.read_text(encoding="utf-8").replace(
    "code: team-learning-pulse", "code: acme-pulse", 1
)
BROKEN = MINIMAL.replace("version: 1", 'version: "1"').replace(
    "{level: 5, description: {en: five}}", "{level: 6, description: {en: six}}"
)


def test_a_consultant_sees_the_problems_of_a_broken_file_then_imports_a_good_one(
    live_server, page, artifacts_dir
) -> None:
    membership = MembershipFactory(role=Role.CONSULTANT)
    consultant, organisation = membership.user, membership.organisation
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(consultant.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Frameworks").click()
    page.get_by_role("link", name="Upload a framework").click()

    page.get_by_label("Framework file").set_input_files(
        files=[{"name": "broken.yaml", "mimeType": "application/yaml", "buffer": BROKEN.encode()}]
    )
    page.get_by_role("button", name="Check and import").click()

    problems = page.locator("#framework-problems")
    problems.wait_for()
    assert page.get_by_text("The file has 3 problems, listed below.").is_visible()
    rows = problems.locator("tbody tr")
    assert rows.count() == 3
    assert rows.nth(0).locator("td").all_inner_texts() == [
        "2",
        "version",
        'expected a whole number, got the text "1"',
    ]
    assert rows.nth(2).locator("td").all_inner_texts() == [
        "18",
        "dimensions[0].levels[4].level",
        "level 6 is out of range: levels run from 1 to 5",
    ]
    page.screenshot(path=artifacts_dir / "framework-upload-problems.png", full_page=True)
    assert not FrameworkVersion.objects.exists()

    page.get_by_label("Framework file").set_input_files(
        files=[
            {"name": "pulse.yaml", "mimeType": "application/yaml", "buffer": ACME_PULSE.encode()}
        ]
    )
    page.get_by_label(f"Only {organisation.name}").check()
    page.get_by_role("button", name="Check and import").click()

    page.get_by_role("heading", name="Team learning pulse v1").wait_for()
    version = FrameworkVersion.objects.get()
    assert version.framework.organisation == organisation
    assert (
        page.url == f"{live_server.url}/orgs/{organisation.slug}/frameworks/versions/{version.pk}/"
    )
    assert page.get_by_role("alert").filter(has_text="Imported acme-pulse v1.").is_visible()
    assert page.get_by_role("heading", name="Room to speak up").is_visible()
    assert page.get_by_role("table", name="Maturity levels").first.is_visible()
    page.screenshot(path=artifacts_dir / "framework-detail.png", full_page=True)
