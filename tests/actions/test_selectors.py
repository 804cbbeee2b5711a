import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actions.coherence import Link
from actions.diagnosis_inputs import diagnosis_inputs
from actions.models import Vision
from actions.selectors import coherence_report, load_strategy
from organisations.models import Role
from tests.actions.factories import ActionFactory
from tests.diagnosis.factories import KeyChallengeFactory
from tests.diagnosis.results_scenario import build_scenario
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, person_of
from tests.policy.factories import PolicyFactory

pytestmark = pytest.mark.django_db


def test_a_strategy_is_loaded_into_plain_data():
    leader = MembershipFactory(role=Role.LEADER, user__first_name="Ada", user__last_name="Lee")
    organisation = leader.organisation
    first, second = KeyChallengeFactory.create_batch(2, organisation=organisation)
    policy = PolicyFactory(organisation=organisation, challenges=[first, second])
    retired = PolicyFactory(
        organisation=organisation, retired_at=timezone.now(), challenges=[first]
    )
    action = ActionFactory(
        organisation=organisation,
        policy=policy,
        owner=person_of(leader.user, organisation),
        dimensions=["f4-autonomy"],
        end_date=datetime.date(2026, 3, 31),
    )
    # A leadership-team member without a login, on the roster only, is accountable too.
    no_login = ActionFactory(
        organisation=organisation,
        policy=policy,
        owner=PersonFactory(organisation=organisation, name="Bo Invited", group="leadership"),
    )
    Vision.objects.create(organisation=organisation, statement="Learning everywhere.")
    KeyChallengeFactory(organisation=OrganisationFactory())  # another organisation's

    strategy = load_strategy(organisation, today=datetime.date(2026, 4, 1))

    assert [c.id for c in strategy.challenges] == [first.pk, second.pk]
    assert strategy.policies[0].challenge_ids == tuple(sorted([first.pk, second.pk]))
    assert [p.id for p in strategy.active_policies] == [policy.pk]
    assert strategy.policies[1].id == retired.pk
    assert strategy.policies[1].retired
    loaded = {a.id: a for a in strategy.actions}
    assert loaded[action.pk].owner_name == "Ada Lee"
    assert loaded[action.pk].dimensions == ("f4-autonomy",)
    assert loaded[action.pk].is_overdue(strategy.today)
    assert loaded[no_login.pk].owner_id == no_login.owner_id
    assert "Bo Invited" in [leader.name for leader in strategy.leaders]
    assert strategy.vision == "Learning everywhere."
    assert strategy.org_slug == organisation.slug
    assert strategy.dimension_names["f4-autonomy"]


def test_loading_a_strategy_costs_the_same_queries_however_big_it_is():
    organisation = OrganisationFactory()
    build_scenario(organisation=organisation)
    ActionFactory(organisation=organisation)
    with CaptureQueriesContext(connection) as small:
        coherence_report(organisation)
    for _ in range(10):
        ActionFactory(organisation=organisation, policy=PolicyFactory(organisation=organisation))
    with CaptureQueriesContext(connection) as large:
        report = coherence_report(organisation)
    assert len(large.captured_queries) == len(small.captured_queries) <= 14
    assert report.strategy.desired_quadrants is not None
    assert len(report.strategy.actions) == 11


def test_the_diagnosis_gives_the_desired_balance_and_the_weakest_features(default_framework):
    organisation = OrganisationFactory()
    build_scenario(organisation=organisation)
    inputs = diagnosis_inputs(organisation)
    assert inputs.desired_quadrants == pytest.approx(
        {
            "individual_productive": 32.5,
            "organisational_productive": 22.5,
            "individual_generative": 22.5,
            "organisational_generative": 22.5,
        }
    )
    assert inputs.weakest_dimensions == ("f4-autonomy",)
    assert inputs.dimension_names["f4-autonomy"]


def test_without_an_assessment_there_are_no_diagnosis_inputs():
    inputs = diagnosis_inputs(OrganisationFactory())
    assert inputs.desired_quadrants is None
    assert inputs.weakest_dimensions == ()


def test_a_link_builds_the_url_with_its_query_string():
    link = Link("policy_create", {"org_slug": "acme"}, {"challenge": 7})
    assert link.href() == "/orgs/acme/policy/new/?challenge=7"
    assert Link("vision_edit", {"org_slug": "acme"}).href() == "/orgs/acme/actions/vision/"
