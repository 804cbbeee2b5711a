"""Building blocks of the access matrix (`tests/test_access_matrix.py`).

Each app declares the expected status of each of its URLs for every kind of caller in
`tests/<app>/access_cases.py` as `CASES = {"url_name": Case(...)}`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile

from organisations.models import Role
from tests.factories import MembershipFactory, OrganisationFactory

CALLERS = ("anonymous", "owner", "leader", "consultant", "viewer", "outsider")
MEMBER_ROLES = (Role.OWNER, Role.LEADER, Role.CONSULTANT, Role.VIEWER)
MANAGERS = (Role.OWNER, Role.CONSULTANT)


@dataclass
class World:
    """The organisation under test, with one member per role, and another organisation
    whose owner is the `outsider` caller."""

    organisation: object
    other_organisation: object
    users: dict[str, object]


@dataclass
class Case:
    expect: dict[str, int]
    method: str = "GET"
    # Builds the URL's kwargs; may create the objects the URL points at.
    kwargs: Callable[[World], dict] = field(default=lambda world: {})
    # The same URL pointed at another organisation's object; members must get 404.
    foreign_kwargs: Callable[[World], dict] | None = None
    data: Callable[[World], dict] | None = None  # POST body, where the view needs one


# A one-pixel PNG, so the organisation has a logo to serve.
PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000000500010d0a2db40000000049454e44ae426082"
)


def make_world() -> World:
    """The matrix's world (point MEDIA_ROOT somewhere temporary first: it stores a logo)."""
    organisation = OrganisationFactory(logo=SimpleUploadedFile("logo.png", PIXEL_PNG))
    other = OrganisationFactory()
    users = {}
    for role in MEMBER_ROLES:
        users[role.value] = MembershipFactory(organisation=organisation, role=role).user
    users["outsider"] = MembershipFactory(organisation=other, role=Role.OWNER).user
    return World(organisation, other, users)


def everyone(status: int, method: str = "GET", **extra) -> Case:
    return Case({caller: status for caller in CALLERS}, method, **extra)


def logged_in(status: int = 200, method: str = "GET", **extra) -> Case:
    expect = {caller: status for caller in CALLERS} | {"anonymous": 302}
    return Case(expect, method, **extra)


def organisation_page(
    allowed=MEMBER_ROLES,
    ok: int = 200,
    method: str = "GET",
    kwargs: Callable[[World], dict] | None = None,
    anonymous: int = 302,
    **extra,
) -> Case:
    """A URL under /orgs/<org_slug>/: outsiders get 404, members without the role 403."""
    expect = {"anonymous": anonymous, "outsider": 404}
    for role in MEMBER_ROLES:
        expect[role.value] = ok if role in allowed else 403

    def with_slug(world: World) -> dict:
        return {"org_slug": world.organisation.slug} | (kwargs(world) if kwargs else {})

    return Case(expect, method, with_slug, **extra)
