import pytest

from actions import demo as actions_demo
from actions.models import Action, PerformanceGap, Recommendation
from actions.selectors import coherence_report
from diagnosis import demo as diagnosis_demo
from maturity import demo as maturity_demo
from organisations.demo import HARBOUR, NORTHWIND, seed_demo_organisations
from organisations.models import Organisation
from policy import demo as policy_demo
from policy.models import Policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    seed_demo_organisations()
    maturity_demo.seed_demo()
    diagnosis_demo.seed_demo()
    policy_demo.seed_demo()
    actions_demo.seed_demo()
    return {slug: Organisation.objects.get(slug=slug) for slug in (NORTHWIND, HARBOUR)}


def rules(organisation) -> set[str]:
    return {finding.rule for finding in coherence_report(organisation).report.findings}


def test_northwind_has_a_complete_and_coherent_strategy(seeded):
    result = coherence_report(seeded[NORTHWIND])
    strategy, report = result.strategy, result.report
    assert report.findings == ()
    assert report.score == 100
    assert report.balance.distance is not None
    assert report.balance.distance < 5
    assert {a.horizon for a in strategy.actions} == {"vision", "plan", "now"}
    assert len({a.quadrant for a in strategy.actions}) == 4
    assert {a.owner_name.split()[0] for a in strategy.actions} >= {"Lena", "Marcus", "Priya", "Tom"}
    learning_gap = PerformanceGap.objects.get(organisation=seeded[NORTHWIND], cause="learning")
    assert learning_gap.action is not None
    assert Recommendation.objects.filter(organisation=seeded[NORTHWIND]).exists()


def test_harbour_health_has_a_deliberately_incoherent_strategy(seeded):
    found = rules(seeded[HARBOUR])
    assert {
        "challenge_without_policy",
        "policy_without_action",
        "action_overdue",
        "quadrant_imbalance",
        "no_vision",
    } <= found
    assert coherence_report(seeded[HARBOUR]).report.score < 50


def test_seeding_the_demo_twice_changes_nothing(seeded):
    counts = (Policy.objects.count(), Action.objects.count(), PerformanceGap.objects.count())
    policy_demo.seed_demo()
    actions_demo.seed_demo()
    assert (
        Policy.objects.count(),
        Action.objects.count(),
        PerformanceGap.objects.count(),
    ) == counts
    assert coherence_report(seeded[NORTHWIND]).report.score == 100
