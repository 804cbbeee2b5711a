"""Framework files: load, validate and parse a maturity framework written as YAML or JSON.

The format is described in ``docs/frameworks.md`` and ``maturity/frameworks/schema.json``.
``parse_framework`` (text or bytes, e.g. a browser upload) and ``load_framework`` (a path) return
a frozen :class:`ParsedFramework` or raise :class:`FrameworkFileError` listing every problem found,
each with its path in the file, its line and a plain-English message. Structure is checked with
JSON Schema (``maturity.framework_schema``), then the rules a schema cannot express
(``maturity.framework_rules``); both passes always run, so one attempt reports everything.
Problems are :class:`FrameworkProblem` (``maturity.framework_problems``), re-exported here.
Plain Python: no Django imports.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from maturity.framework_problems import (
    MAX_LISTED_PROBLEMS,
    CheckBudget,
    FrameworkFileError,
    FrameworkProblem,
    format_path,
    sorted_unique,
)
from maturity.framework_rules import rule_problems
from maturity.framework_schema import SCHEMA_PATH, schema_problems
from maturity.scales import BUILT_IN_SCALES, Scale, ScalePoint, Text, scale_as_dict
from maturity.yaml_positions import (
    MAX_INT_DIGITS,
    LocatedDocument,
    YamlLimitError,
    YamlSyntaxError,
    check_limits,
    load_located,
    too_many_digits_message,
)

__all__ = [
    "DEFAULT_FRAMEWORK_CODE",
    "DEFAULT_FRAMEWORK_PATH",
    "FRAMEWORKS_DIR",
    "MAX_FILE_BYTES",
    "MAX_LISTED_PROBLEMS",
    "SCHEMA_PATH",
    "Block",
    "Dimension",
    "DimensionKind",
    "FrameworkFileError",
    "FrameworkProblem",
    "Item",
    "Level",
    "LevelLabel",
    "NormSet",
    "NormValue",
    "Option",
    "ParsedFramework",
    "Question",
    "ResponseType",
    "Scale",
    "ScalePoint",
    "Section",
    "Text",
    "compute_content_hash",
    "format_path",
    "load_default_framework",
    "load_framework",
    "parse_framework",
    "pick_text",
]  # fmt: skip

FRAMEWORKS_DIR = Path(__file__).resolve().parent / "frameworks"
DEFAULT_FRAMEWORK_CODE = "ld-strategy"  # the built-in default framework's code
DEFAULT_FRAMEWORK_PATH = FRAMEWORKS_DIR / f"{DEFAULT_FRAMEWORK_CODE}.yaml"
MAX_FILE_BYTES = 1024 * 1024


class ResponseType(StrEnum):
    LIKERT5 = "likert5"  # agreement 1-5; reverse items score 6 - answer
    LEVEL5 = "level5"  # the level 1-5 whose descriptor fits best
    CURRENT_TARGET = "current_target"  # current and target level, each 1-5
    POINTS100 = "points100"  # points today and desired; a dimension's items share 100
    CHOICE = "choice"  # the code of one option
    SCALE = "scale"  # one point of a named scale (``Item.scale``)

    @property
    def answer_fields(self) -> tuple[str, ...]:
        """The values one answer holds."""
        return _ANSWER_FIELDS[self]

    @property
    def uses_levels(self) -> bool:
        """Answered on the 1-5 scale, so the dimension needs level descriptors."""
        return self in (ResponseType.LIKERT5, ResponseType.LEVEL5, ResponseType.CURRENT_TARGET)

    @property
    def is_ordinal(self) -> bool:
        """One value on an ordered scale of points (``Item.scale`` names it): scored, reversible."""
        return self in ORDINAL_RESPONSES


_ANSWER_FIELDS = {
    ResponseType.LIKERT5: ("value",),
    ResponseType.LEVEL5: ("value",),
    ResponseType.CURRENT_TARGET: ("current", "target"),
    ResponseType.POINTS100: ("today", "desired"),
    ResponseType.CHOICE: ("choice",),
    ResponseType.SCALE: ("value",),
}
ORDINAL_RESPONSES = frozenset({ResponseType.LIKERT5, ResponseType.LEVEL5, ResponseType.SCALE})


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
class Block:
    """A named group of dimensions (e.g. a building block with its sub-scales)."""

    code: str
    position: int  # 1-based
    name: Text
    description: Text
    dimension_codes: tuple[str, ...]


@dataclass(frozen=True)
class NormValue:
    """Published reference values of one dimension, on the dimension's answer scale."""

    dimension_code: str
    median: float
    first_quartile: float
    third_quartile: float
    n: int


