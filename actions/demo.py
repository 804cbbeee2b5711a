"""Demo vision, actions, progress, performance gaps and lists (after `policy.demo`).

Northwind Logistics: a complete, coherent strategy. Actions cover the three horizons, the four
quadrants and the six features, each owned by a leader; the planned effort follows the balance
its own diagnosis asks for; one performance gap became a learning action and another a
recommendation. Harbour Health: deliberately incoherent — no vision, a challenge without a
policy, a policy without actions, an overdue action, and all effort in one quadrant.

Dates are relative to today so the demo stays coherent whenever it is seeded. Safe to run
repeatedly: everything is found by title (or outcome) and updated in place.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from organisations.demo import HARBOUR, NORTHWIND
from organisations.models import Organisation, Person
from policy.demo import policy_for

from .diagnosis_inputs import diagnosis_inputs
from .models import (
    Action,
    ActionStatus,
    GapCause,
    LearningOpportunity,
    PerformanceGap,
    ProgressNote,
    Recommendation,
    StandardProcess,
    Vision,
)
from .strategy import QUADRANTS

F1, F2, F3 = "f1-learning-culture", "f2-problem-solving", "f3-outside-ideas"
F4, F5, F6 = "f4-autonomy", "f5-supportive-leadership", "f6-lasting-improvement"
IP, IG = "individual_productive", "individual_generative"
OP, OG = "organisational_productive", "organisational_generative"


@dataclass(frozen=True)
class DemoAction:
    title: str
    policy: str  # key in policy.demo.POLICIES
    owner: str  # username
    dimensions: tuple[str, ...]  # codes of the default framework's features
    quadrant: str
    work_type: str
    horizon: str
    months: tuple[int, int]  # start and end, in months from today (negative: in the past)
    metric: tuple[str, str, float, float] | None  # name, unit, baseline, target
    status: str = ActionStatus.PLANNED
    weight: int = 1  # share of its quadrant's effort (Northwind) or person-days (Harbour)
    notes: tuple[str, ...] = ()


NORTHWIND_ACTIONS = (
    DemoAction(
        "Map where planners learn from, through and at work",
        "nw-education",
        "hr.director",
        (F1,),
        IP,
        "known",
        "now",
        (-2, 2),
        ("Time to competence for new planners", "weeks", 12, 8),
        ActionStatus.IN_PROGRESS,
        notes=(
            "Interviews done in two depots; shadowing and the night-shift chat group come up most.",
        ),
    ),
    DemoAction(
        "Put job aids where the warehouse work happens",
        "nw-education",
        "lnd.leader",
        (F1, F6),
        IP,
        "known",
        "now",
        (-1, 3),
        ("Picking errors per 10,000 lines", "errors", 9, 5),
        ActionStatus.IN_PROGRESS,
    ),
    DemoAction(
        "Automate onboarding support for new drivers",
        "nw-performance",
        "lnd.leader",
        (F6,),
        IP,
        "known",
        "plan",
        (3, 12),
        ("Onboarding hours per driver", "hours", 24, 12),
    ),
    DemoAction(
        "Coach new planners on the routing tool",
        "nw-performance",
        "lnd.leader",
        (F2,),
        IP,
        "known",
        "now",
        (0, 3),
        ("On-time deliveries", "%", 82, 90),
        ActionStatus.IN_PROGRESS,
    ),
    DemoAction(
        "Move routing decisions to depot teams",
        "nw-social",
        "coo",
        (F4,),
        OP,
        "complex",
        "plan",
        (1, 15),
        ("Decisions escalated to head office per week", "decisions", 40, 10),
    ),
    DemoAction(
        "After-action reviews after every missed delivery window",
        "nw-performance",
        "coo",
        (F2, F6),
        OP,
        "known",
        "now",
        (-3, 4),
        ("Repeat incidents per month", "incidents", 14, 6),
        ActionStatus.IN_PROGRESS,
        notes=(
            "Three depots run reviews after each missed window; repeats are down from 14 to 11.",
        ),
    ),
    DemoAction(
        "Quarterly learning review on the leadership agenda",
        "nw-leaders",
        "ceo",
        (F5, F6),
        OP,
        "known",
        "plan",
        (0, 24),
        ("Leaders reporting on their feature each quarter", "%", 0, 100),
        ActionStatus.IN_PROGRESS,
    ),
    DemoAction(
        "Coach depot managers in asking, listening and feedback",
        "nw-leaders",
        "ceo",
        (F5,),
        IG,
        "complex",
        "plan",
        (2, 14),
        ("Staff who feel free to speak up (survey)", "%", 48, 70),
    ),
    DemoAction(
        "Exchange planners with a partner carrier",
        "nw-credible",
        "hr.director",
        (F3,),
        IG,
        "discovery",
        "plan",
        (6, 18),
        ("New routing ideas tested", "ideas", 0, 6),
    ),
    DemoAction(
        "Build a performance-consulting practice in L&D",
        "nw-credible",
        "lnd.leader",
        (F2,),
        IG,
        "complex",
        "vision",
        (0, 36),
        ("Requests answered with a gap analysis first", "%", 5, 80),
    ),
    DemoAction(
        "Communities of practice for planners and data analysts",
        "nw-social",
        "hr.director",
        (F1, F4),
        OG,
        "complex",
        "plan",
        (1, 20),
        ("Active community members", "people", 0, 120),
    ),
    DemoAction(
        "Monthly outside-in sessions with customers and partners",
        "nw-credible",
        "ceo",
        (F3,),
        OG,
        "discovery",
        "plan",
        (0, 24),
        ("Sessions held per year", "sessions", 0, 10),
        ActionStatus.IN_PROGRESS,
    ),
    DemoAction(
        "An experiment fund for depot teams",
        "nw-social",
        "coo",
        (F3, F4),
        OG,
        "discovery",
        "vision",
        (6, 60),
        ("Team experiments run per year", "experiments", 0, 25),
    ),
)

HARBOUR_ACTIONS = (
    DemoAction(
        "Roll out the mandatory e-learning catalogue",
        "hh-catalogue",
        "harbour.lead",
        (F1,),
        IP,
        "known",
        "now",
        (-6, -1),
        ("Staff with all modules complete", "%", 40, 95),
        ActionStatus.IN_PROGRESS,
        weight=120,
    ),
    DemoAction(
        "Classroom refresher for ward nurses",
        "hh-catalogue",
        "harbour.cmo",
        (F2,),
        IP,
        "known",
        "now",
        (0, 4),
        None,
        weight=60,
    ),
)

NORTHWIND_VISION = (
    "By 2031 Northwind learns as fast as its routes change. Depot teams solve problems together "
    "and decide close to the work; leaders coach rather than control; L&D is the partner "
    "the business calls first when performance is at stake, and most learning happens in the "
    "flow of work."
)
NORTHWIND_TOTAL_DAYS = 600


def _month(today: date, months: int) -> date:
    return today + timedelta(days=round(months * 30.4))


def _effort(actions: tuple[DemoAction, ...], desired) -> dict[str, int]:
    """Person-days per action so that the quadrants follow `desired` (equal shares if none)."""
    desired = desired or dict.fromkeys(QUADRANTS, 25.0)
    weights = {q: sum(a.weight for a in actions if a.quadrant == q) for q in QUADRANTS}
    return {
        a.title: max(1, round(NORTHWIND_TOTAL_DAYS * desired[a.quadrant] / 100 * a.weight
                               / weights[a.quadrant]))
        for a in actions
    }  # fmt: skip


def _people(organisation: Organisation, usernames: list[str]) -> dict[str, Person]:
    """The roster people of the demo's members, by username."""
    return {
        person.user.username: person
        for person in Person.objects.filter(
            organisation=organisation, user__username__in=usernames
        ).select_related("user")
    }


