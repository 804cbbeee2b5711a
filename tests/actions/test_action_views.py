import datetime

import pytest
from django.urls import reverse

from actions.models import Action, ActionStatus, ProgressNote, Vision
from organisations.models import Role
from tests.actions.factories import ActionFactory
from tests.diagnosis.factories import KeyChallengeFactory
from tests.diagnosis.results_scenario import build_scenario
from tests.factories import MembershipFactory, OrganisationFactory, person_of
from tests.policy.factories import PolicyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    owner = MembershipFactory(role=Role.OWNER)
    organisation = owner.organisation
    leader = MembershipFactory(organisation=organisation, role=Role.LEADER)
    other_leader = MembershipFactory(organisation=organisation, role=Role.LEADER)
    viewer = MembershipFactory(organisation=organisation, role=Role.VIEWER)
    policy = PolicyFactory(organisation=organisation, statement="Decide close to the work.")
    return {
        "organisation": organisation,
        "owner": owner.user,
        "leader": leader.user,
        "other_leader": other_leader.user,
        "leader_person": person_of(leader.user, organisation),
        "other_leader_person": person_of(other_leader.user, organisation),
        "viewer": viewer.user,
        "policy": policy,
    }


def url(name, organisation, *args):
    return reverse(name, args=[organisation.slug, *args])


def action_body(team, **changes) -> dict:
    body = {
        "title": "Coach planners in running after-action reviews",
        "description": "Fifteen minutes after each shift.",
        "policy": team["policy"].pk,
        "owner": team["leader_person"].pk,
        "dimensions": ["f2-problem-solving", "f6-lasting-improvement"],
        "quadrant": "organisational_productive",
        "work_type": "complex",
        "horizon": "now",
        "start_date": "2026-01-05",
        "end_date": "2026-06-30",
        "effort_days": "20",
        "budget": "",
        "metric_name": "Repeat incidents per month",
        "metric_unit": "incidents",
        "metric_baseline": "14",
        "metric_target": "6",
        "status": "planned",
    }
    return body | changes


def test_an_owner_plans_an_action_that_carries_out_a_policy(client, team):
    client.force_login(team["owner"])
    response = client.post(url("action_create", team["organisation"]), action_body(team))
    action = Action.objects.get()
    assert response.url == url("action_detail", team["organisation"], action.pk)
    assert action.organisation == team["organisation"]
    assert action.policy == team["policy"]
    assert action.owner == team["leader_person"]
    assert action.created_by == team["owner"]
    assert action.dimensions == ["f2-problem-solving", "f6-lasting-improvement"]
    assert action.has_metric


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"policy": ""}, "policy", "Every action carries out a guiding policy; choose one."),
        ({"dimensions": []}, "dimensions", "Choose at least one feature this action develops."),
        ({"end_date": "2025-12-31"}, "end_date", "The end comes before the start."),
        ({"start_date": ""}, "start_date", "Give a date for actions in the plan or for now."),
        (
            {"effort_days": "", "budget": ""},
            "effort_days",
            "Give the effort in person-days, a budget, or both.",
        ),
        (
            {"metric_name": ""},
            "metric_name",
            "Name the business metric the target is for.",
        ),
        ({"effort_days": "-3"}, "effort_days", "Ensure this value is greater than or equal to 0."),
        ({"start_date": "not a date"}, "start_date", "Enter a valid date."),
    ],
)
def test_invalid_actions_show_the_error_next_to_the_field_and_keep_the_input(
    client, team, changes, field, message
):
    client.force_login(team["owner"])
    response = client.post(url("action_create", team["organisation"]), action_body(team, **changes))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'id="error_1_id_{field}"' in html
    assert "Coach planners in running after-action reviews" in html
    assert not Action.objects.exists()


def test_a_vision_action_needs_no_dates(client, team):
    client.force_login(team["owner"])
    body = action_body(team, horizon="vision", start_date="", end_date="")
    client.post(url("action_create", team["organisation"]), body)
    assert Action.objects.get().start_date is None


