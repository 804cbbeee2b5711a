"""Framework pages (see tests/access.py). `/frameworks/` leads each caller to their organisation's
page (one membership each, so a redirect). Under /orgs/<org>/frameworks/ every member reads what
the organisation may use: the built-in frameworks, its own and its consultants' practice
frameworks; uploading is for owners and consultants. Another organisation's framework, and the
practice framework of a consultant who does not advise this organisation, are 404s."""

from maturity.framework_files import parse_framework
from maturity.models import FrameworkVersion
from maturity.services import framework_import
from organisations.models import Role
from tests.access import MANAGERS, Case, World, logged_in, organisation_page
from tests.factories import MembershipFactory

from .samples import MINIMAL


def stored(**owner) -> FrameworkVersion:
    return framework_import(parse_framework(MINIMAL, filename="mini.yaml"), **owner).version


def own(world: World) -> dict:
    return {"pk": stored(organisation=world.organisation).pk}


def consultants_practice(world: World) -> dict:
    # The consultant of this organisation shares it with their clients: every member sees it.
    return {"pk": stored(practice=world.users["consultant"]).pk}


def other_organisations(world: World) -> dict:
    return {"pk": stored(organisation=world.other_organisation).pk}


def strangers_practice(world: World) -> dict:
    # A consultant of the other organisation only.
    stranger = MembershipFactory(organisation=world.other_organisation, role=Role.CONSULTANT)
    return {"pk": stored(practice=stranger.user).pk}


CASES: dict[str, Case] = {
    "framework_list": logged_in(302),
    "organisation_frameworks": organisation_page(),
    "framework_detail": organisation_page(
        kwargs=consultants_practice, foreign_kwargs=other_organisations
    ),
    "framework_download": organisation_page(kwargs=own, foreign_kwargs=strangers_practice),
    "framework_upload": organisation_page(allowed=MANAGERS),
    # Norms go on the organisation's own frameworks (or the caller's practice's): a built-in
    # framework's norms would be seen by everyone, and another organisation's is a 404.
    "framework_norms_upload": organisation_page(
        allowed=MANAGERS, kwargs=own, foreign_kwargs=other_organisations
    ),
}
