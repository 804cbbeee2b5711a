"""The owner's diagnosis workspace: results, perspectives, knowledge gaps and key challenges.

Every member may look; owners and consultants (EDIT_STRATEGY) change knowledge gaps and key
challenges. Edits work with plain form posts and, where htmx is present, in place: a knowledge
gap's row turns into its form, and every key-challenge action re-renders the challenge
workspace (list, suggestions and form) in one response.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lndstrategy.bounds import parse_id
from organisations.access import Action, OrganisationAccess, organisation_view

from . import anonymity
from . import challenges as challenge_rules
from .models import Assessment, KeyChallenge, KnowledgeGap, Priority
from .perspectives import perspectives
from .result_types import AssessmentResults
from .result_values import GROUP_ORDER
from .results import assessment_results
from .selectors import assessment_for_workspace
from .workspace_forms import KeyChallengeForm, KnowledgeGapForm, dimension_choices

TEMPLATES = "diagnosis/workspace/"


def _assessment(access: OrganisationAccess, pk) -> Assessment:
    pk = parse_id(pk)
    if pk is None:
        raise Http404
    return access.get_object(Assessment.objects.select_related("framework_version"), pk=pk)


def _group_table(results: AssessmentResults) -> dict:
    """Dimensions × respondent groups, for one table (None where a group gave no score)."""
    dimensions = [d for d in results.dimensions + results.obstacles if d.groups]
    labels = {g.group: g.label for d in dimensions for g in d.groups}
    columns = [group for group in GROUP_ORDER if group in labels]
    rows = [
        (d, [next((g for g in d.groups if g.group == group), None) for group in columns])
        for d in dimensions
    ]
    return {"labels": [labels[group] for group in columns], "rows": rows}


@organisation_view(methods=["GET"])
def workspace_results(request: HttpRequest, access: OrganisationAccess, assessment_pk: int):
    assessment = _assessment(access, assessment_pk)
    results = assessment_results(assessment)
    context = {
        "assessment": assessment,
        "results": results,
        "group_table": _group_table(results),
        "withheld_message": anonymity.needed_message(results.needed) if results.withheld else "",
    }
    return render(request, TEMPLATES + "results.html", context)


@organisation_view(methods=["GET"])
def workspace_perspectives(request: HttpRequest, access: OrganisationAccess, assessment_pk: int):
    assessment = _assessment(access, assessment_pk)
    context = {
        "assessment": assessment,
        "questions": perspectives(assessment),
        "disclosure": anonymity.round_disclosure(assessment),
    }
    return render(request, TEMPLATES + "perspectives.html", context)


# --- Knowledge gaps --------------------------------------------------------------------------


def _gaps_page(request, access, *, form=None, status=200) -> HttpResponse:
    if form is None and access.can(Action.EDIT_STRATEGY):
        form = KnowledgeGapForm()
    context = {
        "gaps": access.scope(KnowledgeGap.objects.all()),
        "form": form,
        "can_edit": access.can(Action.EDIT_STRATEGY),
        "assessment": assessment_for_workspace(organisation=access.organisation),
    }
    return render(request, TEMPLATES + "gaps.html", context, status=status)


@organisation_view(methods=["GET"])
def workspace_gaps(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    return _gaps_page(request, access)


@organisation_view(Action.EDIT_STRATEGY, methods=["POST"])
def workspace_gap_create(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    form = KnowledgeGapForm(request.POST)
    if form.is_valid():
        gap = form.save(commit=False)
        gap.organisation = access.organisation
        gap.save()
        if request.htmx:
            context = {"form": KnowledgeGapForm(), "gaps": access.scope(KnowledgeGap.objects.all())}
            return render(request, TEMPLATES + "_gap_created.html", context)
        messages.success(request, _("Knowledge gap added."))
        return redirect("workspace_gaps", org_slug=access.organisation.slug)
    if request.htmx:
        return render(request, TEMPLATES + "_gap_create_form.html", {"form": form})
    return _gaps_page(request, access, form=form)


@organisation_view(Action.EDIT_STRATEGY, methods=["GET", "POST"])
def workspace_gap_edit(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    gap = access.get_object(KnowledgeGap, pk=pk)
    form = KnowledgeGapForm(request.POST or None, instance=gap, prefix=f"gap-{gap.pk}")
    if request.method == "POST" and form.is_valid():
        gap = form.save()
        if request.htmx:
            return render(request, TEMPLATES + "_gap_row.html", {"gap": gap, "can_edit": True})
        messages.success(request, _("Knowledge gap saved."))
        return redirect("workspace_gaps", org_slug=access.organisation.slug)
    template = "_gap_edit_row.html" if request.htmx else "gap_edit.html"
    return render(request, TEMPLATES + template, {"gap": gap, "form": form})


@organisation_view(Action.EDIT_STRATEGY, methods=["POST"])
def workspace_gap_delete(request: HttpRequest, access: OrganisationAccess, pk: int):
    access.get_object(KnowledgeGap, pk=pk).delete()
    if request.htmx:
        return HttpResponse("")
    messages.success(request, _("Knowledge gap deleted."))
    return redirect("workspace_gaps", org_slug=access.organisation.slug)


# --- Key challenges --------------------------------------------------------------------------


def _page_assessment(access: OrganisationAccess, request: HttpRequest) -> Assessment | None:
    raw = request.POST.get("assessment") or request.GET.get("assessment")
    if raw:
        return _assessment(access, raw)
    return assessment_for_workspace(organisation=access.organisation)


def _challenge_rows(challenges: list[KeyChallenge], names: dict[str, str]) -> list[dict]:
    groups = []
    for priority in Priority:
        members = [c for c in challenges if c.priority == priority]
        rows = [
            {
                "challenge": challenge,
                "dimensions": [names.get(code, code) for code in challenge.dimension_codes],
                "first": index == 0,
                "last": index == len(members) - 1,
            }
            for index, challenge in enumerate(members)
        ]
        groups.append({"priority": priority, "label": priority.label, "rows": rows})
    return groups


def _suggestion(access, assessment, key: str) -> challenge_rules.Suggestion | None:
    covered = challenge_rules.covered_dimensions(access.scope(KeyChallenge.objects.all()))
    found = challenge_rules.suggest_challenges(assessment_results(assessment), covered=covered)
    return next((suggestion for suggestion in found if suggestion.key == key), None)


def _challenge_workspace(
    request, access, assessment, *, form=None, edit_form=None, editing=None
) -> HttpResponse:
    """The challenge page, or (for htmx) its workspace part: list, suggestions and form."""
    challenges = list(access.scope(KeyChallenge.objects.all()))
    choices = dimension_choices(assessment.framework_version) if assessment else []
    names = {code: name for _section, options in choices for code, name in options}
    can_edit = access.can(Action.EDIT_STRATEGY)
    if form is None and assessment is not None and can_edit:
        form = KeyChallengeForm(choices=choices)
    results = assessment_results(assessment) if assessment is not None and can_edit else None
    suggestions = []
    if results is not None:
        covered = challenge_rules.covered_dimensions(challenges)
        suggestions = challenge_rules.suggest_challenges(results, covered=covered)
    context = {
        "assessment": assessment,
        "groups": _challenge_rows(challenges, names),
        "count": len(challenges),
        "suggestions": suggestions,
        "results_missing": results is not None and not results.has_scores,
        "withheld_message": (
            anonymity.needed_message(results.needed) if results and results.withheld else ""
        ),
        "can_edit": can_edit,
        "form": form,
        "edit_form": edit_form,
        "editing": editing,
        "assessments": access.scope(Assessment.objects.all()).only("pk", "title", "period"),
    }
    template = "_challenge_workspace.html" if request.htmx else "challenges.html"
    return render(request, TEMPLATES + template, context)


def _to_challenges(request, access, assessment, message: str) -> HttpResponse:
    if request.htmx:
        return _challenge_workspace(request, access, assessment)
    messages.success(request, message)
    response = redirect("workspace_challenges", org_slug=access.organisation.slug)
    if assessment is not None:
        response["Location"] += f"?assessment={assessment.pk}"
    return response


@organisation_view(methods=["GET"])
def workspace_challenges(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    return _challenge_workspace(request, access, _page_assessment(access, request))


@organisation_view(Action.EDIT_STRATEGY, methods=["GET", "POST"])
def workspace_challenge_create(request: HttpRequest, access: OrganisationAccess):
    assessment = _page_assessment(access, request)
    if assessment is None:
        messages.info(request, _("Start an assessment first: key challenges come from it."))
        return redirect("workspace_challenges", org_slug=access.organisation.slug)
    key = request.GET.get("suggestion") if request.method == "GET" else None
    suggestion = _suggestion(access, assessment, key) if key else None
    initial = {}
    if suggestion is not None:
        initial = {
            "title": suggestion.title,
            "description": suggestion.description,
            "priority": suggestion.priority,
            "dimension_codes": list(suggestion.dimension_codes),
        }
    choices = dimension_choices(assessment.framework_version)
    form = KeyChallengeForm(request.POST or None, initial=initial, choices=choices)
    if suggestion is not None:
        form.fields["title"].widget.attrs["autofocus"] = True
    if request.method == "POST" and form.is_valid():
        challenge = form.save(commit=False)
        challenge.organisation = access.organisation
        challenge.assessment = assessment
        challenge_rules.challenge_save(challenge)
        return _to_challenges(request, access, assessment, _("Key challenge added."))
    return _challenge_workspace(request, access, assessment, form=form)


@organisation_view(Action.EDIT_STRATEGY, methods=["GET", "POST"])
def workspace_challenge_edit(request: HttpRequest, access: OrganisationAccess, pk: int):
    queryset = KeyChallenge.objects.select_related("assessment__framework_version")
    challenge = access.get_object(queryset, pk=pk)
    page_assessment = _page_assessment(access, request)
    source = challenge.assessment or page_assessment
    if source is None:
        messages.info(request, _("Start an assessment first: key challenges come from it."))
        return redirect("workspace_challenges", org_slug=access.organisation.slug)
    priority_before = challenge.priority
    form = KeyChallengeForm(
        request.POST or None,
        instance=challenge,
        choices=dimension_choices(source.framework_version),
        prefix="edit",
    )
    form.fields["title"].widget.attrs["autofocus"] = True
    if request.method == "POST" and form.is_valid():
        challenge_rules.challenge_save(form.save(commit=False), priority_before=priority_before)
        return _to_challenges(request, access, page_assessment, _("Key challenge saved."))
    return _challenge_workspace(
        request, access, page_assessment, edit_form=form, editing=challenge.pk
    )


@organisation_view(Action.EDIT_STRATEGY, methods=["POST"])
def workspace_challenge_delete(request: HttpRequest, access: OrganisationAccess, pk: int):
    challenge = access.get_object(KeyChallenge, pk=pk)
    assessment = _page_assessment(access, request)  # a bad one is a 404 before any change
    challenge.delete()
    return _to_challenges(request, access, assessment, _("Key challenge deleted."))


@organisation_view(Action.EDIT_STRATEGY, methods=["POST"])
def workspace_challenge_move(request: HttpRequest, access: OrganisationAccess, pk: int):
    challenge = access.get_object(KeyChallenge, pk=pk)
    steps = {"up": -1, "down": 1}
    if request.POST.get("direction") not in steps:
        return HttpResponseBadRequest(_("Move a challenge up or down."))
    assessment = _page_assessment(access, request)
    challenge_rules.challenge_move(challenge, steps[request.POST["direction"]])
    return _to_challenges(request, access, assessment, _("Key challenge moved."))
