from django.contrib import admin
from django.urls import include, path

from organisations import views as organisation_views

urlpatterns = [
    path("", organisation_views.home, name="home"),
    path("healthz/", organisation_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("organisations.account_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("organisations.urls")),
    path("frameworks/", include("maturity.urls")),
    path("orgs/<slug:org_slug>/frameworks/", include("maturity.organisation_urls")),
    path("orgs/<slug:org_slug>/diagnosis/", include("diagnosis.urls")),
    path("orgs/<slug:org_slug>/policy/", include("policy.urls")),
    path("orgs/<slug:org_slug>/actions/", include("actions.urls")),
    path("orgs/<slug:org_slug>/dashboard/", include("reports.urls")),
    path("portfolio/", include("reports.portfolio_urls")),
]
