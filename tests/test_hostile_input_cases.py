"""Each hostile input of issue 16 (item 4 and the challenge delete of item 10) with its payload:
refused with a message next to the field, or ignored, never a server error."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actions.models import Action
from diagnosis.models import Assessment, KeyChallenge, TextAnswer
from maturity.models import Question
from organisations.models import Role
from policy.models import Policy
from tests.actions.factories import ActionFactory, PerformanceGapFactory
from tests.diagnosis.factories import AssessmentFactory, KeyChallengeFactory, RespondentFactory
from tests.diagnosis.helpers import respondent_with_link
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

HUGE_ID = "9" * 5000
OVERFLOWING_ID = "99999999999999999999999999"


@pytest.fixture
def owner(client, default_framework):
    membership = MembershipFactory(role=Role.OWNER)
    client.force_login(membership.user)
    return membership


def url(name: str, owner, *args) -> str:
    return reverse(name, args=[owner.organisation.slug, *args])


def test_a_policy_naming_a_challenge_id_past_64_bits_is_refused_next_to_the_field(client, owner):
    KeyChallengeFactory(organisation=owner.organisation)
    response = client.post(
        url("policy_create", owner),
        {"statement": "We learn in the flow of work.", "challenges": OVERFLOWING_ID},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["challenges"] == [
        f"“{OVERFLOWING_ID}” is not a valid value."
    ]
    assert not Policy.objects.exists()


def test_a_policy_naming_its_own_challenge_is_saved(client, owner):
    challenge = KeyChallengeFactory(organisation=owner.organisation)
    response = client.post(
        url("policy_create", owner),
        {
            "statement": "We learn in the flow of work.",
            "rationale": "Courses alone change little.",
            "challenges": str(challenge.pk),
        },
    )
    assert response.status_code == 302
    assert list(Policy.objects.get().challenges.all()) == [challenge]


@pytest.mark.parametrize(
    ("closes_on", "message"),
    [("9999-12-31", "Give a date before 2101."), ("0001-01-01", "Choose today or a later date.")],
)
def test_a_closing_date_out_of_range_is_refused_next_to_the_field(
    client, owner, closes_on, message
):
    assessment = AssessmentFactory(organisation=owner.organisation)
    RespondentFactory(assessment=assessment)
    response = client.post(
        url("assessment_edit", owner, assessment.pk),
        {
            "title": assessment.title,
            "closes_on": closes_on,
            "groups": assessment.groups,
            "anonymous": "True",
            "anonymity_threshold": "3",
            "framework_version": assessment.framework_version_id,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["closes_on"] == [message]
    assessment.refresh_from_db()
    assert assessment.closes_on is None


def test_the_model_refuses_a_closing_date_after_2100_and_keeps_one_within():
    others = [field.name for field in Assessment._meta.fields if field.name != "closes_on"]
    with pytest.raises(ValidationError) as refused:
        Assessment(closes_on=date(9999, 12, 31)).clean_fields(exclude=others)
    assert refused.value.message_dict == {"closes_on": ["Give a date before 2101."]}
    Assessment(closes_on=date(2100, 12, 31)).clean_fields(exclude=others)  # no error


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("effort_days", OVERFLOWING_ID, "Ensure this value is less than or equal to 36500."),
        ("start_date", "0001-01-01", "Give a date in 2000 or later."),
        ("end_date", "9999-12-31", "Give a date before 2101."),
        ("start_date", "2026-02-30", "Enter a valid date."),
    ],
)
def test_an_action_number_or_date_out_of_range_is_refused_next_to_the_field(
    client, owner, field, value, message
):
    action = ActionFactory(organisation=owner.organisation)
    page = client.get(url("action_edit", owner, action.pk))
    body = {
        name: page.context["form"][name].value()
        for name in page.context["form"].fields
        if page.context["form"][name].value() is not None
    }
    response = client.post(url("action_edit", owner, action.pk), body | {field: value})
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert Action.objects.get().effort_days == action.effort_days


@pytest.mark.parametrize("raw", [HUGE_ID, OVERFLOWING_ID, "²"])
def test_an_action_page_ignores_a_gap_id_that_is_no_id(client, owner, raw):
    response = client.get(url("action_create", owner), {"gap": raw})
    assert response.status_code == 200
    assert not response.context["form"].initial.get("metric_name")


def test_an_action_page_prefills_from_a_gap_id_of_the_organisation(client, owner):
    gap = PerformanceGapFactory(organisation=owner.organisation, cause="learning")
    response = client.get(url("action_create", owner), {"gap": str(gap.pk)})
    assert response.context["form"].initial["metric_name"] == gap.metric_name


@pytest.mark.parametrize("raw", [HUGE_ID, OVERFLOWING_ID, "²"])
def test_a_policy_page_ignores_a_challenge_id_that_is_no_id(client, owner, raw):
    response = client.get(url("policy_create", owner), {"challenge": raw})
    assert response.status_code == 200
    assert "challenges" not in response.context["form"].initial


def test_a_policy_page_preselects_a_challenge_of_the_organisation(client, owner):
    challenge = KeyChallengeFactory(organisation=owner.organisation)
    response = client.get(url("policy_create", owner), {"challenge": str(challenge.pk)})
    assert response.context["form"].initial["challenges"] == [challenge.pk]


@pytest.mark.parametrize("assessment", ["nonsense", HUGE_ID, OVERFLOWING_ID])
def test_deleting_a_challenge_with_a_bad_assessment_answers_404_and_keeps_it(
    client, owner, assessment
):
    challenge = KeyChallengeFactory(organisation=owner.organisation)
    response = client.post(
        url("workspace_challenge_delete", owner, challenge.pk), {"assessment": assessment}
    )
    assert response.status_code == 404
    assert KeyChallenge.objects.filter(pk=challenge.pk).exists()


def test_deleting_a_challenge_with_its_assessment_deletes_it(client, owner):
    assessment = AssessmentFactory(organisation=owner.organisation)
    challenge = KeyChallengeFactory(organisation=owner.organisation, assessment=assessment)
    response = client.post(
        url("workspace_challenge_delete", owner, challenge.pk),
        {"assessment": challenge.assessment_id},
    )
    assert response.status_code == 302
    assert not KeyChallenge.objects.filter(pk=challenge.pk).exists()


def test_a_free_text_answer_with_nul_is_refused_with_a_message(client, default_framework):
    respondent, token = respondent_with_link(assessment__framework_version=default_framework)
    question = Question.objects.filter(version=default_framework).first()
    save = reverse("questionnaire_link_save", args=[respondent.assessment.organisation.slug, token])
    refused = client.post(
        save, {"question": question.code, "text": "a\x00b"}, headers={"HX-Request": "true"}
    )
    assert refused.status_code == 400
    assert "Remove the null character from your answer." in refused.text
    assert not TextAnswer.objects.exists()
    saved = client.post(
        save, {"question": question.code, "text": "ab"}, headers={"HX-Request": "true"}
    )
    assert saved.status_code == 200
    assert TextAnswer.objects.get().text == "ab"


def test_a_form_field_with_nul_is_refused_next_to_the_field(client, owner):
    challenge = KeyChallengeFactory(organisation=owner.organisation)
    response = client.post(
        url("policy_create", owner), {"statement": "a\x00b", "challenges": str(challenge.pk)}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["statement"]
    assert "Null characters are not allowed." in errors
    assert not Policy.objects.exists()
