"""The dashboard, its freshness line and the client overview read snapshots only."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from organisations.models import Role
from reports import services
from reports.versioning import bump_data_version
from tests.actions.factories import ActionFactory
from tests.diagnosis.factories import RespondentFactory
from tests.factories import MembershipFactory
from tests.reports.factories import answer_everything

pytestmark = pytest.mark.django_db


def test_an_organisation_without_data_explains_how_to_start(client, viewer):
    client.force_login(viewer.user)
    response = client.get(reverse("dashboard", args=[viewer.organisation.slug]))
    assert response.status_code == 200
    assert "Nothing to show yet." in response.text
    assert "leader starts the round and invites the leadership team" in response.text


def test_the_owner_is_pointed_at_the_diagnosis_when_there_is_nothing_yet(client, viewer):
    owner = MembershipFactory(organisation=viewer.organisation, role=Role.OWNER)
    client.force_login(owner.user)
    response = client.get(reverse("dashboard", args=[viewer.organisation.slug]))
    assert "Start a diagnostic round" in response.text


def test_the_dashboard_shows_every_chart_with_its_text_alternative_and_table(
    client, built_dashboard, viewer
):
    organisation, _snapshot = built_dashboard
    client.force_login(viewer.user)
    response = client.get(reverse("dashboard", args=[organisation.slug]))
    assert response.status_code == 200
    figures = response.context["figures"]
    assert {"overall", "features", "quadrants", "capabilities", "culture", "roadmap"} <= set(
        figures
    )
    for chart in response.context["charts"]:
        if chart["figure"]:
            assert f'role="img" aria-label="{escape(chart["summary"])}"' in response.text
            assert f'<p class="chart-summary mt-2 mb-1">{escape(chart["summary"])}</p>' in (
                response.text
            )
    assert response.text.count("<details") == len(figures)
    assert 'id="dashboard-figures"' in response.text
    assert "<script>" not in response.text  # no inline script: the CSP forbids it


def test_the_dashboard_speaks_dutch(client, built_dashboard, viewer):
    organisation, _snapshot = built_dashboard
    client.force_login(viewer.user)
    response = client.get(
        reverse("dashboard", args=[organisation.slug]), headers={"accept-language": "nl"}
    )
    assert "Gegevenstabel" in response.text
    assert "Algemene volwassenheid" in response.text


def test_the_dashboard_query_count_does_not_grow_with_respondents_or_actions(
    client, built_dashboard, viewer, django_assert_max_num_queries
):
    organisation, snapshot = built_dashboard
    client.force_login(viewer.user)
    url = reverse("dashboard", args=[organisation.slug])
    with django_assert_max_num_queries(6) as small:
        client.get(url)
    assessment = snapshot.scores["assessment"]["id"]
    for number in range(20):
        respondent = RespondentFactory(assessment_id=assessment, organisation=organisation)
        answer_everything(respondent, seed=number)
    ActionFactory.create_batch(15, organisation=organisation)
    services.snapshot_build(organisation)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert "26 submitted responses" in response.text


def test_the_freshness_line_says_updating_while_the_data_is_newer(client, built_dashboard, viewer):
    organisation, snapshot = built_dashboard
    client.force_login(viewer.user)
    url = reverse("dashboard_freshness", args=[organisation.slug])
    assert "Updated just now" in client.get(url, {"shown": snapshot.pk}).text
    bump_data_version(organisation.pk)
    response = client.get(url, {"shown": snapshot.pk}, headers={"hx-request": "true"})
    assert "Updating…" in response.text
    assert "HX-Refresh" not in response.headers


def test_the_freshness_line_reloads_the_page_once_newer_figures_are_ready(
    client, built_dashboard, viewer
):
    organisation, shown = built_dashboard
    bump_data_version(organisation.pk)
    newer = services.snapshot_build(organisation)
    client.force_login(viewer.user)
    url = reverse("dashboard_freshness", args=[organisation.slug])
    response = client.get(url, {"shown": shown.pk}, headers={"hx-request": "true"})
    assert response.headers["HX-Refresh"] == "true"
    response = client.get(url, {"shown": newer.pk}, headers={"hx-request": "true"})
    assert "HX-Refresh" not in response.headers


def test_a_garbled_shown_parameter_is_not_an_error(client, built_dashboard, viewer):
    organisation, _snapshot = built_dashboard
    client.force_login(viewer.user)
    url = reverse("dashboard_freshness", args=[organisation.slug])
    assert client.get(url, {"shown": "x'--"}).status_code == 200


def test_the_client_overview_lists_maturity_and_freshness_in_constant_queries(
    client, built_dashboard, viewer, django_assert_max_num_queries
):
    organisation, snapshot = built_dashboard
    consultant = MembershipFactory(organisation=organisation, role=Role.CONSULTANT).user
    for _ in range(5):
        MembershipFactory(user=consultant, role=Role.CONSULTANT)
    client.force_login(consultant)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("portfolio_overview"))
    overall = snapshot.scores["results"]["overall"]
    assert f"{overall['score']:.1f} / 5 · level {overall['level']}" in response.text
    assert response.text.count("No answers yet") == 5
    assert "Updated" in response.text
