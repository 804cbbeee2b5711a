import pytest

from organisations.demo import DEMO_PASSWORD, seed_demo_organisations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_demo_consultant_logs_in_and_sees_their_portfolio(live_server, page, artifacts_dir):
    seed_demo_organisations()
    page.goto(f"{live_server.url}/")
    page.get_by_label("Username").fill("consultant")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.get_by_role("heading", name="Your organisations").wait_for()
    assert page.get_by_role("link", name="Northwind Logistics").is_visible()
    assert page.get_by_role("link", name="Harbour Health").is_visible()
    page.screenshot(path=artifacts_dir / "portfolio.png", full_page=True)

    page.get_by_role("link", name="Northwind Logistics").click()
    stages = page.get_by_role("navigation", name="Strategy stages")
    stages.wait_for()
    for stage in ("1. Diagnosis", "2. Guiding policy", "3. Coherent action", "Dashboard"):
        assert stages.get_by_role("link", name=stage).is_visible()


def test_the_language_switcher_shows_the_product_in_dutch(live_server, page):
    seed_demo_organisations()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Language").select_option("nl")
    page.get_by_role("heading", name="Inloggen").wait_for()
