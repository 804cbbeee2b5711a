"""The dashboard's charts, built from a snapshot's ``scores`` as Plotly figure dicts.

``build_charts(scores, language)`` returns the charts in page order. Each is a dict with key,
title, summary (the text alternative: one sentence saying what the chart shows), figure (Plotly
``{"data", "layout"}``), table (columns and rows of display strings) and note; a chart without
data instead carries ``empty``, a sentence saying what to do next. The strategy charts (roadmap,
accountability, coherence) are in ``reports.strategy_charts``. Frames are built with pandas
from the stored records; nothing loops over respondents.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from diagnosis import anonymity
from lndstrategy.numbers import display, display_all, rounded_float, rounded_floats

from . import strategy_charts
from .chart_base import (
    BENCHMARK,
    PLANNED,
    TARGET,
    TODAY,
    chart,
    default_wording,
    dimension_heading,
    dimension_names,
    empty,
    figure,
    frame,
    framework_has,
    level_label,
    narrow_ticks,
    on_scale,
    out_of,
    point_text,
    scale_text,
    score_column,
    score_scale,
    short_names,
    table,
    wraps,
)
from .comparison_charts import agreement_chart, change_chart
from .instrument_charts import BOTTOM_LEGEND, blocks_chart, norms_chart

LEVEL_STEPS = ["#f2f2f2", "#e0e0e0", "#cccccc", "#b8b8b8", "#a3a3a3"]


def _overall_sentence(scores: dict, n: int, respondents: int) -> str:
    """The overall score's sentence, in the framework's words (placeholders: score, out_of,
    level, label, n, respondents)."""
    framework = scores.get("framework") or {}
    if default_wording(scores):
        return ngettext(
            "Overall maturity is %(score)s out of %(out_of)s, level %(level)s (%(label)s), the "
            "average of %(n)s feature as %(respondents)s respondents see it.",
            "Overall maturity is %(score)s out of %(out_of)s, level %(level)s (%(label)s), the "
            "average of %(n)s features as %(respondents)s respondents see them.",
            n,
        )
    if framework.get("dimension_weights"):
        return ngettext(
            "Overall maturity is %(score)s out of %(out_of)s, level %(level)s (%(label)s), the "
            "weighted average of %(n)s dimension as %(respondents)s respondents see it.",
            "Overall maturity is %(score)s out of %(out_of)s, level %(level)s (%(label)s), the "
            "weighted average of %(n)s dimensions as %(respondents)s respondents see them.",
            n,
        )
    return ngettext(
        "Overall maturity is %(score)s out of %(out_of)s, level %(level)s (%(label)s), the "
        "average of %(n)s dimension as %(respondents)s respondents see it.",
        "Overall maturity is %(score)s out of %(out_of)s, level %(level)s (%(label)s), the "
        "average of %(n)s dimensions as %(respondents)s respondents see them.",
        n,
    )


def overall_chart(scores: dict, language: str) -> dict[str, Any]:
    title = _("Overall maturity")
    results = scores.get("results")
    overall = results["overall"] if results else None
    if not overall or overall["score_100"] is None:
        return empty("overall", title, _("No answers have been submitted yet."), "diagnosis")
    level = overall["level"]
    label = level_label(scores, language, level)
    # On the scale the dimensions share (1-5 for the default framework), else on 0-100.
    scale = (overall.get("scale_min", 1.0), overall.get("scale_max", 5.0))
    scale = None if None in scale else scale
    shown = overall["score"] if scale else overall["score_100"]
    low, high = scale or (0.0, 100.0)
    bands = rounded_floats([low + (high - low) * step / 5 for step in range(6)], 6)
    indicator = go.Indicator(
        mode="gauge+number",
        value=rounded_float(shown, 1),  # the precision the gauge shows
        number={"valueformat": ".1f", "suffix": f" / {point_text(high)}"},
        gauge={
            "axis": {"range": [low, high], "tickvals": bands},
            "bar": {"color": TODAY},
            "steps": [
                {"range": [bottom, top], "color": LEVEL_STEPS[i]}
                for i, (bottom, top) in enumerate(pairwise(bands))
            ],
        },
    )
    fig = figure([indicator], height=260, margin={"l": 30, "r": 30, "t": 30, "b": 10})
    summary = _overall_sentence(scores, overall["n_dimensions"], results["n_respondents"]) % {
        "score": display(shown),
        "out_of": out_of(scale),
        "level": level,
        "label": label,
        "n": overall["n_dimensions"],
        "respondents": results["n_respondents"],
    }
    on_its_scale = []
    if scale == (1.0, 5.0):
        on_its_scale = [(_("Overall score (1–5)"), display(overall["score"]))]
    elif scale:
        name = _("Overall score (%(scale)s)") % {"scale": scale_text(scale)}
        on_its_scale = [(name, display(overall["score"]))]
    rows = [
        *on_its_scale,
        (_("Overall score (0–100)"), display(overall["score_100"], 0)),
        (_("Level"), f"{level} · {label}" if label else level),
        (_("Respondents"), results["n_respondents"]),
    ]
    return chart("overall", title, summary, fig, table((_("Measure"), _("Value")), rows))


def features_chart(scores: dict, language: str) -> dict[str, Any]:
    default = default_wording(scores)
    title = (
        _("The six features of a learning organisation") if default else _("Scores by dimension")
    )
    results = scores.get("results")
    dims = frame(
        results["dimensions"] if results else [], ["code", "score", "score_100", "level", "n"]
    )
    dims = dims[dims["score"].notna()] if not dims.empty else dims
    if dims.empty:
        nothing = (
            _("No feature has enough answers yet.")
            if default
            else _("No dimension has enough answers yet.")
        )
        return empty("features", title, nothing, "diagnosis")
    names = dimension_names(scores, language)
    dims = dims.assign(label=dims["code"].map(names).fillna(dims.get("name")))
    bench = frame(scores.get("benchmark") or [], ["dimension", "benchmark_median", "percentile"])
    dims = dims.merge(
        bench.rename(columns={"dimension": "code"})[["code", "benchmark_median", "percentile"]],
        on="code",
        how="left",
    )
    closed = [*list(dims["label"]), dims["label"].iloc[0]]
    scale = score_scale(scores)  # the dimensions' shared scale, else 0-100
    shown = dims["score"] if scale else dims["score_100"]
    traces = [
        go.Scatterpolar(
            r=rounded_floats([*shown, shown.iloc[0]], 2),
            theta=closed,
            name=_("Today"),
            fill="toself",
            line={"color": TODAY, "width": 3},
            marker={"symbol": "circle", "size": 8},
        )
    ]
    bench_scores = on_scale(dims["benchmark_median"], scale)
    has_benchmark = bench_scores.notna().any()
    if has_benchmark:
        traces.append(
            go.Scatterpolar(
                r=rounded_floats([*bench_scores, bench_scores.iloc[0]], 2),
                theta=closed,
                name=_("Benchmark (median of other organisations)"),
                line={"color": BENCHMARK, "dash": "dash", "width": 2},
                marker={"symbol": "diamond", "size": 8},
            )
        )
    short = short_names(scores, language)
    names_on_axis = list(dims["code"].map(short).fillna(dims["label"]))
    axis = wraps(names_on_axis, 16)
    for trace in traces:
        trace.theta = [*axis, axis[0]]
    low, high = scale or (0.0, 100.0)
    ticks = list(range(int(low), int(high) + 1)) if high - low <= 10 else None
    # The scale's numbers run between the first two spokes, clear of the top spoke's name.
    between = 90 + 180 / max(len(axis), 1)
    fig = figure(
        traces,
        polar={
            "radialaxis": {"range": [low, high], "tickvals": ticks, "angle": between,
                           "tickangle": between, "tickfont": {"size": 11}},
            "angularaxis": {"rotation": 90, "direction": "counterclockwise"},
        },
        # Room above and below for the top and bottom names (three lines each) when the
        # circle fills the height, as in the PDF's wide charts.
        height=460,
        margin={"l": 120, "r": 120, "t": 70, "b": 70},
        narrow={
            "height": 400,
            "margin": {"l": 62, "r": 62, "t": 50, "b": 30},
            "polar": {"angularaxis": narrow_ticks(axis, names_on_axis, 10, 3)
                      | {"tickfont": {"size": 10}}},
            "legend": {"y": -0.05, "yanchor": "top"},
        },
    )  # fmt: skip
    ranked = dims.sort_values(["score", "code"], ascending=[False, True])
    strongest, weakest = ranked.iloc[0], ranked.iloc[-1]
    sentence = (
        _(
            "Strongest feature: %(strong)s (%(strong_score)s out of %(out_of)s); weakest: "
            "%(weak)s (%(weak_score)s)."
        )
        if default
        else _(
            "Strongest dimension: %(strong)s (%(strong_score)s out of %(out_of)s); weakest: "
            "%(weak)s (%(weak_score)s)."
        )
    )
    summary = sentence % {
        "out_of": out_of(scale),
        "strong": strongest["label"],
        "strong_score": display(strongest["score"]),
        "weak": weakest["label"],
        "weak_score": display(weakest["score"]),
    }
    columns = [
        dimension_heading(scores),
        score_column(scale),
        _("Level"),
        _("Respondents"),
        _("Agreement (rwg)"),
    ]
    if has_benchmark:
        columns += [_("Benchmark median"), _("Percentile")]
    rows = zip(
        dims["label"],
        display_all(shown),
        dims["level"].fillna("–"),
        dims["n"],
        display_all(dims.get("rwg_j", pd.Series([None] * len(dims))), 2),
        display_all(bench_scores),
        display_all(dims["percentile"], 0),
        strict=True,
    )
    data = table(columns, [row[: len(columns)] for row in rows])
    note = "" if has_benchmark else _("A benchmark appears once five other organisations use it.")
    return chart("features", title, summary, fig, data, note)


def quadrants_chart(scores: dict, language: str) -> dict[str, Any] | None:
    if not framework_has(scores, "quadrant"):
        return None
    title = (
        _("Learning effort across the four quadrants")
        if default_wording(scores)
        else _("Learning effort across the quadrants")
    )
    results = scores.get("results")
    shares = frame(
        results["quadrants"]["shares"] if results else [], ["quadrant", "today", "desired"]
    )
    if shares.empty:
        return empty("quadrants", title, _("No valid 100-point splits yet."), "diagnosis")
    labels = scores.get("labels", {}).get(language, {}).get("quadrants", {})
    shares = shares.assign(label=shares["quadrant"].map(labels).fillna(shares["quadrant"]))
    planned = (scores.get("strategy") or {}).get("planned_quadrants")
    shares["planned"] = shares["quadrant"].map(planned or {})
    # Horizontal bars: the quadrants' names read across, at any width.
    quadrant_axis = wraps(shares["label"], 16)
    traces = [
        go.Bar(
            y=quadrant_axis,
            x=rounded_floats(shares["today"], 1),
            name=_("Today"),
            orientation="h",
            marker_color=TODAY,
        ),
        go.Bar(
            y=quadrant_axis,
            x=rounded_floats(shares["desired"], 1),
            name=_("Desired"),
            orientation="h",
            marker={"color": TARGET, "pattern": {"shape": "/"}},
        ),
    ]
    if planned:
        traces.append(
            go.Bar(
                y=quadrant_axis,
                x=rounded_floats(shares["planned"], 1),
                name=_("Planned by actions"),
                orientation="h",
                marker={"color": PLANNED, "pattern": {"shape": "."}},
            )
        )
    fig = figure(
        traces,
        barmode="group",
        xaxis={"title": {"text": _("Share of effort (per cent)")}, "rangemode": "tozero"},
        yaxis={"automargin": True, "autorange": "reversed"},
        margin={"l": 20, "r": 20, "t": 20, "b": 100},
        legend=BOTTOM_LEGEND,
        height=120 + 30 * len(traces) * len(shares),
        narrow={"yaxis": narrow_ticks(quadrant_axis, shares["label"], 12, 3)},
    )
    biggest = shares.loc[shares["shift"].abs().idxmax()]
    summary = _(
        "The biggest desired change is %(label)s: from %(today)s%% of effort today to "
        "%(desired)s%%."
    ) % {
        "label": biggest["label"],
        "today": display(biggest["today"], 0),
        "desired": display(biggest["desired"], 0),
    }
    columns = [_("Quadrant"), _("Today (%)"), _("Desired (%)")]
    rows = zip(
        shares["label"], display_all(shares["today"]), display_all(shares["desired"]), strict=True
    )
    rows = [list(row) for row in rows]
    if planned:
        columns.append(_("Planned by actions (%)"))
        for row, value in zip(rows, display_all(shares["planned"]), strict=True):
            row.append(value)
    return chart("quadrants", title, summary, fig, table(columns, rows))


def _gap_chart(key: str, title: str, records: list, target_name: str, language: str, scores):
    gaps = frame(records, ["code", "name", "current", "target", "gap", "n"])
    if gaps.empty:
        return empty(key, title, _("No current and target ratings yet."), "diagnosis")
    names = dimension_names(scores, language)
    gaps = gaps.assign(label=gaps["code"].map(names).fillna(gaps["name"]))
    ordered = gaps.iloc[::-1]  # largest gap at the top of a horizontal bar chart
    aspect_axis = wraps(ordered["label"], 22)
    traces = [
        go.Bar(
            y=aspect_axis, x=rounded_floats(ordered["current"], 2), name=_("Current"),
            orientation="h", marker_color=TODAY,
        ),
        go.Bar(
            y=aspect_axis, x=rounded_floats(ordered["target"], 2), name=target_name,
            orientation="h", marker={"color": TARGET, "pattern": {"shape": "/"}},
        ),
    ]  # fmt: skip
    fig = figure(
        traces,
        barmode="group",
        xaxis={"range": [0, 5], "title": {"text": _("Rating (1–5)")}},
        yaxis={"automargin": True},
        margin={"l": 20, "r": 20, "t": 20, "b": 100},
        legend=BOTTOM_LEGEND,
        height=max(300, 60 * len(gaps) + 120),
        narrow={"yaxis": narrow_ticks(aspect_axis, ordered["label"], 14, 3)},
    )
    top = gaps.iloc[0]
    summary = _("Largest gap: %(label)s, %(current)s now against %(target)s wanted.") % {
        "label": top["label"],
        "current": display(top["current"]),
        "target": display(top["target"]),
    }
    rows = zip(
        gaps["label"], display_all(gaps["current"]), display_all(gaps["target"]),
        display_all(gaps["gap"]), gaps["n"], strict=True,
    )  # fmt: skip
    columns = (_("Aspect"), _("Current"), target_name, _("Gap"), _("Respondents"))
    return chart(key, title, summary, fig, table(columns, rows))


def capabilities_chart(scores: dict, language: str) -> dict[str, Any] | None:
    if not framework_has(scores, "capability"):
        return None
    results = scores.get("results")
    return _gap_chart(
        "capabilities", _("L&D capabilities: current and target level"),
        results["capability_gaps"] if results else [], _("Target"), language, scores,
    )  # fmt: skip


def culture_chart(scores: dict, language: str) -> dict[str, Any] | None:
    if not framework_has(scores, "culture"):
        return None
    results = scores.get("results")
    return _gap_chart(
        "culture", _("Culture: current and desired"),
        results["culture_gaps"] if results else [], _("Desired"), language, scores,
    )  # fmt: skip


DIAGNOSIS_CHARTS = (
    overall_chart,
    blocks_chart,  # only for a framework with blocks
    features_chart,
    norms_chart,  # only for a framework with norms
    quadrants_chart,
    capabilities_chart,
    culture_chart,
    agreement_chart,
    change_chart,
)


def build_charts(scores: dict, language: str) -> list[dict[str, Any]]:
    """Every dashboard chart for ``scores`` with its texts in ``language`` (a chart the
    framework has nothing for, such as blocks without blocks, is left out).

    Each drawn chart also carries ``table_html``: its data table rendered (and escaped) once
    here, so the dashboard request only pastes it in.
    """
    with translation.override(language):
        built = (build(scores, language) for build in DIAGNOSIS_CHARTS)
        charts = [chart for chart in built if chart is not None]  # None: nothing to chart
        withheld = anonymity.message_of(scores.get("anonymity"))
        if withheld and (scores.get("anonymity") or {}).get("counted"):
            for chart in charts:  # results below the round's reporting minimum: say how many more
                if chart["empty"]:
                    chart["empty"] = withheld
        charts += strategy_charts.build(scores, language)
        for chart in charts:
            chart["table_html"] = (
                render_to_string("reports/_table.html", {"chart": chart}) if chart["table"] else ""
            )
    return charts


def build_all_languages(scores: dict, languages: list[str]) -> dict[str, list[dict[str, Any]]]:
    return {language: build_charts(scores, language) for language in languages}


def figure_svgs(charts: list[dict[str, Any]]) -> dict[str, str]:
    """SVG renderings of the charts for documents, by Kaleido in this process's warm Chromium
    (see ``reports.exports.svg``); the export step stores them in the snapshot's ``svgs``."""
    from .exports.svg import chart_svgs

    return chart_svgs(charts)
