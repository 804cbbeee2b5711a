"""`python manage.py import_framework [--org SLUG | --practice USERNAME] PATH [PATH...]`:
validate framework files, then import them.

Every file is checked before anything is stored. If any file has a problem, the problems of
every file (the first 50 of each, then "... and N more") are printed as
``FILE:LINE: path: message`` and nothing is imported; otherwise all files
are imported in one transaction. A file whose content is already stored changes nothing; a
changed file becomes a new version and earlier versions stay exactly as they were.

Without an option the files become built-in frameworks, seen by every organisation. With
``--org`` they belong to that organisation only; with ``--practice`` to that consultant's
practice, shared with the organisations where the user is a consultant.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from maturity.framework_files import (
    MAX_LISTED_PROBLEMS,
    FrameworkFileError,
    ParsedFramework,
    load_framework,
)
from maturity.services import FrameworkCodeUnavailable, framework_import_all
from organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Validate framework files (YAML or JSON) and import them. A changed file becomes a new "
        "version; nothing is imported if any file has a problem."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="a .yaml or .json file")
        owner = parser.add_mutually_exclusive_group()
        owner.add_argument(
            "--org",
            metavar="SLUG",
            help="import for this organisation only (default: built-in, for every organisation)",
        )
        owner.add_argument(
            "--practice",
            metavar="USERNAME",
            help="import for this consultant's practice, shared with their client organisations",
        )

    def _owner(self, org: str | None, practice: str | None) -> dict:
        if org:
            organisation = Organisation.objects.filter(slug=org).first()
            if organisation is None:
                raise CommandError(f"No organisation has the slug {org!r}; nothing was imported")
            return {"organisation": organisation}
        if practice:
            user_model = get_user_model()
            user = user_model._default_manager.filter(
                **{user_model.USERNAME_FIELD: practice}
            ).first()
            if user is None:
                raise CommandError(f"No user is called {practice!r}; nothing was imported")
            return {"practice": user}
        return {}

    def handle(
        self,
        *args,
        paths: list[str],
        org: str | None = None,
        practice: str | None = None,
        **options,
    ) -> None:
        owner = self._owner(org, practice)
        parsed: list[ParsedFramework] = []
        problems: list[str] = []  # as printed: the first 50 of each file
        total = failed = 0
        for path in paths:
            try:
                parsed.append(load_framework(path))
            except FrameworkFileError as error:
                failed += 1
                total += len(error.errors)
                shown = error.errors[:MAX_LISTED_PROBLEMS]
                problems += [problem.in_file(path) for problem in shown]
                if len(error.errors) > len(shown):
                    problems.append(f"{path}: ... and {len(error.errors) - len(shown):,} more")
            except OSError as error:
                failed += 1
                total += 1
                problems.append(f"{path}: cannot read the file ({error.strerror or error})")
        if problems:
            for line in problems:
                self.stderr.write(line)
            files = "1 file" if failed == 1 else f"{failed} files"
            count = "1 problem" if total == 1 else f"{total:,} problems"
            raise CommandError(f"{count} in {files}; nothing was imported")
        with translation.override(settings.LANGUAGE_CODE):
            try:
                results = framework_import_all(parsed, **owner)
            except FrameworkCodeUnavailable as error:
                raise CommandError(f"{error} Nothing was imported.") from error
            for result in results:
                self.stdout.write(result.summary())
