"""A strategy as plain data, and the views of it that need no judgement.

Pure: no ORM, no request. `actions.selectors.load_strategy` fills these dataclasses from the
database; `actions.coherence` judges them. Tests build them by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from django.utils.translation import gettext as _

from lndstrategy.numbers import rounded_float

QUADRANTS: Final = (
    "individual_productive",
    "individual_generative",
    "organisational_productive",
    "organisational_generative",
)
HORIZONS: Final = ("vision", "plan", "now")
# The six features of the default framework: the dimensions that need an owner unless the
# strategy says otherwise (`Strategy.owned_dimensions`).
FEATURES: Final = (
    "f1-learning-culture",
    "f2-problem-solving",
    "f3-outside-ideas",
    "f4-autonomy",
    "f5-supportive-leadership",
    "f6-lasting-improvement",
)
CLOSED: Final = frozenset({"done", "dropped"})
DROPPED: Final = "dropped"


@dataclass(frozen=True)
class Challenge:
    id: int
    title: str
    dimension_codes: tuple[str, ...] = ()
    priority: int = 2


@dataclass(frozen=True)
class PolicyItem:
    id: int
    statement: str
    challenge_ids: tuple[int, ...]
    agreed: bool = False
    retired: bool = False
    source_code: str = ""


@dataclass(frozen=True)
class ActionItem:
    id: int
    title: str
    policy_id: int
    owner_id: int | None  # None when nobody (or no current member) is accountable
    quadrant: str
    horizon: str
    owner_name: str = ""
    dimensions: tuple[str, ...] = ()  # codes of the dimensions it develops
    work_type: str = "known"
    start: date | None = None
    end: date | None = None
    effort_days: int | None = None
    status: str = "planned"
    has_metric: bool = False

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED

    @property
    def counts(self) -> bool:
        """Dropped actions no longer carry out anything."""
        return self.status != DROPPED

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.end is not None and self.end < today


@dataclass(frozen=True)
class Leader:
    id: int
    name: str


@dataclass(frozen=True)
class Strategy:
    org_slug: str
    today: date
    challenges: tuple[Challenge, ...] = ()
    policies: tuple[PolicyItem, ...] = ()
    actions: tuple[ActionItem, ...] = ()
    leaders: tuple[Leader, ...] = ()  # members who may be accountable for actions
    vision: str = ""
    # Desired share of L&D effort per quadrant (0..100, summing to 100), from the diagnosis.
    desired_quadrants: Mapping[str, float] | None = None
    # Codes of the weakest dimensions of the diagnosis, weakest first.
    weakest_dimensions: tuple[str, ...] = ()
    dimension_names: Mapping[str, str] = field(default_factory=dict)
    # Codes of the dimensions a leader must be accountable for (the framework's `needs_owner`),
    # in framework order; for the default framework its six features.
    owned_dimensions: tuple[str, ...] = FEATURES
    # The framework is the default one: its pages speak of "features", others of "dimensions".
    default_framework: bool = True

    @property
    def active_policies(self) -> tuple[PolicyItem, ...]:
        return tuple(policy for policy in self.policies if not policy.retired)

    @property
    def counting_actions(self) -> tuple[ActionItem, ...]:
        return tuple(action for action in self.actions if action.counts)


# --- Derived views ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PolicyNode:
    policy: PolicyItem
    actions: tuple[ActionItem, ...]


@dataclass(frozen=True)
class ChallengeNode:
    challenge: Challenge
    policies: tuple[PolicyNode, ...]


@dataclass(frozen=True)
class Kernel:
    """Challenges → policies → actions. A policy addressing two challenges appears under both."""

    challenges: tuple[ChallengeNode, ...]
    # Active policies that address no (remaining) key challenge, with their actions.
    unlinked_policies: tuple[PolicyNode, ...]
    # Actions whose policy is retired or unknown: they serve nothing any more.
    orphan_actions: tuple[ActionItem, ...]


def kernel(strategy: Strategy) -> Kernel:
    actions_by_policy: dict[int, list[ActionItem]] = {}
    for action in strategy.actions:
        actions_by_policy.setdefault(action.policy_id, []).append(action)
    active = strategy.active_policies
    nodes = tuple(
        ChallengeNode(
            challenge,
            tuple(
                PolicyNode(policy, tuple(actions_by_policy.get(policy.id, ())))
                for policy in active
                if challenge.id in policy.challenge_ids
            ),
        )
        for challenge in strategy.challenges
    )
    known = {challenge.id for challenge in strategy.challenges}
    unlinked = tuple(
        PolicyNode(policy, tuple(actions_by_policy.get(policy.id, ())))
        for policy in active
        if not known.intersection(policy.challenge_ids)
    )
    active_ids = {policy.id for policy in active}
    orphans = tuple(action for action in strategy.actions if action.policy_id not in active_ids)
    return Kernel(nodes, unlinked, orphans)


@dataclass(frozen=True)
class AccountabilityRow:
    leader: Leader
    counts: tuple[int, ...]  # actions per dimension, in `Strategy.owned_dimensions` order

    @property
    def total(self) -> int:
        return sum(self.counts)


def accountability(strategy: Strategy) -> tuple[AccountabilityRow, ...]:
    """Leaders × the dimensions that need an owner (the default framework's six features): how
    many (not dropped) actions each leader owns per dimension."""
    owned = strategy.owned_dimensions
    counts: dict[int, list[int]] = {leader.id: [0] * len(owned) for leader in strategy.leaders}
    for action in strategy.counting_actions:
        if action.owner_id not in counts:
            continue
        for index, dimension in enumerate(owned):
            if dimension in action.dimensions:
                counts[action.owner_id][index] += 1
    return tuple(AccountabilityRow(leader, tuple(counts[leader.id])) for leader in strategy.leaders)


def dimension_leaders(strategy: Strategy) -> dict[str, tuple[Leader, ...]]:
    """For each dimension that needs an owner, the leaders owning at least one (not dropped)
    action developing it."""
    rows = accountability(strategy)
    return {
        dimension: tuple(row.leader for row in rows if row.counts[index])
        for index, dimension in enumerate(strategy.owned_dimensions)
    }


def planned_effort(strategy: Strategy) -> dict[str, int]:
    """Person-days of (not dropped) actions per quadrant; actions without an estimate add 0."""
    days = dict.fromkeys(QUADRANTS, 0)
    for action in strategy.counting_actions:
        if action.quadrant in days and action.effort_days:
            days[action.quadrant] += action.effort_days
    return days


def shares(values: Mapping[str, float]) -> dict[str, float] | None:
    """Each quadrant's percentage of the total, or None when the total is 0."""
    total = sum(max(0.0, float(values.get(quadrant, 0) or 0)) for quadrant in QUADRANTS)
    if total <= 0:
        return None
    return {
        quadrant: max(0.0, float(values.get(quadrant, 0) or 0)) / total * 100
        for quadrant in QUADRANTS
    }


def balance_distance(planned: Mapping[str, float], desired: Mapping[str, float]) -> float:
    """Half the L1 distance between two share vectors (each summing to 100): 0 to 100.

    It reads as the percentage of planned effort that would have to move to another quadrant
    to match the desired balance.
    """
    moved = sum(abs(planned.get(quadrant, 0) - desired.get(quadrant, 0)) for quadrant in QUADRANTS)
    return rounded_float(moved / 2, 1) or 0.0


def horizon_counts(strategy: Strategy) -> dict[str, int]:
    counts = dict.fromkeys(HORIZONS, 0)
    for action in strategy.counting_actions:
        if action.horizon in counts:
            counts[action.horizon] += 1
    return counts


# --- Labels (translated when called) ---------------------------------------------------


def quadrant_label(code: str) -> str:
    labels = {
        "individual_productive": _("Individual · productive"),
        "individual_generative": _("Individual · generative"),
        "organisational_productive": _("Organisational · productive"),
        "organisational_generative": _("Organisational · generative"),
    }
    return labels.get(code, code)


def horizon_label(code: str) -> str:
    labels = {"vision": _("Five-year vision"), "plan": _("Two-year plan"), "now": _("Now")}
    return labels.get(code, code)
