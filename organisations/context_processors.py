from .access import Action


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
