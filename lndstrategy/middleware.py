"""Project middleware: one transaction per writing request, no caching of personal pages, and
the site's own "not found" page in development too."""

from django.conf import settings
from django.core.handlers.exception import response_for_exception
from django.db import DEFAULT_DB_ALIAS, transaction
from django.http import Http404, HttpResponse
from django.urls import Resolver404, get_resolver
from django.utils.cache import add_never_cache_headers
from django.views.defaults import page_not_found

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

# Pages reached through a secret link: a respondent's personal link and an invitation.
LINK_URL_NAMES = frozenset(
    {
        "questionnaire_link_start",
        "questionnaire_link_section",
        "questionnaire_link_save",
        "questionnaire_link_review",
        "questionnaire_link_submit",
        "invitation_accept",
    }
)


class WritingRequestTransactionMiddleware:
    """Runs each POST/PUT/PATCH/DELETE in one database transaction, rolled back when the view
    raises (a 404 after a delete leaves the object in place) or answers with a server error.

    Why not ``ATOMIC_REQUESTS``: on SQLite the project opens transactions IMMEDIATE (see
    settings), so every atomic block takes the database's single write lock. ``ATOMIC_REQUESTS``
    wraps every view, GETs included, which would make each page view wait for the writer (the
    worker, a saving respondent). Reads need no transaction, so only unsafe methods get one.
    A view marked ``transaction.non_atomic_requests`` is left to its own transactions, as
    Django does. Callbacks given to ``transaction.on_commit`` (Celery tasks) run when the
    request commits; a streaming body is produced after the block, outside it (it only reads).

    Placed last in MIDDLEWARE, so the block covers the view and little else.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in UNSAFE_METHODS or _manages_its_transactions(request):
            return self.get_response(request)
        with transaction.atomic():
            request._writing_request_atomic = True
            response = self.get_response(request)
            failed = getattr(request, "_writing_request_exception", None)
            if failed is None and response.status_code >= 500:
                transaction.set_rollback(True)
        if failed is not None:
            # The error page (404, 403, 500) is drawn after the rollback: inside the block it
            # could not query anything (the site's layout asks who the caller is).
            return error_response(request, failed)
        return response

    def process_exception(self, request, exception):
        # Undo the view's writes while the block is still open; the placeholder answer is
        # replaced in __call__ once the block is closed.
        if getattr(request, "_writing_request_atomic", False):
            transaction.set_rollback(True)
            request._writing_request_exception = exception
            return HttpResponse(status=500)
        return None


def _manages_its_transactions(request) -> bool:
    """A view marked ``transaction.non_atomic_requests`` (the questionnaire's autosave and
    submit, which answer a busy SQLite database with a retryable 503) runs without the block."""
    try:
        match = get_resolver(getattr(request, "urlconf", None)).resolve(request.path_info)
    except Resolver404:
        return False
    return DEFAULT_DB_ALIAS in getattr(match.func, "_non_atomic_requests", set())


class PrivatePageCacheMiddleware:
    """``Cache-Control: no-store, private`` on every answer to a logged-in caller and on the
    personal-link and invitation pages, so no browser or proxy keeps personal data or a page
    reached through a secret link. Static files (served earlier by WhiteNoise) are untouched,
    and so is an answer that already forbids storing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(settings.STATIC_URL or "/static/"):
            return response
        if "no-store" in response.get("Cache-Control", ""):
            return response
        if _is_private(request):
            add_never_cache_headers(response)
        return response


def _is_private(request) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name in LINK_URL_NAMES


def error_response(request, exception: Exception):
    """The page for an exception a view raised: the site's 404 page for a view's "not found",
    in debug mode too (see `StyledNotFoundMiddleware`), else Django's handling (403, 400, 500)."""
    if settings.DEBUG and _view_not_found(exception):
        return page_not_found(request, exception)
    return response_for_exception(request, exception)


def _view_not_found(exception: Exception) -> bool:
    return isinstance(exception, Http404) and not isinstance(exception, Resolver404)


class StyledNotFoundMiddleware:
    """With ``DEBUG`` on, Django answers a view's ``Http404`` with its technical page. ``make run``
    runs in debug mode and is also the product's demo: there too, a page that is not there (or
    belongs to an organisation the caller is not a member of) gets the site's 404 page, with a
    way back. An address that matches no URL pattern keeps Django's technical page, which lists
    the patterns; without ``DEBUG`` Django shows the site's page for both.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG and _view_not_found(exception):
            return page_not_found(request, exception)
        return None
