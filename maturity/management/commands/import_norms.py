"""`python manage.py import_norms [--org SLUG | --practice USERNAME] PATH`: add the norms of a
norms file to the framework version it names.

The file names its framework code and version (docs/frameworks.md, "Norms files"); the framework
is looked up among the built-in ones, or the organisation's or the practice's with an option.
Problems are printed as ``FILE:LINE: path: message`` and nothing is stored. A norm set of the
same source and year as one already stored replaces it.
"""

from django.core.management.base import CommandError

from maturity.framework_problems import MAX_LISTED_PROBLEMS, FrameworkFileError
from maturity.management.commands.import_framework import Command as ImportFrameworkCommand
from maturity.models import Framework, FrameworkVersion
from maturity.norm_files import parse_norms
from maturity.services import norm_ranges, norms_import


class Command(ImportFrameworkCommand):
    help = "Add the norms of a norms file (YAML or JSON) to the framework version it names."

    def handle(self, *args, paths: list[str], org=None, practice=None, **options) -> None:
        owner = self._owner(org, practice)
        frameworks = Framework.objects.filter(
            organisation=owner.get("organisation"), practice=owner.get("practice")
        )
        for path in paths:
            self._import(path, frameworks)

    def _import(self, path: str, frameworks) -> None:
        found: list[FrameworkVersion] = []

        def dimensions_of(code: str, number: int):
            version = FrameworkVersion.objects.filter(
                framework__in=frameworks, framework__code=code, version=number
            ).first()
            if version is None:
                return None
            found.append(version)
            return norm_ranges(version)

        try:
            with open(path, "rb") as handle:
                parsed = parse_norms(handle.read(), filename=path, dimensions_of=dimensions_of)
        except OSError as error:
            raise CommandError(f"{path}: cannot read the file ({error.strerror})") from error
        except FrameworkFileError as error:
            for problem in error.errors[:MAX_LISTED_PROBLEMS]:
                self.stderr.write(problem.in_file(path))
            count = len(error.errors)
            raise CommandError(
                f"{count} problem{'s' if count != 1 else ''} in {path}; nothing was imported"
            ) from error
        stored = norms_import(version=found[0], norm_sets=parsed.norms)
        self.stdout.write(
            f"{path}: {stored} norm value{'s' if stored != 1 else ''} added to "
            f"{found[0]} ({', '.join(n.source for n in parsed.norms)})"
        )
