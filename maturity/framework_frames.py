"""The framework as the pandas frames ``maturity.scoring`` and ``maturity.comparisons`` take.

Plain Python, no Django: :mod:`maturity.selectors` builds these frames from stored versions (a
constant number of queries) and :func:`frames_from_parsed` from a parsed file, e.g. in
``bench/scoring.py``. Both give the same columns, in questionnaire order.

``items`` (ITEM_COLUMNS)
    item (code), item_id (database id; <NA> for a parsed file), dimension (code), reverse,
    scale_min, scale_max (the lowest and highest scored point of the item's scale for likert5,
    level5 and scale items, e.g. 1 and 7; 1 and 5 for current_target; 0 and 100 for points100;
    NaN for choice), response (the ResponseType value), dont_know, position (1-based order in
    the whole questionnaire), scale (the code of an ordinal item's scale, else ""), weight (in
    the dimension's mean, default 1).
``dimensions`` (DIMENSION_COLUMNS)
    dimension (code), dimension_id, kind (the DimensionKind value), section (code), position
    (1-based order in the whole questionnaire), name (in the requested language, English
    fallback), names (every translation: a dict of language -> text), weight (in the overall
    score, default 1), block (the code of its block, "" for none).
``levels`` (LEVEL_COLUMNS)
    dimension, level (1..5), description (in the requested language): the level descriptors,
    for "the descriptor that applies" to a score's level.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

import pandas as pd

from maturity.framework_files import ParsedFramework, ResponseType, pick_text
from maturity.scales import BUILT_IN_SCALES, Scale

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
    "scale": "object",
    "weight": "float64",
}
DIMENSION_COLUMNS: Final = {
    "dimension": "object",
    "dimension_id": "Int64",
    "kind": "object",
    "section": "object",
    "position": "int64",
    "name": "object",
    "names": "object",
    "weight": "float64",
    "block": "object",
}
LEVEL_COLUMNS: Final = {"dimension": "object", "level": "int64", "description": "object"}

SCALES: Final[dict[ResponseType, tuple[float, float]]] = {
    ResponseType.LIKERT5: (1.0, 5.0),
    ResponseType.LEVEL5: (1.0, 5.0),
    ResponseType.CURRENT_TARGET: (1.0, 5.0),
    ResponseType.POINTS100: (0.0, 100.0),
    ResponseType.CHOICE: (math.nan, math.nan),
    ResponseType.SCALE: (math.nan, math.nan),  # the named scale's points decide
}
"""The range of each response type where no named scale decides it (see :func:`item_scale`)."""
QUADRANT_ITEM_PREFIX: Final = "q_"
"""The default framework's quadrant items are ``q_<quadrant>``; ``comparisons.QUADRANTS`` names
the quadrant itself, so strip the prefix when building the ``splits`` frame."""
LIKERT_RESPONSES: Final = (ResponseType.LIKERT5, ResponseType.LEVEL5, ResponseType.SCALE)
"""Responses scored by ``scoring.respondent_scores``: one value per answer on an ordinal scale
(the built-in likert5 and level5, or a named scale of the framework)."""

ScaleOf = Callable[[str], Scale | None]
"""Looks a scale up by code: ``FrameworkVersion.scale`` or ``ParsedFramework.scale``."""


def item_scale(response: str, scale: str, scale_of: ScaleOf = BUILT_IN_SCALES.get) -> tuple:
    """(scale code, scale_min, scale_max) of an item: an ordinal item's named scale (``scale``,
    or the built-in one its response names), else the range of its response type."""
    kind = ResponseType(response)
    if kind.is_ordinal:
        code = scale or kind.value
        found = scale_of(code)
        if found is not None:
            return code, float(found.minimum), float(found.maximum)
        return code, *SCALES[kind]
    return "", *SCALES[kind]


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


def items_frame(
    rows: Iterable[Mapping[str, Any]], scale_of: ScaleOf = BUILT_IN_SCALES.get
) -> pd.DataFrame:
    """``rows`` in questionnaire order, each with code, id, dimension, reverse, response,
    dont_know and optionally scale and weight; adds the scale's range (looked up with
    ``scale_of``) and the position."""
    out = []
    for position, row in enumerate(rows, start=1):
        response = ResponseType(row["response"])
        scale, scale_min, scale_max = item_scale(response, row.get("scale") or "", scale_of)
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
                "scale": scale,
                "weight": float(row.get("weight") or 1.0),
            }
        )
    return _frame(out, ITEM_COLUMNS)


def dimensions_frame(rows: Iterable[Mapping[str, Any]], language: str) -> pd.DataFrame:
    """``rows`` in questionnaire order, each with code, id, kind, section, name and optionally
    weight and block (code)."""
    out = [
        {
            "dimension": row["code"],
            "dimension_id": row.get("id"),
            "kind": row["kind"],
            "section": row["section"],
            "position": position,
            "name": pick_text(row["name"], language),
            "names": dict(row["name"] or {}),
            "weight": float(row.get("weight") or 1.0),
            "block": row.get("block") or "",
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
            (
                {
                    "code": item.code,
                    "dimension": item.dimension_code,
                    "reverse": item.reverse,
                    "response": item.response,
                    "dont_know": item.dont_know,
                    "scale": item.scale,
                    "weight": item.weight,
                }
                for item in framework.items
            ),
            framework.scale,
        ),
        dimensions=dimensions_frame(
            (
                {
                    "code": d.code,
                    "kind": d.kind.value,
                    "section": d.section_code,
                    "name": d.name,
                    "weight": d.weight,
                    "block": d.block_code,
                }
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
