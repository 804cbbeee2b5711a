"""Load a strategy from the database into the plain dataclasses of `actions.strategy`.

`load_strategy` runs a constant number of queries whatever the size of the strategy, and
`coherence_report` adds the coherence check with library suggestions. The reports app reads
strategies through these two functions. `action_dimensions` gives the dimensions an action may
develop: those of the framework of the organisation's current round.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from diagnosis.models import KeyChallenge
from diagnosis.selectors import assessment_for_workspace
from diagnosis.services import default_framework_stored
from maturity.framework_files import DEFAULT_FRAMEWORK_CODE
from maturity.models import Dimension, FrameworkVersion, translated
from maturity.scoring import SCORED_KINDS
from organisations.models import Organisation, Person, RespondentGroup, Role
from policy.library import LIBRARY
from policy.models import Policy, PolicyStatus

from . import coherence
from .diagnosis_inputs import DiagnosisInputs, diagnosis_inputs
from .dimensions import ActionDimensions, DimensionOption, default_action_dimensions
from .ideas import IDEAS
from .models import Action, Feature, Vision
from .strategy import ActionItem, Challenge, Leader, PolicyItem, Strategy

ACCOUNTABLE_ROLES = (Role.OWNER, Role.LEADER, Role.CONSULTANT)


ACCOUNTABLE_GROUPS = (RespondentGroup.LD, RespondentGroup.LEADERSHIP)


def display_name(person: Person | None) -> str:
    return (person.name or person.email) if person else ""


def accountable_people(
    organisation: Organisation, *, also: Q | None = None, whole_teams: bool = True
) -> QuerySet[Person]:
    """People who may answer for actions: members who may edit or own actions and, with
    `whole_teams`, everyone of the roster's L&D and leadership teams (with or without a login).
    `also` adds more people, such as those who own an action today."""
    accountable = Q(
        user__memberships__organisation=organisation,
        user__memberships__role__in=ACCOUNTABLE_ROLES,
    )
    if whole_teams:
        accountable |= Q(group__in=ACCOUNTABLE_GROUPS)
    if also is not None:
        accountable |= also
    return (
        Person.objects.filter(accountable, organisation=organisation)
        .distinct()
        .order_by("name", "email", "pk")
    )


def is_default_framework(version: FrameworkVersion) -> bool:
    """Whether ``version`` belongs to the built-in default framework (an organisation's or a
    practice's framework of the same code never counts)."""
    framework = version.framework
    return framework.is_built_in and framework.code == DEFAULT_FRAMEWORK_CODE


def version_action_dimensions(version: FrameworkVersion) -> ActionDimensions:
    """The dimensions of ``version`` an action may develop: the scored ones and those needing an
    owner, in framework order, names in the active language (one query). The default framework
    keeps its six numbered feature names."""
    default = is_default_framework(version)
    features = {code: str(label) for code, label in Feature.choices} if default else {}
    rows = (
        Dimension.objects.filter(version=version)
        .filter(Q(kind__in=SCORED_KINDS) | Q(needs_owner=True))
        .select_related("block")
        .order_by("section__position", "position")
    )
    options = tuple(
        DimensionOption(
            dimension.code,
            features.get(dimension.code) or translated(dimension.name) or dimension.code,
            block=translated(dimension.block.name) if dimension.block else "",
            needs_owner=dimension.needs_owner,
        )
        for dimension in rows  # a framework's handful of dimensions
    )
    return ActionDimensions(options, default_framework=default)


def action_dimensions(*, organisation: Organisation) -> ActionDimensions:
    """The dimensions ``organisation``'s actions develop: those of the framework of its current
    round (`diagnosis.selectors.assessment_for_workspace`: the current round, else before any
    results the newest opened round, else the newest draft); without any round, the stored
    default framework, else its six features. Never imports (GETs); two queries at most."""
    assessment = assessment_for_workspace(organisation=organisation)
    version = assessment.framework_version if assessment else default_framework_stored()
    if version is None:
        return default_action_dimensions()
    return version_action_dimensions(version)


def load_strategy(
    organisation: Organisation,
    *,
    today: date | None = None,
    inputs: DiagnosisInputs | None = None,
    dimensions: ActionDimensions | None = None,
) -> Strategy:
    challenges = tuple(
        Challenge(row["pk"], row["title"], tuple(row["dimension_codes"] or ()), row["priority"])
        for row in KeyChallenge.objects.filter(organisation=organisation).values(
            "pk", "title", "dimension_codes", "priority"
        )
    )
    links: dict[int, list[int]] = {}
    for policy_id, challenge_id in Policy.challenges.through.objects.filter(
        policy__organisation=organisation
    ).values_list("policy_id", "keychallenge_id"):
        links.setdefault(policy_id, []).append(challenge_id)
    policies = tuple(
        PolicyItem(
            policy.pk,
            policy.statement,
            tuple(sorted(links.get(policy.pk, ()))),
            agreed=policy.status == PolicyStatus.AGREED,
            retired=policy.retired_at is not None,
            source_code=policy.source_code,
        )
        for policy in Policy.objects.filter(organisation=organisation).only(
            "pk", "statement", "status", "retired_at", "source_code", "position"
        )
    )
    leaders = tuple(
        Leader(person.pk, display_name(person))
        # The accountability matrix: members who lead, and whoever owns an action.
        for person in accountable_people(
            organisation, also=Q(owned_actions__isnull=False), whole_teams=False
        )
    )
    leader_ids = {leader.id for leader in leaders}
    actions = tuple(
        ActionItem(
            id=action.pk,
            title=action.title,
            policy_id=action.policy_id,
            owner_id=action.owner_id if action.owner_id in leader_ids else None,
            owner_name=display_name(action.owner),
            quadrant=action.quadrant,
            horizon=action.horizon,
            dimensions=tuple(action.dimensions or ()),
            work_type=action.work_type,
            start=action.start_date,
            end=action.end_date,
            effort_days=action.effort_days,
            status=action.status,
            has_metric=action.has_metric,
        )
        for action in Action.objects.filter(organisation=organisation)
        .select_related("owner")
        .order_by("start_date", "pk")
    )
    vision = Vision.objects.filter(organisation=organisation).values_list("statement", flat=True)
    inputs = inputs if inputs is not None else diagnosis_inputs(organisation)
    dimensions = (
        dimensions if dimensions is not None else action_dimensions(organisation=organisation)
    )
    names = dimensions.names | dict(inputs.dimension_names)
    return Strategy(
        org_slug=organisation.slug,
        today=today or timezone.localdate(),
        challenges=challenges,
        policies=policies,
        actions=actions,
        leaders=leaders,
        vision=next(iter(vision), ""),
        desired_quadrants=inputs.desired_quadrants,
        weakest_dimensions=tuple(inputs.weakest_dimensions),
        dimension_names=names,
        owned_dimensions=dimensions.owned,
        default_framework=dimensions.default_framework,
    )


def library_sources() -> tuple[coherence.SuggestionSource, ...]:
    return tuple(
        coherence.SuggestionSource(entry.code, entry.statement, entry.dimension_codes)
        for entry in LIBRARY
    )


def idea_sources() -> tuple[coherence.SuggestionSource, ...]:
    return tuple(
        coherence.SuggestionSource(idea.code, idea.title, idea.dimension_codes) for idea in IDEAS
    )


@dataclass(frozen=True)
class StrategyCoherence:
    strategy: Strategy
    report: coherence.CoherenceReport


def coherence_report(organisation: Organisation, *, today: date | None = None) -> StrategyCoherence:
    strategy = load_strategy(organisation, today=today)
    report = coherence.evaluate(strategy, library_sources(), idea_sources())
    return StrategyCoherence(strategy, report)


@dataclass(frozen=True)
class OwnedAction:
    """One action on a member's "My actions" page."""

    action: Action
    overdue: bool  # open and past its end date


def actions_owned(*, organisation: Organisation, user) -> list[OwnedAction]:
    """The actions of ``organisation`` that ``user``'s person owns: open ones first, by due
    date (the end date; undated last), then closed ones (one query)."""
    today = timezone.localdate()
    rows = Action.objects.filter(organisation=organisation, owner__user=user).select_related(
        "policy"
    )
    owned = [
        OwnedAction(
            action,
            overdue=not action.is_closed
            and action.end_date is not None
            and action.end_date < today,
        )
        for action in rows
    ]
    return sorted(
        owned,
        key=lambda item: (
            item.action.is_closed,
            item.action.end_date is None,
            item.action.end_date or today,
            item.action.pk,
        ),
    )
