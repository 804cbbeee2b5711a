"""The questionnaire, reached two ways with the same pages:

* members answer as themselves at ``assessments/<pk>/answer/…`` (any role may answer) once they
  press "Start" (a POST): looking at the pages makes nobody a respondent;
* invited people use their personal link at ``respond/<token>/…``; every page carries the token,
  so "resume later" is simply opening the link again.

Invalid, expired and withdrawn links all get the same friendly page (404).
"""

import logging
import sqlite3
from dataclasses import dataclass

from django.db import OperationalError
from django.db.transaction import non_atomic_requests
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lndstrategy.bounds import parse_id
from organisations.access import OrganisationAccess, organisation_view

from . import services
from .answers import (
    AnswerLocked,
    AnswerRefused,
    SubmitRefused,
    answer_save,
    respondent_submit,
    text_save,
)
from .answers import points_problems as find_points_problems
from .models import Assessment, AssessmentStatus, Respondent
from .questionnaire import (
    given_answers,
    progress_percent,
    section_page,
    section_summaries,
    unanswered,
)

ROUTING_FIELDS = ("item", "question", "section")
# Words the autosave script shows; translated here so the script stays language-free.
MESSAGES = {
    "saving": gettext_lazy("Saving…"),
    "offline": gettext_lazy("Not saved yet: no connection. Trying again…"),
    "failed": gettext_lazy("Not saved. Trying again…"),
    "gone": gettext_lazy("Not saved. Please reload the page."),
    "pointsOk": gettext_lazy("Adds up to 100."),
    "pointsLeft": gettext_lazy("%s points left to share out."),
    "pointsOver": gettext_lazy("%s points too many."),
}
FRAGMENT_HEADER = "X-Answer-Status"
# SQLite's words for "another connection held the write lock past the busy timeout", and the
# PostgreSQL states of a lock timeout, a deadlock and a serialisation conflict.
BUSY_SQLITE = ("database is locked", "database table is locked", "database is busy")
BUSY_SQLSTATES = frozenset({"55P03", "40P01", "40001"})
RETRY_AFTER_SECONDS = 2

logger = logging.getLogger(__name__)


def database_busy(error: OperationalError) -> bool:
    """Whether the database refused only because another writer was in the way, so that the
    same request, sent again, will succeed (nothing was stored)."""
    cause = error.__cause__
    if isinstance(cause, sqlite3.OperationalError):
        return str(cause).lower().startswith(BUSY_SQLITE)
    return getattr(cause, "sqlstate", None) in BUSY_SQLSTATES


@dataclass
class Channel:
    """Who is answering, and how to build the URLs of their questionnaire."""

    respondent: Respondent
    prefix: str  # "questionnaire_member" or "questionnaire_link"
    args: tuple

    def url(self, page: str, *extra) -> str:
        return reverse(f"{self.prefix}_{page}", args=[*self.args, *extra])

    @property
    def assessment(self) -> Assessment:
        return self.respondent.assessment

    @property
    def editable(self) -> bool:
        respondent = self.respondent
        return (
            self.assessment.is_open
            and respondent.submitted_at is None
            and respondent.revoked_at is None
        )

    def section_links(self, summaries) -> list:
        return [(summary, self.url("section", summary.number)) for summary in summaries]

    def context(self, **extra) -> dict:
        return {
            "questionnaire_messages": MESSAGES,
            "respondent": self.respondent,
            "assessment": self.assessment,
            "questionnaire_org": self.assessment.organisation,
            "channel": self,
            "editable": self.editable,
            "save_url": self.url("save"),
            "review_url": self.url("review"),
            "start_url": self.url("start"),
            "via_link": self.prefix == "questionnaire_link",
            **extra,
        }


# --- The pages, shared by both ways in -------------------------------------------------------


