"""The coherence check of a strategy: computed, never typed in.

Pure functions over the dataclasses of :mod:`actions.strategy` (no ORM, no request); load a
strategy with :func:`actions.selectors.load_strategy`, or get the whole report with
:func:`actions.selectors.coherence_report`. Every rule, weight and the score formula are
explained in ``docs/coherence.md``; keep the two in step.

Score: ``100 - sum of penalties``, floored at 0 and rounded. Each finding carries its penalty;
each rule's penalties are capped (``RULES``), so a long list of one kind of problem cannot
drown out the others, and the penalties of the findings always add up to ``100 - score``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from lndstrategy.numbers import rounded, rounded_float

from .strategy import (
    HORIZONS,
    QUADRANTS,
    ActionItem,
    Challenge,
    Leader,
    PolicyItem,
    Strategy,
    balance_distance,
    dimension_leaders,
    horizon_counts,
    horizon_label,
    planned_effort,
    quadrant_label,
    shares,
)
from .suggestions import Suggestion, SuggestionSource, suggestions

__all__ = [
    "RULES",
    "ActionItem",
    "Challenge",
    "CoherenceReport",
    "Finding",
    "Leader",
    "Link",
    "PolicyItem",
    "Severity",
    "Strategy",
    "Suggestion",
    "SuggestionSource",
    "evaluate",
    "findings",
    "score",
    "suggestions",
]


class Severity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


SEVERITY_ORDER: Final = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}


@dataclass(frozen=True)
class Rule:
    severity: Severity
    penalty: float  # per finding
    cap: float  # at most this much in total for the rule


RULES: Final[dict[str, Rule]] = {
    "no_challenges": Rule(Severity.HIGH, 30, 30),
    "challenge_without_policy": Rule(Severity.HIGH, 12, 30),
    "policy_without_action": Rule(Severity.HIGH, 10, 25),
    "policy_without_challenge": Rule(Severity.MEDIUM, 5, 10),
    "action_on_retired_policy": Rule(Severity.MEDIUM, 4, 8),
    "action_overdue": Rule(Severity.MEDIUM, 5, 15),
    "action_without_owner": Rule(Severity.MEDIUM, 5, 10),
    "feature_without_leader": Rule(Severity.MEDIUM, 4, 24),
    "quadrant_imbalance": Rule(Severity.MEDIUM, 20, 20),  # penalty scales, see below
    "horizon_missing": Rule(Severity.MEDIUM, 5, 15),
    "no_vision": Rule(Severity.LOW, 5, 5),
    "policy_not_agreed": Rule(Severity.LOW, 2, 6),
    "action_without_metric": Rule(Severity.LOW, 2, 8),
}
# Quadrant balance: no finding below this distance; above it the penalty is distance / 2
# (capped at 20) and the finding is high from IMBALANCE_HIGH on.
IMBALANCE_TOLERANCE: Final = 15.0
IMBALANCE_HIGH: Final = 30.0


@dataclass(frozen=True)
class Link:
    """Where to fix a finding: a URL name, its kwargs and an optional query string."""

    url_name: str
    kwargs: Mapping[str, object]
    query: Mapping[str, object] = field(default_factory=dict)

    def href(self) -> str:
        url = reverse(self.url_name, kwargs=dict(self.kwargs))
        return f"{url}?{urlencode(dict(self.query))}" if self.query else url


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    penalty: float
    link: Link
    subject_id: object = None  # the challenge, policy, action or dimension it is about


@dataclass(frozen=True)
class QuadrantBalance:
    planned_days: dict[str, int]
    planned: dict[str, float] | None  # shares 0..100, None when no effort is planned
    desired: dict[str, float] | None  # shares 0..100, None when the diagnosis has none
    distance: float | None  # 0..100, see strategy.balance_distance
    unestimated: int  # open actions without an effort estimate (left out of `planned`)


@dataclass(frozen=True)
class CoherenceReport:
    score: int
    findings: tuple[Finding, ...]
    balance: QuadrantBalance
    horizons: dict[str, int]
    # Each dimension that needs an owner (the default framework's features) with its leaders.
    dimension_leaders: dict[str, tuple[Leader, ...]]
    suggestions: tuple[Suggestion, ...]
    # Whether "every dimension that needs an owner has an accountable leader" applies: not
    # when the framework marks no dimension as needing one (then it costs nothing).
    owner_rule_applies: bool = True


# --- The rules ---------------------------------------------------------------------------------


def _link(strategy: Strategy, url_name: str, query: Mapping | None = None, **kwargs) -> Link:
    return Link(url_name, {"org_slug": strategy.org_slug, **kwargs}, query or {})


def _finding(rule: str, message: str, link: Link, subject=None, *, penalty=None, severity=None):
    spec = RULES[rule]
    return Finding(
        rule,
        severity or spec.severity,
        message,
        spec.penalty if penalty is None else penalty,
        link,
        subject,
    )


def rule_challenges(strategy: Strategy) -> list[Finding]:
    if not strategy.challenges:
        return [
            _finding(
                "no_challenges",
                _("No key challenges are written yet, so the strategy has nothing to answer."),
                _link(strategy, "workspace_challenges"),
            )
        ]
    covered = {cid for policy in strategy.active_policies for cid in policy.challenge_ids}
    return [
        _finding(
            "challenge_without_policy",
            _("Key challenge “%(title)s” has no guiding policy.") % {"title": challenge.title},
            _link(strategy, "policy_create", {"challenge": challenge.id}),
            challenge.id,
        )
        for challenge in strategy.challenges
        if challenge.id not in covered
    ]


def rule_policies(strategy: Strategy) -> list[Finding]:
    served = {action.policy_id for action in strategy.counting_actions}
    known_challenges = {challenge.id for challenge in strategy.challenges}
    out = []
    for policy in strategy.active_policies:
        if policy.id not in served:
            out.append(
                _finding(
                    "policy_without_action",
                    _("Policy “%(statement)s” has no action carrying it out.")
                    % {"statement": _short(policy.statement)},
                    _link(strategy, "action_create", {"policy": policy.id}),
                    policy.id,
                )
            )
        if not known_challenges.intersection(policy.challenge_ids):
            out.append(
                _finding(
                    "policy_without_challenge",
                    _("Policy “%(statement)s” addresses no key challenge.")
                    % {"statement": _short(policy.statement)},
                    _link(strategy, "policy_edit", pk=policy.id),
                    policy.id,
                )
            )
        if not policy.agreed:
            out.append(
                _finding(
                    "policy_not_agreed",
                    _("Policy “%(statement)s” is still a draft.")
                    % {"statement": _short(policy.statement)},
                    _link(strategy, "policy_detail", pk=policy.id),
                    policy.id,
                )
            )
    return out


def rule_actions(strategy: Strategy) -> list[Finding]:
    active_ids = {policy.id for policy in strategy.active_policies}
    out = []
    for action in strategy.counting_actions:
        if action.policy_id not in active_ids and action.is_open:
            out.append(
                _finding(
                    "action_on_retired_policy",
                    _("Action “%(title)s” serves a policy that has been retired.")
                    % {"title": action.title},
                    _link(strategy, "action_edit", pk=action.id),
                    action.id,
                )
            )
        if action.is_overdue(strategy.today):
            out.append(
                _finding(
                    "action_overdue",
                    _("Action “%(title)s” was due on %(date)s and is not done.")
                    % {"title": action.title, "date": action.end.isoformat()},
                    _link(strategy, "action_progress", pk=action.id),
                    action.id,
                )
            )
        if action.owner_id is None and action.is_open:
            out.append(
                _finding(
                    "action_without_owner",
                    _("Action “%(title)s” has no accountable owner.") % {"title": action.title},
                    _link(strategy, "action_edit", pk=action.id),
                    action.id,
                )
            )
        if action.is_open and action.horizon != "vision" and not action.has_metric:
            out.append(
                _finding(
                    "action_without_metric",
                    _("Action “%(title)s” has no business metric with a target.")
                    % {"title": action.title},
                    _link(strategy, "action_edit", pk=action.id),
                    action.id,
                )
            )
    return out


def rule_owners(strategy: Strategy) -> list[Finding]:
    """Each dimension that needs an owner (the default framework's six features) without a
    counting action that an accountable leader owns. No such dimension: nothing to find."""
    leaders = dimension_leaders(strategy)
    out = []
    for code in strategy.owned_dimensions:
        if leaders[code]:
            continue
        name = strategy.dimension_names.get(code, code)
        if strategy.default_framework:
            message = _("No leader is accountable for an action developing “%(feature)s”.") % {
                "feature": name
            }
            query = {"feature": code}
        else:
            message = _(
                "No leader is accountable for an action developing the dimension “%(dimension)s”."
            ) % {"dimension": name}
            query = {"dimension": code}
        out.append(
            _finding(
                "feature_without_leader", message, _link(strategy, "action_create", query), code
            )
        )
    return out


def quadrant_balance(strategy: Strategy) -> QuadrantBalance:
    days = planned_effort(strategy)
    planned = shares(days)
    desired = shares(strategy.desired_quadrants) if strategy.desired_quadrants else None
    distance = balance_distance(planned, desired) if planned and desired else None
    unestimated = sum(1 for action in strategy.actions if action.is_open and not action.effort_days)
    return QuadrantBalance(days, planned, desired, distance, unestimated)


def rule_quadrants(strategy: Strategy, balance: QuadrantBalance) -> list[Finding]:
    if balance.distance is None or balance.distance < IMBALANCE_TOLERANCE:
        return []
    under = max(QUADRANTS, key=lambda q: balance.desired[q] - balance.planned[q])
    severity = Severity.HIGH if balance.distance >= IMBALANCE_HIGH else Severity.MEDIUM
    return [
        _finding(
            "quadrant_imbalance",
            _(
                "Planned effort is %(distance)s%% away from the balance the diagnosis asks for; "
                "most is missing in %(quadrant)s."
            )
            % {"distance": f"{balance.distance:g}", "quadrant": quadrant_label(under)},
            _link(strategy, "action_create", {"quadrant": under}),
            under,
            penalty=min(RULES["quadrant_imbalance"].cap, balance.distance / 2),
            severity=severity,
        )
    ]


def rule_horizons(strategy: Strategy, counts: Mapping[str, int]) -> list[Finding]:
    out = [
        _finding(
            "horizon_missing",
            _("No action is planned on the horizon “%(horizon)s”.")
            % {"horizon": horizon_label(horizon)},
            _link(strategy, "action_create", {"horizon": horizon}),
            horizon,
        )
        for horizon in HORIZONS
        if not counts.get(horizon)
    ]
    if not strategy.vision.strip():
        out.append(
            _finding(
                "no_vision",
                _("There is no five-year vision for L&D yet."),
                _link(strategy, "vision_edit"),
            )
        )
    return out


def findings(strategy: Strategy) -> tuple[Finding, ...]:
    """Every finding with its penalty after the per-rule caps, most severe first."""
    balance = quadrant_balance(strategy)
    raw = [
        *rule_challenges(strategy),
        *rule_policies(strategy),
        *rule_actions(strategy),
        *rule_owners(strategy),
        *rule_quadrants(strategy, balance),
        *rule_horizons(strategy, horizon_counts(strategy)),
    ]
    return _apply_caps(raw)


def _apply_caps(raw: Iterable[Finding]) -> tuple[Finding, ...]:
    spent: dict[str, float] = {}
    capped = []
    for finding in raw:
        left = RULES[finding.rule].cap - spent.get(finding.rule, 0.0)
        penalty = rounded_float(max(0.0, min(finding.penalty, left)), 2) or 0.0
        spent[finding.rule] = spent.get(finding.rule, 0.0) + penalty
        capped.append(
            Finding(
                finding.rule,
                finding.severity,
                finding.message,
                penalty,
                finding.link,
                finding.subject_id,
            )
        )
    order = list(RULES)
    capped.sort(key=lambda f: (SEVERITY_ORDER[f.severity], order.index(f.rule)))
    return tuple(capped)


def score(found: Iterable[Finding]) -> int:
    return int(rounded(max(0.0, 100.0 - sum(finding.penalty for finding in found)), 0))


def evaluate(
    strategy: Strategy,
    library: Sequence[SuggestionSource] = (),
    ideas: Sequence[SuggestionSource] = (),
) -> CoherenceReport:
    found = findings(strategy)
    adopted = {policy.source_code for policy in strategy.active_policies if policy.source_code}
    return CoherenceReport(
        score=score(found),
        findings=found,
        balance=quadrant_balance(strategy),
        horizons=horizon_counts(strategy),
        dimension_leaders=dimension_leaders(strategy),
        suggestions=suggestions(
            strategy.weakest_dimensions,
            library,
            ideas,
            adopted=adopted,
            names=strategy.dimension_names,
        ),
        owner_rule_applies=bool(strategy.owned_dimensions),
    )


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
