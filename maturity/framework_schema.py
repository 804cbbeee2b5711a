"""Check a framework document against ``schema.json`` and explain each error in plain English.

``schema_problems(document)`` returns one :class:`FrameworkProblem` per schema error, with the
path in the file, its line and a message a consultant can act on ("missing required key
\"levels\"", "unknown key \"titel\" (did you mean \"title\"?)"). Plain Python: no Django imports.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from maturity.framework_problems import CheckBudget, FrameworkProblem, StopChecking, format_path
from maturity.yaml_positions import LocatedDocument
from maturity.yaml_positions import Path as DataPath

SCHEMA_PATH = Path(__file__).resolve().parent / "frameworks" / "schema.json"


@functools.cache
def _schema() -> dict[str, Any]:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return schema


def framework_schema() -> dict[str, Any]:
    """A copy of ``schema.json`` (e.g. to build the schema of a norms file from its parts)."""
    return json.loads(json.dumps(_schema()))


@functools.cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(_schema())


_TYPE_NAMES = {
    "object": "a mapping of keys to values",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing",
}
_CUSTOM_MESSAGE_VALIDATORS = {
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "contains",
    "const",
    "anyOf",
}


def _value_kind(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {json.dumps(value, ensure_ascii=False)}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__} value"


def schema_problems(
    document: LocatedDocument,
    budget: CheckBudget | None = None,
    *,
    validator: Draft202012Validator | None = None,
) -> list[FrameworkProblem]:
    """The schema errors of ``document`` (against the framework schema unless ``validator`` is
    given); stops mid-validation once ``budget`` is spent."""
    budget = budget or CheckBudget()
    problems = []
    with contextlib.suppress(StopChecking):
        for error in (validator or _validator()).iter_errors(
            document.data
        ):  # lazy: stopping saves the rest
            explained = _explain(error)
            for path, message in explained:
                problems.append(
                    FrameworkProblem(format_path(path), document.line_for(path), message)
                )
            budget.spend(len(explained))
    return problems


def _explain(error: ValidationError) -> list[tuple[DataPath, str]]:
    path: DataPath = tuple(error.absolute_path)
    value, kind, schema = error.instance, error.validator, error.schema
    if "propertyNames" in error.schema_path:
        path = (*path, value)
    if isinstance(schema, dict) and "errorMessage" in schema and kind in _CUSTOM_MESSAGE_VALIDATORS:
        shown = json.dumps(value, ensure_ascii=False, default=str)
        return [(path, schema["errorMessage"].replace("{value}", shown))]
    if kind == "required" and isinstance(value, dict):
        missing = [key for key in error.validator_value if key not in value]
        return [(path, f'missing required key "{key}"') for key in missing]
    if kind == "additionalProperties" and isinstance(value, dict):
        allowed = sorted(schema.get("properties", {}))
        unknown = [key for key in value if key not in allowed]
        return [((*path, key), _unknown_key(str(key), allowed)) for key in unknown]
    if kind == "type":
        expected = error.validator_value
        message = f"expected {_TYPE_NAMES.get(expected, expected)}, got {_value_kind(value)}"
        if isinstance(value, bool) and expected == "string":
            message += "; YAML reads yes/no/on/off as true/false, so put the text in quotes"
        return [(path, message)]
    if kind == "enum":
        options = ", ".join(str(option) for option in error.validator_value)
        return [(path, f"{_value_kind(value)} is not one of: {options}")]
    if kind == "minItems":
        count = error.validator_value
        return [(path, "must not be empty" if count == 1 else f"needs at least {count} entries")]
    if kind == "uniqueItems":
        return [(path, "lists the same value more than once")]
    if kind == "maxLength":
        return [(path, f"is too long (at most {error.validator_value} characters)")]
    return [(path, error.message)]


def _unknown_key(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    if close:
        return f'unknown key "{key}" (did you mean "{close[0]}"?)'
    return f'unknown key "{key}"; allowed here: {", ".join(allowed)}'
