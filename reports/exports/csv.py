"""CSV exports of the scores and of the actions (UTF-8 with a byte-order mark, so Excel
reads the accents). Each language follows its own conventions, as its Excel expects: English
comma-separated with a decimal point, Dutch semicolon-separated with a decimal comma. Text
cells are neutralised against formulas."""

from __future__ import annotations

from django.utils import translation

from ..models import ReportSnapshot
from .frames import actions_frame, scores_frame
from .safety import neutralise_frame

CSV_KINDS = ("scores", "actions")
# Separator and decimal mark per language (others: comma and point).
CONVENTIONS = {"nl": {"sep": ";", "decimal": ","}}
DEFAULT_CONVENTION = {"sep": ",", "decimal": "."}


def convention(language: str) -> dict[str, str]:
    return CONVENTIONS.get(language, DEFAULT_CONVENTION)


def build_csv(snapshot: ReportSnapshot, language: str, what: str) -> bytes:
    if what not in CSV_KINDS:
        raise ValueError(f"Unknown CSV export {what!r}; choose from {', '.join(CSV_KINDS)}")
    with translation.override(language):
        frame = (
            scores_frame(snapshot, language)
            if what == "scores"
            else actions_frame(snapshot.organisation_id)
        )
    text = neutralise_frame(frame).to_csv(
        index=False, lineterminator="\r\n", **convention(language)
    )
    return text.encode("utf-8-sig")
