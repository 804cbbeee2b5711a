"""Persist parsed framework files. Stored versions are never edited.

* :func:`framework_import` stores a :class:`~maturity.framework_files.ParsedFramework` as a new
  :class:`~maturity.models.FrameworkVersion` unless the same content is already stored, and says
  what it did (:meth:`FrameworkImport.summary`).
* :func:`framework_import_all` does that for several files in one transaction.
* :func:`default_framework_version` is the shipped default framework, imported on first use.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from .framework_files import DEFAULT_FRAMEWORK_PATH, ParsedFramework, load_framework
from .models import (
    Dimension,
    Framework,
    FrameworkVersion,
    Item,
    Question,
    Section,
    assessment_count,
)


@dataclass(frozen=True)
class FrameworkImport:
    """What one import did.

    ``created`` is False when the same content was already stored as ``version``. For a new
    version of a framework that already had versions, ``previous`` is the highest one stored
    before it and ``previous_in_use`` tells whether an assessment uses it.
    """

    version: FrameworkVersion
    created: bool
    previous: FrameworkVersion | None = None
    previous_in_use: bool = False

    @property
    def label(self) -> str:
        return f"{self.version.framework.code} v{self.version.version}"

    def summary(self) -> str:
        """One line for the command line and the browser, e.g. "imported ld-strategy v1"."""
        if not self.created:
            return _("unchanged: %(label)s already stored") % {"label": self.label}
        if self.previous is None:
            return _("imported %(label)s") % {"label": self.label}
        values = {"label": self.label, "previous": f"v{self.previous.version}"}
        if self.previous_in_use:
            return (
                _("imported %(label)s (%(previous)s is used by assessments and stays as it was)")
                % values
            )
        return _("imported %(label)s (%(previous)s stays as it was)") % values


def _by_level(entries) -> dict[str, dict[str, str]]:
    return {
        str(entry["level"]): entry.get("description") or entry.get("label") for entry in entries
    }


@transaction.atomic
def framework_import(
    parsed: ParsedFramework, *, imported_by: AbstractBaseUser | None = None
) -> FrameworkImport:
    """Store `parsed` as a new version unless the same content is already stored.

    The file's own version number is kept when free; otherwise the next number is used,
    so an edited file never overwrites what assessments were built on. Rows of earlier versions
    are never touched. Queries: a constant number, whatever the size of the framework.
    """
    framework, _created = Framework.objects.select_for_update().get_or_create(code=parsed.code)
    existing = framework.versions.filter(content_hash=parsed.content_hash).first()
    if existing:
        return FrameworkImport(existing, created=False)
    previous = framework.versions.order_by("-version").first()
    number = parsed.version
    if framework.versions.filter(version=number).exists():
        number = (framework.versions.aggregate(highest=Max("version"))["highest"] or 0) + 1
    version = _store(framework, number, parsed, imported_by)
    in_use = previous is not None and assessment_count(previous) > 0
    return FrameworkImport(version, created=True, previous=previous, previous_in_use=in_use)


@transaction.atomic
def framework_import_all(
    parsed: Iterable[ParsedFramework], *, imported_by: AbstractBaseUser | None = None
) -> list[FrameworkImport]:
    """Import several frameworks in one transaction: all of them are stored, or none."""
    return [framework_import(framework, imported_by=imported_by) for framework in parsed]


def _store(
    framework: Framework,
    number: int,
    parsed: ParsedFramework,
    imported_by: AbstractBaseUser | None,
) -> FrameworkVersion:
    data = parsed.as_dict()
    version = FrameworkVersion.objects.create(
        framework=framework,
        version=number,
        content_hash=parsed.content_hash,
        title=parsed.title,
        description=parsed.description,
        languages=list(parsed.languages),
        level_labels=_by_level(data["level_labels"]),
        definition=data,
        source=parsed.text or "",
        source_name=(parsed.source or "").replace("\\", "/").rsplit("/", 1)[-1][:255],
        imported_by=imported_by,
    )
    sections = {
        section.code: Section(
            version=version,
            code=section.code,
            position=section.position,
            title=section.title,
            intro=section.intro,
        )
        for section in parsed.sections
    }
    Section.objects.bulk_create(sections.values())
    dimensions = {
        dimension.code: Dimension(
            version=version,
            section=sections[dimension.section_code],
            code=dimension.code,
            kind=dimension.kind.value,
            position=dimension.position,
            name=dimension.name,
            description=dimension.description,
            levels=_by_level(data_dimension["levels"]),
        )
        for dimension, data_dimension in zip(parsed.dimensions, data["dimensions"], strict=True)
    }
    Dimension.objects.bulk_create(dimensions.values())
    Item.objects.bulk_create(
        Item(
            version=version,
            dimension=dimensions[item.dimension_code],
            code=item.code,
            position=item.position,
            text=item.text,
            help=item.help,
            response=item.response.value,
            reverse=item.reverse,
            dont_know=item.dont_know,
            options=[
                {"code": o.code, "label": o.label, "description": o.description}
                for o in item.options
            ],
        )
        for item in parsed.items
    )
    Question.objects.bulk_create(
        Question(
            version=version,
            section=sections[question.section_code],
            code=question.code,
            position=question.position,
            text=question.text,
            help=question.help,
        )
        for question in parsed.questions
    )
    return version


@functools.lru_cache(maxsize=4)
def _parse_file(path: str, modified_ns: int, size: int) -> ParsedFramework:
    return load_framework(path)


def shipped_default_framework() -> ParsedFramework:
    """The default framework file, parsed once per change of the file (it is frozen data)."""
    stat = DEFAULT_FRAMEWORK_PATH.stat()
    return _parse_file(str(DEFAULT_FRAMEWORK_PATH), stat.st_mtime_ns, stat.st_size)


def default_framework_version() -> FrameworkVersion:
    """The default L&D framework, imported on first use."""
    parsed = shipped_default_framework()
    stored = (
        FrameworkVersion.objects.select_related("framework")
        .filter(framework__code=parsed.code, content_hash=parsed.content_hash)
        .first()
    )
    return stored or framework_import(parsed).version
