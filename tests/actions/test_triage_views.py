import pytest
from django.urls import reverse

from actions.models import GapCause, LearningOpportunity, PerformanceGap, Recommendation
from organisations.models import Role
from tests.actions.factories import PerformanceGapFactory
from tests.factories import MembershipFactory, person_of
from tests.policy.factories import PolicyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return MembershipFactory(role=Role.OWNER)


def url(name, organisation, *args):
    return reverse(name, args=[organisation.slug, *args])


OUTCOME = {
    "outcome": "Fewer late deliveries",
    "metric_name": "On-time deliveries",
    "metric_unit": "%",
    "current_value": "82",
    "target_value": "95",
}


def test_a_learning_need_becomes_a_prefilled_learning_action(client, owner):
    organisation = owner.organisation
    policy = PolicyFactory(organisation=organisation)
    client.force_login(owner.user)

    response = client.post(url("gap_create", organisation), OUTCOME)
    gap = PerformanceGap.objects.get()
    assert response.url == url("gap_drivers", organisation, gap.pk)
    response = client.post(
        url("gap_drivers", organisation, gap.pk), {"drivers": "Planners' skill with the tool."}
    )
    assert response.url == url("gap_cause", organisation, gap.pk)
    response = client.post(
        url("gap_cause", organisation, gap.pk),
        {"cause": GapCause.LEARNING, "cause_notes": "New planners never learned the tool."},
    )
    action_url = url("action_create", organisation) + f"?gap={gap.pk}"
    assert response.url == action_url

    form = client.get(action_url).content.decode()
    assert 'value="Close the gap: Fewer late deliveries"' in form
    assert 'value="On-time deliveries"' in form
    assert 'value="95.00"' in form or 'value="95"' in form

    response = client.post(
        action_url,
        {
            "title": "Coach new planners on the routing tool",
            "policy": policy.pk,
            "owner": person_of(owner.user, organisation).pk,
            "dimensions": ["f2-problem-solving"],
            "quadrant": "individual_productive",
            "work_type": "known",
            "horizon": "now",
            "start_date": "2026-02-01",
            "end_date": "2026-04-30",
            "effort_days": "8",
            "metric_name": "On-time deliveries",
            "metric_baseline": "82",
            "metric_target": "95",
            "status": "planned",
        },
    )
    gap.refresh_from_db()
    assert gap.action is not None
    assert response.url == url("action_detail", organisation, gap.action.pk)
    assert gap.next_step == "done"
    assert not Recommendation.objects.exists()


def test_a_process_gap_becomes_a_recommendation_to_a_named_owner(client, owner):
    organisation = owner.organisation
    coo = person_of(
        MembershipFactory(organisation=organisation, role=Role.LEADER).user, organisation
    )
    gap = PerformanceGapFactory(organisation=organisation, cause="")
    client.force_login(owner.user)
    response = client.post(
        url("gap_cause", organisation, gap.pk),
        {"cause": GapCause.PROCESS, "cause_notes": "Hand-over happens twice."},
    )
    assert response.url == url("gap_recommend", organisation, gap.pk)
    # No learning action is offered for it.
    assert client.get(url("action_create", organisation) + f"?gap={gap.pk}").status_code == 200
    assert (
        "Close the gap"
        not in client.get(url("action_create", organisation) + f"?gap={gap.pk}").content.decode()
    )

    response = client.post(
        url("gap_recommend", organisation, gap.pk),
        {"owner": coo.pk, "text": "Merge the two hand-overs into one."},
    )
    assert response.url == url("gap_detail", organisation, gap.pk)
    recommendation = Recommendation.objects.get()
    assert (recommendation.owner, recommendation.gap) == (coo, gap)
    assert recommendation.organisation == organisation
    detail = client.get(url("gap_detail", organisation, gap.pk)).content.decode()
    assert "Merge the two hand-overs into one." in detail


def test_changing_the_cause_to_a_learning_need_withdraws_the_recommendation(client, owner):
    gap = PerformanceGapFactory(organisation=owner.organisation)
    Recommendation.objects.create(
        organisation=owner.organisation,
        gap=gap,
        owner=person_of(owner.user, owner.organisation),
        text="Fix the process.",
    )
    client.force_login(owner.user)
    client.post(url("gap_cause", owner.organisation, gap.pk), {"cause": GapCause.LEARNING})
    assert not Recommendation.objects.exists()


def test_a_learning_need_is_not_sent_to_the_recommendation_step(client, owner):
    gap = PerformanceGapFactory(organisation=owner.organisation, cause=GapCause.LEARNING)
    client.force_login(owner.user)
    response = client.post(
        url("gap_recommend", owner.organisation, gap.pk),
        {"owner": person_of(owner.user, owner.organisation).pk, "text": "x"},
    )
    assert response.status_code == 302
    assert "?gap=" in response.url
    assert not Recommendation.objects.exists()


def test_the_cause_step_waits_for_the_drivers(client, owner):
    gap = PerformanceGapFactory(organisation=owner.organisation, drivers="", cause="")
    client.force_login(owner.user)
    response = client.get(url("gap_cause", owner.organisation, gap.pk))
    assert response.url == url("gap_drivers", owner.organisation, gap.pk)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"target_value": "82"}, "target_value", "The target equals today"),
        ({"outcome": ""}, "outcome", "This field is required."),
        ({"current_value": "lots"}, "current_value", "Enter a number."),
    ],
)
def test_an_invalid_outcome_is_shown_next_to_the_field(client, owner, changes, field, message):
    client.force_login(owner.user)
    response = client.post(url("gap_create", owner.organisation), OUTCOME | changes)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'id="error_1_id_{field}"' in html
    assert not PerformanceGap.objects.exists()


def test_a_cause_must_be_chosen(client, owner):
    gap = PerformanceGapFactory(organisation=owner.organisation, cause="")
    client.force_login(owner.user)
    response = client.post(url("gap_cause", owner.organisation, gap.pk), {"cause": "magic"})
    assert 'id="error_1_id_cause"' in response.content.decode()


def test_learning_opportunities_are_listed_added_edited_and_removed(client, owner):
    organisation = owner.organisation
    client.force_login(owner.user)
    client.post(
        url("opportunity_create", organisation),
        {"mode": "through", "title": "Planner rotations", "enablers": "Two weeks a year."},
    )
    item = LearningOpportunity.objects.get(organisation=organisation)
    assert "Planner rotations" in client.get(url("opportunity_list", organisation)).content.decode()
    client.post(
        url("opportunity_edit", organisation, item.pk),
        {"mode": "at", "title": "Planner shadowing", "enablers": ""},
    )
    item.refresh_from_db()
    assert (item.mode, item.title) == ("at", "Planner shadowing")
    client.post(url("opportunity_delete", organisation, item.pk))
    assert not LearningOpportunity.objects.exists()


def test_a_standard_process_needs_an_approach(client, owner):
    client.force_login(owner.user)
    response = client.post(
        url("process_create", owner.organisation), {"name": "Driver onboarding", "approach": ""}
    )
    html = response.content.decode()
    assert 'id="error_1_id_approach"' in html
    assert 'value="Driver onboarding"' in html
