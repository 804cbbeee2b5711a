from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from organisations.models import Membership, Organisation, Role
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_creating_an_organisation_makes_the_creator_its_owner(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("organisation_create"),
        {"name": "Acme Shipping", "my_role": Role.OWNER, "brand_colour": "#112233"},
    )
    organisation = Organisation.objects.get(name="Acme Shipping")
    assert organisation.slug == "acme-shipping"
    assert response.url == reverse("organisation_members", args=["acme-shipping"])
    assert Membership.objects.get(user=user, organisation=organisation).role == Role.OWNER


def test_a_consultant_creates_a_client_organisation_and_sees_it_in_the_portfolio(client):
    user = UserFactory()
    client.force_login(user)
    for name in ("Client One", "Client Two"):
        client.post(
            reverse("organisation_create"),
            {"name": name, "my_role": Role.CONSULTANT, "brand_colour": "#112233"},
        )
    page = client.get(reverse("portfolio")).content.decode()
    assert "Client One" in page
    assert "Client Two" in page


def test_a_bad_brand_colour_is_shown_next_to_the_field_and_the_other_values_are_kept(client):
    owner = MembershipFactory(role=Role.OWNER)
    client.force_login(owner.user)
    response = client.post(
        reverse("organisation_settings", args=[owner.organisation.slug]),
        {"name": "Renamed Ltd", "brand_colour": "red"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Use a hex colour such as #1f6feb." in html
    assert 'value="Renamed Ltd"' in html
    owner.organisation.refresh_from_db()
    assert owner.organisation.name != "Renamed Ltd"


def test_a_file_that_is_not_an_image_is_refused_as_a_logo(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    owner = MembershipFactory(role=Role.OWNER)
    client.force_login(owner.user)
    response = client.post(
        reverse("organisation_settings", args=[owner.organisation.slug]),
        {
            "name": "Still Fine",
            "brand_colour": "#123456",
            "logo": SimpleUploadedFile("logo.png", b"not really a png"),
        },
    )
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()


def test_the_last_owner_cannot_be_removed(client):
    owner = MembershipFactory(role=Role.OWNER)
    consultant = MembershipFactory(organisation=owner.organisation, role=Role.CONSULTANT)
    client.force_login(consultant.user)
    response = client.post(
        reverse("membership_remove", args=[owner.organisation.slug, owner.pk]), follow=True
    )
    assert "at least one owner" in response.content.decode()
    assert Membership.objects.filter(pk=owner.pk).exists()


def test_a_removed_member_loses_access_at_once(client):
    owner = MembershipFactory(role=Role.OWNER)
    leader = MembershipFactory(organisation=owner.organisation, role=Role.LEADER)
    client.force_login(owner.user)
    client.post(reverse("membership_remove", args=[owner.organisation.slug, leader.pk]))
    client.force_login(leader.user)
    response = client.get(reverse("organisation_overview", args=[owner.organisation.slug]))
    assert response.status_code == 404


def test_a_leader_does_not_see_member_management_in_the_navigation(client):
    leader = MembershipFactory(role=Role.LEADER)
    client.force_login(leader.user)
    html = client.get(reverse("organisation_overview", args=[leader.organisation.slug])).content
    assert reverse("organisation_members", args=[leader.organisation.slug]).encode() not in html


def test_seed_demo_can_run_twice_and_leaves_one_copy_of_everything():
    call_command("seed_demo", stdout=StringIO())
    counts = (Organisation.objects.count(), Membership.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Organisation.objects.count(), Membership.objects.count()) == counts
    assert counts[0] == 2
