"""Charts that compare: scores of respondent groups side by side, and the change since the
previous diagnostic round. Part of the dashboard's charts (``reports.charts``)."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lndstrategy.numbers import display, display_all, rounded_floats

from .chart_base import (
    DOWN,
    SEQUENTIAL,
    UP,
    chart,
    default_wording,
    dimension_heading,
    dimension_names,
    empty,
    figure,
    frame,
    scale_text,
    score_column,
    score_scale,
    short_names,
    table,
    wraps,
)


def agreement_chart(scores: dict, language: str) -> dict[str, Any]:
    title = _("Scores by respondent group")
    results = scores.get("results")
    dims = results["dimensions"] if results else []
    names = dimension_names(scores, language)
    group_labels = scores.get("labels", {}).get(language, {}).get("groups", {})
    records = [{"code": d["code"], "rwg_j": d["rwg_j"], **g} for d in dims for g in d["groups"]]
    groups = frame(records, ["code", "group", "score", "score_100", "suppressed", "n"])
    scale = score_scale(scores)  # the dimensions' shared scale, else 0-100
    value = "score" if scale else "score_100"
    if groups.empty:
        return empty("agreement", title, _("No group has answered yet."), "diagnosis")
    shown = groups[~groups["suppressed"].astype(bool)]
    hidden = sorted(
        set(groups.loc[groups["suppressed"].astype(bool), "group"]) - set(shown["group"])
    )
    hidden_labels = [group_labels.get(g, g) for g in hidden]
    note = (
        _("Hidden to protect anonymity (too few respondents): %(groups)s.")
        % {"groups": ", ".join(hidden_labels)}
        if hidden
        else ""
    )
    if shown.empty:
        return empty("agreement", title, note or _("No group is large enough to show."), "")
    order = list(dict.fromkeys(d["code"] for d in dims))
    grid = shown.pivot_table(index="code", columns="group", values=value, aggfunc="first")
    grid = grid.reindex([c for c in order if c in grid.index])
    short = short_names(scores, language)
    x = wraps([group_labels.get(g, g) for g in grid.columns], 12)
    y = wraps([short.get(c, c) for c in grid.index], 24)
    z = [rounded_floats(row, 1) for row in grid.to_numpy()]  # as the cells show them
    low, high = scale or (0.0, 100.0)
    heat = go.Heatmap(
        z=z, x=x, y=y, zmin=low, zmax=high, colorscale=SEQUENTIAL, texttemplate="%{z:.1f}",
        colorbar={"title": {"text": _("Score")}}, hoverongaps=False,
    )  # fmt: skip
    fig = figure(
        [heat],
        height=120 + 50 * len(y),
        xaxis={"tickangle": 0, "side": "top"},
        yaxis={"automargin": True, "autorange": "reversed"},
        margin={"l": 20, "r": 20, "t": 60, "b": 20},
    )
    spread = grid.max(axis=1) - grid.min(axis=1)
    summary = ngettext(
        "Scores of %(n)s group side by side.", "Scores of %(n)s groups side by side.", len(x)
    ) % {"n": len(x)}
    if spread.notna().any() and len(x) > 1:
        widest = spread.idxmax()
        summary = _(
            "Groups differ most on %(feature)s, by %(spread)s points on the %(scale)s scale."
        ) % {
            "feature": names.get(widest, widest),
            "spread": display(spread.max()),
            "scale": scale_text(scale),
        }
    rows = zip(
        [names.get(c, c) for c in shown["code"]],
        [group_labels.get(g, g) for g in shown["group"]],
        display_all(shown[value]),
        shown["n"],
        strict=True,
    )
    columns = (dimension_heading(scores), _("Group"), score_column(scale), _("Respondents"))
    return chart("agreement", title, summary, fig, table(columns, rows), note)


def _change_axis(scale: tuple[float, float] | None) -> str:
    if scale == (1.0, 5.0):
        return _("Change (1–5 scale)")
    return _("Change (%(scale)s scale)") % {"scale": scale_text(scale)}


def change_chart(scores: dict, language: str) -> dict[str, Any]:
    title = _("Change since the last assessment")
    change = scores.get("change")
    if not change:
        return empty(
            "change", title, _("The change appears after a second diagnostic round."), "diagnosis"
        )
    names = dimension_names(scores, language)
    rows = frame(change["dimensions"], ["code", "name", "score_before", "score_after", "delta"])
    rows = rows[rows["delta"].notna()]
    if rows.empty:
        nothing = (
            _("No feature was scored in both rounds.")
            if default_wording(scores)
            else _("No dimension was scored in both rounds.")
        )
        return empty("change", title, nothing, "")
    rows = rows.assign(label=rows["code"].map(names).fillna(rows["name"]))
    scale = score_scale(scores)  # the dimensions' shared scale, else 0-100
    if scale is None:
        rows = rows.assign(delta=rows["delta_100"])
    colours = rows["delta"].ge(0).map({True: UP, False: DOWN})
    short = short_names(scores, language)
    bar = go.Bar(
        x=wraps(rows["code"].map(short).fillna(rows["label"]), 14),
        y=rounded_floats(rows["delta"], 2),
        marker_color=list(colours),
        text=display_all(rows["delta"], 2, signed=True),
        textposition="outside", name=_("Change"),
    )  # fmt: skip
    fig = figure(
        [bar],
        yaxis={"title": {"text": _change_axis(scale)}, "zeroline": True},
        xaxis={"tickangle": 0},
        margin={"l": 60, "r": 20, "t": 20, "b": 90},
    )
    summary = _("Overall maturity moved by %(delta)s points on the 0–100 scale.") % {
        "delta": display(change["overall_delta"])
    }
    previous = scores.get("previous_assessment") or {}
    note = _("Compared with “%(title)s”.") % {"title": previous.get("title", "")}
    data = zip(
        rows["label"], display_all(rows["score_before"]), display_all(rows["score_after"]),
        display_all(rows["delta"], 2), strict=True,
    )  # fmt: skip
    columns = (dimension_heading(scores), _("Before"), _("Now"), _("Change"))
    return chart("change", title, summary, fig, table(columns, data), note)
