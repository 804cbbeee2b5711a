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
    UP,
    chart,
    default_wording,
    dimension_heading,
    dimension_names,
    empty,
    figure,
    frame,
    heat_colours,
    narrow_heat,
    narrow_ticks,
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
    group_names = [group_labels.get(g, g) for g in grid.columns]
    row_names = [short.get(c, c) for c in grid.index]
    x = wraps(group_names, 12)
    y = wraps(row_names, 24)
    z = [rounded_floats(row, 1) for row in grid.to_numpy()]  # as the cells show them
    low, high = scale or (0.0, 100.0)
    heat = go.Heatmap(
        z=z, x=x, y=y, coloraxis="coloraxis", texttemplate="%{z:.1f}", hoverongaps=False,
    )  # fmt: skip
    fig = figure(
        [heat],
        height=120 + 50 * len(y),
        xaxis={"tickangle": 0, "side": "top", "automargin": True},
        yaxis={"automargin": True, "autorange": "reversed"},
        coloraxis=heat_colours(low, high, _("Score")),
        margin={"l": 20, "r": 20, "t": 60, "b": 20},
        narrow=narrow_heat(x, group_names, y, row_names, len(y)),
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
    names_on_axis = list(rows["code"].map(short).fillna(rows["label"]))
    axis = wraps(names_on_axis, 24)
    deltas = rounded_floats(rows["delta"], 2)
    # Horizontal bars: every name reads across; room either side for the numbers at the ends.
    low, high = min(0.0, *deltas), max(0.0, *deltas)
    room = max(high - low, 0.1) * 0.3
    bar = go.Bar(
        y=axis, x=deltas, orientation="h", marker_color=list(colours),
        text=display_all(rows["delta"], 2, signed=True),
        textposition="outside", cliponaxis=False, name=_("Change"),
    )  # fmt: skip
    fig = figure(
        [bar],
        xaxis={"title": {"text": _change_axis(scale)}, "zeroline": True,
               "zerolinecolor": "#6c757d", "range": [low - room, high + room]},
        yaxis={"automargin": True, "autorange": "reversed"},
        margin={"l": 20, "r": 20, "t": 20, "b": 50},
        # Room for names on two lines in every font the charts name (Noto's lines are taller).
        height=max(260, 42 * len(axis) + 90),
        narrow={"yaxis": narrow_ticks(axis, names_on_axis, 14, 2)},
    )  # fmt: skip
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
