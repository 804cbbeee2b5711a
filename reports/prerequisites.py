"""What building the PDF report needs from the machine, said at start-up rather than discovered
by a failing document build: Chromium (Kaleido draws the charts with it), Pango (WeasyPrint lays
out the pages with it) and fonts.

`make run` installs them when it can (`scripts/services.sh install-pdf`). When they are still
missing, `manage.py check` (and so `runserver` and `migrate`) warns, and so does the Celery
worker's log as the worker starts.
"""

import logging
import os
import shutil
from ctypes.util import find_library
from pathlib import Path

from celery.signals import worker_ready
from django.conf import settings
from django.core import checks

logger = logging.getLogger(__name__)

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
HOW_TO_INSTALL = (
    "Run `bash scripts/services.sh install-pdf` as root (`make run` does so when it can), or "
    "install the Debian packages chromium, libpango-1.0-0, libpangoft2-1.0-0, "
    "fonts-dejavu-core and fonts-liberation."
)


def _chromium_found(path: str) -> bool:
    return bool(shutil.which(path)) or (os.path.isfile(path) and os.access(path, os.X_OK))


def _has_fonts() -> bool:
    for folder in FONT_DIRS:
        if folder.is_dir() and any(True for _ in folder.rglob("*.[ot]tf")):
            return True
    return False


def pdf_prerequisites_missing() -> list[str]:
    """What the machine lacks to build the PDF report, in words; empty when nothing is."""
    missing = []
    chromium = settings.REPORTS_CHROMIUM_PATH
    if not _chromium_found(chromium):
        missing.append(f"Chromium at {chromium} (REPORTS_CHROMIUM_PATH)")
    for library in ("pango-1.0", "pangoft2-1.0"):
        if find_library(library) is None:
            missing.append(f"the {library} library (Pango, for WeasyPrint)")
    if not _has_fonts():
        missing.append("fonts (none in /usr/share/fonts)")
    return missing


@checks.register(checks.Tags.compatibility)
def check_pdf_prerequisites(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if not settings.REPORTS_BUILD_EXPORTS:
        return []
    missing = pdf_prerequisites_missing()
    if not missing:
        return []
    return [
        checks.Warning(
            "PDF reports cannot be built: missing " + "; ".join(missing) + ".",
            hint=HOW_TO_INSTALL,
            id="reports.W001",
        )
    ]


def warn_in_worker(**kwargs) -> None:
    """At the worker's start, name anything the document builds will lack (see module doc)."""
    if not settings.REPORTS_BUILD_EXPORTS:
        return
    missing = pdf_prerequisites_missing()
    if missing:
        logger.warning(
            "PDF reports cannot be built: missing %s. %s", "; ".join(missing), HOW_TO_INSTALL
        )


def connect() -> None:
    worker_ready.connect(warn_in_worker, weak=False, dispatch_uid="reports.pdf-prerequisites")
