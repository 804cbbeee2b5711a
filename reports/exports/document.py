"""What the PDF strategy report shows, gathered as plain data for its template.

Numbers and charts come from the snapshot (its ``scores``, ``figures`` and ``svgs``), so the
report says exactly what the dashboard of that data version says. The words the snapshot
does not keep — the strategic context in the respondents' own words, the key challenges,
policies and actions in full — are read from the database in a fixed number of queries when
the document is built, right after the snapshot (see ``reports.exports.services``).

Everything here is data; the template (``reports/pdf/report.html``) escapes every text.
"""

from __future__ import annotations

import base64
import io
import logging
import mimetypes
import re
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone, translation

from actions.models import Action, ActionStatus, Horizon, Quadrant, Vision
from actions.selectors import action_dimensions
from diagnosis.anonymity import message_of
from diagnosis.models import Assessment, KeyChallenge, KnowledgeGap, Priority, SourcingApproach
from diagnosis.perspectives import perspectives
from lndstrategy.numbers import display
from maturity.models import FrameworkVersion, translated
from organisations.logos import LOGO_SIDE, LogoError, logo_png, logo_size
from organisations.models import Membership, Organisation, Role
from policy.models import Policy, PolicyStatus

from ..chart_base import default_wording, point_text, score_column, score_scale
from ..models import ReportSnapshot
from .method import method_paragraphs

DIAGNOSIS_CHARTS = (
    "overall", "blocks", "features", "norms", "quadrants", "capabilities", "culture",
    "agreement", "change",
)  # fmt: skip
STRATEGY_CHARTS = ("roadmap", "accountability")
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULT_BRAND = "#1f6feb"
LOGO_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}
MAX_LOGO_BYTES = 2 * 1024 * 1024
TOP = 3  # strengths and gaps in the executive summary

logger = logging.getLogger(__name__)


def brand_colours(colour: str | None) -> dict[str, str]:
    """The brand colour (validated again: it goes into CSS) and a readable text colour on it."""
    colour = colour if colour and HEX_COLOUR.match(colour) else DEFAULT_BRAND
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return {"brand": colour.lower(), "on_brand": "#ffffff" if luminance < 0.45 else "#1b1f24"}


def logo_data_url(organisation: Organisation) -> str:
    """The logo as a ``data:`` URL read from storage ("" when none or unreadable).

    Uploads are stored at most ``LOGO_SIDE`` pixels on a side (``organisations.logos``); a logo
    stored before that (or put in storage another way) is measured from its header first:
    larger than a logo may be, it is left out with a warning in the log; merely larger than the
    documents need, it is downscaled here, so a 12,000 × 12,000 "logo bomb" never gets decoded.
    """
    if not organisation.logo:
        return ""
    content_type = mimetypes.guess_type(organisation.logo.name)[0]
    if content_type not in LOGO_TYPES:
        return ""
    try:
        with organisation.logo.open("rb") as handle:
            data = handle.read(MAX_LOGO_BYTES + 1)
    except OSError:
        return ""
    if len(data) > MAX_LOGO_BYTES:
        return ""
    try:
        width, height = logo_size(io.BytesIO(data))
        if max(width, height) > LOGO_SIDE:
            data, content_type = logo_png(io.BytesIO(data)).png, "image/png"
    except LogoError as error:
        logger.warning(
            "Left the logo of organisation %s out of its documents: %s (%s x %s pixels)",
            organisation.pk,
            error,
            error.width,
            error.height,
        )
        return ""
    return f"data:{content_type};base64,{base64.b64encode(data).decode()}"


def prepared_by(organisation: Organisation, requested_by=None) -> str:
    """Who the report names as having prepared it: the member who asked for the documents,
    else the organisation's owner (the L&D leader, whose report it is), else its consultant
    (one query). The cover adds the organisation it is prepared for."""
    requester = getattr(requested_by, "pk", requested_by)
    members = list(
        Membership.objects.filter(organisation=organisation)
        .filter(Q(role__in=[Role.CONSULTANT, Role.OWNER]) | Q(user_id=requester))
        .select_related("user")
        .order_by("created_at", "pk")
    )
    for rule in (
        lambda m: requester is not None and m.user_id == requester,
        lambda m: m.role == Role.OWNER,
        lambda m: m.role == Role.CONSULTANT,
    ):
        found = next((m for m in members if rule(m)), None)
        if found is not None:
            return found.user.get_full_name() or found.user.username
    return ""


def _svg_url(svg: str | None) -> str:
    return f"data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()}" if svg else ""


def _charts(snapshot: ReportSnapshot, language: str, svgs: dict[str, str]) -> dict[str, dict]:
    out = {}
    for chart in snapshot.figures.get(language) or []:
        out[chart["key"]] = chart | {"image": _svg_url(svgs.get(chart["key"]))}
    return out


def _named(records: list[dict], names: dict, levels: dict, tops: dict[str, str]) -> list[dict]:
    return [
        record
        | {
            "label": names.get(record["code"], record.get("name", record["code"])),
            "level_text": levels.get(str(record.get("level")), "") if record.get("level") else "",
            "score_text": display(record.get("score")),
            "out_of": tops.get(record["code"], "5"),
        }
        for record in records
    ]


