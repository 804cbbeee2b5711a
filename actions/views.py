"""The strategy kernel, the vision, and planning and following up actions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lndstrategy.bounds import parse_id
from organisations.access import Action as Permission
from organisations.access import OrganisationAccess, organisation_view

from . import coherence, services
from .dimensions import ActionDimensions
from .forms import ActionFilterForm, ActionForm, ProgressForm, VisionForm
from .ideas import action_idea
from .models import Action, GapCause, Horizon, PerformanceGap, Quadrant, Vision
from .selectors import (
    accountable_people,
    action_dimensions,
    actions_owned,
    idea_sources,
    library_sources,
    load_strategy,
)
from .strategy import kernel


@organisation_view(methods=["GET"])
def actions_index(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    """The strategy kernel: key challenges → guiding policies → actions, as one tree."""
    strategy = load_strategy(access.organisation)
    report = coherence.evaluate(strategy, library_sources(), idea_sources())
    context = {
        "strategy": strategy,
        "kernel": kernel(strategy),
        "report": report,
        "overdue_ids": {a.id for a in strategy.actions if a.is_overdue(strategy.today)},
        "can_edit": access.can(Permission.EDIT_STRATEGY),
    }
    return render(request, "actions/index.html", context)


@organisation_view(Permission.EDIT_STRATEGY)
def vision_edit(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    vision = Vision.objects.filter(organisation=access.organisation).first()
    form = VisionForm(request.POST or None, instance=vision)
    if request.method == "POST" and form.is_valid():
        services.vision_save(form.instance, organisation=access.organisation, author=request.user)
        messages.success(request, _("Vision saved."))
        return redirect("actions_index", org_slug=access.organisation.slug)
    return render(request, "actions/vision_form.html", {"form": form})


@organisation_view(methods=["GET"])
def action_list(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    owners = list(accountable_people(access.organisation, also=Q(owned_actions__isnull=False)))
    filter_form = ActionFilterForm(request.GET or None, owners=owners)
    actions = (
        access.scope(Action.objects.select_related("policy", "owner"))
        .filter(**filter_form.filters())
        .order_by("start_date", "pk")
    )
    context = {
        "filter_form": filter_form,
        "actions": actions,
        "filtered": bool(filter_form.filters()),
        "can_edit": access.can(Permission.EDIT_STRATEGY),
    }
    return render(request, "actions/action_list.html", context)


def _prefill(
    request: HttpRequest, access: OrganisationAccess, dimensions: ActionDimensions
) -> tuple[dict, PerformanceGap | None]:
    """Initial values from the query string: ?policy=, ?dimension= (or ?feature=), ?quadrant=,
    ?horizon=, ?idea= (an action idea) or ?gap= (a performance gap whose cause is a learning
    need). A dimension the framework lacks is ignored."""
    query = request.GET
    initial: dict = {}
    if parse_id(query.get("policy")) is not None:
        initial["policy"] = query["policy"]
    dimension = query.get("dimension") or query.get("feature")
    if dimension in dimensions.codes:
        initial["dimensions"] = [dimension]
    if query.get("quadrant") in Quadrant.values:
        initial["quadrant"] = query["quadrant"]
    if query.get("horizon") in Horizon.values:
        initial["horizon"] = query["horizon"]
    idea = action_idea(query.get("idea"))
    if idea:
        initial |= {
            "title": idea.title,
            "description": idea.description,
            "dimensions": idea.dimensions_in(dimensions.codes),
            "quadrant": idea.quadrant,
            "work_type": idea.work_type,
        }
    gap = None
    gap_id = parse_id(query.get("gap"))  # anything but an id is ignored
    if gap_id is not None:
        gap = access.scope(PerformanceGap.objects.filter(pk=gap_id)).first()
        if gap and gap.cause == GapCause.LEARNING and not gap.action_id:
            initial |= {
                "title": _("Close the gap: %(outcome)s") % {"outcome": gap.outcome},
                "description": gap.cause_notes,
                "metric_name": gap.metric_name,
                "metric_unit": gap.metric_unit,
                "metric_baseline": gap.current_value,
                "metric_target": gap.target_value,
                "horizon": Horizon.NOW,
            }
        else:
            gap = None
    return initial, gap


@organisation_view(Permission.EDIT_STRATEGY)
def action_create(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    organisation = access.organisation
    dimensions = action_dimensions(organisation=organisation)
    initial, gap = _prefill(request, access, dimensions)
    form = ActionForm(
        request.POST or None, organisation=organisation, dimensions=dimensions, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            if gap:
                action = services.action_create_for_gap(form.instance, gap, author=request.user)
            else:
                action = services.action_save(
                    form.instance, organisation=organisation, author=request.user
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Action added."))
            return redirect("action_detail", org_slug=organisation.slug, pk=action.pk)
    context = {
        "form": form,
        "gap": gap,
        "has_policies": form.fields["policy"].queryset.exists(),
    }
    return render(request, "actions/action_form.html", context)


@organisation_view(Permission.EDIT_STRATEGY)
def action_edit(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    action = access.get_object(Action, pk=pk)
    form = ActionForm(
        request.POST or None,
        instance=action,
        organisation=access.organisation,
        dimensions=action_dimensions(organisation=access.organisation),
    )
    if request.method == "POST" and form.is_valid():
        services.action_save(form.instance, organisation=access.organisation, author=request.user)
        messages.success(request, _("Action saved."))
        return redirect("action_detail", org_slug=access.organisation.slug, pk=action.pk)
    return render(
        request, "actions/action_form.html", {"form": form, "action": action, "has_policies": True}
    )


@organisation_view(methods=["GET"])
def my_actions(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    """The actions the caller owns, with their due dates, horizon and status; owners who may
    record progress update the status here (through `action_progress`)."""
    owned = actions_owned(organisation=access.organisation, user=request.user)
    can_update = access.can(Permission.UPDATE_OWN_ACTIONS)
    rows = [
        (
            item,
            ProgressForm(initial={"status": item.action.status}, auto_id=f"id_%s_{item.action.pk}")
            if can_update
            else None,
        )
        for item in owned
    ]
    context = {"rows": rows, "n_overdue": sum(item.overdue for item in owned)}
    return render(request, "actions/my_actions.html", context)


@organisation_view(methods=["GET"])
def action_detail(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    action = access.get_object(
        Action.objects.select_related("policy", "owner", "performance_gap"), pk=pk
    )
    can_update = services.can_update_progress(access, action)
    dimensions = action_dimensions(organisation=access.organisation)
    context = {
        "action": action,
        "dimension_labels": action.dimension_labels(dimensions.names),
        "default_framework": dimensions.default_framework,
        "notes": action.notes.select_related("author")[:100],
        "progress_form": ProgressForm(initial={"status": action.status}) if can_update else None,
        "can_update": can_update,
        "can_edit": access.can(Permission.EDIT_STRATEGY),
        "policy_retired": action.policy.retired_at is not None,
    }
    return render(request, "actions/action_detail.html", context)


@organisation_view(Permission.UPDATE_OWN_ACTIONS)
def action_progress(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    """Record progress. Leaders may do this only for the actions they own (403 otherwise)."""
    action = access.get_object(Action.objects.select_related("policy", "owner"), pk=pk)
    services.require_progress_permission(access, action)
    form = ProgressForm(request.POST or None, initial={"status": action.status})
    if request.method == "POST" and form.is_valid():
        services.progress_add(form.instance, action=action, author=request.user)
        messages.success(request, _("Progress recorded."))
        if request.POST.get("back") == "mine":  # sent from "My actions": back to that list
            return redirect("my_actions", org_slug=access.organisation.slug)
        return redirect("action_detail", org_slug=access.organisation.slug, pk=action.pk)
    context = {"action": action, "form": form, "notes": action.notes.select_related("author")[:20]}
    return render(request, "actions/progress_form.html", context)
