"""Checking a response file against one framework version: which column answers which item, and
whether every cell holds an answer that item offers.

``check_responses(table, instrument, filename=...)`` takes the :class:`~diagnosis.response_files.
Table` of a file and the :class:`Instrument` of the version (``diagnosis.imports.instrument_of``
builds it from the stored items) and returns the :class:`ImportedResponses`, or raises
``ResponseFileError`` listing every problem as ``FILE:ROW:COLUMN: reason``. Nothing is
half-checked: all headings and all rows are checked in one pass, whatever is found.

Columns (headings are matched without regard to case):

=================== =======================================================================
``respondent``      the respondent's id in the other tool (required; unique in the file)
``group``           one of the organisation's respondent groups (optional; empty: other)
``language``        one of the framework's languages (optional)
``CODE``            likert5, level5 and scale items: a point of the item's scale; choice
                    items: an option code; points100 items: today's points; free-text
                    questions: the text
``CODE.current``,   current_target items: the current and the target level, 1 to 5
``CODE.target``
``CODE.desired``    points100 items: the desired points (optional)
=================== =======================================================================

An empty cell is unanswered; ``dk`` is "don't know" where the item offers it. A point the scale
marks missing ("not applicable") is kept with "don't know" set, as the questionnaire stores it.
Text cells follow the product's text rule (``lndstrategy.characters``). Plain Python: no Django.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from lndstrategy.characters import CONTROL_CHARACTERS

from .response_files import MAX_LISTED_PROBLEMS, Problems, Table, column_name

RESPONDENT, GROUP, LANGUAGE = "respondent", "group", "language"
RESERVED = (RESPONDENT, GROUP, LANGUAGE)
DONT_KNOW = "dk"
MAX_ID_LENGTH = 200
MAX_TEXT = 5000  # as the questionnaire (diagnosis.answers.MAX_TEXT)
MAX_SUGGESTIONS = 50  # "did you mean" compares with every column name: only for the first few
MAX_QUOTED = 40

ORDINAL = ("likert5", "level5", "scale")
LEVELS = tuple(range(1, 6))  # current_target: a level 1-5, today and the target
WHOLE = re.compile(r"[+-]?[0-9]{1,6}(?:\.0*)?")
CONTROL_MESSAGE = (
    "the text contains invisible control characters (for example a vertical tab pasted from a "
    "word processor); remove them"
)


@dataclass(frozen=True)
class ScaleSpec:
    code: str
    points: tuple[int, ...]  # the scored points, lowest first
    missing: tuple[tuple[int, str], ...] = ()  # (value, label) of "don't know"/"not applicable"


@dataclass(frozen=True)
class InstrumentItem:
    code: str
    response: str
    dont_know: bool
    dimension: str
    dimension_name: str
    scale: ScaleSpec | None = None  # ordinal items
    options: tuple[str, ...] = ()  # choice items


@dataclass(frozen=True)
class Instrument:
    """What a response file may answer: one framework version, and the organisation's groups."""

    label: str  # e.g. "onboarding-check v1", for messages
    items: tuple[InstrumentItem, ...]
    questions: tuple[str, ...]
    languages: tuple[str, ...]
    groups: tuple[str, ...]
    default_group: str


@dataclass(frozen=True, slots=True)
class ImportedAnswer:
    """The fields of one `diagnosis.models.Answer` (see diagnosis/answers.py)."""

    item: str
    value: int | None = None
    target: int | None = None
    choice: str = ""
    dont_know: bool = False


@dataclass(frozen=True, slots=True)
class ImportedResponse:
    row: int
    respondent: str  # the id in the other tool: hashed when stored, never kept in clear
    group: str
    language: str
    answers: tuple[ImportedAnswer, ...]
    texts: tuple[tuple[str, str], ...]  # (question code, text)


@dataclass(frozen=True)
class ImportedResponses:
    filename: str
    responses: tuple[ImportedResponse, ...]
    label: str = ""

    @property
    def answer_count(self) -> int:
        return sum(len(response.answers) for response in self.responses)

    @property
    def text_count(self) -> int:
        return sum(len(response.texts) for response in self.responses)

    @property
    def groups(self) -> frozenset[str]:
        return frozenset(response.group for response in self.responses)


@dataclass(frozen=True)
class Column:
    index: int
    heading: str
    role: str  # respondent, group, language, value, choice, text, current, target, today, desired
    code: str = ""  # the item or question code


def _quote(raw: str) -> str:
    shown = raw if len(raw) <= MAX_QUOTED else raw[: MAX_QUOTED - 1] + "…"
    return f'"{shown}"'


def _shown(raw: str) -> str:
    """A value as a message shows it: a whole number as it is, anything else in quotes."""
    return raw if WHOLE.fullmatch(raw) else _quote(raw)


