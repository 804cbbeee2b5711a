"""Demo users and organisations, shared by `seed_demo` and later stages' demo data."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Membership, Organisation, OrganisationSize, Role

DEMO_PASSWORD = "demo-strategy-2026"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    memberships: tuple[tuple[str, Role], ...]

    @property
    def email(self) -> str:
        return f"{self.username}@demo.lndstrategy.local"


NORTHWIND = "northwind-logistics"
HARBOUR = "harbour-health"

DEMO_ORGANISATIONS = {
    NORTHWIND: {
        "name": "Northwind Logistics",
        "sector": "Logistics and distribution",
        "size": OrganisationSize.LARGE,
        "brand_colour": "#0b6e4f",
    },
    HARBOUR: {
        "name": "Harbour Health",
        "sector": "Healthcare",
        "size": OrganisationSize.MEDIUM,
        "brand_colour": "#7a3e9d",
    },
}

DEMO_USERS = (
    DemoUser(
        "consultant", "Carla", "Jansen", ((NORTHWIND, Role.CONSULTANT), (HARBOUR, Role.CONSULTANT))
    ),
    DemoUser("lnd.leader", "Lena", "de Vries", ((NORTHWIND, Role.OWNER),)),
    DemoUser("ceo", "Marcus", "Bell", ((NORTHWIND, Role.LEADER),)),
    DemoUser("coo", "Priya", "Shah", ((NORTHWIND, Role.LEADER),)),
    DemoUser("hr.director", "Tom", "Visser", ((NORTHWIND, Role.LEADER),)),
    DemoUser("viewer", "Vera", "Smit", ((NORTHWIND, Role.VIEWER),)),
    DemoUser("harbour.lead", "Sam", "Okafor", ((HARBOUR, Role.OWNER),)),
    DemoUser("harbour.cmo", "Ines", "Martens", ((HARBOUR, Role.LEADER),)),
)


def seed_demo() -> None:
    seed_demo_organisations()


@transaction.atomic
def seed_demo_organisations() -> dict[str, Organisation]:
    organisations = {
        slug: Organisation.objects.update_or_create(slug=slug, defaults=fields)[0]
        for slug, fields in DEMO_ORGANISATIONS.items()
    }
    User = get_user_model()
    for demo in DEMO_USERS:
        user, _ = User.objects.update_or_create(
            username=demo.username,
            defaults={
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "email": demo.email,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        for slug, role in demo.memberships:
            Membership.objects.update_or_create(
                user=user, organisation=organisations[slug], defaults={"role": role}
            )
    return organisations
