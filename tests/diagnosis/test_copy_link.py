"""The owner can copy a respondent's link on the round's page, as far as the round's promise
allows: in a named round any time until they submit, in an anonymous round once, right after
adding them. The link is the one in their email, and opening the page changes nothing."""

import html
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from diagnosis.models import AssessmentStatus, Respondent
from organisations.models import Role
from tests.factories import MembershipFactory, person_of

from .factories import AssessmentFactory, RespondentFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r'value="(http[^"]+/respond/[^"]+/)"')
EMAILED = re.compile(r"http\S+/respond/\S+/")


@pytest.fixture
def owner(default_framework):
    return MembershipFactory(role=Role.OWNER)


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner.user)
    return client


def detail(owner, assessment) -> str:
    return reverse("assessment_detail", args=[owner.organisation.slug, assessment.pk])


def invite(owner_client, owner, assessment, capture, email="ada@example.org") -> Respondent:
    with capture(execute=True):
        owner_client.post(
            reverse("respondent_invite", args=[owner.organisation.slug, assessment.pk]),
            {"name": "Ada Janssen", "email": email, "group": "leadership"},
        )
    return Respondent.objects.get(person__email=email)


def links_on(page: str) -> list[str]:
    return [html.unescape(link) for link in LINK.findall(page)]


