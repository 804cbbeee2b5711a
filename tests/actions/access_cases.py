from actions.models import GapCause, LearningMode, LearningOpportunity, StandardProcess
from organisations.models import Role
from tests.access import MANAGERS, Case, organisation_page
from tests.actions.factories import ActionFactory, PerformanceGapFactory
from tests.factories import person_of

# Who may update progress: managers on any action, a leader on the actions they own.
PROGRESS = (Role.OWNER, Role.CONSULTANT, Role.LEADER)


def leaders_action(world) -> dict:
    """An action owned by the world's leader, so the leader's own-action rule applies."""
    owner = person_of(world.users["leader"], world.organisation)
    return {"pk": ActionFactory(organisation=world.organisation, owner=owner).pk}


def foreign_action(world) -> dict:
    return {"pk": ActionFactory(organisation=world.other_organisation).pk}


def gap(cause=GapCause.PROCESS, drivers="Process and tools."):
    def build(world) -> dict:
        return {
            "pk": PerformanceGapFactory(
                organisation=world.organisation, cause=cause, drivers=drivers
            ).pk
        }

    return build


def foreign_gap(world) -> dict:
    return {"pk": PerformanceGapFactory(organisation=world.other_organisation).pk}


def opportunity(organisation) -> dict:
    item = LearningOpportunity.objects.create(
        organisation=organisation, mode=LearningMode.AT_WORK, title="Shadowing planners"
    )
    return {"pk": item.pk}


def process(organisation) -> dict:
    item = StandardProcess.objects.create(
        organisation=organisation, name="Onboarding drivers", approach="automate"
    )
    return {"pk": item.pk}


def managers(ok=200, method="GET", **extra) -> Case:
    return organisation_page(allowed=MANAGERS, ok=ok, method=method, **extra)


CASES: dict[str, Case] = {
    "actions_index": organisation_page(),
    "vision_edit": managers(),
    "action_list": organisation_page(),
    "action_create": managers(),
    # Every member sees the actions they own (possibly none).
    "my_actions": organisation_page(),
    "action_detail": organisation_page(kwargs=leaders_action, foreign_kwargs=foreign_action),
    "action_edit": managers(kwargs=leaders_action, foreign_kwargs=foreign_action),
    "action_progress": organisation_page(
        allowed=PROGRESS, kwargs=leaders_action, foreign_kwargs=foreign_action
    ),
    "roadmap": organisation_page(),
    "accountability_matrix": organisation_page(),
    "coherence_check": organisation_page(),
    "gap_list": organisation_page(),
    "gap_create": managers(),
    "gap_detail": organisation_page(kwargs=gap(), foreign_kwargs=foreign_gap),
    "gap_outcome": managers(kwargs=gap(), foreign_kwargs=foreign_gap),
    "gap_drivers": managers(kwargs=gap(), foreign_kwargs=foreign_gap),
    "gap_cause": managers(kwargs=gap(), foreign_kwargs=foreign_gap),
    "gap_recommend": managers(kwargs=gap(), foreign_kwargs=foreign_gap),
    "opportunity_list": organisation_page(),
    "opportunity_create": managers(),
    "opportunity_edit": managers(
        kwargs=lambda world: opportunity(world.organisation),
        foreign_kwargs=lambda world: opportunity(world.other_organisation),
    ),
    "opportunity_delete": managers(
        ok=302,
        method="POST",
        kwargs=lambda world: opportunity(world.organisation),
        foreign_kwargs=lambda world: opportunity(world.other_organisation),
    ),
    "process_list": organisation_page(),
    "process_create": managers(),
    "process_edit": managers(
        kwargs=lambda world: process(world.organisation),
        foreign_kwargs=lambda world: process(world.other_organisation),
    ),
    "process_delete": managers(
        ok=302,
        method="POST",
        kwargs=lambda world: process(world.organisation),
        foreign_kwargs=lambda world: process(world.other_organisation),
    ),
}
