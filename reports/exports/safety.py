"""Keeping exported documents inert: spreadsheet formulas and what WeasyPrint may fetch.

Spreadsheets: a text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is read as a formula by Excel, LibreOffice and Google Sheets ("CSV injection"); so is
one that begins with their full-width forms (＝ ＋ － ＠, and the small and minus-sign
variants), which some spreadsheets fold to ASCII. Such cells get a leading single quote, so
they show as the text that was typed. Numbers stay numbers: only text is touched, so a
genuine negative score is still a negative number. Every text cell is first cleaned by the
text rule (`lndstrategy.text.document_text`): control characters, which openpyxl refuses,
and bidirectional overrides are dropped, so no stored text can stop a workbook.

PDF: WeasyPrint fetches stylesheets, images and attachments through a URL fetcher. Ours
(`reports.exports.fetcher.DocumentURLFetcher`, built on `static_path` below) allows only
``data:`` URLs and the product's own static files, which it reads from disk through Django's
static-file finders (or ``STATIC_ROOT``), never over HTTP. Everything else — http(s) elsewhere,
``file://``, ``ftp:``, anything — is refused, and no request ever follows a redirect. User text
never becomes markup anyway (Django escapes it), so this is the second wall, not the only one.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pandas as pd
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.utils._os import safe_join

from lndstrategy.text import document_text

FORMULA_STARTS = (
    "=", "+", "-", "@", "\t", "\r",
    "\uff1d", "\uff0b", "\uff0d", "\uff20",  # full-width ＝ ＋ － ＠
    "\ufe66", "\ufe62", "\ufe63", "\ufe6b",  # small ﹦ ﹢ ﹣ ﹫
    "\u2212", "\u207a", "\u208a", "\u207c", "\u208c",  # minus sign, super/subscript + and =
)  # fmt: skip
# The origin document URLs are resolved against. `.invalid` never resolves (RFC 2606): a
# URL on it can only be answered by the fetcher below, from disk.
DOCUMENT_BASE_URL = "https://documents.lndstrategy.invalid/"
STATIC_TYPES = {
    ".css", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".woff", ".woff2", ".ttf", ".otf",
}  # fmt: skip


# --- Spreadsheets ------------------------------------------------------------------------------


def neutralise_cell(value: Any) -> Any:
    """Text cleaned by the text rule and, if a spreadsheet would run it as a formula, quoted;
    anything that is not text unchanged."""
    if not isinstance(value, str):
        return value
    value = document_text(value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell neutralised (headers included); numeric columns untouched."""
    out = frame.copy()
    for column in out.columns:
        if not (
            pd.api.types.is_object_dtype(out[column]) or pd.api.types.is_string_dtype(out[column])
        ):
            continue
        out[column] = out[column].map(neutralise_cell).astype(object)
    out.columns = [neutralise_cell(str(column)) for column in out.columns]
    return out


# --- WeasyPrint --------------------------------------------------------------------------------


class RefusedURL(ValueError):
    """A document asked for something outside data: URLs and our static files."""


def static_path(url: str) -> Path | None:
    """The file on disk a document URL names, if it is one of our static files; else None.

    Only ``<DOCUMENT_BASE_URL><STATIC_URL><path>`` qualifies, with no query, no ``..`` and
    a known file type. The file is looked up with the static-file finders (the development
    layout), then in ``STATIC_ROOT`` (where ``collectstatic`` put hashed names).
    """
    parts = urlsplit(url)
    base = urlsplit(DOCUMENT_BASE_URL)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or parts.query:
        return None
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if not parts.path.startswith(prefix):
        return None
    relative = unquote(parts.path[len(prefix) :])
    normal = posixpath.normpath(relative)
    if (
        not relative
        or normal != relative
        or normal.startswith(("/", "../"))
        or "\\" in relative
        or "\x00" in relative
        or Path(normal).suffix.lower() not in STATIC_TYPES
    ):
        return None
    try:
        found = finders.find(normal)
        if found:
            return Path(found)
        if settings.STATIC_ROOT:
            candidate = Path(safe_join(str(settings.STATIC_ROOT), normal))
            return candidate if candidate.is_file() else None
    except SuspiciousFileOperation:
        return None
    return None
