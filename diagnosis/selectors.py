"""Read assessments into the frames that `maturity.scoring` and `maturity.comparisons` take.

Every function runs a fixed number of queries, however many respondents or answers there are:
rows come out of the database with ``values_list`` and are shaped with pandas, never looped over
one by one in Python. Keys: respondents and items by primary key (item codes may repeat across
framework versions), dimensions by code (stable across versions, so they compare between
assessments). Only submitted respondents count unless ``include_in_progress=True``.

Which round is *current* (the one every page, chart and document shows results of) is decided
in one place too: :func:`assessment_current`, with :func:`assessments_for_reports` and
:func:`assessment_for_workspace` built on the same rule.

The framework frames here (:func:`dimensions_frame`, :func:`items_frame`,
:func:`questions_frame`) differ from `maturity.selectors`: they span several framework versions
in one query (for change and benchmarks), key items by primary key, and carry each item's
dimension kind, options and text, which the results need.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd
from django.db import connections
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, QuerySet

from maturity.framework_files import DimensionKind, ResponseType
from maturity.framework_frames import item_scale
from maturity.models import Dimension, FrameworkVersion, Item, Norm, Question

from .models import Answer, Assessment, AssessmentStatus, Respondent, TextAnswer

SCORED_RESPONSES: Final = (
    ResponseType.LIKERT5.value,
    ResponseType.LEVEL5.value,
    ResponseType.SCALE.value,
)  # one value on an ordinal scale: what `maturity.scoring` scores
QUADRANT_ITEM_PREFIX: Final = "q_"
OPENED_STATUSES: Final = (AssessmentStatus.OPEN, AssessmentStatus.CLOSED)  # never drafts

AssessmentsArg = Assessment | int | Iterable[Assessment | int]


def _frame(rows: Iterable[tuple], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame.from_records(list(rows), columns=columns)


def _cursor_rows(queryset: QuerySet) -> list[tuple]:
    """The rows of a ``values_list`` query straight from one database cursor, without Django's
    per-value converters (a large share of reading 400,000 answers). Only for columns that
    need no conversion to be read by pandas: numbers, text, booleans (SQLite gives 0/1) and
    dates that are only tested for presence; not JSON."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _columns(rows: list[tuple], width: int) -> list[tuple]:
    """``rows`` as ``width`` columns (tuples), also when there are no rows."""
    return list(zip(*rows, strict=True)) if rows else [()] * width


