from django.contrib import admin

from .models import Policy, PolicyRevision


class PolicyRevisionInline(admin.TabularInline):
    model = PolicyRevision
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "author", "created_at", "status", "statement"]
    fields = readonly_fields


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ["statement", "organisation", "status", "position", "retired_at"]
    list_filter = ["status"]
    search_fields = ["statement", "organisation__name"]
    raw_id_fields = ["agreed_by", "created_by"]
    filter_horizontal = ["challenges"]
    inlines = [PolicyRevisionInline]
