from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from organisations.forms import InvitationSignupForm
from organisations.models import Invitation, Membership, Role, hash_token
from organisations.services import (
    InvitationForOtherAddress,
    invitation_accept,
    invitation_create,
)
from tests.factories import InvitationFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

UNUSABLE = "This invitation link cannot be used"
User = get_user_model()


def invitation_with_token(**fields) -> tuple[Invitation, str]:
    token = Invitation.new_token()
    return InvitationFactory(token=token, **fields), token


def test_a_new_invitation_is_emailed_with_a_link_whose_token_is_stored_only_as_a_hash(
    django_capture_on_commit_callbacks,
):
    owner = MembershipFactory(role=Role.OWNER)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(
            organisation=owner.organisation,
            email="New.Leader@Example.org",
            role=Role.LEADER,
            invited_by=owner.user,
        )
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    token = body.split("/invitations/")[1].split("/")[0]
    invitation.refresh_from_db()
    assert invitation.email == "new.leader@example.org"
    assert invitation.token_hash == hash_token(token)
    assert token not in str(Invitation.objects.values_list().get(pk=invitation.pk))
    assert len(token) >= 22  # 128 bits in URL-safe base64


def test_an_anonymous_invitee_creates_an_account_and_joins(client):
    invitation, token = invitation_with_token(role=Role.LEADER)
    url = reverse("invitation_accept", args=[token])
    response = client.post(
        url,
        {
            "username": "newleader",
            "password1": "a-long-unique-pass-42",
            "password2": "a-long-unique-pass-42",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="newleader")
    assert membership.organisation == invitation.organisation
    assert membership.role == Role.LEADER
    assert membership.user.email == invitation.email


def test_a_logged_in_user_accepts_and_lands_in_the_organisation(client):
    invitation, token = invitation_with_token(role=Role.VIEWER)
    user = UserFactory(email=invitation.email.upper())
    client.force_login(user)
    response = client.post(reverse("invitation_accept", args=[token]))
    assert response.url == reverse("organisation_overview", args=[invitation.organisation.slug])
    assert Membership.objects.get(user=user).role == Role.VIEWER


def test_a_signup_with_mismatched_passwords_shows_the_error_and_creates_nobody(client):
    _, token = invitation_with_token()
    response = client.post(
        reverse("invitation_accept", args=[token]),
        {
            "username": "someone",
            "password1": "a-long-unique-pass-42",
            "password2": "different-pass-42",
        },
    )
    assert response.status_code == 200
    assert "password fields didn’t match" in response.content.decode()
    assert not Membership.objects.filter(user__username="someone").exists()


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(
            lambda i: setattr(i, "expires_at", timezone.now() - timedelta(minutes=1)), id="expired"
        ),
        pytest.param(lambda i: setattr(i, "revoked_at", timezone.now()), id="revoked"),
        pytest.param(lambda i: setattr(i, "accepted_at", timezone.now()), id="used"),
    ],
)
def test_an_unusable_invitation_shows_the_same_clear_page_and_grants_nothing(client, spoil):
    invitation, token = invitation_with_token()
    spoil(invitation)
    invitation.save()
    client.force_login(UserFactory())
    for method in (client.get, client.post):
        response = method(reverse("invitation_accept", args=[token]))
        assert response.status_code == 404
        assert UNUSABLE in response.content.decode()
    assert not Membership.objects.filter(organisation=invitation.organisation).exists()


def test_a_tampered_token_is_refused(client):
    _, token = invitation_with_token()
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    response = client.get(reverse("invitation_accept", args=[tampered]))
    assert response.status_code == 404
    assert UNUSABLE in response.content.decode()


def test_an_invitation_works_only_once(client):
    invitation, token = invitation_with_token()
    client.force_login(UserFactory(email=invitation.email))
    assert client.post(reverse("invitation_accept", args=[token])).status_code == 302
    client.force_login(UserFactory())
    response = client.post(
        reverse("invitation_accept", args=[token]), {"other_address_confirmed": "on"}
    )
    assert response.status_code == 404
    assert UNUSABLE in response.content.decode()


def test_inviting_the_same_address_again_withdraws_the_earlier_link():
    owner = MembershipFactory(role=Role.OWNER)
    first, _ = invitation_with_token(organisation=owner.organisation, email="a@example.org")
    invitation_create(
        organisation=owner.organisation,
        email="a@example.org",
        role=Role.LEADER,
        invited_by=owner.user,
    )
    first.refresh_from_db()
    assert first.status == "revoked"