def _out_of(record: dict) -> str:
    """The top of the scale a dimension's (or the overall) score is on; "100" where none."""
    top = record.get("scale_max", 5.0)
    return point_text(top) if top is not None else "100"


def _summary(scores: dict, language: str) -> dict[str, Any]:
    results = scores.get("results") or {}
    labels = scores.get("labels", {}).get(language, {})
    names, levels = labels.get("dimensions", {}), labels.get("levels", {})
    overall = results.get("overall") or {}
    dimensions = results.get("dimensions") or []
    tops = {d["code"]: _out_of(d) for d in dimensions}
    on_its_scale = overall.get("scale_max", 5.0) is not None
    disagreements = [
        d | {"label": names.get(d["code"], d["name"]), "rwg_text": display(d["rwg_j"], 2),
             "leadership_rwg_text": display(d["leadership_rwg_j"], 2)}
        for d in [*dimensions, *(results.get("obstacles") or [])]
        if d.get("leadership_no_agreement") or d.get("no_agreement")
    ]  # fmt: skip
    strategy = scores.get("strategy") or {}
    coherence = strategy.get("coherence") or {}
    return {
        "has_results": bool(results),
        # Below the round's reporting minimum: how many more responses are needed ("" if none).
        "withheld": message_of(scores.get("anonymity")) if not results else "",
        "overall_score": display(overall.get("score" if on_its_scale else "score_100")),
        "overall_out_of": _out_of(overall),
        "overall_score_100": display(overall.get("score_100"), 0),
        "overall_level": overall.get("level"),
        "overall_level_text": levels.get(str(overall.get("level")), ""),
        "n_respondents": results.get("n_respondents", 0),
        "strengths": _named((results.get("strengths") or [])[:TOP], names, levels, tops),
        "gaps": _named((results.get("gaps") or [])[:TOP], names, levels, tops),
        "disagreements": disagreements,
        "n_challenges": strategy.get("n_challenges", 0),
        "n_policies": strategy.get("n_policies", 0),
        "n_actions": strategy.get("n_actions", 0),
        "coherence_score": coherence.get("score"),
        "coherence_findings": (coherence.get("findings") or {}).get(language) or [],
    }


def _blocks(scores: dict, language: str) -> dict[str, Any]:
    """The framework's blocks, each with its dimensions below it (no rows without blocks).
    Scores are on the dimensions' shared scale, else on 0..100."""
    results = scores.get("results") or {}
    labels = scores.get("labels", {}).get(language, {})
    names, levels = labels.get("dimensions", {}), labels.get("levels", {})
    block_names = labels.get("blocks", {})
    scale = score_scale(scores)
    by_code = {d["code"]: d for d in [*(results.get("dimensions") or []),
                                       *(results.get("obstacles") or [])]}  # fmt: skip

    def row(record: dict, label: str) -> dict[str, Any]:
        level = record.get("level")
        score = record.get("score") if scale else record.get("score_100")
        return {
            "label": label,
            "score_text": display(score),
            "level": level,
            "level_text": levels.get(str(level), "") if level else "",
        }

    rows = [
        row(block, block_names.get(block["code"], block["name"]))
        | {
            "dimensions": [
                row(by_code[code], names.get(code, by_code[code]["name"]))
                for code in block["dimensions"]
                if code in by_code
            ]
        }
        for block in results.get("blocks") or []
    ]
    return {"rows": rows, "score_heading": score_column(scale)}


def _appendix(scores: dict, language: str, assessment: Assessment | None) -> dict[str, Any]:
    results = scores.get("results") or {}
    labels = scores.get("labels", {}).get(language, {})
    names, groups = labels.get("dimensions", {}), labels.get("groups", {})
    rule = scores.get("anonymity") or {}
    responses = [
        r | {"label": groups.get(r["group"], r["label"]),
             "rate": display(100 * r["submitted"] / r["invited"], 0) if r["invited"] else "–"}
        for r in results.get("responses") or []
    ]  # fmt: skip
    invited = sum(r["invited"] for r in responses)
    submitted = sum(r["submitted"] for r in responses)
    reliability = [
        {
            "label": names.get(d["code"], d["name"]),
            "n": d["n"],
            "alpha": display(d["alpha"], 2),
            "alpha_note": translation.gettext(d["alpha_note"]) if d["alpha_note"] else "",
            "rwg": display(d["rwg_j"], 2),
        }
        for d in [*(results.get("dimensions") or []), *(results.get("obstacles") or [])]
    ]
    framework = None
    if assessment is not None:
        version = FrameworkVersion.objects.get(pk=assessment.framework_version_id)
        framework = {"name": translated(version.title), "version": version.version}
    return {
        "responses": responses,
        "invited": invited,
        "submitted": submitted,
        "rate": display(100 * submitted / invited, 0) if invited else "–",
        "reliability": reliability,
        "min_group_size": results.get("min_group_size", rule.get("threshold", 3)),
        "anonymous": results.get("anonymous", rule.get("anonymous", True)),
        "withheld": message_of(rule) if not results else "",
        "framework": framework,
        "method": method_paragraphs(scores, language),
    }


