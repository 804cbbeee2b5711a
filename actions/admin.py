from django.contrib import admin

from .models import (
    Action,
    LearningOpportunity,
    PerformanceGap,
    ProgressNote,
    Recommendation,
    StandardProcess,
    Vision,
)


class ProgressNoteInline(admin.TabularInline):
    model = ProgressNote
    extra = 0
    raw_id_fields = ["author"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "owner", "horizon", "quadrant", "status", "end_date"]
    list_filter = ["status", "horizon", "quadrant", "work_type"]
    search_fields = ["title", "organisation__name"]
    raw_id_fields = ["policy", "owner", "created_by"]
    inlines = [ProgressNoteInline]


@admin.register(PerformanceGap)
class PerformanceGapAdmin(admin.ModelAdmin):
    list_display = ["outcome", "organisation", "cause", "created_at"]
    list_filter = ["cause"]
    raw_id_fields = ["action", "created_by"]


admin.site.register(Vision)
admin.site.register(LearningOpportunity)
admin.site.register(StandardProcess)
admin.site.register(Recommendation)
