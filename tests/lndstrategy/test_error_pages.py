"""403, 404 and 500 are pages of the site: its layout, what happened in plain words, a way back."""

import pytest
from django.test import Client
from django.urls import include, path, reverse
from django.utils import translation

from organisations.models import Role
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [path("broken/", broken), path("", include("lndstrategy.urls"))]


def failing_context_processor(request):
    raise RuntimeError("the context processors are what failed")


def test_a_page_of_another_organisation_is_a_styled_404_with_a_way_back(client):
    member = MembershipFactory()
    client.force_login(member.user)
    foreign = OrganisationFactory()
    response = client.get(reverse("organisation_overview", args=[foreign.slug]))
    assert response.status_code == 404
    assert "This page doesn't exist" in response.text
    assert 'class="navbar' in response.text  # the site's layout
    assert f'href="{reverse("portfolio")}"' in response.text
    own = client.get(reverse("organisation_overview", args=[member.organisation.slug]))
    assert own.status_code == 200
    assert "This page doesn't exist" not in own.text


def test_someone_logged_out_is_offered_the_login_on_a_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "This page doesn't exist" in response.text
    assert f'href="{reverse("login")}"' in response.text


def test_a_role_that_may_not_do_something_gets_a_styled_403_that_says_why(client):
    viewer = MembershipFactory(role=Role.VIEWER)
    client.force_login(viewer.user)
    response = client.get(reverse("assessment_create", args=[viewer.organisation.slug]))
    assert response.status_code == 403
    assert "You can't do this with your role" in response.text
    assert "403 Forbidden" not in response.text
    assert f'href="{reverse("portfolio")}"' in response.text


def test_the_403_page_is_dutch_for_a_dutch_reader(client):
    viewer = MembershipFactory(role=Role.VIEWER)
    client.force_login(viewer.user)
    with translation.override("nl"):
        response = client.get(
            reverse("assessment_create", args=[viewer.organisation.slug]),
            headers={"accept-language": "nl"},
        )
    assert response.status_code == 403
    assert "Dit kun je niet doen met jouw rol" in response.text


def test_a_server_error_is_a_styled_500_with_a_way_back(settings):
    settings.ROOT_URLCONF = __name__
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.text
    assert 'href="/static/vendor/bootstrap/bootstrap.min.css"' in response.text
    assert 'href="/">' in response.text


def test_the_500_page_shows_even_when_the_request_context_cannot_be_built(settings):
    settings.ROOT_URLCONF = __name__
    engine = settings.TEMPLATES[0]
    processors = [*engine["OPTIONS"]["context_processors"], f"{__name__}.failing_context_processor"]
    settings.TEMPLATES = [
        engine | {"OPTIONS": engine["OPTIONS"] | {"context_processors": processors}}
    ]
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.text


def test_in_debug_mode_as_under_make_run_a_page_not_there_is_still_the_site_s_404(client, settings):
    settings.DEBUG = True
    member = MembershipFactory()
    client.force_login(member.user)
    foreign = OrganisationFactory()
    response = client.get(reverse("organisation_overview", args=[foreign.slug]))
    assert response.status_code == 404
    assert "This page doesn't exist" in response.text
    # An address no URL pattern matches keeps Django's page for developers, listing them.
    unknown = client.get("/no-such-page/")
    assert unknown.status_code == 404
    assert "This page doesn't exist" not in unknown.text
    assert "Using the URLconf defined in" in unknown.text
