"""The tables of the spreadsheet exports, as pandas frames with readable, translated headers.

Call each inside ``translation.override(language)``. Scores come from the snapshot; answers,
gaps, challenges, policies and actions are read from the database in a fixed number of
queries. Respondents appear only under a pseudonym drawn afresh for each export
(`diagnosis.anonymity.Pseudonyms`): never a name or an email. Row-level answers follow the
round's reporting minimum k (`diagnosis.anonymity`): none below k responses, and a group only
where the group may be shown. Cells are not yet neutralised against formulas: the writers do that
(`reports.exports.safety`).
"""

from __future__ import annotations

import pandas as pd
from django.utils.translation import gettext as _

from actions.models import Action, ActionStatus, Feature, Horizon, Quadrant, WorkType
from actions.selectors import action_dimensions
from diagnosis import anonymity, selectors
from diagnosis.models import Assessment, KeyChallenge, KnowledgeGap, Priority, SourcingApproach
from diagnosis.result_types import NORM_POSITION_LABELS
from lndstrategy.numbers import rounded_column
from maturity.models import translated
from organisations.models import Organisation
from policy.models import Policy, PolicyStatus

from ..chart_base import score_column, score_scale
from ..models import ReportSnapshot


def results_shown(snapshot: ReportSnapshot) -> bool:
    """Whether the snapshot's round reached its reporting minimum (older snapshots without the
    rule count as shown when they hold results; the live count is checked as well)."""
    rule = snapshot.scores.get("anonymity")
    if rule is not None:
        return bool(rule.get("shown"))
    return bool(snapshot.scores.get("results"))


def _labels(scores: dict, language: str) -> dict:
    return scores.get("labels", {}).get(language, {})


def _kind(kind: str) -> str:
    return {
        "feature": _("Feature of a learning organisation"),
        "custom": _("Custom dimension"),
        "obstacle": _("Obstacle"),
        "capability": _("L&D capability"),
        "culture": _("Culture aspect"),
    }.get(kind, kind)


def _norm_columns(records: list[dict]) -> dict[str, dict[str, dict]]:
    """Source label -> dimension code -> its norm, for every source of norms in ``records``."""
    sources: dict[str, dict[str, dict]] = {}
    for d in records:
        for norm in d.get("norms") or []:
            label = f"{norm['source']} ({norm['year']})" if norm.get("year") else norm["source"]
            sources.setdefault(label, {})[d["code"]] = norm
    return sources


