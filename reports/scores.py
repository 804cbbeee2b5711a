"""Everything a snapshot shows, gathered as plain JSON-ready data in a fixed number of queries.

The numbers come from the diagnosis results layer (`diagnosis.results`, itself built on
`maturity.scoring`) and from the strategy of `actions` (coherence, roadmap, accountability).
Texts that charts need in every language are gathered once as label maps, so the expensive
results are computed once per build, not once per language.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation

from diagnosis import anonymity
from diagnosis import results as diagnosis_results
from diagnosis.changes import assessment_change
from diagnosis.models import Assessment, KeyChallenge, RespondentGroup
from diagnosis.selectors import assessments_for_reports
from maturity.comparisons import QUADRANTS
from maturity.models import Dimension, Norm, default_level_label, translated
from organisations.models import Organisation

from . import strategy as strategy_data

SCHEMA = 1
LEVELS = range(1, 6)  # the maturity levels, mapped from the 0-100 score


def _round(assessment: Assessment) -> dict[str, Any]:
    return {
        "id": assessment.pk,
        "title": assessment.title,
        "period": assessment.period,
        "status": assessment.status,
        "n_submitted": assessment.n_submitted,
    }


def _label_maps(version_id: int | None) -> dict[str, dict]:
    """Per language: dimension names, level labels, group and quadrant labels, the names of
    the framework's blocks (none when it has none) and the labels of its sources of norms
    (three queries)."""
    rows = (
        list(
            Dimension.objects.filter(version_id=version_id)
            .order_by("block__position", "section__position", "position")
            .values_list("code", "name", "block__code", "block__name")
        )
        if version_id
        else []
    )
    dimensions = [(code, name) for code, name, _block, _block_name in rows]
    blocks = {block: name for _code, _name, block, name in rows if block}
    norm_sources = (
        list(
            Norm.objects.filter(version_id=version_id)
            .order_by("source", "year")
            .values_list("source", "year")
            .distinct()
        )
        if version_id
        else []
    )
    norm_labels = [f"{source} ({year})" if year else source for source, year in norm_sources]
    level_labels: dict = {}
    if version_id:
        from maturity.models import FrameworkVersion

        level_labels = (
            FrameworkVersion.objects.filter(pk=version_id)
            .values_list("level_labels", flat=True)
            .first()
            or {}
        )
    maps = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            maps[code] = {
                "dimensions": {dim: translated(name, code) for dim, name in dimensions},
                "blocks": {block: translated(name, code) for block, name in blocks.items()},
                "norms": norm_labels,
                # Every level named: the framework's name, else the product's default.
                "levels": {
                    str(level): translated(level_labels.get(str(level)), code)
                    or default_level_label(level)
                    for level in LEVELS
                },
                "groups": {value: str(label) for value, label in RespondentGroup.choices}
                | {"unassigned": str(translation.gettext("No group"))}
                | {"pooled": str(translation.gettext("Smaller groups together"))},
                "quadrants": {q: str(diagnosis_results.QUADRANT_LABELS[q]) for q in QUADRANTS},
            }
    return maps


def _benchmark_input(results: dict | None, framework_code: str | None) -> dict | None:
    if not results or not framework_code:
        return None
    scores = {
        d["code"]: d["score_100"] for d in results["dimensions"] if d["score_100"] is not None
    }
    return {"framework": framework_code, "scores": scores} if scores else None


def build_scores(organisation: Organisation, data_version: int) -> dict[str, Any]:
    """The snapshot's ``scores``: results of the current round, change since the previous one,
    benchmark, key challenges, the strategy and its coherence.

    The rounds are `diagnosis.selectors.assessments_for_reports` (the rule of
    ``assessment_current``, which counts only rounds at their anonymity threshold), so the
    dashboard, the PDF, XLSX and CSV built from this snapshot and the strategy pages describe
    the same round. ``collecting_assessment`` is a newer open round without results to show
    yet; of a round below its threshold nothing enters the snapshot but how many more
    responses it needs (`diagnosis.anonymity`).
    """
    rounds = assessments_for_reports(organisation=organisation)
    current, previous, collecting = rounds.current, rounds.previous, rounds.collecting
    waiting = current or collecting
    disclosure = anonymity.disclosure(waiting, waiting.n_submitted) if waiting else None
    with translation.override(settings.LANGUAGE_CODE):
        results = change = None
        if current is not None and disclosure.shown:
            computed = diagnosis_results.assessment_results(current)
            results = None if computed.withheld else computed.as_dict()
        if previous is not None and results is not None:
            change = assessment_change(previous, current).as_dict()
    framework_code = current.framework_version.framework.code if current else None
    challenges = list(
        KeyChallenge.objects.filter(organisation=organisation).values(
            "id", "title", "dimension_codes"
        )
    )
    desired = None
    if results and results["quadrants"]["shares"]:
        desired = {s["quadrant"]: s["desired"] for s in results["quadrants"]["shares"]}
    weakest = tuple(d["code"] for d in results["gaps"]) if results else ()
    labels = _label_maps(current.framework_version_id if current else None)
    names = labels.get(settings.LANGUAGE_CODE, {}).get("dimensions", {})
    return {
        "schema": SCHEMA,
        "data_version": data_version,
        "organisation": {"id": organisation.pk, "name": organisation.name},
        "assessment": (
            _round(current)
            | {"framework": framework_code, "framework_version_id": current.framework_version_id}
            if current
            else None
        ),
        "collecting_assessment": (
            _round(collecting)
            | {"anonymity": anonymity.disclosure(collecting, collecting.n_submitted).as_dict()}
            if collecting
            else None
        ),
        "previous_assessment": (
            {"id": previous.pk, "title": previous.title, "period": previous.period}
            if previous
            else None
        ),
        "anonymity": disclosure.as_dict() if disclosure else None,
        "results": results,
        "change": change,
        "benchmark_input": _benchmark_input(results, framework_code),
        "key_challenges": challenges,
        "strategy": strategy_data.strategy_scores(organisation, desired, weakest, names),
        "labels": labels,
        # What the framework contains, so charts and documents use its words and cards.
        "framework": (
            results["framework"]
            if results
            else diagnosis_results.round_outline(waiting)
            if waiting
            else None
        ),
    }
