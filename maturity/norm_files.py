"""Norms files: published reference values added later to one version of a framework.

A norms file names the framework and version it belongs to and carries norm sets exactly as a
framework file's ``norms`` key does (docs/frameworks.md, "Norms files")::

    framework: learning-blocks
    version: 1
    norms:
      - source: A published study
        year: 2024
        dimensions:
          psychological-safety: {median: 5.1, q1: 4.4, q3: 5.7, n: 650}

``parse_norms`` checks the file against the framework's schema and the same norm rules as a
framework file, with the dimensions of the stored version, and raises ``FrameworkFileError``
listing every problem with its line. Plain Python: no Django imports.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator

from maturity.framework_files import MAX_FILE_BYTES, NormSet, NormValue
from maturity.framework_instrument_rules import check_norm_values
from maturity.framework_problems import (
    CheckBudget,
    FrameworkFileError,
    FrameworkProblem,
    sorted_unique,
)
from maturity.framework_rules import Rules
from maturity.framework_schema import framework_schema, schema_problems
from maturity.yaml_positions import YamlSyntaxError, load_located

DimensionRanges = Mapping[str, tuple[int, int] | None]
"""Dimension code -> the range of its scored points (None: the dimension has no scored items)."""


@dataclass(frozen=True)
class ParsedNorms:
    framework: str
    version: int
    norms: tuple[NormSet, ...]


@functools.cache
def _validator() -> Draft202012Validator:
    schema = framework_schema()
    return Draft202012Validator(
        {
            "$defs": schema["$defs"],
            "type": "object",
            "required": ["framework", "version", "norms"],
            "additionalProperties": False,
            "properties": {
                "framework": schema["properties"]["code"],
                "version": schema["properties"]["version"],
                "norms": schema["properties"]["norms"] | {"minItems": 1},
            },
        }
    )


def parse_norms(
    content: str | bytes,
    *,
    filename: str | None = None,
    dimensions_of: Callable[[str, int], DimensionRanges | None],
) -> ParsedNorms:
    """Parse a norms file. ``dimensions_of(code, version)`` gives the stored version's dimension
    ranges, or None when the owner has no such framework version."""
    raw = content.encode("utf-8") if isinstance(content, str) else content
    if len(raw) > MAX_FILE_BYTES:
        message = f"the file is {len(raw):,} bytes; norms files may be at most 1 MB"
        raise FrameworkFileError([FrameworkProblem("", None, message)], filename)
    try:
        text = raw.decode("utf-8-sig")
        document = load_located(text)
    except UnicodeDecodeError as exc:
        problem = FrameworkProblem("", None, "the file is not UTF-8 text")
        raise FrameworkFileError([problem], filename) from exc
    except YamlSyntaxError as exc:
        problem = FrameworkProblem("", exc.line, exc.message, exc.column)
        raise FrameworkFileError([problem], filename) from exc
    budget = CheckBudget()
    problems = schema_problems(document, budget, validator=_validator())
    data: Any = document.data
    if not problems and isinstance(data, dict):
        ranges = dimensions_of(data["framework"], data["version"])
        rules = Rules(document, budget)
        if ranges is None:
            rules.add(
                ("framework",),
                f'no framework "{data["framework"]}" with version {data["version"]} is '
                "available here; import the framework first",
            )
        else:
            scales = {code: found for code, found in ranges.items() if found is not None}
            for i, norms in enumerate(data["norms"]):
                check_norm_values(rules, ("norms", i), norms, list(ranges), scales)
        problems += rules.problems
    if problems:
        raise FrameworkFileError(sorted_unique(problems), filename)
    return ParsedNorms(
        framework=data["framework"],
        version=data["version"],
        norms=tuple(
            NormSet(
                source=norms["source"].strip(),
                year=norms.get("year"),
                values=tuple(
                    NormValue(code, float(v["median"]), float(v["q1"]), float(v["q3"]), v["n"])
                    for code, v in norms["dimensions"].items()
                ),
            )
            for norms in data["norms"]
        ),
    )