@dataclass(frozen=True)
class NormSet:
    """Reference values from one source (a study or a published sample) and year."""

    source: str
    year: int | None
    values: tuple[NormValue, ...]


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
    scale: str = ""  # code of the scale of an ordinal item (likert5, level5 or a declared one)
    weight: float = 1.0  # in the dimension's (weighted) mean


@dataclass(frozen=True)
class Dimension:
    code: str
    kind: DimensionKind
    section_code: str
    position: int  # 1-based, within the section
    name: Text
    description: Text
    levels: tuple[Level, ...]  # levels 1..5 in order, or () where the file gives none
    items: tuple[Item, ...]
    weight: float = 1.0  # in the overall score's (weighted) mean
    needs_owner: bool = False  # a leader must be accountable for it (default: kind "feature")
    block_code: str = ""


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
    scales: tuple[Scale, ...] = ()  # every scale the items use, built-in ones included
    blocks: tuple[Block, ...] = ()
    norms: tuple[NormSet, ...] = ()
    content_hash: str = field(default="", compare=False)
    source: str | None = field(default=None, compare=False)  # the file name, where known
    text: str | None = field(default=None, compare=False, repr=False)  # the file as parsed

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for dimension in self.dimensions for item in dimension.items)

    def scale(self, code: str) -> Scale | None:
        return next((scale for scale in self.scales if scale.code == code), None)

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (the hashed content plus version), e.g. for a JSONField."""
        data = asdict(self)
        del data["content_hash"], data["source"], data["text"]
        return json.loads(json.dumps(data))  # tuples become lists, enums plain strings


def pick_text(text: Mapping[str, str] | None, language: str) -> str:
    """``text`` in ``language`` ("nl-be" counts as "nl"), falling back to English."""
    if not text:
        return ""
    language = language.split("-")[0]
    return text.get(language) or text.get("en") or next(iter(text.values()), "")


def compute_content_hash(framework: ParsedFramework) -> str:
    """sha256 of the canonical JSON of everything but ``version``: formatting, comments, key order
    and defaults written out or left implicit don't change it."""
    data = _without_defaults(framework.as_dict())
    del data["version"]
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


_BUILT_IN_SCALE_DICTS = [scale_as_dict(scale) for scale in BUILT_IN_SCALES.values()]


