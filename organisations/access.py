"""The one place access to an organisation's data is decided.

Every view that touches an organisation resolves it with `organisation_view`
(or `resolve_organisation_access` directly). Someone who is not a member gets
a 404, exactly as if the organisation did not exist, so slugs and ids of other
organisations leak nothing. A member whose role may not perform the action
gets a 403.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404

from .models import Membership, Organisation, Role


class Action(StrEnum):
    """What a caller wants to do; the permission matrix maps roles to these."""

    VIEW = "view"
    MANAGE_ORGANISATION = "manage_organisation"
    MANAGE_MEMBERS = "manage_members"
    EDIT_STRATEGY = "edit_strategy"
    UPDATE_OWN_ACTIONS = "update_own_actions"


PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.VIEW: frozenset(Role),
    Action.MANAGE_ORGANISATION: frozenset({Role.OWNER, Role.CONSULTANT}),
    Action.MANAGE_MEMBERS: frozenset({Role.OWNER, Role.CONSULTANT}),
    Action.EDIT_STRATEGY: frozenset({Role.OWNER, Role.CONSULTANT}),
    Action.UPDATE_OWN_ACTIONS: frozenset({Role.OWNER, Role.CONSULTANT, Role.LEADER}),
}


@dataclass(frozen=True)
class OrganisationAccess:
    organisation: Organisation
    membership: Membership

    @property
    def role(self) -> Role:
        return Role(self.membership.role)

    def can(self, action: Action) -> bool:
        return self.role in PERMISSIONS[action]

    def require(self, action: Action) -> None:
        if not self.can(action):
            raise PermissionDenied

    def get_object(self, queryset: QuerySet | type[Model], **lookup: Any) -> Model:
        """Fetch one object of this organisation, or 404 — never another's."""
        if not isinstance(queryset, QuerySet):
            queryset = queryset._default_manager.all()
        return get_object_or_404(queryset.filter(organisation=self.organisation), **lookup)

    def scope(self, queryset: QuerySet) -> QuerySet:
        return queryset.filter(organisation=self.organisation)


def resolve_organisation_access(
    request: HttpRequest, org_slug: str, action: Action = Action.VIEW
) -> OrganisationAccess:
    if not request.user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("organisation")
        .filter(user=request.user, organisation__slug=org_slug)
        .first()
    )
    if membership is None:
        raise Http404
    access = OrganisationAccess(organisation=membership.organisation, membership=membership)
    access.require(action)
    return access


def organisation_view(
    action: Action = Action.VIEW, *, methods: Iterable[str] = ("GET", "POST")
) -> Callable:
    """Decorate a view taking `org_slug`; it receives `access` instead.

    Method checks come after the access check so that a non-member learns
    nothing, not even which methods a URL accepts.
    """
    allowed_methods = {method.upper() for method in methods}

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, org_slug: str, *args: Any, **kwargs: Any):
            access = resolve_organisation_access(request, org_slug, action)
            if request.method not in allowed_methods:
                return HttpResponseNotAllowed(sorted(allowed_methods))
            request.organisation_access = access
            return view(request, access, *args, **kwargs)

        return wrapped

    return decorator


def accessible_memberships(user) -> QuerySet[Membership]:
    """The caller's organisations, for the portfolio."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("organisation")
