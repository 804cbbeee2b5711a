from django.urls import path

from . import views

urlpatterns = [
    path("orgs/", views.portfolio, name="portfolio"),
    path("orgs/new/", views.organisation_create, name="organisation_create"),
    path("orgs/<slug:org_slug>/", views.organisation_overview, name="organisation_overview"),
    path(
        "orgs/<slug:org_slug>/settings/", views.organisation_settings, name="organisation_settings"
    ),
    path("orgs/<slug:org_slug>/logo/", views.organisation_logo, name="organisation_logo"),
    path("orgs/<slug:org_slug>/members/", views.organisation_members, name="organisation_members"),
    path("orgs/<slug:org_slug>/people/", views.organisation_people, name="organisation_people"),
    path("orgs/<slug:org_slug>/people/<int:pk>/", views.person_edit, name="person_edit"),
    path(
        "orgs/<slug:org_slug>/members/<int:pk>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
    path(
        "orgs/<slug:org_slug>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
