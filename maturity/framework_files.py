"""Framework files: load, validate and parse a maturity framework written as YAML or JSON.

The format is described in ``docs/frameworks.md`` and ``maturity/frameworks/schema.json``.
``parse_framework`` (text or bytes, e.g. a browser upload) and ``load_framework`` (a path) return
a frozen :class:`ParsedFramework` or raise :class:`FrameworkFileError` listing every problem found,
each with its path in the file, its line and a plain-English message. Structure is checked with
JSON Schema, then the rules a schema cannot express by ``_Rules``; both passes always run, so one
attempt reports everything. Plain Python: no Django imports.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from maturity.yaml_positions import LocatedDocument, YamlSyntaxError, load_located
from maturity.yaml_positions import Path as DataPath

FRAMEWORKS_DIR = Path(__file__).resolve().parent / "frameworks"
SCHEMA_PATH = FRAMEWORKS_DIR / "schema.json"
DEFAULT_FRAMEWORK_PATH = FRAMEWORKS_DIR / "ld-strategy.yaml"
MAX_FILE_BYTES = 1024 * 1024
MAX_LISTED_PROBLEMS = 50  # in str(FrameworkFileError); .errors always holds them all

Text = dict[str, str]
"""Translated text: language code -> text. Always has "en" and every declared language."""


class ResponseType(StrEnum):
    LIKERT5 = "likert5"  # agreement 1-5; reverse items score 6 - answer
    LEVEL5 = "level5"  # the level 1-5 whose descriptor fits best
    CURRENT_TARGET = "current_target"  # current and target level, each 1-5
    POINTS100 = "points100"  # points today and desired; a dimension's items share 100
    CHOICE = "choice"  # the code of one option

    @property
    def answer_fields(self) -> tuple[str, ...]:
        """The values one answer holds."""
        return _ANSWER_FIELDS[self]

    @property
    def uses_levels(self) -> bool:
        """Answered on the 1-5 scale, so the dimension needs level descriptors."""
        return self in (ResponseType.LIKERT5, ResponseType.LEVEL5, ResponseType.CURRENT_TARGET)


_ANSWER_FIELDS = {
    ResponseType.LIKERT5: ("value",),
    ResponseType.LEVEL5: ("value",),
    ResponseType.CURRENT_TARGET: ("current", "target"),
    ResponseType.POINTS100: ("today", "desired"),
    ResponseType.CHOICE: ("choice",),
}


class DimensionKind(StrEnum):
    FEATURE = "feature"
    QUADRANT = "quadrant"
    CAPABILITY = "capability"
    CULTURE = "culture"
    OBSTACLE = "obstacle"
    WORK_TYPE = "work_type"
    CUSTOM = "custom"


@dataclass(frozen=True)
class LevelLabel:
    level: int
    label: Text


@dataclass(frozen=True)
class Level:
    level: int
    description: Text


@dataclass(frozen=True)
class Option:
    code: str
    label: Text
    description: Text


@dataclass(frozen=True)
class Item:
    code: str
    dimension_code: str
    position: int  # 1-based, within the dimension
    text: Text
    help: Text
    response: ResponseType
    reverse: bool
    dont_know: bool
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Dimension:
    code: str
    kind: DimensionKind
    section_code: str
    position: int  # 1-based, within the section
    name: Text
    description: Text
    levels: tuple[Level, ...]  # levels 1..5 in order, or () for points100/choice-only dimensions
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Question:
    code: str
    section_code: str
    position: int  # 1-based, within the section
    text: Text
    help: Text


@dataclass(frozen=True)
class Section:
    code: str
    position: int  # 1-based
    title: Text
    intro: Text
    dimension_codes: tuple[str, ...]
    question_codes: tuple[str, ...]


@dataclass(frozen=True)
class ParsedFramework:
    code: str
    version: int
    title: Text
    description: Text
    languages: tuple[str, ...]
    level_labels: tuple[LevelLabel, ...]
    sections: tuple[Section, ...]
    dimensions: tuple[Dimension, ...]  # in questionnaire order: by section, then position
    questions: tuple[Question, ...]
    content_hash: str = field(default="", compare=False)
    source: str | None = field(default=None, compare=False)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for dimension in self.dimensions for item in dimension.items)

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (the hashed content plus version), e.g. for a JSONField."""
        data = asdict(self)
        del data["content_hash"], data["source"]
        return json.loads(json.dumps(data))  # tuples become lists, enums plain strings