def _start(request: HttpRequest, channel: Channel) -> HttpResponse:
    summaries = section_summaries(channel.respondent)
    resume = next((s.number for s in summaries if not s.complete), None)
    context = channel.context(
        section_links=channel.section_links(summaries),
        resume_url=channel.url("section", resume) if resume else None,
        percent=progress_percent(summaries),
    )
    return render(request, "diagnosis/questionnaire/start.html", context)


def _section(request: HttpRequest, channel: Channel, number: int) -> HttpResponse:
    page = section_page(channel.respondent, number)
    if page is None:
        raise Http404
    context = channel.context(
        page=page,
        percent=page.percent,
        section_links=channel.section_links(page.summaries),
        previous_url=channel.url("section", page.previous) if page.previous else None,
        next_url=channel.url("section", page.next) if page.next else None,
    )
    return render(request, "diagnosis/questionnaire/section.html", context)


def _fragment(request, message: str, status: int, *, ok: bool = False) -> HttpResponse:
    response = render(
        request, "diagnosis/questionnaire/_save_status.html", {"message": message, "ok": ok}
    )
    response.status_code = status
    response[FRAGMENT_HEADER] = "saved" if ok else "refused"
    return response


def _save(request: HttpRequest, channel: Channel) -> HttpResponse:
    data = request.POST.copy()
    routing = {name: data.pop(name, []) for name in ROUTING_FIELDS}
    item, question = routing["item"], routing["question"]
    try:
        if len(item) + len(question) != 1:
            raise AnswerRefused(_("Say which one question this answer is for."))
        if any("\x00" in value for values in request.POST.lists() for value in values[1]):
            # PostgreSQL cannot store (nor look up) a NUL character; nothing here needs one.
            raise AnswerRefused(_("Remove the null character from your answer."))
        if item:
            answer_save(channel.respondent, item[0], data)
        else:
            text_save(channel.respondent, question[0], data)
    except AnswerRefused as error:
        return _fragment(request, " ".join(error.messages), error.status_code)
    except OperationalError as error:
        if not database_busy(error):
            raise
        # 503 + Retry-After: the autosave script tries again ("failed"); the answer is unchanged.
        logger.warning("Autosave of respondent %s met a busy database", channel.respondent.pk)
        response = _fragment(request, _("Not saved: the server was busy. Please try again."), 503)
        response[FRAGMENT_HEADER] = "retry"
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    if not request.htmx:  # the no-script "Save" button: back to the page
        section = routing["section"][0] if routing["section"] else ""
        number = parse_id(section)
        target = channel.url("section", number) if number else channel.url("start")
        return redirect(target)
    return _fragment(request, _("Saved"), 200, ok=True)


def _review(request: HttpRequest, channel: Channel, *, errors=None, status=200) -> HttpResponse:
    summaries = section_summaries(channel.respondent)
    context = channel.context(
        summaries=summaries,
        percent=progress_percent(summaries),
        missing=[
            (group, channel.url("section", group.section.number))
            for group in unanswered(channel.respondent, summaries)
        ],
        given=[
            (group, channel.url("section", group.section.number))
            for group in given_answers(channel.respondent, summaries)
        ],
        points_problems=find_points_problems(channel.respondent) if channel.editable else [],
        errors=errors or [],
        section_links=channel.section_links(summaries),
        submit_url=channel.url("submit"),
    )
    return render(request, "diagnosis/questionnaire/review.html", context, status=status)


