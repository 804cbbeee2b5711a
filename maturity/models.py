"""Frameworks as stored data: one immutable `FrameworkVersion` per imported file content.

A version is never changed in place once imported; importing a changed file creates a new
version (see `maturity/services.py`). Translated texts are JSON objects of language → text.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language

from .framework_files import DimensionKind, ResponseType


def translated(text: dict[str, str] | None, language: str | None = None) -> str:
    """The text in the active language, falling back to English."""
    if not text:
        return ""
    language = (language or get_language() or "en").split("-")[0]
    return text.get(language) or text.get("en") or next(iter(text.values()), "")


class Framework(models.Model):
    code = models.SlugField(max_length=80, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code

    def latest_version(self) -> "FrameworkVersion | None":
        return self.versions.order_by("-version").first()


class FrameworkVersion(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField()
    content_hash = models.CharField(max_length=64)
    title = models.JSONField(default=dict)
    description = models.JSONField(default=dict)
    languages = models.JSONField(default=list)
    level_labels = models.JSONField(default=dict)  # {"1": {"en": ...}, ...}
    definition = models.JSONField()  # ParsedFramework.as_dict(), the whole framework
    source = models.TextField(blank=True)  # the file as imported, for download and audit
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

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


class Dimension(models.Model):
    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="dimensions"
    )
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="dimensions")
    code = models.SlugField(max_length=80)
    kind = models.CharField(max_length=20, choices=[(k.value, k.value) for k in DimensionKind])
    position = models.PositiveIntegerField()
    name = models.JSONField(default=dict)
    description = models.JSONField(default=dict)
    levels = models.JSONField(default=dict)  # {"1": {"en": ...}, ..., "5": {...}} or {}

    class Meta:
        ordering = ["section__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_dimension_code")
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
    response = models.CharField(max_length=20, choices=[(r.value, r.value) for r in ResponseType])
    reverse = models.BooleanField(default=False)
    dont_know = models.BooleanField(default=False)
    options = models.JSONField(default=list)  # [{"code", "label", "description"}] for choice

    class Meta:
        ordering = ["dimension__section__position", "dimension__position", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="unique_item_code")]

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
