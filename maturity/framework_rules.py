"""Consistency rules for framework files that JSON Schema can't express.

``rule_problems(document)`` checks unique codes (items and questions share one set), that
sections place every dimension exactly once, that levels 1-5 are each described exactly once,
that response types and their options fit together, and that every text is translated into
every declared language. The rules are written defensively: they also run on data the schema
rejected, so one attempt reports everything. Plain Python: no Django imports.
"""

from __future__ import annotations

import contextlib
import difflib
import re
from typing import Any

from maturity.framework_instrument_rules import (
    ORDINAL_RESPONSES,
    check_instrument,
    instrument_texts,
)
from maturity.framework_problems import CheckBudget, FrameworkProblem, StopChecking, format_path
from maturity.yaml_positions import LocatedDocument
from maturity.yaml_positions import Path as DataPath

_LEVEL_RESPONSES = {"likert5", "level5", "current_target"}
_RESPONSES = {*_LEVEL_RESPONSES, "points100", "choice", "scale"}
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{2,8})?")  # as in schema.json; others are its job
_LANGUAGE_NAMES = {"en": "English", "nl": "Dutch", "de": "German", "fr": "French"}
_MAX_SUGGESTIONS = 50  # "did you mean" compares with every code: only for the first few


def _dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The mapping entries of a list, with their indexes; nothing if ``value`` isn't a list."""
    if not isinstance(value, list):
        return []
    return [(index, entry) for index, entry in enumerate(value) if isinstance(entry, dict)]


def _language(code: str) -> str:
    name = _LANGUAGE_NAMES.get(code)
    return f'{name} ("{code}")' if name else f'"{code}"'


def rule_problems(
    document: LocatedDocument, budget: CheckBudget | None = None
) -> list[FrameworkProblem]:
    """Every consistency problem in ``document``, in the order found, until ``budget`` is spent."""
    rules = Rules(document, budget or CheckBudget())
    if rules.budget.spent:
        return []
    with contextlib.suppress(StopChecking):
        rules.run()
    return rules.problems


class Rules:
    """Consistency rules. Written defensively: they also run on data the schema rejected."""

    def __init__(self, document: LocatedDocument, budget: CheckBudget | None = None) -> None:
        self.document = document
        self.budget = budget or CheckBudget()
        self.problems: list[FrameworkProblem] = []
        self.suggestions = 0

    def add(self, path: DataPath, message: str) -> None:
        line = self.document.line_for(path)
        self.problems.append(FrameworkProblem(format_path(path), line, message))
        self.budget.spend()

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
        check_instrument(self, data)
        for index, dimension in dimensions:
            self.check_dimension(("dimensions", index), dimension)
        if "level_labels" in data:
            self.check_levels(("level_labels",), data["level_labels"])
        languages = data.get("languages")
        if isinstance(languages, list) and all(isinstance(code, str) for code in languages):
            for path, text in _texts(data, sections, dimensions) + instrument_texts(data):
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
        known_codes = [d["code"] for _, d in dimensions if isinstance(d.get("code"), str)]
        known = set(known_codes)
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
                    self.suggestions += 1
                    close = (
                        difflib.get_close_matches(code, known_codes, n=1)
                        if self.suggestions <= _MAX_SUGGESTIONS
                        else []
                    )
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
        if item.get("reverse") is True and response not in ORDINAL_RESPONSES:
            self.add(
                (*path, "reverse"),
                f"reverse only applies to items on an ordered scale (likert5, level5, scale), "
                f"not {response}",
            )
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