def compute_content_hash(framework: ParsedFramework) -> str:
    """sha256 of the canonical JSON of everything but ``version``: formatting, comments, key order
    and defaults written out or left implicit don't change it."""
    data = framework.as_dict()
    del data["version"]
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class FrameworkProblem:
    path: str  # e.g. "dimensions[2].items[0].code"; "" for the file as a whole
    line: int | None  # 1-based; None where unknown
    message: str
    column: int | None = None

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}" + (f", column {self.column}" if self.column else ""))
        if self.path:
            where.append(self.path)
        return f"{', '.join(where)}: {self.message}" if where else self.message


class FrameworkFileError(ValueError):
    def __init__(self, errors: list[FrameworkProblem], filename: str | None = None) -> None:
        self.errors = errors
        self.filename = filename
        count = f"{len(errors)} problem" + ("s" if len(errors) != 1 else "")
        name = f"framework file {filename}" if filename else "framework file"
        lines = [f"  {error}" for error in errors[:MAX_LISTED_PROBLEMS]]
        if len(errors) > MAX_LISTED_PROBLEMS:
            lines.append(f"  ... and {len(errors) - MAX_LISTED_PROBLEMS} more")
        super().__init__(f"{name} has {count}:\n" + "\n".join(lines))


def format_path(path: DataPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# --- loading -------------------------------------------------------------------------------


def load_framework(path: str | os.PathLike[str]) -> ParsedFramework:
    """Read and parse the framework file at ``path`` (``.json`` as JSON, anything else as YAML)."""
    file_path = Path(path)
    _check_size(file_path.stat().st_size, str(path))
    return parse_framework(file_path.read_bytes(), filename=str(path))


def load_default_framework() -> ParsedFramework:
    return load_framework(DEFAULT_FRAMEWORK_PATH)


def parse_framework(content: str | bytes, *, filename: str | None = None) -> ParsedFramework:
    """Parse framework text or bytes. ``filename`` picks the format and names the file in errors."""
    raw = content.encode("utf-8") if isinstance(content, str) else content
    _check_size(len(raw), filename)
    if isinstance(content, bytes):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = content[: exc.start].count(b"\n") + 1
            problem = FrameworkProblem("", line, "the file is not UTF-8 text")
            raise FrameworkFileError([problem], filename) from exc
    else:
        text = content.removeprefix("\ufeff")
    is_json = bool(filename) and str(filename).lower().endswith(".json")
    document = _read_json(text, filename) if is_json else _read_yaml(text, filename)

    problems = [
        FrameworkProblem(
            format_path(dup.path), dup.line, f"duplicate key (first used at line {dup.first_line})"
        )
        for dup in document.duplicate_keys
    ]
    problems += _schema_problems(document)
    problems += _Rules(document).run()
    if problems:
        raise FrameworkFileError(_sorted_unique(problems), filename)
    framework = _build(document.data)
    return replace(framework, content_hash=compute_content_hash(framework), source=filename)


def _check_size(size: int, filename: str | None) -> None:
    if size > MAX_FILE_BYTES:
        message = (
            f"the file is {size:,} bytes; framework files may be at most "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB ({MAX_FILE_BYTES:,} bytes)"
        )
        raise FrameworkFileError([FrameworkProblem("", None, message)], filename)


def _read_yaml(text: str, filename: str | None) -> LocatedDocument:
    try:
        document = load_located(text)
    except YamlSyntaxError as exc:
        problem = FrameworkProblem("", exc.line, exc.message, exc.column)
        raise FrameworkFileError([problem], filename) from exc
    if document.data is None:
        raise FrameworkFileError([FrameworkProblem("", None, "the file is empty")], filename)
    return document


def _read_json(text: str, filename: str | None) -> LocatedDocument:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = FrameworkProblem("", exc.lineno, f"invalid JSON: {exc.msg}", exc.colno)
        raise FrameworkFileError([problem], filename) from exc
    except RecursionError as exc:
        problem = FrameworkProblem("", None, "invalid JSON: the file is nested too deeply")
        raise FrameworkFileError([problem], filename) from exc
    try:  # JSON is (nearly) YAML: borrow the YAML loader for line numbers and duplicate keys
        located = load_located(text)
    except YamlSyntaxError:
        return LocatedDocument(data=data, lines={})
    return LocatedDocument(data=data, lines=located.lines, duplicate_keys=located.duplicate_keys)


def _sorted_unique(problems: list[FrameworkProblem]) -> list[FrameworkProblem]:
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.line is None, p.line or 0, p.path))