def test_in_a_named_round_the_owner_copies_the_link_that_was_emailed_and_it_works(
    owner_client, owner, client, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "http://127.0.0.1:8101"
    assessment = AssessmentFactory(organisation=owner.organisation, anonymous=False)
    invite(owner_client, owner, assessment, django_capture_on_commit_callbacks)
    emailed = EMAILED.search(mail.outbox[0].body).group(0)
    assert emailed.startswith("http://127.0.0.1:8101/")
    page = owner_client.get(detail(owner, assessment)).text
    assert "The personal link of the person you just asked" in page  # right after adding
    assert set(links_on(page)) == {emailed}
    again = owner_client.get(detail(owner, assessment)).text
    assert "The personal link of the person you just asked" not in again
    assert links_on(again) == [emailed]  # still in the list, with its Copy button
    assert "Copy link" in again
    owner_client.logout()
    assert client.get(emailed.removeprefix("http://127.0.0.1:8101")).status_code == 200


def test_the_link_can_be_copied_before_any_email_has_gone_out(owner_client, owner):
    assessment = AssessmentFactory(organisation=owner.organisation, anonymous=False)
    owner_client.post(  # the email task is never run here
        reverse("respondent_invite", args=[owner.organisation.slug, assessment.pk]),
        {"name": "Ada Janssen", "email": "ada@example.org", "group": "leadership"},
    )
    assert mail.outbox == []
    (link,) = set(links_on(owner_client.get(detail(owner, assessment)).text))
    assert owner_client.get(link.removeprefix("http://127.0.0.1:8000")).status_code == 200


def test_opening_the_round_page_never_issues_or_changes_a_link(owner_client, owner):
    assessment = AssessmentFactory(organisation=owner.organisation, anonymous=False)
    waiting = RespondentFactory(assessment=assessment, person__name="Bo Smit")
    page = owner_client.get(detail(owner, assessment)).text
    assert "Bo Smit" in page
    assert links_on(page) == []  # no link was issued yet: nothing to copy
    waiting.refresh_from_db()
    assert (waiting.token_hash, waiting.token_salt) == (None, "")


def test_in_a_named_round_there_is_no_link_to_copy_once_they_submitted_or_it_was_withdrawn(
    owner_client, owner, django_capture_on_commit_callbacks
):
    assessment = AssessmentFactory(organisation=owner.organisation, anonymous=False)
    ada = invite(owner_client, owner, assessment, django_capture_on_commit_callbacks)
    assert len(set(links_on(owner_client.get(detail(owner, assessment)).text))) == 1
    Respondent.objects.filter(pk=ada.pk).update(submitted_at=timezone.now())
    assert links_on(owner_client.get(detail(owner, assessment)).text) == []
    Respondent.objects.filter(pk=ada.pk).update(submitted_at=None, revoked_at=timezone.now())
    assert links_on(owner_client.get(detail(owner, assessment)).text) == []


def test_restoring_a_withdrawn_link_gives_a_new_one_to_copy(
    owner_client, owner, django_capture_on_commit_callbacks
):
    assessment = AssessmentFactory(organisation=owner.organisation, anonymous=False)
    ada = invite(owner_client, owner, assessment, django_capture_on_commit_callbacks)
    (first,) = set(links_on(owner_client.get(detail(owner, assessment)).text))
    slug = owner.organisation.slug
    owner_client.post(reverse("respondent_revoke", args=[slug, assessment.pk, ada.pk]))
    owner_client.post(reverse("respondent_resend", args=[slug, assessment.pk, ada.pk]))
    (second,) = set(links_on(owner_client.get(detail(owner, assessment)).text))
    assert second != first
    assert owner_client.get(first.removeprefix("http://127.0.0.1:8000")).status_code == 404
    assert owner_client.get(second.removeprefix("http://127.0.0.1:8000")).status_code == 200


def test_in_an_anonymous_round_the_new_link_is_shown_once_right_after_adding_the_person(
    owner_client, owner, django_capture_on_commit_callbacks
):
    assessment = AssessmentFactory(organisation=owner.organisation, anonymous=True)
    invite(owner_client, owner, assessment, django_capture_on_commit_callbacks)
    emailed = EMAILED.search(mail.outbox[0].body).group(0)
    page = owner_client.get(detail(owner, assessment)).text
    assert "links are shown only now" in page
    assert links_on(page) == [emailed]
    again = owner_client.get(detail(owner, assessment)).text
    assert "Ada Janssen" in again
    assert links_on(again) == []


def test_a_member_s_link_is_the_questionnaire_in_the_product_in_any_round(owner_client, owner):
    assessment = AssessmentFactory(organisation=owner.organisation, anonymous=True)
    colleague = MembershipFactory(organisation=owner.organisation, role=Role.LEADER)
    RespondentFactory(assessment=assessment, person=person_of(colleague.user, owner.organisation))
    page = owner_client.get(detail(owner, assessment)).text
    member_start = reverse(
        "questionnaire_member_start", args=[owner.organisation.slug, assessment.pk]
    )
    assert f'value="http://127.0.0.1:8000{member_start}"' in page
    assert "Link to the questionnaire" in page


def test_a_closed_round_offers_no_link_to_copy(
    owner_client, owner, django_capture_on_commit_callbacks
):
    assessment = AssessmentFactory(organisation=owner.organisation, anonymous=False)
    invite(owner_client, owner, assessment, django_capture_on_commit_callbacks)
    assert links_on(owner_client.get(detail(owner, assessment)).text)
    owner_client.post(
        reverse("assessment_status", args=[owner.organisation.slug, assessment.pk]),
        {"change": "close"},
    )
    page = owner_client.get(detail(owner, assessment)).text
    assert "This assessment is closed" in page
    assert links_on(page) == []


def test_opening_a_draft_shows_once_the_links_of_everyone_asked_while_it_was_a_draft(
    owner_client, owner, django_capture_on_commit_callbacks
):
    assessment = AssessmentFactory(
        organisation=owner.organisation, anonymous=True, status=AssessmentStatus.DRAFT
    )
    for email in ("ada@example.org", "bo@example.org"):
        invite(owner_client, owner, assessment, django_capture_on_commit_callbacks, email)
    assert links_on(owner_client.get(detail(owner, assessment)).text) == []  # not open yet
    status_url = reverse("assessment_status", args=[owner.organisation.slug, assessment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(status_url, {"change": "open"})
    emailed = {EMAILED.search(message.body).group(0) for message in mail.outbox}
    page = owner_client.get(detail(owner, assessment)).text
    assert "The personal links of the 2 people you just asked" in page
    assert set(links_on(page)) == emailed
    assert len(emailed) == 2
    assert links_on(owner_client.get(detail(owner, assessment)).text) == []  # shown once
    owner_client.post(status_url, {"change": "close"})
    owner_client.post(status_url, {"change": "open"})  # reopening shows nothing again
    assert links_on(owner_client.get(detail(owner, assessment)).text) == []
