"""The one rounding rule for every number a person reads: pages, charts, the PDF and exports.

A number is rounded **half away from zero** to the precision it is shown with (3.375 to two
decimals is 3.38, 3.25 to one decimal is 3.3, −0.25 is −0.3), from its shortest decimal form
(so 2.675 is 2.68, although the float is a hair below it). Python's ``round`` and numpy round
half to even, and Django's ``number_format`` cuts decimals off: neither is used for display.

- ``rounded(value, decimals)`` is the rounded ``Decimal`` (``None`` for no value);
  ``rounded_float``, ``rounded_floats`` and ``rounded_column`` the same as floats, for Plotly
  and the exports' tables;
- ``display(value, decimals)`` is the text in the active language's format ("3.4", "3,4"),
  an en dash for no value; ``signed=True`` writes the sign of a change ("+0.3", "−0.3");
  ``trim=True`` leaves decimals off whole numbers; ``grouping=True`` groups thousands;
- in templates the built-in filters ``{{ value|rounded:2 }}`` and ``{{ value|signed:1 }}`` do the
  same (``rounded:"-2"`` trims whole numbers, a ``g`` groups thousands, as in ``floatformat``).
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import pandas as pd
from django.utils import formats

NO_VALUE = "–"
MINUS = "−"


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number):
        return None
    # repr gives the shortest decimal that reads back as the same float: 2.675, not 2.67499...
    return Decimal(repr(number)) if isinstance(value, float) else Decimal(str(value))


def rounded(value: Any, decimals: int = 1) -> Decimal | None:
    """``value`` rounded half away from zero to ``decimals`` places; ``None`` for no value
    (``None``, NaN, infinity, or what is not a number)."""
    number = _decimal(value)
    if number is None:
        return None
    try:
        out = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # more digits than the context holds: nothing a person reads
        return None
    return out + 0 if out else abs(out)  # never "-0.0"


def rounded_float(value: Any, decimals: int = 1) -> float | None:
    """``rounded`` as a float, for Plotly figures and spreadsheet cells."""
    out = rounded(value, decimals)
    return None if out is None else float(out)


def rounded_floats(values: Any, decimals: int = 1) -> list[float | None]:
    """Each of ``values`` (a list or pandas Series) rounded by the rule, as floats: the numbers
    a chart plots and shows on hover."""
    return [rounded_float(value, decimals) for value in values]


def rounded_column(values: pd.Series, decimals: int = 1) -> pd.Series:
    """A column of numbers (or of text holding numbers) rounded by the rule; NaN where there is
    no number. For the tables an export writes."""
    numeric = pd.to_numeric(values, errors="coerce")
    return numeric.map(lambda value: rounded_float(value, decimals)).astype(float)


def display(
    value: Any,
    decimals: int = 1,
    *,
    signed: bool = False,
    trim: bool = False,
    grouping: bool = False,
) -> str:
    """``value`` as text in the active language, rounded by the one rule."""
    out = rounded(value, decimals)
    if out is None:
        return NO_VALUE
    if trim and out == out.to_integral_value():
        decimals = 0
    text = formats.number_format(abs(out), decimals, use_l10n=True, force_grouping=grouping)
    if out < 0:
        return MINUS + text
    return ("+" + text) if signed and out > 0 else text


def display_all(values: Any, decimals: int = 1, **options: Any) -> list[str]:
    return [display(value, decimals, **options) for value in values]


def template_argument(argument: Any) -> dict[str, Any]:
    """A ``floatformat``-style argument ("2", "-2", "0g", 1) as ``display`` options."""
    text = str(argument if argument not in (None, "") else 1)
    grouping = text.endswith("g")
    text = text.rstrip("g") or "1"
    try:
        places = int(text)
    except ValueError:
        places = 1
    return {"decimals": abs(places), "trim": places < 0, "grouping": grouping}
