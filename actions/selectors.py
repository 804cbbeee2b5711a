"""Load a strategy from the database into the plain dataclasses of `actions.strategy`.

`load_strategy` runs a constant number of queries whatever the size of the strategy, and
`coherence_report` adds the coherence check with library suggestions. The reports app reads
strategies through these two functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from diagnosis.models import KeyChallenge
from organisations.models import Membership, Organisation, Role
from policy.library import LIBRARY
from policy.models import Policy, PolicyStatus

from . import coherence
from .diagnosis_inputs import DiagnosisInputs, diagnosis_inputs
from .ideas import IDEAS
from .models import Action, Feature, Vision
from .strategy import ActionItem, Challenge, Leader, PolicyItem, Strategy

ACCOUNTABLE_ROLES = (Role.OWNER, Role.LEADER, Role.CONSULTANT)


def display_name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def accountable_members(organisation: Organisation) -> QuerySet[Membership]:
    """Members who may own actions: everyone but viewers."""
    return (
        Membership.objects.filter(organisation=organisation, role__in=ACCOUNTABLE_ROLES)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__username")
    )


def load_strategy(
    organisation: Organisation,
    *,
    today: date | None = None,
    inputs: DiagnosisInputs | None = None,
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
        Leader(membership.user_id, display_name(membership.user))
        for membership in accountable_members(organisation)
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
            features=tuple(action.features or ()),
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
    names = {code: str(label) for code, label in Feature.choices} | dict(inputs.dimension_names)
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