def scores_frame(snapshot: ReportSnapshot, language: str) -> pd.DataFrame:
    """One row per scored dimension (features, custom dimensions, obstacles), overall first,
    then a row per block where the framework has blocks. Scores are on the dimensions' shared
    scale (its range in the heading), else on each dimension's own scale. Each dimension's
    weight in the overall score is given; blocks add a Block column, norms their quartiles and
    where the organisation stands, per source."""
    results = snapshot.scores.get("results") or {}
    labels = _labels(snapshot.scores, language)
    names, levels = labels.get("dimensions", {}), labels.get("levels", {})
    block_names = labels.get("blocks", {})
    overall = results.get("overall") or {}
    records = [*(results.get("dimensions") or []), *(results.get("obstacles") or [])]
    blocks = results.get("blocks") or []
    block_of = {code: block["code"] for block in blocks for code in block["dimensions"]}
    scale = score_scale(snapshot.scores)
    rows = []
    if results:
        rows.append(
            {"code": "overall", "name": _("Overall maturity"), "kind": "", "n": None,
             "score": overall.get("score"), "score_100": overall.get("score_100"),
             "level": overall.get("level")}
        )  # fmt: skip
    for d in records:
        rows.append(
            {"code": d["code"], "name": names.get(d["code"], d["name"]), "kind": _kind(d["kind"]),
             "n": d["n"], "score": d["score"], "score_100": d["score_100"], "level": d["level"],
             "sd": d["sd"], "rwg_j": d["rwg_j"], "leadership_rwg_j": d["leadership_rwg_j"],
             "alpha": d["alpha"], "weight": d.get("weight", 1.0),
             "block": block_names.get(block_of.get(d["code"]), "")}
        )  # fmt: skip
    for block in blocks:
        rows.append(
            {"code": block["code"], "name": block_names.get(block["code"], block["name"]),
             "kind": _("Block"), "score": block["score"], "score_100": block["score_100"],
             "level": block["level"], "n": None}
        )  # fmt: skip
    frame = pd.DataFrame.from_records(
        rows,
        columns=["code", "name", "kind", "score", "score_100", "level", "n", "sd", "rwg_j",
                 "leadership_rwg_j", "alpha", "weight", "block"],
    )  # fmt: skip
    frame.insert(
        6,
        "level_label",
        frame["level"].map(lambda v: levels.get(str(int(v)), "") if pd.notna(v) else ""),
    )
    for column in ("score", "score_100", "sd", "rwg_j", "leadership_rwg_j", "alpha"):
        frame[column] = rounded_column(frame[column], 4)
    frame["weight"] = pd.to_numeric(frame["weight"], errors="coerce")
    frame["level"] = pd.to_numeric(frame["level"], errors="coerce").astype("Int64")
    frame["n"] = pd.to_numeric(frame["n"], errors="coerce").astype("Int64")
    if not blocks:
        frame = frame.drop(columns="block")
    renamed = {
        "code": _("Code"), "name": _("Dimension"), "kind": _("Kind"),
        "score": score_column(scale) if scale else _("Score (on the dimension's scale)"),
        "score_100": _("Score (0–100)"), "level": _("Level"),
        "level_label": _("Level name"), "n": _("Respondents"), "sd": _("Standard deviation"),
        "rwg_j": _("Agreement rwg(j)"),
        "leadership_rwg_j": _("Agreement in the leadership team"),
        "alpha": _("Cronbach's alpha"), "weight": _("Weight in the overall score"),
        "block": _("Block"),
    }  # fmt: skip
    frame = frame.rename(columns=renamed)
    positions = {key: str(label) for key, label in NORM_POSITION_LABELS.items()}
    codes = [row["code"] for row in rows]
    for source, norms in _norm_columns(records).items():
        for key, heading in (
            ("q1", _("%(source)s: first quartile")), ("median", _("%(source)s: median")),
            ("q3", _("%(source)s: third quartile")), ("n", _("%(source)s: sample size")),
        ):  # fmt: skip
            frame[heading % {"source": source}] = [
                norms[code][key] if code in norms else None for code in codes
            ]
        frame[_("%(source)s: where we stand") % {"source": source}] = [
            positions.get(norms[code].get("position"), "") if code in norms else ""
            for code in codes
        ]
    return frame