def _submit(request: HttpRequest, channel: Channel) -> HttpResponse:
    try:
        respondent_submit(channel.respondent)
    except SubmitRefused as error:
        return _review(request, channel, errors=error.messages, status=422)
    except AnswerLocked as error:
        return _review(request, channel, errors=error.messages, status=409)
    except OperationalError as error:
        if not database_busy(error):
            raise
        busy = _("Not submitted: the server was busy. Please submit again.")
        response = _review(request, channel, errors=[busy], status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return redirect(channel.url("start"))


# --- Members, logged in -----------------------------------------------------------------------


def _member_channel(request, access: OrganisationAccess, pk: int, *, create: bool):
    """The member's channel, or a page saying why they cannot answer (yet)."""
    assessment = access.get_object(
        Assessment.objects.select_related("framework_version", "organisation"), pk=pk
    )
    respondent = services.respondent_of_member(assessment, request.user)
    if respondent is None and create and assessment.is_open:
        respondent = services.respondent_for_member(assessment, access.membership)
    if respondent is None:
        if request.method == "POST" and request.htmx:
            return _fragment(request, _("This questionnaire is not open."), 409)
        if request.method == "GET" and assessment.is_open:
            # Looking is not taking part: only pressing "Start" (a POST) makes a respondent.
            return _not_started(request, assessment)
        context = {"assessment": assessment, "draft": assessment.status == AssessmentStatus.DRAFT}
        status = 409 if request.method == "POST" else 200
        return render(request, "diagnosis/questionnaire/not_open.html", context, status=status)
    respondent.assessment = assessment
    return Channel(respondent, "questionnaire_member", (assessment.organisation.slug, pk))


def _not_started(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    """The introduction with a "Start" button; the other pages send the member there."""
    args = [assessment.organisation.slug, assessment.pk]
    if request.resolver_match.url_name != "questionnaire_member_start":
        return redirect(reverse("questionnaire_member_start", args=args))
    context = {
        "questionnaire_messages": MESSAGES,
        "respondent": None,
        "assessment": assessment,
        "questionnaire_org": assessment.organisation,
        "editable": True,
        "begin_url": reverse("questionnaire_member_begin", args=args),
    }
    return render(request, "diagnosis/questionnaire/start.html", context)


def _begin(request: HttpRequest, channel: Channel) -> HttpResponse:
    return redirect(channel.url("section", 1))


def _as_member(handler, *, create: bool = True):
    def view(request, access, pk, **kwargs):
        channel = _member_channel(request, access, pk, create=create)
        if isinstance(channel, HttpResponse):
            return channel
        return handler(request, channel, **kwargs)

    return view


member_start = organisation_view(methods=["GET"])(_as_member(_start, create=False))
member_begin = organisation_view(methods=["POST"])(_as_member(_begin))
member_section = organisation_view(methods=["GET"])(_as_member(_section, create=False))
# Saving and submitting keep their own short transactions and answer a busy database with a
# retryable 503; the per-request transaction (lndstrategy.middleware) would take the SQLite
# write lock before the view and fail with a 500 instead.
member_save = non_atomic_requests(organisation_view(methods=["POST"])(_as_member(_save)))
member_review = organisation_view(methods=["GET"])(_as_member(_review, create=False))
member_submit = non_atomic_requests(organisation_view(methods=["POST"])(_as_member(_submit)))


# --- Invited people, by personal link ---------------------------------------------------------


def _link_unusable(request: HttpRequest) -> HttpResponse:
    if request.htmx:
        return _fragment(request, _("This link no longer works."), 404)
    return render(request, "diagnosis/questionnaire/link_unusable.html", status=404)


def _as_link(handler, methods: tuple[str, ...]):
    def view(request: HttpRequest, org_slug: str, token: str, **kwargs) -> HttpResponse:
        try:
            respondent = services.respondent_for_token(token)
        except services.RespondentLinkUnusable:
            return _link_unusable(request)
        if respondent.assessment.organisation.slug != org_slug:
            return _link_unusable(request)
        if request.method not in methods:
            return HttpResponse(status=405, headers={"Allow": ", ".join(methods)})
        channel = Channel(respondent, "questionnaire_link", (org_slug, token))
        return handler(request, channel, **kwargs)

    view.__name__ = f"link_{handler.__name__.strip('_')}"
    return view


link_start = _as_link(_start, ("GET",))
link_section = _as_link(_section, ("GET",))
link_save = non_atomic_requests(_as_link(_save, ("POST",)))
link_review = _as_link(_review, ("GET",))
link_submit = non_atomic_requests(_as_link(_submit, ("POST",)))
