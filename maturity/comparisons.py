"""Comparisons built on maturity scores: pure functions over pandas frames, no Django.

The companion of :mod:`maturity.scoring` (see its docstring for the shared conventions; plain
words for every formula are in ``docs/maturity-model.md``). Each function compares numbers
against something:

* :func:`strengths_and_weaknesses` -- dimensions against each other (top and bottom N);
* :func:`rating_gaps` -- current against target ratings per respondent (L&D capabilities,
  current -> target level; culture aspects, current -> desired rating: one function for both);
* :func:`quadrant_balance` -- today's 100-point split of L&D effort against the desired one;
* :func:`compare_assessments` -- an organisation against its own earlier assessment;
* :func:`benchmark_percentiles` -- an organisation against the others using the framework;
* :func:`norm_positions` -- an organisation against published norms (median and quartiles).

Input frames
------------
``ratings``: respondent, dimension, current, target (column names of the two ratings can be
    chosen, e.g. ``target="desired"`` for culture). ``dimension`` is the capability or culture
    aspect code. Ratings are on ``scale_min..scale_max`` (1..5) or NaN.
``splits``: respondent, quadrant, today, desired -- points out of 100 per quadrant.
``aggregated`` / ``before`` / ``after``: output of :func:`maturity.scoring.aggregate_scores`.
``benchmarks``: organisation, dimension, score -- one organisation-level score per dimension.
``norms``: dimension, source, year, median, q1, q3, n -- published reference values per
    dimension, on the dimension's answer scale (one row per dimension and source).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from maturity import reasons
from maturity.scoring import empty_frame, levels_from_100, require_columns

QUADRANTS: Final = (
    "individual_productive",
    "individual_generative",
    "organisational_productive",
    "organisational_generative",
)
RANKED_COLUMNS: Final = {
    "side": "object", "rank": "int64", "dimension": "object", "score": "float64",
    "score_100": "float64", "level": "Int64",
}  # fmt: skip
GAP_COLUMNS: Final = {
    "rank": "int64", "dimension": "object", "n": "int64", "current": "float64",
    "target": "float64", "gap": "float64",
}  # fmt: skip
QUADRANT_COLUMNS: Final = {
    "quadrant": "object",
    "today": "float64",
    "desired": "float64",
    "shift": "float64",
}
CHANGE_COLUMNS: Final = {
    "dimension": "object", "score_before": "float64", "score_after": "float64",
    "delta": "float64", "delta_100": "float64", "level_before": "Int64", "level_after": "Int64",
    "level_change": "Int64",
}  # fmt: skip
BENCHMARK_COLUMNS: Final = {
    "dimension": "object", "score": "float64", "n_other_organisations": "int64",
    "percentile": "float64", "benchmark_median": "float64", "suppressed": "bool",
    "reason": "object",
}  # fmt: skip
NORM_COLUMNS: Final = {
    "dimension": "object", "source": "object", "year": "Int64", "median": "float64",
    "q1": "float64", "q3": "float64", "n": "int64", "score": "float64", "position": "object",
}  # fmt: skip
NORM_POSITIONS: Final = ("below", "between", "above")  # below q1, q1..q3 inclusive, above q3
_TIE_DECIMALS: Final = 9  # scores are rounded to this many decimals before ranking/comparing


def strengths_and_weaknesses(aggregated: pd.DataFrame, *, n: int = 3) -> pd.DataFrame:
    """The ``n`` strongest and ``n`` weakest dimensions by ``score_100``.

    Each side gets ``min(n, number of scored dimensions // 2)`` dimensions so that no dimension
    is both a strength and a weakness. Ties are broken by dimension code (ascending) on both
    sides. Rank 1 is the strongest (``side="strength"``) or the weakest (``"weakness"``).
    Columns: side, rank, dimension, score, score_100, level.
    """
    require_columns(aggregated, ("dimension", "score", "score_100", "level"), "aggregated")
    valid = aggregated.dropna(subset=["score_100"])
    per_side = min(max(n, 0), len(valid) // 2)
    if per_side == 0:
        return empty_frame(RANKED_COLUMNS)
    valid = valid.assign(_key=valid["score_100"].round(_TIE_DECIMALS))
    sides = []
    for side, descending in (("strength", True), ("weakness", False)):
        ordered = valid.sort_values(["_key", "dimension"], ascending=[not descending, True])
        top = ordered.head(per_side).assign(side=side, rank=np.arange(1, per_side + 1))
        sides.append(top)
    out = pd.concat(sides, ignore_index=True)
    return out[list(RANKED_COLUMNS)].astype({"level": "Int64"})


def rating_gaps(
    ratings: pd.DataFrame,
    *,
    current: str = "current",
    target: str = "target",
    scale_min: float = 1.0,
    scale_max: float = 5.0,
) -> pd.DataFrame:
    """Mean current, mean target and gap (target - current) per dimension, largest gap first.

    Works for L&D capabilities (current and target level) and culture aspects (current and
    desired rating, ``target="desired"``). Only pairs where the respondent gave both ratings
    count, so the gap is also the mean of each respondent's own gap. Ties in the gap are broken
    by dimension code. Columns: rank, dimension, n, current, target, gap.
    """
    require_columns(ratings, ("respondent", "dimension", current, target), "ratings")
    if ratings.duplicated(["respondent", "dimension"]).any():
        raise ValueError("ratings hold more than one row for a (respondent, dimension)")
    pairs = pd.DataFrame(
        {
            "dimension": ratings["dimension"],
            "current": pd.to_numeric(ratings[current]).astype(float),
            "target": pd.to_numeric(ratings[target]).astype(float),
        }
    ).dropna()
    values = pairs[["current", "target"]]
    if ((values < scale_min) | (values > scale_max)).any().any():
        raise ValueError(f"ratings must lie within {scale_min}..{scale_max}")
    if pairs.empty:
        return empty_frame(GAP_COLUMNS)
    out = (
        pairs.groupby("dimension")
        .agg(n=("current", "size"), current=("current", "mean"), target=("target", "mean"))
        .reset_index()
    )
    out["gap"] = out["target"] - out["current"]
    out = out.assign(_key=out["gap"].round(_TIE_DECIMALS))
    out = out.sort_values(["_key", "dimension"], ascending=[False, True], ignore_index=True)
    out["rank"] = np.arange(1, len(out) + 1)
    return out[list(GAP_COLUMNS)]


@dataclass(frozen=True, eq=False)
class QuadrantBalance:
    """Mean split of L&D effort across the quadrants, today against desired."""

    shares: pd.DataFrame  # quadrant, today, desired, shift (percent of effort)
    n_respondents: int  # respondents whose splits were valid and used
    n_ignored: int  # respondents left out because a split was invalid


def quadrant_balance(
    splits: pd.DataFrame,
    *,
    quadrants: Sequence[str] | None = QUADRANTS,
    total: float = 100.0,
    tolerance: float = 1e-6,
) -> QuadrantBalance:
    """Mean share of effort per quadrant today and desired, and the shift (desired - today).

    A respondent counts only when both their today and desired points are non-negative, have no
    blanks and each sum to ``total`` (within ``tolerance``); otherwise the whole respondent is
    ignored and counted in ``n_ignored``. A quadrant row a respondent left out counts as 0
    points. Shares are percentages of effort (points / total * 100); each column sums to 100
    and the shifts sum to 0. ``quadrants`` fixes the order and the allowed codes (unknown codes
    raise ``ValueError``); ``None`` accepts any codes, sorted.
    """
    require_columns(splits, ("respondent", "quadrant", "today", "desired"), "splits")
    if splits.duplicated(["respondent", "quadrant"]).any():
        raise ValueError("splits hold more than one row for a (respondent, quadrant)")
    if quadrants is not None and not splits["quadrant"].isin(list(quadrants)).all():
        raise ValueError(f"splits hold quadrant codes other than {', '.join(quadrants)}")
    today = pd.to_numeric(splits["today"]).astype(float)
    desired = pd.to_numeric(splits["desired"]).astype(float)
    bad_row = today.isna() | desired.isna() | (today < 0) | (desired < 0)
    frame = pd.DataFrame(
        {"respondent": splits["respondent"], "quadrant": splits["quadrant"], "today": today}
    ).assign(desired=desired, bad=bad_row)
    per = frame.groupby("respondent").agg(
        today=("today", "sum"), desired=("desired", "sum"), bad=("bad", "any")
    )
    valid = (
        ~per["bad"]
        & ((per["today"] - total).abs() <= tolerance)
        & ((per["desired"] - total).abs() <= tolerance)
    )
    n_valid, n_ignored = int(valid.sum()), int((~valid).sum())
    if n_valid == 0:
        return QuadrantBalance(empty_frame(QUADRANT_COLUMNS), 0, n_ignored)
    kept = frame[frame["respondent"].isin(per.index[valid])]
    order = list(quadrants) if quadrants is not None else sorted(kept["quadrant"].unique())
    sums = kept.groupby("quadrant")[["today", "desired"]].sum().reindex(order, fill_value=0.0)
    shares = (sums / n_valid / total * 100).rename_axis("quadrant").reset_index()
    shares["shift"] = shares["desired"] - shares["today"]
    return QuadrantBalance(shares[list(QUADRANT_COLUMNS)], n_valid, n_ignored)


def compare_assessments(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Per dimension: score before and after, delta (after - before), levels and level change.

    Inputs are :func:`maturity.scoring.aggregate_scores` outputs of two assessments of one
    organisation on the same framework version. A dimension present in only one of them is
    kept with NaN/<NA> on the other side. Levels are recomputed from ``score_100``.
    Columns: dimension, score_before, score_after, delta, delta_100, level_before,
    level_after, level_change.
    """
    for name, frame in (("before", before), ("after", after)):
        require_columns(frame, ("dimension", "score", "score_100"), name)
    columns = ["dimension", "score", "score_100"]
    if before.empty and after.empty:
        return empty_frame(CHANGE_COLUMNS)
    out = before[columns].merge(
        after[columns], on="dimension", how="outer", suffixes=("_before", "_after"), sort=True
    )
    out["delta"] = out["score_after"] - out["score_before"]
    out["delta_100"] = out["score_100_after"] - out["score_100_before"]
    out["level_before"] = levels_from_100(out["score_100_before"])
    out["level_after"] = levels_from_100(out["score_100_after"])
    out["level_change"] = out["level_after"] - out["level_before"]
    return out[list(CHANGE_COLUMNS)]


def benchmark_percentiles(
    benchmarks: pd.DataFrame, organisation: object, *, min_organisations: int = 5
) -> pd.DataFrame:
    """Percentile rank of ``organisation`` per dimension among the other organisations.

    percentile = 100 * (others scoring strictly lower + half of the others scoring the same)
    / number of others; 0 = below every other organisation, 100 = above all, 50 = the middle.
    The comparison group is the *other* organisations with a score for the dimension
    (``n_other_organisations``); when it has fewer than ``min_organisations`` members the
    percentile and the benchmark median (median of the others) are suppressed (NaN, with a
    reason), so no single organisation can be singled out. Dimensions the organisation has no
    score for are not returned. Columns: dimension, score, n_other_organisations, percentile,
    benchmark_median, suppressed, reason.
    """
    require_columns(benchmarks, ("organisation", "dimension", "score"), "benchmarks")
    if benchmarks.duplicated(["organisation", "dimension"]).any():
        raise ValueError("benchmarks hold more than one score for an (organisation, dimension)")
    data = benchmarks.dropna(subset=["score"])
    is_own = data["organisation"] == organisation
    own = data.loc[is_own, ["dimension", "score"]].astype({"score": float})
    if own.empty:
        return empty_frame(BENCHMARK_COLUMNS)
    others = data.loc[~is_own, ["dimension", "score"]].rename(columns={"score": "other"})
    pairs = own.merge(others, on="dimension", how="left")
    own_key = pairs["score"].round(_TIE_DECIMALS)
    other_key = pairs["other"].astype(float).round(_TIE_DECIMALS)
    pairs = pairs.assign(lower=other_key < own_key, tie=other_key == own_key)
    stats = pairs.groupby("dimension").agg(
        n_other_organisations=("other", "count"),
        lower=("lower", "sum"),
        tie=("tie", "sum"),
        benchmark_median=("other", "median"),
    )
    out = own.join(stats, on="dimension").sort_values("dimension", ignore_index=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["percentile"] = 100 * (out["lower"] + 0.5 * out["tie"]) / out["n_other_organisations"]
    out["suppressed"] = out["n_other_organisations"] < min_organisations
    for column in ("percentile", "benchmark_median"):
        out[column] = out[column].astype(float).mask(out["suppressed"])
    reason = reasons.reason(reasons.TOO_FEW_ORGANISATIONS, min_organisations)
    out["reason"] = pd.Series(np.nan, index=out.index, dtype="object").mask(
        out["suppressed"], reason
    )
    return out[list(BENCHMARK_COLUMNS)].astype({"n_other_organisations": "int64"})


def norm_positions(aggregated: pd.DataFrame, norms: pd.DataFrame) -> pd.DataFrame:
    """Where the organisation's dimension scores fall against published norms.

    ``aggregated`` holds the organisation's ``score`` per dimension (on the dimension's scale,
    as :func:`maturity.scoring.aggregate_scores` gives it); ``norms`` the reference values on
    that same scale. ``position`` is "below" (score under the first quartile), "between" (from
    q1 up to and including q3) or "above" (over the third quartile); None for a dimension
    without a score. Scores and quartiles are rounded to ``_TIE_DECIMALS`` decimals first, so a
    score equal to a quartile is "between". One row per norm, in the order of ``norms``.
    Columns: dimension, source, year, median, q1, q3, n, score, position.
    """
    require_columns(aggregated, ("dimension", "score"), "aggregated")
    require_columns(norms, ("dimension", "source", "year", "median", "q1", "q3", "n"), "norms")
    if norms.empty:
        return empty_frame(NORM_COLUMNS)
    scores = aggregated[["dimension", "score"]].drop_duplicates("dimension")
    out = norms[["dimension", "source", "year", "median", "q1", "q3", "n"]].merge(
        scores, on="dimension", how="left"
    )
    score = out["score"].astype(float).round(_TIE_DECIMALS)
    low = out["q1"].astype(float).round(_TIE_DECIMALS)
    high = out["q3"].astype(float).round(_TIE_DECIMALS)
    position = np.select([score < low, score > high], ["below", "above"], "between")
    out["position"] = pd.Series(position, index=out.index, dtype="object").mask(score.isna())
    out["position"] = out["position"].astype("object").where(out["position"].notna(), None)
    return out[list(NORM_COLUMNS)].astype(
        {"year": "Int64", "median": float, "q1": float, "q3": float, "n": "int64", "score": float}
    )
