"""Load YAML (or JSON, which is nearly a subset of it) and remember where every value starts.

``load_located(text)`` returns the plain data together with a map from each path in it — a tuple
of mapping keys and list indexes such as ``("dimensions", 2, "items", 0, "code")`` — to the 1-based
line it was written on. Mapping entries are placed on the line of their key, list entries on the
line where the entry begins.

The loader is deliberately strict, because framework files can be uploaded through the browser:

* anchors and aliases (``&name`` / ``*name``) are refused, which rules out "billion laughs" alias
  bombs, and so are merge keys (``<<``);
* nesting deeper than ``MAX_DEPTH`` is refused before Python's recursion limit is reached;
* a key used twice in one mapping is reported (PyYAML would silently keep the last one).

No Django imports: this module is plain Python.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

PathPart = str | int
Path = tuple[PathPart, ...]

MAX_DEPTH = 64
_MERGE_TAG = "tag:yaml.org,2002:merge"


class YamlSyntaxError(ValueError):
    """The text is not YAML this loader accepts. ``line`` and ``column`` are 1-based."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


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


class _StrictLoader(yaml.SafeLoader):
    """A SafeLoader that refuses anchors, aliases and deep nesting while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _error_at(
                "YAML anchors and aliases (&name, *name) are not allowed in framework files; "
                "write the text out in full",
                event.start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _error_at(
                    f"the file is nested more than {MAX_DEPTH} levels deep", event.start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


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
        raise _error_at(_describe_yaml_error(exc), exc.problem_mark or exc.context_mark) from exc
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        character = exc.character if isinstance(exc.character, int) else 0
        message = f"invalid YAML: the control character U+{character:04X} is not allowed"
        raise YamlSyntaxError(message, line) from exc
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML error we know of is marked
        raise YamlSyntaxError(f"invalid YAML: {exc}") from exc
    finally:
        if loader is not None:
            loader.dispose()


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
