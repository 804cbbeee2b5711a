"""Persist parsed framework files. Stored versions are never edited.

* :func:`framework_import` stores a :class:`~maturity.framework_files.ParsedFramework` as a new
  :class:`~maturity.models.FrameworkVersion` unless the same content is already stored, and says
  what it did (:meth:`FrameworkImport.summary`). The framework belongs to an ``organisation``, to
  a consultant's ``practice``, or to nobody (built-in); a code the owner may not use raises
  :class:`FrameworkCodeUnavailable`.
* :func:`framework_import_all` does that for several files in one transaction.
* :func:`default_framework_version` is the shipped default framework, imported on first use.
* :func:`norms_import` adds the norm sets of a norms file to a stored version (norms are reference
  data, not part of the framework's content, so adding them makes no new version).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from organisations.models import Organisation
from organisations.signals import organisation_data_changed

from .framework_files import NormSet, ParsedFramework
from .models import (
    Block,
    Dimension,
    Framework,
    FrameworkVersion,
    Item,
    Norm,
    Question,
    Section,
    assessment_count,
    organisations_using,
)
from .selectors import framework_code_problem
from .shipped import shipped_default_framework

__all__ = [
    "FrameworkCodeUnavailable",
    "FrameworkImport",
    "default_framework_version",
    "framework_import",
    "framework_import_all",
    "shipped_default_framework",
]


class FrameworkCodeUnavailable(Exception):
    """The file's code may not be used for the chosen owner; the message says why."""


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
    parsed: ParsedFramework,
    *,
    imported_by: AbstractBaseUser | None = None,
    organisation: Organisation | None = None,
    practice: AbstractBaseUser | None = None,
) -> FrameworkImport:
    """Store `parsed` as a new version unless the same content is already stored.

    The version goes to the framework of that code of the owner: ``organisation``, the
    consultant ``practice``, or neither (a built-in framework). The file's own version number is
    kept when free; otherwise the next number is used, so an edited file never overwrites what
    assessments were built on. Rows of earlier versions are never touched. Queries: a constant
    number, whatever the size of the framework.

    Raises :class:`FrameworkCodeUnavailable` when the owner may not use the code (a built-in
    code for a tenant, or a code another owner already shows in the same organisations).
    """
    if organisation is not None and practice is not None:
        raise ValueError("A framework belongs to an organisation or to a practice, not both.")
    problem = framework_code_problem(code=parsed.code, organisation=organisation, practice=practice)
    if problem:
        raise FrameworkCodeUnavailable(problem)
    framework, _created = Framework.objects.select_for_update().get_or_create(
        code=parsed.code, organisation=organisation, practice=practice
    )
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
    parsed: Iterable[ParsedFramework],
    *,
    imported_by: AbstractBaseUser | None = None,
    organisation: Organisation | None = None,
    practice: AbstractBaseUser | None = None,
) -> list[FrameworkImport]:
    """Import several frameworks for one owner in one transaction: all are stored, or none."""
    return [
        framework_import(
            framework, imported_by=imported_by, organisation=organisation, practice=practice
        )
        for framework in parsed
    ]


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
        scales={scale["code"]: scale for scale in data["scales"]},
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
    blocks = {
        block.code: Block(
            version=version,
            code=block.code,
            position=block.position,
            name=block.name,
            description=block.description,
        )
        for block in parsed.blocks
    }
    Block.objects.bulk_create(blocks.values())
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
            block=blocks.get(dimension.block_code),
            weight=dimension.weight,
            needs_owner=dimension.needs_owner,
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
            scale=item.scale,
            weight=item.weight,
        )
        for item in parsed.items
    )
    Norm.objects.bulk_create(
        Norm(
            version=version,
            dimension=dimensions[value.dimension_code],
            source=norms.source,
            year=norms.year,
            median=value.median,
            first_quartile=value.first_quartile,
            third_quartile=value.third_quartile,
            n=value.n,
        )
        for norms in parsed.norms
        for value in norms.values
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


def default_framework_version() -> FrameworkVersion:
    """The default L&D framework (built-in), imported on first use."""
    parsed = shipped_default_framework()
    stored = (
        FrameworkVersion.objects.select_related("framework")
        .filter(
            framework__organisation__isnull=True,
            framework__practice__isnull=True,
            framework__code=parsed.code,
            content_hash=parsed.content_hash,
        )
        .first()
    )
    return stored or framework_import(parsed).version


def norm_ranges(version: FrameworkVersion) -> dict[str, tuple[int, int] | None]:
    """Dimension code -> the range of its scored points (None without scored items): what a
    norms file for ``version`` is checked against."""
    ranges: dict[str, tuple[int, int] | None] = {}
    for dimension_code, scale_code in version.items.values_list("dimension__code", "scale"):
        scale = version.scale(scale_code) if scale_code else None
        if scale is not None:
            ranges[dimension_code] = (scale.minimum, scale.maximum)
        else:
            ranges.setdefault(dimension_code, None)
    for code in version.dimensions.values_list("code", flat=True):
        ranges.setdefault(code, None)
    return ranges


@transaction.atomic
def norms_import(*, version: FrameworkVersion, norm_sets: Iterable[NormSet]) -> int:
    """Add ``norm_sets`` to ``version``; a set of the same source and year replaces its values.

    The organisations whose rounds use ``version`` are told their data changed, so their results
    are rebuilt with the norms. Returns the number of norm values stored.
    """
    dimensions = {dimension.code: dimension for dimension in version.dimensions.all()}
    stored = 0
    for norms in norm_sets:
        Norm.objects.filter(version=version, source=norms.source, year=norms.year).delete()
        created = Norm.objects.bulk_create(
            Norm(
                version=version,
                dimension=dimensions[value.dimension_code],
                source=norms.source,
                year=norms.year,
                median=value.median,
                first_quartile=value.first_quartile,
                third_quartile=value.third_quartile,
                n=value.n,
            )
            for value in norms.values
        )
        stored += len(created)
    for organisation_id in organisations_using(version):
        organisation_data_changed.send(sender=Norm, organisation_id=organisation_id)
    return stored
