"""The change between two diagnostic rounds of one organisation on one framework: per scored
dimension (matched by code, so across framework versions) and overall, each round counted
only at its anonymity threshold (`diagnosis.anonymity`)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from maturity import comparisons, scoring
from maturity.models import translated

from . import anonymity, selectors
from .models import Assessment
from .result_types import AssessmentChange, DimensionChange
from .result_values import to_float, to_int
from .results import SCORED_KINDS


def _aggregated_per_assessment(frames, thresholds: dict[int, int]) -> pd.DataFrame:
    """assessment, dimension, n, score, score_100, level for each assessment in ``frames``.

    ``thresholds`` is each assessment's reporting minimum k: an assessment with fewer counted
    respondents, and a dimension scored by fewer, gives no row (`diagnosis.anonymity`)."""
    sizes = frames.respondents["assessment"].value_counts()
    reported = [a for a, k in thresholds.items() if sizes.get(a, 0) >= k]
    people = frames.respondents[frames.respondents["assessment"].isin(reported)]
    scores = scoring.respondent_scores(frames.answers, frames.scored_items)
    scores = scores.merge(people[["respondent", "assessment"]], on="respondent")
    if scores.empty:
        return scoring.empty_frame({"assessment": "int64", **scoring.AGGREGATE_COLUMNS})
    columns = ["respondent", "dimension", "score", "score_100"]
    per = scores.groupby("assessment")[columns].apply(scoring.aggregate_scores)
    per = per.reset_index(level=0).reset_index(drop=True)
    minimum = per["assessment"].map(thresholds)
    return per[per["n"] >= minimum].reset_index(drop=True)


def _latest_names(frames, version_id: int, kinds: Iterable[str]) -> pd.DataFrame:
    dims = frames.dimensions
    return dims[(dims["version"] == version_id) & dims["kind"].isin(list(kinds))]


def assessment_change(before: Assessment, after: Assessment) -> AssessmentChange:
    """Change per scored dimension between two assessments of one organisation on one
    framework (any versions: dimensions are matched by code)."""
    if before.organisation_id != after.organisation_id:
        raise ValueError("both assessments must belong to the same organisation")
    if before.framework_version.framework_id != after.framework_version.framework_id:
        raise ValueError("both assessments must use the same framework")
    frames = selectors.assessment_frames([before, after])
    thresholds = {a.pk: anonymity.threshold(a) for a in (before, after)}
    aggregated = _aggregated_per_assessment(frames, thresholds)
    dims = _latest_names(frames, after.framework_version_id, SCORED_KINDS)
    scored = dims["dimension"].tolist()
    sides = [aggregated[aggregated["assessment"] == a.pk] for a in (before, after)]
    sides = [side[side["dimension"].isin(scored)] for side in sides]
    change = comparisons.compare_assessments(*sides)
    change = dims[["dimension", "name", "order"]].merge(change, on="dimension")
    kinds = dims[["dimension", "kind", "weight"]]
    overall = [scoring.overall_score(side, kinds).score_100 for side in sides]
    return AssessmentChange(
        before_id=before.pk,
        after_id=after.pk,
        overall_before=to_float(overall[0]),
        overall_after=to_float(overall[1]),
        overall_delta=to_float(overall[1] - overall[0]),
        dimensions=tuple(
            DimensionChange(
                code=row.dimension,
                name=translated(row.name),
                score_before=to_float(row.score_before),
                score_after=to_float(row.score_after),
                delta=to_float(row.delta),
                delta_100=to_float(row.delta_100),
                level_before=to_int(row.level_before),
                level_after=to_int(row.level_after),
                level_change=to_int(row.level_change),
            )
            for row in change.sort_values("order").itertuples(index=False)
        ),
    )
