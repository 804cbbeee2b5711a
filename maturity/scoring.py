"""Scoring engine of the maturity model: pure functions over pandas frames.

No Django and no ORM: callers turn querysets into frames, call these functions and render the
frames they get back. Nothing loops over respondents; work is done with merges and groupbys.
Every function accepts empty frames and then returns an empty frame with the documented columns.
The plain-words account of every formula and threshold is ``docs/maturity-model.md``.

Modules
-------
``maturity.scoring`` (this module)
    respondent and aggregated dimension scores, levels, the overall score, block scores,
    agreement (sd and rwg(j)), reliability (Cronbach's alpha) and group splits with small-group
    suppression.
``maturity.comparisons``
    comparisons built on those numbers: strengths and weaknesses, current-vs-target rating gaps
    (capabilities, culture), quadrant balance, change between assessments, benchmarks, and the
    organisation against published norms.

Input frames
------------
``answers``: respondent, item, value [, dont_know]
    One row per answer to an item on an ordinal scale, at most one per (respondent, item).
    ``value`` is a float on the item's scale; NaN means "don't know" or skipped. An optional
    boolean ``dont_know`` column marks "don't know" (or a scale's "not applicable" point)
    explicitly; a flagged row counts as missing whatever its value. Values outside the item's
    scale and answers to unknown items raise ``ValueError``.
``items``: item, dimension, reverse, scale_min, scale_max [, weight]
    ``scale_min``/``scale_max`` are the lowest and highest scored points of the item's scale
    (1..5 for likert5, 1..7 for a 7-point scale, 0..10 ...). ``reverse`` marks reverse-worded
    items; they are scored ``scale_min + scale_max - value``, which turns any ordinal scale
    around. All items of one dimension share one scale. ``weight`` (default 1, above 0) is the
    item's weight in its dimension's mean.
``respondents``: respondent, group (e.g. "ld", "leadership", "staff", "other").
``dimensions``: dimension, kind [, weight, block, scale_min, scale_max]
    ``kind`` is feature, quadrant, capability, culture or custom; ``weight`` (default 1) the
    dimension's weight in the overall score; ``block`` the code of the block it belongs to
    (None or "" for none); the scale columns (see :func:`dimension_scales`) say what the overall
    and block ``score`` are shown on. Without them that is 1..5.

Scales, weights and levels
--------------------------
A respondent's dimension ``score`` is the weighted mean of their answered (reverse-scored)
items, on the dimension's scale: ``sum(weight * value) / sum(weight)``. ``score_100 = (score -
scale_min) / (scale_max - scale_min) * 100``, e.g. ``(score - 1) / 4 * 100`` on 1..5 and
``(score - 1) / 6 * 100`` on 1..7. A level is one of five equal bands of 0..100, each closed at
its lower end: cuts at 20, 40, 60, 80, which on 1..5 reads [1, 1.8) -> 1, [1.8, 2.6) -> 2,
[2.6, 3.4) -> 3, [3.4, 4.2) -> 4, [4.2, 5] -> 5; every scale feeds the same five levels. Scores
are rounded to 6 decimals (on 0..100) before banding so float noise cannot flip a level.
The overall score is the weighted mean of the dimensions' ``score_100`` (dimension weights); a
block's score the plain mean of its dimensions' ``score_100``. Both are also given on the scale
their dimensions share, and as NaN there when the scales differ (then show 0..100).
Agreement (rwg(j), with A = the number of scored points) and Cronbach's alpha are unweighted:
they describe how the answers hang together, not how much each item counts.
Level descriptors (the words for each level) belong to the framework, not to this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final, overload

import numpy as np
import pandas as pd

from . import reasons

LEVEL_CUTS_100: Final = (20.0, 40.0, 60.0, 80.0)
SCORED_KINDS: Final = ("feature", "custom")

RESPONDENT_SCORE_COLUMNS: Final = {
    "respondent": "object", "dimension": "object", "n_answered": "int64", "n_items": "int64",
    "score": "float64", "score_100": "float64",
}  # fmt: skip
AGGREGATE_COLUMNS: Final = {
    "dimension": "object", "n": "int64", "score": "float64", "score_100": "float64",
    "level": "Int64",
}  # fmt: skip
AGREEMENT_COLUMNS: Final = {
    "dimension": "object", "n": "int64", "sd": "float64", "n_items": "int64",
    "mean_item_variance": "float64", "null_variance": "float64", "rwg_j": "float64",
    "no_agreement": "boolean", "reason": "object",
}  # fmt: skip
ALPHA_COLUMNS: Final = {
    "dimension": "object", "n_items": "int64", "n_complete": "int64", "alpha": "float64",
    "reason": "object",
}  # fmt: skip
BLOCK_COLUMNS: Final = {
    "block": "object", "n_dimensions": "int64", "score": "float64", "score_100": "float64",
    "level": "Int64", "scale_min": "float64", "scale_max": "float64",
}  # fmt: skip
SCALE_COLUMNS: Final = {"dimension": "object", "scale_min": "float64", "scale_max": "float64"}
DEFAULT_SCALE: Final = (1.0, 5.0)  # what overall and block scores are on without scale columns
GROUP_COLUMNS: Final = {
    "dimension": "object", "group": "object", "n": "Int64", "score": "float64",
    "score_100": "float64", "level": "Int64", "suppressed": "bool", "reason": "object",
}  # fmt: skip
UNASSIGNED_GROUP: Final = "unassigned"


def empty_frame(columns: Mapping[str, str]) -> pd.DataFrame:
    """An empty frame with the given column -> dtype schema."""
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in columns.items()})


def require_columns(frame: pd.DataFrame, columns: Iterable[str], name: str) -> None:
    """Raise ``ValueError`` naming the columns ``frame`` lacks."""
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(f"{name} frame is missing columns: {', '.join(missing)}")


def levels_from_100(score_100: pd.Series) -> pd.Series:
    """Level 1..5 for each 0..100 score (bands cut at ``LEVEL_CUTS_100``); NaN -> <NA>."""
    values = np.round(score_100.to_numpy(dtype=float, na_value=np.nan), 6)
    levels = pd.Series(
        1 + np.searchsorted(LEVEL_CUTS_100, values, side="right"),
        index=score_100.index,
        dtype="Int64",
    )
    return levels.mask(np.isnan(values))


@overload
def to_level(score: float, *, scale_min: float = 1.0, scale_max: float = 5.0) -> int | None: ...
@overload
def to_level(score: pd.Series, *, scale_min: float = 1.0, scale_max: float = 5.0) -> pd.Series: ...
def to_level(
    score: float | pd.Series, *, scale_min: float = 1.0, scale_max: float = 5.0
) -> int | pd.Series | None:
    """Maturity level 1..5 of a score on the ``scale_min..scale_max`` scale (None/<NA> for NaN).

    >>> to_level(1.79), to_level(1.8), to_level(3.4), to_level(5.0)
    (1, 2, 4, 5)
    """
    series = score if isinstance(score, pd.Series) else pd.Series([score], dtype=float)
    levels = levels_from_100((series.astype(float) - scale_min) / (scale_max - scale_min) * 100)
    if isinstance(score, pd.Series):
        return levels
    return None if pd.isna(levels.iloc[0]) else int(levels.iloc[0])


def _item_weights(items: pd.DataFrame) -> np.ndarray:
    """Each item's weight in its dimension's mean (1 without a ``weight`` column)."""
    if "weight" not in items.columns:
        return np.ones(len(items))
    return pd.to_numeric(items["weight"]).to_numpy(dtype=float, na_value=1.0)


def _check_items(items: pd.DataFrame) -> pd.DataFrame:
    """Validate ``items``; return per-dimension n_items, scale_min, scale_max."""
    require_columns(items, ("item", "dimension", "reverse", "scale_min", "scale_max"), "items")
    if items["item"].duplicated().any():
        raise ValueError("items frame lists an item code more than once")
    if (items["scale_max"] <= items["scale_min"]).any():
        raise ValueError("items need scale_max > scale_min")
    if (_item_weights(items) <= 0).any():
        raise ValueError("item weights must be above 0")
    per_dimension = items.groupby("dimension").agg(
        n_items=("item", "size"),
        scale_min=("scale_min", "min"),
        scale_max=("scale_max", "max"),
        n_scales=("scale_min", "nunique"),
        n_maxima=("scale_max", "nunique"),
    )
    if (per_dimension["n_scales"] > 1).any() or (per_dimension["n_maxima"] > 1).any():
        raise ValueError("all items of a dimension must share one scale")
    return per_dimension[["n_items", "scale_min", "scale_max"]].astype(float)


def dimension_scales(items: pd.DataFrame) -> pd.DataFrame:
    """The scale of each dimension's items (validated as by :func:`respondent_scores`).

    Merge it into the ``dimensions`` frame so :func:`overall_score` and :func:`block_scores`
    give their ``score`` on the scale the dimensions share. Columns: dimension, scale_min,
    scale_max.
    """
    if items.empty:
        return empty_frame(SCALE_COLUMNS)
    per_dimension = _check_items(items)[["scale_min", "scale_max"]]
    return per_dimension.reset_index()[list(SCALE_COLUMNS)]


def _scored_answers(answers: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """Answered rows with reverse-scoring applied: respondent, dimension, item, value, weight."""
    require_columns(answers, ("respondent", "item", "value"), "answers")
    _check_items(items)
    position = pd.Index(items["item"]).get_indexer(answers["item"])  # row of each item
    if (position < 0).any():
        unknown = sorted(map(str, set(answers["item"][position < 0])))[:5]
        raise ValueError(f"answers refer to unknown items: {unknown}")
    respondent_code = pd.factorize(answers["respondent"])[0].astype("int64")
    if pd.Series(respondent_code * len(items) + position).duplicated().any():
        raise ValueError("answers hold more than one row for a (respondent, item)")
    value = pd.to_numeric(answers["value"]).to_numpy(dtype=float, na_value=np.nan, copy=True)
    if "dont_know" in answers.columns:
        value[answers["dont_know"].eq(True).to_numpy()] = np.nan
    low = items["scale_min"].to_numpy(dtype=float)[position]
    high = items["scale_max"].to_numpy(dtype=float)[position]
    if ((value < low) | (value > high)).any():  # NaN compares False: blanks pass
        raise ValueError("answers hold values outside their item's scale")
    reverse = items["reverse"].eq(True).to_numpy()[position]
    value = np.where(reverse, low + high - value, value)
    frame = pd.DataFrame(
        {
            "respondent": answers["respondent"].to_numpy(),
            "dimension": items["dimension"].to_numpy()[position],
            "item": answers["item"].to_numpy(),
            "value": value,
            "weight": _item_weights(items)[position],
        }
    )
    return frame[~np.isnan(value)].reset_index(drop=True)


def _respondent_scores(scored: pd.DataFrame, items: pd.DataFrame, min_share: float) -> pd.DataFrame:
    if not 0 < min_share <= 1:
        raise ValueError("min_share must be in (0, 1]")
    if scored.empty:
        return empty_frame(RESPONDENT_SCORE_COLUMNS)
    per_dimension = _check_items(items)
    out = (
        scored.assign(weighted=scored["value"] * scored["weight"])
        .groupby(["respondent", "dimension"], sort=True)
        .agg(n_answered=("value", "count"), total=("weighted", "sum"), weights=("weight", "sum"))
        .reset_index()
    )
    out["score"] = out["total"] / out["weights"]
    out = out.join(per_dimension, on="dimension")
    out = out[out["n_answered"] >= min_share * out["n_items"] - 1e-9]
    low, high = out["scale_min"], out["scale_max"]
    out = out.assign(score=out["score"].clip(low, high), n_items=out["n_items"].astype("int64"))
    out["score_100"] = (out["score"] - low) / (high - low) * 100
    return out[list(RESPONDENT_SCORE_COLUMNS)].reset_index(drop=True)


def respondent_scores(
    answers: pd.DataFrame, items: pd.DataFrame, *, min_share: float = 0.5
) -> pd.DataFrame:
    """Each respondent's score per dimension: the weighted mean of their answered
    (reverse-scored) items, ``sum(weight * value) / sum(weight)`` over those items.

    A (respondent, dimension) row is returned only when the respondent answered at least
    ``min_share`` of the dimension's items, counted in items whatever their weights ("don't
    know" and skipped do not count as answered). Columns: respondent, dimension, n_answered,
    n_items, score (on the dimension's scale), score_100 (0..100).
    """
    return _respondent_scores(_scored_answers(answers, items), items, min_share)


def aggregate_scores(scores: pd.DataFrame) -> pd.DataFrame:
    """Per dimension: n respondents, mean score, mean score_100 and level.

    ``scores`` is the output of :func:`respondent_scores` (or any subset of its rows).
    Columns: dimension, n, score, score_100, level.
    """
    require_columns(scores, ("respondent", "dimension", "score", "score_100"), "scores")
    if scores.empty:
        return empty_frame(AGGREGATE_COLUMNS)
    out = (
        scores.groupby("dimension", sort=True)
        .agg(n=("score", "count"), score=("score", "mean"), score_100=("score_100", "mean"))
        .reset_index()
    )
    out = out[out["n"] > 0].reset_index(drop=True)
    out["level"] = levels_from_100(out["score_100"])
    return out[list(AGGREGATE_COLUMNS)]


@dataclass(frozen=True)
class Overall:
    """Overall maturity: the weighted mean of the scored dimensions' 0..100 scores.

    ``score_100`` is the primary number. ``score`` is the same on the scale the counted
    dimensions share (``scale_min..scale_max``, 1..5 for the default framework); NaN, with NaN
    scale bounds, when their scales differ: show ``score_100`` out of 100 then.
    """

    score: float
    score_100: float
    level: int | None
    n_dimensions: int
    scale_min: float = DEFAULT_SCALE[0]
    scale_max: float = DEFAULT_SCALE[1]


def _shared_scale(frame: pd.DataFrame) -> tuple[float, float]:
    """The one (scale_min, scale_max) of the rows of ``frame``; NaNs when they differ;
    ``DEFAULT_SCALE`` when the frame has no scale columns."""
    if not {"scale_min", "scale_max"} <= set(frame.columns):
        return DEFAULT_SCALE
    pairs = frame[["scale_min", "scale_max"]].astype(float).drop_duplicates()
    if len(pairs) != 1 or pairs.isna().any(axis=None):
        return (np.nan, np.nan)
    low, high = pairs.iloc[0]
    return float(low), float(high)


def _on_scale(score_100: float | pd.Series, low, high):
    return low + (high - low) * score_100 / 100


def _counted_dimensions(aggregated: pd.DataFrame, dimensions: pd.DataFrame) -> pd.DataFrame:
    """``dimensions`` (first row per code) with the aggregated score_100, scored ones only."""
    extra = [c for c in ("weight", "block", "scale_min", "scale_max") if c in dimensions.columns]
    table = dimensions.drop_duplicates("dimension")[["dimension", "kind", *extra]].merge(
        aggregated[["dimension", "score_100"]].drop_duplicates("dimension"), on="dimension"
    )
    return table[table["score_100"].notna()]


def overall_score(
    aggregated: pd.DataFrame,
    dimensions: pd.DataFrame,
    *,
    kinds: Iterable[str] = SCORED_KINDS,
) -> Overall:
    """Overall score over the dimensions whose ``kind`` is in ``kinds``.

    The weighted mean of their ``score_100`` with the ``weight`` column of ``dimensions``
    (each weighs 1 without it), taken on 0..100 so dimensions on different scales combine
    fairly. Dimensions missing from ``dimensions`` or without a score are left out; none left
    -> NaN and level None. ``score`` is on the counted dimensions' shared scale (see
    :class:`Overall`).
    """
    require_columns(aggregated, ("dimension", "score_100"), "aggregated")
    require_columns(dimensions, ("dimension", "kind"), "dimensions")
    table = _counted_dimensions(aggregated, dimensions)
    table = table[table["kind"].isin(list(kinds))]
    if table.empty:
        return Overall(score=np.nan, score_100=np.nan, level=None, n_dimensions=0)
    weights = pd.to_numeric(table["weight"]).fillna(1.0) if "weight" in table.columns else None
    if weights is not None and (weights <= 0).any():
        raise ValueError("dimension weights must be above 0")
    score_100 = float(np.average(table["score_100"].astype(float), weights=weights))
    level = to_level(score_100, scale_min=0.0, scale_max=100.0)
    low, high = _shared_scale(table)
    return Overall(_on_scale(score_100, low, high), score_100, level, len(table), low, high)


def block_scores(aggregated: pd.DataFrame, dimensions: pd.DataFrame) -> pd.DataFrame:
    """Per block: the plain mean of its dimensions' aggregated ``score_100`` and its level.

    ``dimensions`` needs a ``block`` column (None or "" for a dimension outside any block);
    only dimensions with a score count, whatever their kind or weight. Blocks come in the
    order they first appear in ``dimensions``; a block without any scored dimension gives no
    row. ``score`` is on the block's dimensions' shared scale, NaN when they differ (see
    :class:`Overall`). Columns: block, n_dimensions, score, score_100, level, scale_min,
    scale_max.
    """
    require_columns(aggregated, ("dimension", "score_100"), "aggregated")
    require_columns(dimensions, ("dimension", "kind", "block"), "dimensions")
    table = _counted_dimensions(aggregated, dimensions)
    table = table[table["block"].notna() & table["block"].ne("")]
    if table.empty:
        return empty_frame(BLOCK_COLUMNS)
    if not {"scale_min", "scale_max"} <= set(table.columns):
        table = table.assign(scale_min=DEFAULT_SCALE[0], scale_max=DEFAULT_SCALE[1])
    out = (
        table.astype({"score_100": float, "scale_min": float, "scale_max": float})
        .groupby("block", sort=False)
        .agg(
            n_dimensions=("score_100", "size"),
            score_100=("score_100", "mean"),
            scale_min=("scale_min", "min"),
            scale_max=("scale_max", "max"),
            n_low=("scale_min", "nunique"),
            n_high=("scale_max", "nunique"),
        )
        .reset_index()
    )
    mixed = (out["n_low"] != 1) | (out["n_high"] != 1)
    out.loc[mixed, ["scale_min", "scale_max"]] = np.nan
    out["score"] = _on_scale(out["score_100"], out["scale_min"], out["scale_max"])
    out["level"] = levels_from_100(out["score_100"])
    return out[list(BLOCK_COLUMNS)].astype({"n_dimensions": "int64"})


def agreement(
    answers: pd.DataFrame,
    items: pd.DataFrame,
    *,
    min_share: float = 0.5,
    threshold: float = 0.7,
    min_respondents: int = 2,
) -> pd.DataFrame:
    """Agreement between respondents per dimension: sd of scores and rwg(j).

    Uses the respondents whose dimension score counts (see :func:`respondent_scores`) and their
    reverse-scored answers. ``sd``: sample sd (ddof=1) of their dimension scores (the weighted
    means). rwg(j) (James, Demaree & Wolf 1984): with J items, s2 the mean of the item variances
    (ddof=1; J counts items with >= 2 answers) and sigma2_EU = (A^2 - 1) / 12 for A = scale_max
    - scale_min + 1 options, r = s2 / sigma2_EU and rwg(j) = J(1 - r) / (J(1 - r) + r); item
    weights play no part. When s2 >= sigma2_EU (more disagreement than random answering) rwg(j)
    is set to 0 and the reason says so. NaN with a reason when fewer than ``min_respondents``
    respondents or no item variance is available. ``no_agreement`` is rwg(j) < ``threshold``
    (<NA> when rwg(j) is NaN). To measure agreement within one group, pass answers filtered
    with :func:`select_group`.
    Columns: dimension, n, sd, n_items, mean_item_variance, null_variance, rwg_j, no_agreement,
    reason.
    """
    scored = _scored_answers(answers, items)
    scores = _respondent_scores(scored, items, min_share)
    if scores.empty:
        return empty_frame(AGREEMENT_COLUMNS)
    counted = scored.merge(scores[["respondent", "dimension"]], on=["respondent", "dimension"])
    item_variance = counted.groupby(["dimension", "item"])["value"].var(ddof=1).dropna()
    per_item = item_variance.groupby(level="dimension").agg(["mean", "count"])
    scale = _check_items(items)
    out = scores.groupby("dimension", sort=True)["score"].agg(n="count", sd="std").reset_index()
    out["n_items"] = out["dimension"].map(per_item["count"]).fillna(0).astype("int64")
    out["mean_item_variance"] = out["dimension"].map(per_item["mean"])
    options = out["dimension"].map(scale["scale_max"] - scale["scale_min"] + 1)
    out["null_variance"] = (options**2 - 1) / 12
    j = out["n_items"].astype(float)
    # Rounded so float noise from the order of the rows cannot move a spread exactly equal to
    # random answering (ratio 1) to either side of the "set to 0" boundary.
    ratio = (out["mean_item_variance"] / out["null_variance"]).round(9)
    with np.errstate(divide="ignore", invalid="ignore"):
        rwg = (j * (1 - ratio) / (j * (1 - ratio) + ratio)).mask(ratio >= 1, 0.0)
    too_few = out["n"] < max(min_respondents, 2)
    no_variance = ~too_few & (out["n_items"] == 0)
    rwg = rwg.mask(too_few | no_variance)
    out["rwg_j"] = rwg.clip(0.0, 1.0)
    out["no_agreement"] = (rwg < threshold).astype("boolean").mask(rwg.isna())
    reason = pd.Series(None, index=out.index, dtype="object")
    reason = reason.mask(ratio >= 1, reasons.reason(reasons.RANDOM_SPREAD))
    reason = reason.mask(no_variance, reasons.reason(reasons.NO_SHARED_ITEM))
    too_few_reason = reasons.reason(reasons.TOO_FEW_RESPONDENTS, max(min_respondents, 2))
    out["reason"] = reason.mask(too_few, too_few_reason)
    return out[list(AGREEMENT_COLUMNS)]


def cronbach_alpha(
    answers: pd.DataFrame, items: pd.DataFrame, *, min_complete: int = 5
) -> pd.DataFrame:
    """Cronbach's alpha per dimension over listwise-complete respondents.

    alpha = k / (k - 1) * (1 - sum of item variances / variance of the total), sample
    variances (ddof=1), k = the dimension's items, reverse-scored answers, item weights not
    used. Only respondents who
    answered every item of the dimension count. NaN with a reason when the dimension has fewer
    than 2 items, fewer than ``min_complete`` complete respondents, or no spread in the totals.
    Alpha can be negative; that is reported as is (it signals a broken scale).
    Columns: dimension, n_items, n_complete, alpha, reason.
    """
    if min_complete < 2:
        raise ValueError("min_complete must be at least 2")
    scored = _scored_answers(answers, items)
    if scored.empty:
        return empty_frame(ALPHA_COLUMNS)
    wide = scored.pivot(index="respondent", columns="item", values="value")
    item_codes = items.groupby("dimension")["item"].agg(list)
    rows = []
    for dimension in sorted(scored["dimension"].unique()):  # a handful of dimensions
        codes = item_codes[dimension]
        complete = wide.reindex(columns=codes).dropna()
        k, n = len(codes), len(complete)
        alpha, reason = np.nan, None
        if k < 2:
            reason = reasons.reason(reasons.TOO_FEW_ITEMS)
        elif n < min_complete:
            reason = reasons.reason(reasons.TOO_FEW_COMPLETE, min_complete)
        else:
            total_variance = complete.sum(axis=1).var(ddof=1)
            if total_variance <= 1e-12:
                reason = reasons.reason(reasons.NO_SPREAD)
            else:
                item_variance = complete.var(ddof=1).sum()
                alpha = k / (k - 1) * (1 - item_variance / total_variance)
        rows.append((dimension, k, n, alpha, reason))
    out = pd.DataFrame(rows, columns=list(ALPHA_COLUMNS))
    return out.astype({"n_items": "int64", "n_complete": "int64", "alpha": "float64"})


def select_group(
    frame: pd.DataFrame, respondents: pd.DataFrame, groups: str | Iterable[str]
) -> pd.DataFrame:
    """Rows of ``frame`` (any frame with a ``respondent`` column) whose respondent is in
    ``groups`` (one group name or several)."""
    require_columns(respondents, ("respondent", "group"), "respondents")
    wanted = [groups] if isinstance(groups, str) else list(groups)
    members = respondents.loc[respondents["group"].isin(wanted), "respondent"]
    return frame[frame["respondent"].isin(members)]


def group_scores(
    scores: pd.DataFrame, respondents: pd.DataFrame, *, min_group_size: int = 3
) -> pd.DataFrame:
    """Aggregated scores per (dimension, respondent group), with small groups suppressed.

    Respondents missing from ``respondents`` (or without a group) form the group
    "unassigned", so they take part in suppression like everyone else. A group with fewer than
    ``min_group_size`` respondents on a dimension is suppressed. Because the whole-organisation
    score is shown too, a lone small group could be worked out by subtraction, so the next
    smallest groups are also suppressed until the suppressed groups hold at least
    ``min_group_size`` respondents together (complementary suppression). Suppressed rows keep
    the group name and a reason; n, score, score_100 and level are <NA>/NaN.
    Columns: dimension, group, n, score, score_100, level, suppressed, reason.
    """
    require_columns(scores, ("respondent", "dimension", "score", "score_100"), "scores")
    require_columns(respondents, ("respondent", "group"), "respondents")
    if min_group_size < 1:
        raise ValueError("min_group_size must be at least 1")
    if scores.empty:
        return empty_frame(GROUP_COLUMNS)
    if respondents["respondent"].duplicated().any():
        raise ValueError("respondents frame lists a respondent more than once")
    groups = respondents.set_index("respondent")["group"]
    merged = scores.assign(group=scores["respondent"].map(groups).fillna(UNASSIGNED_GROUP))
    out = (
        merged.groupby(["dimension", "group"])
        .agg(n=("score", "count"), score=("score", "mean"), score_100=("score_100", "mean"))
        .reset_index()
        .sort_values(["dimension", "n", "group"], kind="stable")
    )
    out["level"] = levels_from_100(out["score_100"])
    primary = out["n"] < min_group_size
    before = out.groupby("dimension")["n"].cumsum() - out["n"]
    any_primary = primary.groupby(out["dimension"]).transform("any")
    secondary = ~primary & any_primary & (before < min_group_size)
    out["suppressed"] = primary | secondary
    reason = pd.Series(None, index=out.index, dtype="object")
    reason = reason.mask(secondary, reasons.reason(reasons.SMALLER_GROUP_HIDDEN))
    out["reason"] = reason.mask(
        primary, reasons.reason(reasons.TOO_FEW_RESPONDENTS, min_group_size)
    )
    out["n"] = out["n"].astype("Int64")
    for column in ("n", "score", "score_100", "level"):
        out[column] = out[column].mask(out["suppressed"])
    out = out.sort_values(["dimension", "group"]).reset_index(drop=True)
    return out[list(GROUP_COLUMNS)]