# --- JSON Schema errors in plain English ---------------------------------------------------


@functools.cache
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


_TYPE_NAMES = {
    "object": "a mapping of keys to values",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing",
}
_CUSTOM_MESSAGE_VALIDATORS = {"pattern", "minimum", "maximum", "contains", "const", "anyOf"}


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


def _schema_problems(document: LocatedDocument) -> list[FrameworkProblem]:
    problems = []
    for error in _validator().iter_errors(document.data):
        for path, message in _explain(error):
            problems.append(FrameworkProblem(format_path(path), document.line_for(path), message))
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


# --- rules JSON Schema can't express -------------------------------------------------------

_LEVEL_RESPONSES = {"likert5", "level5", "current_target"}
_RESPONSES = {*_LEVEL_RESPONSES, "points100", "choice"}
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{2,8})?")  # as in schema.json; others are its job
_LANGUAGE_NAMES = {"en": "English", "nl": "Dutch", "de": "German", "fr": "French"}


def _dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The mapping entries of a list, with their indexes; nothing if ``value`` isn't a list."""
    if not isinstance(value, list):
        return []
    return [(index, entry) for index, entry in enumerate(value) if isinstance(entry, dict)]


def _language(code: str) -> str:
    name = _LANGUAGE_NAMES.get(code)
    return f'{name} ("{code}")' if name else f'"{code}"'


