"""One transaction per writing request, and no caching of personal pages (issue 16, item 10)."""

import pytest
from django.db import connection, transaction
from django.http import Http404, HttpResponse
from django.urls import include, path, reverse

from organisations.models import Organisation, Role
from tests.diagnosis.helpers import respondent_with_link
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _depth() -> str:
    return str(len(connection.atomic_blocks))


def write_then(outcome: str):
    def view(request):
        OrganisationFactory(name=f"Written before {outcome}")
        if outcome == "404":
            raise Http404
        if outcome == "error":
            raise RuntimeError("the view failed after writing")
        return HttpResponse(_depth(), status=int(outcome))

    return view


def depth(request):
    return HttpResponse(_depth())


@transaction.non_atomic_requests
def own_transactions(request):
    return HttpResponse(_depth())


urlpatterns = [
    path("own/", own_transactions),
    path("write/<str:outcome>/", lambda request, outcome: write_then(outcome)(request)),
    path("depth/", depth),
    path("", include("lndstrategy.urls")),
]


def written(outcome: str) -> bool:
    return Organisation.objects.filter(name=f"Written before {outcome}").exists()


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("outcome", ["404", "error", "503"])
def test_a_post_that_fails_after_writing_leaves_nothing_written(client, outcome):
    client.raise_request_exception = False
    response = client.post(f"/write/{outcome}/")
    assert response.status_code == {"404": 404, "error": 500, "503": 503}[outcome]
    assert not written(outcome)


@pytest.mark.urls(__name__)
def test_the_not_found_page_of_a_failed_post_is_the_sites_page_drawn_after_the_rollback(client):
    # The layout asks the database who the caller is: inside the rolled-back block it could
    # not, and the 404 became a server error.
    member = MembershipFactory(role=Role.OWNER)
    client.force_login(member.user)
    response = client.post("/write/404/")
    assert response.status_code == 404
    assert "Error 404" in response.content.decode()  # the site's page, not a server error
    assert member.organisation.name in client.get("/orgs/").content.decode()  # the layout works
    assert not written("404")


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("outcome", ["200", "302", "400"])
def test_a_post_that_answers_keeps_what_it_wrote(client, outcome):
    response = client.post(f"/write/{outcome}/")
    assert response.status_code == int(outcome)
    assert written(outcome)


@pytest.mark.urls(__name__)
def test_only_writing_methods_run_in_a_transaction_of_their_own(client):
    # On SQLite every transaction takes the write lock: a GET must not open one.
    reading = int(client.get("/depth/").text)
    for method in (client.post, client.put, client.patch, client.delete):
        assert int(method("/depth/").text) == reading + 1


@pytest.mark.urls(__name__)
def test_a_view_that_manages_its_own_transactions_gets_none_from_the_request(client):
    reading = int(client.get("/depth/").text)
    assert int(client.post("/own/").text) == reading


def test_a_logged_in_page_is_neither_stored_nor_shared(client):
    membership = MembershipFactory(role=Role.OWNER)
    client.force_login(membership.user)
    response = client.get(reverse("policy_index", args=[membership.organisation.slug]))
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= directives


def test_a_public_page_is_private_only_to_a_logged_in_caller(client):
    page = reverse("password_reset_done")
    assert client.get(page).status_code == 200
    assert "no-store" not in client.get(page).get("Cache-Control", "")
    client.force_login(MembershipFactory().user)
    assert "no-store" in client.get(page)["Cache-Control"]


def test_a_personal_link_page_is_neither_stored_nor_shared(client, default_framework):
    respondent, token = respondent_with_link(assessment__framework_version=default_framework)
    slug = respondent.assessment.organisation.slug
    response = client.get(reverse("questionnaire_link_start", args=[slug, token]))
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= directives


def test_an_invitation_page_is_neither_stored_nor_shared(client):
    response = client.get(reverse("invitation_accept", args=["not-a-real-token"]))
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= directives
