"""The consultant's client overview: clients side by side from their stored snapshots."""

import datetime
import io

import pandas as pd
import pytest
from django.urls import reverse

from actions.models import ActionStatus
from diagnosis.models import AssessmentStatus
from organisations.models import Role
from reports import services
from tests.actions.factories import ActionFactory
from tests.diagnosis.factories import AssessmentFactory, RespondentFactory
from tests.diagnosis.instrument_scenario import build_instrument_round
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.reports.factories import answer_everything, answered_assessment

pytestmark = pytest.mark.django_db

OVERVIEW = "portfolio_overview"


def client_of(consultant, name, *, respondents=4, likert=None, invited=0):
    """An organisation the consultant advises, with a round of ``respondents`` submitted
    (and ``invited`` more who have not answered), and its snapshot."""
    organisation = OrganisationFactory(name=name)
    MembershipFactory(user=consultant, organisation=organisation, role=Role.CONSULTANT)
    assessment = answered_assessment(organisation, respondents=respondents, likert=likert)
    for _ in range(invited):
        RespondentFactory(assessment=assessment)
    services.snapshot_build(organisation, force=True)
    return organisation


@pytest.fixture
def consultant(default_framework):
    """A consultant; each `client_of` makes them a client's consultant."""
    return UserFactory()


def overview(client, user):
    client.force_login(user)
    return client.get(reverse(OVERVIEW))


def test_clients_are_compared_on_response_rate_coherence_and_actions(client, consultant):
    north = client_of(consultant, "North Logistics", respondents=3, invited=1)
    ActionFactory(organisation=north, status=ActionStatus.DONE)
    ActionFactory(
        organisation=north,
        status=ActionStatus.IN_PROGRESS,
        end_date=datetime.date.today() - datetime.timedelta(days=2),
    )
    services.snapshot_build(north, force=True)
    client_of(consultant, "South Care", respondents=4)
    response = overview(client, consultant)
    page = response.text
    assert page.index("North Logistics") < page.index("South Care")
    comparison = response.context["comparison"]
    north_row, _south = comparison.clients
    assert north_row.response_rate == 75
    assert "75% <span" in page
    assert "(3 of 4)" in page
    assert "100% <span" in page
    assert "(4 of 4)" in page
    assert north_row.statuses == {"done": 1, "in_progress": 1}
    assert "1 done · 1 in progress" in page
    assert "1 overdue" in page
    assert north_row.coherence is not None
    assert f"{round(north_row.coherence)} / 100" in page
    assert "No actions yet" in page  # South Care


def test_clients_on_the_same_framework_are_compared_dimension_by_dimension(client, consultant):
    client_of(consultant, "North Logistics", likert=2)
    client_of(consultant, "South Care", likert=4)
    comparison = overview(client, consultant).context["comparison"]
    (group,) = comparison.groups
    assert [c.organisation.name for c in group.clients] == ["North Logistics", "South Care"]
    assert len(group.dimensions) >= 6
    heat = group.chart["figure"]["data"][0]
    assert heat["type"] == "heatmap"
    assert heat["x"] == ["North<br>Logistics", "South Care"]
    assert len(heat["y"]) == len(group.dimensions)
    assert all(north < south for north, south in heat["z"])
    assert group.chart["table"]["rows"][0][0] == "North Logistics"


def test_clients_on_different_frameworks_are_not_compared_per_dimension_and_the_page_says_so(
    client, consultant
):
    client_of(consultant, "North Logistics")
    team = OrganisationFactory(name="Team Climate Co")
    MembershipFactory(user=consultant, organisation=team, role=Role.CONSULTANT)
    build_instrument_round(organisation=team)
    services.snapshot_build(team, force=True)
    response = overview(client, consultant)
    groups = response.context["comparison"].groups
    assert [[c.organisation.name for c in g.clients] for g in groups] == [
        ["North Logistics"],
        ["Team Climate Co"],
    ]
    assert "Your clients use different frameworks." in response.text
    assert "Dimensions on Team climate" in response.text
    codes = {code for code, _name in groups[1].dimensions}
    assert codes == {"dialogue", "experiment", "support"}


def test_a_client_below_its_reporting_minimum_is_never_shown(client, consultant):
    client_of(consultant, "North Logistics")
    quiet = OrganisationFactory(name="Quiet Ltd")
    MembershipFactory(user=consultant, organisation=quiet, role=Role.CONSULTANT)
    assessment = AssessmentFactory(organisation=quiet, status=AssessmentStatus.OPEN)
    for number in range(2):
        answer_everything(RespondentFactory(assessment=assessment), seed=number)
    services.snapshot_build(quiet, force=True)
    response = overview(client, consultant)
    quiet_row = next(c for c in response.context["comparison"].clients if c.organisation == quiet)
    assert quiet_row.scores == {}
    assert quiet_row.response_rate is None
    assert "1 more response needed" in response.text
    (group,) = response.context["comparison"].groups
    assert [c.organisation.name for c in group.clients] == ["North Logistics"]
    assert "Quiet" not in str(response.context["figures"])
    assert "Logistics" in str(response.context["figures"])


@pytest.mark.parametrize("clients", [2, 5])
def test_the_overview_runs_the_same_queries_whatever_the_number_of_clients(
    client, consultant, clients, django_assert_max_num_queries
):
    for number in range(clients):
        client_of(consultant, f"Client {number}")
    client.force_login(consultant)
    with django_assert_max_num_queries(6):
        response = client.get(reverse(OVERVIEW))
    assert len(response.context["comparison"].clients) == clients
    with django_assert_max_num_queries(6):
        assert client.get(reverse("portfolio_overview_xlsx")).status_code == 200


def test_the_overview_downloads_as_a_workbook_with_the_same_table(client, consultant):
    client_of(consultant, "North Logistics", respondents=3, invited=1)
    client_of(consultant, "=cmd|' /C calc'!A0", respondents=4)
    client.force_login(consultant)
    response = client.get(reverse("portfolio_overview_xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheets = pd.read_excel(io.BytesIO(response.content), sheet_name=None)
    clients = sheets["Clients"].set_index("Organisation")
    assert clients.loc["North Logistics", "Response rate (%)"] == 75
    assert clients.loc["North Logistics", "Submitted"] == 3
    assert "'=cmd|' /C calc'!A0" in clients.index  # a formula is neutralised
    (dimensions,) = [frame for title, frame in sheets.items() if title != "Clients"]
    assert "North Logistics" in set(dimensions["Organisation"])
    page = overview(client, consultant).context["comparison"]
    first = page.groups[0]
    assert list(dimensions.columns[1:]) == [name for _code, name in first.dimensions]


def test_only_the_organisations_one_advises_are_compared(client, consultant):
    client_of(consultant, "North Logistics")
    led = MembershipFactory(user=consultant, role=Role.LEADER, organisation__name="Own Firm")
    response = overview(client, consultant)
    assert "North Logistics" in response.text
    assert led.organisation.name not in response.text


@pytest.mark.parametrize("role", [Role.OWNER, Role.LEADER, Role.VIEWER])
def test_someone_who_advises_nobody_may_not_open_the_overview(client, role):
    member = MembershipFactory(role=role).user
    assert overview(client, member).status_code == 403
    assert client.get(reverse("portfolio_overview_xlsx")).status_code == 403
    MembershipFactory(user=member, role=Role.CONSULTANT)
    assert client.get(reverse(OVERVIEW)).status_code == 200
