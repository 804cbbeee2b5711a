"""The PDF strategy report: an HTML template rendered by WeasyPrint.

``build_pdf`` takes a complete snapshot and a language and returns the PDF's bytes. Charts
are the snapshot's SVGs (``reports.exports.svg``), passed in as ``data:`` URLs; the
stylesheet is one of our static files. WeasyPrint fetches through
`reports.exports.fetcher.DocumentURLFetcher`, which allows nothing else.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils import translation

from lndstrategy.text import document_text

from ..models import ReportSnapshot
from .document import report_context
from .safety import DOCUMENT_BASE_URL

if TYPE_CHECKING:
    from .fetcher import DocumentURLFetcher

logger = logging.getLogger(__name__)
TEMPLATE = "reports/pdf/report.html"
PDF_VARIANT = "pdf/ua-1"

# WeasyPrint logs every refused fetch and unsupported CSS at WARNING; keep its chatter out of
# the worker's log unless asked for.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


def report_html(
    snapshot: ReportSnapshot, language: str, svgs: dict[str, str], *, author: str = ""
) -> str:
    """The report as HTML in ``language`` (Django autoescapes every value). Control
    characters and bidirectional overrides in stored text are dropped (the text rule), so no
    text shows reversed and none can break the document."""
    with translation.override(language):
        context = report_context(snapshot, language, svgs, author=author)
        return document_text(render_to_string(TEMPLATE, context))


def html_to_pdf(html: str, fetcher: DocumentURLFetcher | None = None) -> bytes:
    """Render HTML to PDF; every resource goes through ``fetcher`` (a new safe one if none)."""
    from weasyprint import HTML

    from .fetcher import DocumentURLFetcher

    fetcher = fetcher or DocumentURLFetcher()
    document = HTML(string=html, base_url=DOCUMENT_BASE_URL, url_fetcher=fetcher)
    # PDF/UA-1: a tagged PDF (headings, lists, tables and figures with their alternatives, in
    # reading order) whose language is the template's <html lang>, for screen readers.
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def build_pdf(
    snapshot: ReportSnapshot,
    language: str,
    svgs: dict[str, str],
    *,
    author: str = "",
    fetcher: DocumentURLFetcher | None = None,
) -> bytes:
    return html_to_pdf(report_html(snapshot, language, svgs, author=author), fetcher)
