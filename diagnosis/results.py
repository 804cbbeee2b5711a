"""Results of assessments, built with the scoring engine (maturity.scoring and comparisons).

Nothing here computes a score itself: the selectors turn the database into frames, the engine
turns frames into numbers, and this module dresses those numbers as plain data
(`diagnosis.result_types`) with names, level labels and level descriptors in the active
language. Each function costs a fixed number of queries, however many respondents answered.
"""

from __future__ import annotations

import types

import pandas as pd
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from maturity import comparisons, reasons, scoring
from maturity.framework_files import DimensionKind
from maturity.models import translated
from maturity.outline import MATURITY_KINDS, framework_outline

from . import anonymity, selectors
from .models import Assessment, RespondentGroup
from .result_types import (
    AssessmentResults,
    BlockResult,
    ChoiceDistribution,
    ChoiceShare,
    DimensionResult,
    GroupScore,
    NormResult,
    OverallResult,
    QuadrantBalance,
    QuadrantShare,
    RankedDimension,
    RatingGap,
    ResponseCount,
)
from .result_values import GROUP_ORDER, group_label, level_label, note, to_bool, to_float, to_int

SCORED_KINDS = (*MATURITY_KINDS, DimensionKind.OBSTACLE.value)
LEADERSHIP = RespondentGroup.LEADERSHIP.value
POOLED_GROUP = "pooled"  # groups too small to count on their own, added up (anonymous rounds)
QUADRANT_LABELS = {
    "individual_productive": gettext_lazy("Individual, productive (now)"),
    "organisational_productive": gettext_lazy("Organisational, productive (now)"),
    "individual_generative": gettext_lazy("Individual, generative (new future)"),
    "organisational_generative": gettext_lazy("Organisational, generative (new future)"),
}


def _ordered_groups(frame: pd.DataFrame) -> pd.DataFrame:
    rank = frame["group"].map({g: i for i, g in enumerate(GROUP_ORDER)}).fillna(len(GROUP_ORDER))
    return frame.assign(_rank=rank).sort_values(["_rank", "group"], kind="stable")


def _group_scores(groups: pd.DataFrame, labels: dict) -> dict[str, tuple[GroupScore, ...]]:
    out: dict[str, list[GroupScore]] = {}
    for row in _ordered_groups(groups).itertuples(index=False):  # dimensions × groups
        level = to_int(row.level)
        out.setdefault(row.dimension, []).append(
            GroupScore(
                group=row.group,
                label=group_label(row.group),
                n=to_int(row.n),
                score=to_float(row.score),
                score_100=to_float(row.score_100),
                level=level,
                level_label=level_label(labels, level),
                suppressed=bool(row.suppressed),
                note=note(row.reason),
            )
        )
    return {dimension: tuple(rows) for dimension, rows in out.items()}


def _leadership_agreement(frames, items, groups: pd.DataFrame) -> pd.DataFrame:
    """rwg(j) within the leadership team, kept only where its group score is shown."""
    answers = scoring.select_group(frames.answers, frames.groups, LEADERSHIP)
    within = scoring.agreement(answers, items)[["dimension", "rwg_j", "no_agreement"]]
    shown = groups.loc[(groups["group"] == LEADERSHIP) & ~groups["suppressed"], "dimension"]
    return within[within["dimension"].isin(shown)].rename(
        columns={"rwg_j": "leadership_rwg_j", "no_agreement": "leadership_no_agreement"}
    )


