"""Shared pieces of the dashboard charts: palette, layout, chart entries and their data tables.

Colours are the Okabe–Ito palette, distinguishable with the common forms of colour blindness;
sequential scales use Cividis. Every chart carries a one-sentence text alternative and a data
table, so nothing is shown only as colour or shape.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from actions.models import Feature
from lndstrategy.text import chart_label, chart_lines, document_text
from maturity.outline import has_kind, is_default

# Keys whose strings are our own Plotly templates (with %{...} and markup), never user text.
TEMPLATE_KEYS = frozenset({"hovertemplate", "texttemplate"})

OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}
SERIES = [OKABE_ITO[c] for c in ("blue", "orange", "green", "purple", "sky", "vermillion", "black")]
TODAY, TARGET, PLANNED, BENCHMARK = (
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["green"],
    OKABE_ITO["purple"],
)
UP, DOWN = OKABE_ITO["green"], OKABE_ITO["vermillion"]
SEQUENTIAL = "Cividis"
FONT = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", '
    '"Noto Sans CJK JP", "Noto Color Emoji", sans-serif'
)


def layout(**extra: Any) -> dict[str, Any]:
    separators = ",." if (get_language() or "en").startswith("nl") else ".,"
    base = {
        "template": "none",
        "font": {"family": FONT, "size": 13, "color": "#212529"},
        "margin": {"l": 60, "r": 20, "t": 20, "b": 50},
        "legend": {"orientation": "h", "y": -0.2},
        "separators": separators,
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "height": 360,
    }
    return base | extra


def _as_text(value: Any, key: str = "") -> Any:
    """Every string of a figure as plain text for Plotly (see `chart_label`), templates aside."""
    if isinstance(value, str):
        return value if key in TEMPLATE_KEYS else chart_label(value)
    if isinstance(value, dict):
        return {name: _as_text(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_as_text(item, key) for item in value]
    return value


def figure(
    traces: Sequence[Any], *, narrow: dict[str, Any] | None = None, **layout_extra: Any
) -> dict[str, Any]:
    """A Plotly figure dict (validated by plotly.py) ready for JSON and the browser.

    ``narrow`` is a patch of the layout for a chart narrower than about 480 px (a phone): the
    dashboard merges it in (``dashboard.js``) so plots use the width there, with smaller
    margins and shorter tick labels (``narrow_ticks``); documents draw the full layout.

    This is where charts take user text (action titles, owners' and invitees' names, policy
    statements, challenge titles): every label, hover text and tick is escaped here, so
    Plotly shows it as text, never as a link or markup, and control characters are dropped.
    """
    fig = go.Figure(data=list(traces), layout=layout(**layout_extra))
    # plotly's encoder turns arrays, dates and NaN into plain JSON (NaN -> null).
    out = json.loads(pio.to_json(fig, validate=False))
    out["layout"].pop("template", None)
    drawn = {"data": out["data"], "layout": out["layout"]}
    if narrow:
        drawn["narrow"] = NARROW_LAYOUT | narrow
    return _as_text(drawn)


# What every chart changes on a phone: a smaller font and margins (charts add their own).
NARROW_LAYOUT = {"font": {"size": 11}, "margin": {"l": 10, "r": 10}}


def short_wrap(label: str, width: int, lines: int = 2) -> str:
    """A label broken over at most ``lines`` lines of ``width`` characters, cut with "…"."""
    label = document_text(str(label))  # control characters out first: \x0b is no space
    parts = textwrap.wrap(label, width, break_long_words=False) or [label]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1].rstrip(" ,.;:·-") + "…"
    return chart_lines(parts)


def narrow_ticks(
    categories: Sequence[str], labels: Sequence[str], width: int, lines: int = 2
) -> dict[str, Any]:
    """A category axis showing ``labels`` shortened (``short_wrap``) at ``categories``."""
    return {
        "tickmode": "array",
        "tickvals": list(categories),
        "ticktext": [short_wrap(label, width, lines) for label in labels],
    }


def table(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> dict[str, Any]:
    return {"columns": [str(c) for c in columns], "rows": [[str(v) for v in row] for row in rows]}


def chart(
    key: str,
    title: str,
    summary: str,
    fig: dict[str, Any],
    data_table: dict[str, Any],
    note: str = "",
) -> dict[str, Any]:
    return {
        "key": key,
        "title": str(title),
        "summary": str(summary),
        "figure": fig,
        "table": data_table,
        "note": str(note),
        "empty": "",
    }


def empty(key: str, title: str, message: str, next_step: str = "") -> dict[str, Any]:
    """A chart that has no data yet: what to do next instead of a blank plot.

    ``next_step`` names the stage page ("diagnosis", "policy", "actions") that fills it.
    """
    return {
        "key": key,
        "title": str(title),
        "summary": "",
        "figure": None,
        "table": None,
        "note": "",
        "empty": str(message),
        "next_step": next_step,
    }


def frame(records: Iterable[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    """Records (lists of dicts from the scores) as a frame with at least ``columns``."""
    out = pd.DataFrame.from_records(list(records))
    for column in columns:
        if column not in out.columns:
            out[column] = pd.Series(dtype="object")
    return out


def wrap(label: str, width: int = 18) -> str:
    """A long axis label broken over lines (``figure`` makes the breaks Plotly's <br>)."""
    return chart_lines(textwrap.wrap(str(label), width)) or str(label)


def wraps(labels: Iterable[str], width: int = 18) -> list[str]:
    return [wrap(label, width) for label in labels]


def to_1_5(score_100: pd.Series) -> pd.Series:
    return 1 + 4 * pd.to_numeric(score_100, errors="coerce") / 100


DEFAULT_SCALE = (1.0, 5.0)  # snapshots built before scales were stored are all on 1..5


def score_scale(scores: dict) -> tuple[float, float] | None:
    """The answer scale the scored dimensions share, as (lowest, highest) point, e.g. (1, 7);
    None when they use different scales (charts then show 0..100)."""
    results = scores.get("results") or {}
    records = [*(results.get("dimensions") or []), *(results.get("obstacles") or [])]
    pairs = {
        (d.get("scale_min", DEFAULT_SCALE[0]), d.get("scale_max", DEFAULT_SCALE[1]))
        for d in records
        if d.get("score") is not None
    }
    if not pairs:
        return DEFAULT_SCALE
    if len(pairs) > 1 or None in next(iter(pairs)):
        return None
    low, high = next(iter(pairs))
    return float(low), float(high)


def on_scale(score_100: pd.Series, scale: tuple[float, float] | None) -> pd.Series:
    """0..100 scores on ``scale`` (unchanged for None: the chart is on 0..100)."""
    values = pd.to_numeric(score_100, errors="coerce")
    if scale is None:
        return values
    low, high = scale
    return low + (high - low) * values / 100


def point_text(value: float) -> str:
    """A point of a scale as written: "7", not "7.0"."""
    return str(int(value)) if float(value).is_integer() else str(value)


def scale_text(scale: tuple[float, float] | None) -> str:
    """ "1–7" (whole points without decimals), "0–100" for None."""
    if scale is None:
        return "0–100"
    return "–".join(point_text(value) for value in scale)


def score_column(scale: tuple[float, float] | None) -> str:
    """A table heading for scores on ``scale``: "Score (1–5)", "Score (1–7)", "Score (0–100)"."""
    if scale == DEFAULT_SCALE:
        return _("Score (1–5)")
    if scale is None:
        return _("Score (0–100)")
    return _("Score (%(scale)s)") % {"scale": scale_text(scale)}


def out_of(scale: tuple[float, float] | None) -> str:
    """The top of ``scale`` as written ("5", "7"), "100" for 0..100 (see `score_scale`)."""
    return "100" if scale is None else point_text(scale[1])


def default_wording(scores: dict) -> bool:
    """Whether the default framework's own words ("feature", "the six features") fit the
    snapshot's framework (`maturity.outline`); else charts speak of dimensions."""
    return is_default(scores.get("framework"))


def framework_has(scores: dict, kind: str) -> bool:
    """Whether the snapshot's framework has dimensions of ``kind``: a chart of a kind it lacks
    is left out rather than shown empty."""
    return has_kind(scores.get("framework"), kind)


def dimension_heading(scores: dict) -> str:
    return _("Feature") if default_wording(scores) else _("Dimension")


def dimension_names(scores: dict, language: str) -> dict[str, str]:
    return scores.get("labels", {}).get(language, {}).get("dimensions", {})


def short_names(scores: dict, language: str) -> dict[str, str]:
    """Short names for axes: the numbered feature names, else the dimension names."""
    return dimension_names(scores, language) | {code: str(label) for code, label in Feature.choices}


def level_label(scores: dict, language: str, level: int | None) -> str:
    if level is None:
        return ""
    return scores.get("labels", {}).get(language, {}).get("levels", {}).get(str(level), "")


def heat_colours(low: float | None, high: float | None, title: str) -> dict[str, Any]:
    """A heatmap's colour scale as a layout ``coloraxis`` (so a phone can move its bar)."""
    return {
        "colorscale": SEQUENTIAL,
        "cmin": low,
        "cmax": high,
        "colorbar": {"title": {"text": str(title)}, "thickness": 14},
    }


def narrow_heat(
    x: Sequence[str], x_names: Sequence[str], y: Sequence[str], y_names: Sequence[str], rows: int
) -> dict[str, Any]:
    """A heatmap on a phone: short names on both axes, the colour bar flat below the cells."""
    return {
        "height": 170 + 44 * rows,
        "margin": {"l": 10, "r": 10, "t": 60, "b": 60},
        "xaxis": narrow_ticks(x, x_names, 6, 3) | {"tickfont": {"size": 10}},
        "yaxis": narrow_ticks(y, y_names, 12, 3),
        "coloraxis": {
            "colorbar": {"orientation": "h", "y": -0.05, "yanchor": "top", "thickness": 10,
                         "len": 1, "title": {"side": "top"}},
        },
    }  # fmt: skip
