"""A consultant's clients side by side, from the scores their snapshots store (nothing is
scored here): response rate, overall maturity, coherence and the state of their actions for
every client, and per dimension only among clients whose current round uses the same
framework. A client's own portfolio needs no benchmark minimum of organisations, but a round
below its reporting minimum has no results in its snapshot and so never enters a comparison.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actions.models import ActionStatus, Feature
from diagnosis.anonymity import message_of
from lndstrategy.numbers import display, rounded_float, rounded_floats
from maturity.models import translated

from .chart_base import SEQUENTIAL, chart, figure, table, wraps
from .selectors import ClientSnapshots

OPEN_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, ActionStatus.ON_HOLD)
SHOWN_STATUSES = (
    ActionStatus.DONE,
    ActionStatus.IN_PROGRESS,
    ActionStatus.PLANNED,
    ActionStatus.ON_HOLD,
)


@dataclass(frozen=True)
class Client:
    """One client's row of the comparison."""

    membership: Any
    round_title: str
    withheld: str  # "n more responses are needed…" of a round below its minimum, else ""
    has_results: bool
    invited: int | None
    submitted: int | None
    response_rate: float | None  # 0..100
    overall_100: float | None
    coherence: float | None  # 0..100
    statuses: dict[str, int]
    overdue: int
    framework_id: int | None
    scores: dict[str, float | None] = field(default_factory=dict)  # dimension code -> 0..100

    @property
    def organisation(self):
        return self.membership.organisation

    @property
    def n_actions(self) -> int:
        return sum(self.statuses.values())

    @property
    def status_text(self) -> str:
        labels = dict(ActionStatus.choices)
        parts = [
            f"{self.statuses[status]} {str(labels[status]).lower()}"
            for status in SHOWN_STATUSES
            if self.statuses.get(status)
        ]
        return " · ".join(parts)


@dataclass(frozen=True)
class FrameworkGroup:
    """Clients whose current round uses one framework, compared dimension by dimension."""

    key: str
    name: str
    dimensions: list[tuple[str, str]]  # (code, name) in framework order
    clients: list[Client]
    chart: dict[str, Any]


@dataclass(frozen=True)
class Comparison:
    clients: list[Client]
    groups: list[FrameworkGroup]
    several_frameworks: bool

    @property
    def figures(self) -> dict[str, Any]:
        return {group.key: group.chart["figure"] for group in self.groups}


def _response_counts(results: dict | None) -> tuple[int | None, int | None, float | None]:
    if not results:
        return None, None, None
    responses = results.get("responses") or []
    invited = sum(int(r.get("invited") or 0) for r in responses)
    submitted = sum(int(r.get("submitted") or 0) for r in responses)
    rate = 100 * submitted / invited if invited else None
    return invited, submitted, rate


def _actions(strategy: dict | None, today: date) -> tuple[dict[str, int], int]:
    counts: dict[str, int] = {}
    overdue = 0
    for action in (strategy or {}).get("actions") or []:
        status = action.get("status") or ActionStatus.PLANNED
        counts[status] = counts.get(status, 0) + 1
        end = action.get("end")
        if status in OPEN_STATUSES and end and date.fromisoformat(end) < today:
            overdue += 1
    return counts, overdue


def _client(membership, scores: dict | None, frameworks: dict, today: date) -> Client:
    scores = scores or {}
    results = scores.get("results")
    assessment = scores.get("assessment") or {}
    invited, submitted, rate = _response_counts(results)
    statuses, overdue = _actions(scores.get("strategy"), today)
    coherence = ((scores.get("strategy") or {}).get("coherence") or {}).get("score")
    framework = frameworks.get(assessment.get("framework_version_id"))
    dimension_scores = {
        d["code"]: d.get("score_100") for d in (results or {}).get("dimensions") or []
    }
    return Client(
        membership=membership,
        round_title=assessment.get("title", ""),
        withheld=message_of(scores.get("anonymity")),
        has_results=bool(results),
        invited=invited,
        submitted=submitted,
        response_rate=rate,
        overall_100=((results or {}).get("overall") or {}).get("score_100"),
        coherence=coherence,
        statuses=statuses,
        overdue=overdue,
        framework_id=framework[0] if framework and results else None,
        scores=dimension_scores,
    )


def _dimension_names(scores: dict, language: str) -> list[tuple[str, str]]:
    names = (scores.get("labels") or {}).get(language, {}).get("dimensions", {})
    if (scores.get("framework") or {}).get("default"):
        names = names | {code: str(label) for code, label in Feature.choices}
    results = scores.get("results") or {}
    return [
        (d["code"], names.get(d["code"]) or d.get("name") or d["code"])
        for d in results["dimensions"]
    ]