def _seed_actions(organisation: Organisation, specs, effort: dict[str, int]) -> dict[str, Action]:
    owners = _people(organisation, [spec.owner for spec in specs])
    today = timezone.localdate()
    seeded = {}
    for spec in specs:
        name, unit, baseline, target = spec.metric or ("", "", None, None)
        action, _ = Action.objects.update_or_create(
            organisation=organisation,
            title=spec.title,
            defaults={
                "policy": policy_for(organisation, spec.policy),
                "owner": owners.get(spec.owner),
                "dimensions": list(spec.dimensions),
                "quadrant": spec.quadrant,
                "work_type": spec.work_type,
                "horizon": spec.horizon,
                "start_date": _month(today, spec.months[0]),
                "end_date": _month(today, spec.months[1]),
                "effort_days": effort.get(spec.title, spec.weight),
                "metric_name": name,
                "metric_unit": unit,
                "metric_baseline": baseline,
                "metric_target": target,
                "status": spec.status,
            },
        )
        for text in spec.notes:
            ProgressNote.objects.get_or_create(
                action=action,
                text=text,
                defaults={
                    "author": action.owner.user if action.owner else None,
                    "status": spec.status,
                },
            )
        seeded[spec.title] = action
    return seeded


def _seed_northwind(organisation: Organisation) -> None:
    Vision.objects.update_or_create(
        organisation=organisation,
        defaults={"statement": NORTHWIND_VISION, "target_year": timezone.localdate().year + 5},
    )
    desired = diagnosis_inputs(organisation).desired_quadrants
    actions = _seed_actions(organisation, NORTHWIND_ACTIONS, _effort(NORTHWIND_ACTIONS, desired))
    coo = _people(organisation, ["coo"]).get("coo")
    PerformanceGap.objects.update_or_create(
        organisation=organisation,
        outcome="Fewer late deliveries",
        defaults={
            "metric_name": "On-time deliveries", "metric_unit": "%", "current_value": 82,
            "target_value": 90,
            "drivers": "Route planning quality, traffic data, hand-over at the cross-dock, "
                       "planner experience with the new routing tool.",
            "cause": GapCause.LEARNING,
            "cause_notes": "Late routes cluster around planners hired in the last year, who "
                           "never learned the tool's re-planning features.",
            "action": actions["Coach new planners on the routing tool"],
        },
    )  # fmt: skip
    damaged, _ = PerformanceGap.objects.update_or_create(
        organisation=organisation,
        outcome="Fewer damaged parcels",
        defaults={
            "metric_name": "Damaged parcels per 10,000", "metric_unit": "parcels",
            "current_value": 31, "target_value": 15,
            "drivers": "Loading sequence, packaging from shippers, cage design, staff skill.",
            "cause": GapCause.TOOLS,
            "cause_notes": "Damage concentrates on the old roll cages; experienced and new staff "
                           "score the same.",
        },
    )  # fmt: skip
    Recommendation.objects.update_or_create(
        gap=damaged,
        defaults={
            "organisation": organisation,
            "owner": coo,
            "text": "Replace the old roll cages on the three busiest lines before peak season; "
            "no training needed.",
        },
    )
    for mode, title, enablers in (
        ("from", "Reviews of missed delivery windows", "Fifteen minutes, same day, whole shift."),
        ("through", "Planner rotations between depots", "Two weeks a year for every planner."),
        ("at", "Night-shift chat group for drivers", "A moderator from each depot."),
    ):
        LearningOpportunity.objects.update_or_create(
            organisation=organisation, title=title, defaults={"mode": mode, "enablers": enablers}
        )
    for name, approach, notes in (
        ("Driver onboarding", "automate", "Self-paced app with checklists replaces day two."),
        ("Safety induction for the warehouse", "simplify", "One page and a walk-through."),
    ):
        StandardProcess.objects.update_or_create(
            organisation=organisation, name=name, defaults={"approach": approach, "notes": notes}
        )


def _seed_harbour(organisation: Organisation) -> None:
    # No vision on purpose, and effort only in the individual productive quadrant.
    _seed_actions(organisation, HARBOUR_ACTIONS, {})
    PerformanceGap.objects.get_or_create(
        organisation=organisation,
        outcome="Shorter waiting times in the emergency department",
        defaults={
            "metric_name": "Median wait",
            "metric_unit": "minutes",
            "current_value": 95,
            "target_value": 60,
        },
    )


@transaction.atomic
def seed_demo() -> None:
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=[NORTHWIND, HARBOUR])}
    if NORTHWIND in organisations:
        _seed_northwind(organisations[NORTHWIND])
    if HARBOUR in organisations:
        _seed_harbour(organisations[HARBOUR])