def _without_defaults(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` without the keys a file that doesn't use scales, blocks, weights or norms leaves
    at their defaults, so such a file keeps the hash it had before they existed."""
    for key in ("blocks", "norms"):
        if not data.get(key):
            data.pop(key, None)
    scales = [scale for scale in data.get("scales", []) if scale not in _BUILT_IN_SCALE_DICTS]
    if scales:
        data["scales"] = scales
    else:
        data.pop("scales", None)
    for dimension in data["dimensions"]:
        for key, default in (
            ("weight", 1.0),
            ("needs_owner", dimension["kind"] == DimensionKind.FEATURE),
            ("block_code", ""),
        ):
            if dimension.get(key) == default:
                del dimension[key]
        for item in dimension["items"]:
            if item.get("weight") == 1.0:
                del item["weight"]
            if item.get("scale") in ("", item["response"]):
                del item["scale"]
    return data


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
    budget = CheckBudget()  # the clock starts before reading: the whole check is budgeted
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
    problems += schema_problems(document, budget)
    problems += rule_problems(document, budget)
    if budget.stopped is not None:
        problems.append(budget.stopped)
    if problems:
        raise FrameworkFileError(sorted_unique(problems), filename)
    framework = _build(document.data)
    return replace(
        framework, content_hash=compute_content_hash(framework), source=filename, text=text
    )


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


class _NumberTooLong(ValueError):
    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


def _bounded_int(text: str) -> int:
    """``json.loads``'s ``parse_int``: refuse long numbers before Python converts them."""
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise _NumberTooLong(digits)
    return int(text)


def _read_json(text: str, filename: str | None) -> LocatedDocument:
    try:
        data = json.loads(text, parse_int=_bounded_int)
    except _NumberTooLong as exc:
        try:  # the YAML loader refuses it too, at its line
            load_located(text)
        except YamlSyntaxError as located:
            if isinstance(located, YamlLimitError):
                problem = FrameworkProblem("", located.line, located.message, located.column)
                raise FrameworkFileError([problem], filename) from exc
        problem = FrameworkProblem("", None, too_many_digits_message(exc.digits))
        raise FrameworkFileError([problem], filename) from exc
    except json.JSONDecodeError as exc:
        problem = FrameworkProblem("", exc.lineno, f"invalid JSON: {exc.msg}", exc.colno)
        raise FrameworkFileError([problem], filename) from exc
    except RecursionError as exc:
        problem = FrameworkProblem("", None, "invalid JSON: the file is nested too deeply")
        raise FrameworkFileError([problem], filename) from exc
    try:  # JSON is (nearly) YAML: borrow the YAML loader for line numbers and duplicate keys
        located = load_located(text)
    except YamlLimitError as exc:
        problem = FrameworkProblem("", exc.line, exc.message, exc.column)
        raise FrameworkFileError([problem], filename) from exc
    except YamlSyntaxError:
        try:
            check_limits(data)
        except YamlLimitError as exc:
            raise FrameworkFileError([FrameworkProblem("", None, exc.message)], filename) from exc
        return LocatedDocument(data=data, lines={})
    return LocatedDocument(data=data, lines=located.lines, duplicate_keys=located.duplicate_keys)


# --- building the parsed tree --------------------------------------------------------------


def _text(value: Any) -> Text:
    return {str(lang): text.strip() for lang, text in (value or {}).items()}


def _build(data: dict[str, Any]) -> ParsedFramework:
    dimensions_by_code = {d["code"]: d for d in data["dimensions"]}
    block_of = {
        code: block["code"] for block in data.get("blocks", []) for code in block["dimensions"]
    }
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
            dimensions.append(
                _build_dimension(
                    dimensions_by_code[code], section["code"], d_pos, block_of.get(code, "")
                )
            )
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
        scales=_build_scales(data.get("scales", []), dimensions),
        blocks=tuple(
            Block(
                code=block["code"],
                position=position,
                name=_text(block["name"]),
                description=_text(block.get("description")),
                dimension_codes=tuple(block["dimensions"]),
            )
            for position, block in enumerate(data.get("blocks", []), start=1)
        ),
        norms=tuple(
            NormSet(
                source=norms["source"].strip(),
                year=norms.get("year"),
                values=tuple(
                    NormValue(
                        dimension_code=code,
                        median=float(value["median"]),
                        first_quartile=float(value["q1"]),
                        third_quartile=float(value["q3"]),
                        n=int(value["n"]),
                    )
                    for code, value in norms["dimensions"].items()
                ),
            )
            for norms in data.get("norms", [])
        ),
    )


def _build_scales(declared: list[dict[str, Any]], dimensions: list[Dimension]) -> tuple[Scale, ...]:
    """The declared scales, then the built-in ones that items use and the file doesn't redeclare."""
    scales = {
        scale["code"]: Scale(
            code=scale["code"],
            name=_text(scale.get("name")),
            points=tuple(
                ScalePoint(point["value"], _text(point["label"]), bool(point.get("missing")))
                for point in scale["points"]
            ),
        )
        for scale in declared
    }
    for dimension in dimensions:
        for item in dimension.items:
            if item.scale and item.scale not in scales:
                scales[item.scale] = BUILT_IN_SCALES[item.scale]
    return tuple(scales.values())


def _build_dimension(
    data: dict[str, Any], section_code: str, position: int, block_code: str
) -> Dimension:
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
            scale=_item_scale(item),
            weight=float(item.get("weight", 1)),
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
        weight=float(data.get("weight", 1)),
        needs_owner=bool(data.get("needs_owner", data["kind"] == DimensionKind.FEATURE)),
        block_code=block_code,
    )


def _item_scale(item: dict[str, Any]) -> str:
    """The scale of an ordinal item: its ``scale``, or the built-in scale its response names."""
    response = ResponseType(item["response"])
    if response == ResponseType.SCALE:
        return str(item["scale"])
    return response.value if response.is_ordinal else ""
