"""The framework as the pandas frames ``maturity.scoring`` and ``maturity.comparisons`` take.

Plain Python, no Django: :mod:`maturity.selectors` builds these frames from stored versions (a
constant number of queries) and :func:`frames_from_parsed` from a parsed file, e.g. in
``bench/scoring.py``. Both give the same columns, in questionnaire order.

``items`` (ITEM_COLUMNS)
    item (code), item_id (database id; <NA> for a parsed file), dimension (code), reverse,
    scale_min, scale_max (1 and 5 for likert5, level5 and current_target; 0 and 100 for points100;
    NaN for choice), response (the ResponseType value), dont_know, position (1-based order in
    the whole questionnaire).
``dimensions`` (DIMENSION_COLUMNS)
    dimension (code), dimension_id, kind (the DimensionKind value), section (code), position
    (1-based order in the whole questionnaire), name (in the requested language, English
    fallback), names (every translation: a dict of language -> text).
``levels`` (LEVEL_COLUMNS)
    dimension, level (1..5), description (in the requested language): the level descriptors,
    for "the descriptor that applies" to a score's level.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

import pandas as pd

from maturity.framework_files import ParsedFramework, ResponseType, pick_text

ITEM_COLUMNS: Final = {
    "item": "object",
    "item_id": "Int64",
    "dimension": "object",
    "reverse": "bool",
    "scale_min": "float64",
    "scale_max": "float64",
    "response": "object",
    "dont_know": "bool",
    "position": "int64",
}
DIMENSION_COLUMNS: Final = {
    "dimension": "object",
    "dimension_id": "Int64",
    "kind": "object",
    "section": "object",
    "position": "int64",
    "name": "object",
    "names": "object",
}
LEVEL_COLUMNS: Final = {"dimension": "object", "level": "int64", "description": "object"}

SCALES: Final[dict[ResponseType, tuple[float, float]]] = {
    ResponseType.LIKERT5: (1.0, 5.0),
    ResponseType.LEVEL5: (1.0, 5.0),
    ResponseType.CURRENT_TARGET: (1.0, 5.0),
    ResponseType.POINTS100: (0.0, 100.0),
    ResponseType.CHOICE: (math.nan, math.nan),
}
QUADRANT_ITEM_PREFIX: Final = "q_"
"""The default framework's quadrant items are ``q_<quadrant>``; ``comparisons.QUADRANTS`` names
the quadrant itself, so strip the prefix when building the ``splits`` frame."""
LIKERT_RESPONSES: Final = (ResponseType.LIKERT5, ResponseType.LEVEL5)
"""Responses scored by ``scoring.respondent_scores``: one value per answer on the 1-5 scale."""


@dataclass(frozen=True)
class FrameworkFrames:
    items: pd.DataFrame
    dimensions: pd.DataFrame
    levels: pd.DataFrame


def _frame(rows: list[dict[str, Any]], columns: Mapping[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(columns))
    return frame.astype(dict(columns)) if rows else _empty(columns)


def _empty(columns: Mapping[str, str]) -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in columns.items()})


def items_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """``rows`` in questionnaire order, each with code, id, dimension, reverse, response and
    dont_know; adds the scale and the position."""
    out = []
    for position, row in enumerate(rows, start=1):
        response = ResponseType(row["response"])
        scale_min, scale_max = SCALES[response]
        out.append(
            {
                "item": row["code"],
                "item_id": row.get("id"),
                "dimension": row["dimension"],
                "reverse": bool(row["reverse"]),
                "scale_min": scale_min,
                "scale_max": scale_max,
                "response": response.value,
                "dont_know": bool(row["dont_know"]),
                "position": position,
            }
        )
    return _frame(out, ITEM_COLUMNS)


def dimensions_frame(rows: Iterable[Mapping[str, Any]], language: str) -> pd.DataFrame:
    """``rows`` in questionnaire order, each with code, id, kind, section and name."""
    out = [
        {
            "dimension": row["code"],
            "dimension_id": row.get("id"),
            "kind": row["kind"],
            "section": row["section"],
            "position": position,
            "name": pick_text(row["name"], language),
            "names": dict(row["name"] or {}),
        }
        for position, row in enumerate(rows, start=1)
    ]
    return _frame(out, DIMENSION_COLUMNS)


def levels_frame(rows: Iterable[Mapping[str, Any]], language: str) -> pd.DataFrame:
    """``rows`` each with a dimension code and levels {"1": {lang: text}, ...}."""
    out = [
        {"dimension": row["code"], "level": int(level), "description": pick_text(text, language)}
        for row in rows
        for level, text in sorted((row["levels"] or {}).items(), key=lambda pair: int(pair[0]))
    ]
    return _frame(out, LEVEL_COLUMNS)


def frames_from_parsed(framework: ParsedFramework, language: str = "en") -> FrameworkFrames:
    """The frames of a parsed (not stored) framework; ids are <NA>."""
    dimensions = framework.dimensions
    return FrameworkFrames(
        items=items_frame(
            {
                "code": item.code,
                "dimension": item.dimension_code,
                "reverse": item.reverse,
                "response": item.response,
                "dont_know": item.dont_know,
            }
            for item in framework.items
        ),
        dimensions=dimensions_frame(
            (
                {"code": d.code, "kind": d.kind.value, "section": d.section_code, "name": d.name}
                for d in dimensions
            ),
            language,
        ),
        levels=levels_frame(
            (
                {"code": d.code, "levels": {str(lv.level): lv.description for lv in d.levels}}
                for d in dimensions
            ),
            language,
        ),
    )
