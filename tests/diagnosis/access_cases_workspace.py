"""Access to the diagnosis workspace: every member views; owners and consultants edit."""

from tests.access import MANAGERS, Case, World, organisation_page
from tests.diagnosis.factories import AssessmentFactory, KeyChallengeFactory, KnowledgeGapFactory


def _assessment(world: World) -> dict:
    return {"assessment_pk": AssessmentFactory(organisation=world.organisation).pk}


def _foreign_assessment(world: World) -> dict:
    return {"assessment_pk": AssessmentFactory(organisation=world.other_organisation).pk}


def _gap(world: World) -> dict:
    return {"pk": KnowledgeGapFactory(organisation=world.organisation).pk}


def _foreign_gap(world: World) -> dict:
    return {"pk": KnowledgeGapFactory(organisation=world.other_organisation).pk}


def _challenge(world: World) -> dict:
    assessment = AssessmentFactory(organisation=world.organisation)
    return {"pk": KeyChallengeFactory(organisation=world.organisation, assessment=assessment).pk}


def _foreign_challenge(world: World) -> dict:
    return {"pk": KeyChallengeFactory(organisation=world.other_organisation).pk}


def _gap_data(world: World) -> dict:
    return {
        "target_group": "Planners",
        "competence": "Scenario planning",
        "present_level": 2,
        "needed_level": 4,
        "approach": "build",
    }


def _challenge_data(world: World) -> dict:
    return {
        "assessment": AssessmentFactory(organisation=world.organisation).pk,
        "title": "Leaders do not agree on autonomy",
        "priority": 1,
        "dimension_codes": ["f4-autonomy"],
    }


def _edit(**extra) -> Case:
    """Owners and consultants only; a successful POST redirects."""
    return organisation_page(allowed=MANAGERS, **extra)


def _post(**extra) -> Case:
    return organisation_page(allowed=MANAGERS, ok=302, method="POST", **extra)


CASES: dict[str, Case] = {
    "workspace_results": organisation_page(kwargs=_assessment, foreign_kwargs=_foreign_assessment),
    "workspace_perspectives": organisation_page(
        kwargs=_assessment, foreign_kwargs=_foreign_assessment
    ),
    "workspace_gaps": organisation_page(),
    "workspace_gap_create": _post(data=_gap_data),
    "workspace_gap_edit": _edit(kwargs=_gap, foreign_kwargs=_foreign_gap),
    "workspace_gap_delete": _post(kwargs=_gap, foreign_kwargs=_foreign_gap),
    "workspace_challenges": organisation_page(),
    "workspace_challenge_create": _post(data=_challenge_data),
    "workspace_challenge_edit": _edit(kwargs=_challenge, foreign_kwargs=_foreign_challenge),
    "workspace_challenge_delete": _post(kwargs=_challenge, foreign_kwargs=_foreign_challenge),
    "workspace_challenge_move": _post(
        kwargs=_challenge, foreign_kwargs=_foreign_challenge, data=lambda world: {"direction": "up"}
    ),
}