def test_the_owner_must_be_a_leader_of_this_organisation(client, team):
    elsewhere = MembershipFactory(organisation=OrganisationFactory(), role=Role.LEADER)
    outsider = person_of(elsewhere.user, elsewhere.organisation)
    viewer = person_of(team["viewer"], team["organisation"])
    client.force_login(team["owner"])
    for person in (outsider, viewer):
        response = client.post(
            url("action_create", team["organisation"]), action_body(team, owner=person.pk)
        )
        assert "Select a valid choice" in response.content.decode()
    assert not Action.objects.exists()


def test_another_organisations_policy_cannot_be_chosen(client, team):
    foreign = PolicyFactory(organisation=OrganisationFactory())
    client.force_login(team["owner"])
    response = client.post(
        url("action_create", team["organisation"]), action_body(team, policy=foreign.pk)
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Action.objects.exists()


def test_a_retired_policy_cannot_get_new_actions(client, team):
    retired = PolicyFactory(organisation=team["organisation"], retired_at="2026-01-01T00:00Z")
    client.force_login(team["owner"])
    response = client.post(
        url("action_create", team["organisation"]), action_body(team, policy=retired.pk)
    )
    assert "Select a valid choice" in response.content.decode()


def test_the_action_form_is_prefilled_from_an_action_idea_and_a_policy(client, team):
    client.force_login(team["owner"])
    page = client.get(
        url("action_create", team["organisation"])
        + f"?idea=after-action-reviews&policy={team['policy'].pk}"
    ).content.decode()
    assert 'value="Make short after-action reviews a habit"' in page
    assert f'<option value="{team["policy"].pk}" selected>' in page


def test_a_leader_updates_progress_on_their_own_action(client, team):
    action = ActionFactory(organisation=team["organisation"], owner=team["leader_person"])
    client.force_login(team["leader"])
    detail = client.get(url("action_detail", team["organisation"], action.pk)).content.decode()
    assert "Record progress" in detail
    assert "Edit action" not in detail
    response = client.post(
        url("action_progress", team["organisation"], action.pk),
        {"status": "in_progress", "text": "First two teams started.", "metric_value": "11"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    assert float(action.metric_current) == 11
    note = ProgressNote.objects.get()
    assert (note.author, note.text) == (team["leader"], "First two teams started.")


def test_a_leader_may_not_update_progress_on_someone_elses_action(client, team):
    action = ActionFactory(organisation=team["organisation"], owner=team["other_leader_person"])
    client.force_login(team["leader"])
    detail = client.get(url("action_detail", team["organisation"], action.pk)).content.decode()
    assert "Record progress" not in detail
    progress_url = url("action_progress", team["organisation"], action.pk)
    assert client.get(progress_url).status_code == 403
    response = client.post(progress_url, {"status": "done", "text": "Sneaky."})
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.status == ActionStatus.PLANNED
    assert not ProgressNote.objects.exists()


def test_a_leader_may_not_edit_even_their_own_action(client, team):
    action = ActionFactory(organisation=team["organisation"], owner=team["leader_person"])
    client.force_login(team["leader"])
    assert client.get(url("action_edit", team["organisation"], action.pk)).status_code == 403


def test_a_viewer_reads_actions_but_cannot_change_them(client, team):
    action = ActionFactory(
        organisation=team["organisation"], owner=team["leader_person"], title="Seen"
    )
    client.force_login(team["viewer"])
    detail = client.get(url("action_detail", team["organisation"], action.pk)).content.decode()
    assert "Seen" in detail
    assert "Record progress" not in detail
    assert "Edit action" not in detail
    response = client.post(
        url("action_progress", team["organisation"], action.pk), {"status": "done", "text": "x"}
    )
    assert response.status_code == 403


def test_a_progress_note_without_text_is_refused_next_to_the_field(client, team):
    action = ActionFactory(organisation=team["organisation"], owner=team["leader_person"])
    client.force_login(team["leader"])
    response = client.post(
        url("action_progress", team["organisation"], action.pk),
        {"status": "done", "text": "", "metric_value": "abc"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="error_1_id_text"' in html
    assert 'id="error_1_id_metric_value"' in html


def test_an_owner_edits_an_action(client, team):
    action = ActionFactory(organisation=team["organisation"], owner=team["leader_person"])
    client.force_login(team["owner"])
    client.post(
        url("action_edit", team["organisation"], action.pk),
        action_body(team, title="Renamed", owner=team["other_leader_person"].pk),
    )
    action.refresh_from_db()
    assert (action.title, action.owner) == ("Renamed", team["other_leader_person"])


def test_the_vision_is_written_and_shown_on_the_kernel(client, team):
    client.force_login(team["owner"])
    client.post(
        url("vision_edit", team["organisation"]),
        {"statement": "Everyone learns in the flow of work.", "target_year": "2031"},
    )
    assert Vision.objects.get(organisation=team["organisation"]).target_year == 2031
    page = client.get(url("actions_index", team["organisation"])).content.decode()
    assert "Everyone learns in the flow of work." in page


def test_the_action_list_filters_by_owner_status_and_quadrant(client, team):
    organisation = team["organisation"]
    ActionFactory(organisation=organisation, owner=team["leader_person"], title="Mine planned")
    ActionFactory(
        organisation=organisation,
        owner=team["leader_person"],
        title="Mine done",
        status=ActionStatus.DONE,
        quadrant="organisational_generative",
    )
    ActionFactory(organisation=organisation, owner=team["other_leader_person"], title="Theirs")
    client.force_login(team["viewer"])

    def titles(query: str) -> set[str]:
        html = client.get(url("action_list", organisation) + query).content.decode()
        return {t for t in ("Mine planned", "Mine done", "Theirs") if t in html}

    assert titles("") == {"Mine planned", "Mine done", "Theirs"}
    assert titles(f"?owner={team['leader_person'].pk}") == {"Mine planned", "Mine done"}
    assert titles("?status=done") == {"Mine done"}
    assert titles("?quadrant=organisational_generative") == {"Mine done"}
    assert titles(f"?owner={team['leader_person'].pk}&status=planned") == {"Mine planned"}
    # Nonsense filters are shown as errors, never as a server error.
    response = client.get(url("action_list", organisation) + "?owner=abc&status=nope")
    assert response.status_code == 200


def test_the_strategy_pages_run_a_fixed_number_of_queries(
    client, team, django_assert_max_num_queries
):
    organisation = team["organisation"]
    build_scenario(organisation=organisation)  # so the diagnosis inputs are read too
    client.force_login(team["owner"])
    # Each strategy reads the framework of the current round: two queries (its dimensions);
    # the top navigation asks once whether the caller advises any organisation (+1).
    pages = {
        "actions_index": 18,  # the framework's dimensions (+2), its blocks and norms (+1)
        "action_list": 6,
        "coherence_check": 18,
        "roadmap": 13,
        "accountability_matrix": 13,
    }

    def grow(n: int) -> None:
        for index in range(n):
            challenge = KeyChallengeFactory(organisation=organisation)
            policy = PolicyFactory(organisation=organisation, challenges=[challenge])
            ActionFactory(
                organisation=organisation,
                policy=policy,
                owner=(team["leader_person"], team["other_leader_person"])[index % 2],
                end_date=datetime.date(2020, 1, 1) if index % 3 == 0 else None,
                start_date=datetime.date(2019, 1, 1) if index % 3 == 0 else None,
                horizon="vision",
            )

    for n in (2, 12):
        grow(n)
        for name, limit in pages.items():
            with django_assert_max_num_queries(limit):
                assert client.get(url(name, organisation)).status_code == 200, name
