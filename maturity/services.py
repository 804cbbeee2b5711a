"""Persist parsed framework files. Stored versions are never edited."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max

from .framework_files import ParsedFramework, load_default_framework
from .models import Dimension, Framework, FrameworkVersion, Item, Question, Section


@dataclass(frozen=True)
class FrameworkImport:
    version: FrameworkVersion
    created: bool


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
    so an edited file never overwrites what assessments were built on.
    """
    framework, _ = Framework.objects.select_for_update().get_or_create(code=parsed.code)
    existing = framework.versions.filter(content_hash=parsed.content_hash).first()
    if existing:
        return FrameworkImport(existing, created=False)
    number = parsed.version
    if framework.versions.filter(version=number).exists():
        number = (framework.versions.aggregate(highest=Max("version"))["highest"] or 0) + 1
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
        source=parsed.source or "",
        imported_by=imported_by,
    )
    sections = {
        section.code: Section.objects.create(
            version=version,
            code=section.code,
            position=section.position,
            title=section.title,
            intro=section.intro,
        )
        for section in parsed.sections
    }
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
    return FrameworkImport(version, created=True)


def default_framework_version() -> FrameworkVersion:
    """The default L&D framework, imported on first use."""
    return framework_import(load_default_framework()).version
