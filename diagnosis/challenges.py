"""Key challenges: suggestions drawn from the results, and keeping the list in order.

:func:`suggest_challenges` is a pure function over `AssessmentResults`: it proposes
challenges where the leadership team (or everyone) does not agree on a dimension, for the
weakest features, and for obstacles that hold the strategy back. The owner adopts, adapts or
ignores them; a suggestion disappears once a challenge covers its dimension.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from maturity.outline import is_default
from organisations.signals import organisation_data_changed

from .models import KeyChallenge, Priority
from .result_types import AssessmentResults, DimensionResult

MAX_SUGGESTIONS = 5
WEAK_LEVEL = 2  # an obstacle at this level or below holds the strategy back


@dataclass(frozen=True)
class Suggestion:
    key: str  # stable: "<reason>:<dimension code>"
    reason: str  # "leadership-disagrees", "no-agreement", "weakest" or "obstacle"
    title: str
    description: str
    dimension_codes: tuple[str, ...]
    priority: int


def _level_words(dimension: DimensionResult) -> str:
    return _("level %(level)s: %(label)s") % {
        "level": dimension.level,
        "label": dimension.level_label,
    }


def _disagreement(dimension: DimensionResult) -> Suggestion:
    words = {"name": dimension.name, "level": _level_words(dimension)}
    if dimension.leadership_no_agreement:
        reason = "leadership-disagrees"
        title = _("The leadership team does not agree on “%(name)s”") % words
        description = _(
            "Leaders see this very differently, so the average (%(level)s) hides a split. "
            "Agree on where we stand before choosing what to do."
        )
    else:
        reason = "no-agreement"
        title = _("Respondents do not agree on “%(name)s”") % words
        description = _(
            "Answers are widely spread, so the average (%(level)s) hides different views. "
            "Find out why people see it so differently."
        )
    return Suggestion(
        key=f"{reason}:{dimension.code}",
        reason=reason,
        title=title,
        description=description % words,
        dimension_codes=(dimension.code,),
        priority=Priority.HIGH,
    )


def _weakest(dimension: DimensionResult, rank: int, *, features: bool) -> Suggestion:
    """``features``: the default framework, whose dimensions are features of a learning
    organisation; any other framework's are dimensions."""
    words = {"name": dimension.name, "level": _level_words(dimension)}
    if rank == 1 and features:
        title = _("“%(name)s” is the weakest feature (%(level)s)") % words
    elif features:
        title = _("“%(name)s” is among the weakest features (%(level)s)") % words
    elif rank == 1:
        title = _("“%(name)s” is the weakest dimension (%(level)s)") % words
    else:
        title = _("“%(name)s” is among the weakest dimensions (%(level)s)") % words
    return Suggestion(
        key=f"weakest:{dimension.code}",
        reason="weakest",
        title=title,
        description=dimension.level_descriptor,
        dimension_codes=(dimension.code,),
        priority=Priority.HIGH if (dimension.level or 0) <= WEAK_LEVEL else Priority.MEDIUM,
    )


def _obstacle(dimension: DimensionResult) -> Suggestion:
    words = {"name": dimension.name, "level": _level_words(dimension)}
    return Suggestion(
        key=f"obstacle:{dimension.code}",
        reason="obstacle",
        title=_("“%(name)s” holds the learning strategy back (%(level)s)") % words,
        description=dimension.level_descriptor,
        dimension_codes=(dimension.code,),
        priority=Priority.MEDIUM,
    )


def suggest_challenges(
    results: AssessmentResults,
    *,
    covered: Iterable[str] = (),
    limit: int = MAX_SUGGESTIONS,
) -> list[Suggestion]:
    """Suggested key challenges, most pressing first, at most one per dimension.

    Order: dimensions the leadership team does not agree on, then those everyone disagrees on
    (lowest rwg(j) first), then the weakest features (the engine's ranking), then obstacles at
    level 2 or below (most serious first). Dimensions in ``covered`` (the codes existing
    challenges are tied to) are skipped.
    """
    by_code = {d.code: d for d in results.dimensions + results.obstacles}
    disagreeing = sorted(
        (d for d in by_code.values() if d.disagreement and d.level is not None),
        key=lambda d: (not d.leadership_no_agreement, d.rwg_j or 0.0, d.code),
    )
    candidates = [_disagreement(d) for d in disagreeing]
    features = is_default(results.framework)
    candidates += [_weakest(by_code[g.code], g.rank, features=features) for g in results.gaps]
    candidates += [
        _obstacle(d) for d in results.obstacles if d.level is not None and d.level <= WEAK_LEVEL
    ]
    seen = set(covered)
    suggestions = []
    for candidate in candidates:
        if candidate.dimension_codes[0] in seen:
            continue
        seen.add(candidate.dimension_codes[0])
        suggestions.append(candidate)
    return suggestions[:limit]


def covered_dimensions(challenges: Iterable[KeyChallenge]) -> set[str]:
    return {code for challenge in challenges for code in challenge.dimension_codes}


def next_position(organisation_id: int) -> int:
    highest = KeyChallenge.objects.filter(organisation_id=organisation_id).aggregate(
        highest=Max("position")
    )["highest"]
    return 0 if highest is None else highest + 1


def challenge_save(challenge: KeyChallenge, *, priority_before: int | None = None) -> KeyChallenge:
    """Save a new or edited challenge; a new one, or one whose priority changed, goes last."""
    if challenge.pk is None or priority_before != challenge.priority:
        challenge.position = next_position(challenge.organisation_id)
    challenge.save()
    return challenge


@transaction.atomic
def challenge_move(challenge: KeyChallenge, step: int) -> bool:
    """Move a challenge ``step`` places (-1 up, +1 down) among those of the same priority.

    Positions of that priority are renumbered 0.. in one bulk update. Returns False when the
    challenge is already first or last.
    """
    siblings = list(
        KeyChallenge.objects.select_for_update()
        .filter(organisation_id=challenge.organisation_id, priority=challenge.priority)
        .order_by("position", "pk")
    )
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == challenge.pk)
    target = index + step
    if not 0 <= target < len(siblings):
        return False
    siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, sibling in enumerate(siblings):
        sibling.position = position
    KeyChallenge.objects.bulk_update(siblings, ["position"])
    organisation_data_changed.send(sender=KeyChallenge, organisation_id=challenge.organisation_id)
    return True
