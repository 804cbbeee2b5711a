"""Who may add frameworks. Frameworks are installation-wide, not any organisation's data.

A framework shapes the questionnaires of every organisation that picks it, so only people who run
diagnostics may add one: staff, and anyone who is an owner (L&D leader) or consultant in at least
one organisation. Reading frameworks needs nothing more than a login.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

# Values of `organisations.models.Role` allowed to add frameworks. Written out, not imported, so
# this app depends on nothing of ours; tests/maturity/test_permissions.py pins them to the enum.
FRAMEWORK_MANAGER_ROLES = ("owner", "consultant")
# The reverse accessor of `organisations.models.Membership.user`.
MEMBERSHIPS = "memberships"


def can_manage_frameworks(user: AbstractBaseUser | AnonymousUser) -> bool:
    """May ``user`` upload (import) framework files? One query at most."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff:
        return True
    memberships = getattr(user, MEMBERSHIPS, None)
    if memberships is None:
        return False
    return memberships.filter(role__in=FRAMEWORK_MANAGER_ROLES).exists()
