"""Emails go out in the recipient's language: invitations to join, questionnaire invitations
and reminders, whatever language the sender's page or the worker speaks."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from diagnosis.emails import invitation_send, reminder_send
from organisations.models import Invitation, Person, Role
from tests.diagnosis.factories import AssessmentFactory, RespondentFactory
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

DUTCH_INVITE = "vraagt jouw mening over leren en ontwikkelen"
ENGLISH_INVITE = "asks for your view on learning and development"


@pytest.fixture
def owner(default_framework):
    return MembershipFactory(role=Role.OWNER)


def test_someone_invited_in_dutch_gets_the_questionnaire_invitation_in_dutch(
    client, owner, django_capture_on_commit_callbacks
):
    assessment = AssessmentFactory(organisation=owner.organisation)
    client.force_login(owner.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("respondent_invite", args=[owner.organisation.slug, assessment.pk]),
            {
                "name": "Eva Kramer",
                "email": "eva@example.org",
                "group": "leadership",
                "language": "nl",
            },
        )
    assert Person.objects.get(email="eva@example.org").language == "nl"
    (email,) = mail.outbox
    assert DUTCH_INVITE in email.subject
    assert ENGLISH_INVITE not in email.subject


def test_someone_invited_in_english_gets_it_in_english(
    client, owner, django_capture_on_commit_callbacks
):
    assessment = AssessmentFactory(organisation=owner.organisation)
    client.force_login(owner.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("respondent_invite", args=[owner.organisation.slug, assessment.pk]),
            {
                "name": "Ann Lee",
                "email": "ann@example.org",
                "group": "leadership",
                "language": "en",
            },
        )
    assert ENGLISH_INVITE in mail.outbox[0].subject


def test_the_invite_form_proposes_the_language_the_inviter_reads_the_page_in(client, owner):
    assessment = AssessmentFactory(organisation=owner.organisation)
    client.force_login(owner.user)
    page = reverse("assessment_detail", args=[owner.organisation.slug, assessment.pk])
    english = client.get(page, headers={"accept-language": "en"})
    assert english.context["invite_form"]["language"].value() == "en"
    with translation.override("nl"):
        dutch = client.get(page, headers={"accept-language": "nl"})
    assert dutch.context["invite_form"]["language"].value() == "nl"


def test_a_dutch_person_on_the_list_gets_dutch_invitations_and_reminders(owner):
    assessment = AssessmentFactory(organisation=owner.organisation)
    dutch = RespondentFactory(
        assessment=assessment,
        person=PersonFactory(organisation=owner.organisation, language="nl"),
        invited_at=timezone.now() - timedelta(days=5),
    )
    english = RespondentFactory(
        assessment=assessment,
        person=PersonFactory(organisation=owner.organisation, language="en"),
    )
    assert invitation_send(english.pk)
    assert ENGLISH_INVITE in mail.outbox[-1].subject
    assert reminder_send(dutch.pk)
    reminder = mail.outbox[-1]
    assert reminder.to == [dutch.person.email]
    assert reminder.subject == f"Herinnering: jouw mening over “{assessment.title}”"


def test_an_invitation_to_join_is_written_in_the_language_chosen_for_it(
    client, owner, django_capture_on_commit_callbacks
):
    client.force_login(owner.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("organisation_members", args=[owner.organisation.slug]),
            {"email": "noor@example.org", "role": Role.LEADER, "language": "nl"},
        )
    assert Invitation.objects.get(email="noor@example.org").language == "nl"
    (email,) = mail.outbox
    assert email.subject == f"Je bent uitgenodigd voor {owner.organisation.name} op L&D Strategy"


def test_an_invitation_to_join_left_without_a_language_follows_the_people_list(
    client, owner, django_capture_on_commit_callbacks
):
    PersonFactory(organisation=owner.organisation, email="daan@example.org", language="nl")
    client.force_login(owner.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("organisation_members", args=[owner.organisation.slug]),
            {"email": "daan@example.org", "role": Role.LEADER},
        )
    assert mail.outbox[0].subject.startswith("Je bent uitgenodigd voor")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("organisation_members", args=[owner.organisation.slug]),
            {"email": "new@example.org", "role": Role.LEADER},
        )
    assert mail.outbox[1].subject.startswith("You are invited to")
