from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from diagnosis.models import KeyChallenge
from lndstrategy.bounds import parse_id
from organisations.access import Action, OrganisationAccess, organisation_view

from . import services
from .forms import PolicyForm
from .library import LIBRARY, library_entry
from .models import Policy, PolicyRevision
from .selectors import policies_by_library_entry, policy_adopted_from


def _policies(access: OrganisationAccess):
    return access.scope(Policy.objects.select_related("agreed_by")).prefetch_related(
        Prefetch("challenges", queryset=KeyChallenge.objects.order_by("priority", "position"))
    )


@organisation_view(methods=["GET"])
def policy_index(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    policies = list(_policies(access))
    challenges = access.scope(KeyChallenge.objects.all()).annotate(
        n_policies=Count("policies", filter=Q(policies__retired_at__isnull=True))
    )
    context = {
        "active": [policy for policy in policies if not policy.is_retired],
        "retired": [policy for policy in policies if policy.is_retired],
        "challenges": challenges,
        "uncovered": [challenge for challenge in challenges if not challenge.n_policies],
        "can_edit": access.can(Action.EDIT_STRATEGY),
    }
    return render(request, "policy/index.html", context)


@organisation_view(methods=["GET"])
def policy_library(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    adopted = policies_by_library_entry(organisation=access.organisation)
    entries = [{"entry": entry, "policy": adopted.get(entry.code)} for entry in LIBRARY]
    context = {"entries": entries, "can_edit": access.can(Action.EDIT_STRATEGY)}
    return render(request, "policy/library.html", context)


def _initial_from_query(request: HttpRequest, access: OrganisationAccess) -> dict:
    initial: dict = {}
    entry = library_entry(request.GET.get("from"))
    if entry:
        initial |= {
            "statement": entry.statement,
            "rationale": entry.rationale,
            "source_code": entry.code,
        }
    challenge_id = parse_id(request.GET.get("challenge"))  # anything else is ignored
    if challenge_id is not None:
        initial["challenges"] = list(
            access.scope(KeyChallenge.objects.filter(pk=challenge_id)).values_list("pk", flat=True)
        )
    return initial


def _open_adopted(request: HttpRequest, access: OrganisationAccess, policy: Policy):
    """Adopting an entry already adopted opens the policy the organisation has."""
    if policy.is_retired:
        messages.info(
            request,
            _("This library policy was adopted before and retired. Bring it back to use it again."),
        )
    else:
        messages.info(request, _("This library policy is already adopted: here it is."))
    return redirect("policy_detail", org_slug=access.organisation.slug, pk=policy.pk)


@organisation_view(Action.EDIT_STRATEGY)
def policy_create(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    organisation = access.organisation
    if request.method == "GET":
        entry = library_entry(request.GET.get("from"))  # only a library code is looked up
        code = entry.code if entry else ""
        adopted = policy_adopted_from(organisation=organisation, source_code=code)
        if adopted is not None:
            return _open_adopted(request, access, adopted)
    form = PolicyForm(
        request.POST or None,
        organisation=organisation,
        initial=_initial_from_query(request, access),
    )
    if request.method == "POST" and form.is_valid():
        try:
            policy = services.policy_create(
                organisation=organisation,
                author=request.user,
                statement=form.cleaned_data["statement"],
                rationale=form.cleaned_data["rationale"],
                challenges=form.cleaned_data["challenges"],
                source_code=form.cleaned_data["source_code"],
            )
        except services.PolicyAlreadyAdopted as adopted:
            return _open_adopted(request, access, adopted.policy)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Policy saved as a draft. Agree it with the team."))
            return redirect("policy_detail", org_slug=organisation.slug, pk=policy.pk)
    entry = library_entry(form["source_code"].value())
    context = {
        "form": form,
        "entry": entry,
        "has_challenges": form.fields["challenges"].queryset.exists(),
        "adapting": request.GET.get("adapt") == "1",
    }
    return render(request, "policy/policy_form.html", context)


@organisation_view(methods=["GET"])
def policy_detail(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    policy = access.get_object(_policies(access), pk=pk)
    context = {
        "policy": policy,
        "entry": library_entry(policy.source_code),
        "revisions": PolicyRevision.objects.filter(policy=policy).select_related("author")[:50],
        "can_edit": access.can(Action.EDIT_STRATEGY),
    }
    return render(request, "policy/detail.html", context)


@organisation_view(Action.EDIT_STRATEGY)
def policy_edit(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    policy = access.get_object(Policy, pk=pk)
    form = PolicyForm(request.POST or None, instance=policy, organisation=access.organisation)
    if request.method == "POST" and form.is_valid():
        was_agreed = policy.is_agreed
        services.policy_update(
            Policy.objects.get(pk=policy.pk),
            author=request.user,
            statement=form.cleaned_data["statement"],
            rationale=form.cleaned_data["rationale"],
            challenges=form.cleaned_data["challenges"],
        )
        policy.refresh_from_db()
        if was_agreed and not policy.is_agreed:
            messages.warning(request, _("The wording changed, so the policy is a draft again."))
        else:
            messages.success(request, _("Policy saved."))
        return redirect("policy_detail", org_slug=access.organisation.slug, pk=policy.pk)
    context = {"form": form, "policy": policy, "entry": library_entry(policy.source_code)}
    return render(request, "policy/policy_form.html", context)


@organisation_view(Action.EDIT_STRATEGY, methods=["POST"])
def policy_agree(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    policy = access.get_object(Policy, pk=pk)
    try:
        services.policy_agree(policy, author=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Policy marked as agreed."))
    return redirect("policy_detail", org_slug=access.organisation.slug, pk=policy.pk)


@organisation_view(Action.EDIT_STRATEGY, methods=["POST"])
def policy_retire(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    policy = access.get_object(Policy, pk=pk)
    services.policy_retire(policy, author=request.user)
    messages.success(request, _("Policy retired. Its history is kept."))
    return redirect("policy_index", org_slug=access.organisation.slug)


@organisation_view(Action.EDIT_STRATEGY, methods=["POST"])
def policy_restore(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    policy = access.get_object(Policy, pk=pk)
    services.policy_restore(policy, author=request.user)
    messages.success(request, _("Policy brought back."))
    return redirect("policy_index", org_slug=access.organisation.slug)


@organisation_view(Action.EDIT_STRATEGY, methods=["POST"])
def policy_move(
    request: HttpRequest, access: OrganisationAccess, pk: int, direction: str
) -> HttpResponse:
    if direction not in ("up", "down"):
        raise Http404
    policy = access.get_object(Policy, pk=pk)
    services.policy_move(policy, direction=direction, author=request.user)
    return redirect("policy_index", org_slug=access.organisation.slug)
