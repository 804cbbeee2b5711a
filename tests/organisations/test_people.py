"""The roster: one person per organisation, with or without a login, whichever way they arrive."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from actions.selectors import load_strategy
from actions.strategy import dimension_leaders
from diagnosis import services as diagnosis_services
from diagnosis.models import Respondent
from organisations import services
from organisations.models import Invitation, Person, Role
from tests.actions.factories import ActionFactory
from tests.diagnosis.factories import AssessmentFactory
from tests.factories import InvitationFactory, MembershipFactory, PersonFactory, UserFactory
from tests.policy.factories import PolicyFactory

pytestmark = pytest.mark.django_db
LINK = re.compile(r"/respond/([\w-]+)/")


@pytest.fixture
def owner(default_framework):
    return MembershipFactory(role=Role.OWNER)


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner.user)
    return client


def people_url(organisation) -> str:
    return reverse("organisation_people", args=[organisation.slug])


def test_the_owner_adds_someone_without_a_login_to_the_roster(owner_client, owner):
    response = owner_client.post(
        people_url(owner.organisation),
        {"name": "Bo Jansen", "email": "Bo@Example.org", "group": "leadership", "language": "nl"},
    )
    assert response.status_code == 302
    person = Person.objects.get(organisation=owner.organisation, name="Bo Jansen")
    assert (person.email, person.group, person.language, person.user) == (
        "bo@example.org",
        "leadership",
        "nl",
        None,
    )
    page = owner_client.get(people_url(owner.organisation)).text
    assert "Bo Jansen" in page
    assert "bo@example.org" in page


def test_an_email_already_on_the_roster_is_refused_next_to_the_field(owner_client, owner):
    PersonFactory(organisation=owner.organisation, name="Bo Jansen", email="bo@example.org")
    response = owner_client.post(
        people_url(owner.organisation),
        {"name": "Bo again", "email": "BO@example.org", "group": "staff", "language": "en"},
    )
    assert response.status_code == 200
    assert "Someone with this email address is on the list already: Bo Jansen." in response.text
    assert "Bo again" in response.text  # what was typed is kept
    assert (
        Person.objects.filter(organisation=owner.organisation, email="bo@example.org").count() == 1
    )


def test_the_same_email_may_be_on_the_rosters_of_two_organisations(owner):
    PersonFactory(email="bo@example.org")
    person = services.person_create(
        organisation=owner.organisation, name="Bo", email="bo@example.org", group="staff"
    )
    assert person.organisation == owner.organisation


def test_the_owner_edits_someone_on_the_roster(owner_client, owner):
    person = PersonFactory(organisation=owner.organisation, name="Bo", email="bo@example.org")
    response = owner_client.post(
        reverse("person_edit", args=[owner.organisation.slug, person.pk]),
        {"name": "Bo Jansen", "email": "bo.jansen@example.org", "group": "ld", "language": "nl"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.email, person.group, person.language) == (
        "Bo Jansen",
        "bo.jansen@example.org",
        "ld",
        "nl",
    )


def test_every_member_is_on_the_roster_once(owner):
    leader = MembershipFactory(organisation=owner.organisation, role=Role.LEADER)
    people = Person.objects.filter(organisation=owner.organisation)
    assert people.filter(user=leader.user).count() == 1
    assert people.get(user=owner.user).group == "ld"
    assert people.get(user=leader.user).group == "leadership"


def test_an_invitee_who_answered_by_link_and_then_joins_cannot_answer_the_round_again(
    owner, client, django_capture_on_commit_callbacks
):
    """Seen before: "4 of 4 submitted" from 3 people, after an outsider became a member."""
    organisation = owner.organisation
    assessment = AssessmentFactory(organisation=organisation)
    with django_capture_on_commit_callbacks(execute=True):
        invited = diagnosis_services.respondent_invite(
            assessment=assessment, email="ada@example.org", name="Ada", group="leadership"
        )
    Respondent.objects.filter(pk=invited.pk).update(submitted_at=timezone.now())

    token = Invitation.new_token()
    InvitationFactory(organisation=organisation, email="ada@example.org", token=token)
    user = UserFactory(email="ada.private@example.org")
    services.invitation_accept(token=token, user=user, other_address_confirmed=True)

    assert Person.objects.filter(organisation=organisation, email="ada@example.org").get().user == (
        user
    )
    client.force_login(user)
    start = reverse("questionnaire_member_start", args=[organisation.slug, assessment.pk])
    client.get(start)
    client.post(
        reverse("questionnaire_member_save", args=[organisation.slug, assessment.pk]),
        {"item": "f1_1", "value": "2"},
        HTTP_HX_REQUEST="true",
    )
    assert Respondent.objects.filter(assessment=assessment).count() == 1
    overall, _groups = diagnosis_services.response_rates(assessment)
    assert (overall.asked, overall.submitted) == (1, 1)


def test_inviting_a_roster_person_uses_them_instead_of_adding_someone_new(owner):
    assessment = AssessmentFactory(organisation=owner.organisation)
    person = PersonFactory(organisation=owner.organisation, email="bo@example.org")
    respondent = diagnosis_services.respondent_invite(
        assessment=assessment, email="BO@example.org", name="Someone else", group="ld"
    )
    assert respondent.person == person
    assert Person.objects.filter(organisation=owner.organisation).count() == 2  # owner and Bo


def test_someone_on_the_roster_receives_emails_in_their_language(
    owner, django_capture_on_commit_callbacks
):
    assessment = AssessmentFactory(organisation=owner.organisation)
    dutch = PersonFactory(organisation=owner.organisation, name="Bo", language="nl")
    english = PersonFactory(organisation=owner.organisation, name="Ann", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        for person in (dutch, english):
            diagnosis_services.respondent_add_person(
                assessment=assessment, person=person, group="leadership"
            )
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "Beste Bo" in bodies[dutch.email]
    assert "Dear Ann" in bodies[english.email]


def test_a_leadership_member_invited_by_link_can_own_an_action_and_counts_as_accountable(
    owner_client, owner
):
    """Seen before: only the L&D leader could own actions, so they owned every feature."""
    organisation = owner.organisation
    board = PersonFactory(organisation=organisation, name="Bo Board", group="leadership")
    choices = owner_client.get(reverse("action_create", args=[organisation.slug])).text
    assert "Bo Board" in choices
    ActionFactory(
        organisation=organisation,
        policy=PolicyFactory(organisation=organisation),
        owner=board,
        dimensions=["f4-autonomy"],
    )
    strategy = load_strategy(organisation)
    leaders = dimension_leaders(strategy)
    assert [leader.name for leader in leaders["f4-autonomy"]] == ["Bo Board"]
    assert leaders["f1-learning-culture"] == ()
