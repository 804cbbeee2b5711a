"""Load YAML (or JSON, which is nearly a subset of it) and remember where every value starts.

``load_located(text)`` returns the plain data together with a map from each path in it — a tuple
of mapping keys and list indexes such as ``("dimensions", 2, "items", 0, "code")`` — to the 1-based
line it was written on. Mapping entries are placed on the line of their key, list entries on the
line where the entry begins.

The loader is deliberately strict, because framework files can be uploaded through the browser:

* anchors and aliases (``&name`` / ``*name``) are refused, which rules out "billion laughs" alias
  bombs, and so are merge keys (``<<``);
* nesting deeper than ``MAX_DEPTH`` is refused before Python's recursion limit is reached;
* so are more than ``MAX_NODES`` values, a text longer than ``MAX_STRING_CHARS`` characters and a
  whole number with more than ``MAX_INT_DIGITS`` digits (Python refuses to convert 4,300 digits
  and up, and no framework needs more than a handful), each at its line, while composing: a
  hostile 1 MB file is refused in well under a second (``bench/hostile_uploads.py``);
* a key used twice in one mapping is reported (PyYAML would silently keep the last one).

Events come from libyaml (``yaml.CParser``) where PyYAML was built with it — about eight times
faster than the pure-Python scanner — and are composed here in Python, so the checks above run
node by node. ``check_limits(data)`` applies the same limits to data parsed elsewhere (JSON).

No Django imports: this module is plain Python.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from lndstrategy.characters import CONTROL_CHARACTERS

PathPart = str | int
Path = tuple[PathPart, ...]

MAX_DEPTH = 64
MAX_NODES = 25_000  # values of any kind (keys too); the shipped ld-strategy framework has 2,570
MAX_STRING_CHARS = 10_000  # translated texts may hold at most 5,000 (schema.json)
MAX_INT_DIGITS = 18
_MERGE_TAG = "tag:yaml.org,2002:merge"
_INT_TAG = "tag:yaml.org,2002:int"

_EXPLAIN_WITHIN_CHARS = 256 * 1024  # PyYAML re-reads a broken file this far for its message


class _PyParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


try:  # libyaml's event parser; the composer stays in Python so the limits apply per node
    from yaml._yaml import CParser as _Parser

    _LIBYAML = True
except ImportError:  # pragma: no cover - PyYAML without libyaml
    _Parser = _PyParser  # type: ignore[misc,assignment]
    _LIBYAML = False


class YamlSyntaxError(ValueError):
    """The text is not YAML this loader accepts. ``line`` and ``column`` are 1-based."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class YamlLimitError(YamlSyntaxError):
    """The text is too big or too deep to check (see the module's limits)."""


def too_many_nodes_message() -> str:
    return (
        f"the file holds more than {MAX_NODES:,} values; framework files may hold at most "
        f"{MAX_NODES:,} (split it into several frameworks)"
    )


def too_deep_message() -> str:
    return f"the file is nested more than {MAX_DEPTH} levels deep"


def too_long_text_message(length: int) -> str:
    return f"a text of {length:,} characters; texts may be at most {MAX_STRING_CHARS:,} characters"


def control_character_message(text: str) -> str:
    found = CONTROL_CHARACTERS.search(text)
    code = f"U+{ord(found.group()):04X}" if found else "a control character"
    return (
        f"a text holds the control character {code}; texts may hold tabs and line breaks "
        "but no other control characters"
    )


def too_many_digits_message(digits: int) -> str:
    return f"a number with {digits:,} digits; numbers may have at most {MAX_INT_DIGITS} digits"


def _int_digits(text: str) -> int:
    """Digits in a YAML/JSON whole number as written (sign, base prefix and "_" left out)."""
    digits = text.strip().lstrip("+-").replace("_", "").lower()
    for prefix in ("0x", "0o", "0b"):
        digits = digits.removeprefix(prefix)
    return len(digits)


@dataclass(frozen=True)
class DuplicateKey:
    """A key written twice in one mapping: ``path`` ends with the key."""

    path: Path
    line: int
    first_line: int


@dataclass(frozen=True)
class LocatedDocument:
    data: Any
    lines: Mapping[Path, int]
    duplicate_keys: tuple[DuplicateKey, ...] = ()

    def line_for(self, path: Path) -> int | None:
        """The line of ``path``, or of its nearest ancestor that was written in the file."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return None


def _error_at(message: str, mark: yaml.Mark | None) -> YamlSyntaxError:
    if mark is None:
        return YamlSyntaxError(message)
    return YamlSyntaxError(message, mark.line + 1, mark.column + 1)


class _StrictComposer(yaml.composer.Composer):
    """A composer that refuses anchors, aliases, deep nesting, too many values, long texts and
    long numbers while composing. Mixed with a parser, a constructor and a resolver below."""

    parser_class: Any

    def __init__(self, stream: str) -> None:
        self.parser_class.__init__(self, stream)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        yaml.composer.Composer.__init__(self)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _error_at(
                "YAML anchors and aliases (&name, *name) are not allowed in framework files; "
                "write the text out in full",
                event.start_mark,
            )
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise _limit_at(too_many_nodes_message(), event.start_mark)
        if isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_STRING_CHARS:
            raise _limit_at(too_long_text_message(len(event.value)), event.start_mark)
        if isinstance(event, yaml.ScalarEvent) and CONTROL_CHARACTERS.search(event.value):
            raise _limit_at(control_character_message(event.value), event.start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _limit_at(too_deep_message(), event.start_mark)
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if node.tag == _INT_TAG and isinstance(node, yaml.ScalarNode):
            digits = _int_digits(node.value)
            if digits > MAX_INT_DIGITS:  # before int() (Python refuses 4,300 digits and more)
                raise _limit_at(too_many_digits_message(digits), node.start_mark)
        return node


class _StrictLoader(
    _StrictComposer, _Parser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver
):
    """The safe loader: the strict composer (Python) on libyaml's events."""

    parser_class = _Parser


