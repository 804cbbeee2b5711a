"""Consistency rules for what makes a framework an instrument of its own: named scales, the
items' use of them, blocks of dimensions and published norms.

Called by :class:`maturity.framework_rules.Rules`; written as defensively as those rules, since
they also run on data the schema rejected. Plain Python: no Django imports.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

from maturity.scales import BUILT_IN_SCALES

if TYPE_CHECKING:
    from maturity.framework_rules import Rules

MIN_POINTS, MAX_POINTS = 2, 11
ORDINAL_RESPONSES = {"likert5", "level5", "scale"}


def _dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    if not isinstance(value, list):
        return []
    return [(index, entry) for index, entry in enumerate(value) if isinstance(entry, dict)]


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_instrument(rules: Rules, data: dict[str, Any]) -> None:
    """Scales, their use by items, blocks and norms."""
    scales = _dicts(data.get("scales"))
    rules.unique([(("scales", i, "code"), s.get("code"), "scale") for i, s in scales])
    ranges: dict[str, tuple[int, int]] = {
        code: (scale.minimum, scale.maximum) for code, scale in BUILT_IN_SCALES.items()
    }
    known = set(ranges)
    for i, scale in scales:
        found = _check_scale(rules, ("scales", i), scale)
        if isinstance(scale.get("code"), str):
            known.add(scale["code"])
            ranges.pop(scale["code"], None)  # a declared scale replaces a built-in one
            if found is not None:
                ranges[scale["code"]] = found
    dimensions = _dicts(data.get("dimensions"))
    dimension_scales: dict[str, str] = {}
    for i, dimension in dimensions:
        used = _check_item_scales(rules, ("dimensions", i), dimension, known, ranges)
        if used and isinstance(dimension.get("code"), str):
            dimension_scales[dimension["code"]] = used
    codes = [d["code"] for _, d in dimensions if isinstance(d.get("code"), str)]
    _check_blocks(rules, _dicts(data.get("blocks")), codes)
    for i, norms in _dicts(data.get("norms")):
        _check_norms(rules, ("norms", i), norms, codes, dimension_scales, ranges)


def _check_scale(rules: Rules, path: tuple, scale: dict[str, Any]) -> tuple[int, int] | None:
    """Report problems of one scale; its ordinal range when it has a usable one."""
    points = _dicts(scale.get("points"))
    seen: dict[int, int] = {}
    ordinal: list[int] = []
    unique: list[tuple[int, dict[str, Any]]] = []
    for k, point in points:
        value = point.get("value")
        if not _whole(value):
            continue
        if value in seen:
            rules.add(
                (*path, "points", k, "value"),
                f"point value {value} is listed twice (first at line {seen[value]})",
            )
            continue
        seen[value] = rules.line((*path, "points", k))
        unique.append((k, point))
        if point.get("missing") is not True:
            ordinal.append(value)
    if len(points) != len(scale.get("points") or []) or not points:
        return None
    if not MIN_POINTS <= len(ordinal) <= MAX_POINTS:
        rules.add(
            (*path, "points"),
            f"a scale needs {MIN_POINTS} to {MAX_POINTS} points that are scored (not marked "
            f"missing); this one has {len(ordinal)}",
        )
        return None
    low, high = min(ordinal), max(ordinal)
    if sorted(ordinal) != list(range(low, high + 1)):
        gaps = sorted(set(range(low, high + 1)) - set(ordinal))
        rules.add(
            (*path, "points"),
            "the scored points must be consecutive whole numbers; missing: "
            + ", ".join(str(gap) for gap in gaps[:10]),
        )
        return None
    inside = [
        (k, point["value"])
        for k, point in unique
        if point.get("missing") is True
        and _whole(point.get("value"))
        and low <= point["value"] <= high
    ]
    for k, value in inside:
        rules.add(
            (*path, "points", k, "value"),
            f"a missing point needs a value outside the scored range {low} to {high}, not {value}",
        )
    return low, high


def _check_item_scales(
    rules: Rules,
    path: tuple,
    dimension: dict[str, Any],
    known: set[str],
    ranges: dict[str, tuple[int, int]],
) -> str:
    """Items' ``scale`` keys; the one scale the dimension's ordinal items share ("" if none)."""
    used: dict[str, tuple] = {}
    for j, item in _dicts(dimension.get("items")):
        item_path = (*path, "items", j)
        response, scale = item.get("response"), item.get("scale")
        if response == "scale":
            if not isinstance(scale, str):
                if "scale" not in item:
                    rules.add(item_path, 'missing "scale": a scale item names the scale it uses')
                continue
            if scale not in known:
                close = difflib.get_close_matches(scale, sorted(known), n=1)
                hint = f' (did you mean "{close[0]}"?)' if close else ""
                names = ", ".join(sorted(known))
                rules.add(
                    (*path, "items", j, "scale"), f'unknown scale "{scale}"{hint}; known: {names}'
                )
                continue
            used.setdefault(scale, item_path)
        elif "scale" in item and response is not None:
            rules.add(
                (*path, "items", j, "scale"),
                f'"scale" only applies to items with response: scale, not {response}',
            )
        elif response in ("likert5", "level5"):
            used.setdefault(response, item_path)
    if any(code not in ranges for code in used):
        return next(iter(used))  # the scale itself is broken, and reported
    if len({ranges[code] for code in used}) > 1:
        names = ", ".join(f'"{code}" ({ranges[code][0]} to {ranges[code][1]})' for code in used)
        rules.add(
            (*path, "items"),
            f"the scored items of one dimension share one range of points; these use {names}",
        )
        return ""
    return next(iter(used), "")


def _check_blocks(rules: Rules, blocks: list[tuple[int, dict]], codes: list[str]) -> None:
    rules.unique([(("blocks", i, "code"), b.get("code"), "block") for i, b in blocks])
    placed: dict[str, int] = {}
    for i, block in blocks:
        refs = block.get("dimensions")
        for j, code in enumerate(refs if isinstance(refs, list) else []):
            if not isinstance(code, str):
                continue
            path = ("blocks", i, "dimensions", j)
            if code not in codes:
                close = difflib.get_close_matches(code, codes, n=1)
                hint = f' (did you mean "{close[0]}"?)' if close else ""
                rules.add(path, f'unknown dimension "{code}"{hint}')
            elif code in placed:
                rules.add(
                    path,
                    f'dimension "{code}" is already in a block at line {placed[code]}; '
                    "each dimension belongs to at most one block",
                )
            else:
                placed[code] = rules.line(path)


def _check_norms(
    rules: Rules,
    path: tuple,
    norms: dict[str, Any],
    codes: list[str],
    dimension_scales: dict[str, str],
    ranges: dict[str, tuple[int, int]],
) -> None:
    dimension_ranges = {
        code: ranges[scale] for code, scale in dimension_scales.items() if scale in ranges
    }
    check_norm_values(rules, path, norms, codes, dimension_ranges, broken=set(dimension_scales))


def check_norm_values(
    rules: Rules,
    path: tuple,
    norms: dict[str, Any],
    codes: list[str],
    ranges: dict[str, tuple[int, int]],
    broken: set[str] | None = None,
) -> None:
    """One norm set: known dimensions with scored items, values on their range, in order.
    ``ranges``: dimension code -> its scored range; ``broken``: scored dimensions whose scale is
    reported elsewhere (their values are not checked)."""
    scored = set(ranges) | (broken or set())
    values = norms.get("dimensions")
    if not isinstance(values, dict):
        return
    for code, value in values.items():
        where = (*path, "dimensions", code)
        if code not in codes:
            close = difflib.get_close_matches(str(code), codes, n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            rules.add(where, f'unknown dimension "{code}"{hint}')
            continue
        if code not in scored:
            rules.add(where, f'dimension "{code}" has no scored items, so it has no norms')
            continue
        if not isinstance(value, dict) or code not in ranges:
            continue
        numbers = [value.get(key) for key in ("q1", "median", "q3")]
        if not all(_number(number) for number in numbers):
            continue
        low, high = ranges[code]
        outside = [n for n in numbers if not low <= n <= high]
        if outside:
            rules.add(
                where,
                f"norms lie on the dimension's scale, {low} to {high}; {outside[0]} is outside it",
            )
        elif not numbers[0] <= numbers[1] <= numbers[2]:
            rules.add(where, "the quartiles must be in order: q1 ≤ median ≤ q3")


def instrument_texts(data: dict[str, Any]) -> list[tuple[tuple, Any]]:
    """The translated texts of scales and blocks, with their paths."""
    found: list[tuple[tuple, Any]] = []
    for i, scale in _dicts(data.get("scales")):
        if "name" in scale:
            found.append((("scales", i, "name"), scale["name"]))
        for k, point in _dicts(scale.get("points")):
            if "label" in point:
                found.append((("scales", i, "points", k, "label"), point["label"]))
    for i, block in _dicts(data.get("blocks")):
        for name in ("name", "description"):
            if name in block:
                found.append((("blocks", i, name), block[name]))
    return found
