"""The strategy side of a snapshot: actions, roadmap, accountability and coherence, as plain data.

The strategy is read with `actions.selectors.load_strategy` (a fixed number of queries) and
judged with `actions.coherence.evaluate`, once per language because its findings are
sentences. The diagnosis inputs it needs (desired quadrant balance, weakest features) are
passed in from the results already computed for the snapshot, so nothing is scored twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils import translation

from actions import coherence
from actions import strategy as kernel
from actions.diagnosis_inputs import DiagnosisInputs
from actions.selectors import action_dimensions, idea_sources, library_sources, load_strategy
from organisations.models import Organisation


def _count_shares(strategy: kernel.Strategy) -> dict[str, float] | None:
    counts = dict.fromkeys(kernel.QUADRANTS, 0)
    for action in strategy.counting_actions:
        if action.quadrant in counts:
            counts[action.quadrant] += 1
    return kernel.shares(counts)


def _coherence(strategy: kernel.Strategy) -> tuple[dict[str, Any], coherence.CoherenceReport]:
    library, ideas = library_sources(), idea_sources()
    findings: dict[str, list[dict[str, Any]]] = {}
    report = None
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            report = coherence.evaluate(strategy, library, ideas)
            findings[code] = [
                {
                    "rule": f.rule,
                    "severity": str(f.severity),
                    "message": f.message,
                    "penalty": f.penalty,
                }
                for f in report.findings
            ]
    assert report is not None
    lost: dict[str, float] = {}
    for finding in report.findings:
        lost[finding.rule] = lost.get(finding.rule, 0.0) + finding.penalty
    data = {"score": report.score, "points_lost": lost, "findings": findings}
    return data, report


def _owned_names(organisation: Organisation, codes: tuple[str, ...]) -> dict[str, dict]:
    """Language -> code -> name of the dimensions that need an owner, as the framework names
    them (two queries per language)."""
    names = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            known = action_dimensions(organisation=organisation).names
            names[language] = {code: known.get(code, code) for code in codes}
    return names


def strategy_scores(
    organisation: Organisation,
    desired: Mapping[str, float] | None,
    weakest: tuple[str, ...] = (),
    names: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    inputs = DiagnosisInputs(
        desired_quadrants=desired,
        weakest_dimensions=weakest,
        dimension_names=dict(names or {}),
    )
    dimensions = action_dimensions(organisation=organisation)
    strategy = load_strategy(organisation, inputs=inputs, dimensions=dimensions)
    judged, report = _coherence(strategy)
    planned = report.balance.planned
    planned_by = "effort" if planned else "count"
    if planned is None:
        planned = _count_shares(strategy)
    rows = kernel.accountability(strategy)
    has_strategy = bool(strategy.challenges or strategy.policies or strategy.actions)
    return {
        "n_challenges": len(strategy.challenges),
        "n_policies": len(strategy.active_policies),
        "n_actions": len(strategy.counting_actions),
        "actions": [
            {
                "id": a.id,
                "title": a.title,
                "owner": a.owner_name if a.owner_id else "",
                "horizon": a.horizon,
                "quadrant": a.quadrant,
                "dimensions": list(a.dimensions),
                "status": a.status,
                "start": a.start.isoformat() if a.start else None,
                "end": a.end.isoformat() if a.end else None,
                "effort_days": a.effort_days,
            }
            for a in strategy.counting_actions
        ],
        "planned_quadrants": planned,
        "planned_by": planned_by,
        "accountability": {
            # The dimensions that need an owner (the default framework's six features).
            "dimensions": list(strategy.owned_dimensions),
            "default_framework": strategy.default_framework,
            "names": _owned_names(organisation, strategy.owned_dimensions),
            "leaders": [{"name": row.leader.name, "counts": list(row.counts)} for row in rows],
        },
        "coherence": judged if has_strategy else None,
    }
