from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("freshness/", views.dashboard_freshness, name="dashboard_freshness"),
    path("exports/", include("reports.exports.urls")),
]