def _heatmap(key: str, name: str, dimensions: list, clients: list[Client]) -> dict[str, Any]:
    """Dimensions down, clients across (a handful of columns fits a phone), the colour bar
    below the plot so that it takes no width."""
    x = wraps([client.organisation.name for client in clients], 14)
    y = wraps([label for _code, label in dimensions], 22)
    z = [rounded_floats([c.scores.get(code) for c in clients], 0) for code, _label in dimensions]
    heat = go.Heatmap(
        z=z, x=x, y=y, zmin=0, zmax=100, colorscale=SEQUENTIAL, texttemplate="%{z:.0f}",
        colorbar={
            "title": {"text": _("Score (0–100)"), "side": "top"}, "orientation": "h",
            "y": -0.04, "yanchor": "top", "thickness": 12, "len": 1,
        },
        hoverongaps=False, xgap=2, ygap=2,
    )  # fmt: skip
    fig = figure(
        [heat],
        height=200 + 46 * len(y),
        xaxis={"tickangle": 0, "side": "top", "automargin": True},
        yaxis={"automargin": True, "autorange": "reversed"},
        margin={"l": 10, "r": 10, "t": 70, "b": 70},
    )
    summary = ngettext(
        "Scores of %(n)s client on %(framework)s, dimension by dimension.",
        "Scores of %(n)s clients on %(framework)s side by side, dimension by dimension.",
        len(clients),
    ) % {"n": len(clients), "framework": name}
    columns = [_("Organisation"), *(label for _code, label in dimensions)]
    rows = [
        [client.organisation.name, *(display(client.scores.get(c), 0) for c, _l in dimensions)]
        for client in clients
    ]
    title = _("Dimensions on %(framework)s") % {"framework": name}
    return chart(key, title, summary, fig, table(columns, rows))


def portfolio_comparison(
    data: ClientSnapshots, *, language: str, today: date | None = None
) -> Comparison:
    """The comparison of ``data``'s clients, texts in ``language`` (call it inside that
    language's ``translation.override`` or the request's language)."""
    today = today or timezone.localdate()
    clients = [
        _client(m, data.scores.get(m.organisation_id), data.frameworks, today)
        for m in data.memberships
    ]
    groups: list[FrameworkGroup] = []
    framework_ids = list(dict.fromkeys(c.framework_id for c in clients if c.framework_id))
    titles = {framework_id: title for framework_id, title in data.frameworks.values()}
    for framework_id in framework_ids:
        members = [c for c in clients if c.framework_id == framework_id]
        # The dimensions of every member's round, in framework order (versions may differ).
        dimensions = list(
            dict.fromkeys(
                pair
                for member in members
                for pair in _dimension_names(data.scores[member.organisation.pk], language)
            )
        )
        seen: set[str] = set()
        dimensions = [(c, n) for c, n in dimensions if not (c in seen or seen.add(c))]
        name = translated(titles.get(framework_id), language) or _("Framework")
        key = f"framework-{framework_id}"
        groups.append(
            FrameworkGroup(key, name, dimensions, members, _heatmap(key, name, dimensions, members))
        )
    return Comparison(clients, groups, several_frameworks=len(groups) > 1)


def _percent(value: float | None) -> float | None:
    return rounded_float(value, 0)


def portfolio_xlsx(comparison: Comparison, *, language: str) -> bytes:
    """The comparison as a workbook: the clients' sheet, then one sheet of dimension scores
    per framework (pandas with openpyxl, styled and neutralised as the organisation's XLSX)."""
    from .exports.safety import neutralise_cell, neutralise_frame
    from .exports.xlsx import _style

    labels = dict(ActionStatus.choices)
    with translation.override(language):
        clients = pd.DataFrame(
            [
                {
                    _("Organisation"): c.organisation.name,
                    _("Diagnostic round"): c.round_title,
                    _("Invited"): c.invited,
                    _("Submitted"): c.submitted,
                    _("Response rate (%)"): _percent(c.response_rate),
                    _("Overall maturity (0–100)"): rounded_float(c.overall_100, 0),
                    _("Coherence (0–100)"): rounded_float(c.coherence, 0),
                    **{str(labels[s]): c.statuses.get(s, 0) for s in SHOWN_STATUSES},
                    _("Overdue"): c.overdue,
                    _("Note"): c.withheld,
                }
                for c in comparison.clients
            ]
        )
        sheets = {_("Clients"): clients}
        for group in comparison.groups:
            frame = pd.DataFrame(
                [
                    {
                        _("Organisation"): c.organisation.name,
                        **{
                            name: rounded_float(c.scores.get(code), 0)
                            for code, name in group.dimensions
                        },
                    }
                    for c in group.clients
                ]
            )
            sheets[group.name] = frame
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            used: set[str] = set()
            for title, frame in sheets.items():
                safe = str(neutralise_cell(title))[:31]
                for char in "[]:*?/\\":
                    safe = safe.replace(char, " ")
                while safe in used:
                    safe = safe[:28] + f" {len(used)}"
                used.add(safe)
                neutralise_frame(frame).to_excel(writer, sheet_name=safe, index=False)
                _style(writer.sheets[safe])
            writer.book.properties.creator = "L&D Strategy"
            writer.book.properties.title = _("Client overview")
    return buffer.getvalue()