def blocks_frame(snapshot: ReportSnapshot, language: str) -> pd.DataFrame | None:
    """One row per dimension of each block, with the block's score beside its dimension's, so
    a block's 0–100 score can be checked as the average of its dimensions'. None (no sheet)
    when the framework has no blocks."""
    results = snapshot.scores.get("results") or {}
    labels = _labels(snapshot.scores, language)
    block_names = labels.get("blocks", {})
    if not block_names and not results.get("blocks"):
        return None
    names, levels = labels.get("dimensions", {}), labels.get("levels", {})
    by_code = {d["code"]: d for d in [*(results.get("dimensions") or []),
                                       *(results.get("obstacles") or [])]}  # fmt: skip
    scale = score_scale(snapshot.scores)
    heading = score_column(scale) if scale else _("Score (on the dimension's scale)")

    def level_name(level) -> str:
        return levels.get(str(level), "") if level else ""

    rows = [
        [block["code"], block_names.get(block["code"], block["name"]), block["score"],
         block["score_100"], block["level"], level_name(block["level"]), code,
         names.get(code, by_code[code]["name"]), by_code[code]["score"],
         by_code[code]["score_100"], by_code[code]["level"]]
        for block in results.get("blocks") or []
        for code in block["dimensions"]
        if code in by_code
    ]  # fmt: skip
    columns = [
        _("Block code"), _("Block"), _("Block: %(heading)s") % {"heading": heading},
        _("Block: score (0–100)"), _("Block: level"), _("Block: level name"), _("Code"),
        _("Dimension"), heading, _("Score (0–100)"), _("Level"),
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    for column in (columns[2], columns[3], columns[8], columns[9]):
        frame[column] = rounded_column(frame[column], 4)
    for column in (columns[4], columns[10]):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    return frame


def answers_frame(snapshot: ReportSnapshot, language: str) -> pd.DataFrame:
    """Every submitted answer to a scored item, one row each, under a pseudonym drawn for this
    export (four queries); no row while the round is below its reporting minimum."""
    columns = [
        _("Respondent"), _("Group"), _("Dimension"), _("Item"), _("Statement"), _("Answer"),
        _("Target or desired"), _("Choice"), _("Don't know"), _("Reverse-worded"),
        _("Lowest point"), _("Highest point"), _("Weight in the dimension"),
    ]  # fmt: skip
    info = snapshot.scores.get("assessment") or {}
    assessment = Assessment.objects.filter(
        organisation_id=snapshot.organisation_id, pk=info.get("id")
    ).first()
    if assessment is None:
        return pd.DataFrame(columns=columns)
    people = selectors.counted(selectors.respondents_frame(assessment))
    rows = selectors.answer_rows(assessment)
    items = selectors.items_frame([assessment.framework_version_id])
    dimensions = selectors.dimensions_frame([assessment.framework_version_id])
    if rows.empty:
        return pd.DataFrame(columns=columns)
    k = anonymity.threshold(assessment)
    if not results_shown(snapshot) or len(people) < k:
        return pd.DataFrame(columns=columns)  # below the reporting minimum: no row at all
    labels = _labels(snapshot.scores, language)
    group_names = labels.get("groups", {})
    people = people.assign(
        pseudonym=anonymity.Pseudonyms().many(people["respondent"]),
        group_label=anonymity.group_labels(people, k, lambda g: group_names.get(g, g)),
    )
    dimension_names = {
        row.dimension: translated(row.name, language) for row in dimensions.itertuples()
    }
    frame = (
        rows.merge(people[["respondent", "pseudonym", "group_label"]], on="respondent")
        .merge(
            items[
                [
                    "item",
                    "code",
                    "dimension",
                    "text",
                    "options",
                    "response",
                    "reverse",
                    "scale_min",
                    "scale_max",
                    "weight",
                ]
            ],
            on="item",
        )
        .sort_values(["pseudonym", "item"], kind="stable")
    )
    options = {
        (row.item, option["code"]): translated(option.get("label"), language)
        for row in items.itertuples()
        for option in row.options or []
    }
    scored = frame["response"].isin(selectors.SCORED_RESPONSES)
    choice = [
        options.get((i, c), c) if c else ""
        for i, c in zip(frame["item"], frame["choice"].fillna(""), strict=True)
    ]
    return pd.DataFrame(
        {
            columns[0]: frame["pseudonym"].to_numpy(),
            columns[1]: frame["group_label"].to_numpy(),
            columns[2]: frame["dimension"]
            .map(dimension_names)
            .fillna(frame["dimension"])
            .to_numpy(),
            columns[3]: frame["code"].to_numpy(),
            columns[4]: [translated(text, language) for text in frame["text"]],
            columns[5]: frame["value"].where(~frame["dont_know"]).to_numpy(),
            columns[6]: frame["target"].where(~frame["dont_know"]).to_numpy(),
            columns[7]: choice,
            columns[8]: frame["dont_know"].map({True: _("Yes"), False: ""}).to_numpy(),
            # What recomputing the scores needs: reverse-worded items are scored
            # lowest + highest - answer; a dimension's score is the weighted mean of its items.
            columns[9]: frame["reverse"].map({True: _("Yes"), False: ""}).to_numpy(),
            columns[10]: frame["scale_min"].to_numpy(),
            columns[11]: frame["scale_max"].to_numpy(),
            columns[12]: frame["weight"].where(scored).to_numpy(),
        }
    )


def gaps_frame(snapshot: ReportSnapshot, language: str) -> pd.DataFrame:
    """Capability and culture gaps (current against target) and the knowledge gaps."""
    results = snapshot.scores.get("results") or {}
    names = _labels(snapshot.scores, language).get("dimensions", {})
    rows = []
    for kind, records in (("capability", results.get("capability_gaps") or []),
                          ("culture", results.get("culture_gaps") or [])):  # fmt: skip
        for gap in records:
            rows.append(
                [_kind(kind), names.get(gap["code"], gap["name"]), gap["current"], gap["target"],
                 gap["gap"], gap["n"], ""]
            )  # fmt: skip
    approaches = dict(SourcingApproach.choices)
    for gap in KnowledgeGap.objects.filter(organisation_id=snapshot.organisation_id):
        rows.append(
            [_("Knowledge gap"), f"{gap.target_group}: {gap.competence}", gap.present_level,
             gap.needed_level, gap.gap, None, str(approaches.get(gap.approach, gap.approach))]
        )  # fmt: skip
    frame = pd.DataFrame(
        rows,
        columns=[_("Kind"), _("Aspect"), _("Current"), _("Target"), _("Gap"), _("Respondents"),
                 _("Build, buy or borrow")],
    )  # fmt: skip
    for column in (_("Current"), _("Target"), _("Gap")):
        frame[column] = rounded_column(frame[column], 3)
    frame[_("Respondents")] = pd.to_numeric(frame[_("Respondents")]).astype("Int64")
    return frame


def challenges_frame(snapshot: ReportSnapshot, language: str) -> pd.DataFrame:
    names = _labels(snapshot.scores, language).get("dimensions", {})
    names = {code: str(label) for code, label in Feature.choices} | names
    priorities = dict(Priority.choices)
    rows = [
        [index, c.title, c.description, str(priorities.get(c.priority, c.priority)),
         ", ".join(names.get(code, code) for code in c.dimension_codes or [])]
        for index, c in enumerate(KeyChallenge.objects.filter(organisation_id=snapshot.organisation_id), 1)  # noqa: E501
    ]  # fmt: skip
    return pd.DataFrame(
        rows, columns=["#", _("Key challenge"), _("Description"), _("Priority"), _("Dimensions")]
    )


def policies_frame(snapshot: ReportSnapshot, language: str) -> pd.DataFrame:
    policies = Policy.objects.filter(organisation_id=snapshot.organisation_id).prefetch_related(
        "challenges"
    )
    statuses = dict(PolicyStatus.choices)
    rows = [
        [index, p.statement, p.rationale, str(statuses.get(p.status, p.status)),
         "; ".join(c.title for c in p.challenges.all()), _("Yes") if p.retired_at else ""]
        for index, p in enumerate(policies, 1)
    ]  # fmt: skip
    return pd.DataFrame(
        rows,
        columns=["#", _("Guiding policy"), _("Why this meets the challenges"), _("Status"),
                 _("Key challenges it addresses"), _("Retired")],
    )  # fmt: skip


def actions_frame(organisation: Organisation | int) -> pd.DataFrame:
    """Every action of the organisation with its policy, owner, horizon, dates and metric."""
    organisation_id = getattr(organisation, "pk", organisation)
    choices = {
        "horizon": dict(Horizon.choices), "quadrant": dict(Quadrant.choices),
        "work_type": dict(WorkType.choices), "status": dict(ActionStatus.choices),
    }  # fmt: skip
    dimensions = action_dimensions(organisation=organisation_id)
    names = dimensions.names
    rows = []
    actions = Action.objects.filter(organisation_id=organisation_id).select_related(
        "owner", "policy"
    )
    for a in actions.order_by("start_date", "pk"):
        owner = (a.owner.name or a.owner.email) if a.owner else ""
        rows.append(
            [a.title, a.policy.statement, owner, str(choices["horizon"].get(a.horizon, a.horizon)),
             str(choices["quadrant"].get(a.quadrant, a.quadrant)),
             str(choices["work_type"].get(a.work_type, a.work_type)),
             ", ".join(a.dimension_labels(names)),
             a.start_date, a.end_date, a.effort_days,
             float(a.budget) if a.budget is not None else None, a.metric_name, a.metric_unit,
             *(float(v) if v is not None else None
               for v in (a.metric_baseline, a.metric_target, a.metric_current)),
             str(choices["status"].get(a.status, a.status))]
        )  # fmt: skip
    frame = pd.DataFrame(
        rows,
        columns=[_("Action"), _("Guiding policy"), _("Accountable owner"), _("Horizon"),
                 _("Quadrant"), _("Type of work"),
                 _("Features it develops") if dimensions.default_framework
                 else _("Dimensions it develops"), _("Start date"),
                 _("End date"), _("Effort (person-days)"), _("Budget (€)"), _("Business metric"),
                 _("Unit"), _("Baseline"), _("Target"), _("Latest value"), _("Status")],
    )  # fmt: skip
    frame[_("Effort (person-days)")] = pd.to_numeric(frame[_("Effort (person-days)")]).astype(
        "Int64"
    )
    for column in (_("Budget (€)"), _("Baseline"), _("Target"), _("Latest value")):
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame


SHEETS = (
    ("answers", answers_frame),
    ("scores", scores_frame),
    ("blocks", blocks_frame),  # only for a framework with blocks
    ("gaps", gaps_frame),
    ("challenges", challenges_frame),
    ("policies", policies_frame),
    ("actions", lambda snapshot, language: actions_frame(snapshot.organisation_id)),
)


def sheet_title(key: str) -> str:
    return {
        "answers": _("Answers"), "scores": _("Scores and levels"), "blocks": _("Blocks"),
        "gaps": _("Gaps"),
        "challenges": _("Key challenges"), "policies": _("Guiding policies"),
        "actions": _("Actions"),
    }[key]  # fmt: skip
