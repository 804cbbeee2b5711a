"""The owner's side: creating, editing, opening and closing assessments; inviting respondents."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from diagnosis import services
from diagnosis.models import (
    Assessment,
    AssessmentStatus,
    Respondent,
    RespondentGroup,
)
from maturity.models import FrameworkVersion
from maturity.services import default_framework_version
from organisations.models import Person, Role, hash_token
from tests.factories import MembershipFactory, PersonFactory, person_of

from .factories import AnswerFactory, AssessmentFactory, RespondentFactory
from .helpers import pulse_framework

pytestmark = pytest.mark.django_db

LINK = re.compile(r"/respond/([A-Za-z0-9_-]+)/")


@pytest.fixture
def owner(default_framework):
    return MembershipFactory(role=Role.OWNER)


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner.user)
    return client


def url(name: str, organisation, *args) -> str:
    return reverse(name, args=[organisation.slug, *args])


def token_in(message) -> str:
    return LINK.search(message.body).group(1)


# --- Create, edit, open, close ----------------------------------------------------------------


def test_an_owner_creates_a_draft_assessment_on_the_default_framework(owner_client, owner):
    form = owner_client.get(url("assessment_create", owner.organisation))
    assert form.context["form"].initial["framework_version"] == default_framework_version()
    response = owner_client.post(
        url("assessment_create", owner.organisation),
        {
            "title": "Diagnostic round 2026",
            "period": "2026",
            "closes_on": (timezone.localdate() + timedelta(days=21)).isoformat(),
            "groups": ["leadership", "ld"],
            "anonymous": "False",
            "anonymity_threshold": "4",
            "framework_version": default_framework_version().pk,
            "send_reminders": "on",
        },
    )
    assessment = Assessment.objects.get()
    assert response.url == url("assessment_detail", owner.organisation, assessment.pk)
    assert assessment.organisation == owner.organisation
    assert assessment.status == AssessmentStatus.DRAFT
    assert assessment.groups == ["ld", "leadership"]
    assert assessment.anonymous is False
    assert assessment.anonymity_threshold == 4
    assert assessment.created_by == owner.user


def test_on_a_fresh_install_the_built_in_framework_is_imported_when_the_round_is_created(client):
    owner = MembershipFactory(role=Role.OWNER)  # no framework stored yet
    client.force_login(owner.user)
    form = client.get(url("assessment_create", owner.organisation))
    assert 'value="" selected>L&amp;D strategy diagnostic (v1)</option>' in form.text
    assert not FrameworkVersion.objects.exists()
    response = client.post(
        url("assessment_create", owner.organisation),
        {
            "title": "Diagnostic round 2026",
            "period": "2026",
            "groups": ["ld"],
            "anonymous": "True",
            "anonymity_threshold": "3",
            "framework_version": "",
        },
    )
    assessment = Assessment.objects.get()
    assert response.url == url("assessment_detail", owner.organisation, assessment.pk)
    assert assessment.framework_version == default_framework_version()


def test_an_anonymity_threshold_below_three_is_refused_next_to_the_field(owner_client, owner):
    response = owner_client.post(
        url("assessment_create", owner.organisation),
        {
            "title": "Round of two",
            "groups": ["leadership"],
            "anonymous": "True",
            "anonymity_threshold": "2",
            "framework_version": default_framework_version().pk,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["anonymity_threshold"]
    assert "Round of two" in response.text
    assert not Assessment.objects.exists()


def test_the_round_page_says_from_how_many_responses_results_are_shown(owner_client, owner):
    assessment = AssessmentFactory(organisation=owner.organisation, anonymity_threshold=5)
    page = owner_client.get(url("assessment_detail", owner.organisation, assessment.pk))
    assert "results shown from 5 responses" in page.text


def test_a_form_with_mistakes_keeps_what_was_typed_and_explains(owner_client, owner):
    response = owner_client.post(
        url("assessment_create", owner.organisation),
        {
            "title": "Round with a past date",
            "closes_on": "2001-01-01",
            "framework_version": default_framework_version().pk,
            "anonymous": "True",
        },
    )
    assert response.status_code == 200
    assert "Round with a past date" in response.text
    assert "Choose today or a later date." in response.text
    assert "This field is required." in response.text  # no group chosen
    assert not Assessment.objects.exists()


def test_the_framework_is_fixed_once_someone_has_answered(owner_client, owner):
    assessment = AssessmentFactory(organisation=owner.organisation)
    AnswerFactory(respondent__assessment=assessment)
    page = owner_client.get(url("assessment_edit", owner.organisation, assessment.pk))
    assert page.context["form"].fields["framework_version"].disabled
    assessment.framework_version = pulse_framework()
    with pytest.raises(ValidationError):
        services.assessment_update(assessment, ["framework_version"])
    assessment.refresh_from_db()
    assert assessment.framework_version == default_framework_version()


def test_moving_the_closing_date_moves_the_expiry_of_open_links(owner, default_framework):
    assessment = AssessmentFactory(organisation=owner.organisation)
    respondent = RespondentFactory(assessment=assessment)
    services.respondent_issue_token(respondent)
    assessment.closes_on = timezone.localdate() + timedelta(days=60)
    services.assessment_update(assessment, ["closes_on"])
    respondent.refresh_from_db()
    expires = timezone.localtime(respondent.token_expires_at)
    assert expires.date() == assessment.closes_on + timedelta(days=1)


def test_a_link_expires_at_the_closing_date_or_after_30_days(default_framework):
    now = timezone.now()
    no_date = AssessmentFactory(closes_on=None)
    assert services.link_expiry(no_date, now) == now + timedelta(days=30)
    dated = AssessmentFactory(closes_on=timezone.localdate() + timedelta(days=45))
    assert services.link_expiry(dated, now).date() == dated.closes_on + timedelta(days=1)


def test_opening_closing_and_reopening(owner_client, owner):
    assessment = AssessmentFactory(organisation=owner.organisation, status=AssessmentStatus.DRAFT)
    status_url = url("assessment_status", owner.organisation, assessment.pk)
    owner_client.post(status_url, {"change": "open"})
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.OPEN
    opened_at = assessment.opened_at
    owner_client.post(status_url, {"change": "close"})
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.CLOSED
    assert assessment.closed_at is not None
    owner_client.post(status_url, {"change": "open"})
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.OPEN
    assert assessment.opened_at == opened_at
    assert assessment.closed_at is None
    assert owner_client.post(status_url, {"change": "delete"}).status_code == 400


def test_an_assessment_past_its_closing_date_cannot_reopen(owner, default_framework):
    assessment = AssessmentFactory(
        organisation=owner.organisation,
        status=AssessmentStatus.CLOSED,
        closes_on=timezone.localdate() - timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        services.assessment_open(assessment)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.CLOSED


# --- The list ---------------------------------------------------------------------------------


def test_the_index_says_what_to_do_when_there_is_no_assessment(client, owner):
    client.force_login(owner.user)
    page = client.get(url("diagnosis_index", owner.organisation)).text
    assert "Create the first assessment" in page
    viewer = MembershipFactory(organisation=owner.organisation, role=Role.VIEWER)
    client.force_login(viewer.user)
    page = client.get(url("diagnosis_index", owner.organisation)).text
    assert "Create the first assessment" not in page
    assert "When the L&D leader opens an assessment" in page


def test_the_index_lists_only_this_organisations_assessments_with_their_rate(
    owner_client, owner, django_assert_max_num_queries
):
    ours = AssessmentFactory(organisation=owner.organisation, title="Our round")
    AssessmentFactory(title="Someone else's round")
    RespondentFactory(assessment=ours, submitted_at=timezone.now())
    RespondentFactory(assessment=ours)
    RespondentFactory(assessment=ours, revoked_at=timezone.now())  # withdrawn: not counted
    with django_assert_max_num_queries(7):
        page = owner_client.get(url("diagnosis_index", owner.organisation)).text
    assert "Our round" in page
    assert "Someone else" not in page
    assert "1 of 2 submitted" in page
    for _ in range(5):
        AssessmentFactory(organisation=owner.organisation)
    with django_assert_max_num_queries(7):
        owner_client.get(url("diagnosis_index", owner.organisation))


# --- Respondents ------------------------------------------------------------------------------


def test_inviting_to_an_open_assessment_emails_a_personal_link_stored_only_as_a_hash(
    owner_client, owner, django_capture_on_commit_callbacks
):
    assessment = AssessmentFactory(organisation=owner.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(
            url("respondent_invite", owner.organisation, assessment.pk),
            {"name": "Ada Janssen", "email": "Ada@Example.org", "group": "leadership"},
        )
    assert response.status_code == 302
    respondent = Respondent.objects.get()
    assert (respondent.person.email, respondent.group) == ("ada@example.org", "leadership")
    assert respondent.person.name == "Ada Janssen"
    assert len(mail.outbox) == 1
    token = token_in(mail.outbox[0])
    assert len(token) >= 22  # at least 128 bits
    assert respondent.token_hash == hash_token(token)
    assert token not in str(Respondent.objects.values_list().get())
    assert respondent.invited_at is not None
    assert respondent.token_expires_at > timezone.now()


def test_people_added_to_a_draft_are_invited_when_it_opens(
    owner, django_capture_on_commit_callbacks
):
    assessment = AssessmentFactory(organisation=owner.organisation, status=AssessmentStatus.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        services.respondent_invite(
            assessment=assessment, email="a@example.org", name="A", group="ld"
        )
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_open(assessment)
    assert [message.to for message in mail.outbox] == [["a@example.org"]]


def test_inviting_a_members_address_asks_the_member_to_answer_as_themselves(
    owner, django_capture_on_commit_callbacks
):
    assessment = AssessmentFactory(organisation=owner.organisation)
    leader = MembershipFactory(organisation=owner.organisation, role=Role.LEADER)
    with django_capture_on_commit_callbacks(execute=True):
        respondent = services.respondent_invite(
            assessment=assessment, email=leader.user.email.upper(), name="", group="leadership"
        )
    assert respondent.person.user == leader.user
    assert Person.objects.filter(organisation=owner.organisation, user=leader.user).count() == 1
    assert respondent.token_hash is None
    assert "/answer/" in mail.outbox[0].body
    assert "/respond/" not in mail.outbox[0].body


def test_an_invitation_is_refused_twice_or_for_a_group_not_taking_part(owner, default_framework):
    assessment = AssessmentFactory(organisation=owner.organisation, groups=["leadership"])
    services.respondent_invite(
        assessment=assessment, email="a@example.org", name="", group="leadership"
    )
    with pytest.raises(ValidationError):
        services.respondent_invite(
            assessment=assessment, email="A@example.org", name="", group="leadership"
        )
    with pytest.raises(ValidationError):
        services.respondent_invite(
            assessment=assessment, email="b@example.org", name="", group="ld"
        )
    assert Respondent.objects.count() == 1


def test_the_invite_form_shows_its_errors_on_the_page(owner_client, owner):
    assessment = AssessmentFactory(organisation=owner.organisation)
    response = owner_client.post(
        url("respondent_invite", owner.organisation, assessment.pk),
        {"name": "No Address", "email": "not-an-email", "group": "leadership"},
    )
    assert response.status_code == 200
    assert "Enter a valid email address." in response.text
    assert "No Address" in response.text


def test_the_owner_asks_someone_on_the_roster_in_a_group_of_their_choice(owner_client, owner):
    assessment = AssessmentFactory(organisation=owner.organisation)
    leader = MembershipFactory(organisation=owner.organisation, role=Role.LEADER)
    owner_client.post(
        url("respondent_add_person", owner.organisation, assessment.pk),
        {"person": person_of(leader.user, owner.organisation).pk, "group": "ld"},
    )
    assert Respondent.objects.get(person__user=leader.user).group == RespondentGroup.LD


def test_someone_of_another_organisation_cannot_be_asked(owner_client, owner):
    assessment = AssessmentFactory(organisation=owner.organisation)
    stranger = PersonFactory()
    response = owner_client.post(
        url("respondent_add_person", owner.organisation, assessment.pk),
        {"person": stranger.pk, "group": "ld"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Respondent.objects.exists()


def test_asking_someone_already_in_the_round_is_refused_with_a_clear_message(owner_client, owner):
    assessment = AssessmentFactory(organisation=owner.organisation)
    respondent = RespondentFactory(assessment=assessment, person__name="Ada Janssen")
    response = owner_client.post(
        url("respondent_invite", owner.organisation, assessment.pk),
        {"name": "Ada", "email": respondent.person.email.upper(), "group": "leadership"},
    )
    assert response.status_code == 200
    assert "This person is asked to answer this round already." in response.text
    assert Respondent.objects.count() == 1


def test_withdrawing_a_link_stops_it_and_resending_issues_a_new_one(
    owner_client, owner, client, django_capture_on_commit_callbacks
):
    assessment = AssessmentFactory(organisation=owner.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        respondent = services.respondent_invite(
            assessment=assessment, email="a@example.org", name="", group="ld"
        )
    first = token_in(mail.outbox[0])
    owner_client.post(url("respondent_revoke", owner.organisation, assessment.pk, respondent.pk))
    link = reverse("questionnaire_link_start", args=[owner.organisation.slug, first])
    assert owner_client.get(link).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(
            url("respondent_resend", owner.organisation, assessment.pk, respondent.pk)
        )
    second = token_in(mail.outbox[1])
    assert second != first
    assert owner_client.get(link).status_code == 404
    assert (
        owner_client.get(
            reverse("questionnaire_link_start", args=[owner.organisation.slug, second])
        ).status_code
        == 200
    )


def test_a_respondent_of_another_assessment_cannot_be_withdrawn_through_this_one(
    owner_client, owner
):
    ours = AssessmentFactory(organisation=owner.organisation)
    other = RespondentFactory(assessment__organisation=owner.organisation)
    response = owner_client.post(url("respondent_revoke", owner.organisation, ours.pk, other.pk))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


# --- Status and response rates ----------------------------------------------------------------


def test_each_respondent_has_a_status(default_framework):
    now = timezone.now()
    status = services.respondent_status
    assert status(RespondentFactory.build(submitted_at=now), now) == "submitted"
    assert status(RespondentFactory.build(revoked_at=now), now) == "revoked"
    expired = RespondentFactory.build(token_expires_at=now - timedelta(seconds=1))
    assert status(expired, now) == "expired"
    assert status(RespondentFactory.build(started_at=now), now) == "in_progress"
    assert status(RespondentFactory.build(invited_at=now), now) == "invited"
    assert status(RespondentFactory.build(), now) == "not_sent"


def test_the_response_rate_per_group_is_one_aggregate_query(
    owner, django_assert_num_queries, default_framework
):
    assessment = AssessmentFactory(
        organisation=owner.organisation, groups=["ld", "leadership", "staff"]
    )
    now = timezone.now()
    RespondentFactory(assessment=assessment, group="ld", submitted_at=now)
    RespondentFactory(assessment=assessment, group="leadership", submitted_at=now)
    RespondentFactory(assessment=assessment, group="leadership", started_at=now)
    RespondentFactory(assessment=assessment, group="leadership")
    RespondentFactory(assessment=assessment, group="leadership", revoked_at=now)
    RespondentFactory(assessment=assessment, group="other", submitted_at=now, revoked_at=now)
    with django_assert_num_queries(1):
        overall, groups = services.response_rates(assessment)
    table = {rate.group: (rate.submitted, rate.in_progress, rate.asked) for rate in groups}
    assert table == {
        "ld": (1, 0, 1),
        "leadership": (1, 1, 3),
        "staff": (0, 0, 0),
        "other": (1, 0, 1),  # not a chosen group, but someone answered in it
    }
    assert (overall.submitted, overall.asked, overall.percent) == (3, 5, 60)


def test_the_owner_sees_invite_status_reminders_and_rates(
    owner_client, owner, django_assert_max_num_queries
):
    assessment = AssessmentFactory(organisation=owner.organisation)
    RespondentFactory(assessment=assessment, person__name="Ada", submitted_at=timezone.now())
    RespondentFactory(
        assessment=assessment,
        person__name="Bo",
        invited_at=timezone.now(),
        reminder_count=2,
        reminded_at=timezone.now(),
    )
    detail = url("assessment_detail", owner.organisation, assessment.pk)
    with django_assert_max_num_queries(12):
        page = owner_client.get(detail).text
    assert "Response rate" in page
    assert "50%" in page
    assert "Submitted" in page
    assert "Invited" in page
    for _ in range(10):
        RespondentFactory(assessment=assessment, invited_at=timezone.now())
    with django_assert_max_num_queries(12):
        owner_client.get(detail)


def test_the_response_rate_counts_one_person_in_the_singular_and_more_in_the_plural(
    owner_client, owner
):
    assessment = AssessmentFactory(organisation=owner.organisation)
    RespondentFactory(assessment=assessment, submitted_at=timezone.now())
    detail = url("assessment_detail", owner.organisation, assessment.pk)
    page = owner_client.get(detail).text
    assert "1 of 1 person submitted" in page
    assert "1 people" not in page
    RespondentFactory(assessment=assessment)
    assert "1 of 2 people submitted" in owner_client.get(detail).text


def test_a_reminder_to_two_people_is_counted_in_the_plural(
    owner_client, owner, django_capture_on_commit_callbacks
):
    assessment = AssessmentFactory(organisation=owner.organisation, status=AssessmentStatus.OPEN)
    long_ago = timezone.now() - timedelta(days=5)
    RespondentFactory.create_batch(2, assessment=assessment, invited_at=long_ago)
    remind = url("assessment_remind", owner.organisation, assessment.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(remind, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Reminders are on their way to 2 people."
    ]


def confirmation(page: str, action: str) -> str | None:
    """The question the browser asks before the form posting to `action` is sent."""
    form = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>', page)
    assert form, action
    question = re.search(r'hx-confirm="([^"]*)"', form.group(0))
    return question and question.group(1)


def test_closing_an_assessment_and_withdrawing_a_link_ask_for_confirmation_first(
    owner_client, owner
):
    assessment = AssessmentFactory(organisation=owner.organisation, status=AssessmentStatus.OPEN)
    respondent = RespondentFactory(assessment=assessment, person__name="Ada Lovelace")
    page = owner_client.get(url("assessment_detail", owner.organisation, assessment.pk)).text
    status_url = url("assessment_status", owner.organisation, assessment.pk)
    assert confirmation(page, status_url) == (
        "Close this assessment? Nobody can change their answers until you reopen it."
    )
    revoke_url = url("respondent_revoke", owner.organisation, assessment.pk, respondent.pk)
    assert confirmation(page, revoke_url).startswith("Withdraw the link of Ada Lovelace?")
    # Opening needs no second thought.
    assessment.status, assessment.opened_at = AssessmentStatus.CLOSED, timezone.now()
    assessment.save(update_fields=["status", "opened_at"])
    page = owner_client.get(url("assessment_detail", owner.organisation, assessment.pk)).text
    assert "Reopen assessment" in page
    assert confirmation(page, status_url) is None


def test_a_confirmed_close_reloads_the_round_page_and_says_it_is_closed(owner_client, owner):
    assessment = AssessmentFactory(organisation=owner.organisation, status=AssessmentStatus.OPEN)
    status_url = url("assessment_status", owner.organisation, assessment.pk)
    detail = url("assessment_detail", owner.organisation, assessment.pk)
    response = owner_client.post(status_url, {"change": "close"}, headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == detail
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.CLOSED
    assert "Assessment closed. Answers are now read-only." in owner_client.get(detail).text
    # Without scripts the form still works, as a plain post and redirect.
    no_script = owner_client.post(status_url, {"change": "open"})
    assert (no_script.status_code, no_script["Location"]) == (302, detail)


def test_a_confirmed_withdrawal_reloads_the_round_page_with_the_link_withdrawn(owner_client, owner):
    assessment = AssessmentFactory(organisation=owner.organisation, status=AssessmentStatus.OPEN)
    respondent = RespondentFactory(assessment=assessment, person__name="Ada Lovelace")
    revoke_url = url("respondent_revoke", owner.organisation, assessment.pk, respondent.pk)
    response = owner_client.post(revoke_url, headers={"HX-Request": "true"})
    detail = url("assessment_detail", owner.organisation, assessment.pk)
    assert response["HX-Redirect"] == detail
    respondent.refresh_from_db()
    assert respondent.revoked_at is not None
    assert "The link of Ada Lovelace no longer works." in owner_client.get(detail).text
