"""What a framework contains, as plain JSON-ready data: the outline that pages, charts and
documents are written from, so none of them assumes the default framework.

``framework_outline`` reads the frames a round's results are built from (no queries) and says
which kinds of dimension the framework has, how many maturity dimensions and blocks, which
scales its statements are answered on (with their end words and "don't know" points), and
whether it uses weights or reverse-worded statements. ``default`` is true only for the built-in
default framework: its wording ("the six features", "the four quadrants") is for it alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from .framework_files import DEFAULT_FRAMEWORK_CODE, DimensionKind, ResponseType
from .scales import Scale

MATURITY_KINDS = (DimensionKind.FEATURE.value, DimensionKind.CUSTOM.value)
ORDINAL_RESPONSES = tuple(kind.value for kind in ResponseType if kind.is_ordinal)
KIND_ORDER = [kind.value for kind in DimensionKind]


def _scale_outline(scale: Scale) -> dict[str, Any]:
    ordinal = scale.ordinal
    low = min(ordinal, key=lambda point: point.value)
    high = max(ordinal, key=lambda point: point.value)
    return {
        "code": scale.code,
        "name": scale.name,
        "n_points": len(ordinal),
        "minimum": scale.minimum,
        "maximum": scale.maximum,
        "low": low.label,
        "high": high.label,
        "missing": [point.label for point in scale.points if point.missing],
    }


def framework_outline(
    *,
    code: str,
    built_in: bool,
    dimensions: pd.DataFrame,
    items: pd.DataFrame,
    scale_of: Callable[[str], Scale | None],
) -> dict[str, Any]:
    """The outline of one framework version.

    ``dimensions`` has the columns kind, weight and block; ``items`` kind, response, scale,
    reverse, dont_know_allowed and weight (as `diagnosis.selectors` builds them);
    ``scale_of(code)`` is the version's scale of that code (built-in ones included).
    """
    kinds = set(dimensions["kind"]) if not dimensions.empty else set()
    maturity = dimensions[dimensions["kind"].isin(MATURITY_KINDS)] if kinds else dimensions
    ordinal = items[items["response"].isin(ORDINAL_RESPONSES)] if not items.empty else items
    scored = ordinal[ordinal["kind"].isin(MATURITY_KINDS)] if not ordinal.empty else ordinal
    scale_codes = list(dict.fromkeys(scored["scale"])) if not scored.empty else []
    scales = [_scale_outline(scale) for scale in map(scale_of, scale_codes) if scale is not None]
    quadrant_items = items[items["kind"] == DimensionKind.QUADRANT.value] if kinds else items
    return {
        "code": code,
        "default": built_in and code == DEFAULT_FRAMEWORK_CODE,
        "kinds": sorted(kinds, key=KIND_ORDER.index),
        "n_maturity": len(maturity),
        "n_blocks": int(maturity["block"].replace("", pd.NA).nunique()) if len(maturity) else 0,
        "n_quadrants": len(quadrant_items),
        "dimension_weights": bool(len(maturity)) and bool((maturity["weight"] != 1).any()),
        "item_weights": bool(len(scored)) and bool((scored["weight"] != 1).any()),
        "reverse": bool(len(scored)) and bool(scored["reverse"].any()),
        "dont_know": (bool(len(scored)) and bool(scored["dont_know_allowed"].any()))
        or any(scale["missing"] for scale in scales),
        "scales": scales,
    }


def has_kind(outline: dict[str, Any] | None, kind: str) -> bool:
    """Whether the framework has dimensions of ``kind``; true for a snapshot without an outline
    (built before outlines existed), which showed every kind."""
    return outline is None or kind in outline.get("kinds", ())


def is_default(outline: dict[str, Any] | None) -> bool:
    """Whether the default framework's own wording fits: true for it, and for an older snapshot
    without an outline (they were all on the default framework's pages)."""
    return outline is None or bool(outline.get("default"))
