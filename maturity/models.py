"""Frameworks as stored data: one immutable `FrameworkVersion` per imported file content.

A version is never changed in place once imported; importing a changed file creates a new
version (see `maturity/services.py`). Translated texts are JSON objects of language → text.

A framework has at most one owner (docs/frameworks.md, "Who sees a framework"):

* none: a *built-in* framework (the shipped ones, imported by the command or on first use), seen
  by every organisation and changed by nobody through the web;
* an `organisation`: uploaded for that organisation, seen only by it;
* a `practice` (a consultant's user): shared with the organisations where that user is a member
  with the role consultant, and only with those.

Codes are unique per owner (database constraints), so two organisations may each have a "pulse".
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from organisations.models import Membership, Organisation, Role

from .framework_files import DimensionKind, ResponseType, pick_text
from .scales import BUILT_IN_SCALES, Scale, ScalePoint

KIND_LABELS = {
    DimensionKind.FEATURE: _("Learning-organisation feature"),
    DimensionKind.QUADRANT: _("Learning quadrants"),
    DimensionKind.CAPABILITY: _("L&D capability"),
    DimensionKind.CULTURE: _("Culture aspect"),
    DimensionKind.OBSTACLE: _("Obstacle"),
    DimensionKind.WORK_TYPE: _("Type of work"),
    DimensionKind.CUSTOM: _("Custom"),
}
RESPONSE_LABELS = {
    ResponseType.LIKERT5: _("Agreement 1–5"),
    ResponseType.LEVEL5: _("Level 1–5"),
    ResponseType.CURRENT_TARGET: _("Current and target level 1–5"),
    ResponseType.POINTS100: _("Points out of 100, today and desired"),
    ResponseType.CHOICE: _("One of the options"),
    ResponseType.SCALE: _("A point of a named scale"),
}


def translated(text: dict[str, str] | None, language: str | None = None) -> str:
    """The text in the active language, falling back to English."""
    return pick_text(text, language or get_language() or "en")


BUILT_IN = Q(organisation__isnull=True, practice__isnull=True)


def consultants_of(organisation: Organisation | int) -> models.QuerySet:
    """Ids of the users who are consultants of ``organisation``: their practices are shared."""
    return Membership.objects.filter(organisation=organisation, role=Role.CONSULTANT).values(
        "user_id"
    )


class FrameworkQuerySet(models.QuerySet):
    def built_in(self) -> "FrameworkQuerySet":
        return self.filter(BUILT_IN)

    def visible_in(self, organisation: Organisation | int | None) -> "FrameworkQuerySet":
        """What ``organisation`` may see and use: the built-in frameworks, its own, and those
        of the practices of its consultants. Built-in ones only for ``None``."""
        if organisation is None:
            return self.built_in()
        return self.filter(
            BUILT_IN | Q(organisation=organisation) | Q(practice__in=consultants_of(organisation))
        )


class Framework(models.Model):
    code = models.SlugField(max_length=80)
    # The owner: the organisation it was uploaded for, or the consultant whose client
    # organisations share it; neither for a built-in framework. PROTECT: deleting an owner never
    # turns its frameworks into built-in ones, nor takes versions that assessments use.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="frameworks"
    )
    practice = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="practice_frameworks",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=True) | Q(practice__isnull=True),
                name="framework_has_at_most_one_owner",
            ),
            models.UniqueConstraint(
                fields=["code"], condition=BUILT_IN, name="unique_built_in_framework_code"
            ),
            models.UniqueConstraint(
                fields=["organisation", "code"],
                condition=Q(organisation__isnull=False),
                name="unique_organisation_framework_code",
            ),
            models.UniqueConstraint(
                fields=["practice", "code"],
                condition=Q(practice__isnull=False),
                name="unique_practice_framework_code",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_built_in(self) -> bool:
        return self.organisation_id is None and self.practice_id is None

    def latest_version(self) -> "FrameworkVersion | None":
        return self.versions.order_by("-version").first()


# The reverse accessor of `diagnosis.Assessment.framework_version`. Looked up by name, so this
# app imports nothing of the stage apps; without them every version counts as unused.
ASSESSMENTS = "assessments"


def _assessment_model() -> type[models.Model] | None:
    relation = FrameworkVersion._meta.fields_map.get(ASSESSMENTS)
    return relation.related_model if relation is not None else None


def _count_per_version(model: type[models.Model] | None, field: str = "version") -> Coalesce:
    if model is None:
        return Coalesce(models.Value(0), 0, output_field=IntegerField())
    rows = (
        model._default_manager.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


class FrameworkVersionQuerySet(models.QuerySet):
    def visible_in(self, organisation: Organisation | int | None) -> "FrameworkVersionQuerySet":
        """Versions of the frameworks ``organisation`` may see (``Framework.visible_in``)."""
        return self.filter(framework__in=Framework.objects.visible_in(organisation))

    def with_counts(self) -> "FrameworkVersionQuerySet":
        """Annotate n_sections, n_dimensions, n_items, n_questions and n_assessments (one query,
        subqueries per count, so the counts don't multiply each other)."""
        return self.annotate(
            n_sections=_count_per_version(Section),
            n_dimensions=_count_per_version(Dimension),
            n_items=_count_per_version(Item),
            n_questions=_count_per_version(Question),
            n_assessments=_count_per_version(_assessment_model(), "framework_version"),
        )

    def with_source_flag(self) -> "FrameworkVersionQuerySet":
        """Annotate has_source (the imported file can be downloaded) without loading it."""
        return self.annotate(
            has_source=models.ExpressionWrapper(
                ~models.Q(source=""), output_field=models.BooleanField()
            )
        )


def organisations_using(version: "FrameworkVersion") -> list[int]:
    """Ids of the organisations with a round on ``version`` (none without the diagnosis app)."""
    model = _assessment_model()
    if model is None:
        return []
    rows = model._default_manager.filter(framework_version=version)
    return sorted(set(rows.values_list("organisation_id", flat=True)))


def assessment_count(version: "FrameworkVersion") -> int:
    """How many assessments use ``version`` (0 when the diagnosis app is not installed)."""
    model = _assessment_model()
    return model._default_manager.filter(framework_version=version).count() if model else 0


class FrameworkVersion(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField()
    content_hash = models.CharField(max_length=64)
    title = models.JSONField(default=dict)
    description = models.JSONField(default=dict)
    languages = models.JSONField(default=list)
    level_labels = models.JSONField(default=dict)  # {"1": {"en": ...}, ...}
    # The scales the items use: {code: {"code", "name", "points": [{"value", "label", "missing"}]}}
    scales = models.JSONField(default=dict)
    definition = models.JSONField()  # ParsedFramework.as_dict(), the whole framework
    source = models.TextField(blank=True)  # the file's text as imported, for download and audit
    source_name = models.CharField(max_length=255, blank=True)  # its file name when imported
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = FrameworkVersionQuerySet.as_manager()

    class Meta:
        ordering = ["framework__code", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "version"], name="unique_framework_version"
            ),
            models.UniqueConstraint(
                fields=["framework", "content_hash"], name="unique_framework_content"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.framework.code} v{self.version}"

    @property
    def display_title(self) -> str:
        return translated(self.title)

    @property
    def label(self) -> str:
        return f"v{self.version}"

    @property
    def is_json(self) -> bool:
        return self.source_name.lower().endswith(".json") or (
            not self.source_name and self.source.lstrip().startswith("{")
        )

    def download_name(self) -> str:
        """The file name of the download: code, version and the original format."""
        return f"{self.framework.code}-v{self.version}.{'json' if self.is_json else 'yaml'}"

    def level_label(self, level: int) -> str:
        """The name of maturity level ``level``: the framework's, else the product's default."""
        return translated(self.level_labels.get(str(level))) or str(default_level_label(level))

    def scale(self, code: str) -> Scale | None:
        """The scale ``code`` as the items of this version use it (built-in ones included)."""
        stored = self.scales.get(code)
        if stored is None:
            return BUILT_IN_SCALES.get(code)
        return Scale(
            code=stored["code"],
            name=stored.get("name") or {},
            points=tuple(
                ScalePoint(p["value"], p["label"], bool(p.get("missing"))) for p in stored["points"]
            ),
        )


DEFAULT_LEVEL_LABELS = {
    1: _("Starting"),
    2: _("Emerging"),
    3: _("Developing"),
    4: _("Established"),
    5: _("Embedded"),
}


def default_level_label(level: int) -> str:
    """The product's name for maturity level ``level`` where a framework names none."""
    return str(DEFAULT_LEVEL_LABELS.get(level, level))


class Section(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="sections")
    code = models.SlugField(max_length=80)
    position = models.PositiveIntegerField()
    title = models.JSONField(default=dict)
    intro = models.JSONField(default=dict)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_section_code")
        ]

    def __str__(self) -> str:
        return translated(self.title)


