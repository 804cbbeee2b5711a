import datetime

import pytest
from django.urls import reverse

from actions.models import ActionStatus, Horizon, ProgressNote
from organisations.models import Role
from tests.actions.factories import ActionFactory
from tests.factories import MembershipFactory, person_of

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def team():
    leader = MembershipFactory(role=Role.LEADER)
    organisation = leader.organisation
    other = MembershipFactory(organisation=organisation, role=Role.LEADER)
    viewer = MembershipFactory(organisation=organisation, role=Role.VIEWER)
    return {
        "organisation": organisation,
        "leader": leader.user,
        "person": person_of(leader.user, organisation),
        "other_person": person_of(other.user, organisation),
        "viewer": viewer.user,
    }


def mine_url(organisation):
    return reverse("my_actions", args=[organisation.slug])


def test_a_leader_sees_the_actions_they_own_with_due_date_horizon_and_status(client, team):
    organisation = team["organisation"]
    late = ActionFactory(
        organisation=organisation,
        owner=team["person"],
        title="Coach planners",
        end_date=TODAY - datetime.timedelta(days=3),
        status=ActionStatus.IN_PROGRESS,
    )
    later = ActionFactory(
        organisation=organisation,
        owner=team["person"],
        title="Open the learning hour",
        end_date=TODAY + datetime.timedelta(days=30),
        horizon=Horizon.PLAN,
    )
    ActionFactory(organisation=organisation, owner=team["other_person"], title="Someone else's")
    client.force_login(team["leader"])
    page = client.get(mine_url(organisation)).content.decode()
    assert "Someone else&#x27;s" not in page
    assert "Someone else's" not in page
    assert page.index("Coach planners") < page.index("Open the learning hour")  # by due date
    assert reverse("action_detail", args=[organisation.slug, late.pk]) in page
    assert reverse("action_detail", args=[organisation.slug, later.pk]) in page
    assert "You own 2 actions of this strategy." in page
    assert "1 is overdue." in page
    assert page.count(">Overdue<") == 1
    assert "Two-year plan" in page
    assert "In progress" in page


def test_a_finished_action_past_its_end_date_is_not_overdue(client, team):
    ActionFactory(
        organisation=team["organisation"],
        owner=team["person"],
        end_date=TODAY - datetime.timedelta(days=3),
        status=ActionStatus.DONE,
    )
    ActionFactory(
        organisation=team["organisation"],
        owner=team["person"],
        end_date=TODAY - datetime.timedelta(days=3),
    )
    client.force_login(team["leader"])
    page = client.get(mine_url(team["organisation"])).content.decode()
    assert page.count(">Overdue<") == 1


def test_a_leader_updates_the_status_from_my_actions_and_comes_back_to_it(client, team):
    action = ActionFactory(organisation=team["organisation"], owner=team["person"])
    client.force_login(team["leader"])
    page = client.get(mine_url(team["organisation"])).content.decode()
    assert "Update status" in page
    response = client.post(
        reverse("action_progress", args=[team["organisation"].slug, action.pk]),
        {"back": "mine", "status": "done", "text": "All teams run reviews."},
    )
    assert response.url == mine_url(team["organisation"])
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert ProgressNote.objects.get().text == "All teams run reviews."


def test_a_status_update_without_a_note_shows_the_error_and_still_comes_back(client, team):
    action = ActionFactory(organisation=team["organisation"], owner=team["person"])
    client.force_login(team["leader"])
    response = client.post(
        reverse("action_progress", args=[team["organisation"].slug, action.pk]),
        {"back": "mine", "status": "done", "text": ""},
    )
    page = response.content.decode()
    assert 'id="error_1_id_text"' in page
    assert '<input type="hidden" name="back" value="mine">' in page


def test_a_viewer_who_owns_an_action_sees_it_but_cannot_update_it(client, team):
    viewer_person = person_of(team["viewer"], team["organisation"])
    ActionFactory(organisation=team["organisation"], owner=viewer_person, title="Read the plan")
    client.force_login(team["viewer"])
    page = client.get(mine_url(team["organisation"])).content.decode()
    assert "Read the plan" in page
    assert "Update status" not in page


def test_someone_without_actions_is_told_so(client, team):
    client.force_login(team["viewer"])
    page = client.get(mine_url(team["organisation"])).content.decode()
    assert "You own no actions of this strategy yet." in page
    ActionFactory(
        organisation=team["organisation"], owner=person_of(team["viewer"], team["organisation"])
    )
    page = client.get(mine_url(team["organisation"])).content.decode()
    assert "You own no actions of this strategy yet." not in page


def test_my_actions_is_in_the_organisations_navigation(client, team):
    client.force_login(team["leader"])
    page = client.get(reverse("organisation_overview", args=[team["organisation"].slug]))
    assert f'href="{mine_url(team["organisation"])}"' in page.content.decode()


def test_my_actions_runs_a_fixed_number_of_queries(client, team, django_assert_max_num_queries):
    for _ in range(6):
        ActionFactory(organisation=team["organisation"], owner=team["person"])
    client.force_login(team["leader"])
    with django_assert_max_num_queries(8):
        assert client.get(mine_url(team["organisation"])).status_code == 200
