"""The owner's side of assessments: the list, create/edit, open/close, respondents, reminders.

The questionnaire itself is in `views_questionnaire.py`.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_htmx.http import HttpResponseClientRedirect

from maturity.models import translated
from maturity.services import shipped_default_framework
from organisations.access import Action, OrganisationAccess, organisation_view

from . import anonymity, links, selectors, services
from .forms import AssessmentForm, InviteForm, PersonRespondentForm
from .models import Assessment, Respondent, RespondentGroup
from .reminders import MAX_REMINDERS, reminders_enqueue

# Link states an owner of an anonymous round sees instead of a respondent's progress.
LINK_LABELS = {
    "member": gettext_lazy("Member: answers when logged in"),
    "invited": gettext_lazy("Link sent"),
}
# The respondents whose links were just made (added to an open round, or the round just opened
# for the first time): the round's page shows their links (once, in an anonymous round).
JUST_ADDED_SESSION_KEY = "diagnosis.just-added-respondents"


@organisation_view(methods=["GET"])
def diagnosis_index(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    assessments = list(
        services.assessments_with_rates(
            access.scope(Assessment.objects.select_related("framework_version"))
        )
    )
    mine = {
        respondent.assessment_id: respondent
        for respondent in access.scope(Respondent.objects.filter(person__user=request.user))
    }
    rows = [(assessment, mine.get(assessment.pk)) for assessment in assessments]
    context = {"rows": rows, "can_edit": access.can(Action.EDIT_STRATEGY)}
    return render(request, "diagnosis/index.html", context)


def _one_message(error: ValidationError) -> str:
    return " ".join(error.messages)


def _to_detail(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    """Back to the round's page; after a confirmed htmx request, as a full page load."""
    url = reverse("assessment_detail", args=[access.organisation.slug, pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@organisation_view(Action.EDIT_STRATEGY)
def assessment_create(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    default = services.default_framework_stored()
    initial = {
        "framework_version": default,
        "groups": [RespondentGroup.LD, RespondentGroup.LEADERSHIP],
        "period": str(timezone.localdate().year),
        "anonymous": True,
    }
    form = AssessmentForm(request.POST or None, initial=initial, organisation=access.organisation)
    if default is None:
        # The built-in framework is imported when the first round is created (a POST), not
        # when the form is shown: the empty choice stands for it until then.
        shipped = shipped_default_framework()
        field = form.fields["framework_version"]
        field.required = False
        field.empty_label = f"{translated(shipped.title)} (v{shipped.version})"
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        if fields["framework_version"] is None:
            del fields["framework_version"]  # the built-in one, imported now
        assessment = services.assessment_create(
            organisation=access.organisation, created_by=request.user, **fields
        )
        messages.success(
            request,
            _("Assessment created as a draft. Add the people you want to ask, then open it."),
        )
        return redirect("assessment_detail", access.organisation.slug, assessment.pk)
    return render(request, "diagnosis/assessment_form.html", {"form": form, "creating": True})


@organisation_view(Action.EDIT_STRATEGY)
def assessment_edit(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    assessment = access.get_object(Assessment, pk=pk)
    locked = services.assessment_has_answers(assessment)
    form = AssessmentForm(request.POST or None, instance=assessment, framework_locked=locked)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_update(form.save(commit=False), form.changed_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Assessment saved."))
            return redirect("assessment_detail", access.organisation.slug, assessment.pk)
    context = {"form": form, "assessment": assessment}
    return render(request, "diagnosis/assessment_form.html", context)


def _detail(request, access, assessment, *, invite_form=None, person_form=None, status=200):
    overall, groups = services.response_rates(assessment)
    now = timezone.now()
    # People asked; responses imported from a file are counted, not listed (no name, no link).
    people = (
        assessment.respondents.filter(person__isnull=False)
        .select_related("person")
        .order_by("group", "person__name", "person__email")
    )
    imported = assessment.respondents.filter(person__isnull=True).count()
    labels = services.STATUS_LABELS
    people = list(people)
    assessment.organisation = access.organisation
    for respondent in people:
        respondent.assessment = assessment  # the links need it: no query per row
    if assessment.anonymous:
        # Who was asked, never who has answered: link states only, counts pooled for small groups.
        k = anonymity.threshold(assessment)
        groups = anonymity.pooled_rates(groups, k, _("Smaller groups together"))
        statuses = [(respondent, anonymity.link_status(respondent, now)) for respondent in people]
        labels = labels | LINK_LABELS
    else:
        statuses = [
            (respondent, services.respondent_status(respondent, now)) for respondent in people
        ]
    # Shown once: the page after adding someone (a GET) takes the note out of the session.
    just_added = set(request.session.pop(JUST_ADDED_SESSION_KEY, []))
    rows = [
        (respondent, status, labels[status], links.copyable_link(respondent))
        for respondent, status in statuses
    ]
    new_links = [
        (respondent, link)
        for respondent in people
        if respondent.pk in just_added
        and respondent.person.user_id is None
        and (link := links.copyable_link(respondent, just_added=True))
    ]
    context = {
        "assessment": assessment,
        "overall": overall,
        "groups": groups,
        "respondents": rows,
        "new_links": new_links,
        "imported": imported,
        "invite_form": invite_form or InviteForm(assessment=assessment),
        "person_form": person_form or PersonRespondentForm(assessment=assessment),
        "max_reminders": MAX_REMINDERS,
    }
    return render(request, "diagnosis/assessment_detail.html", context, status=status)


@organisation_view(Action.EDIT_STRATEGY, methods=["GET"])
def assessment_detail(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    assessment = access.get_object(Assessment.objects.select_related("framework_version"), pk=pk)
    return _detail(request, access, assessment)


@organisation_view(Action.EDIT_STRATEGY, methods=["POST"])
def assessment_status(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    assessment = access.get_object(Assessment, pk=pk)
    change = request.POST.get("change")
    if change not in ("open", "close"):
        return HttpResponseBadRequest(_("Unknown status change."))
    try:
        if change == "open":
            reopening = assessment.opened_at is not None
            services.assessment_open(assessment)
            if not reopening:  # the links of everyone asked while it was a draft exist now
                request.session[JUST_ADDED_SESSION_KEY] = selectors.respondents_with_links(
                    assessment
                )
            messages.success(
                request,
                _("Assessment reopened.")
                if reopening
                else _("Assessment open. Invitations are on their way."),
            )
        else:
            services.assessment_close(assessment)
            messages.success(request, _("Assessment closed. Answers are now read-only."))
    except ValidationError as error:
        messages.error(request, _one_message(error))
    return _to_detail(request, access, assessment.pk)


@organisation_view(Action.EDIT_STRATEGY, methods=["POST"])
def respondent_invite(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    assessment = access.get_object(Assessment.objects.select_related("framework_version"), pk=pk)
    form = InviteForm(request.POST, assessment=assessment)
    if form.is_valid():
        try:
            respondent = services.respondent_invite(assessment=assessment, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if assessment.is_open:
                note = _("Invitation sent to %(email)s.")
            else:
                note = _("%(email)s will be invited when the assessment opens.")
            messages.success(request, note % {"email": respondent.person.email})
            request.session[JUST_ADDED_SESSION_KEY] = [respondent.pk]
            return redirect("assessment_detail", access.organisation.slug, assessment.pk)
    return _detail(request, access, assessment, invite_form=form)


@organisation_view(Action.EDIT_STRATEGY, methods=["POST"])
def respondent_add_person(
    request: HttpRequest, access: OrganisationAccess, pk: int
) -> HttpResponse:
    assessment = access.get_object(Assessment.objects.select_related("framework_version"), pk=pk)
    form = PersonRespondentForm(request.POST, assessment=assessment)
    if form.is_valid():
        try:
            respondent = services.respondent_add_person(
                assessment=assessment,
                person=form.cleaned_data["person"],
                group=form.cleaned_data["group"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s is asked to answer.") % {"name": respondent})
            request.session[JUST_ADDED_SESSION_KEY] = [respondent.pk]
            return redirect("assessment_detail", access.organisation.slug, assessment.pk)
    return _detail(request, access, assessment, person_form=form)


def _respondent(access: OrganisationAccess, pk: int, respondent_pk: int) -> Respondent:
    return access.get_object(
        Respondent.objects.select_related("assessment", "person"),
        pk=respondent_pk,
        assessment_id=pk,
    )


@organisation_view(Action.EDIT_STRATEGY, methods=["POST"])
def respondent_revoke(
    request: HttpRequest, access: OrganisationAccess, pk: int, respondent_pk: int
) -> HttpResponse:
    respondent = _respondent(access, pk, respondent_pk)
    try:
        services.respondent_revoke(respondent)
    except ValidationError as error:
        messages.error(request, _one_message(error))
    else:
        messages.success(request, _("The link of %(name)s no longer works.") % {"name": respondent})
    return _to_detail(request, access, pk)


@organisation_view(Action.EDIT_STRATEGY, methods=["POST"])
def respondent_resend(
    request: HttpRequest, access: OrganisationAccess, pk: int, respondent_pk: int
) -> HttpResponse:
    respondent = _respondent(access, pk, respondent_pk)
    try:
        services.respondent_resend(respondent)
    except ValidationError as error:
        messages.error(request, _one_message(error))
    else:
        if respondent.assessment.anonymous:  # the same words whether or not they submitted
            note = _("Unless %(name)s has submitted already, their link is on its way.")
        else:
            note = _("The link is on its way to %(name)s.")
        messages.success(request, note % {"name": respondent})
    return redirect("assessment_detail", access.organisation.slug, pk)


@organisation_view(Action.EDIT_STRATEGY, methods=["POST"])
def assessment_remind(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    assessment = access.get_object(Assessment, pk=pk)
    count = reminders_enqueue(assessment_id=assessment.pk)
    if count:
        messages.success(
            request,
            ngettext(
                "A reminder is on its way to %(count)s person.",
                "Reminders are on their way to %(count)s people.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(
            request,
            _(
                "Nobody is due a reminder: people are reminded at most every three days and "
                "three times in all."
            ),
        )
    return redirect("assessment_detail", access.organisation.slug, assessment.pk)