def test_an_owner_withdraws_a_pending_invitation_from_the_members_page(client):
    owner = MembershipFactory(role=Role.OWNER)
    invitation, token = invitation_with_token(organisation=owner.organisation)
    client.force_login(owner.user)
    client.post(reverse("invitation_revoke", args=[owner.organisation.slug, invitation.pk]))
    assert client.get(reverse("invitation_accept", args=[token])).status_code == 404


def test_the_members_page_refuses_to_invite_an_existing_member(client):
    owner = MembershipFactory(role=Role.OWNER)
    client.force_login(owner.user)
    response = client.post(
        reverse("organisation_members", args=[owner.organisation.slug]),
        {"email": owner.user.email, "role": Role.LEADER},
    )
    assert response.status_code == 200
    assert "already a member" in response.content.decode()
    assert not Invitation.objects.exists()


def test_the_members_page_shows_an_invalid_email_next_to_the_field(client):
    owner = MembershipFactory(role=Role.OWNER)
    client.force_login(owner.user)
    response = client.post(
        reverse("organisation_members", args=[owner.organisation.slug]),
        {"email": "not-an-address", "role": Role.LEADER},
    )
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert 'value="not-an-address"' in response.content.decode()


def test_invitations_of_another_organisation_cannot_be_withdrawn(client):
    owner = MembershipFactory(role=Role.OWNER)
    foreign, _token = invitation_with_token(organisation=OrganisationFactory())
    client.force_login(owner.user)
    response = client.post(reverse("invitation_revoke", args=[owner.organisation.slug, foreign.pk]))
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == "pending"


# --- Bound to the invited address ------------------------------------------------------------


def test_a_logged_in_account_of_another_address_is_told_and_joins_only_after_confirming(client):
    invitation, token = invitation_with_token(email="a@example.org", role=Role.LEADER)
    client.force_login(UserFactory(username="bee", email="b@example.org"))
    url = reverse("invitation_accept", args=[token])

    page = client.get(url).content.decode()
    assert "This invitation was sent to a@example.org; you are logged in as b@example.org." in page

    response = client.post(url)
    assert response.status_code == 200
    assert "Tick the box to join with this account" in response.content.decode()
    assert not Membership.objects.filter(organisation=invitation.organisation).exists()

    response = client.post(url, {"other_address_confirmed": "on"})
    assert response.status_code == 302
    assert Membership.objects.get(organisation=invitation.organisation).user.username == "bee"


def test_the_invited_address_joins_without_the_extra_question(client):
    _invitation, token = invitation_with_token(email="a@example.org")
    client.force_login(UserFactory(email="a@example.org"))
    page = client.get(reverse("invitation_accept", args=[token])).content.decode()
    assert "This invitation was sent to" not in page
    assert "Accept the invitation" in page


def test_the_service_refuses_another_address_unless_confirmed():
    invitation, token = invitation_with_token(email="a@example.org")
    other = UserFactory(email="b@example.org")
    with pytest.raises(InvitationForOtherAddress):
        invitation_accept(token=token, user=other)
    membership = invitation_accept(token=token, user=other, other_address_confirmed=True)
    assert membership.organisation == invitation.organisation


def test_signing_up_with_an_address_another_account_has_is_refused_clearly(client):
    invitation, token = invitation_with_token(email="taken@example.org")
    UserFactory(username="first", email="Taken@Example.org")
    response = client.post(
        reverse("invitation_accept", args=[token]),
        {
            "username": "second",
            "password1": "a-long-unique-pass-42",
            "password2": "a-long-unique-pass-42",
        },
    )
    assert response.status_code == 200
    assert "An account with the address taken@example.org exists already." in (
        response.content.decode()
    )
    assert not User.objects.filter(username="second").exists()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_a_username_taken_at_the_same_moment_is_a_form_error_not_a_crash(client, monkeypatch):
    _, token = invitation_with_token()
    # The form's own check passed; another sign-up took the name just before the save.
    monkeypatch.setattr(InvitationSignupForm, "clean_username", lambda form: "racer")
    UserFactory(username="racer")
    response = client.post(
        reverse("invitation_accept", args=[token]),
        {
            "username": "racer",
            "password1": "a-long-unique-pass-42",
            "password2": "a-long-unique-pass-42",
        },
    )
    assert response.status_code == 200
    assert "A user with that username already exists." in response.content.decode()
    assert User.objects.filter(username="racer").count() == 1
