"""Performance-gap triage, step by step (outcome → drivers → cause → action or recommendation).

Only a learning need becomes a learning action (the action form, prefilled from the gap); any
other cause becomes a recommendation handed to a named owner.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from organisations.access import Action as Permission
from organisations.access import OrganisationAccess, organisation_view

from . import services
from .forms import GapCauseForm, GapDriversForm, GapOutcomeForm, RecommendationForm
from .models import PerformanceGap, Recommendation

STEPS = ("outcome", "drivers", "cause", "result")


def _gaps(access: OrganisationAccess):
    return access.scope(
        PerformanceGap.objects.select_related("action", "recommendation", "recommendation__owner")
    )


def _next(gap: PerformanceGap) -> HttpResponse:
    slug = gap.organisation.slug
    step = gap.next_step
    if step == "drivers":
        return redirect("gap_drivers", org_slug=slug, pk=gap.pk)
    if step == "cause":
        return redirect("gap_cause", org_slug=slug, pk=gap.pk)
    if step == "action":
        return redirect(f"{reverse('action_create', kwargs={'org_slug': slug})}?gap={gap.pk}")
    if step == "recommend":
        return redirect("gap_recommend", org_slug=slug, pk=gap.pk)
    return redirect("gap_detail", org_slug=slug, pk=gap.pk)


def _render_step(request, step: str, form, gap=None) -> HttpResponse:
    context = {"form": form, "gap": gap, "step": step, "steps": STEPS}
    return render(request, "actions/gap_step.html", context)


@organisation_view(methods=["GET"])
def gap_list(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    context = {"gaps": _gaps(access), "can_edit": access.can(Permission.EDIT_STRATEGY)}
    return render(request, "actions/gap_list.html", context)


@organisation_view(methods=["GET"])
def gap_detail(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    gap = access.get_object(_gaps(access), pk=pk)
    context = {"gap": gap, "can_edit": access.can(Permission.EDIT_STRATEGY)}
    return render(request, "actions/gap_detail.html", context)


@organisation_view(Permission.EDIT_STRATEGY)
def gap_create(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    form = GapOutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        gap = services.gap_save(
            form.instance, organisation=access.organisation, author=request.user
        )
        return _next(gap)
    return _render_step(request, "outcome", form)


@organisation_view(Permission.EDIT_STRATEGY)
def gap_outcome(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    gap = access.get_object(PerformanceGap, pk=pk)
    form = GapOutcomeForm(request.POST or None, instance=gap)
    if request.method == "POST" and form.is_valid():
        gap = services.gap_save(
            form.instance, organisation=access.organisation, author=request.user
        )
        return redirect("gap_drivers", org_slug=access.organisation.slug, pk=gap.pk)
    return _render_step(request, "outcome", form, gap)


@organisation_view(Permission.EDIT_STRATEGY)
def gap_drivers(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    gap = access.get_object(PerformanceGap, pk=pk)
    form = GapDriversForm(request.POST or None, instance=gap)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("gap_cause", org_slug=access.organisation.slug, pk=gap.pk)
    return _render_step(request, "drivers", form, gap)


@organisation_view(Permission.EDIT_STRATEGY)
def gap_cause(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    gap = access.get_object(PerformanceGap, pk=pk)
    if not gap.drivers:
        return redirect("gap_drivers", org_slug=access.organisation.slug, pk=gap.pk)
    form = GapCauseForm(request.POST or None, instance=gap)
    if request.method == "POST" and form.is_valid():
        gap = services.gap_set_cause(form.instance)
        if gap.is_learning_need:
            messages.info(request, _("A learning need: plan the learning action that closes it."))
        else:
            messages.info(request, _("Not a learning need: hand a recommendation to its owner."))
        return _next(PerformanceGap.objects.get(pk=gap.pk))
    return _render_step(request, "cause", form, gap)


@organisation_view(Permission.EDIT_STRATEGY)
def gap_recommend(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    gap = access.get_object(PerformanceGap, pk=pk)
    if not gap.cause or gap.is_learning_need:
        return _next(gap)
    recommendation = Recommendation.objects.filter(gap=gap).first()
    form = RecommendationForm(
        request.POST or None, instance=recommendation, organisation=access.organisation
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.gap_recommend(form.instance, gap=gap, author=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Recommendation handed over."))
            return redirect("gap_detail", org_slug=access.organisation.slug, pk=gap.pk)
    return _render_step(request, "result", form, gap)
