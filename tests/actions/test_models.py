import pytest

from actions.models import Action, GapCause
from organisations.models import Organisation
from policy.models import Policy
from tests.actions.factories import ActionFactory, PerformanceGapFactory

pytestmark = pytest.mark.django_db


def test_deleting_an_organisation_removes_its_whole_strategy():
    action = ActionFactory()
    PerformanceGapFactory(organisation=action.organisation, action=action)
    action.organisation.delete()
    assert not Organisation.objects.filter(pk=action.organisation_id).exists()
    assert not Policy.objects.exists()
    assert not Action.objects.exists()


def test_a_policy_that_actions_carry_out_cannot_be_deleted_by_accident():
    from django.db.models import RestrictedError

    action = ActionFactory()
    with pytest.raises(RestrictedError):
        action.policy.delete()


def test_the_owner_leaving_the_system_leaves_the_action_without_owner():
    action = ActionFactory()
    action.owner.delete()
    action.refresh_from_db()
    assert action.owner is None


@pytest.mark.parametrize(
    ("fields", "step"),
    [
        ({"drivers": "", "cause": ""}, "drivers"),
        ({"cause": ""}, "cause"),
        ({"cause": GapCause.LEARNING}, "action"),
        ({"cause": GapCause.INCENTIVES}, "recommend"),
    ],
)
def test_a_gap_knows_its_next_triage_step(fields, step):
    assert PerformanceGapFactory(**fields).next_step == step
