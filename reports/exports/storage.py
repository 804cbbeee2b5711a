"""Where exported documents live: Django's default storage, under
``reports/<organisation id>/<snapshot id>/``, recorded in the snapshot's ``files``.

``files`` maps a file key (``pdf-en``, ``xlsx-nl``, ``csv-scores-en``, ...) to its record:
kind, format, language, name (the download's file name), path (in storage), size in bytes,
content type, the data version it reflects, when it was built and who it names as author.
The files are never served from MEDIA_URL: downloads stream them through an
organisation-checked view.
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExportKind:
    key: str  # pdf, xlsx, csv-scores, csv-actions
    format: str  # pdf, xlsx, csv
    what: str  # report, workbook, scores, actions
    label: object  # lazily translated name for the page
    content_type: str
    stem: str  # part of the file name


KINDS: dict[str, ExportKind] = {
    kind.key: kind
    for kind in (
        ExportKind("pdf", "pdf", "report", _("Strategy report (PDF)"), "application/pdf",
                   "strategy-report"),
        ExportKind("xlsx", "xlsx", "workbook", _("Data workbook (XLSX)"),
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   "strategy-data"),
        ExportKind("csv-scores", "csv", "scores", _("Scores (CSV)"), "text/csv; charset=utf-8",
                   "scores"),
        ExportKind("csv-actions", "csv", "actions", _("Actions (CSV)"), "text/csv; charset=utf-8",
                   "actions"),
    )
}  # fmt: skip
SPREADSHEET_KINDS = ("xlsx", "csv-scores", "csv-actions")


def file_key(kind: str, language: str) -> str:
    return f"{kind}-{language}"


def folder(organisation_id: int, snapshot_id: int) -> str:
    return f"reports/{organisation_id}/{snapshot_id}"


def file_name(organisation_slug: str, kind: ExportKind, figures_at, language: str) -> str:
    """``northwind-strategy-report-2026-03-02-1430-nl.pdf``: the figures' date and time (local),
    so a reader sees how recent a file is without an internal version number."""
    stamp = timezone.localtime(figures_at).strftime("%Y-%m-%d-%H%M")
    return f"{slugify(organisation_slug)}-{kind.stem}-{stamp}-{language}.{kind.format}"


def save(snapshot, kind: ExportKind, language: str, data: bytes, *, author: str = "") -> dict:
    """Write one document for the snapshot (replacing an earlier build) and return its record."""
    figures_at = snapshot.finished_at or timezone.now()
    name = file_name(snapshot.organisation.slug, kind, figures_at, language)
    path = f"{folder(snapshot.organisation_id, snapshot.pk)}/{name}"
    if default_storage.exists(path):
        default_storage.delete(path)
    stored = default_storage.save(path, ContentFile(data))
    return {
        "kind": kind.key,
        "format": kind.format,
        "what": kind.what,
        "language": language,
        "name": name,
        "path": stored,
        "size": len(data),
        "content_type": kind.content_type,
        "data_version": snapshot.data_version,
        "built_at": timezone.now().isoformat(),
        "author": author,
    }


def belongs_to(record: dict, organisation_id: int) -> bool:
    """A stored path is only ever read inside its organisation's folder."""
    path = str(record.get("path") or "")
    return path.startswith(f"reports/{organisation_id}/") and ".." not in path.split("/")


def delete_folder(organisation_id: int, snapshot_id: int) -> None:
    """Remove a snapshot's documents (when the snapshot is deleted)."""
    path = folder(organisation_id, snapshot_id)
    try:
        if not default_storage.exists(path):
            return
        _dirs, files = default_storage.listdir(path)
        for name in files:
            default_storage.delete(f"{path}/{name}")
        with contextlib.suppress(NotImplementedError, OSError):
            os.rmdir(default_storage.path(path))
    except Exception:
        logger.warning("Could not delete the documents in %s", path, exc_info=True)
