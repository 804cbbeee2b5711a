"""`python manage.py import_framework PATH [PATH...]`: validate framework files, then import them.

Every file is checked before anything is stored. If any file has a problem, every problem of
every file is printed as ``FILE:LINE: path: message`` and nothing is imported; otherwise all files
are imported in one transaction. A file whose content is already stored changes nothing; a
changed file becomes a new version and earlier versions stay exactly as they were.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from maturity.framework_files import FrameworkFileError, ParsedFramework, load_framework
from maturity.services import framework_import_all


class Command(BaseCommand):
    help = (
        "Validate framework files (YAML or JSON) and import them. A changed file becomes a new "
        "version; nothing is imported if any file has a problem."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="a .yaml or .json file")

    def handle(self, *args, paths: list[str], **options) -> None:
        parsed: list[ParsedFramework] = []
        problems: list[str] = []
        failed = 0
        for path in paths:
            try:
                parsed.append(load_framework(path))
            except FrameworkFileError as error:
                failed += 1
                problems += [problem.in_file(path) for problem in error.errors]
            except OSError as error:
                failed += 1
                problems.append(f"{path}: cannot read the file ({error.strerror or error})")
        if problems:
            for line in problems:
                self.stderr.write(line)
            files = "1 file" if failed == 1 else f"{failed} files"
            count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
            raise CommandError(f"{count} in {files}; nothing was imported")
        with translation.override(settings.LANGUAGE_CODE):
            for result in framework_import_all(parsed):
                self.stdout.write(result.summary())
