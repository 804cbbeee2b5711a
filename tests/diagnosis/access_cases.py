"""Access matrix of the assessment pages and the questionnaire (see tests/access.py).

Managing assessments needs EDIT_STRATEGY (owner, consultant); every member may answer as
themselves; a personal link works for whoever holds it, logged in or not.
"""

from organisations.models import Person
from tests.access import MANAGERS, MEMBER_ROLES, Case, World, everyone, organisation_page

from .factories import AssessmentFactory, RespondentFactory
from .helpers import pulse_framework, respondent_with_link


def assessment(world: World) -> dict:
    return {"pk": AssessmentFactory(organisation=world.organisation).pk}


def pulse_assessment(world: World) -> dict:
    # No 100-point split in this framework, so an empty questionnaire may be submitted.
    found = AssessmentFactory(organisation=world.organisation, framework_version=pulse_framework())
    return {"pk": found.pk}


def answering_assessment(world: World) -> dict:
    """An open assessment in which every member has pressed "Start" (has a respondent)."""
    found = AssessmentFactory(organisation=world.organisation)
    for role in MEMBER_ROLES:
        person = Person.objects.get(organisation=world.organisation, user=world.users[role.value])
        RespondentFactory(assessment=found, person=person)
    return {"pk": found.pk}


def foreign_assessment(world: World) -> dict:
    return {"pk": AssessmentFactory(organisation=world.other_organisation).pk}


def respondent(world: World) -> dict:
    found = RespondentFactory(assessment__organisation=world.organisation)
    return {"pk": found.assessment_id, "respondent_pk": found.pk}


def foreign_respondent(world: World) -> dict:
    found = RespondentFactory(assessment__organisation=world.other_organisation)
    return {"pk": found.assessment_id, "respondent_pk": found.pk}


def link(world: World, **fields) -> dict:
    _found, token = respondent_with_link(assessment__organisation=world.organisation, **fields)
    return {"org_slug": world.organisation.slug, "token": token}


def pulse_link(world: World) -> dict:
    return link(world, assessment__framework_version=pulse_framework())


def foreign_link(world: World) -> dict:
    # Another organisation's valid link, under this organisation's address.
    _found, token = respondent_with_link(assessment__organisation=world.other_organisation)
    return {"token": token}


def person_data(world: World) -> dict:
    leader = Person.objects.get(organisation=world.organisation, user=world.users["leader"])
    return {"person": leader.pk, "group": "leadership"}


ANSWER = {"item": "f1_1", "value": "4", "section": "2"}


def manager_page(**extra) -> Case:
    return organisation_page(allowed=MANAGERS, **extra)


def manager_post(kwargs, data=None, **extra) -> Case:
    return organisation_page(
        allowed=MANAGERS, ok=302, method="POST", kwargs=kwargs, data=data, **extra
    )


CASES: dict[str, Case] = {
    "diagnosis_index": organisation_page(),
    "assessment_create": manager_page(),
    "assessment_detail": manager_page(kwargs=assessment, foreign_kwargs=foreign_assessment),
    "assessment_edit": manager_page(kwargs=assessment, foreign_kwargs=foreign_assessment),
    "assessment_status": manager_post(
        assessment, lambda world: {"change": "close"}, foreign_kwargs=foreign_assessment
    ),
    "assessment_remind": manager_post(assessment, foreign_kwargs=foreign_assessment),
    "respondent_invite": manager_post(
        assessment,
        lambda world: {"email": "someone@example.org", "group": "ld"},
        foreign_kwargs=foreign_assessment,
    ),
    "respondent_add_person": manager_post(
        assessment, person_data, foreign_kwargs=foreign_assessment
    ),
    "respondent_revoke": manager_post(respondent, foreign_kwargs=foreign_respondent),
    "respondent_resend": manager_post(respondent, foreign_kwargs=foreign_respondent),
    # Every member may answer as themselves.
    "questionnaire_member_start": organisation_page(
        kwargs=assessment, foreign_kwargs=foreign_assessment
    ),
    "questionnaire_member_begin": organisation_page(
        ok=302, method="POST", kwargs=assessment, foreign_kwargs=foreign_assessment
    ),
    "questionnaire_member_section": organisation_page(
        kwargs=lambda world: answering_assessment(world) | {"number": 2},
        foreign_kwargs=foreign_assessment,
    ),
    "questionnaire_member_save": organisation_page(
        ok=302,
        method="POST",
        kwargs=assessment,
        data=lambda world: ANSWER,
        foreign_kwargs=foreign_assessment,
    ),
    "questionnaire_member_review": organisation_page(
        kwargs=answering_assessment, foreign_kwargs=foreign_assessment
    ),
    "questionnaire_member_submit": organisation_page(
        ok=302, method="POST", kwargs=pulse_assessment, foreign_kwargs=foreign_assessment
    ),
    # A personal link works for whoever holds it.
    "questionnaire_link_start": everyone(200, kwargs=link, foreign_kwargs=foreign_link),
    "questionnaire_link_section": everyone(
        200, kwargs=lambda world: link(world) | {"number": 1}, foreign_kwargs=foreign_link
    ),
    "questionnaire_link_save": everyone(
        302, "POST", kwargs=link, data=lambda world: ANSWER, foreign_kwargs=foreign_link
    ),
    "questionnaire_link_review": everyone(200, kwargs=link, foreign_kwargs=foreign_link),
    "questionnaire_link_submit": everyone(
        302, "POST", kwargs=pulse_link, foreign_kwargs=foreign_link
    ),
}
