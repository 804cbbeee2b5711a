"""The exports page and the downloads: thin views over `reports.exports.services`.

Who may download what (docs/permissions.md): every member may download the PDF strategy
report (it shows what the dashboard shows); the spreadsheets, which hold every answer under a
pseudonym, are for those who edit the strategy (owners and consultants), as is asking for
fresh documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from organisations.access import Action, OrganisationAccess, organisation_view

from ..services import current_version, data_changed_at, latest_complete_version
from ..versioning import request_regeneration
from . import services, storage
from .services import StoredFile

POLL_BUSY_MS = 3000
POLL_IDLE_MS = 30000


@dataclass
class Cell:
    language: str
    language_name: str
    file: StoredFile | None
    current: bool


@dataclass
class Row:
    kind: storage.ExportKind
    cells: list[Cell] = field(default_factory=list)


def _language_names() -> dict[str, str]:
    return {code: str(name) for code, name in settings.LANGUAGES}


def _context(access: OrganisationAccess) -> dict:
    organisation = access.organisation
    version = current_version(organisation.pk)
    files = services.newest_files(organisation)
    can_edit = access.can(Action.EDIT_STRATEGY)
    kinds = [
        k for key, k in storage.KINDS.items() if can_edit or key not in storage.SPREADSHEET_KINDS
    ]
    rows = []
    for kind in kinds:
        row = Row(kind)
        for code, name in _language_names().items():
            found = files.get(storage.file_key(kind.key, code))
            row.cells.append(Cell(code, name, found, bool(found and found.data_version >= version)))
        rows.append(row)
    pending = services.is_pending(organisation.pk)
    automatic = settings.REPORTS_BUILD_EXPORTS
    cells = [cell for row in rows for cell in row.cells]
    stale = any(cell.file and not cell.current for cell in cells)
    missing = any(cell.file is None for cell in cells)
    return {
        "rows": rows,
        "changed_at": data_changed_at(organisation.pk),
        "pending": pending,
        "stale": stale,
        "missing": missing,
        "failure": services.last_failure(organisation.pk) if can_edit else "",
        "can_edit": can_edit,
        # Quick polls while documents are on their way: asked for, or due after a change.
        "poll_ms": POLL_BUSY_MS if pending or (automatic and (stale or missing)) else POLL_IDLE_MS,
        "current_language": (get_language() or "en").split("-")[0],
    }


@organisation_view(methods=["GET"])
def exports_page(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    return render(request, "reports/exports/index.html", _context(access))


@organisation_view(methods=["GET"])
def exports_status(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    """The polled table of documents (htmx swaps it in place)."""
    return render(request, "reports/exports/_files.html", _context(access))


@organisation_view(Action.EDIT_STRATEGY, methods=["POST"])
def exports_regenerate(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    """Ask for documents of the current data: a new snapshot first when the figures lag the
    data (its exports follow), else the documents of the current snapshot, now."""
    organisation = access.organisation
    built = latest_complete_version(organisation.pk)
    if built is None or built < current_version(organisation.pk):
        request_regeneration(organisation.pk, force=True)
        services.mark_pending(organisation.pk)
    else:
        snapshot = services.newest_snapshot(organisation)
        services.schedule(snapshot, requested_by=request.user, force=True)
        services.mark_pending(organisation.pk)
    if request.htmx:
        return render(request, "reports/exports/_files.html", _context(access))
    messages.success(
        request, _("The documents are being rebuilt; this page shows when they are ready.")
    )
    return redirect("exports", org_slug=organisation.slug)


def _download(request: HttpRequest, access: OrganisationAccess, kind: str, language: str):
    if language not in _language_names() or kind not in storage.KINDS:
        raise Http404
    found = services.newest_files(access.organisation).get(storage.file_key(kind, language))
    if found is None or not storage.belongs_to(found.record, access.organisation.pk):
        messages.info(
            request,
            _(
                "This document is not ready yet. It is built a few seconds after the figures; "
                "this page shows when."
            ),
        )
        return redirect("exports", org_slug=access.organisation.slug)
    try:
        handle = default_storage.open(found.record["path"], "rb")
    except (FileNotFoundError, OSError):
        messages.warning(request, _("This document is missing; ask for fresh documents below."))
        return redirect("exports", org_slug=access.organisation.slug)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=found.record["name"],
        content_type=found.kind.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@organisation_view(methods=["GET"])
def export_pdf(request: HttpRequest, access: OrganisationAccess, language: str):
    """The stored PDF strategy report (every member)."""
    return _download(request, access, "pdf", language)


@organisation_view(Action.EDIT_STRATEGY, methods=["GET"])
def export_file(request: HttpRequest, access: OrganisationAccess, kind: str, language: str):
    """A stored spreadsheet: XLSX workbook or CSV (owners and consultants)."""
    if kind not in storage.SPREADSHEET_KINDS:
        raise Http404
    return _download(request, access, kind, language)
