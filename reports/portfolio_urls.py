"""Pages outside one organisation, mounted at /portfolio/ by lndstrategy/urls.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("overview/", views.portfolio_overview, name="portfolio_overview"),
    path("overview.xlsx", views.portfolio_overview_xlsx, name="portfolio_overview_xlsx"),
]
