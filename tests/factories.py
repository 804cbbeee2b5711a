import factory
from django.contrib.auth import get_user_model

from organisations.models import (
    Invitation,
    Membership,
    Organisation,
    Person,
    RespondentGroup,
    Role,
    hash_token,
)

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password(PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    sector = "Logistics"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.LEADER


class InvitationFactory(factory.django.DjangoModelFactory):
    """Build with `token=...` to know the raw token; only its hash is stored."""

    class Meta:
        model = Invitation
        exclude = ["token"]

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Role.LEADER
    token = factory.LazyFunction(Invitation.new_token)
    token_hash = factory.LazyAttribute(lambda invitation: hash_token(invitation.token))


class PersonFactory(factory.django.DjangoModelFactory):
    """Someone on an organisation's roster, without a login."""

    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    group = RespondentGroup.LEADERSHIP


def person_of(user, organisation: Organisation) -> Person:
    """The roster person of a member (every membership puts its user on the roster)."""
    return Person.objects.get(organisation=organisation, user=user)
