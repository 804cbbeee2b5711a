from organisations.models import Invitation
from tests.access import MANAGERS, Case, World, everyone, logged_in, organisation_page
from tests.factories import InvitationFactory, MembershipFactory, PersonFactory


def spare_membership(world: World, organisation=None) -> dict:
    membership = MembershipFactory(organisation=organisation or world.organisation)
    return {"pk": membership.pk}


def pending_invitation(world: World, organisation=None) -> dict:
    invitation = InvitationFactory(organisation=organisation or world.organisation)
    return {"pk": invitation.pk}


def roster_person(world: World, organisation=None) -> dict:
    return {"pk": PersonFactory(organisation=organisation or world.organisation).pk}


def invitation_token(world: World) -> dict:
    token = Invitation.new_token()
    InvitationFactory(organisation=world.organisation, token=token)
    return {"token": token}


CASES: dict[str, Case] = {
    "home": everyone(302),
    "healthz": everyone(200),
    "login": Case({"anonymous": 200} | {c: 302 for c in logged_in().expect if c != "anonymous"}),
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
    "organisation_overview": organisation_page(),
    "organisation_settings": organisation_page(MANAGERS),
    "organisation_logo": organisation_page(),
    "organisation_members": organisation_page(MANAGERS),
    "organisation_people": organisation_page(MANAGERS),
    "person_edit": organisation_page(
        MANAGERS,
        kwargs=roster_person,
        foreign_kwargs=lambda world: roster_person(world, world.other_organisation),
    ),
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
}
