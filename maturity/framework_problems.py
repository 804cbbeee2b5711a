"""Problems found in a framework file, each pinned to its place in the file.

Shared by the loader (``maturity.framework_files``), the schema check
(``maturity.framework_schema``) and the consistency rules (``maturity.framework_rules``).
Plain Python: no Django imports.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from maturity.yaml_positions import Path as DataPath

MAX_LISTED_PROBLEMS = 50  # in str(FrameworkFileError); .errors always holds them all
MAX_COLLECTED_PROBLEMS = 1000  # checking a file stops once this many problems are found
TIME_BUDGET_SECONDS = 1.5  # ... or once it has taken this long and found a problem


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

    def in_file(self, filename: str) -> str:
        """Compiler style, for the command line: ``FILE:LINE: path: message`` (``FILE:LINE:COLUMN:``
        where the column is known, ``FILE:`` where the line isn't, no path for the whole file)."""
        place = filename
        if self.line is not None:
            place += f":{self.line}" + (f":{self.column}" if self.column else "")
        return f"{place}: {self.path}: {self.message}" if self.path else f"{place}: {self.message}"


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


def sorted_unique(problems: list[FrameworkProblem]) -> list[FrameworkProblem]:
    """Drop repeated problems and order them by line (problems without a line last)."""
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.line is None, p.line or 0, p.path))


class StopChecking(Exception):
    """Raised by a check that has found enough problems (see :class:`CheckBudget`)."""


class CheckBudget:
    """How many problems one check of a file may still collect, and until when.

    A file with problems is refused as soon as either runs out, with a note saying the list is
    incomplete; a file without problems is never refused for taking its time (the loader's
    size limits keep that well under the budget)."""

    def __init__(
        self,
        *,
        max_problems: int | None = None,
        seconds: float | None = None,
    ) -> None:
        self.max_problems = MAX_COLLECTED_PROBLEMS if max_problems is None else max_problems
        self.seconds = TIME_BUDGET_SECONDS if seconds is None else seconds
        self.deadline = time.perf_counter() + self.seconds
        self.found = 0
        self.stopped: FrameworkProblem | None = None

    def spend(self, count: int = 1) -> None:
        """Count ``count`` more problems; raise :class:`StopChecking` when the budget is spent."""
        self.found += count
        if self.found >= self.max_problems:
            self.stop(f"checking stopped after the first {self.found:,} problems")
        elif time.perf_counter() > self.deadline:
            self.stop(f"checking stopped after {self.seconds:g} seconds")

    def stop(self, why: str) -> None:
        self.stopped = FrameworkProblem(
            "", None, f"{why}; fix the problems listed and check the file again to see the rest"
        )
        raise StopChecking(why)

    @property
    def spent(self) -> bool:
        return self.stopped is not None
