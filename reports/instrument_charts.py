"""Charts of what a framework of its own may add: its blocks of dimensions, and where the
organisation stands against the published norms it carries. Part of the dashboard's charts
(``reports.charts``); a framework without blocks (or without norms) gets no such chart at all.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from diagnosis.result_types import NORM_POSITION_LABELS
from lndstrategy.numbers import display

from .chart_base import (
    BENCHMARK,
    OKABE_ITO,
    TODAY,
    chart,
    dimension_names,
    empty,
    figure,
    level_label,
    point_text,
    score_column,
    score_scale,
    table,
    wrap,
)

DIMENSION_BAR = OKABE_ITO["sky"]
MEDIAN = OKABE_ITO["black"]


def _labels(scores: dict, language: str) -> dict:
    return scores.get("labels", {}).get(language, {})


def _axis(scale: tuple[float, float] | None) -> dict[str, Any]:
    low, high = scale or (0.0, 100.0)
    ticks = list(range(int(low), int(high) + 1)) if high - low <= 10 else None
    return {"range": [low, high], "tickvals": ticks}


def _value(record: dict, scale: tuple[float, float] | None, key: str = "score") -> float | None:
    """A record's score on the shared scale, or its 0..100 score when there is none."""
    return record.get(key) if scale else record.get(f"{key}_100")


