from tests.access import MANAGERS, Case, organisation_page
from tests.policy.factories import PolicyFactory


def own_policy(world) -> dict:
    return {"pk": PolicyFactory(organisation=world.organisation).pk}


def foreign_policy(world) -> dict:
    return {"pk": PolicyFactory(organisation=world.other_organisation).pk}


def manager_post(kwargs=own_policy, **extra) -> Case:
    return organisation_page(
        allowed=MANAGERS,
        ok=302,
        method="POST",
        kwargs=kwargs,
        foreign_kwargs=foreign_policy,
        **extra,
    )


CASES: dict[str, Case] = {
    "policy_index": organisation_page(),
    "policy_library": organisation_page(),
    "policy_create": organisation_page(allowed=MANAGERS),
    "policy_detail": organisation_page(kwargs=own_policy, foreign_kwargs=foreign_policy),
    "policy_edit": organisation_page(
        allowed=MANAGERS, kwargs=own_policy, foreign_kwargs=foreign_policy
    ),
    "policy_agree": manager_post(),
    "policy_retire": manager_post(),
    "policy_restore": manager_post(),
    "policy_move": manager_post(
        kwargs=lambda world: own_policy(world) | {"direction": "up"},
    ),
}
