"""Dashboard pages: they read the newest complete snapshot and never compute anything."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET

from organisations.access import Action, OrganisationAccess, organisation_view

from . import portfolio, selectors

# plotly.js sets two fixed style attributes: an empty one on colour-bar fills and the
# image-rendering declarations on heatmap images. The dashboard's CSP allows exactly these two
# values ('unsafe-hashes' with their hashes) and no other inline style.
PLOTLY_STYLE_ATTRIBUTES = (
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",  # ""
    "'sha256-AR/cKIZjWPcPmBUPDA6oti9XBiTbJvz0Cro2J1VzzS8='",  # "image-rendering: …; " x 7
)
DASHBOARD_CSP = settings.SECURE_CSP | {
    "style-src-attr": ["'unsafe-hashes'", *PLOTLY_STYLE_ATTRIBUTES]
}
POLL_UPDATING_MS = 3000
POLL_FRESH_MS = 20000


def _poll_ms(fresh: selectors.Freshness) -> int:
    return POLL_UPDATING_MS if fresh.updating else POLL_FRESH_MS


@csp_override(DASHBOARD_CSP)
@organisation_view(methods=["GET"])
def dashboard(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    language = (get_language() or "en").split("-")[0]
    snapshot = selectors.dashboard_snapshot(access.organisation, language)
    fresh = selectors.freshness_of(access.organisation, snapshot)
    context = {
        "snapshot": snapshot,
        "charts": snapshot.charts if snapshot else [],
        "figures": snapshot.figures if snapshot else {},
        "can_edit": access.can(Action.EDIT_STRATEGY),
        "freshness": fresh,
        "shown_id": snapshot.pk if snapshot else None,
        "poll_ms": _poll_ms(fresh),
    }
    return render(request, "reports/index.html", context)


@organisation_view(methods=["GET"])
def dashboard_freshness(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    """The polled "updated … ago / updating…" line. When a newer snapshot than the one on the
    page is ready, htmx is told to reload the page (HX-Refresh) so it shows the new figures."""
    try:
        shown_id = int(request.GET.get("shown") or 0) or None
    except ValueError:
        shown_id = None
    fresh = selectors.freshness(access.organisation)
    context = {"freshness": fresh, "shown_id": shown_id, "poll_ms": _poll_ms(fresh)}
    response = render(request, "reports/_freshness.html", context)
    newest = fresh.snapshot_id
    if request.htmx and newest is not None and newest != shown_id:
        response["HX-Refresh"] = "true"
    return response


def _client_comparison(request: HttpRequest) -> portfolio.Comparison:
    """The caller's clients compared (403 for someone who advises no organisation): three
    queries whatever the number of clients, from the stored snapshots."""
    data = selectors.portfolio_clients(user=request.user)
    if not data.memberships:  # only consultants' memberships: someone who advises nobody
        raise PermissionDenied
    return portfolio.portfolio_comparison(data, language=_language())


def _language() -> str:
    return (get_language() or "en").split("-")[0]


@csp_override(DASHBOARD_CSP)
@require_GET
@login_required
def portfolio_overview(request: HttpRequest) -> HttpResponse:
    """Client overview, for consultants: their clients side by side (overall maturity, response
    rate, coherence, actions, last activity and freshness), and per dimension among clients on
    the same framework, with a heatmap for each framework."""
    comparison = _client_comparison(request)
    context = {"comparison": comparison, "figures": comparison.figures}
    return render(request, "reports/portfolio_overview.html", context)


@require_GET
@login_required
def portfolio_overview_xlsx(request: HttpRequest) -> HttpResponse:
    """The client overview's tables as an XLSX workbook."""
    comparison = _client_comparison(request)
    body = portfolio.portfolio_xlsx(comparison, language=_language())
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="client-overview-{stamp}.xlsx"'
    return response
