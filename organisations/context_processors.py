from functools import cache

from .access import Action
from .models import Membership, Role


def current_organisation(request):
    """Expose the organisation the access helper resolved, for navigation."""
    access = getattr(request, "organisation_access", None)
    if access is None:
        return {}
    return {
        "organisation": access.organisation,
        "access": access,
        "can_manage_members": access.can(Action.MANAGE_MEMBERS),
        "can_manage_organisation": access.can(Action.MANAGE_ORGANISATION),
    }


def navigation(request):
    """``is_consultant``: whether the caller advises any organisation, so the top navigation
    offers "Portfolio" and "Client overview" only to consultants. Asked (one query) only when
    a template reads it, and not at all on a consultant's organisation pages."""
    user = getattr(request, "user", None)
    access = getattr(request, "organisation_access", None)

    @cache
    def is_consultant() -> bool:
        if user is None or not user.is_authenticated:
            return False
        if access is not None and access.role == Role.CONSULTANT:
            return True
        return Membership.objects.filter(user=user, role=Role.CONSULTANT).exists()

    return {"is_consultant": is_consultant}