def _strategy(organisation: Organisation, names: dict) -> dict[str, Any]:
    """Key challenges, knowledge gaps, vision, policies with their challenges and actions."""
    challenges = list(KeyChallenge.objects.filter(organisation=organisation))
    priorities = dict(Priority.choices)
    # The names of the dimensions actions develop (the default framework: its feature names).
    developed = action_dimensions(organisation=organisation).names
    challenge_rows = [
        {
            "id": c.pk,
            "title": c.title,
            "description": c.description,
            "priority": str(priorities.get(c.priority, "")),
            "dimensions": [
                names.get(code) or developed.get(code, code) for code in c.dimension_codes or []
            ],
        }
        for c in challenges
    ]
    actions = Action.objects.select_related("owner").order_by("start_date", "pk")
    policies = list(
        Policy.objects.filter(organisation=organisation, retired_at__isnull=True).prefetch_related(
            Prefetch("challenges", queryset=KeyChallenge.objects.only("pk", "title")),
            Prefetch("actions", queryset=actions),
        )
    )
    labels = {
        "horizon": dict(Horizon.choices), "status": dict(ActionStatus.choices),
        "quadrant": dict(Quadrant.choices),
    }  # fmt: skip
    policy_rows = []
    for policy in policies:
        policy_rows.append(
            {
                "statement": policy.statement,
                "rationale": policy.rationale,
                "agreed": policy.status == PolicyStatus.AGREED,
                "challenges": [c.title for c in policy.challenges.all()],
                "actions": [_action_row(a, labels, developed) for a in policy.actions.all()],
            }
        )
    gaps = [
        {
            "target_group": g.target_group,
            "competence": g.competence,
            "present": g.present_level,
            "needed": g.needed_level,
            "gap": g.gap,
            "approach": str(dict(SourcingApproach.choices).get(g.approach, g.approach)),
        }
        for g in KnowledgeGap.objects.filter(organisation=organisation)
    ]
    vision = Vision.objects.filter(organisation=organisation).first()
    return {
        "challenges": challenge_rows,
        "knowledge_gaps": gaps,
        "policies": policy_rows,
        "vision": vision.statement if vision else "",
        "vision_year": vision.target_year if vision else None,
    }


def _action_row(action: Action, labels: dict, names: dict) -> dict[str, Any]:
    owner = (action.owner.name or action.owner.email) if action.owner else ""
    metric = ""
    if action.metric_name:
        target = (
            f" → {display(action.metric_target, 0)}" if action.metric_target is not None else ""
        )
        metric = f"{action.metric_name}{target} {action.metric_unit}".strip()
    return {
        "title": action.title,
        "owner": owner,
        "horizon": str(labels["horizon"].get(action.horizon, action.horizon)),
        "quadrant": str(labels["quadrant"].get(action.quadrant, action.quadrant)),
        "status": str(labels["status"].get(action.status, action.status)),
        "start": action.start_date,
        "end": action.end_date,
        "metric": metric,
        "dimensions": action.dimension_labels(names),
        "dropped": action.status == ActionStatus.DROPPED,
    }


def report_context(
    snapshot: ReportSnapshot,
    language: str,
    svgs: dict[str, str],
    *,
    author: str = "",
) -> dict[str, Any]:
    """Everything ``reports/pdf/report.html`` needs, texts in ``language`` (call it inside
    ``translation.override(language)``)."""
    organisation = snapshot.organisation
    scores = snapshot.scores
    names = scores.get("labels", {}).get(language, {}).get("dimensions", {})
    assessment_data = scores.get("assessment") or None
    assessment = None
    context_questions = []
    if assessment_data:
        assessment = Assessment.objects.filter(
            organisation=organisation, pk=assessment_data["id"]
        ).first()
    if assessment is not None and scores.get("results"):  # nothing quoted below the minimum
        context_questions = [q for q in perspectives(assessment) if q.perspectives]
    charts = _charts(snapshot, language, svgs)
    return {
        "organisation": organisation,
        "colours": brand_colours(organisation.brand_colour),
        "logo": logo_data_url(organisation),
        "author": author,
        "language": language,
        "built_at": timezone.localtime(),
        "snapshot": snapshot,
        "assessment": assessment_data,
        "summary": _summary(scores, language),
        "context_questions": context_questions,
        "diagnosis_charts": [charts[key] for key in DIAGNOSIS_CHARTS if key in charts],
        "strategy_charts": [charts[key] for key in STRATEGY_CHARTS if key in charts],
        "coherence_chart": charts.get("coherence"),
        "strategy": _strategy(organisation, names),
        "appendix": _appendix(scores, language, assessment),
        "blocks": _blocks(scores, language),
        "level_labels": scores.get("labels", {}).get(language, {}).get("levels", {}),
        "default_wording": default_wording(scores),
    }