class _Rules:
    """Consistency rules. Written defensively: they also run on data the schema rejected."""

    def __init__(self, document: LocatedDocument) -> None:
        self.document = document
        self.problems: list[FrameworkProblem] = []

    def add(self, path: DataPath, message: str) -> None:
        line = self.document.line_for(path)
        self.problems.append(FrameworkProblem(format_path(path), line, message))

    def line(self, path: DataPath) -> int:
        return self.document.line_for(path) or 0

    def run(self) -> list[FrameworkProblem]:
        data = self.document.data
        if not isinstance(data, dict):
            return self.problems
        sections, dimensions = _dicts(data.get("sections")), _dicts(data.get("dimensions"))
        self.unique([(("sections", i, "code"), s.get("code"), "section") for i, s in sections])
        self.unique(
            [(("dimensions", i, "code"), d.get("code"), "dimension") for i, d in dimensions]
        )
        answerable = [
            (("sections", i, "questions", j, "code"), q.get("code"), "question")
            for i, s in sections
            for j, q in _dicts(s.get("questions"))
        ]
        answerable += [
            (("dimensions", i, "items", j, "code"), item.get("code"), "item")
            for i, d in dimensions
            for j, item in _dicts(d.get("items"))
        ]
        self.unique(answerable)
        self.check_placement(sections, dimensions)
        for index, dimension in dimensions:
            self.check_dimension(("dimensions", index), dimension)
        if "level_labels" in data:
            self.check_levels(("level_labels",), data["level_labels"])
        languages = data.get("languages")
        if isinstance(languages, list) and all(isinstance(code, str) for code in languages):
            for path, text in _texts(data, sections, dimensions):
                self.check_translation(path, text, languages)
        return self.problems

    def unique(self, entries: list[tuple[DataPath, Any, str]]) -> None:
        """Report codes used more than once. Items and questions share one set of codes."""
        first: dict[str, tuple[int, str]] = {}
        for path, code, label in sorted(entries, key=lambda entry: self.line(entry[0])):
            if not isinstance(code, str):
                continue
            if code not in first:
                first[code] = (self.line(path), label)
                continue
            line, first_label = first[code]
            if first_label == label:
                self.add(path, f'duplicate {label} code "{code}" (first used at line {line})')
            else:
                self.add(
                    path,
                    f'{label} code "{code}" is already used by a {first_label} at line {line}; '
                    "items and questions share one set of codes",
                )

    def check_placement(
        self, sections: list[tuple[int, dict[str, Any]]], dimensions: list[tuple[int, dict]]
    ) -> None:
        known = [d["code"] for _, d in dimensions if isinstance(d.get("code"), str)]
        placed: dict[str, tuple[int, int]] = {}  # code -> (line, section index)
        for i, section in sections:
            refs, questions = section.get("dimensions"), section.get("questions")
            if not refs and not questions:
                self.add(("sections", i), "a section needs at least one dimension or question")
            for j, code in enumerate(refs if isinstance(refs, list) else []):
                path = ("sections", i, "dimensions", j)
                if not isinstance(code, str):
                    continue
                if code not in known:
                    close = difflib.get_close_matches(code, known, n=1)
                    hint = f' (did you mean "{close[0]}"?)' if close else ""
                    self.add(path, f'unknown dimension "{code}"{hint}')
                elif code in placed and placed[code][1] == i:
                    self.add(path, f'dimension "{code}" is listed twice in this section')
                elif code in placed:
                    self.add(
                        path,
                        f'dimension "{code}" is already placed in a section at line '
                        f"{placed[code][0]}; each dimension belongs to exactly one section",
                    )
                else:
                    placed[code] = (self.line(path), i)
        for i, dimension in dimensions:
            code = dimension.get("code")
            if isinstance(code, str) and code not in placed:
                self.add(
                    ("dimensions", i, "code"),
                    f'dimension "{code}" is not in any section; list it under a section\'s '
                    "dimensions",
                )

    def check_dimension(self, path: DataPath, dimension: dict[str, Any]) -> None:
        items = _dicts(dimension.get("items"))
        responses = {item.get("response") for _, item in items} & _RESPONSES
        if "levels" in dimension:
            self.check_levels((*path, "levels"), dimension["levels"])
        elif responses & _LEVEL_RESPONSES:
            self.add(
                path,
                'missing "levels": items answered on the 1-5 scale need a descriptor for each '
                "of the levels 1 to 5",
            )
        if "points100" in responses and len(responses) > 1:
            self.add(
                (*path, "items"),
                "points100 items share 100 points between them, so they can't be mixed with "
                "other response types in one dimension",
            )
        elif "points100" in responses and len(items) < 2:
            self.add((*path, "items"), "a points100 split needs at least 2 items")
        for j, item in items:
            self.check_item((*path, "items", j), item)

    def check_item(self, path: DataPath, item: dict[str, Any]) -> None:
        response = item.get("response")
        if response not in _RESPONSES:
            return
        if item.get("reverse") is True and response != "likert5":
            self.add((*path, "reverse"), f"reverse only applies to likert5 items, not {response}")
        if item.get("dont_know") is True and response == "points100":
            self.add((*path, "dont_know"), "points100 items can't offer \"don't know\"")
        options = item.get("options")
        if response != "choice":
            if options is not None:
                self.add((*path, "options"), f"options only apply to choice items, not {response}")
            return
        if not isinstance(options, list) or len(options) < 2:
            where = (*path, "options") if options is not None else path
            self.add(where, "a choice item needs at least 2 options")
        self.unique(
            [((*path, "options", k, "code"), o.get("code"), "option") for k, o in _dicts(options)]
        )

    def check_levels(self, path: DataPath, levels: Any) -> None:
        """Each of the levels 1 to 5 exactly once (out-of-range values are the schema's job)."""
        if not isinstance(levels, list):
            return
        seen: dict[int, int] = {}
        for k, entry in _dicts(levels):
            level = entry.get("level")
            if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= 5:
                continue
            if level in seen:
                line = seen[level]
                self.add(
                    (*path, k, "level"), f"level {level} is listed twice (first at line {line})"
                )
            else:
                seen[level] = self.line((*path, k))
        missing = [str(level) for level in range(1, 6) if level not in seen]
        if missing:
            which = (
                f"level {missing[0]} is"
                if len(missing) == 1
                else f"levels {', '.join(missing)} are"
            )
            self.add(path, f"{which} missing: describe each of the levels 1 to 5 exactly once")

    def check_translation(self, path: DataPath, text: Any, languages: list[str]) -> None:
        if not isinstance(text, dict):
            return
        missing = [_language(code) for code in languages if code != "en" and code not in text]
        if len(missing) == 1:
            self.add(path, f"missing the {missing[0]} translation")
        elif missing:
            self.add(path, f"missing translations: {', '.join(missing)}")
        for code in text:
            if isinstance(code, str) and _LANGUAGE.fullmatch(code) and code not in languages:
                self.add(
                    (*path, code),
                    f'text in "{code}", which is not in languages ({", ".join(languages)}); '
                    "add the language or remove the text",
                )


