"""Hand-built strategies for the coherence tests: a coherent one, and helpers to break it."""

from dataclasses import replace
from datetime import date

from actions.strategy import FEATURES, ActionItem, Challenge, Leader, PolicyItem, Strategy

TODAY = date(2026, 6, 1)
DESIRED = {
    "individual_productive": 25.0,
    "individual_generative": 25.0,
    "organisational_productive": 25.0,
    "organisational_generative": 25.0,
}
ANNA, BEN = Leader(1, "Anna"), Leader(2, "Ben")


def action(id: int, policy_id: int = 10, **fields) -> ActionItem:
    values = {
        "title": f"Action {id}",
        "policy_id": policy_id,
        "owner_id": ANNA.id,
        "owner_name": ANNA.name,
        "quadrant": "individual_productive",
        "horizon": "now",
        "dimensions": (),
        "start": date(2026, 1, 1),
        "end": date(2026, 12, 31),
        "effort_days": 10,
        "status": "in_progress",
        "has_metric": True,
    }
    return ActionItem(id=id, **(values | fields))


def coherent() -> Strategy:
    """Two challenges, two agreed policies, actions on all horizons, every quadrant and feature
    covered with equal effort, a vision: no findings at all."""
    quadrants = list(DESIRED)
    actions = [
        action(
            100 + index,
            policy_id=10 if index % 2 else 11,
            quadrant=quadrants[index % 4],
            horizon=("vision", "plan", "now")[index % 3],
            dimensions=(FEATURES[index % 6],),
            owner_id=(ANNA, BEN)[index % 2].id,
            owner_name=(ANNA, BEN)[index % 2].name,
        )
        for index in range(12)
    ]
    return Strategy(
        org_slug="acme",
        today=TODAY,
        challenges=(Challenge(1, "Learning is seen as courses"), Challenge(2, "Slow decisions")),
        policies=(
            PolicyItem(10, "Education is not the default", (1,), agreed=True),
            PolicyItem(11, "Decide close to the work", (2,), agreed=True),
        ),
        actions=tuple(actions),
        leaders=(ANNA, BEN),
        vision="In five years everyone learns in the flow of work.",
        desired_quadrants=DESIRED,
    )


def with_actions(strategy: Strategy, *actions: ActionItem) -> Strategy:
    return replace(strategy, actions=tuple(actions))