def _or(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + ", or " + parts[-1]


def _whole(raw: str) -> int | None:
    return int(float(raw)) if WHOLE.fullmatch(raw) else None


def _role(response: str) -> str:
    if response in ORDINAL:
        return "value"
    return {"choice": "choice", "points100": "today"}.get(response, "")


def _where(item: InstrumentItem) -> str:
    """Which columns hold the answers to ``item``."""
    if item.response == "current_target":
        return f'its answers go in the columns "{item.code}.current" and "{item.code}.target"'
    if item.response == "points100":
        return f'its points go in the column "{item.code}" (today) and "{item.code}.desired"'
    return f'its answers go in the column "{item.code}"'


class ResponseRules:
    """One check of one table; ``run`` returns the responses, ``problems`` holds what is wrong."""

    def __init__(self, table: Table, instrument: Instrument, filename: str = "") -> None:
        self.table = table
        self.instrument = instrument
        self.filename = filename
        self.items = {item.code: item for item in instrument.items}
        self.dimension_names = {item.dimension: item.dimension_name for item in instrument.items}
        self.questions = frozenset(instrument.questions)
        self.problems = Problems(keep=MAX_LISTED_PROBLEMS)
        self.suggestions = 0
        self.columns: list[Column] = []
        self.heading_problems = 0

    # --- headings --------------------------------------------------------------------------

    def names(self) -> list[str]:
        """Every heading a file for this instrument may use, for "did you mean"."""
        names = list(RESERVED)
        for item in self.instrument.items:
            if item.response == "current_target":
                names += [f"{item.code}.current", f"{item.code}.target"]
            elif item.response == "points100":
                names += [item.code, f"{item.code}.desired"]
            else:
                names.append(item.code)
        return names + list(self.instrument.questions)

    def resolve(self, heading: str) -> tuple[str, str] | str:
        """(role, code) of a heading, or why it names no column."""
        key = heading.lower()
        if key in RESERVED:
            return key, ""
        if key in self.items:
            item = self.items[key]
            if item.response == "current_target":
                return f"{key} is a current_target item: {_where(item)}"
            return _role(item.response), key
        if key in self.questions:
            return "text", key
        base, dot, suffix = key.rpartition(".")
        if dot and base in self.items:
            item = self.items[base]
            if item.response == "current_target" and suffix in ("current", "target"):
                return suffix, base
            if item.response == "points100" and suffix == "desired":
                return "desired", base
            return f"{base} is a {item.response} item: {_where(item)}"
        return self.unknown(heading)

    def unknown(self, heading: str) -> str:
        self.suggestions += 1
        close = (
            difflib.get_close_matches(heading.lower(), self.names(), n=1)
            if self.suggestions <= MAX_SUGGESTIONS
            else []
        )
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        return f"unknown item code {_quote(heading)} in {self.instrument.label}{hint}"

    def read_headings(self) -> None:
        seen: dict[tuple[str, str], int] = {}
        for index, heading in enumerate(self.table.headings):
            if not heading:
                continue
            if CONTROL_CHARACTERS.search(heading):
                self.problems.add(1, f"column {index + 1}", CONTROL_MESSAGE)
                continue
            found = self.resolve(heading)
            if isinstance(found, str):
                self.problems.add(1, heading, found)
                continue
            if found in seen:
                self.problems.add(
                    1,
                    heading,
                    f"the column {_quote(heading)} appears twice (first as column "
                    f"{seen[found] + 1})",
                )
                continue
            seen[found] = index
            self.columns.append(Column(index, heading, *found))
        roles = {column.role for column in self.columns}
        if RESPONDENT not in roles:
            self.problems.add(
                1,
                "",
                'no "respondent" column: one column must be called "respondent" and hold '
                "each respondent's id in the other tool",
            )
        if not self.problems and not roles - set(RESERVED):
            example = next(iter(self.names()[len(RESERVED) :]), "")
            self.problems.add(
                1,
                "",
                "no column holds answers: name the columns after the item and question codes "
                f'of {self.instrument.label}, such as "{example}"',
            )
        self.heading_problems = self.problems.total

    # --- rows ------------------------------------------------------------------------------

    def run(self) -> ImportedResponses:
        self.read_headings()
        responses = []
        first_row: dict[str, int] = {}
        for number, cells in self.table.rows:
            response = RowCheck(self, number, cells, first_row).run()
            if response is not None:
                responses.append(response)
        if self.problems:
            raise self.problems.error(self.filename)
        return ImportedResponses(self.filename, tuple(responses), self.instrument.label)


@dataclass
class RowCheck:
    """One row: its answers, or its problems (in the order of the columns)."""

    rules: ResponseRules
    number: int
    cells: tuple[str, ...]
    first_row: dict[str, int]
    found: list[tuple[int, str, str]] = field(default_factory=list)  # (index, column, message)

    def cell(self, index: int) -> str:
        return self.cells[index] if index < len(self.cells) else ""

    def add(self, column: Column, message: str) -> None:
        self.found.append((column.index, column.heading, message))

    def run(self) -> ImportedResponse | None:
        headings = self.rules.table.headings
        for index, raw in enumerate(self.cells):
            if raw and (index >= len(headings) or not headings[index]):
                self.found.append(
                    (
                        index,
                        column_name(headings, index),
                        "a value in a column without a heading: name the column or remove it",
                    )
                )
        respondent = group = language = ""
        group = self.rules.instrument.default_group
        fields: dict[str, dict[str, tuple[Column, str]]] = {}
        texts: list[tuple[str, str]] = []
        for column in self.rules.columns:
            raw = self.cell(column.index)
            if raw and CONTROL_CHARACTERS.search(raw):
                self.add(column, CONTROL_MESSAGE)
                continue
            if column.role == RESPONDENT:
                respondent = self.respondent(column, raw)
            elif column.role == GROUP:
                group = self.group(column, raw)
            elif column.role == LANGUAGE:
                language = self.language(column, raw)
            elif column.role == "text":
                if len(raw) > MAX_TEXT:
                    self.add(
                        column,
                        f"the answer is {len(raw):,} characters; written answers may be at "
                        f"most {MAX_TEXT:,}",
                    )
                elif raw:
                    texts.append((column.code, raw))
            elif raw:
                fields.setdefault(column.code, {})[column.role] = (column, raw)
        answers = self.answers(fields)
        answered = bool(answers or texts)
        if not answered and not self.found and not self.rules.heading_problems:
            self.found.append(
                (-1, "", "the row holds no answers; leave out respondents who answered nothing")
            )
        for _index, column, message in sorted(self.found, key=lambda found: found[0]):
            self.rules.problems.add(self.number, column, message)
        if self.found:
            return None
        return ImportedResponse(
            self.number, respondent, group, language, tuple(answers), tuple(texts)
        )

    # --- who -------------------------------------------------------------------------------

    def respondent(self, column: Column, raw: str) -> str:
        if not raw:
            self.add(column, "no respondent id: every row needs the respondent's id")
        elif len(raw) > MAX_ID_LENGTH:
            self.add(
                column,
                f"the respondent id is {len(raw):,} characters; ids may be at most "
                f"{MAX_ID_LENGTH} characters",
            )
        elif raw in self.first_row:
            self.add(
                column,
                f"respondent {_quote(raw)} is already in row {self.first_row[raw]}: one row per "
                "respondent",
            )
        else:
            self.first_row[raw] = self.number
        return raw

    def group(self, column: Column, raw: str) -> str:
        instrument = self.rules.instrument
        if not raw:
            return instrument.default_group
        if raw.lower() in instrument.groups:
            return raw.lower()
        close = difflib.get_close_matches(raw.lower(), instrument.groups, n=1)
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        self.add(
            column,
            f"unknown group {_quote(raw)}{hint}: use one of {', '.join(instrument.groups)}, or "
            f'leave it empty for "{instrument.default_group}"',
        )
        return ""

    def language(self, column: Column, raw: str) -> str:
        instrument = self.rules.instrument
        if not raw or raw.lower() in instrument.languages:
            return raw.lower()
        self.add(
            column,
            f"unknown language {_quote(raw)}: {instrument.label} is written in "
            f"{', '.join(instrument.languages)}",
        )
        return ""

    # --- answers ---------------------------------------------------------------------------

    def answers(self, fields: dict[str, dict[str, tuple[Column, str]]]) -> list[ImportedAnswer]:
        answers = []
        points: dict[str, dict[str, list]] = {}  # dimension -> role -> [(column, value or None)]
        for code, given in fields.items():
            item = self.rules.items[code]
            if item.response in ORDINAL:
                answer = self.ordinal(item, *given["value"])
            elif item.response == "choice":
                answer = self.choice(item, *given["choice"])
            elif item.response == "current_target":
                answer = self.current_target(item, given)
            else:
                answer = self.points(item, given, points.setdefault(item.dimension, {}))
            if answer is not None:
                answers.append(answer)
        for dimension, roles in points.items():
            self.check_total(dimension, roles)
        return answers

    def allowed(self, item: InstrumentItem, scale: ScaleSpec) -> str:
        parts = [f"a whole number from {scale.points[0]} to {scale.points[-1]}"]
        parts += [f"{value} ({label})" for value, label in scale.missing]
        if item.dont_know:
            parts.append('dk for "don\'t know"')
        return _or(parts)

    def no_dont_know(self, item: InstrumentItem, column: Column, scale: ScaleSpec) -> None:
        self.add(
            column,
            f'{item.code} offers no "don\'t know", so dk is not an answer: use '
            f"{self.allowed(item, scale)}",
        )

    def ordinal(self, item: InstrumentItem, column: Column, raw: str) -> ImportedAnswer | None:
        scale = item.scale
        assert scale is not None
        if raw.lower() == DONT_KNOW:
            if item.dont_know:
                return ImportedAnswer(item.code, dont_know=True)
            self.no_dont_know(item, column, scale)
            return None
        number = _whole(raw)
        if number in scale.points:
            return ImportedAnswer(item.code, value=number)
        if number in dict(scale.missing):  # "not applicable": kept, never scored
            return ImportedAnswer(item.code, value=number, dont_know=True)
        self.add(
            column,
            f'{_shown(raw)} is not a point of the scale "{scale.code}": use '
            f"{self.allowed(item, scale)}",
        )
        return None

    def choice(self, item: InstrumentItem, column: Column, raw: str) -> ImportedAnswer | None:
        if raw.lower() == DONT_KNOW and item.dont_know:
            return ImportedAnswer(item.code, dont_know=True)
        options = {option.lower(): option for option in item.options}
        if raw.lower() in options:
            return ImportedAnswer(item.code, choice=options[raw.lower()])
        close = difflib.get_close_matches(raw.lower(), list(options), n=1)
        hint = f' (did you mean "{options[close[0]]}"?)' if close else ""
        allowed = list(item.options) + (['dk for "don\'t know"'] if item.dont_know else [])
        self.add(column, f"unknown option {_quote(raw)}{hint}: use {_or(allowed)}")
        return None

    def current_target(self, item: InstrumentItem, given: dict) -> ImportedAnswer | None:
        levels = ScaleSpec("", LEVELS)
        cells = {role: given[role] for role in ("current", "target") if role in given}
        dont_know = [role for role, (_column, raw) in cells.items() if raw.lower() == DONT_KNOW]
        if dont_know:
            column = cells[dont_know[0]][0]
            if not item.dont_know:
                self.no_dont_know(item, column, levels)
                return None
            others = [role for role in cells if role not in dont_know]
            if others:
                other = cells[others[0]][0]
                self.add(
                    other,
                    f'dk ("don\'t know") in {column.heading} covers the whole item: leave '
                    f"{other.heading} empty or write dk there too",
                )
                return None
            return ImportedAnswer(item.code, dont_know=True)
        values: dict[str, int] = {}
        for role, (column, raw) in cells.items():
            number = _whole(raw)
            if number in LEVELS:
                values[role] = number
            else:
                self.add(column, f"{_shown(raw)} is not a level: use {self.allowed(item, levels)}")
        if len(values) != len(cells):
            return None
        return ImportedAnswer(item.code, value=values.get("current"), target=values.get("target"))

    def points(self, item: InstrumentItem, given: dict, totals: dict) -> ImportedAnswer | None:
        values: dict[str, int] = {}
        for role in ("today", "desired"):
            if role not in given:
                continue
            column, raw = given[role]
            number = _whole(raw)
            if number is not None and 0 <= number <= 100 and not raw.startswith(("+", "-")):
                values[role] = number
                totals.setdefault(role, []).append((column, number))
            else:
                self.add(column, f"points are whole numbers from 0 to 100, not {_quote(raw)}")
                totals.setdefault(role, []).append((column, None))
        if len(values) != len(given):
            return None
        return ImportedAnswer(item.code, value=values.get("today"), target=values.get("desired"))

    def check_total(self, dimension: str, roles: dict[str, list]) -> None:
        name = self.rules.dimension_names[dimension]
        for role, cells in roles.items():
            if any(value is None for _column, value in cells):
                continue  # a cell is wrong already
            total = sum(value for _column, value in cells)
            if total == 100:
                continue
            first = min((column for column, _value in cells), key=lambda column: column.index)
            which = "points" if role == "today" else "desired points"
            columns = ", ".join(column.heading for column, _value in cells)
            self.add(
                first,
                f'the {which} of "{name}" ({columns}) add up to {total}; they must add up to 100',
            )


def check_responses(
    table: Table, instrument: Instrument, *, filename: str = ""
) -> ImportedResponses:
    """The responses of ``table``; ``ResponseFileError`` listing every problem if any."""
    return ResponseRules(table, instrument, filename).run()


def groups_in(responses: Iterable[ImportedResponse], order: Iterable[str]) -> list[str]:
    """The groups the responses answer in, in ``order``."""
    used = {response.group for response in responses}
    return [group for group in order if group in used]