def _norm_results(norms: pd.DataFrame, table: pd.DataFrame) -> dict[str, tuple[NormResult, ...]]:
    """The norms of each dimension of ``table`` (its score and scale columns), placed."""
    placed = comparisons.norm_positions(table[["dimension", "score"]], norms)
    placed = placed.merge(table[["dimension", "scale_min", "scale_max"]], on="dimension")
    low, span = placed["scale_min"], placed["scale_max"] - placed["scale_min"]
    out: dict[str, list[NormResult]] = {}
    for row, median, q1, q3 in zip(
        placed.itertuples(index=False),
        (placed["median"] - low) / span * 100,
        (placed["q1"] - low) / span * 100,
        (placed["q3"] - low) / span * 100,
        strict=True,
    ):  # one per norm
        out.setdefault(row.dimension, []).append(
            NormResult(
                source=row.source,
                year=to_int(row.year),
                median=float(row.median),
                q1=float(row.q1),
                q3=float(row.q3),
                n=int(row.n),
                median_100=to_float(median),
                q1_100=to_float(q1),
                q3_100=to_float(q3),
                position=row.position,
            )
        )
    return {dimension: tuple(rows) for dimension, rows in out.items()}


def _dimension_results(
    frames, labels: dict, min_group_size: int, norms: pd.DataFrame
) -> list[DimensionResult]:
    items = frames.scored_items
    scores = scoring.respondent_scores(frames.answers, items)
    groups = scoring.group_scores(scores, frames.groups, min_group_size=min_group_size)
    agreement = scoring.agreement(frames.answers, items)
    alpha = scoring.cronbach_alpha(frames.answers, items)[["dimension", "alpha", "reason"]]
    dims = frames.dimensions
    table = (
        dims[dims["kind"].isin(SCORED_KINDS) & dims["dimension"].isin(items["dimension"])]
        .merge(scoring.dimension_scales(items), on="dimension", how="left")
        .merge(scoring.aggregate_scores(scores), on="dimension", how="left")
        .merge(agreement.drop(columns=["n"]), on="dimension", how="left")
        .merge(alpha.rename(columns={"reason": "alpha_reason"}), on="dimension", how="left")
        .merge(_leadership_agreement(frames, items, groups), on="dimension", how="left")
    )
    by_dimension = _group_scores(groups, labels)
    table = _withhold_small(table, min_group_size)
    norm_results = _norm_results(norms, table)
    results = []
    for row in table.itertuples(index=False):  # one per dimension
        level = to_int(row.level)
        results.append(
            DimensionResult(
                code=row.dimension,
                kind=row.kind,
                name=translated(row.name),
                description=translated(row.description),
                n=to_int(row.n) or 0,
                score=to_float(row.score),
                score_100=to_float(row.score_100),
                level=level,
                level_label=level_label(labels, level),
                level_descriptor=translated(row.levels.get(str(level))) if level else "",
                sd=to_float(row.sd),
                rwg_j=to_float(row.rwg_j),
                no_agreement=to_bool(row.no_agreement),
                agreement_note=note(row.reason),
                leadership_rwg_j=to_float(row.leadership_rwg_j),
                leadership_no_agreement=to_bool(row.leadership_no_agreement),
                alpha=to_float(row.alpha),
                alpha_note=note(row.alpha_reason),
                groups=by_dimension.get(row.dimension, ()),
                scale_min=to_float(row.scale_min),
                scale_max=to_float(row.scale_max),
                weight=float(row.weight),
                block=row.block,
                norms=norm_results.get(row.dimension, ()),
            )
        )
    return results


_DIMENSION_FIGURES = (
    "score", "score_100", "level", "sd", "rwg_j", "no_agreement", "leadership_rwg_j",
    "leadership_no_agreement", "alpha",
)  # fmt: skip


def _withhold_small(table: pd.DataFrame, k: int) -> pd.DataFrame:
    """A dimension scored by fewer than k respondents shows no figure (see `anonymity`)."""
    small = table["n"].fillna(0) < k
    if not small.any():
        return table
    table = table.astype({column: object for column in _DIMENSION_FIGURES})
    table.loc[small, list(_DIMENSION_FIGURES)] = None
    reason = reasons.reason(reasons.TOO_FEW_RESPONDENTS, k)
    table.loc[small & table["n"].fillna(0).gt(0), ["reason", "alpha_reason"]] = reason
    return table


