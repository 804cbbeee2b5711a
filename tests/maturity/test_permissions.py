import pytest
from django.contrib.auth.models import AnonymousUser

from maturity.permissions import FRAMEWORK_MANAGER_ROLES, can_manage_frameworks
from organisations.models import Role
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_roles_written_out_in_maturity_are_the_organisations_roles() -> None:
    assert set(FRAMEWORK_MANAGER_ROLES) == {Role.OWNER.value, Role.CONSULTANT.value}


@pytest.mark.parametrize(
    ("role", "allowed"),
    [(Role.OWNER, True), (Role.CONSULTANT, True), (Role.LEADER, False), (Role.VIEWER, False)],
)
def test_owners_and_consultants_of_any_organisation_may_add_frameworks(role, allowed) -> None:
    user = MembershipFactory(role=role).user

    assert can_manage_frameworks(user) is allowed


def test_one_managing_membership_among_others_is_enough() -> None:
    user = MembershipFactory(role=Role.VIEWER).user
    MembershipFactory(user=user, role=Role.CONSULTANT)

    assert can_manage_frameworks(user)


def test_staff_may_add_frameworks_without_any_membership() -> None:
    assert can_manage_frameworks(UserFactory(is_staff=True))
    assert not can_manage_frameworks(UserFactory())


def test_anonymous_and_inactive_users_may_not() -> None:
    inactive = MembershipFactory(role=Role.OWNER, user__is_active=False).user

    assert not can_manage_frameworks(AnonymousUser())
    assert not can_manage_frameworks(inactive)


def test_it_asks_the_database_once(django_assert_num_queries) -> None:
    user = MembershipFactory(role=Role.LEADER).user

    with django_assert_num_queries(1):
        can_manage_frameworks(user)
