"""Mounted under /orgs/<org_slug>/dashboard/exports/ by reports/urls.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.exports_page, name="exports"),
    path("status/", views.exports_status, name="exports_status"),
    path("regenerate/", views.exports_regenerate, name="exports_regenerate"),
    path("report/<slug:language>/", views.export_pdf, name="export_pdf"),
    path("data/<slug:kind>/<slug:language>/", views.export_file, name="export_file"),
]
