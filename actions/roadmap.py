"""The roadmap: a Plotly timeline of the actions, grouped by owner or by horizon.

Pure: builds a plotly.js figure (a dict of `data` and `layout`) from `ActionItem`s; the page
hands it to `actions/static/actions/roadmap.js` through `json_script`. Bars run from the start
to the end of the end date; one trace per horizon, so the legend reads as the horizons.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

from django.utils.translation import gettext as _

from .strategy import HORIZONS, ActionItem, horizon_label

HORIZON_COLOURS = {"vision": "#6f42c1", "plan": "#0d6efd", "now": "#198754"}
GROUPINGS = ("owner", "horizon")
MS_PER_DAY = 86_400_000


def dated(actions: Iterable[ActionItem]) -> list[ActionItem]:
    return [action for action in actions if action.counts and action.start and action.end]


def roadmap_figure(
    actions: Iterable[ActionItem], *, group_by: str = "owner", today: date | None = None
) -> dict:
    if group_by not in GROUPINGS:
        raise ValueError(group_by)
    rows = dated(actions)

    def group(action: ActionItem) -> str:
        if group_by == "horizon":
            return horizon_label(action.horizon)
        return action.owner_name or _("No owner")

    order = {horizon: index for index, horizon in enumerate(HORIZONS)}
    rows.sort(
        key=lambda a: (
            order.get(a.horizon, 9) if group_by == "horizon" else group(a).lower(),
            a.start,
            a.id,
        )
    )
    data = []
    for horizon in HORIZONS:
        mine = [action for action in rows if action.horizon == horizon]
        if not mine:
            continue
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": horizon_label(horizon),
                "marker": {"color": HORIZON_COLOURS[horizon]},
                "base": [action.start.isoformat() for action in mine],
                "x": [((action.end - action.start).days + 1) * MS_PER_DAY for action in mine],
                "y": [[group(action) for action in mine], [action.title for action in mine]],
                "customdata": [
                    [action.owner_name, action.start.isoformat(), action.end.isoformat()]
                    for action in mine
                ],
                "hovertemplate": "<b>%{y}</b><br>%{customdata[0]}<br>"
                "%{customdata[1]} – %{customdata[2]}<extra>%{fullData.name}</extra>",
            }
        )
    layout = {
        "barmode": "overlay",
        "height": 160 + 34 * max(len(rows), 1),
        "margin": {"l": 20, "r": 20, "t": 30, "b": 40},
        "xaxis": {"type": "date", "title": {"text": _("Time")}},
        "yaxis": {"type": "multicategory", "autorange": "reversed", "automargin": True},
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        "hovermode": "closest",
    }
    if today is not None and rows:
        moment = datetime.combine(today, time()).isoformat()
        layout["shapes"] = [
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": moment,
                "x1": moment,
                "y0": 0,
                "y1": 1,
                "line": {"color": "#dc3545", "width": 2, "dash": "dot"},
            }
        ]
        layout["annotations"] = [
            {
                "x": moment,
                "y": 1,
                "xref": "x",
                "yref": "paper",
                "text": _("Today"),
                "showarrow": False,
                "yanchor": "bottom",
                "font": {"color": "#dc3545"},
            }
        ]
    return {"data": data, "layout": layout}


def undated(actions: Iterable[ActionItem]) -> list[ActionItem]:
    return [action for action in actions if action.counts and not (action.start and action.end)]
