"""Every URL pattern × every kind of caller, with the status each must get.

A new URL that nobody classified here fails `test_every_url_pattern_is_classified`,
so tenancy and permissions are decided for each page when it is added.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from organisations.models import Invitation, Role
from tests.factories import InvitationFactory, MembershipFactory, OrganisationFactory

CALLERS = ("anonymous", "owner", "leader", "consultant", "viewer", "outsider")
MEMBER_ROLES = (Role.OWNER, Role.LEADER, Role.CONSULTANT, Role.VIEWER)
MANAGERS = (Role.OWNER, Role.CONSULTANT)
# A one-pixel PNG, so the organisation has a logo to serve.
PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000000500010d0a2db40000000049454e44ae426082"
)


@dataclass
class World:
    organisation: object
    other_organisation: object
    users: dict[str, object]


@dataclass
class Case:
    expect: dict[str, int]
    method: str = "GET"
    kwargs: Callable[[World], dict] = field(default=lambda world: {})
    # Same URL pointed at another organisation's object; members must get 404.
    foreign_kwargs: Callable[[World], dict] | None = None


def everyone(status: int, method: str = "GET", **extra) -> Case:
    return Case({caller: status for caller in CALLERS}, method, **extra)


def logged_in(status: int = 200, method: str = "GET", **extra) -> Case:
    expect = {caller: status for caller in CALLERS} | {"anonymous": 302}
    return Case(expect, method, **extra)


def organisation_page(
    allowed=MEMBER_ROLES, ok: int = 200, method: str = "GET", kwargs=None, **extra
) -> Case:
    expect = {"anonymous": 302, "outsider": 404}
    for role in MEMBER_ROLES:
        expect[role.value] = ok if role in allowed else 403

    def with_slug(world: World) -> dict:
        return {"org_slug": world.organisation.slug} | (kwargs(world) if kwargs else {})

    return Case(expect, method, with_slug, **extra)


def spare_membership(world: World, organisation=None) -> dict:
    membership = MembershipFactory(organisation=organisation or world.organisation)
    return {"pk": membership.pk}


def pending_invitation(world: World, organisation=None) -> dict:
    invitation = InvitationFactory(organisation=organisation or world.organisation)
    return {"pk": invitation.pk}


def invitation_token(world: World) -> dict:
    token = Invitation.new_token()
    InvitationFactory(organisation=world.organisation, token=token)
    return {"token": token}


ADMIN_LOGIN = everyone(200)
ADMIN_PAGE = everyone(302)  # nobody in the matrix is staff: every admin page redirects

CASES: dict[str, Case] = {
    "home": everyone(302),
    "healthz": everyone(200),
    "login": Case({caller: 302 for caller in CALLERS} | {"anonymous": 200}),
    "logout": everyone(302, "POST"),
    "password_change": logged_in(),
    "password_change_done": logged_in(),
    "password_reset": everyone(200),
    "password_reset_done": everyone(200),
    "password_reset_confirm": everyone(
        200, kwargs=lambda world: {"uidb64": "MQ", "token": "not-a-token"}
    ),
    "password_reset_complete": everyone(200),
    "set_language": everyone(302, "POST"),
    "portfolio": logged_in(),
    "organisation_create": logged_in(),
    "invitation_accept": everyone(200, kwargs=invitation_token),
    "framework_list": logged_in(),
    "organisation_overview": organisation_page(),
    "organisation_settings": organisation_page(MANAGERS),
    "organisation_logo": organisation_page(),
    "organisation_members": organisation_page(MANAGERS),
    "membership_remove": organisation_page(
        MANAGERS,
        ok=302,
        method="POST",
        kwargs=spare_membership,
        foreign_kwargs=lambda world: spare_membership(world, world.other_organisation),
    ),
    "invitation_revoke": organisation_page(
        MANAGERS,
        ok=302,
        method="POST",
        kwargs=pending_invitation,
        foreign_kwargs=lambda world: pending_invitation(world, world.other_organisation),
    ),
    "diagnosis_index": organisation_page(),
    "policy_index": organisation_page(),
    "actions_index": organisation_page(),
    "dashboard": organisation_page(),
}

ADMIN_SAMPLE_KWARGS = {"content_type_id": "1", "object_id": "1"}


def url_pattern_names() -> set[str]:
    def walk(patterns, namespace: str) -> set[str]:
        names: set[str] = set()
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                names |= walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                # The admin's unnamed catch-all only ever redirects or 404s.
                names.add(f"{namespace}{pattern.name}" if pattern.name else "<unnamed>")
        return names

    return walk(get_resolver().url_patterns, "")


def admin_names() -> list[str]:
    return sorted(name for name in url_pattern_names() if name.startswith("admin:"))


def test_every_url_pattern_is_classified():
    unclassified = {
        name
        for name in url_pattern_names()
        if name not in CASES and not name.startswith("admin:") and name != "<unnamed>"
    }
    assert not unclassified, f"Classify these URLs in the access matrix: {sorted(unclassified)}"


@pytest.fixture
def world(settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path
    organisation = OrganisationFactory(logo=SimpleUploadedFile("logo.png", PIXEL_PNG))
    other = OrganisationFactory()
    users = {}
    for role in MEMBER_ROLES:
        users[role.value] = MembershipFactory(organisation=organisation, role=role).user
    users["outsider"] = MembershipFactory(organisation=other, role=Role.OWNER).user
    return World(organisation, other, users)


def request_as(client, world: World, caller: str, method: str, url: str):
    if caller != "anonymous":
        client.force_login(world.users[caller])
    return client.post(url) if method == "POST" else client.get(url)


@pytest.mark.django_db
@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_each_caller_gets_the_expected_status(client, world, name, caller):
    case = CASES[name]
    url = reverse(name, kwargs=case.kwargs(world))
    response = request_as(client, world, caller, case.method, url)
    assert response.status_code == case.expect[caller], (
        f"{case.method} {url} as {caller}: got {response.status_code}"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("caller", ["owner", "consultant"])
@pytest.mark.parametrize(
    "name", sorted(name for name, case in CASES.items() if case.foreign_kwargs)
)
def test_another_organisations_object_is_not_found(client, world, name, caller):
    case = CASES[name]
    kwargs = case.kwargs(world) | case.foreign_kwargs(world)
    response = request_as(client, world, caller, case.method, reverse(name, kwargs=kwargs))
    assert response.status_code == 404


def admin_url(name: str) -> str:
    for kwargs in (
        {},
        {"app_label": "organisations"},
        {"object_id": "1"},
        {"id": "1"},
        ADMIN_SAMPLE_KWARGS,
    ):
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    raise AssertionError(f"No sample arguments build a URL for {name}")


@pytest.mark.django_db
@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("name", admin_names())
def test_the_admin_is_closed_to_everyone_but_staff(client, world, name, caller):
    response = request_as(client, world, caller, "GET", admin_url(name))
    expected = ADMIN_LOGIN if name == "admin:login" else ADMIN_PAGE
    assert response.status_code == expected.expect[caller]
