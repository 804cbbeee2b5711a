import pytest
from django.urls import reverse

from tests.actions.factories import ActionFactory, PerformanceGapFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MODELS = [
    "policy_policy",
    "actions_action",
    "actions_performancegap",
    "actions_vision",
    "actions_learningopportunity",
    "actions_standardprocess",
    "actions_recommendation",
]


@pytest.mark.parametrize("model", MODELS)
def test_staff_can_open_the_admin_of_the_strategy_models(client, model):
    action = ActionFactory()
    PerformanceGapFactory(organisation=action.organisation, action=action)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse(f"admin:{model}_changelist")).status_code == 200


def test_staff_can_open_an_action_and_a_policy_in_the_admin(client):
    action = ActionFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:actions_action_change", args=[action.pk])).status_code == 200
    policy_url = reverse("admin:policy_policy_change", args=[action.policy_id])
    assert client.get(policy_url).status_code == 200
