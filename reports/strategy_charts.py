"""Strategy charts: the action roadmap, the accountability matrix and the coherence score.

Built from ``scores["strategy"]`` (see ``reports.strategy``); same chart entries as
``reports.charts``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from actions.models import ActionStatus, Feature
from lndstrategy.numbers import display, rounded_float

from .chart_base import (
    DOWN,
    SERIES,
    TODAY,
    chart,
    empty,
    figure,
    heat_colours,
    narrow_heat,
    narrow_ticks,
    short_wrap,
    table,
    wraps,
)

HORIZON_LABELS = {
    "now": gettext_lazy("Now"),
    "plan": gettext_lazy("Two-year plan"),
    "vision": gettext_lazy("Five-year vision"),
}
# Where an action without dates is drawn: an indicative span from today, hatched.
HORIZON_SPANS = {"now": 90, "plan": 730, "vision": 1825}
# The rules of `actions.coherence.RULES`, as the chart names them.
RULE_LABELS = {
    "no_challenges": gettext_lazy("No key challenges"),
    "challenge_without_policy": gettext_lazy("Challenges without a policy"),
    "policy_without_action": gettext_lazy("Policies without actions"),
    "action_on_retired_policy": gettext_lazy("Actions on retired policies"),
    "action_overdue": gettext_lazy("Overdue actions"),
    "action_without_owner": gettext_lazy("Actions without an owner"),
    "feature_without_leader": gettext_lazy("Features without a leader"),
    "quadrant_imbalance": gettext_lazy("Planned balance differs from the desired one"),
    "horizon_missing": gettext_lazy("Horizons without actions"),
    "no_vision": gettext_lazy("No five-year vision"),
    "policy_not_agreed": gettext_lazy("Policies not yet agreed"),
    "action_without_metric": gettext_lazy("Actions without a business metric"),
}
# The same rules as other frameworks name them.
DIMENSION_RULES = {"feature_without_leader": gettext_lazy("Dimensions without a leader")}
SEVERITY_LABELS = {
    "high": gettext_lazy("High"),
    "medium": gettext_lazy("Medium"),
    "low": gettext_lazy("Low"),
}
STATUS_LABELS = dict(ActionStatus.choices)
# The default framework's features, for snapshots from before the matrix named its dimensions.
FEATURE_ORDER = (
    "f1-learning-culture", "f2-problem-solving", "f3-outside-ideas", "f4-autonomy",
    "f5-supportive-leadership", "f6-lasting-improvement",
)  # fmt: skip


def _feature_names(scores: dict, language: str, codes: list[str]) -> list[str]:
    names = scores.get("labels", {}).get(language, {}).get("dimensions", {})
    names = names | {code: str(label) for code, label in Feature.choices}
    return [names.get(code, code) for code in codes]


def _owned(scores: dict, language: str) -> tuple[list[str], list[str], bool]:
    """The matrix's dimensions (codes, names) and whether they are the default framework's
    features: the dimensions that need an owner, as the snapshot names them."""
    matrix = (scores.get("strategy") or {}).get("accountability") or {}
    if "dimensions" not in matrix:  # an older snapshot: the six features
        codes = matrix.get("features") or list(FEATURE_ORDER)
        return codes, _feature_names(scores, language, codes), True
    codes, default = matrix["dimensions"], matrix.get("default_framework", True)
    if default:
        return codes, _feature_names(scores, language, codes), True
    names = (matrix.get("names") or {}).get(language) or {}
    labels = scores.get("labels", {}).get(language, {}).get("dimensions", {})
    return codes, [names.get(code) or labels.get(code, code) for code in codes], False


def roadmap_chart(scores: dict, language: str, today: date | None = None) -> dict[str, Any]:
    title = _("Action roadmap")
    actions = pd.DataFrame.from_records((scores.get("strategy") or {}).get("actions") or [])
    if actions.empty:
        return empty("roadmap", title, _("No actions planned yet."), "actions")
    today = today or date.fromisoformat(scores.get("built_on") or date.today().isoformat())
    span = actions["horizon"].map(HORIZON_SPANS).fillna(365)
    start = pd.to_datetime(actions["start"], errors="coerce")
    end = pd.to_datetime(actions["end"], errors="coerce")
    undated = start.isna() & end.isna()
    start = start.fillna(pd.Timestamp(today))
    end = end.fillna(start + pd.to_timedelta(span, unit="D"))
    end = end.where(end > start, start + timedelta(days=7))
    horizon_rank = actions["horizon"].map({"now": 0, "plan": 1, "vision": 2}).fillna(3)
    actions = actions.assign(
        _start=start, _end=end, _undated=undated, _rank=horizon_rank,
        owner=actions["owner"].replace("", _("No owner")),
        horizon_label=actions["horizon"].map(lambda h: str(HORIZON_LABELS.get(h, h))),
    ).sort_values(["_rank", "_start", "title"])  # fmt: skip
    labels = [f"{h} · {t}" for h, t in zip(actions["horizon_label"], actions["title"], strict=True)]
    actions["label"] = labels
    traces = []
    for index, (owner, rows) in enumerate(actions.groupby("owner", sort=True)):  # owners
        traces.append(
            go.Bar(
                y=rows["label"],
                base=rows["_start"].dt.strftime("%Y-%m-%d").tolist(),
                x=((rows["_end"] - rows["_start"]).dt.total_seconds() * 1000).tolist(),
                orientation="h",
                name=owner,
                marker={
                    "color": SERIES[index % len(SERIES)],
                    "pattern": {"shape": ["/" if u else "" for u in rows["_undated"]]},
                },
                hovertext=rows["title"],
            )
        )
    # The full "horizon · title" names the rows; the axis shows them on at most two lines.
    full = {
        "tickmode": "array",
        "tickvals": labels,
        "ticktext": [short_wrap(label, 30, 2) for label in labels],
    }
    fig = figure(
        traces,
        barmode="overlay",
        xaxis={"type": "date"},
        yaxis={"categoryorder": "array", "categoryarray": labels[::-1], "automargin": True} | full,
        height=max(280, 34 * len(actions) + 120),
        margin={"l": 20, "r": 20, "t": 20, "b": 90},
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom"},
        narrow={
            "yaxis": narrow_ticks(labels, list(actions["title"]), 16, 2),
            "xaxis": {"nticks": 4},
            "height": max(280, 34 * len(actions) + 160),
            "margin": {"l": 10, "r": 10, "t": 20, "b": 110},
        },
    )
    counts = actions["horizon_label"].value_counts()
    n_owners = actions["owner"].nunique()
    summary = _("%(actions)s by %(owners)s: %(split)s.") % {
        "actions": ngettext("%(n)s action", "%(n)s actions", len(actions)) % {"n": len(actions)},
        "owners": ngettext("%(n)s owner", "%(n)s owners", n_owners) % {"n": n_owners},
        "split": ", ".join(f"{count} × {label}" for label, count in counts.items()),
    }
    note = (
        _("Hatched bars have no dates yet; they show the horizon from today.")
        if undated.any()
        else ""
    )
    rows = zip(
        actions["title"], actions["owner"], actions["horizon_label"],
        actions["start"].fillna("–"), actions["end"].fillna("–"),
        [str(STATUS_LABELS.get(status, status)) for status in actions["status"]], strict=True,
    )  # fmt: skip
    columns = (_("Action"), _("Owner"), _("Horizon"), _("Start"), _("End"), _("Status"))
    return chart("roadmap", title, summary, fig, table(columns, rows), note)


def accountability_chart(scores: dict, language: str) -> dict[str, Any]:
    features, names, default = _owned(scores, language)
    title = (
        _("Accountability: leaders × the six features")
        if default
        else _("Accountability: leaders × the dimensions that need an owner")
    )
    matrix = (scores.get("strategy") or {}).get("accountability") or {}
    leaders = matrix.get("leaders") or []
    if not features:
        message = _("The framework marks no dimension as needing an accountable leader.")
        return empty("accountability", title, message, "actions")
    if not leaders or not (scores.get("strategy") or {}).get("actions"):
        return empty("accountability", title, _("Give actions an accountable owner."), "actions")
    grid = pd.DataFrame([row["counts"] for row in leaders], columns=features)
    leader_names = [r["name"] for r in leaders]
    x, y = wraps(leader_names, 10), wraps(names, 24)
    heat = go.Heatmap(
        z=grid.T.to_numpy().tolist(), y=y, x=x, coloraxis="coloraxis", texttemplate="%{z}",
    )  # fmt: skip
    # Leaders' names a word a line (three at most), smaller when many share the width.
    columns_font = 13 if len(leaders) <= 5 else 11
    fig = figure(
        [heat],
        height=120 + 50 * len(features),
        xaxis={"tickangle": 0, "side": "top", "automargin": True}
        | narrow_ticks(x, leader_names, 6, 3)
        | {"tickfont": {"size": columns_font}},
        yaxis={"automargin": True, "autorange": "reversed"},
        coloraxis=heat_colours(0, None, _("Actions")),
        margin={"l": 20, "r": 20, "t": 60, "b": 20},
        narrow=narrow_heat(x, leader_names, y, names, len(features)),
    )
    uncovered = [name for name, total in zip(names, grid.sum(), strict=True) if total == 0]
    if default:
        summary = (
            _("Features without an accountable leader: %(features)s.")
            % {"features": ", ".join(uncovered)}
            if uncovered
            else _("Every feature has at least one accountable leader.")
        )
    else:
        summary = (
            _("Dimensions without an accountable leader: %(dimensions)s.")
            % {"dimensions": ", ".join(uncovered)}
            if uncovered
            else _("Every dimension that needs an owner has at least one accountable leader.")
        )
    rows = [[row["name"], *row["counts"]] for row in leaders]
    return chart("accountability", title, summary, fig, table([_("Leader"), *names], rows))


COHERENCE_BANDS = ((0, 50, "#e0e0e0"), (50, 80, "#ebebeb"), (80, 100, "#f5f5f5"))


def _coherence_figure(score: float, labels: list[str], lost: list[float]) -> dict[str, Any]:
    """The score as a 0-100 bullet bar on top; below it, the points each kind of finding costs
    (largest first), one bar per rule."""
    name = _("Coherence score")
    rows = len(labels)
    top, bottom = 20, 50  # margins (px)
    plot = 110 + (36 * rows + 50 if rows else 0)  # the bullet block, then the findings' bars
    height = plot + top + bottom
    bullet_low = 1 - 75 / plot  # the bullet's band: 30 px under 45 px for the number
    traces = [
        go.Bar(
            y=[name], x=[score], orientation="h", xaxis="x2", yaxis="y2", width=0.5,
            marker_color=TODAY, name=name, hovertemplate="%{x:.0f} / 100<extra></extra>",
        )
    ]  # fmt: skip
    layout: dict[str, Any] = {
        "xaxis2": {"anchor": "y2", "range": [0, 100], "tickvals": [0, 20, 40, 60, 80, 100],
                   "showgrid": False, "fixedrange": True},
        "yaxis2": {"anchor": "x2", "domain": [bullet_low, 1 - 45 / plot], "automargin": True,
                   "fixedrange": True},
        "shapes": [
            {"type": "rect", "xref": "x2", "yref": "y2 domain", "x0": low, "x1": high,
             "y0": 0, "y1": 1, "fillcolor": colour, "line": {"width": 0}, "layer": "below"}
            for low, high, colour in COHERENCE_BANDS
        ],
        "annotations": [
            {"xref": "x2 domain", "yref": "y2 domain", "x": 0, "y": 1.1, "xanchor": "left",
             "yanchor": "bottom", "showarrow": False, "font": {"size": 22},
             "text": f"{display(score, 0)} / 100"}
        ],
    }  # fmt: skip
    narrow: dict[str, Any] = {}
    if rows:
        order = sorted(zip(lost, labels, strict=True), key=lambda pair: -pair[0])
        axis = wraps([label for _points, label in order], 26)
        points = [value for value, _label in order]
        traces.append(
            go.Bar(
                y=axis, x=points, orientation="h", marker_color=DOWN, name=_("Points lost"),
                text=[f"−{display(value, 0)}" for value in points], textposition="outside",
                cliponaxis=False,
            )
        )  # fmt: skip
        layout |= {
            "xaxis": {"title": {"text": _("Points lost")}, "range": [0, max(points) * 1.25]},
            "yaxis": {"automargin": True, "autorange": "reversed",
                      "domain": [0, (36 * rows) / plot]},
        }  # fmt: skip
        narrow = {
            "height": height + 12 * rows,
            "yaxis": narrow_ticks(axis, [label for _points, label in order], 16, 3),
        }
    else:
        layout["yaxis2"]["domain"] = [0, 1 - 45 / plot]
        layout["xaxis"] = {"visible": False}
        layout["yaxis"] = {"visible": False}
    return figure(
        traces,
        showlegend=False,
        height=height,
        margin={"l": 20, "r": 30, "t": top, "b": bottom},
        narrow=narrow or None,
        **layout,
    )


def coherence_chart(scores: dict, language: str) -> dict[str, Any]:
    title = _("Coherence of the strategy")
    coherence = (scores.get("strategy") or {}).get("coherence")
    if not coherence or coherence.get("score") is None:
        return empty(
            "coherence", title, _("Write key challenges, policies and actions first."), "policy"
        )
    lost = coherence.get("points_lost") or {}
    codes = [code for code in RULE_LABELS if code in lost] + [
        c for c in lost if c not in RULE_LABELS
    ]
    rule_labels = RULE_LABELS if _owned(scores, language)[2] else RULE_LABELS | DIMENSION_RULES
    labels = [str(rule_labels.get(code, code)) for code in codes]
    fig = _coherence_figure(rounded_float(coherence["score"], 0), labels,
                            [rounded_float(lost[code], 1) for code in codes])  # fmt: skip
    summary = _("The strategy scores %(score)s out of 100 for coherence.") % {
        "score": display(coherence["score"], 0)
    }
    if codes:
        top = max(codes, key=lambda code: lost[code])
        summary += " " + _("Most points are lost on: %(rule)s.") % {
            "rule": str(rule_labels.get(top, top)).lower()
        }
    findings = (coherence.get("findings") or {}).get(language) or []
    rows = [
        (
            str(SEVERITY_LABELS.get(f["severity"], f["severity"])),
            f["message"],
            display(f["penalty"], 0),
        )
        for f in findings
    ]
    data = table((_("Severity"), _("Finding"), _("Points lost")), rows)
    return chart("coherence", title, summary, fig, data)


def build(scores: dict, language: str) -> list[dict[str, Any]]:
    return [
        roadmap_chart(scores, language),
        accountability_chart(scores, language),
        coherence_chart(scores, language),
    ]
