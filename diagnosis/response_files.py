"""Response files: answers given in another survey tool, one row per respondent.

``read_table(content, filename=...)`` reads a CSV file (UTF-8 with or without a byte-order mark,
comma or semicolon between cells, detected from the heading row) or an XLSX workbook (its first
sheet, read with openpyxl in read-only mode) into a :class:`Table`: the headings of row 1 and the
cells of every other row that is not blank, all as stripped text. Problems of the file itself
(empty, not UTF-8, too large, too many rows or columns, not valid CSV, not a readable workbook)
raise :class:`ResponseFileError`. What the cells must hold is checked by
``diagnosis.response_rules`` against the framework version. The format is described in
docs/frameworks.md, "Importing responses". Plain Python: no Django imports.

Every problem has a place, ``FILE:ROW:COLUMN: reason``: ROW is the row as a spreadsheet shows it
(the heading row is 1), COLUMN the column's heading (``column 7`` where it has none).
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # an XLSX workbook's parts, unpacked
MAX_ROWS = 5_000  # respondents in one file
MAX_COLUMNS = 500
# Rows × columns: what one import checks and stores within a request's time. Measured on a busy
# 2-core machine with PostgreSQL: 5,000 respondents × the default framework's 80 columns (285,000
# answers) took 1.5 s to check and 13 s to store, nearly all of it in Django's bulk_create.
MAX_CELLS = 300_000
MAX_LISTED_PROBLEMS = 50  # the command and the page list this many, then "… and N more"

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary Excel format
SEPARATORS = (",", ";")


@dataclass(frozen=True)
class ResponseProblem:
    row: int | None  # 1 is the heading row; None for the file as a whole
    column: str  # the column's heading, "column N" without one, "" for a whole row
    message: str

    def __str__(self) -> str:
        return self.in_file("")

    def in_file(self, filename: str) -> str:
        """``FILE:ROW:COLUMN: reason``, ``FILE:ROW: reason`` for a whole row, ``FILE: reason``."""
        place = filename
        if self.row is not None:
            place += f":{self.row}"
            if self.column:
                place += f":{self.column}"
        return f"{place}: {self.message}" if place else self.message

    # The names the problems table of the upload pages reads (maturity/_file_problems.html).
    @property
    def line(self) -> int | None:
        return self.row

    @property
    def path(self) -> str:
        return self.column


class ResponseFileError(ValueError):
    """The file cannot be imported; ``problems`` holds the first ones, ``total`` counts all."""

    def __init__(
        self, problems: list[ResponseProblem], filename: str = "", total: int | None = None
    ) -> None:
        self.problems = problems
        self.filename = filename
        self.total = len(problems) if total is None else total
        super().__init__("\n".join(self.lines()))

    def lines(self, limit: int = MAX_LISTED_PROBLEMS) -> list[str]:
        """The problems as the command prints them: the first ``limit``, then how many more."""
        lines = [problem.in_file(self.filename) for problem in self.problems[:limit]]
        more = self.total - min(limit, len(self.problems))
        if more > 0:
            lines.append(f"{self.filename}: … and {more:,} more".removeprefix(": "))
        return lines


class Problems:
    """Collects problems: keeps the first ``keep``, counts every one."""

    def __init__(self, keep: int = MAX_LISTED_PROBLEMS) -> None:
        self.keep = keep
        self.kept: list[ResponseProblem] = []
        self.total = 0

    def add(self, row: int | None, column: str, message: str) -> None:
        self.total += 1
        if len(self.kept) < self.keep:
            self.kept.append(ResponseProblem(row, column, message))

    def __bool__(self) -> bool:
        return self.total > 0

    def error(self, filename: str) -> ResponseFileError:
        return ResponseFileError(self.kept, filename, self.total)


@dataclass(frozen=True)
class Table:
    headings: tuple[str, ...]  # row 1, stripped; "" where a column has no heading
    rows: tuple[
        tuple[int, tuple[str, ...]], ...
    ]  # (row number, stripped cells); blank rows left out


def _fail(filename: str, message: str, row: int | None = None) -> ResponseFileError:
    return ResponseFileError([ResponseProblem(row, "", message)], filename)


def size_problem(size: int) -> str:
    return (
        f"the file is {size:,} bytes; response files may be at most "
        f"{MAX_FILE_BYTES // (1024 * 1024)} MB ({MAX_FILE_BYTES:,} bytes)"
    )


def column_name(headings: tuple[str, ...], index: int) -> str:
    """How problems name the column at 0-based ``index``: its heading, else its number."""
    heading = headings[index] if index < len(headings) else ""
    return heading or f"column {index + 1}"


def read_table(content: bytes, *, filename: str = "") -> Table:
    """The headings and rows of a CSV or XLSX response file; ``ResponseFileError`` if unreadable."""
    if len(content) > MAX_FILE_BYTES:
        raise _fail(filename, size_problem(len(content)))
    if not content.strip():
        raise _fail(filename, "the file is empty")
    if content.startswith(XLSX_MAGIC):
        rows = _xlsx_rows(content, filename)
    elif content.startswith(XLS_MAGIC):
        raise _fail(
            filename,
            "this is an old Excel workbook (.xls); save it as an Excel workbook (.xlsx) or as "
            "CSV UTF-8",
        )
    else:
        rows = _csv_rows(content, filename)
    with contextlib.closing(rows):  # an XLSX workbook is closed even when reading stops early
        return _table(rows, filename)


def _table(rows: Iterator[tuple[int, list[str]]], filename: str) -> Table:
    """Row 1 as headings, the rows that are not blank, within the limits."""
    first = next(rows, None)
    if first is None or first[0] != 1 or not any(first[1]):
        raise _fail(filename, "the first row is empty; it must name the columns", row=1)
    headings = list(first[1])
    while headings and not headings[-1]:
        headings.pop()  # trailing empty headings: spreadsheets often carry them
    if len(headings) > MAX_COLUMNS:
        raise _fail(
            filename,
            f"the file has more than {MAX_COLUMNS:,} columns; response files may have at most "
            f"{MAX_COLUMNS:,}",
            row=1,
        )
    kept: list[tuple[int, tuple[str, ...]]] = []
    for number, cells in rows:
        if not any(cells):
            continue
        if len(kept) == MAX_ROWS:
            raise _fail(
                filename,
                f"the file has more than {MAX_ROWS:,} rows of respondents; import at most "
                f"{MAX_ROWS:,} in one file",
                row=number,
            )
        if (len(kept) + 1) * len(headings) > MAX_CELLS:
            raise _fail(
                filename,
                f"the file holds more than {MAX_CELLS:,} cells (rows × columns); with "
                f"{len(headings)} columns, import at most {MAX_CELLS // len(headings):,} "
                "respondents in one file",
                row=number,
            )
        kept.append((number, tuple(cells)))
    if not kept:
        raise _fail(filename, "the file has no respondents: it holds only its heading row")
    return Table(headings=tuple(headings), rows=tuple(kept))


# --- CSV -----------------------------------------------------------------------------------


def _csv_rows(content: bytes, filename: str) -> Iterator[tuple[int, list[str]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise _fail(
            filename,
            "the file is not UTF-8 text; save it as CSV UTF-8 (or as an Excel workbook, .xlsx)",
            row=line,
        ) from error
    separator = _separator(text)
    return _csv_records(text, separator, filename)


def _separator(text: str) -> str:
    """Comma or semicolon: the one that splits the heading row into more columns."""
    counts = {}
    for separator in SEPARATORS:
        try:
            counts[separator] = len(next(csv.reader(io.StringIO(text), delimiter=separator), []))
        except csv.Error:
            counts[separator] = 0
    return max(SEPARATORS, key=lambda separator: counts[separator])  # a tie: the comma


def _csv_records(text: str, separator: str, filename: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    number = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _fail(filename, f"the file is not valid CSV: {error}", row=number + 1) from error
        number += 1
        yield number, [cell.strip() for cell in record[: MAX_COLUMNS + 1]]


# --- XLSX ----------------------------------------------------------------------------------


def _xlsx_rows(content: bytes, filename: str) -> Iterator[tuple[int, list[str]]]:
    unreadable = "the file is not a readable Excel workbook (.xlsx); save it again as .xlsx or CSV"
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise _fail(filename, unreadable) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise _fail(
            filename,
            f"the workbook unpacks to {unpacked:,} bytes; response workbooks may unpack to at "
            f"most {MAX_UNPACKED_BYTES // (1024 * 1024)} MB",
        )
    from openpyxl import load_workbook  # the CSV path does without it

    workbook = None
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # the stored size may be wrong or huge; read the cells there are
        header = next(
            sheet.iter_rows(min_row=1, max_row=1, max_col=MAX_COLUMNS + 1, values_only=True), ()
        )
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        if workbook is not None:
            workbook.close()
        raise _fail(filename, unreadable) from error
    headings = [_cell_text(value) for value in header]
    while headings and not headings[-1]:
        headings.pop()
    return _xlsx_data(workbook, sheet, headings, filename, unreadable)


def _xlsx_data(workbook, sheet, headings: list[str], filename: str, unreadable: str):
    """The rows of the sheet; the workbook is closed however the reading ends."""
    try:
        yield 1, headings
        if not headings:
            return
        # One column past the headings is read, so a value without a heading is found.
        width = min(len(headings), MAX_COLUMNS) + 1
        rows: Iterable = sheet.iter_rows(min_row=2, max_col=width, values_only=True)
        for number, values in enumerate(rows, start=2):
            yield number, [_cell_text(value) for value in values]
    except ResponseFileError:
        raise
    except Exception as error:
        raise _fail(filename, unreadable) from error
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    """A cell's value as the text a CSV file would hold (whole numbers without ".0")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return str(value).strip()