def _texts(
    data: dict[str, Any], sections: list[tuple[int, dict]], dimensions: list[tuple[int, dict]]
) -> list[tuple[DataPath, Any]]:
    """Every translated text in the file, with its path."""

    def fields(path: DataPath, entry: dict[str, Any], *names: str) -> list[tuple[DataPath, Any]]:
        return [((*path, name), entry[name]) for name in names if name in entry]

    found = fields((), data, "title", "description")
    for k, label in _dicts(data.get("level_labels")):
        found += fields(("level_labels", k), label, "label")
    for i, section in sections:
        found += fields(("sections", i), section, "title", "intro")
        for j, question in _dicts(section.get("questions")):
            found += fields(("sections", i, "questions", j), question, "text", "help")
    for i, dimension in dimensions:
        found += fields(("dimensions", i), dimension, "name", "description")
        for k, level in _dicts(dimension.get("levels")):
            found += fields(("dimensions", i, "levels", k), level, "description")
        for j, item in _dicts(dimension.get("items")):
            found += fields(("dimensions", i, "items", j), item, "text", "help")
            for k, option in _dicts(item.get("options")):
                option_path = ("dimensions", i, "items", j, "options", k)
                found += fields(option_path, option, "label", "description")
    return found


# --- building the parsed tree --------------------------------------------------------------


def _text(value: Any) -> Text:
    return {str(lang): text.strip() for lang, text in (value or {}).items()}


def _build(data: dict[str, Any]) -> ParsedFramework:
    dimensions_by_code = {d["code"]: d for d in data["dimensions"]}
    sections: list[Section] = []
    dimensions: list[Dimension] = []
    questions: list[Question] = []
    for s_pos, section in enumerate(data["sections"], start=1):
        codes = tuple(section.get("dimensions", []))
        section_questions = [
            Question(q["code"], section["code"], q_pos, _text(q["text"]), _text(q.get("help")))
            for q_pos, q in enumerate(section.get("questions", []), start=1)
        ]
        questions += section_questions
        sections.append(
            Section(
                code=section["code"],
                position=s_pos,
                title=_text(section["title"]),
                intro=_text(section.get("intro")),
                dimension_codes=codes,
                question_codes=tuple(q.code for q in section_questions),
            )
        )
        for d_pos, code in enumerate(codes, start=1):
            dimensions.append(_build_dimension(dimensions_by_code[code], section["code"], d_pos))
    return ParsedFramework(
        code=data["code"],
        version=data["version"],
        title=_text(data["title"]),
        description=_text(data.get("description")),
        languages=tuple(data["languages"]),
        level_labels=tuple(
            LevelLabel(entry["level"], _text(entry["label"]))
            for entry in sorted(data.get("level_labels", []), key=lambda entry: entry["level"])
        ),
        sections=tuple(sections),
        dimensions=tuple(dimensions),
        questions=tuple(questions),
    )


def _build_dimension(data: dict[str, Any], section_code: str, position: int) -> Dimension:
    items = tuple(
        Item(
            code=item["code"],
            dimension_code=data["code"],
            position=i_pos,
            text=_text(item["text"]),
            help=_text(item.get("help")),
            response=ResponseType(item["response"]),
            reverse=bool(item.get("reverse", False)),
            dont_know=bool(item.get("dont_know", False)),
            options=tuple(
                Option(o["code"], _text(o["label"]), _text(o.get("description")))
                for o in item.get("options", [])
            ),
        )
        for i_pos, item in enumerate(data["items"], start=1)
    )
    levels = sorted(data.get("levels", []), key=lambda level: level["level"])
    return Dimension(
        code=data["code"],
        kind=DimensionKind(data["kind"]),
        section_code=section_code,
        position=position,
        name=_text(data["name"]),
        description=_text(data.get("description")),
        levels=tuple(Level(level["level"], _text(level["description"])) for level in levels),
        items=items,
    )
