"""Framework pages of one organisation, under `/orgs/<org_slug>/frameworks/`."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.organisation_frameworks, name="organisation_frameworks"),
    path("upload/", views.framework_upload, name="framework_upload"),
    path("versions/<int:pk>/", views.framework_detail, name="framework_detail"),
    path("versions/<int:pk>/download/", views.framework_download, name="framework_download"),
    path("versions/<int:pk>/norms/", views.framework_norms_upload, name="framework_norms_upload"),
]