def _as_float(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce").astype("float64")


def _assessment_ids(assessments: AssessmentsArg) -> list[int]:
    if isinstance(assessments, Assessment | int):
        assessments = [assessments]
    return [a.pk if isinstance(a, Assessment) else int(a) for a in assessments]


def _version_ids(assessments: AssessmentsArg) -> list[int]:
    if isinstance(assessments, Assessment):
        return [assessments.framework_version_id]
    items = list(assessments) if not isinstance(assessments, int) else [assessments]
    if all(isinstance(a, Assessment) for a in items):
        return sorted({a.framework_version_id for a in items})
    ids = _assessment_ids(items)
    query = Assessment.objects.filter(pk__in=ids).values_list("framework_version_id", flat=True)
    return sorted(set(query))


# --- The framework -------------------------------------------------------------------------


def dimensions_frame(version_ids: Iterable[int]) -> pd.DataFrame:
    """One row per dimension of the versions, in questionnaire order (one query).

    Columns: version, dimension (code), kind, name, description, levels (translated dicts),
    section, weight (in the overall score), block (code, "" for none), block_name,
    block_description (translated dicts), block_position (<NA> for none), order.
    """
    rows = (
        Dimension.objects.filter(version_id__in=list(version_ids))
        .order_by("version_id", "section__position", "position")
        .values_list(
            "version_id", "code", "kind", "name", "description", "levels", "section__code",
            "weight", "block__code", "block__name", "block__description", "block__position",
        )
    )  # fmt: skip
    columns = [
        "version", "dimension", "kind", "name", "description", "levels", "section", "weight",
        "block", "block_name", "block_description", "block_position",
    ]  # fmt: skip
    frame = _frame(rows, columns)
    frame["weight"] = _as_float(frame["weight"])
    frame["block"] = frame["block"].fillna("").astype("object")
    frame["block_position"] = pd.to_numeric(frame["block_position"]).astype("Int64")
    frame["order"] = np.arange(len(frame), dtype="int64")
    return frame


def version_scales(version_ids: Iterable[int]) -> dict[int, dict]:
    """Each version's ``scales`` JSON (one query)."""
    rows = FrameworkVersion.objects.filter(pk__in=list(version_ids)).values_list("pk", "scales")
    return dict(rows)


def items_frame(
    version_ids: Iterable[int], *, scales: dict[int, dict] | None = None
) -> pd.DataFrame:
    """One row per item of the versions (two queries: the items, and the versions' scales
    unless ``scales``, version id -> ``FrameworkVersion.scales``, is given).

    Columns: version, item (pk), code, dimension (code), kind (of the dimension), response,
    reverse, dont_know_allowed, options, text, scale (code of an ordinal item's scale, else
    ""), scale_min, scale_max (its lowest and highest scored points; 1..5 for current_target,
    0..100 for points100, NaN for choice), weight (in the dimension's mean).
    """
    version_ids = list(version_ids)
    rows = (
        Item.objects.filter(version_id__in=version_ids)
        .order_by("version_id", "dimension__section__position", "dimension__position", "position")
        .values_list(
            "version_id", "id", "code", "dimension__code", "dimension__kind", "response",
            "reverse", "dont_know", "options", "text", "scale", "weight",
        )
    )  # fmt: skip
    columns = [
        "version", "item", "code", "dimension", "kind", "response", "reverse",
        "dont_know_allowed", "options", "text", "scale", "weight",
    ]  # fmt: skip
    frame = _frame(rows, columns)
    frame["reverse"] = frame["reverse"].astype(bool)
    frame["weight"] = _as_float(frame["weight"])
    scales = version_scales(version_ids) if scales is None else scales
    lookups = {pk: FrameworkVersion(scales=scales.get(pk) or {}).scale for pk in version_ids}
    # One lookup per (version, response, scale), not per item.
    keys = frame[["version", "response", "scale"]].drop_duplicates()
    ranges = pd.DataFrame(
        [
            (version, response, scale, *item_scale(response, scale or "", lookups[version]))
            for version, response, scale in keys.itertuples(index=False)
        ],
        columns=["version", "response", "scale", "scale_code", "scale_min", "scale_max"],
    )
    frame = frame.merge(ranges, on=["version", "response", "scale"], how="left")
    frame["scale"] = frame.pop("scale_code").astype(object)
    return frame.astype({"scale_min": float, "scale_max": float})


def scored_items(items: pd.DataFrame) -> pd.DataFrame:
    """The items frame `maturity.scoring` takes: items on an ordinal scale (likert5, level5
    and named scales), with their scale's range and weight."""
    scored = items[items["response"].isin(SCORED_RESPONSES)]
    columns = ["item", "dimension", "reverse", "scale_min", "scale_max", "weight"]
    return scored[columns].reset_index(drop=True)


def norms_frame(version_ids: Iterable[int]) -> pd.DataFrame:
    """Published norms of the versions' dimensions, by source and year (one query).

    Columns: version, dimension (code), source, year (<NA> for none), median, q1, q3, n.
    """
    rows = (
        Norm.objects.filter(version_id__in=list(version_ids))
        .order_by(
            "version_id", "source", "year", "dimension__section__position", "dimension__position"
        )
        .values_list(
            "version_id", "dimension__code", "source", "year", "median", "first_quartile",
            "third_quartile", "n",
        )
    )  # fmt: skip
    frame = _frame(rows, ["version", "dimension", "source", "year", "median", "q1", "q3", "n"])
    return frame.astype({"year": "Int64", "median": float, "q1": float, "q3": float, "n": "int64"})


def questions_frame(version_ids: Iterable[int]) -> pd.DataFrame:
    """Free-text questions in questionnaire order (one query).

    Columns: version, question (pk), code, text, help, section.
    """
    rows = (
        Question.objects.filter(version_id__in=list(version_ids))
        .order_by("version_id", "section__position", "position")
        .values_list("version_id", "id", "code", "text", "help", "section__code")
    )
    return _frame(rows, ["version", "question", "code", "text", "help", "section"])


# --- Respondents and answers -----------------------------------------------------------------


def respondents_frame(assessments: AssessmentsArg) -> pd.DataFrame:
    """Every respondent of the assessments, submitted or not (one query).

    Columns: respondent (pk), assessment, group, name (the person's name, else their email;
    "Imported respondent" for a response imported from a file), submitted, started (bools).
    """
    rows = (
        Respondent.objects.filter(assessment_id__in=_assessment_ids(assessments))
        .order_by("assessment_id", "pk")
        .values_list(
            "id", "assessment_id", "group", "person__name", "person__email", "submitted_at",
            "started_at", "person_id",
        )
    )  # fmt: skip
    columns = [
        "respondent", "assessment", "group", "name", "email", "submitted_at", "started_at",
        "person",
    ]  # fmt: skip
    raw = _frame(_cursor_rows(rows), columns)
    name = raw["name"].fillna("").str.strip()
    name = name.where(name != "", raw["email"].fillna(""))
    name = name.where(raw["person"].notna(), str(Respondent.imported_label()))
    return pd.DataFrame(
        {
            "respondent": raw["respondent"].astype("int64"),
            "assessment": raw["assessment"].astype("int64"),
            "group": raw["group"].astype("object"),
            "name": name.astype("object"),
            "submitted": raw["submitted_at"].notna(),
            "started": raw["started_at"].notna() | raw["submitted_at"].notna(),
        }
    )


def counted(respondents: pd.DataFrame, *, include_in_progress: bool = False) -> pd.DataFrame:
    """The respondents whose answers count: submitted ones, or everyone when asked."""
    return respondents if include_in_progress else respondents[respondents["submitted"]]


def answer_rows(assessments: AssessmentsArg, *, include_in_progress: bool = False) -> pd.DataFrame:
    """Raw answers of every response type (one query).

    Columns: respondent, item (pk), value, target, choice, dont_know.
    """
    answers = Answer.objects.filter(respondent__assessment_id__in=_assessment_ids(assessments))
    if not include_in_progress:
        answers = answers.filter(respondent__submitted_at__isnull=False)
    rows = answers.values_list("respondent_id", "item_id", "value", "target", "choice", "dont_know")
    respondent, item, value, target, choice, dont_know = _columns(_cursor_rows(rows), 6)
    return pd.DataFrame(
        {
            "respondent": np.array(respondent, dtype="int64"),
            "item": np.array(item, dtype="int64"),
            "value": np.array(value, dtype="float64"),  # None (no number) becomes NaN
            "target": np.array(target, dtype="float64"),
            "choice": pd.Series(choice, dtype="object"),
            "dont_know": np.array(dont_know, dtype=bool),
        }
    )


def _with_items(rows: pd.DataFrame, items: pd.DataFrame, responses: Iterable[str]) -> pd.DataFrame:
    wanted = items.loc[
        items["response"].isin(list(responses)), ["item", "code", "dimension", "kind"]
    ]
    return rows.merge(wanted, on="item", how="inner")


def likert_answers(rows: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """Answers to items on an ordinal scale (likert5, level5, named scales), as
    `maturity.scoring` takes them.

    Columns: respondent, item, value, dont_know ("don't know" rows, and answers on a scale's
    missing point, which are stored with dont_know too, carry a NaN value).
    """
    frame = _with_items(rows, items, SCORED_RESPONSES)
    value = frame["value"].mask(frame["dont_know"])
    out = pd.DataFrame(
        {"respondent": frame["respondent"], "item": frame["item"], "value": value}
    ).assign(dont_know=frame["dont_know"])
    return out.reset_index(drop=True)


def quadrant_splits(rows: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """Points out of 100 per quadrant, today and desired (points100 items, ``q_*`` codes).

    Columns: respondent, quadrant (the item code without ``q_``), today, desired.
    """
    frame = _with_items(rows, items, [ResponseType.POINTS100.value])
    return pd.DataFrame(
        {
            "respondent": frame["respondent"],
            "quadrant": frame["code"].str.removeprefix(QUADRANT_ITEM_PREFIX).astype("object"),
            "today": frame["value"],
            "desired": frame["target"],
        }
    ).reset_index(drop=True)


def ratings(rows: pd.DataFrame, items: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Current and target ratings per respondent for the current_target items of one dimension
    kind ("capability" or "culture"); several items of one dimension are averaged.

    Columns: respondent, dimension, current, target ("don't know" gives NaN).
    """
    frame = _with_items(rows, items, [ResponseType.CURRENT_TARGET.value])
    frame = frame[frame["kind"] == kind]
    frame = frame.assign(
        current=frame["value"].mask(frame["dont_know"]),
        target=frame["target"].mask(frame["dont_know"]),
    )
    out = frame.groupby(["respondent", "dimension"], as_index=False)[["current", "target"]].mean()
    return out[["respondent", "dimension", "current", "target"]]


def choices(rows: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """Answers to choice items. Columns: respondent, item, code, dimension, kind, choice,
    dont_know (choice is "" for "don't know")."""
    frame = _with_items(rows, items, [ResponseType.CHOICE.value])
    frame = frame.assign(choice=frame["choice"].fillna("").where(~frame["dont_know"], ""))
    return frame[["respondent", "item", "code", "dimension", "kind", "choice", "dont_know"]]


def text_answers_frame(
    assessments: AssessmentsArg, *, include_in_progress: bool = False
) -> pd.DataFrame:
    """Free-text answers (one query). Columns: respondent, question (pk), text."""
    answers = TextAnswer.objects.filter(respondent__assessment_id__in=_assessment_ids(assessments))
    if not include_in_progress:
        answers = answers.filter(respondent__submitted_at__isnull=False)
    rows = answers.exclude(text="").values_list("respondent_id", "question_id", "text")
    return _frame(rows, ["respondent", "question", "text"])


# --- Everything the results need, in one go --------------------------------------------------


@dataclass(frozen=True, eq=False)
class AssessmentFrames:
    """The scoring inputs of one or more assessments (five queries, six when given ids; four
    and five when the versions' scales are given)."""

    all_respondents: pd.DataFrame  # see respondents_frame
    respondents: pd.DataFrame  # the ones that count
    dimensions: pd.DataFrame  # see dimensions_frame
    items: pd.DataFrame  # see items_frame
    answers: pd.DataFrame  # likert/level: respondent, item, value, dont_know
    splits: pd.DataFrame  # respondent, quadrant, today, desired
    capability_ratings: pd.DataFrame  # respondent, dimension, current, target
    culture_ratings: pd.DataFrame  # respondent, dimension, current, target
    choices: pd.DataFrame  # respondent, item, code, dimension, kind, choice, dont_know

    @property
    def scored_items(self) -> pd.DataFrame:
        return scored_items(self.items)

    @property
    def groups(self) -> pd.DataFrame:
        """respondent, group of the counted respondents (for `maturity.scoring.group_scores`)."""
        return self.respondents[["respondent", "group"]]


def assessment_frames(
    assessments: AssessmentsArg,
    *,
    include_in_progress: bool = False,
    version_ids: Iterable[int] | None = None,
    scales: dict[int, dict] | None = None,
) -> AssessmentFrames:
    """Build every scoring input of the assessments in a constant number of queries.

    ``version_ids`` (the assessments' framework versions) saves a query when already known,
    and so do ``scales`` (version id -> ``FrameworkVersion.scales``, see :func:`items_frame`).
    """
    version_ids = _version_ids(assessments) if version_ids is None else list(version_ids)
    everyone = respondents_frame(assessments)
    rows = answer_rows(assessments, include_in_progress=include_in_progress)
    items = items_frame(version_ids, scales=scales)
    return AssessmentFrames(
        all_respondents=everyone,
        respondents=counted(everyone, include_in_progress=include_in_progress),
        dimensions=dimensions_frame(version_ids),
        items=items,
        answers=likert_answers(rows, items),
        splits=quadrant_splits(rows, items),
        capability_ratings=ratings(rows, items, DimensionKind.CAPABILITY.value),
        culture_ratings=ratings(rows, items, DimensionKind.CULTURE.value),
        choices=choices(rows, items),
    )


# --- Which round is current ------------------------------------------------------------------


def _n_submitted() -> Count:
    return Count("respondents", filter=Q(respondents__submitted_at__isnull=False))


def _shows_results() -> Q:
    """Whether an opened round has results to show (``n_submitted`` is annotated): at least
    its anonymity threshold of submitted responses (`diagnosis.anonymity`).

    The single place the rule lives: the workspace, the strategy inputs and every report
    follow it.
    """
    return Q(n_submitted__gte=F("anonymity_threshold"))


def _rounds(organisation) -> QuerySet[Assessment]:
    """The organisation's rounds, newest first, each annotated with ``n_submitted`` (submitted
    responses) and ``shows_results`` (see :func:`_shows_results`)."""
    return (
        Assessment.objects.filter(organisation=organisation)
        .select_related("framework_version__framework")
        .annotate(n_submitted=_n_submitted())
        .annotate(shows_results=ExpressionWrapper(_shows_results(), output_field=BooleanField()))
        .order_by("-created_at", "-pk")
    )


def _opened_rounds(organisation) -> QuerySet[Assessment]:
    """The open and closed rounds of :func:`_rounds` (drafts never show results)."""
    return _rounds(organisation).filter(status__in=OPENED_STATUSES)


def assessment_current(*, organisation) -> Assessment | None:
    """The organisation's current round: the most recent round that has results to show.

    Rule: of the rounds that have been opened (open or closed, never a draft), the one created
    last among those with submitted responses (see :func:`_shows_results`). A round that was
    just opened and has no submitted response yet does *not* replace the previous one: the
    dashboard, the coherence check, the workspace and the PDF keep showing the previous round
    until the new one has results, and then all switch to it together. None when no round
    has results yet. One query; the round carries ``n_submitted``.
    """
    return _opened_rounds(organisation).filter(_shows_results()).first()


def _current_of(opened: list[Assessment]) -> Assessment | None:
    """:func:`assessment_current` over rounds already read by :func:`_opened_rounds`."""
    return next((a for a in opened if a.shows_results), None)


@dataclass(frozen=True)
class ReportRounds:
    """The rounds a report describes, by the rule of :func:`assessment_current`."""

    current: Assessment | None  # the round whose results are shown
    previous: Assessment | None  # the one before it with results, on the same framework
    collecting: Assessment | None  # a newer open round without results to show yet


def assessments_for_reports(*, organisation) -> ReportRounds:
    """The current round (:func:`assessment_current`), the previous one for "change since the
    last assessment" (the most recent earlier round with results on the same framework, any
    version), and the newest open round newer than the current one that is still collecting
    responses (so a page can say the figures switch once it has results). One query.
    """
    rounds = list(_opened_rounds(organisation))
    current = _current_of(rounds)
    previous = None
    if current is not None:
        framework = current.framework_version.framework_id
        earlier = rounds[rounds.index(current) + 1 :]
        previous = next(
            (
                a
                for a in earlier
                if a.shows_results and a.framework_version.framework_id == framework
            ),
            None,
        )
    newer = rounds[: rounds.index(current)] if current is not None else rounds
    collecting = next((a for a in newer if a.status == AssessmentStatus.OPEN), None)
    return ReportRounds(current=current, previous=previous, collecting=collecting)


def assessment_for_workspace(*, organisation) -> Assessment | None:
    """The round the diagnosis workspace starts from: the current round
    (:func:`assessment_current`); before any round has results, the newest opened round, else
    the newest draft, so that key challenges can be written against its framework's
    dimensions. One query.
    """
    rounds = list(_rounds(organisation))
    opened = [a for a in rounds if a.status in OPENED_STATUSES]
    return _current_of(opened) or next(iter(opened), None) or next(iter(rounds), None)


def respondents_with_links(assessment: Assessment) -> list[int]:
    """The respondents without a login who have a personal link in this round (ids)."""
    return list(
        assessment.respondents.filter(
            person__user__isnull=True, token_hash__isnull=False, revoked_at__isnull=True
        ).values_list("pk", flat=True)
    )