class _PyStrictLoader(
    _StrictComposer, _PyParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver
):
    """The same on PyYAML's own scanner: slower, but its syntax messages say what it found."""

    parser_class = _PyParser


def _limit_at(message: str, mark: yaml.Mark | None) -> YamlLimitError:
    if mark is None:
        return YamlLimitError(message)
    return YamlLimitError(message, mark.line + 1, mark.column + 1)


def _describe_yaml_error(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "invalid YAML").strip()
    context = (exc.context or "").strip()
    if context and exc.context_mark is not None and exc.context_mark != exc.problem_mark:
        mark = exc.context_mark
        context = f"{context} at line {mark.line + 1}, column {mark.column + 1}"
    return f"invalid YAML: {problem}" + (f" ({context})" if context else "")


def load_located(text: str) -> LocatedDocument:
    """Parse ``text`` as one YAML document. Raises :class:`YamlSyntaxError`."""
    loader: _StrictLoader | None = None
    try:
        loader = _StrictLoader(text)
        root = loader.get_single_node()
        if root is None:
            return LocatedDocument(data=None, lines={})
        lines: dict[Path, int] = {(): root.start_mark.line + 1}
        duplicates: list[DuplicateKey] = []
        _walk(loader, root, (), lines, duplicates)  # before constructing, which flattens merges
        data = loader.construct_document(root)
        return LocatedDocument(data=data, lines=lines, duplicate_keys=tuple(duplicates))
    except yaml.MarkedYAMLError as exc:
        raise _pyyaml_error(text, exc) or _error_at(
            _describe_yaml_error(exc), exc.problem_mark or exc.context_mark
        ) from exc
    except yaml.reader.ReaderError as exc:  # libyaml counts bytes of UTF-8, PyYAML characters
        position = exc.position
        if _LIBYAML:
            position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
        line = text[:position].count("\n") + 1
        character = exc.character if isinstance(exc.character, int) else 0
        message = f"invalid YAML: the control character U+{character:04X} is not allowed"
        raise YamlSyntaxError(message, line) from exc
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML error we know of is marked
        raise YamlSyntaxError(f"invalid YAML: {exc}") from exc
    finally:
        if loader is not None:
            loader.dispose()


def _pyyaml_error(text: str, exc: yaml.MarkedYAMLError) -> YamlSyntaxError | None:
    """PyYAML's account of a syntax error libyaml found ("expected ',' or '}', but got ':'" where
    libyaml says "did not find expected ',' or '}'"), if the error is near enough the start to
    re-read that far in Python quickly."""
    mark = exc.problem_mark or exc.context_mark
    if not _LIBYAML or mark is None:
        return None
    end = -1
    for _ in range(mark.line + 2):  # the line of the error and the next
        end = text.find("\n", end + 1)
        if end == -1:
            end = len(text)
            break
    if end > _EXPLAIN_WITHIN_CHARS:
        return None
    loader = _PyStrictLoader(text[: end + 1])
    try:
        loader.get_single_node()
    except yaml.MarkedYAMLError as py_exc:
        py_mark = py_exc.problem_mark or py_exc.context_mark
        if py_mark is not None and py_mark.line == mark.line:
            return _error_at(_describe_yaml_error(py_exc), py_mark)
    except (yaml.YAMLError, YamlSyntaxError):
        pass
    finally:
        loader.dispose()
    return None


def _walk(
    loader: _StrictLoader,
    node: yaml.Node,
    path: Path,
    lines: dict[Path, int],
    duplicates: list[DuplicateKey],
) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                raise _error_at("YAML merge keys (<<) are not allowed", key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                raise _error_at("a mapping key must be plain text", key_node.start_mark)
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            child = (*path, key)
            if key in seen:  # PyYAML keeps the last value, so its lines are the ones that count
                duplicates.append(DuplicateKey(child, line, seen[key]))
            else:
                seen[key] = line
            lines[child] = line
            _walk(loader, value_node, child, lines, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item_node in enumerate(node.value):
            child = (*path, index)
            lines[child] = item_node.start_mark.line + 1
            _walk(loader, item_node, child, lines, duplicates)


def check_limits(data: Any) -> None:
    """Apply the loader's limits to already parsed data (e.g. JSON); raises
    :class:`YamlLimitError` without a line."""
    count = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise YamlLimitError(too_many_nodes_message())
        if depth > MAX_DEPTH:
            raise YamlLimitError(too_deep_message())
        if isinstance(value, str) and len(value) > MAX_STRING_CHARS:
            raise YamlLimitError(too_long_text_message(len(value)))
        if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
            raise YamlLimitError(control_character_message(value))
        if isinstance(value, dict):
            for key, child in value.items():
                if isinstance(key, str) and len(key) > MAX_STRING_CHARS:
                    raise YamlLimitError(too_long_text_message(len(key)))
                if isinstance(key, str) and CONTROL_CHARACTERS.search(key):
                    raise YamlLimitError(control_character_message(key))
                stack.append((child, depth + 1))
        elif isinstance(value, list):
            stack.extend((child, depth + 1) for child in value)
