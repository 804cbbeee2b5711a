from django.contrib import admin

from .models import Answer, Assessment, KeyChallenge, KnowledgeGap, Respondent, TextAnswer


class RespondentInline(admin.TabularInline):
    model = Respondent
    extra = 0
    fields = ["person", "group", "invited_at", "submitted_at", "revoked_at"]
    readonly_fields = ["invited_at", "submitted_at"]
    raw_id_fields = ["person"]
    show_change_link = True


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "period", "status", "closes_on", "created_at"]
    list_filter = ["status"]
    search_fields = ["title", "organisation__name"]
    raw_id_fields = ["created_by"]
    inlines = [RespondentInline]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    raw_id_fields = ["item"]


class TextAnswerInline(admin.TabularInline):
    model = TextAnswer
    extra = 0
    raw_id_fields = ["question"]


@admin.register(Respondent)
class RespondentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "assessment", "group", "invited_at", "submitted_at", "revoked_at"]
    list_filter = ["group"]
    search_fields = ["person__name", "person__email", "assessment__title"]
    raw_id_fields = ["person", "assessment", "organisation"]
    # The link's token is never stored; its hash is shown only so support can tell links apart.
    # An imported response keeps only the hash of the other tool's id (diagnosis/imports.py).
    readonly_fields = [
        "token_hash",
        "token_expires_at",
        "invited_at",
        "reminded_at",
        "external_ref",
    ]
    inlines = [AnswerInline, TextAnswerInline]


@admin.register(KeyChallenge)
class KeyChallengeAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "priority"]
    search_fields = ["title"]


@admin.register(KnowledgeGap)
class KnowledgeGapAdmin(admin.ModelAdmin):
    list_display = ["target_group", "competence", "organisation", "approach"]
    search_fields = ["target_group", "competence"]
