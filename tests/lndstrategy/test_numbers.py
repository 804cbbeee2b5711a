"""The one rounding rule (``lndstrategy.numbers``): half away from zero, to the shown precision,
in the page's language, for pages, charts, the PDF and exports alike."""

import math
import re
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from django.template import Context, Template
from django.utils import translation

from lndstrategy.numbers import display, rounded, rounded_column, rounded_floats
from reports.charts import overall_chart

ROOT = Path(__file__).resolve().parents[2]
APPS = ("actions", "diagnosis", "lndstrategy", "maturity", "organisations", "policy", "reports")


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (3.1893, 1, "3.2"),  # cut off, it read 3.1 beside a gauge showing 3.2
        (3.375, 1, "3.4"),
        (3.375, 2, "3.38"),
        (3.365, 2, "3.37"),  # Python's round() gives 3.36
        (0.4069, 2, "0.41"),  # rwg once read 0.40
        (2.675, 2, "2.68"),  # the float is a hair below 2.675; the number a person means is not
        (2.5, 0, "3"),
        (3.5, 0, "4"),
        (0.04, 1, "0.0"),
        (-0.04, 1, "0.0"),  # never "-0.0"
        (1000, 0, "1000"),
    ],
)
def test_numbers_are_rounded_half_away_from_zero_to_the_precision_shown(value, decimals, shown):
    with translation.override("en"):
        assert display(value, decimals) == shown


def test_a_change_shows_its_sign_and_a_fall_is_rounded_away_from_zero():
    with translation.override("en"):
        assert display(0.2667, 2, signed=True) == "+0.27"  # it once read "+0.26"
        assert display(-0.25, 1, signed=True) == "−0.3"
        assert display(-0.25, 1) == "−0.3"
        assert display(0, 1, signed=True) == "0.0"


def test_no_value_reads_as_a_dash_and_never_as_nan():
    for nothing in (None, math.nan, float("inf"), "not a number"):
        assert display(nothing) == "–"
        assert rounded(nothing) is None
    assert display(4.0) == "4.0"


def test_dutch_pages_use_the_decimal_comma_with_the_same_rounding():
    with translation.override("nl"):
        assert display(3.375, 2) == "3,38"
        assert display(1234.5, 0, grouping=True) == "1.235"
    with translation.override("en"):
        assert display(1234.5, 0, grouping=True) == "1,235"


def test_whole_numbers_can_leave_their_decimals_off():
    with translation.override("en"):
        assert display(12.0, 2, trim=True) == "12"
        assert display(12.345, 2, trim=True) == "12.35"


def test_charts_and_exports_get_the_same_rounded_values():
    assert rounded(3.375, 2) == Decimal("3.38")
    assert rounded_floats([3.375, None, -2.5], 0) == [3.0, None, -3.0]
    column = rounded_column(pd.Series([0.12345, "0.33335", None]), 4)
    assert column.iloc[0] == 0.1235
    assert column.iloc[1] == 0.3334
    assert math.isnan(column.iloc[2])


def test_templates_round_with_the_built_in_filters():
    template = Template("{{ score|rounded:2 }} {{ change|signed:1 }} {{ budget|rounded:'-2g' }}")
    with translation.override("en"):
        text = template.render(Context({"score": 3.375, "change": 0.25, "budget": 12500}))
    assert text == "3.38 +0.3 12,500"
    with translation.override("nl"):
        text = template.render(Context({"score": 3.375, "change": -0.25, "budget": 12.5}))
    assert text == "3,38 −0,3 12,50"


def test_the_dashboard_gauge_and_its_sentence_agree_on_the_overall_score():
    scores = {
        "results": {
            "n_respondents": 6,
            "overall": {
                "score": 3.1893, "score_100": 54.7325, "level": 3, "n_dimensions": 6,
                "scale_min": 1.0, "scale_max": 5.0,
            },
        },
        "labels": {"en": {"levels": {"3": "Developing"}}},
    }  # fmt: skip
    with translation.override("en"):
        chart = overall_chart(scores, "en")
    gauge = chart["figure"]["data"][0]
    assert gauge["value"] == 3.2
    assert "3.2" in chart["summary"]
    assert "3.1" not in chart["summary"]
    assert ["Overall score (0–100)", "55"] in chart["table"]["rows"]


def _app_files(pattern: str):
    for app in APPS:
        yield from (ROOT / app).rglob(pattern)


def test_no_template_rounds_numbers_another_way():
    templates = [path for path in _app_files("*.html")] + list((ROOT / "templates").rglob("*.html"))
    assert any("|rounded:" in path.read_text() for path in templates)
    offenders = [str(path) for path in templates if "floatformat" in path.read_text()]
    assert offenders == []


def test_no_module_formats_or_rounds_displayed_numbers_another_way():
    """Django's number_format cuts decimals off and round() rounds half to even: outside the one
    place, display code uses neither."""
    display_modules = [
        *sorted((ROOT / "reports").rglob("*.py")),
        *sorted((ROOT / "diagnosis").glob("*.py")),
        *sorted((ROOT / "actions").glob("*.py")),
    ]
    rounds = re.compile(r"(?<![\w.])round\(|\.round\(|number_format\(")
    allowed = {"demo.py"}  # the demo's seeded answers, not displayed numbers
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in display_modules
        if path.name not in allowed
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if rounds.search(line) and not line.lstrip().startswith("#")
    ]
    numbers_module = (ROOT / "lndstrategy" / "numbers.py").read_text()
    assert "ROUND_HALF_UP" in numbers_module
    assert "number_format(" in numbers_module
    assert offenders == []
