"""The XLSX workbook: one sheet per table of ``reports.exports.frames``, written by pandas
with openpyxl. Every text cell is neutralised against formulas first (``safety``); the
header row is bold and frozen, columns are sized to their contents."""

from __future__ import annotations

import io

import pandas as pd
from django.utils import translation
from django.utils.translation import gettext as _

from diagnosis.anonymity import message_of

from ..models import ReportSnapshot
from .frames import SHEETS, sheet_title
from .safety import neutralise_cell, neutralise_frame

MAX_WIDTH = 60
HEADER_COLOUR = "E9ECEF"


def _about(snapshot: ReportSnapshot, language: str) -> pd.DataFrame:
    assessment = snapshot.scores.get("assessment") or {}
    rows = [
        (_("Organisation"), snapshot.organisation.name),
        (_("Diagnostic round"), assessment.get("title", "")),
        (_("Data version"), snapshot.data_version),
        (
            _("Figures built"),
            snapshot.finished_at.isoformat(timespec="seconds") if snapshot.finished_at else "",
        ),
        (_("Language"), language),
        (
            _("Respondents"),
            _(
                "Pseudonymous ids, drawn afresh for every export: within this workbook one id "
                "is one person, but ids cannot be matched with those of another export. Names "
                "and email addresses are never exported."
            ),
        ),
    ]
    withheld = message_of(snapshot.scores.get("anonymity"))
    if withheld:
        rows.append((_("Answers"), withheld))
    return pd.DataFrame(rows, columns=[_("About this workbook"), ""])


def _style(sheet) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = "A2"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_COLOUR)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(sheet.iter_cols(min_row=1, max_row=min(sheet.max_row, 200)), 1):
        longest = max(
            (len(str(cell.value)) for cell in column if cell.value is not None), default=8
        )
        sheet.column_dimensions[get_column_letter(index)].width = min(
            MAX_WIDTH, max(8, longest + 2)
        )


def workbook_frames(snapshot: ReportSnapshot, language: str) -> dict[str, pd.DataFrame]:
    """Sheet title → frame, in workbook order (texts in ``language``)."""
    with translation.override(language):
        frames = {_("About"): _about(snapshot, language)}
        for key, build in SHEETS:
            frame = build(snapshot, language)
            if frame is not None:  # None: the framework has nothing for this sheet
                frames[sheet_title(key)] = frame
    return frames


def build_xlsx(snapshot: ReportSnapshot, language: str) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for title, frame in workbook_frames(snapshot, language).items():
            safe_title = str(neutralise_cell(title))[:31]
            neutralise_frame(frame).to_excel(writer, sheet_name=safe_title, index=False)
            _style(writer.sheets[safe_title])
        writer.book.properties.creator = "L&D Strategy"
        writer.book.properties.title = str(neutralise_cell(snapshot.organisation.name))
    return buffer.getvalue()
