"""Two short lists: where people learn from, through and at work, and the core processes
where standardisation is still the goal. The same simple list/add/edit/delete for both."""

from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Model
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisations.access import Action as Permission
from organisations.access import OrganisationAccess, organisation_view

from .forms import LearningOpportunityForm, StandardProcessForm
from .models import LearningOpportunity, StandardProcess


@dataclass(frozen=True)
class ListKind:
    model: type[Model]
    form: type[ModelForm]
    prefix: str  # URL names: <prefix>_list, <prefix>_create, <prefix>_edit, <prefix>_delete
    title: Promise
    intro: Promise
    add_label: Promise


OPPORTUNITIES = ListKind(
    LearningOpportunity,
    LearningOpportunityForm,
    "opportunity",
    gettext_lazy("Where people learn"),
    gettext_lazy(
        "Opportunities for people and teams to learn from, through and at work, and how we "
        "enable and speed them up."
    ),
    gettext_lazy("Add an opportunity"),
)
PROCESSES = ListKind(
    StandardProcess,
    StandardProcessForm,
    "process",
    gettext_lazy("Standard processes"),
    gettext_lazy(
        "Core processes where consistency is still the goal. We simplify, optimise or automate "
        "L&D support for them, to free up time for new value."
    ),
    gettext_lazy("Add a process"),
)


def _list(request, access: OrganisationAccess, kind: ListKind) -> HttpResponse:
    context = {
        "kind": kind,
        "items": access.scope(kind.model.objects.all()),
        "form": kind.form() if access.can(Permission.EDIT_STRATEGY) else None,
    }
    return render(request, "actions/simple_list.html", context)


def _edit(request, access: OrganisationAccess, kind: ListKind, pk: int | None) -> HttpResponse:
    instance = access.get_object(kind.model, pk=pk) if pk is not None else None
    form = kind.form(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.instance.organisation = access.organisation
        form.save()
        messages.success(request, _("Saved."))
        return redirect(f"{kind.prefix}_list", org_slug=access.organisation.slug)
    context = {"kind": kind, "form": form, "instance": instance}
    return render(request, "actions/simple_form.html", context)


def _delete(request, access: OrganisationAccess, kind: ListKind, pk: int) -> HttpResponse:
    access.get_object(kind.model, pk=pk).delete()
    messages.success(request, _("Removed."))
    return redirect(f"{kind.prefix}_list", org_slug=access.organisation.slug)


@organisation_view(methods=["GET"])
def opportunity_list(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    return _list(request, access, OPPORTUNITIES)


@organisation_view(Permission.EDIT_STRATEGY)
def opportunity_create(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    return _edit(request, access, OPPORTUNITIES, None)


@organisation_view(Permission.EDIT_STRATEGY)
def opportunity_edit(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    return _edit(request, access, OPPORTUNITIES, pk)


@organisation_view(Permission.EDIT_STRATEGY, methods=["POST"])
def opportunity_delete(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    return _delete(request, access, OPPORTUNITIES, pk)


@organisation_view(methods=["GET"])
def process_list(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    return _list(request, access, PROCESSES)


@organisation_view(Permission.EDIT_STRATEGY)
def process_create(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    return _edit(request, access, PROCESSES, None)


@organisation_view(Permission.EDIT_STRATEGY)
def process_edit(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    return _edit(request, access, PROCESSES, pk)


@organisation_view(Permission.EDIT_STRATEGY, methods=["POST"])
def process_delete(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    return _delete(request, access, PROCESSES, pk)
