"""Demo key challenges and guiding policies.

Northwind Logistics gets a complete strategy: every key challenge has agreed policies.
Harbour Health gets a deliberately incoherent one: a challenge nobody wrote a policy for, a
draft policy and a policy that `actions.demo` leaves without actions. Safe to run repeatedly:
challenges are found by title and policies by statement.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from diagnosis.models import KeyChallenge, Priority
from organisations.demo import HARBOUR, NORTHWIND
from organisations.models import Organisation

from . import services
from .library import library_entry
from .models import Policy


@dataclass(frozen=True)
class DemoChallenge:
    title: str
    description: str
    dimensions: tuple[str, ...]
    priority: int


@dataclass(frozen=True)
class DemoPolicy:
    key: str
    challenges: tuple[str, ...]  # titles
    library: str = ""  # adopt this library entry (statement and rationale as they stand)
    statement: str = ""  # or write (or adapt) the wording
    rationale: str = ""
    agreed_by: str = ""  # username; empty leaves it a draft


NW_COURSES = "Learning is seen as courses, not as part of the work"
NW_DECISIONS = "Decisions wait for managers; depot teams have little room to act"
NW_ORDER_TAKER = "L&D is treated as an order taker without a mandate"
NW_DELIVERIES = "Late deliveries keep rising and nobody knows why"

HH_NO_TIME = "Clinical staff have no time to learn during shifts"
HH_SPEAK_UP = "Managers rarely invite staff to speak up"
HH_TECHNOLOGY = "New technology arrives on the wards without support"

CHALLENGES = {
    NORTHWIND: (
        DemoChallenge(
            NW_COURSES,
            "Most people think of learning as the training calendar. Planners and drivers pick "
            "up the job from colleagues, but nobody supports or values that.",
            ("f1-learning-culture",),
            Priority.HIGH,
        ),
        DemoChallenge(
            NW_DECISIONS,
            "Routing and staffing choices are escalated to head office, so depots learn slowly "
            "and wait for answers they could give themselves.",
            ("f4-autonomy", "f5-supportive-leadership"),
            Priority.HIGH,
        ),
        DemoChallenge(
            NW_ORDER_TAKER,
            "L&D is asked for courses after decisions are made, and judged on hours of training.",
            ("obstacle-mandate", "cap-performance-consulting"),
            Priority.MEDIUM,
        ),
        DemoChallenge(
            NW_DELIVERIES,
            "On-time delivery has slipped from 91 to 82 percent in two years; every department "
            "has its own explanation.",
            ("f2-problem-solving",),
            Priority.MEDIUM,
        ),
    ),
    HARBOUR: (
        DemoChallenge(
            HH_NO_TIME,
            "Rosters leave no room for learning; courses are cancelled when wards are busy.",
            ("f1-learning-culture",),
            Priority.HIGH,
        ),
        DemoChallenge(
            HH_SPEAK_UP,
            "Near misses are discussed in private, not in the team.",
            ("f5-supportive-leadership",),
            Priority.HIGH,
        ),
        DemoChallenge(
            HH_TECHNOLOGY,
            "The new patient record system went live with a manual and one demo session.",
            ("cap-digital-ecosystem",),
            Priority.MEDIUM,
        ),
    ),
}

POLICIES = {
    NORTHWIND: (
        DemoPolicy(
            "nw-education",
            (NW_COURSES,),
            library="education-is-not-the-default",
            agreed_by="ceo",
        ),
        DemoPolicy(
            "nw-social",
            (NW_DECISIONS, NW_COURSES),
            library="social-structures-for-learning",
            agreed_by="ceo",
        ),
        DemoPolicy(
            "nw-credible",
            (NW_ORDER_TAKER,),
            library="credible-business-unit",
            statement="L&D is a business partner that shapes delivery performance; we do not "
            "take orders for courses.",
            rationale="Leadership agreed to involve L&D before decisions are made, and to judge "
            "it on delivery results rather than training hours.",
            agreed_by="lnd.leader",
        ),
        DemoPolicy(
            "nw-performance",
            (NW_DELIVERIES, NW_ORDER_TAKER),
            library="performance-before-programmes",
            agreed_by="coo",
        ),
        DemoPolicy(
            "nw-leaders",
            (NW_DECISIONS,),
            statement="Every leader answers for at least one feature of a learning organisation "
            "and reports on it each quarter.",
            rationale="Learning only becomes part of the work when leaders make it their job; "
            "naming who answers for what keeps it from slipping.",
            agreed_by="ceo",
        ),
    ),
    HARBOUR: (
        DemoPolicy(
            "hh-catalogue",
            (HH_NO_TIME,),
            statement="All staff complete the mandatory e-learning catalogue every year.",
            rationale="It is what the regulator asks for.",
        ),
        DemoPolicy(
            "hh-leaders",
            (HH_SPEAK_UP,),
            library="leaders-make-room-for-learning",
            agreed_by="harbour.lead",
        ),
    ),
}


def policy_for(organisation: Organisation, key: str) -> Policy:
    """The demo policy `key` of `organisation` (used by `actions.demo`)."""
    spec = next(p for p in POLICIES[organisation.slug] if p.key == key)
    return Policy.objects.get(organisation=organisation, statement=_statement(spec))


def _statement(spec: DemoPolicy) -> str:
    entry = library_entry(spec.library)
    return spec.statement or (entry.statement_text["en"] if entry else "")


def _seed_challenges(organisation: Organisation) -> dict[str, KeyChallenge]:
    found = {}
    for position, spec in enumerate(CHALLENGES[organisation.slug]):
        challenge, _ = KeyChallenge.objects.get_or_create(
            organisation=organisation,
            title=spec.title,
            defaults={
                "description": spec.description,
                "dimension_codes": list(spec.dimensions),
                "priority": spec.priority,
                "position": position,
            },
        )
        found[spec.title] = challenge
    return found


def _seed_policies(organisation: Organisation, challenges: dict[str, KeyChallenge]) -> None:
    users = {user.username: user for user in get_user_model().objects.all()}
    author = organisation.memberships.filter(role="owner").select_related("user").first()
    author = author.user if author else None
    for spec in POLICIES[organisation.slug]:
        statement = _statement(spec)
        if Policy.objects.filter(organisation=organisation, statement=statement).exists():
            continue
        entry = library_entry(spec.library)
        policy = services.policy_create(
            organisation=organisation,
            author=author,
            statement=statement,
            rationale=spec.rationale or (entry.rationale_text["en"] if entry else ""),
            challenges=[challenges[title] for title in spec.challenges],
            source_code=spec.library,
        )
        if spec.agreed_by and spec.agreed_by in users:
            services.policy_agree(policy, author=users[spec.agreed_by])
            Policy.objects.filter(pk=policy.pk).update(
                agreed_at=timezone.now() - timedelta(days=30)
            )


@transaction.atomic
def seed_demo() -> None:
    for organisation in Organisation.objects.filter(slug__in=list(CHALLENGES)):
        _seed_policies(organisation, _seed_challenges(organisation))
