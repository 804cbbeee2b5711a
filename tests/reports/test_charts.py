"""Charts: colour-blind-safe, each with a text alternative and a data table, groups anonymous."""

import pytest

from reports.chart_base import OKABE_ITO
from reports.charts import build_charts

pytestmark = pytest.mark.django_db


def overall(score: float) -> dict:
    return {"score": score, "score_100": (score - 1) * 25, "level": 3, "level_label": "",
            "n_dimensions": 6}  # fmt: skip


def group(name: str, n: int | None, score: float | None, suppressed: bool) -> dict:
    return {"group": name, "label": name, "n": n, "score": score, "suppressed": suppressed}


def scores_with(**results) -> dict:
    base = {
        "n_respondents": 7, "overall": overall(3.2), "dimensions": [], "gaps": [],
        "quadrants": {"shares": [], "n_respondents": 0, "n_ignored": 0},
        "capability_gaps": [], "culture_gaps": [],
    }  # fmt: skip
    labels = {
        "dimensions": {"f1-learning-culture": "Learning culture"},
        "levels": {"3": "Developing"},
        "groups": {"leadership": "Leadership team", "ld": "L&D team", "staff": "Staff"},
        "quadrants": {},
    }
    return {"results": base | results, "labels": {"en": labels}, "strategy": None}


def feature(code: str, score: float, groups: list[dict]) -> dict:
    return {"code": code, "kind": "feature", "name": code, "n": 7, "score": score,
            "score_100": (score - 1) * 25, "level": 3, "rwg_j": 0.8, "groups": groups}  # fmt: skip


def test_every_drawn_chart_has_a_summary_a_table_and_safe_colours(default_framework):
    scores = scores_with(
        dimensions=[
            feature("f1-learning-culture", 3.5, [group("leadership", 4, 3.4, False)]),
            feature("f2-problem-solving", 2.5, [group("leadership", 4, 2.6, False)]),
        ],
        capability_gaps=[
            {
                "code": "cap-curation",
                "name": "Curation",
                "n": 7,
                "current": 2,
                "target": 4,
                "gap": 2,
                "rank": 1,
            },
        ],
    )
    charts = {chart["key"]: chart for chart in build_charts(scores, "en")}
    drawn = [chart for chart in charts.values() if chart["figure"]]
    assert {"overall", "features", "capabilities", "agreement"} <= {c["key"] for c in drawn}
    palette = {colour.lower() for colour in OKABE_ITO.values()}
    for chart in drawn:
        assert chart["summary"].endswith(".")
        assert chart["table"]["rows"]
        for trace in chart["figure"]["data"]:
            colour = (trace.get("marker") or {}).get("color") or (trace.get("line") or {}).get(
                "color"
            )
            if isinstance(colour, str):
                assert colour.lower() in palette, (chart["key"], colour)
    assert "Learning culture" in charts["features"]["summary"]
    assert "3.2 out of 5, level 3 (Developing)" in charts["overall"]["summary"]


def test_charts_without_data_say_what_to_do_next(default_framework):
    charts = build_charts({"results": None, "labels": {}, "strategy": None}, "en")
    assert all(chart["figure"] is None and chart["empty"] for chart in charts)
    assert {chart["next_step"] for chart in charts} >= {"diagnosis", "actions", "policy"}


def test_suppressed_groups_are_left_out_of_the_group_chart_and_named_in_a_note(
    default_framework,
):
    scores = scores_with(
        dimensions=[
            feature(
                "f1-learning-culture",
                3.0,
                [
                    group("leadership", 5, 3.2, False),
                    group("ld", 4, 2.8, False),
                    group("staff", None, None, True),
                ],
            )
        ]
    )
    chart = next(c for c in build_charts(scores, "en") if c["key"] == "agreement")
    heatmap = chart["figure"]["data"][0]
    # Labels are escaped for Plotly, which shows "&amp;" as "&".
    labels = [label.replace("<br>", " ") for label in heatmap["x"]]
    assert labels == ["L&amp;D team", "Leadership team"]
    assert "Staff" in chart["note"]
    assert all("Staff" not in row for row in chart["table"]["rows"])


def test_numbers_follow_the_language(default_framework):
    scores = scores_with()
    chart = build_charts(scores, "nl")[0]
    assert "3,2" in chart["summary"]
    assert chart["figure"]["layout"]["separators"] == ",."
