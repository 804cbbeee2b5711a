from django.contrib import admin

from .models import Invitation, Membership, Organisation, Person


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "sector", "size", "created_at"]
    search_fields = ["name", "slug"]
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "created_at", "expires_at", "status"]
    list_filter = ["role"]
    readonly_fields = ["token_hash"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "organisation", "group", "language", "user"]
    list_filter = ["group", "language"]
    search_fields = ["name", "email", "organisation__name"]
    raw_id_fields = ["organisation", "user"]
