"""`python manage.py import_responses --org SLUG --framework CODE [--version N] --round NAME FILE`:
bring the answers of another survey tool into a new, closed round of the organisation.

FILE is CSV (UTF-8, comma or semicolon) or XLSX, one row per respondent (docs/frameworks.md,
"Importing responses"). Every problem is printed as ``FILE:ROW:COLUMN: reason`` (the first 50,
then "… and N more") and nothing is stored; otherwise the round is created in one transaction
and the organisation's reports are rebuilt.
"""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from diagnosis import anonymity, imports
from diagnosis.response_files import (
    MAX_FILE_BYTES,
    ResponseFileError,
    ResponseProblem,
    size_problem,
)
from organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Import the responses of another survey tool (CSV or XLSX, one row per respondent) as a "
        "new closed round; nothing is imported if the file has any problem."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # `--version N` is the framework's version here, not Django's version of itself.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", metavar="FILE", help="a .csv or .xlsx file")
        parser.add_argument("--org", required=True, metavar="SLUG", help="the organisation")
        parser.add_argument(
            "--framework", required=True, metavar="CODE", help="the framework the answers are to"
        )
        parser.add_argument(
            "--version", type=int, metavar="N", help="its version (default: the latest)"
        )
        parser.add_argument(
            "--round", required=True, dest="name", metavar="NAME", help="the new round's name"
        )

    def handle(self, *args, path: str, org: str, framework: str, name: str, **options) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            organisation = Organisation.objects.filter(slug=org).first()
            if organisation is None:
                raise CommandError(f"No organisation has the slug {org!r}; nothing was imported")
            try:
                size = os.path.getsize(path)
                with open(path, "rb") as handle:
                    content = handle.read(MAX_FILE_BYTES + 1)
            except OSError as error:
                raise CommandError(f"{path}: cannot read the file ({error.strerror})") from error
            if size > MAX_FILE_BYTES:
                self._refuse(
                    ResponseFileError([ResponseProblem(None, "", size_problem(size))], path)
                )
            with transaction.atomic():  # the default framework, imported on first use, too
                try:
                    assessment, responses = self._import(
                        organisation, framework, options["version"], name, path, content
                    )
                except imports.ImportRefused as error:
                    raise CommandError(
                        f"{' '.join(error.messages)} Nothing was imported."
                    ) from error
            self._report(path, assessment, responses)

    def _import(self, organisation, code, number, name, path, content):
        version = imports.import_version_for(organisation=organisation, code=code, number=number)
        problem = imports.round_name_problem(organisation=organisation, name=name)
        if problem:
            raise imports.ImportRefused(problem)
        try:
            responses = imports.response_file_check(content=content, filename=path, version=version)
        except ResponseFileError as error:
            self._refuse(error)
        assessment = imports.responses_import(
            organisation=organisation, framework_version=version, name=name, responses=responses
        )
        return assessment, responses

    def _refuse(self, error: ResponseFileError) -> None:
        for line in error.lines():
            self.stderr.write(line)
        count = f"{error.total:,} problem{'s' if error.total != 1 else ''}"
        raise CommandError(f"{count} in {error.filename}; nothing was imported") from error

    def _report(self, path, assessment, responses) -> None:
        count = len(responses.responses)
        self.stdout.write(
            f"{path}: imported {count:,} response{'s' if count != 1 else ''} "
            f"({responses.answer_count:,} answers, {responses.text_count:,} written answers) "
            f'into the closed round "{assessment.title}" on {responses.label}'
        )
        rule = anonymity.disclosure(assessment, count)
        if rule.withheld:
            self.stdout.write(
                f"{path}: fewer than {rule.threshold} responses: nothing of this round is shown "
                f"until at least {rule.threshold} have been submitted"
            )