# Below the axis title, at the bottom of the chart (not of the plot area, which it overlapped).
BOTTOM_LEGEND = {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom"}


def blocks_chart(scores: dict, language: str) -> dict[str, Any] | None:
    """Each block's score above the scores of its dimensions; None without blocks."""
    blocks_named = _labels(scores, language).get("blocks") or {}
    results = scores.get("results") or {}
    blocks = results.get("blocks") or []
    if not blocks_named and not blocks:
        return None
    title = _("Blocks and their dimensions")
    scored = [block for block in blocks if block.get("score_100") is not None]
    if not scored:
        return empty("blocks", title, _("No block has enough answers yet."), "diagnosis")
    scale = score_scale(scores)
    names = dimension_names(scores, language)
    by_code = {d["code"]: d for d in [*results["dimensions"], *(results.get("obstacles") or [])]}
    rows, labels, values, kinds = [], [], [], []
    for block in blocks:
        name = blocks_named.get(block["code"], block["name"])
        labels.append(wrap(name, 28))
        values.append(_value(block, scale))
        kinds.append("block")
        rows.append(
            (name, _("The block"), display(_value(block, scale)),
             level_label(scores, language, block["level"]) or block["level"] or "–")
        )  # fmt: skip
        for code in block["dimensions"]:
            dimension = by_code.get(code)
            if dimension is None:
                continue
            label = names.get(code, dimension["name"])
            labels.append(wrap(f"· {label}", 28))
            values.append(_value(dimension, scale))
            kinds.append("dimension")
            rows.append(
                (name, label, display(_value(dimension, scale)),
                 level_label(scores, language, dimension["level"]) or dimension["level"] or "–")
            )  # fmt: skip
    traces = [
        go.Bar(
            y=[label for label, kind in zip(labels, kinds, strict=True) if kind == kinds_kind],
            x=[value for value, kind in zip(values, kinds, strict=True) if kind == kinds_kind],
            orientation="h",
            name=trace_name,
            marker={"color": colour},
        )
        for kinds_kind, trace_name, colour in (
            ("block", _("Block"), TODAY),
            ("dimension", _("Dimension"), DIMENSION_BAR),
        )
    ]
    fig = figure(
        traces,
        barmode="overlay",
        xaxis=_axis(scale) | {"title": {"text": score_column(scale)}},
        yaxis={"automargin": True, "autorange": "reversed", "categoryorder": "array",
               "categoryarray": labels},
        margin={"l": 20, "r": 20, "t": 20, "b": 100},
        legend=BOTTOM_LEGEND,
        height=max(320, 34 * len(labels) + 160),
    )  # fmt: skip
    ranked = sorted(scored, key=lambda block: (-block["score_100"], block["code"]))
    strongest, weakest = ranked[0], ranked[-1]
    out_of = point_text(scale[1]) if scale else "100"
    if len(ranked) == 1:
        summary = _("%(block)s scores %(score)s out of %(out_of)s, level %(level)s.") % {
            "block": blocks_named.get(strongest["code"], strongest["name"]),
            "score": display(_value(strongest, scale)),
            "out_of": out_of,
            "level": strongest["level"],
        }
    else:
        summary = _(
            "Strongest block: %(strong)s (%(strong_score)s out of %(out_of)s); weakest: "
            "%(weak)s (%(weak_score)s)."
        ) % {
            "strong": blocks_named.get(strongest["code"], strongest["name"]),
            "strong_score": display(_value(strongest, scale)),
            "weak": blocks_named.get(weakest["code"], weakest["name"]),
            "weak_score": display(_value(weakest, scale)),
            "out_of": out_of,
        }
    columns = (_("Block"), _("Dimension"), score_column(scale), _("Level"))
    note = _("A block's score is the average of its dimensions' scores.")
    return chart("blocks", title, summary, fig, table(columns, rows), note)


def norms_chart(scores: dict, language: str) -> dict[str, Any] | None:
    """The organisation's dimension scores against the middle half (first to third quartile)
    and the median of the framework's published norms; None without norms."""
    sources = _labels(scores, language).get("norms") or []
    results = scores.get("results") or {}
    records = [*(results.get("dimensions") or []), *(results.get("obstacles") or [])]
    normed = [(d, norm) for d in records for norm in d.get("norms") or []]
    if not sources and not normed:
        return None
    title = _("Compared with published norms")
    placed = [(d, norm) for d, norm in normed if norm.get("position")]
    if not placed:
        return empty("norms", title, _("No dimension with norms has enough answers yet."), "")
    scale = score_scale(scores)
    names = dimension_names(scores, language)
    label_of = {}
    for d, norm in placed:
        label_of.setdefault(_norm_label(norm), []).append((d, norm))
    charted_source, charted = next(iter(label_of.items()))  # the first source is drawn
    labels = [wrap(names.get(d["code"], d["name"]), 24) for d, _norm in charted]

    def on(norm: dict, key: str) -> float | None:
        return norm[key] if scale else norm[f"{key}_100"]

    traces = [
        go.Bar(
            y=labels,
            x=[on(norm, "q3") - on(norm, "q1") for _d, norm in charted],
            base=[on(norm, "q1") for _d, norm in charted],
            orientation="h",
            name=_("Middle half of %(source)s (first to third quartile)")
            % {"source": charted_source},
            marker={"color": BENCHMARK},
            opacity=0.35,
        ),
        go.Scatter(
            y=labels,
            x=[on(norm, "median") for _d, norm in charted],
            mode="markers",
            name=_("Median of %(source)s") % {"source": charted_source},
            marker={"color": MEDIAN, "symbol": "line-ns-open", "size": 18, "line": {"width": 3}},
        ),
        go.Scatter(
            y=labels,
            x=[_value(d, scale) for d, _norm in charted],
            mode="markers",
            name=_("This organisation"),
            marker={"color": TODAY, "symbol": "diamond", "size": 12},
        ),
    ]
    fig = figure(
        traces,
        xaxis=_axis(scale) | {"title": {"text": score_column(scale)}},
        yaxis={"automargin": True, "autorange": "reversed"},
        margin={"l": 20, "r": 20, "t": 20, "b": 140},
        legend=BOTTOM_LEGEND,
        height=max(340, 50 * len(labels) + 200),
    )
    counts = {position: 0 for position in NORM_POSITION_LABELS}
    for _d, norm in charted:
        counts[norm["position"]] += 1
    summary = _(
        "Compared with %(source)s: %(above)s of %(n)s dimensions above the third quartile, "
        "%(between)s between the quartiles and %(below)s below the first quartile."
    ) % {"source": charted_source, "n": len(charted), **counts}
    rows = [
        (names.get(d["code"], d["name"]), _norm_label(norm), display(d.get("score"), 2),
         display(norm["q1"], 2), display(norm["median"], 2), display(norm["q3"], 2), norm["n"],
         str(NORM_POSITION_LABELS[norm["position"]]))
        for d, norm in placed
    ]  # fmt: skip
    columns = (
        _("Dimension"), _("Source"), _("Our score"), _("First quartile"), _("Median"),
        _("Third quartile"), _("Sample size"), _("Where we stand"),
    )  # fmt: skip
    note = _(
        "Norms are published reference values that come with the framework, on each "
        "dimension's own scale; the benchmark compares with other organisations in this product."
    )
    if len(label_of) > 1:
        note += " " + _("The chart shows the first source; the table lists every source.")
    return chart("norms", title, summary, fig, table(columns, rows), note)


def _norm_label(norm: dict) -> str:
    return f"{norm['source']} ({norm['year']})" if norm.get("year") else norm["source"]
