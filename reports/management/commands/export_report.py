"""``manage.py export_report``: write an organisation's PDF, XLSX or CSV to a file.

For consultants who automate. It builds from the latest snapshot (building one first when the
figures lag the data) and writes the document to ``--out`` (``-`` for standard output):

    python manage.py export_report --org northwind-logistics --format pdf --out report.pdf
    python manage.py export_report --org northwind-logistics --format csv --what actions \\
        --language nl --out acties.csv
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from organisations.models import Organisation
from reports.exports import services
from reports.exports.csv import CSV_KINDS
from reports.exports.document import prepared_by
from reports.services import LockBusy, snapshot_build

FORMATS = ("pdf", "xlsx", "csv")


class Command(BaseCommand):
    help = "Write an organisation's strategy report (PDF), workbook (XLSX) or CSV to a file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--org", required=True, help="the organisation's short name (slug)")
        parser.add_argument("--format", required=True, help="pdf, xlsx or csv")
        parser.add_argument("--out", required=True, help="file to write, or - for stdout")
        parser.add_argument("--language", default=settings.LANGUAGE_CODE, help="en or nl")
        parser.add_argument("--what", default="scores", help="for csv: scores or actions")

    def handle(self, *args, org: str, format: str, out: str, language: str, what: str, **options):
        kind = self._kind(format.lower(), what.lower())
        languages = [code for code, _name in settings.LANGUAGES]
        if language not in languages:
            raise CommandError(
                f"Unknown language {language!r}; choose from {', '.join(languages)}."
            )
        organisation = Organisation.objects.filter(slug=org).first()
        if organisation is None:
            raise CommandError(f"No organisation with the short name {org!r}.")
        try:
            snapshot_build(organisation)  # nothing to do when the figures are current
        except LockBusy:
            self.stderr.write("A regeneration is running; using the latest complete figures.")
        snapshot = services.newest_snapshot(organisation)
        if snapshot is None:
            raise CommandError(f"{organisation.name} has no figures yet.")
        snapshot.refresh_from_db()
        data = services.build_document(snapshot, kind, language, author=prepared_by(organisation))
        if out == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        path = Path(out)
        if not path.parent.is_dir():
            raise CommandError(f"The folder {path.parent} does not exist.")
        path.write_bytes(data)
        self.stdout.write(
            f"Wrote {path} ({len(data):,} bytes, data version {snapshot.data_version}, {language})."
        )

    @staticmethod
    def _kind(format: str, what: str) -> str:
        if format not in FORMATS:
            raise CommandError(f"Unknown format {format!r}; choose from {', '.join(FORMATS)}.")
        if format != "csv":
            return format
        if what not in CSV_KINDS:
            raise CommandError(f"Unknown CSV {what!r}; choose from {', '.join(CSV_KINDS)}.")
        return f"csv-{what}"
