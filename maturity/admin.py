"""Read-only admin for frameworks: stored versions are never edited (import a new file instead)."""

from django.contrib import admin
from django.http import HttpRequest

from .models import Block, Dimension, Framework, FrameworkVersion, Item, Norm, Question, Section


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class VersionInline(ReadOnlyInline):
    model = FrameworkVersion
    fields = readonly_fields = [
        "version",
        "content_hash",
        "source_name",
        "imported_at",
        "imported_by",
    ]


@admin.register(Framework)
class FrameworkAdmin(ReadOnlyAdmin):
    list_display = ["code", "organisation", "practice", "created_at"]
    list_select_related = ["organisation", "practice"]
    search_fields = ["code", "organisation__name", "practice__username"]
    inlines = [VersionInline]


class SectionInline(ReadOnlyInline):
    model = Section
    fields = readonly_fields = ["position", "code", "title"]


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "display_title", "content_hash", "imported_at", "imported_by"]
    list_filter = ["framework"]
    list_select_related = ["framework", "imported_by"]
    exclude = ["definition", "source"]  # large; the version's page offers the file for download
    inlines = [SectionInline]


@admin.register(Section)
class SectionAdmin(ReadOnlyAdmin):
    list_display = ["code", "version", "position"]
    list_filter = ["version__framework"]
    list_select_related = ["version__framework"]


@admin.register(Dimension)
class DimensionAdmin(ReadOnlyAdmin):
    list_display = ["code", "kind", "version", "section", "block", "position", "weight"]
    list_filter = ["kind", "version__framework"]
    list_select_related = ["version__framework", "section", "block"]
    search_fields = ["code"]


@admin.register(Block)
class BlockAdmin(ReadOnlyAdmin):
    list_display = ["code", "version", "position"]
    list_filter = ["version__framework"]
    list_select_related = ["version__framework"]


@admin.register(Norm)
class NormAdmin(ReadOnlyAdmin):
    list_display = ["dimension", "source", "year", "median", "first_quartile", "third_quartile"]
    list_filter = ["version__framework", "source"]
    list_select_related = ["dimension", "version__framework"]


@admin.register(Item)
class ItemAdmin(ReadOnlyAdmin):
    list_display = ["code", "response", "scale", "reverse", "weight", "dont_know", "dimension"]
    list_filter = ["response", "reverse", "version__framework"]
    list_select_related = ["version__framework", "dimension"]
    search_fields = ["code"]


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    list_display = ["code", "section", "version", "position"]
    list_filter = ["version__framework"]
    list_select_related = ["version__framework", "section"]
    search_fields = ["code"]