def _ranked(dimensions: list[DimensionResult]) -> tuple[tuple, tuple]:
    frame = pd.DataFrame(
        [(d.code, d.score, d.score_100, d.level) for d in dimensions if d.score is not None],
        columns=["dimension", "score", "score_100", "level"],
    )
    by_code = {d.code: d for d in dimensions}
    sides: dict[str, list[RankedDimension]] = {"strength": [], "weakness": []}
    for row in comparisons.strengths_and_weaknesses(frame).itertuples(index=False):
        dimension = by_code[row.dimension]
        sides[row.side].append(
            RankedDimension(
                rank=int(row.rank),
                code=row.dimension,
                name=dimension.name,
                score=float(row.score),
                score_100=float(row.score_100),
                level=dimension.level,
                level_label=dimension.level_label,
            )
        )
    return tuple(sides["strength"]), tuple(sides["weakness"])


def _scored_table(dimensions: list[DimensionResult]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``aggregated`` and ``dimensions`` frames of `maturity.scoring` from dimension results."""
    aggregated = pd.DataFrame(
        [(d.code, d.score, d.score_100) for d in dimensions],
        columns=["dimension", "score", "score_100"],
    ).astype({"score": float, "score_100": float})
    table = pd.DataFrame(
        [(d.code, d.kind, d.weight, d.block, d.scale_min, d.scale_max) for d in dimensions],
        columns=["dimension", "kind", "weight", "block", "scale_min", "scale_max"],
    ).astype({"weight": float, "scale_min": float, "scale_max": float})
    return aggregated, table


def _overall(dimensions: list[DimensionResult], labels: dict) -> OverallResult:
    overall = scoring.overall_score(*_scored_table(dimensions))
    shared = overall.n_dimensions > 0 and not pd.isna(overall.scale_max)
    return OverallResult(
        score=to_float(overall.score),
        score_100=to_float(overall.score_100),
        level=overall.level,
        level_label=level_label(labels, overall.level),
        n_dimensions=overall.n_dimensions,
        scale_min=to_float(overall.scale_min) if shared else None,
        scale_max=to_float(overall.scale_max) if shared else None,
    )


def _blocks(frames, dimensions: list[DimensionResult], labels: dict) -> tuple[BlockResult, ...]:
    """Every block of the framework with its score (None while none of its dimensions has
    one), in the framework's order."""
    dims = frames.dimensions
    blocked = dims[dims["block"] != ""].sort_values(["block_position", "order"], kind="stable")
    if blocked.empty:
        return ()
    scores = scoring.block_scores(*_scored_table(dimensions)).set_index("block")
    out = []
    for code, members in blocked.groupby("block", sort=False):  # one per block
        first = members.iloc[0]
        row = scores.loc[code] if code in scores.index else None
        level = to_int(row["level"]) if row is not None else None
        out.append(
            BlockResult(
                code=code,
                name=translated(first["block_name"]),
                description=translated(first["block_description"]),
                n_dimensions=int(row["n_dimensions"]) if row is not None else 0,
                score=to_float(row["score"]) if row is not None else None,
                score_100=to_float(row["score_100"]) if row is not None else None,
                level=level,
                level_label=level_label(labels, level),
                scale_min=to_float(row["scale_min"]) if row is not None else None,
                scale_max=to_float(row["scale_max"]) if row is not None else None,
                dimensions=tuple(members.sort_values("order")["dimension"]),
            )
        )
    return tuple(out)


def _quadrants(frames, k: int) -> QuadrantBalance:
    items = frames.items[frames.items["response"] == "points100"]
    codes = items["code"].str.removeprefix(selectors.QUADRANT_ITEM_PREFIX).tolist()
    texts = dict(zip(codes, items["text"], strict=True))
    balance = comparisons.quadrant_balance(frames.splits, quadrants=codes)
    if balance.n_respondents < k:  # too few valid splits to show without giving one away
        return QuadrantBalance((), balance.n_respondents, balance.n_ignored)
    shares = tuple(
        QuadrantShare(
            quadrant=row.quadrant,
            label=str(QUADRANT_LABELS.get(row.quadrant) or translated(texts.get(row.quadrant))),
            today=float(row.today),
            desired=float(row.desired),
            shift=float(row.shift),
        )
        for row in balance.shares.itertuples(index=False)
    )
    return QuadrantBalance(shares, balance.n_respondents, balance.n_ignored)


def _rating_gaps(ratings: pd.DataFrame, names: dict[str, str], k: int) -> tuple[RatingGap, ...]:
    gaps = comparisons.rating_gaps(ratings)
    gaps = gaps[gaps["n"] >= k]
    return tuple(
        RatingGap(
            rank=int(row.rank),
            code=row.dimension,
            name=names.get(row.dimension, row.dimension),
            n=int(row.n),
            current=float(row.current),
            target=float(row.target),
            gap=float(row.gap),
        )
        for row in gaps.itertuples(index=False)
    )


def _type_of_work(frames, k: int) -> ChoiceDistribution | None:
    items = frames.items
    candidates = items[(items["response"] == "choice") & (items["kind"] == "work_type")]
    if candidates.empty:
        return None
    item = candidates.iloc[0]
    answers = frames.choices[frames.choices["item"] == item["item"]]
    chosen = answers.loc[~answers["dont_know"] & (answers["choice"] != ""), "choice"]
    counts = chosen.value_counts()
    options = [option["code"] for option in item["options"]]
    n = int(counts.reindex(options, fill_value=0).sum())
    if n < k:
        return None
    shares = tuple(
        ChoiceShare(
            code=option["code"],
            label=translated(option.get("label")),
            description=translated(option.get("description")),
            count=int(counts.get(option["code"], 0)),
            share=100 * int(counts.get(option["code"], 0)) / n if n else 0.0,
        )
        for option in item["options"]
    )
    return ChoiceDistribution(
        item=item["code"],
        question=translated(item["text"]),
        n=n,
        n_dont_know=int(answers["dont_know"].sum()),
        options=shares,
    )


def _responses(everyone: pd.DataFrame, assessment: Assessment, k: int) -> tuple[ResponseCount, ...]:
    """Asked, started and submitted per group. In an anonymous round groups that may not be
    shown on their own (by how many were asked, `anonymity.shown_counts`) are added up into one
    row, so a count never tells whether one particular person answered."""
    if everyone.empty:
        return ()
    counts = everyone.groupby("group", as_index=False).agg(
        invited=("respondent", "size"), started=("started", "sum"), submitted=("submitted", "sum")
    )
    counts = _ordered_groups(counts)
    labels = [group_label(group) for group in counts["group"]]
    if assessment.anonymous:
        shown = anonymity.shown_counts(counts.set_index("group")["invited"].to_dict(), k)
        small = ~counts["group"].isin(shown)
        if small.any():
            pooled = counts[small][["invited", "started", "submitted"]].sum()
            counts = pd.concat(
                [counts[~small], pd.DataFrame([{"group": POOLED_GROUP, **pooled.to_dict()}])]
            )
            labels = [
                group_label(group) if group != POOLED_GROUP else _("Smaller groups together")
                for group in counts["group"]
            ]
    return tuple(
        ResponseCount(row.group, label, int(row.invited), int(row.started), int(row.submitted))
        for row, label in zip(counts.itertuples(index=False), labels, strict=True)
    )


def _outline(assessment: Assessment, frames) -> dict:
    version = assessment.framework_version
    framework = version.framework
    return framework_outline(
        code=framework.code,
        built_in=framework.is_built_in,
        dimensions=frames.dimensions,
        items=frames.items,
        scale_of=version.scale,
    )


def round_outline(assessment: Assessment) -> dict:
    """What the round's framework contains (`maturity.outline`), without scoring anything
    (three queries): for a round whose results are not shown yet."""
    version = assessment.framework_version
    frames = types.SimpleNamespace(
        dimensions=selectors.dimensions_frame([version.pk]),
        items=selectors.items_frame([version.pk], scales={version.pk: version.scales}),
    )
    return _outline(assessment, frames)


def _round_fields(assessment: Assessment, frames, k: int, include_in_progress: bool) -> dict:
    """What every result of a round carries, whether its figures are shown or withheld."""
    return {
        "framework": _outline(assessment, frames),
        "assessment_id": assessment.pk,
        "title": assessment.title,
        "organisation_id": assessment.organisation_id,
        "framework_version_id": assessment.framework_version_id,
        "language": get_language() or "en",
        "anonymous": assessment.anonymous,
        "min_group_size": k,
        "include_in_progress": include_in_progress,
    }


def _withheld_results(
    assessment: Assessment, frames, k: int, include_in_progress: bool
) -> AssessmentResults:
    """Results of a round below its reporting minimum: counts of responses, nothing else."""
    rule = anonymity.disclosure(assessment, len(frames.respondents))
    return AssessmentResults(
        **_round_fields(assessment, frames, k, include_in_progress),
        n_respondents=rule.counted,
        responses=_responses(frames.all_respondents, assessment, k),
        overall=OverallResult(None, None, None, "", 0),
        dimensions=(),
        obstacles=(),
        strengths=(),
        gaps=(),
        quadrants=QuadrantBalance((), 0, 0),
        capability_gaps=(),
        culture_gaps=(),
        type_of_work=None,
        withheld=True,
        needed=max(0, k - rule.counted),
    )


def assessment_results(
    assessment: Assessment, *, min_group_size: int | None = None, include_in_progress: bool = False
) -> AssessmentResults:
    """Everything the diagnosis shows about one assessment, as plain data: dimension scores
    (with the framework's norms), blocks, the overall score, comparisons and gaps.

    Only submitted respondents count unless ``include_in_progress``. The reporting minimum k is
    the round's anonymity threshold (``min_group_size`` may only raise it): below k counted
    respondents the results are withheld (`diagnosis.anonymity`); groups, dimensions and other
    figures with fewer than k respondents are suppressed (see `maturity.scoring.group_scores`).
    """
    k = max(anonymity.threshold(assessment), min_group_size or 0)
    version = assessment.framework_version
    frames = selectors.assessment_frames(
        assessment, include_in_progress=include_in_progress, scales={version.pk: version.scales}
    )
    if len(frames.respondents) < k:
        return _withheld_results(assessment, frames, k, include_in_progress)
    labels = version.level_labels
    norms = selectors.norms_frame([version.pk])
    dimensions = _dimension_results(frames, labels, k, norms)
    maturity = [d for d in dimensions if d.kind in MATURITY_KINDS]
    obstacles = sorted(
        (d for d in dimensions if d.kind == DimensionKind.OBSTACLE),
        key=lambda d: (d.score_100 is None, d.score_100 or 0.0),
    )
    strengths, gaps = _ranked(maturity)
    names = {row.dimension: translated(row.name) for row in frames.dimensions.itertuples()}
    return AssessmentResults(
        **_round_fields(assessment, frames, k, include_in_progress),
        n_respondents=len(frames.respondents),
        responses=_responses(frames.all_respondents, assessment, k),
        overall=_overall(maturity, labels),
        dimensions=tuple(maturity),
        obstacles=tuple(obstacles),
        strengths=strengths,
        gaps=gaps,
        quadrants=_quadrants(frames, k),
        capability_gaps=_rating_gaps(frames.capability_ratings, names, k),
        culture_gaps=_rating_gaps(frames.culture_ratings, names, k),
        type_of_work=_type_of_work(frames, k),
        blocks=_blocks(frames, dimensions, labels),
    )