class Block(models.Model):
    """A named group of dimensions, scored as the average of its dimensions (0-100)."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="blocks")
    code = models.SlugField(max_length=80)
    position = models.PositiveIntegerField()
    name = models.JSONField(default=dict)
    description = models.JSONField(default=dict)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_block_code")
        ]

    def __str__(self) -> str:
        return translated(self.name)


class Dimension(models.Model):
    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="dimensions"
    )
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="dimensions")
    code = models.SlugField(max_length=80)
    kind = models.CharField(
        max_length=20, choices=[(k.value, KIND_LABELS[k]) for k in DimensionKind]
    )
    position = models.PositiveIntegerField()
    name = models.JSONField(default=dict)
    description = models.JSONField(default=dict)
    levels = models.JSONField(default=dict)  # {"1": {"en": ...}, ..., "5": {...}} or {}
    block = models.ForeignKey(
        Block, on_delete=models.CASCADE, null=True, blank=True, related_name="dimensions"
    )
    weight = models.FloatField(default=1.0)  # in the overall score
    needs_owner = models.BooleanField(default=False)  # a leader must be accountable for it

    class Meta:
        ordering = ["section__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_dimension_code"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="dimension_weight_positive"),
        ]

    def __str__(self) -> str:
        return translated(self.name)

    def level_description(self, level: int) -> str:
        return translated(self.levels.get(str(level)))


class Item(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="items")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="items")
    code = models.SlugField(max_length=80)
    position = models.PositiveIntegerField()
    text = models.JSONField(default=dict)
    help = models.JSONField(default=dict)
    response = models.CharField(
        max_length=20, choices=[(r.value, RESPONSE_LABELS[r]) for r in ResponseType]
    )
    reverse = models.BooleanField(default=False)
    dont_know = models.BooleanField(default=False)
    options = models.JSONField(default=list)  # [{"code", "label", "description"}] for choice
    scale = models.CharField(max_length=80, blank=True)  # FrameworkVersion.scale(code); ordinal
    weight = models.FloatField(default=1.0)  # in the dimension's mean

    class Meta:
        ordering = ["dimension__section__position", "dimension__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_item_code"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="item_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def response_type(self) -> ResponseType:
        return ResponseType(self.response)

    @property
    def option_codes(self) -> list[str]:
        return [option["code"] for option in self.options]


class Question(models.Model):
    """A free-text question, such as the five strategic-context questions."""

    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="questions"
    )
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(max_length=80)
    position = models.PositiveIntegerField()
    text = models.JSONField(default=dict)
    help = models.JSONField(default=dict)

    class Meta:
        ordering = ["section__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_question_code")
        ]

    def __str__(self) -> str:
        return self.code


class Norm(models.Model):
    """Published reference values of one dimension from one source and year, on the dimension's
    answer scale: from the framework file or a separate norms file for its version."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="norms")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="norms")
    source = models.CharField(max_length=300)
    year = models.PositiveIntegerField(null=True, blank=True)
    median = models.FloatField()
    first_quartile = models.FloatField()
    third_quartile = models.FloatField()
    n = models.PositiveIntegerField()
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version", "source", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "source", "year"],
                name="one_norm_per_dimension_source_year",
            ),
            models.CheckConstraint(
                condition=Q(first_quartile__lte=models.F("median"))
                & Q(median__lte=models.F("third_quartile")),
                name="norm_quartiles_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension.code}: {self.source} {self.year or ''}".strip()
