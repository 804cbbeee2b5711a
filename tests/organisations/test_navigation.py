"""The top navigation offers only what the caller can use."""

import pytest
from django.urls import reverse

from organisations.models import Role
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

PORTFOLIO = f'href="{reverse("portfolio")}"'
OVERVIEW = f'href="{reverse("portfolio_overview")}"'


def nav_of(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    page = response.content.decode()
    return page[page.index('id="main-nav"') : page.index("</nav>")]


def pages(membership) -> list[str]:
    slug = membership.organisation.slug
    return [
        reverse("portfolio"),
        reverse("organisation_overview", args=[slug]),
        reverse("my_actions", args=[slug]),
    ]


@pytest.mark.parametrize("role", [Role.OWNER, Role.LEADER, Role.VIEWER])
def test_leaders_owners_and_viewers_see_no_portfolio_or_client_overview(client, role):
    membership = MembershipFactory(role=role)
    for url in pages(membership):
        nav = nav_of(client, membership.user, url)
        assert "Frameworks" in nav
        assert PORTFOLIO not in nav
        assert OVERVIEW not in nav
    page = client.get(reverse("portfolio")).content.decode()
    assert "Compare your clients" not in page


def test_a_consultant_sees_portfolio_and_client_overview_everywhere(client):
    membership = MembershipFactory(role=Role.CONSULTANT)
    for url in pages(membership):
        nav = nav_of(client, membership.user, url)
        assert PORTFOLIO in nav
        assert OVERVIEW in nav
    page = client.get(reverse("portfolio")).content.decode()
    assert "Compare your clients" in page


def test_a_leader_who_also_advises_another_organisation_sees_the_links_there_too(client):
    led = MembershipFactory(role=Role.LEADER)
    MembershipFactory(user=led.user, role=Role.CONSULTANT)
    nav = nav_of(client, led.user, reverse("organisation_overview", args=[led.organisation.slug]))
    assert PORTFOLIO in nav
    assert OVERVIEW in nav
